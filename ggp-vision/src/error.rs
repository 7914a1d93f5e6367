//! Errors of card detection: each variant is a situation the caller can act on.

use std::path::PathBuf;

/// What went wrong while loading ONNX Runtime, a model, or an image, or while detecting.
#[derive(Debug, thiserror::Error)]
pub enum VisionError {
    /// No ONNX Runtime library was found in any of the places searched.
    #[error(
        "ONNX Runtime not found (searched: {searched}); install it with `pip install \
         onnxruntime==1.31.1` or set ORT_DYLIB_PATH to libonnxruntime"
    )]
    RuntimeNotFound {
        /// The places that were searched, in order.
        searched: String,
    },
    /// A library was found but could not be loaded, or is not a usable ONNX Runtime version.
    #[error("cannot use ONNX Runtime at {path}: {reason}")]
    RuntimeUnusable {
        /// The library file.
        path: PathBuf,
        /// Why it was refused (wrong version, not ONNX Runtime, dlopen failure).
        reason: String,
    },
    /// ONNX Runtime refused a model or failed while running it.
    #[error("ONNX Runtime failed on the {model} model: {reason}")]
    Model {
        /// `"detector"` or `"classifier"`.
        model: &'static str,
        /// The runtime's message.
        reason: String,
    },
    /// A model produced an output of an unexpected shape.
    #[error("the {model} model returned shape {shape:?}, expected {expected}")]
    ModelOutput {
        /// `"detector"` or `"classifier"`.
        model: &'static str,
        /// The shape it returned.
        shape: Vec<i64>,
        /// What was expected.
        expected: &'static str,
    },
    /// The frame descriptor does not describe its buffer.
    #[error("invalid frame: {0}")]
    InvalidFrame(String),
    /// A configured zone lies outside the frame or is empty.
    #[error("zone {name:?} {rect:?} does not overlap the {width}x{height} frame")]
    InvalidZone {
        /// The zone's name.
        name: String,
        /// Its rectangle `[x, y, w, h]`.
        rect: [u32; 4],
        /// Frame width.
        width: u32,
        /// Frame height.
        height: u32,
    },
    /// An image file could not be read or decoded.
    #[error("cannot read image {path}: {reason}")]
    Image {
        /// The file.
        path: PathBuf,
        /// The decoder's message.
        reason: String,
    },
}

/// Result of the vision crate.
pub type Result<T> = std::result::Result<T, VisionError>;
