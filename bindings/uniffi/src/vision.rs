//! Card recognition for Swift and Kotlin: `CardDetector` over frames given as bytes.
//! Glue over `ggp_vision::CardDetector`.

use std::sync::{Arc, Mutex, PoisonError};

use ggp_vision::{DetectorConfig, FrameRef, PixelFormat};

/// Why card recognition failed; Kotlin sees `VisionException.Runtime` and so on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum VisionError {
    /// ONNX Runtime was not found or cannot be used; the message says where it was
    /// searched and how to install it (`pip install onnxruntime==1.31.1`).
    #[error("{message}")]
    Runtime {
        /// The vision error's message.
        message: String,
    },
    /// A model could not be loaded or run.
    #[error("{message}")]
    Model {
        /// The vision error's message.
        message: String,
    },
    /// Bytes that do not hold the frame described, or an unknown pixel format.
    #[error("{message}")]
    InvalidFrame {
        /// The vision error's message.
        message: String,
    },
    /// A zone outside the frame.
    #[error("{message}")]
    InvalidZone {
        /// The vision error's message.
        message: String,
    },
}

impl From<ggp_vision::VisionError> for VisionError {
    fn from(error: ggp_vision::VisionError) -> Self {
        use ggp_vision::VisionError as E;
        let message = error.to_string();
        match error {
            E::RuntimeNotFound { .. } | E::RuntimeUnusable { .. } => Self::Runtime { message },
            E::Model { .. } | E::ModelOutput { .. } => Self::Model { message },
            E::InvalidFrame(_) | E::Image { .. } => Self::InvalidFrame { message },
            E::InvalidZone { .. } => Self::InvalidZone { message },
        }
    }
}

/// A named rectangle of the frame searched on its own ("board", "seat0", ...).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DetectionZone {
    /// The zone's name.
    pub name: String,
    /// Left edge in pixels.
    pub x: u32,
    /// Top edge in pixels.
    pub y: u32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// One card found in a frame.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CardDetection {
    /// The card, as text ("As").
    pub card: String,
    /// `[x, y, w, h]` of the card's corner index, in pixels of the frame given.
    pub box_xywh: Vec<f32>,
    /// How sure the recogniser is, 0 to 1.
    pub confidence: f32,
    /// The zone it was found in, or null when the whole frame was searched.
    pub zone: Option<String>,
}

/// The layout of a frame's pixels, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FrameFormat {
    /// Red, green, blue, alpha.
    Rgba,
    /// Blue, green, red, alpha.
    Bgra,
    /// Red, green, blue.
    Rgb,
}

/// Finds and recognizes playing cards in frames. Making one loads ONNX Runtime on first
/// use (from ORT_DYLIB_PATH, the repository's .venv, or an installed onnxruntime Python
/// module) and throws `VisionError.Runtime` when it is missing.
#[derive(Debug, uniffi::Object)]
pub struct CardDetector {
    inner: Mutex<ggp_vision::CardDetector>,
}

#[uniffi::export]
impl CardDetector {
    /// The shipped models, searching `zones` (none: the whole frame).
    #[uniffi::constructor]
    pub fn new(zones: Vec<DetectionZone>) -> Result<Arc<Self>, VisionError> {
        let config = DetectorConfig {
            zones: zones
                .into_iter()
                .map(|z| ggp_vision::Zone {
                    name: z.name,
                    rect: [z.x, z.y, z.width, z.height],
                })
                .collect(),
            ..DetectorConfig::default()
        };
        Ok(Arc::new(CardDetector {
            inner: Mutex::new(ggp_vision::CardDetector::new(config)?),
        }))
    }

    /// Finds the cards in a `width` × `height` frame whose rows are `stride` bytes apart
    /// (0: packed).
    pub fn detect(
        &self,
        pixels: Vec<u8>,
        width: u32,
        height: u32,
        stride: u32,
        format: FrameFormat,
    ) -> Result<Vec<CardDetection>, VisionError> {
        let format = match format {
            FrameFormat::Rgba => PixelFormat::Rgba8,
            FrameFormat::Bgra => PixelFormat::Bgra8,
            FrameFormat::Rgb => PixelFormat::Rgb8,
        };
        let stride = if stride == 0 {
            width as usize * format.bytes_per_pixel()
        } else {
            stride as usize
        };
        let frame = FrameRef::new(&pixels, width, height, stride, format)?;
        // A detector that panicked mid-frame holds no broken state: its buffers are
        // rebuilt on every call.
        let mut detector = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(detector
            .detect(&frame)?
            .into_iter()
            .map(|d| CardDetection {
                card: d.card.to_string(),
                box_xywh: d.bbox.to_vec(),
                confidence: d.confidence,
                zone: d.zone,
            })
            .collect())
    }
}
