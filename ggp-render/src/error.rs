//! The renderer's errors: each variant names a situation the caller can act on.

/// Everything that can go wrong while setting up the renderer or rendering a frame.
///
/// ```
/// use ggp_render::RenderError;
/// let err = RenderError::InvalidSize { width: 0, height: 0, min: 16, max: 4096 };
/// assert!(err.to_string().contains("0x0"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No GPU or software adapter was found.
    #[error(
        "no graphics adapter was found ({wanted}); install a Vulkan or OpenGL ES driver, \
         for example Mesa's lavapipe (Debian: mesa-vulkan-drivers libvulkan1)"
    )]
    NoAdapter {
        /// Which kind of adapter was asked for.
        wanted: &'static str,
    },
    /// The adapter was found but refused to create a device.
    #[error("the adapter '{adapter}' could not create a device: {reason}; try another adapter")]
    DeviceRequest {
        /// The adapter's name.
        adapter: String,
        /// wgpu's explanation.
        reason: String,
    },
    /// A frame size outside the supported range.
    #[error(
        "frame size {width}x{height} is not supported; each side must be between {min} and {max} pixels"
    )]
    InvalidSize {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
        /// Smallest side accepted.
        min: u32,
        /// Largest side accepted.
        max: u32,
    },
    /// Font bytes that hold no usable font face.
    #[error(
        "the font data ({bytes} bytes) holds no TrueType/OpenType face; pass a .ttf or .otf file"
    )]
    InvalidFont {
        /// Length of the data that was given.
        bytes: usize,
    },
    /// Text could not be laid out in the glyph atlas.
    #[error("text could not be prepared for drawing: {reason}; use fewer or smaller text layers")]
    Text {
        /// glyphon's explanation.
        reason: String,
    },
    /// The GPU reported an error while drawing the frame.
    #[error(
        "the GPU reported an error while drawing: {reason}; if it ran out of memory render a \
         smaller frame, otherwise report this as a ggp-render bug with the scene"
    )]
    Gpu {
        /// wgpu's explanation.
        reason: String,
    },
    /// The GPU did not hand the rendered frame back.
    #[error(
        "reading the frame back from the GPU failed: {reason}; the device may be lost, create a new Renderer"
    )]
    Readback {
        /// What failed.
        reason: String,
    },
    /// An image, SVG or video frame could not be used.
    #[error("image {source_name}: {kind}: {detail}")]
    Image {
        /// The file path, or a description of in-memory data (`"PNG bytes"`, `"card As"`).
        source_name: String,
        /// What went wrong, for callers that react differently to each case.
        kind: ImageProblem,
        /// The decoder's or validator's explanation.
        detail: String,
    },
}

/// Why an image could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    /// The file does not exist or could not be read.
    Unreadable,
    /// The data is damaged or not what its format says.
    Corrupt,
    /// The format is not PNG, JPEG or SVG.
    UnsupportedFormat,
    /// A zero side, a side over the largest texture, or pixel data of the wrong length.
    BadSize,
}

impl std::fmt::Display for ImageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ImageProblem::Unreadable => "cannot be read",
            ImageProblem::Corrupt => "corrupt data",
            ImageProblem::UnsupportedFormat => "unsupported format (use PNG, JPEG or SVG)",
            ImageProblem::BadSize => "unusable size",
        })
    }
}
