//! Video layers: RGBA frames the caller feeds, uploaded into one reused texture per feed.

use std::sync::Arc;

use crate::{AlphaMode, ImageFit, ImageProblem, Rect, RenderError};

/// One RGBA8 video frame from the caller: `height` rows `stride` bytes apart.
///
/// Equal when it is the same shared buffer, or when size and pixels are the same.
///
/// ```
/// use ggp_render::{AlphaMode, VideoFrame};
/// let frame = VideoFrame::new(2, 2, 8, vec![0u8; 16], AlphaMode::Straight)?;
/// assert_eq!(frame.width(), 2);
/// assert!(VideoFrame::new(2, 2, 4, vec![0u8; 16], AlphaMode::Straight).is_err());
/// # Ok::<(), ggp_render::RenderError>(())
/// ```
#[derive(Debug, Clone)]
pub struct VideoFrame {
    width: u32,
    height: u32,
    stride: u32,
    pixels: Arc<[u8]>,
    alpha: AlphaMode,
}

impl PartialEq for VideoFrame {
    fn eq(&self, other: &Self) -> bool {
        (self.width, self.height, self.stride, self.alpha)
            == (other.width, other.height, other.stride, other.alpha)
            && (Arc::ptr_eq(&self.pixels, &other.pixels) || self.pixels == other.pixels)
    }
}

impl VideoFrame {
    /// Checks and wraps a frame; `stride` is the distance between rows in bytes (at least
    /// `width * 4`, a multiple of 4). Pass an `Arc<[u8]>` to share the caller's buffer.
    pub fn new(
        width: u32,
        height: u32,
        stride: u32,
        pixels: impl Into<Arc<[u8]>>,
        alpha: AlphaMode,
    ) -> Result<Self, RenderError> {
        let pixels = pixels.into();
        let bad = |detail: String| RenderError::Image {
            source_name: format!("video frame {width}x{height}"),
            kind: ImageProblem::BadSize,
            detail,
        };
        if width == 0
            || height == 0
            || width > crate::MAX_IMAGE_SIDE
            || height > crate::MAX_IMAGE_SIDE
        {
            return Err(bad(format!(
                "each side must be 1 to {} pixels",
                crate::MAX_IMAGE_SIDE
            )));
        }
        if u64::from(stride) < u64::from(width) * 4 || !stride.is_multiple_of(4) {
            return Err(bad(format!(
                "stride {stride} must be a multiple of 4 and at least {}",
                u64::from(width) * 4
            )));
        }
        let needed = u64::from(stride) * u64::from(height - 1) + u64::from(width) * 4;
        if (pixels.len() as u64) < needed {
            return Err(bad(format!(
                "{} bytes given, {needed} needed",
                pixels.len()
            )));
        }
        Ok(Self {
            width,
            height,
            stride,
            pixels,
            alpha,
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
    pub fn stride(&self) -> u32 {
        self.stride
    }

    /// The pixel bytes.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// Whether the colour is premultiplied.
    pub fn alpha(&self) -> AlphaMode {
        self.alpha
    }

    /// The bytes the upload reads: every full row, then the last row without its padding.
    pub(crate) fn upload_bytes(&self) -> &[u8] {
        let needed = self.stride as usize * (self.height as usize - 1) + self.width as usize * 4;
        &self.pixels[..needed]
    }

    /// True when both share one buffer with the same layout: the pixels must be the same.
    pub(crate) fn same_buffer(&self, other: &VideoFrame) -> bool {
        Arc::ptr_eq(&self.pixels, &other.pixels)
            && (self.width, self.height, self.stride) == (other.width, other.height, other.stride)
    }
}

/// A live picture in a box: the caller puts a new [`VideoFrame`] in each scene.
///
/// All layers with the same `feed` share one texture, rewritten when the frame changes and
/// reallocated only when its size does.
///
/// ```
/// use ggp_render::{AlphaMode, Rect, VideoFrame, VideoLayer};
/// let frame = VideoFrame::new(4, 4, 16, vec![0u8; 64], AlphaMode::Straight)?;
/// let layer = VideoLayer::new(Rect::new(0.0, 0.0, 320.0, 180.0), 0, frame);
/// assert_eq!(layer.feed, 0);
/// # Ok::<(), ggp_render::RenderError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VideoLayer {
    /// The box.
    pub rect: Rect,
    /// Which feed this is (a camera, a replay): its texture is reused frame after frame.
    pub feed: u32,
    /// The current frame.
    pub frame: VideoFrame,
    /// How the frame fills the box.
    pub fit: ImageFit,
    /// 0.0 (invisible) to 1.0.
    pub opacity: f32,
}

impl VideoLayer {
    /// An opaque layer showing `frame` of `feed`, contained in `rect`.
    pub fn new(rect: Rect, feed: u32, frame: VideoFrame) -> Self {
        Self {
            rect,
            feed,
            frame,
            fit: ImageFit::Contain,
            opacity: 1.0,
        }
    }

    /// Sets the fit.
    pub fn with_fit(mut self, fit: ImageFit) -> Self {
        self.fit = fit;
        self
    }

    /// Sets the opacity (clamped to 0.0-1.0 when drawn).
    pub fn with_opacity(mut self, opacity: f32) -> Self {
        self.opacity = opacity;
        self
    }
}
