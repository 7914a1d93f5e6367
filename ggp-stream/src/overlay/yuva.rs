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

/// Premultiplied YUVA 4:2:0 planes of an overlay, with the span of visible pixels per row.
#[derive(Debug, Clone)]
pub struct YuvaOverlay {
    width: usize,
    height: usize,
    /// Premultiplied luma: `16*a/255 + Y(rgb')`, so that out = y + (255 - a) * video / 255.
    luma: Vec<u8>,
    luma_alpha: Vec<u8>,
    /// Columns `[start, end)` of each luma row with any alpha; empty rows have start == end.
    luma_spans: Vec<(usize, usize)>,
    chroma_width: usize,
    cb: Vec<u8>,
    cr: Vec<u8>,
    chroma_alpha: Vec<u8>,
    chroma_spans: Vec<(usize, usize)>,
}

/// `(x + 127) / 255` without a division, exact for x in 0..=65025.
#[inline]
fn div255(x: u32) -> u32 {
    let t = x + 128;
    (t + (t >> 8)) >> 8
}

fn span(alpha: &[u8]) -> (usize, usize) {
    let start = alpha.iter().position(|&a| a != 0);
    match start {
        Some(start) => {
            let end = alpha.iter().rposition(|&a| a != 0).map_or(start, |e| e + 1);
            (start, end)
        }
        None => (0, 0),
    }
}

impl YuvaOverlay {
    /// Converts a premultiplied RGBA overlay.
    pub fn from_rgba(image: &OverlayImage) -> Result<Self, StreamError> {
        let width = image.width as usize;
        let height = image.height as usize;
        if image.rgba.len() != width * height * 4 {
            return Err(StreamError::InvalidConfig {
                target: "overlay".into(),
                reason: format!(
                    "{}x{} overlay has {} bytes, expected {}",
                    width,
                    height,
                    image.rgba.len(),
                    width * height * 4
                ),
            });
        }
        let mut luma = vec![0u8; width * height];
        let mut luma_alpha = vec![0u8; width * height];
        for (i, px) in image.rgba.chunks_exact(4).enumerate() {
            // Most of a broadcast overlay is fully transparent: nothing to compute there.
            if px[3] == 0 {
                continue;
            }
            let (r, g, b, a) = (
                i32::from(px[0]),
                i32::from(px[1]),
                i32::from(px[2]),
                i32::from(px[3]),
            );
            let y = (16 * a + 127) / 255 + ((66 * r + 129 * g + 25 * b + 128) >> 8);
            luma[i] = y.clamp(0, 255) as u8;
            luma_alpha[i] = a as u8;
        }
        let luma_spans = luma_alpha.chunks_exact(width.max(1)).map(span).collect();
        let chroma_width = width.div_ceil(2);
        let chroma_height = height.div_ceil(2);
        let mut cb = vec![0u8; chroma_width * chroma_height];
        let mut cr = vec![0u8; chroma_width * chroma_height];
        let mut chroma_alpha = vec![0u8; chroma_width * chroma_height];
        for cy in 0..chroma_height {
            for cx in 0..chroma_width {
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
                cb[i] = u.clamp(0, 255) as u8;
                cr[i] = v.clamp(0, 255) as u8;
                chroma_alpha[i] = a as u8;
            }
        }
        let chroma_spans = chroma_alpha
            .chunks_exact(chroma_width.max(1))
            .map(span)
            .collect();
        Ok(YuvaOverlay {
            width,
            height,
            luma,
            luma_alpha,
            luma_spans,
            chroma_width,
            cb,
            cr,
            chroma_alpha,
            chroma_spans,
        })
    }

    /// Whether nothing would be drawn.
    pub fn is_empty(&self) -> bool {
        self.luma_spans.iter().all(|(s, e)| s == e)
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
        blend_plane(
            frame,
            0,
            self.width,
            &self.luma,
            &self.luma_alpha,
            &self.luma_spans,
        );
        blend_plane(
            frame,
            1,
            self.chroma_width,
            &self.cb,
            &self.chroma_alpha,
            &self.chroma_spans,
        );
        blend_plane(
            frame,
            2,
            self.chroma_width,
            &self.cr,
            &self.chroma_alpha,
            &self.chroma_spans,
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
    spans: &[(usize, usize)],
) {
    let stride = frame.stride(plane);
    let data = frame.data_mut(plane);
    for (row, &(start, end)) in spans.iter().enumerate() {
        if start == end {
            continue;
        }
        let src = row * width;
        let Some(dst) = data.get_mut(row * stride + start..row * stride + end) else {
            continue;
        };
        let values = &values[src + start..src + end];
        let alpha = &alpha[src + start..src + end];
        for ((d, &v), &a) in dst.iter_mut().zip(values).zip(alpha) {
            let inverse = 255 - u32::from(a);
            *d = (u32::from(v) + div255(inverse * u32::from(*d))).min(255) as u8;
        }
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
