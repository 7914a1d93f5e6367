//! # ggp-vision
//!
//! Card detection and recognition from camera frames (ONNX Runtime, loaded at run time),
//! and RFID card readers, turned into timestamped card events for `ggp-core`.

pub mod detection;

pub use detection::Detection;
pub mod rfid;
pub mod tracker;
