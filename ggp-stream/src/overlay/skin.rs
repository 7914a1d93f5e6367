//! The on-air graphics: a ggp-render skin ([`ggp_render::skin::Overlay`]) behind
//! ggp-stream's [`Overlay`] trait.
//!
//! The skin is given each frame's pts, so its enter and exit transitions run on the
//! video's clock and a file-to-file run renders the same pictures every time. The same
//! type serves both outputs, but each output owns its own instance: the live one is only
//! ever handed `Option<PublicTableView>` by [`crate::composite::LiveCompositor`], whose
//! conversion to the skin's view has card backs where cards are hidden and no equity.

use std::sync::Arc;

use ggp_core::view::PublicTableView;
use ggp_render::skin::{Overlay as SkinRenderer, OverlayView, Skin};
use ggp_render::{AlphaMode, Renderer, Timestamp};

use super::{Overlay, OverlayImage};
use crate::StreamError;
use crate::view::ProgramView;

/// Draws a skin over the views of one output, `width` x `height` pixels.
pub struct SkinOverlay {
    skin: SkinRenderer,
    width: u32,
    height: u32,
    target: String,
    /// The last image handed out; its buffer is reused once the compositor has let go
    /// of it, so a transition does not allocate (and the kernel zero) 8 MB a frame.
    image: Arc<OverlayImage>,
}

impl std::fmt::Debug for SkinOverlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SkinOverlay")
            .field("target", &self.target)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

impl SkinOverlay {
    /// An overlay drawing `skin` with `renderer` for the output named `target` (used in
    /// error messages, e.g. "live" or "program").
    pub fn new(
        renderer: Renderer,
        skin: Skin,
        width: u32,
        height: u32,
        target: impl Into<String>,
    ) -> Result<Self, StreamError> {
        let target = target.into();
        let skin = SkinRenderer::new(renderer, skin)
            .map_err(|e| StreamError::Overlay {
                target: target.clone(),
                reason: e.to_string(),
            })?
            .with_alpha(AlphaMode::Premultiplied);
        Ok(SkinOverlay {
            skin,
            width,
            height,
            target,
            image: Arc::new(OverlayImage::transparent(0, 0)),
        })
    }

    /// Whether the last image had a transition running (the next frame will differ).
    pub fn is_animating(&self) -> bool {
        self.skin.is_animating()
    }

    /// The skin's renderer, e.g. to read the adapter's name.
    pub fn renderer(&mut self) -> &mut Renderer {
        self.skin.renderer()
    }

    fn draw(&mut self, view: &OverlayView, time_ns: i64) -> Result<Arc<OverlayImage>, StreamError> {
        let frame = self
            .skin
            .render(view, self.width, self.height, Timestamp::from_ns(time_ns))
            .map_err(|e| StreamError::Overlay {
                target: self.target.clone(),
                reason: e.to_string(),
            })?;
        // The compositor asks only when the view changed or a transition runs, so the
        // copy is made once per new picture, into the previous picture's buffer.
        let image = Arc::make_mut(&mut self.image);
        image.width = frame.width;
        image.height = frame.height;
        image.rgba.clear();
        image.rgba.extend_from_slice(&frame.pixels);
        Ok(Arc::clone(&self.image))
    }

    /// Between hands nothing is shown; the next hand's graphics cut in settled.
    fn nothing(&mut self) -> Arc<OverlayImage> {
        self.skin.reset();
        Arc::new(OverlayImage::transparent(self.width, self.height))
    }
}

impl Overlay<Option<PublicTableView>> for SkinOverlay {
    fn render(
        &mut self,
        view: &Option<PublicTableView>,
        time_ns: i64,
    ) -> Result<Arc<OverlayImage>, StreamError> {
        match view {
            Some(public) => self.draw(&OverlayView::from(public), time_ns),
            None => Ok(self.nothing()),
        }
    }

    fn is_animating(&self) -> bool {
        SkinOverlay::is_animating(self)
    }
}

impl Overlay<ProgramView> for SkinOverlay {
    fn render(
        &mut self,
        view: &ProgramView,
        time_ns: i64,
    ) -> Result<Arc<OverlayImage>, StreamError> {
        match &view.table {
            Some(table) => {
                let overlay_view = OverlayView::from(table);
                // While the delay shrinks, the countdown takes the ticker's place.
                let overlay_view = match view.delay.countdown_text() {
                    Some(countdown) => overlay_view.with_ticker(countdown),
                    None => overlay_view,
                };
                self.draw(&overlay_view, time_ns)
            }
            None => Ok(self.nothing()),
        }
    }

    fn is_animating(&self) -> bool {
        SkinOverlay::is_animating(self)
    }
}
