//! An overlay converted once to the video's YUV 4:2:0 layout, and its blend into frames.
//!
//! Graphics change a few times a minute while the video brings 30 or 60 frames a second,
//! so the RGBA image is converted to premultiplied Y, U, V and alpha planes once per
//! change, and each frame only blends those planes into its own, row span by row span,
//! touching no pixel the graphics leave transparent. This avoids converting every video
//! frame to RGBA and back (what a generic compositor does), which costs more than the
//! decode itself at 1080p. Colours use BT.601 limited range, like FFmpeg's `overlay` filter.

use ffmpeg_next as ffmpeg;

use super::OverlayImage;
use crate::StreamError;

/// Premultiplied YUVA 4:2:0 planes of an overlay, with the runs of visible pixels per row.
#[derive(Debug, Clone)]
pub struct YuvaOverlay {
    width: usize,
    height: usize,
    /// Premultiplied luma: `16*a/255 + Y(rgb')`, so that out = y + (255 - a) * video / 255.
    luma: Vec<u8>,
    luma_alpha: Vec<u8>,
    /// The visible runs of the luma plane; a frame's other pixels are never touched.
    luma_runs: Vec<Run>,
    chroma_width: usize,
    cb: Vec<u8>,
    cr: Vec<u8>,
    chroma_alpha: Vec<u8>,
    chroma_runs: Vec<Run>,
}

/// Columns `[start, end)` of one row holding visible pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    row: usize,
    start: usize,
    end: usize,
}

/// Transparent gaps shorter than this are blended through rather than split into two
/// runs: a blend of a few transparent pixels costs less than starting a new run.
const MIN_GAP: usize = 32;

/// Appends the visible runs of `alpha` (one row) to `runs`.
fn push_runs(row: usize, alpha: &[u8], runs: &mut Vec<Run>) {
    let mut x = 0;
    let first_of_row = runs.len();
    while x < alpha.len() {
        // Skip transparent pixels eight at a time: most of a broadcast overlay is empty.
        while x + 8 <= alpha.len() && alpha[x..x + 8].iter().all(|&a| a == 0) {
            x += 8;
        }
        while x < alpha.len() && alpha[x] == 0 {
            x += 1;
        }
        if x == alpha.len() {
            break;
        }
        let start = x;
        while x < alpha.len() && alpha[x] != 0 {
            x += 1;
        }
        let in_row = runs.len() > first_of_row;
        match runs.last_mut() {
            Some(last) if in_row && start - last.end < MIN_GAP => {
                last.end = x;
            }
            _ => runs.push(Run { row, start, end: x }),
        }
    }
}

/// Zeroes the pixels of `runs` in each of `planes` (rows of `width` values).
fn clear_runs(runs: &[Run], width: usize, planes: &mut [&mut Vec<u8>]) {
    for run in runs {
        let range = run.row * width + run.start..run.row * width + run.end;
        for plane in planes.iter_mut() {
            if let Some(values) = plane.get_mut(range.clone()) {
                values.fill(0);
            }
        }
    }
}

fn check_size(image: &OverlayImage) -> Result<(), StreamError> {
    let (width, height) = (image.width as usize, image.height as usize);
    if image.rgba.len() != width * height * 4 {
        return Err(StreamError::InvalidConfig {
            target: "overlay".into(),
            reason: format!(
                "{width}x{height} overlay has {} bytes, expected {}",
                image.rgba.len(),
                width * height * 4
            ),
        });
    }
    Ok(())
}

impl YuvaOverlay {
    /// Converts a premultiplied RGBA overlay.
    pub fn from_rgba(image: &OverlayImage) -> Result<Self, StreamError> {
        check_size(image)?;
        let (width, height) = (image.width as usize, image.height as usize);
        let (chroma_width, chroma_height) = (width.div_ceil(2), height.div_ceil(2));
        let mut overlay = YuvaOverlay {
            width,
            height,
            luma: vec![0; width * height],
            luma_alpha: vec![0; width * height],
            luma_runs: Vec::new(),
            chroma_width,
            cb: vec![0; chroma_width * chroma_height],
            cr: vec![0; chroma_width * chroma_height],
            chroma_alpha: vec![0; chroma_width * chroma_height],
            chroma_runs: Vec::new(),
        };
        overlay.fill(image);
        Ok(overlay)
    }

    /// Converts `image` into this overlay's planes, reusing them when the size is the same
    /// (a transition converts a new picture every frame).
    pub fn update_from_rgba(&mut self, image: &OverlayImage) -> Result<(), StreamError> {
        check_size(image)?;
        if (image.width as usize, image.height as usize) != (self.width, self.height) {
            *self = YuvaOverlay::from_rgba(image)?;
            return Ok(());
        }
        // Everything outside the runs is zero already: clearing the runs clears it all.
        clear_runs(
            &self.luma_runs,
            self.width,
            &mut [&mut self.luma, &mut self.luma_alpha],
        );
        clear_runs(
            &self.chroma_runs,
            self.chroma_width,
            &mut [&mut self.cb, &mut self.cr, &mut self.chroma_alpha],
        );
        self.luma_runs.clear();
        self.chroma_runs.clear();
        self.fill(image);
        Ok(())
    }

    /// Writes `image` (checked to be this overlay's size) into planes that are all zero.
    fn fill(&mut self, image: &OverlayImage) {
        let (width, height) = (self.width, self.height);
        for (row, pixels) in image.rgba.chunks_exact(width.max(1) * 4).enumerate() {
            let luma = &mut self.luma[row * width..(row + 1) * width];
            let luma_alpha = &mut self.luma_alpha[row * width..(row + 1) * width];
            // Most of a broadcast overlay is fully transparent: skip it eight pixels at a
            // time, computing nothing there.
            for ((luma, luma_alpha), pixels) in luma
                .chunks_mut(8)
                .zip(luma_alpha.chunks_mut(8))
                .zip(pixels.chunks(32))
            {
                if pixels.chunks_exact(4).fold(0, |any, px| any | px[3]) == 0 {
                    continue;
                }
                for ((y_out, a_out), px) in luma
                    .iter_mut()
                    .zip(luma_alpha.iter_mut())
                    .zip(pixels.chunks_exact(4))
                {
                    let (r, g, b, a) = (
                        i32::from(px[0]),
                        i32::from(px[1]),
                        i32::from(px[2]),
                        i32::from(px[3]),
                    );
                    let y = (16 * a + 127) / 255 + ((66 * r + 129 * g + 25 * b + 128) >> 8);
                    *y_out = y.clamp(0, 255) as u8;
                    *a_out = a as u8;
                }
            }
        }
        let mut row_extent = vec![(0usize, 0usize); height];
        for (row, alpha) in self.luma_alpha.chunks_exact(width.max(1)).enumerate() {
            let first = self.luma_runs.len();
            push_runs(row, alpha, &mut self.luma_runs);
            if let (Some(first), Some(last)) = (self.luma_runs.get(first), self.luma_runs.last())
                && last.row == row
            {
                row_extent[row] = (first.start, last.end);
            }
        }
        let chroma_width = self.chroma_width;
        let luma_alpha = &self.luma_alpha;
        for cy in 0..height.div_ceil(2) {
            // Only the columns the two luma rows show can hold visible chroma.
            let (start, end) = (2 * cy..(2 * cy + 2).min(height))
                .map(|y| row_extent[y])
                .filter(|(s, e)| s != e)
                .fold((usize::MAX, 0), |(s0, e0), (s, e)| (s0.min(s), e0.max(e)));
            if start >= end {
                continue;
            }
            for cx in start / 2..end.div_ceil(2).min(chroma_width) {
                let rows = (2 * cy)..(2 * cy + 2).min(height);
                let columns = (2 * cx)..(2 * cx + 2).min(width);
                if rows.clone().all(|y| {
                    luma_alpha[y * width + columns.start..y * width + columns.end]
                        .iter()
                        .all(|&a| a == 0)
                }) {
                    continue;
                }
                let (mut r, mut g, mut b, mut a, mut n) = (0i32, 0i32, 0i32, 0i32, 0i32);
                for y in rows {
                    for x in columns.clone() {
                        let p = (y * width + x) * 4;
                        r += i32::from(image.rgba[p]);
                        g += i32::from(image.rgba[p + 1]);
                        b += i32::from(image.rgba[p + 2]);
                        a += i32::from(image.rgba[p + 3]);
                        n += 1;
                    }
                }
                let n = n.max(1);
                let (r, g, b, a) = (r / n, g / n, b / n, a / n);
                let u = (128 * a + 127) / 255 + ((-38 * r - 74 * g + 112 * b + 128) >> 8);
                let v = (128 * a + 127) / 255 + ((112 * r - 94 * g - 18 * b + 128) >> 8);
                let i = cy * chroma_width + cx;
                self.cb[i] = u.clamp(0, 255) as u8;
                self.cr[i] = v.clamp(0, 255) as u8;
                self.chroma_alpha[i] = a as u8;
            }
        }
        for (row, alpha) in self
            .chroma_alpha
            .chunks_exact(chroma_width.max(1))
            .enumerate()
        {
            push_runs(row, alpha, &mut self.chroma_runs);
        }
    }

    /// Whether nothing would be drawn.
    pub fn is_empty(&self) -> bool {
        self.luma_runs.is_empty()
    }

    /// Blends the overlay into a YUV420P frame of the same size, in place.
    pub fn blend_into(&self, frame: &mut ffmpeg::frame::Video) -> Result<(), StreamError> {
        if frame.format() != ffmpeg::format::Pixel::YUV420P
            || frame.width() as usize != self.width
            || frame.height() as usize != self.height
        {
            return Err(StreamError::InvalidConfig {
                target: "compositor".into(),
                reason: format!(
                    "a {}x{} overlay cannot be blended into a {}x{} {:?} frame (YUV420P needed)",
                    self.width,
                    self.height,
                    frame.width(),
                    frame.height(),
                    frame.format()
                ),
            });
        }
        // Pictures share pixels with the delay buffer's copy until one of them is drawn on.
        crate::picture::make_writable(frame)?;
        blend_plane(
            frame,
            0,
            self.width,
            &self.luma,
            &self.luma_alpha,
            &self.luma_runs,
        );
        blend_plane(
            frame,
            1,
            self.chroma_width,
            &self.cb,
            &self.chroma_alpha,
            &self.chroma_runs,
        );
        blend_plane(
            frame,
            2,
            self.chroma_width,
            &self.cr,
            &self.chroma_alpha,
            &self.chroma_runs,
        );
        Ok(())
    }
}

fn blend_plane(
    frame: &mut ffmpeg::frame::Video,
    plane: usize,
    width: usize,
    values: &[u8],
    alpha: &[u8],
    runs: &[Run],
) {
    let stride = frame.stride(plane);
    let data = frame.data_mut(plane);
    for run in runs {
        let src = run.row * width;
        let dst_start = run.row * stride;
        let (Some(dst), Some(values), Some(alpha)) = (
            data.get_mut(dst_start + run.start..dst_start + run.end),
            values.get(src + run.start..src + run.end),
            alpha.get(src + run.start..src + run.end),
        ) else {
            continue;
        };
        blend_row(dst, values, alpha);
    }
}

/// `dst = v + (255 - a) * dst / 255` over one run; written over equal-length slices in
/// 16-bit arithmetic so that the compiler vectorises it (16 pixels an instruction on SSE2).
#[inline]
fn blend_row(dst: &mut [u8], values: &[u8], alpha: &[u8]) {
    let n = dst.len().min(values.len()).min(alpha.len());
    let (dst, values, alpha) = (&mut dst[..n], &values[..n], &alpha[..n]);
    for ((d, &v), &a) in dst.iter_mut().zip(values).zip(alpha) {
        let product = u16::from(255 - a) * u16::from(*d) + 128;
        // (x + (x >> 8)) >> 8 is x / 255 rounded, exact for every product of two bytes.
        let scaled = (product + (product >> 8)) >> 8;
        *d = (u16::from(v) + scaled).min(255) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(width: u32, height: u32, y: u8, u: u8, v: u8) -> ffmpeg::frame::Video {
        let mut frame = ffmpeg::frame::Video::new(ffmpeg::format::Pixel::YUV420P, width, height);
        for (plane, value) in [(0, y), (1, u), (2, v)] {
            frame.data_mut(plane).fill(value);
        }
        frame
    }

    #[test]
    fn opaque_white_becomes_video_white_and_transparent_leaves_the_video() {
        let mut image = OverlayImage::transparent(4, 4);
        // Left half opaque white, right half transparent.
        for y in 0..4 {
            for x in 0..2 {
                let p = (y * 4 + x) * 4;
                image.rgba[p..p + 4].copy_from_slice(&[255, 255, 255, 255]);
            }
        }
        let overlay = YuvaOverlay::from_rgba(&image).expect("converts");
        let mut video = frame(4, 4, 50, 100, 150);
        overlay.blend_into(&mut video).expect("blends");
        let stride = video.stride(0);
        assert_eq!(video.data(0)[0], 235, "white in limited range");
        assert_eq!(video.data(0)[3], 50, "transparent pixels untouched");
        assert_eq!(video.data(0)[stride + 2], 50);
        assert_eq!(video.data(1)[0], 128, "white has neutral chroma");
        assert_eq!(video.data(1)[1], 100);
    }

    #[test]
    fn half_alpha_black_halves_the_distance_to_black() {
        let mut image = OverlayImage::transparent(2, 2);
        for px in image.rgba.chunks_exact_mut(4) {
            px.copy_from_slice(&[0, 0, 0, 128]);
        }
        let overlay = YuvaOverlay::from_rgba(&image).expect("converts");
        let mut video = frame(2, 2, 216, 128, 128);
        overlay.blend_into(&mut video).expect("blends");
        let y = i32::from(video.data(0)[0]);
        // 0.5 * 16 + 0.5 * 216 = 116
        assert!((y - 116).abs() <= 1, "{y}");
    }

    #[test]
    fn runs_blend_exactly_like_the_per_pixel_formula() {
        // Scattered panels with gaps of every width, translucent and opaque.
        let (width, height) = (96u32, 10u32);
        let mut image = OverlayImage::transparent(width, height);
        let mut seed = 7u32;
        for y in 0..height as usize {
            for x in 0..width as usize {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let visible = (x / (3 + y)) % 3 == 0;
                let a = if visible { (seed >> 24) as u8 | 1 } else { 0 };
                let p = (y * width as usize + x) * 4;
                // Premultiplied: colour no brighter than alpha.
                image.rgba[p..p + 4].copy_from_slice(&[a / 2, a, a / 3, a]);
            }
        }
        let overlay = YuvaOverlay::from_rgba(&image).expect("converts");
        let mut video = frame(width, height, 0, 0, 0);
        for (plane, step) in [(0, 3u8), (1, 5), (2, 7)] {
            for (i, v) in video.data_mut(plane).iter_mut().enumerate() {
                *v = (i as u8).wrapping_mul(step);
            }
        }
        let before = video.clone();
        overlay.blend_into(&mut video).expect("blends");
        let planes = [
            (0, width as usize, &overlay.luma, &overlay.luma_alpha),
            (1, overlay.chroma_width, &overlay.cb, &overlay.chroma_alpha),
            (2, overlay.chroma_width, &overlay.cr, &overlay.chroma_alpha),
        ];
        for (plane, plane_width, values, alpha) in planes {
            let stride = video.stride(plane);
            for (i, (&v, &a)) in values.iter().zip(alpha.iter()).enumerate() {
                let at = (i / plane_width) * stride + i % plane_width;
                let d = u32::from(before.data(plane)[at]);
                let expected = (u32::from(v) + ((255 - u32::from(a)) * d + 127) / 255).min(255);
                assert_eq!(
                    u32::from(video.data(plane)[at]),
                    expected,
                    "plane {plane} at {i}"
                );
            }
        }
    }

    #[test]
    fn updating_in_place_equals_converting_afresh() {
        let mut first = OverlayImage::transparent(40, 6);
        let mut second = OverlayImage::transparent(40, 6);
        for x in 0..20 {
            first.rgba[(40 + x) * 4..(40 + x) * 4 + 4].copy_from_slice(&[90, 90, 90, 200]);
            second.rgba[(120 + 20 + x) * 4..(120 + 20 + x) * 4 + 4]
                .copy_from_slice(&[10, 200, 30, 255]);
        }
        let mut reused = YuvaOverlay::from_rgba(&first).expect("converts");
        reused.update_from_rgba(&second).expect("updates");
        let fresh = YuvaOverlay::from_rgba(&second).expect("converts");
        assert_eq!(reused.luma, fresh.luma);
        assert_eq!(reused.luma_alpha, fresh.luma_alpha);
        assert_eq!(reused.luma_runs, fresh.luma_runs);
        assert_eq!(reused.cb, fresh.cb);
        assert_eq!(reused.cr, fresh.cr);
        assert_eq!(reused.chroma_alpha, fresh.chroma_alpha);
        assert_eq!(reused.chroma_runs, fresh.chroma_runs);
    }

    #[test]
    fn a_wrong_size_is_an_error_not_a_panic() {
        let overlay = YuvaOverlay::from_rgba(&OverlayImage::transparent(4, 4)).expect("converts");
        let mut video = frame(8, 8, 0, 0, 0);
        assert!(overlay.blend_into(&mut video).is_err());
        let bad = OverlayImage {
            width: 3,
            height: 3,
            rgba: vec![0; 5],
        };
        assert!(YuvaOverlay::from_rgba(&bad).is_err());
    }
}
