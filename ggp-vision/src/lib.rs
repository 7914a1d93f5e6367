//! # ggp-vision
//!
//! Card detection and recognition from camera frames (ONNX Runtime, loaded at run time),
//! and RFID card readers, turned into timestamped card events for `ggp-core`.
//!
//! Vision is optional at run time: ONNX Runtime is looked up and loaded only when a
//! [`CardDetector`] is first created (see [`runtime`]), so the rest of the SDK runs on
//! machines without it.

pub mod detection;
pub mod detector;
pub mod error;
pub mod frame;
pub mod image_io;
pub mod rfid;
pub mod runtime;
pub mod tracker;

pub use detection::Detection;
pub use detector::{CardDetector, DetectorConfig, Zone};
pub use error::{Result, VisionError};
pub use frame::{FrameRef, PixelFormat, RgbImage};
