//! Graphics laid over the video: the image a renderer produces for a view, the trait that
//! renderers implement, and its conversion to the video's pixel format.

mod basic;
mod skin;
mod yuva;

use std::sync::Arc;

pub use basic::{BasicLayout, BasicOverlay, CARD_BACK_RGB, CARD_FACE_RGB, PixelRect};
pub use skin::SkinOverlay;
pub use yuva::YuvaOverlay;

use crate::StreamError;

/// An RGBA image with premultiplied alpha, `width * 4` bytes a row, the size of the video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes: R, G, B, A, colour premultiplied by alpha.
    pub rgba: Vec<u8>,
}

impl OverlayImage {
    /// A fully transparent image.
    pub fn transparent(width: u32, height: u32) -> Self {
        OverlayImage {
            width,
            height,
            rgba: vec![0; width as usize * height as usize * 4],
        }
    }
}

/// Renders the graphics for a view `V` at a time.
///
/// The pipeline calls it only when the view changes (render on change), so it may take
/// milliseconds. The live path's compositor takes an `Overlay<PublicTableView>`, the
/// program's an `Overlay<ProgramView>`: a live renderer is never handed a hidden card.
pub trait Overlay<V>: Send {
    /// The image for `view` at `time_ns` (nanoseconds on the video's timeline), the size of
    /// the video.
    fn render(&mut self, view: &V, time_ns: i64) -> Result<Arc<OverlayImage>, StreamError>;

    /// Whether the last image had a transition running, so that the next frame must be
    /// rendered again even if the view is the same. Static renderers keep the default.
    fn is_animating(&self) -> bool {
        false
    }
}

impl<V, T: Overlay<V> + ?Sized> Overlay<V> for Box<T> {
    fn render(&mut self, view: &V, time_ns: i64) -> Result<Arc<OverlayImage>, StreamError> {
        (**self).render(view, time_ns)
    }

    fn is_animating(&self) -> bool {
        (**self).is_animating()
    }
}
