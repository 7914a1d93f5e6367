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
}
