//! # ggp-vision
//!
//! Card detection and recognition from camera frames (ONNX Runtime, loaded at run time),
//! and RFID card readers, turned into timestamped card events for `ggp-core`.
//!
//! Nothing is here yet: this crate fills in with the card-recognition issue.
