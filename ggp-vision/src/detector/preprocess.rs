//! Pixels into model inputs: the downsized frame for the detector and upright crops of corner
//! indices for the classifier. Both follow `training/generate.py` (area resize, and bilinear
//! samples averaged over k x k sub-samples), so that the models see what they were trained on.

use crate::frame::FrameRef;

/// Classifier crop size in pixels (width, height) and how much of the frame it spans,
/// relative to the index height. Keep equal to `CROP_W`, `CROP_H`, `CROP_SPAN_H` in generate.py.
pub(crate) const CROP_W: usize = 32;
pub(crate) const CROP_H: usize = 48;
pub(crate) const CROP_SPAN_H: f32 = 1.3;
/// The detector needs input sides that are multiples of this.
pub(crate) const SIDE_MULTIPLE: usize = 16;

/// A rectangle of the frame in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Region {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The detector input made from one region: planar RGB floats, 0-255, padded to multiples of 16.
#[derive(Debug)]
pub(crate) struct DetectorInput {
    pub planes: Vec<f32>,
    pub width: usize,
    pub height: usize,
    /// Detector pixels per frame pixel.
    pub scale: f32,
}

/// For each output index along one axis, the source indices and weights of an area resize.
fn area_weights(source_len: usize, target_len: usize) -> Vec<Vec<(usize, f32)>> {
    let ratio = source_len as f64 / target_len as f64;
    (0..target_len)
        .map(|out| {
            let start = out as f64 * ratio;
            let end = ((out + 1) as f64 * ratio).min(source_len as f64);
            let mut taps = Vec::new();
            let mut position = start;
            while position < end - 1e-9 {
                let index = position.floor() as usize;
                let next = ((index + 1) as f64).min(end);
                taps.push((
                    index.min(source_len - 1),
                    ((next - position) / ratio) as f32,
                ));
                position = next;
            }
            taps
        })
        .collect()
}

/// Resizes `region` of `frame` by area averaging to fit within `max_width` x `max_height`
/// (never enlarging), then pads right and bottom by repeating the edge.
pub(crate) fn detector_input(
    frame: &FrameRef<'_>,
    region: Region,
    max_width: usize,
    max_height: usize,
) -> DetectorInput {
    let scale = (max_width as f32 / region.width as f32)
        .min(max_height as f32 / region.height as f32)
        .min(1.0);
    let out_w = ((region.width as f32 * scale).round() as usize).max(1);
    let out_h = ((region.height as f32 * scale).round() as usize).max(1);
    let pad_w = out_w.div_ceil(SIDE_MULTIPLE) * SIDE_MULTIPLE;
    let pad_h = out_h.div_ceil(SIDE_MULTIPLE) * SIDE_MULTIPLE;
    let columns = area_weights(region.width as usize, out_w);
    let rows = area_weights(region.height as usize, out_h);
    let bpp = frame.format().bytes_per_pixel();
    let offsets = frame.format().rgb_offsets();

    // Horizontal pass per source row into an interleaved RGB float row, then vertical pass.
    let mut horizontal = vec![0f32; region.height as usize * out_w * 3];
    for (row_index, dst) in horizontal.chunks_exact_mut(out_w * 3).enumerate() {
        let row = frame.row(region.y + row_index as u32);
        let row = &row[region.x as usize * bpp..];
        for (x, taps) in columns.iter().enumerate() {
            let mut sum = [0f32; 3];
            for &(source, weight) in taps {
                let pixel = &row[source * bpp..];
                for channel in 0..3 {
                    sum[channel] += weight * f32::from(pixel[offsets[channel]]);
                }
            }
            dst[x * 3..x * 3 + 3].copy_from_slice(&sum);
        }
    }
    let plane = pad_w * pad_h;
    let mut planes = vec![0f32; plane * 3];
    for (y, taps) in rows.iter().enumerate() {
        for x in 0..out_w {
            let mut sum = [0f32; 3];
            for &(source, weight) in taps {
                let at = (source * out_w + x) * 3;
                for channel in 0..3 {
                    sum[channel] += weight * horizontal[at + channel];
                }
            }
            for channel in 0..3 {
                planes[channel * plane + y * pad_w + x] = sum[channel];
            }
        }
    }
    // Edge padding, so the network sees no artificial black border.
    for channel in 0..3 {
        let base = channel * plane;
        for y in 0..out_h {
            let edge = planes[base + y * pad_w + out_w - 1];
            planes[base + y * pad_w + out_w..base + (y + 1) * pad_w].fill(edge);
        }
        for y in out_h..pad_h {
            let (done, rest) = planes[base..base + plane].split_at_mut(y * pad_w);
            rest[..pad_w].copy_from_slice(&done[(out_h - 1) * pad_w..out_h * pad_w]);
        }
    }
    DetectorInput {
        planes,
        width: pad_w,
        height: pad_h,
        scale,
    }
}

/// Where a corner index is in the frame: centre, height and up direction (radians, image
/// coordinates, so an upright index points at -pi/2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct IndexPose {
    pub centre: [f32; 2],
    pub height: f32,
    pub angle: f32,
}

fn bilinear(frame: &FrameRef<'_>, x: f32, y: f32) -> [f32; 3] {
    // Samples outside the frame read as black, as in the training crops.
    let x0 = x.floor();
    let y0 = y.floor();
    let fx = x - x0;
    let fy = y - y0;
    let mut out = [0f32; 3];
    let (w, h) = (frame.width() as i64, frame.height() as i64);
    for (dy, wy) in [(0i64, 1.0 - fy), (1, fy)] {
        for (dx, wx) in [(0i64, 1.0 - fx), (1, fx)] {
            let (sx, sy) = (x0 as i64 + dx, y0 as i64 + dy);
            if sx < 0 || sy < 0 || sx >= w || sy >= h {
                continue;
            }
            let pixel = frame.rgb(sx as u32, sy as u32);
            for channel in 0..3 {
                out[channel] += wx * wy * f32::from(pixel[channel]);
            }
        }
    }
    out
}

/// Cuts the index upright into `out` (planar RGB, CROP_H x CROP_W, 0-255 floats).
pub(crate) fn crop_index(frame: &FrameRef<'_>, pose: IndexPose, out: &mut [f32]) {
    let span = CROP_SPAN_H * pose.height;
    let scale = span / CROP_H as f32;
    let k = scale.ceil().clamp(1.0, 4.0) as usize;
    let step = scale / k as f32;
    let (ux, uy) = (pose.angle.cos(), pose.angle.sin());
    let (rx, ry) = (-uy, ux);
    let (w, h) = ((CROP_W * k) as f32, (CROP_H * k) as f32);
    let plane = CROP_W * CROP_H;
    let norm = 1.0 / (k * k) as f32;
    for v in 0..CROP_H {
        for u in 0..CROP_W {
            let mut sum = [0f32; 3];
            for sv in 0..k {
                for su in 0..k {
                    let cu = (u * k + su) as f32 + 0.5 - w / 2.0;
                    let cv = (v * k + sv) as f32 + 0.5 - h / 2.0;
                    let x = pose.centre[0] + cu * step * rx - cv * step * ux - 0.5;
                    let y = pose.centre[1] + cu * step * ry - cv * step * uy - 0.5;
                    let sample = bilinear(frame, x, y);
                    for channel in 0..3 {
                        sum[channel] += sample[channel];
                    }
                }
            }
            for channel in 0..3 {
                // Truncated like the uint8 crops the classifier was trained on.
                out[channel * plane + v * CROP_W + u] = (sum[channel] * norm).floor();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::PixelFormat;

    #[test]
    fn area_weights_sum_to_one() {
        for (source, target) in [(1920, 640), (1000, 333), (7, 7), (5, 2)] {
            for taps in area_weights(source, target) {
                let total: f32 = taps.iter().map(|&(_, weight)| weight).sum();
                assert!((total - 1.0).abs() < 1e-4, "{source}->{target}: {total}");
            }
        }
    }

    #[test]
    fn detector_input_averages_and_pads() {
        // 4x2 RGBA frame: left half black, right half white; halved to 2x1, padded to 16x16.
        let mut pixels = vec![0u8; 4 * 2 * 4];
        for y in 0..2 {
            for x in 2..4 {
                pixels[(y * 4 + x) * 4..(y * 4 + x) * 4 + 4].fill(255);
            }
        }
        let frame = FrameRef::new(&pixels, 4, 2, 16, PixelFormat::Rgba8).expect("frame");
        let region = Region {
            x: 0,
            y: 0,
            width: 4,
            height: 2,
        };
        let input = detector_input(&frame, region, 2, 1);
        assert_eq!((input.width, input.height), (16, 16));
        assert!((input.scale - 0.5).abs() < 1e-6);
        assert!(input.planes[0].abs() < 1e-3);
        assert!((input.planes[1] - 255.0).abs() < 1e-3);
        // Padding repeats the last column and row.
        assert!((input.planes[15] - 255.0).abs() < 1e-3);
        assert!((input.planes[16 * 15] - 0.0).abs() < 1e-3);
    }

    #[test]
    fn upright_crop_reads_the_right_pixels() {
        // A 100x100 grey frame with a red square above the centre: an upright crop shows red
        // in its top half; the same index turned upside down shows it in its bottom half.
        let mut pixels = vec![128u8; 100 * 100 * 3];
        for y in 30..45 {
            for x in 45..55 {
                pixels[(y * 100 + x) * 3..(y * 100 + x) * 3 + 3].copy_from_slice(&[255, 0, 0]);
            }
        }
        let frame = FrameRef::new(&pixels, 100, 100, 300, PixelFormat::Rgb8).expect("frame");
        let mut crop = vec![0f32; 3 * CROP_W * CROP_H];
        let upright = IndexPose {
            centre: [50.0, 50.0],
            height: 30.0,
            angle: -std::f32::consts::FRAC_PI_2,
        };
        crop_index(&frame, upright, &mut crop);
        let green_at = |crop: &[f32], v: usize| crop[CROP_W * CROP_H + v * CROP_W + CROP_W / 2];
        assert!(green_at(&crop, 10) < 10.0, "top of the crop is red");
        assert!(green_at(&crop, 40) > 100.0, "bottom of the crop is grey");
        let upside_down = IndexPose {
            angle: std::f32::consts::FRAC_PI_2,
            ..upright
        };
        crop_index(&frame, upside_down, &mut crop);
        assert!(green_at(&crop, 10) > 100.0);
        assert!(green_at(&crop, 40) < 10.0);
    }
}
