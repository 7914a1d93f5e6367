//! Compositing: the overlay for the current view blended into each frame, rendered and
//! converted again only when the view changes or while a transition runs.
//!
//! The live path has its own compositor type, [`LiveCompositor`], whose only way in is an
//! `Option<PublicTableView>`, so a full view cannot reach the live output's renderer:
//!
//! ```compile_fail
//! use ggp_core::view::TableView;
//! use ggp_stream::composite::LiveCompositor;
//! fn leak(live: &mut LiveCompositor, full: TableView, picture: &mut ggp_stream::Picture) {
//!     // A full view (hole cards, equity) does not type-check on the live path.
//!     live.composite(&Some(full), picture);
//! }
//! ```

use ggp_core::view::PublicTableView;

use crate::StreamError;
use crate::overlay::{Overlay, YuvaOverlay};
use crate::picture::Picture;
use crate::view::ProgramView;

/// Render-on-change compositing for any view type.
struct Compositor<V> {
    overlay: Box<dyn Overlay<V>>,
    last_view: Option<V>,
    converted: Option<YuvaOverlay>,
    /// The RGBA image behind `converted`, kept for key and fill.
    image: Option<std::sync::Arc<crate::overlay::OverlayImage>>,
    renders: u64,
}

impl<V: PartialEq + Clone> Compositor<V> {
    fn new(overlay: Box<dyn Overlay<V>>) -> Self {
        Compositor {
            overlay,
            last_view: None,
            converted: None,
            image: None,
            renders: 0,
        }
    }

    fn composite(&mut self, view: &V, picture: &mut Picture) -> Result<(), StreamError> {
        if self.last_view.as_ref() != Some(view)
            || self.converted.is_none()
            || self.overlay.is_animating()
        {
            let image = self.overlay.render(view, picture.time_ns)?;
            self.converted = Some(YuvaOverlay::from_rgba(&image)?);
            self.image = Some(image);
            self.last_view = Some(view.clone());
            self.renders += 1;
        }
        match &self.converted {
            Some(overlay) if !overlay.is_empty() => overlay.blend_into(&mut picture.frame),
            _ => Ok(()),
        }
    }
}

/// The live output's compositor: it takes only public views.
pub struct LiveCompositor {
    inner: Compositor<Option<PublicTableView>>,
}

impl std::fmt::Debug for LiveCompositor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveCompositor")
            .field("renders", &self.inner.renders)
            .finish_non_exhaustive()
    }
}

impl LiveCompositor {
    /// A compositor drawing with `overlay`.
    pub fn new(overlay: Box<dyn Overlay<Option<PublicTableView>>>) -> Self {
        LiveCompositor {
            inner: Compositor::new(overlay),
        }
    }

    /// Blends the graphics for `view` into `picture`.
    pub fn composite(
        &mut self,
        view: &Option<PublicTableView>,
        picture: &mut Picture,
    ) -> Result<(), StreamError> {
        self.inner.composite(view, picture)
    }

    /// How many times the overlay was rendered (once per distinct view, and once per frame
    /// while a transition runs).
    pub fn renders(&self) -> u64 {
        self.inner.renders
    }
}

/// The program output's compositor: full views, after the delay.
pub struct ProgramCompositor {
    inner: Compositor<ProgramView>,
}

impl std::fmt::Debug for ProgramCompositor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProgramCompositor")
            .field("renders", &self.inner.renders)
            .finish_non_exhaustive()
    }
}

impl ProgramCompositor {
    /// A compositor drawing with `overlay`.
    pub fn new(overlay: Box<dyn Overlay<ProgramView>>) -> Self {
        ProgramCompositor {
            inner: Compositor::new(overlay),
        }
    }

    /// Blends the graphics for `view` into `picture`.
    pub fn composite(
        &mut self,
        view: &ProgramView,
        picture: &mut Picture,
    ) -> Result<(), StreamError> {
        self.inner.composite(view, picture)
    }

    /// How many times the overlay was rendered.
    pub fn renders(&self) -> u64 {
        self.inner.renders
    }

    /// The graphics blended into the last frame (shared, not copied), for key and fill.
    pub fn overlay_image(&self) -> Option<std::sync::Arc<crate::overlay::OverlayImage>> {
        self.inner.image.clone()
    }
}
