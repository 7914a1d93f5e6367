//! Frames handed to the detector: a borrowed pixel buffer with its layout.

use crate::error::{Result, VisionError};

/// The layout of one pixel in a frame buffer, 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PixelFormat {
    /// Red, green, blue, alpha.
    Rgba8,
    /// Blue, green, red, alpha (what many capture cards and Windows APIs give).
    Bgra8,
    /// Red, green, blue.
    Rgb8,
}

impl PixelFormat {
    /// Bytes per pixel.
    pub const fn bytes_per_pixel(self) -> usize {
        match self {
            PixelFormat::Rgba8 | PixelFormat::Bgra8 => 4,
            PixelFormat::Rgb8 => 3,
        }
    }

    /// Byte offsets of red, green and blue within a pixel.
    pub(crate) const fn rgb_offsets(self) -> [usize; 3] {
        match self {
            PixelFormat::Rgba8 | PixelFormat::Rgb8 => [0, 1, 2],
            PixelFormat::Bgra8 => [2, 1, 0],
        }
    }
}

/// A borrowed frame: `height` rows of `stride` bytes, each row starting with `width` pixels.
///
/// ```
/// use ggp_vision::frame::{FrameRef, PixelFormat};
/// let pixels = vec![0u8; 4 * 3 * 2];
/// let frame = FrameRef::new(&pixels, 4, 2, 12, PixelFormat::Rgb8)?;
/// assert_eq!(frame.rgb(3, 1), [0, 0, 0]);
/// # Ok::<(), ggp_vision::VisionError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FrameRef<'a> {
    data: &'a [u8],
    width: u32,
    height: u32,
    stride: usize,
    format: PixelFormat,
}

impl<'a> FrameRef<'a> {
    /// Describes `data`; fails when the buffer is too short for the layout or the frame is empty.
    pub fn new(
        data: &'a [u8],
        width: u32,
        height: u32,
        stride: usize,
        format: PixelFormat,
    ) -> Result<FrameRef<'a>> {
        if width == 0 || height == 0 {
            return Err(VisionError::InvalidFrame(format!(
                "empty {width}x{height} frame"
            )));
        }
        let row_bytes = width as usize * format.bytes_per_pixel();
        if stride < row_bytes {
            return Err(VisionError::InvalidFrame(format!(
                "stride {stride} is shorter than a row of {width} {format:?} pixels ({row_bytes} bytes)"
            )));
        }
        let needed = stride * (height as usize - 1) + row_bytes;
        if data.len() < needed {
            return Err(VisionError::InvalidFrame(format!(
                "{} bytes given, a {width}x{height} {format:?} frame with stride {stride} needs {needed}",
                data.len()
            )));
        }
        Ok(FrameRef {
            data,
            width,
            height,
            stride,
            format,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Bytes from one row to the next.
    pub fn stride(&self) -> usize {
        self.stride
    }

    /// Pixel layout.
    pub fn format(&self) -> PixelFormat {
        self.format
    }

    /// The bytes of row `y` (only the `width` pixels, not the padding).
    pub(crate) fn row(&self, y: u32) -> &'a [u8] {
        let start = y as usize * self.stride;
        let len = self.width as usize * self.format.bytes_per_pixel();
        &self.data[start..start + len]
    }

    /// Red, green and blue of the pixel at `(x, y)`; both must be inside the frame.
    pub fn rgb(&self, x: u32, y: u32) -> [u8; 3] {
        let bpp = self.format.bytes_per_pixel();
        let row = self.row(y);
        let [r, g, b] = self.format.rgb_offsets();
        let at = x as usize * bpp;
        [row[at + r], row[at + g], row[at + b]]
    }
}

/// An owned RGB frame, as read from an image file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 3` bytes, rows packed.
    pub pixels: Vec<u8>,
}

impl RgbImage {
    /// The image as a frame for the detector.
    pub fn as_frame(&self) -> Result<FrameRef<'_>> {
        FrameRef::new(
            &self.pixels,
            self.width,
            self.height,
            self.width as usize * 3,
            PixelFormat::Rgb8,
        )
    }
}
