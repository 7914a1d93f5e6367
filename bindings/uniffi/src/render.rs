//! The renderer for Swift and Kotlin: `HandOverlay` draws a hand (a `Hand`, a PHH text cut
//! after N actions, or a view's JSON) with a skin into `Frame`s of RGBA bytes. Glue over
//! `ggp_render::skin::HandOverlay`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ggp_render::skin::{HandOverlay as CoreOverlay, HandOverlayOptions, OverlayView, SkinError};
use ggp_render::{AdapterChoice, Frame as CoreFrame, RenderError, Timestamp};

use crate::Hand;

/// Why the renderer failed. Kotlin sees `OverlayException.Skin` and so on, Swift
/// `OverlayError.Skin(message:)`; the message says what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum OverlayError {
    /// A skin that cannot be read or used (`skin`); the message names the file and line.
    #[error("{message}")]
    Skin {
        /// What was wrong.
        message: String,
    },
    /// No graphics adapter, GPU or software, could render (`no_adapter`).
    #[error("{message}")]
    NoAdapter {
        /// What was wrong.
        message: String,
    },
    /// A frame size outside 16 to 4096 pixels a side, or pixels that do not fill the size
    /// (`invalid_frame_size`).
    #[error("{message}")]
    InvalidFrameSize {
        /// What was wrong.
        message: String,
    },
    /// Drawing or reading back a frame failed (`render`).
    #[error("{message}")]
    Render {
        /// What was wrong.
        message: String,
    },
    /// View JSON that is not a table view (`invalid_view`).
    #[error("{message}")]
    InvalidView {
        /// What was wrong.
        message: String,
    },
    /// A PHH text that cannot be read or replayed (`hand_history`, or the rules' code).
    #[error("{message}")]
    HandHistory {
        /// What was wrong.
        message: String,
    },
}

impl From<SkinError> for OverlayError {
    fn from(err: SkinError) -> Self {
        let message = err.to_string();
        match err {
            SkinError::InvalidView { .. } => Self::InvalidView { message },
            SkinError::Render(RenderError::NoAdapter { .. })
            | SkinError::Render(RenderError::DeviceRequest { .. }) => Self::NoAdapter { message },
            SkinError::Render(RenderError::InvalidSize { .. }) => {
                Self::InvalidFrameSize { message }
            }
            SkinError::Render(_) => Self::Render { message },
            _ => Self::Skin { message },
        }
    }
}

/// Which graphics adapter renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Adapter {
    /// The fastest there is: a GPU when there is one, else a software adapter.
    Any,
    /// A software adapter on the CPU (lavapipe, llvmpipe): slower, the same everywhere.
    Cpu,
}

/// How a frame's colour relates to its alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AlphaMode {
    /// Colour independent of alpha (what PNG files and most image tools want).
    Straight,
    /// Colour already multiplied by alpha (what compositors want).
    Premultiplied,
}

impl From<AlphaMode> for ggp_render::AlphaMode {
    fn from(alpha: AlphaMode) -> Self {
        match alpha {
            AlphaMode::Straight => Self::Straight,
            AlphaMode::Premultiplied => Self::Premultiplied,
        }
    }
}

impl From<ggp_render::AlphaMode> for AlphaMode {
    fn from(alpha: ggp_render::AlphaMode) -> Self {
        match alpha {
            ggp_render::AlphaMode::Straight => Self::Straight,
            ggp_render::AlphaMode::Premultiplied => Self::Premultiplied,
        }
    }
}

/// A rendered frame: `height` rows of `width * 4` bytes, R, G, B, A.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Frame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Whether colour is premultiplied.
    pub alpha: AlphaMode,
    /// The RGBA pixels.
    pub pixels: Vec<u8>,
}

impl From<CoreFrame> for Frame {
    fn from(frame: CoreFrame) -> Self {
        Frame {
            width: frame.width,
            height: frame.height,
            alpha: frame.alpha.into(),
            pixels: frame.pixels,
        }
    }
}

/// The two opaque frames a hardware keyer takes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KeyFill {
    /// The alpha as opaque grey.
    pub key: Frame,
    /// The straight colour, opaque, black where the frame is transparent.
    pub fill: Frame,
}

/// Splits `frame` into key and fill; `InvalidFrameSize` when its pixels are not
/// `width * height * 4` bytes.
#[uniffi::export]
pub fn key_and_fill(frame: Frame) -> Result<KeyFill, OverlayError> {
    let expected = u64::from(frame.width) * u64::from(frame.height) * 4;
    if frame.pixels.len() as u64 != expected {
        return Err(OverlayError::InvalidFrameSize {
            message: format!(
                "a {}x{} frame has {expected} bytes of pixels, but {} were given",
                frame.width,
                frame.height,
                frame.pixels.len()
            ),
        });
    }
    let frame = CoreFrame {
        width: frame.width,
        height: frame.height,
        pixels: frame.pixels,
        alpha: frame.alpha.into(),
    };
    let (key, fill) = frame.key_and_fill();
    Ok(KeyFill {
        key: key.into(),
        fill: fill.into(),
    })
}

/// A skin, a renderer and a frame size. Calls take turns; each blocks while it renders,
/// so call it off the UI thread.
#[derive(Debug, uniffi::Object)]
pub struct HandOverlay {
    inner: Mutex<CoreOverlay>,
    width: u32,
    height: u32,
}

impl HandOverlay {
    /// The overlay, even if a panic poisoned the lock: the next frame starts from the
    /// skin and view it is given, so nothing half-done carries over.
    fn lock(&self) -> MutexGuard<'_, CoreOverlay> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn render(&self, view: OverlayView, timestamp_ns: Option<i64>) -> Result<Frame, OverlayError> {
        let mut overlay = self.lock();
        let frame = match timestamp_ns {
            None => overlay.render_view(view)?,
            Some(ns) => overlay.render_view_at(&view, Timestamp::from_ns(ns))?,
        };
        Ok(Frame::from(frame.clone()))
    }
}

#[uniffi::export]
impl HandOverlay {
    /// Loads the skin (`skin`: a TOML file, null for the bundled default skin), starts the
    /// renderer and checks the size (16 to 4096 pixels a side).
    #[uniffi::constructor(default(skin = None))]
    pub fn new(
        width: u32,
        height: u32,
        adapter: Adapter,
        alpha: AlphaMode,
        skin: Option<String>,
    ) -> Result<Arc<Self>, OverlayError> {
        let overlay = CoreOverlay::new(&HandOverlayOptions {
            width,
            height,
            skin: skin.map(PathBuf::from),
            adapter: match adapter {
                Adapter::Any => AdapterChoice::HighPerformance,
                Adapter::Cpu => AdapterChoice::Cpu,
            },
            alpha: alpha.into(),
        })?;
        Ok(Arc::new(HandOverlay {
            inner: Mutex::new(overlay),
            width,
            height,
        }))
    }

    /// Frame width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Frame height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Renders `hand` as it stands: the full view (every hole card, each live player's
    /// exact equity) or with `public_view` the public view (card backs, no equity). Without
    /// `timestamp_ns` a settled still; with it a frame on a running clock, where what
    /// appeared or changed since the previous frame plays its transition from that time.
    #[uniffi::method(default(timestamp_ns = None))]
    pub fn render_hand(
        &self,
        hand: Arc<Hand>,
        public_view: bool,
        timestamp_ns: Option<i64>,
    ) -> Result<Frame, OverlayError> {
        let view = CoreOverlay::view_of(&hand.lock(), public_view);
        self.render(view, timestamp_ns)
    }

    /// Renders the hand of a PHH text as it stands after the first `actions` lines of its
    /// action list (dealing lines count), as `render_scene --hand --action` does.
    #[uniffi::method(default(timestamp_ns = None))]
    pub fn render_phh(
        &self,
        text: String,
        actions: u32,
        public_view: bool,
        timestamp_ns: Option<i64>,
    ) -> Result<Frame, OverlayError> {
        let hand = ggp_core::PhhHand::parse(&text)
            .and_then(|phh| phh.replay_actions(Some(actions as usize)))
            .map_err(|err| OverlayError::HandHistory {
                message: err.to_string(),
            })?;
        self.render(CoreOverlay::view_of(&hand, public_view), timestamp_ns)
    }

    /// Renders a view given as JSON: `hand.viewJson()` or `hand.publicViewJson()`.
    #[uniffi::method(default(timestamp_ns = None))]
    pub fn render_view_json(
        &self,
        json: String,
        timestamp_ns: Option<i64>,
    ) -> Result<Frame, OverlayError> {
        self.render(CoreOverlay::view_from_json(&json)?, timestamp_ns)
    }

    /// Puts the skin file at `path` in use from the next frame. When it is bad the current
    /// skin stays and `Skin` says why.
    pub fn reload_skin(&self, path: String) -> Result<(), OverlayError> {
        Ok(self.lock().reload_skin(Path::new(&path))?)
    }
}
