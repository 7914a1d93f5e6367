//! Rendered frames read back from the GPU, and the row-alignment arithmetic of readback.

/// How a [`Frame`]'s colour channels relate to its alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlphaMode {
    /// Colour already multiplied by alpha (what compositors and `over` blending want).
    #[default]
    Premultiplied,
    /// Colour independent of alpha (what PNG files and most image tools want).
    Straight,
}

/// An RGBA8 image, rows top to bottom, `width * 4` bytes a row with no padding.
///
/// ```
/// use ggp_render::{AlphaMode, Frame};
/// let frame = Frame { width: 1, height: 1, pixels: vec![64, 0, 0, 128], alpha: AlphaMode::Premultiplied };
/// let straight = frame.into_alpha_mode(AlphaMode::Straight);
/// assert_eq!(straight.pixel(0, 0), [128, 0, 0, 128]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes, R, G, B, A.
    pub pixels: Vec<u8>,
    /// Whether `pixels` is premultiplied.
    pub alpha: AlphaMode,
}

impl Frame {
    /// The RGBA value at (`x`, `y`); panics when outside the frame, like slice indexing.
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = (y as usize * self.width as usize + x as usize) * 4;
        [
            self.pixels[i],
            self.pixels[i + 1],
            self.pixels[i + 2],
            self.pixels[i + 3],
        ]
    }

    /// The frame converted to `alpha`; a no-op when it is already in that mode.
    pub fn into_alpha_mode(mut self, alpha: AlphaMode) -> Frame {
        if self.alpha == alpha {
            return self;
        }
        for px in self.pixels.chunks_exact_mut(4) {
            let a = u32::from(px[3]);
            for c in &mut px[..3] {
                let v = u32::from(*c);
                *c = match alpha {
                    AlphaMode::Straight if a == 0 => 0,
                    AlphaMode::Straight => ((v * 255 + a / 2) / a).min(255) as u8,
                    AlphaMode::Premultiplied => ((v * a + 127) / 255) as u8,
                };
            }
        }
        self.alpha = alpha;
        self
    }
}

impl Frame {
    /// The pair a hardware keyer takes: the key is the alpha as opaque grey, the fill is the
    /// straight (unpremultiplied) colour, opaque, black where the frame is transparent.
    ///
    /// ```
    /// use ggp_render::{AlphaMode, Frame};
    /// let frame = Frame { width: 1, height: 1, pixels: vec![64, 0, 0, 128], alpha: AlphaMode::Premultiplied };
    /// let (key, fill) = frame.key_and_fill();
    /// assert_eq!(key.pixel(0, 0), [128, 128, 128, 255]);
    /// assert_eq!(fill.pixel(0, 0), [128, 0, 0, 255]);
    /// ```
    pub fn key_and_fill(&self) -> (Frame, Frame) {
        let straight = self.clone().into_alpha_mode(AlphaMode::Straight);
        let mut key = Vec::with_capacity(self.pixels.len());
        let mut fill = straight.pixels;
        for px in fill.chunks_exact_mut(4) {
            let a = px[3];
            key.extend_from_slice(&[a, a, a, 255]);
            px[3] = 255;
        }
        let frame = |pixels| Frame {
            width: self.width,
            height: self.height,
            pixels,
            alpha: AlphaMode::Straight,
        };
        (frame(key), frame(fill))
    }
}

/// Bytes per row in a texture-to-buffer copy: `width * 4` rounded up to wgpu's 256-byte alignment.
pub(crate) fn padded_bytes_per_row(width: u32) -> u32 {
    let unpadded = width * 4;
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
    unpadded.div_ceil(align) * align
}

/// Drops the per-row padding of a mapped readback buffer.
pub(crate) fn unpad_rows(padded: &[u8], width: u32, height: u32) -> Vec<u8> {
    let row = width as usize * 4;
    let stride = padded_bytes_per_row(width) as usize;
    let mut pixels = Vec::with_capacity(row * height as usize);
    for y in 0..height as usize {
        pixels.extend_from_slice(&padded[y * stride..y * stride + row]);
    }
    pixels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_pad_to_256_bytes() {
        assert_eq!(padded_bytes_per_row(64), 256);
        assert_eq!(padded_bytes_per_row(65), 512);
        assert_eq!(padded_bytes_per_row(3840), 15360);
        assert_eq!(padded_bytes_per_row(17), 256);
    }

    #[test]
    fn unpad_keeps_each_row() {
        let stride = padded_bytes_per_row(17) as usize;
        let mut padded = vec![0u8; stride * 2];
        padded[..68].fill(1);
        padded[stride..stride + 68].fill(2);
        let pixels = unpad_rows(&padded, 17, 2);
        assert_eq!(pixels.len(), 17 * 4 * 2);
        assert!(pixels[..68].iter().all(|&b| b == 1));
        assert!(pixels[68..].iter().all(|&b| b == 2));
    }

    #[test]
    fn alpha_round_trip_is_close() {
        let frame = Frame {
            width: 2,
            height: 1,
            pixels: vec![200, 100, 0, 255, 50, 25, 0, 100],
            alpha: AlphaMode::Premultiplied,
        };
        let straight = frame.clone().into_alpha_mode(AlphaMode::Straight);
        assert_eq!(straight.pixel(0, 0), [200, 100, 0, 255]);
        assert_eq!(straight.pixel(1, 0), [128, 64, 0, 100]);
        let back = straight.into_alpha_mode(AlphaMode::Premultiplied);
        assert_eq!(back, frame);
    }

    #[test]
    fn transparent_pixels_become_zero() {
        let frame = Frame {
            width: 1,
            height: 1,
            pixels: vec![0, 0, 0, 0],
            alpha: AlphaMode::Premultiplied,
        };
        assert_eq!(
            frame.into_alpha_mode(AlphaMode::Straight).pixel(0, 0),
            [0, 0, 0, 0]
        );
    }
}
