//! One-call stills of a hand: the overlay the C ABI and the language bindings wrap, so that
//! they hold no logic of their own.

use std::path::{Path, PathBuf};

use ggp_core::equity::live::EquityOptions;
use ggp_core::rules::Hand;
use ggp_core::view::{PublicTableView, TableInfo, TableView};

use super::{Overlay, OverlayView, Skin, SkinError};
use crate::{
    AdapterChoice, AlphaMode, Frame, MAX_FRAME_SIDE, MIN_FRAME_SIDE, RenderError, Renderer,
    RendererOptions, Timestamp,
};

/// How to set up a [`HandOverlay`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOverlayOptions {
    /// Frame width in pixels.
    pub width: u32,
    /// Frame height in pixels.
    pub height: u32,
    /// A skin file (TOML); `None` for the bundled default skin.
    pub skin: Option<PathBuf>,
    /// Which adapter renders.
    pub adapter: AdapterChoice,
    /// Whether frames come premultiplied or straight.
    pub alpha: AlphaMode,
}

impl Default for HandOverlayOptions {
    /// 1920x1080, the default skin, the fastest adapter, straight alpha (what images want).
    fn default() -> Self {
        HandOverlayOptions {
            width: 1920,
            height: 1080,
            skin: None,
            adapter: AdapterChoice::HighPerformance,
            alpha: AlphaMode::Straight,
        }
    }
}

/// A skin, a renderer and a frame size: renders a hand (or a view) as a settled still.
///
/// Each frame shows its view with every transition finished, as the first frame of a
/// cut; a view equal to the previous one returns the cached frame without GPU work.
///
/// ```no_run
/// use ggp_render::skin::{HandOverlay, HandOverlayOptions};
/// let mut overlay = HandOverlay::new(&HandOverlayOptions { width: 320, height: 180, ..Default::default() })?;
/// let phh = ggp_core::phh::PhhHand::parse(include_str!("../../../examples/data/heads_up.phh"))?;
/// let frame = overlay.render_hand(&phh.replay_actions(Some(4))?, false)?;
/// assert_eq!((frame.width, frame.height), (320, 180));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct HandOverlay {
    overlay: Overlay,
    width: u32,
    height: u32,
    last_view: Option<OverlayView>,
}

impl HandOverlay {
    /// Loads the skin, starts the renderer and checks the size; errors name what failed.
    pub fn new(options: &HandOverlayOptions) -> Result<HandOverlay, SkinError> {
        let side_ok = |side: u32| (MIN_FRAME_SIDE..=MAX_FRAME_SIDE).contains(&side);
        if !side_ok(options.width) || !side_ok(options.height) {
            return Err(SkinError::Render(RenderError::InvalidSize {
                width: options.width,
                height: options.height,
                min: MIN_FRAME_SIDE,
                max: MAX_FRAME_SIDE,
            }));
        }
        let skin = match &options.skin {
            Some(path) => Skin::load(path)?,
            None => Skin::default_skin()?,
        };
        let renderer = Renderer::new(RendererOptions {
            adapter: options.adapter,
        })?;
        Ok(HandOverlay {
            overlay: Overlay::new(renderer, skin)?.with_alpha(options.alpha),
            width: options.width,
            height: options.height,
            last_view: None,
        })
    }

    /// Frame width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Frame height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The adapter's name (e.g. "llvmpipe (LLVM 19.1.7, 256 bits)").
    pub fn adapter_name(&mut self) -> String {
        self.overlay.renderer().adapter_info().name.clone()
    }

    /// The view of `hand` an overlay draws: the full view with every live player's exact
    /// equity (left out when it cannot be computed, e.g. for a variant without an
    /// equity calculator), or with `public` the public view (card backs, no equity).
    ///
    /// The button is the last player, as in PHH hold'em hands.
    pub fn view_of(hand: &Hand, public: bool) -> OverlayView {
        let info = TableInfo {
            button: hand.state().player_count().checked_sub(1),
            ..TableInfo::default()
        };
        let mut full = TableView::of(hand, &info);
        if public {
            return OverlayView::from(&full.to_public());
        }
        // Equity is decoration: a hand it cannot be computed for still renders.
        let _ = full.fill_equity(&EquityOptions::default());
        OverlayView::from(full)
    }

    /// The still of `hand` now (see [`Self::view_of`]).
    pub fn render_hand(&mut self, hand: &Hand, public: bool) -> Result<&Frame, SkinError> {
        let view = Self::view_of(hand, public);
        self.render_view(view)
    }

    /// The still of a view given as JSON: a `TableView` or a `PublicTableView` as
    /// `ggp_core` serialises them (the hand's `view_json` or `public_view_json`).
    pub fn render_view_json(&mut self, json: &str) -> Result<&Frame, SkinError> {
        let view = Self::view_from_json(json)?;
        self.render_view(view)
    }

    /// The view in `json`: a `TableView` or a `PublicTableView` as `ggp_core` serialises
    /// them; anything else is [`SkinError::InvalidView`].
    pub fn view_from_json(json: &str) -> Result<OverlayView, SkinError> {
        match serde_json::from_str::<TableView>(json) {
            Ok(full) => Ok(OverlayView::from(full)),
            Err(full_error) => match serde_json::from_str::<PublicTableView>(json) {
                Ok(public) => Ok(OverlayView::from(public)),
                Err(_) => Err(SkinError::InvalidView {
                    reason: full_error.to_string(),
                }),
            },
        }
    }

    /// The still of `view`.
    pub fn render_view(&mut self, view: OverlayView) -> Result<&Frame, SkinError> {
        if self.last_view.as_ref() != Some(&view) {
            // A still shows its view settled, not a transition from the previous one.
            self.overlay.reset();
        }
        let frame = self
            .overlay
            .render(&view, self.width, self.height, Timestamp::ZERO)?;
        self.last_view = Some(view);
        Ok(frame)
    }

    /// The frame of `view` at `at` on a running clock, as a live overlay draws it:
    /// elements that appear, change or go since the previous call play their transitions
    /// from `at` (see [`Overlay::render`]). Give timestamps that do not go back; the next
    /// still ([`Self::render_view`]) starts settled again.
    pub fn render_view_at(
        &mut self,
        view: &OverlayView,
        at: Timestamp,
    ) -> Result<&Frame, SkinError> {
        // A still after this frame must not take it for its settled cached frame.
        self.last_view = None;
        self.overlay.render(view, self.width, self.height, at)
    }

    /// Puts the skin in `path` in use from the next frame; when it is bad, the current
    /// skin stays and the error says why.
    pub fn reload_skin(&mut self, path: &Path) -> Result<(), SkinError> {
        self.overlay.reload_file(path)?;
        self.last_view = None;
        Ok(())
    }
}
