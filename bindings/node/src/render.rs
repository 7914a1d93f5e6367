//! The renderer for Node: `HandOverlay` draws a hand (a `Hand`, a PHH text cut after N
//! actions, a `HandFeed`'s state, or a view object) with a skin and returns `Frame`s whose
//! pixels are Buffers. Opening and rendering run on the libuv thread pool (promises), never
//! on the event loop. Glue over `ggp_render::skin::HandOverlay`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use ggp_render::skin::{HandOverlay as CoreOverlay, HandOverlayOptions, OverlayView, SkinError};
use ggp_render::{AdapterChoice, AlphaMode, Frame as CoreFrame, RenderError, Timestamp};
use napi::bindgen_prelude::{AsyncTask, Buffer, ClassInstance};
use napi::{Env, JsValue, Status, Task};
use napi_derive::napi;

use crate::Hand;
use crate::feed::HandFeed;

/// The first byte of every `HandOverlay`: neither a card index (0..52) nor another class's
/// brand (see `DECK_BRAND` in lib.rs for why classes carry one).
const OVERLAY_BRAND: u8 = 0x0B;

/// A JS `Error` with a `code` property, as every error of this addon.
pub(crate) fn coded_error(env: &Env, code: &str, message: String) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let mut error = env.create_error(napi::Error::new(Status::GenericFailure, &message))?;
        error.set("code", code)?;
        Ok(napi::Error::from(error.to_unknown()))
    };
    // Creating the error object fails only if the engine is shutting down: then a plain
    // error still carries the message.
    build().unwrap_or_else(|_| napi::Error::new(Status::GenericFailure, message.clone()))
}

/// The code of a skin or render error, as the other bindings name them (the README's error
/// table): `GGP_SKIN`, `GGP_NO_ADAPTER`, `GGP_INVALID_FRAME_SIZE`, `GGP_RENDER`,
/// `GGP_INVALID_VIEW`.
fn skin_error_code(err: &SkinError) -> &'static str {
    match err {
        SkinError::InvalidView { .. } => "GGP_INVALID_VIEW",
        SkinError::Render(RenderError::NoAdapter { .. })
        | SkinError::Render(RenderError::DeviceRequest { .. }) => "GGP_NO_ADAPTER",
        SkinError::Render(RenderError::InvalidSize { .. }) => "GGP_INVALID_FRAME_SIZE",
        SkinError::Render(_) => "GGP_RENDER",
        _ => "GGP_SKIN",
    }
}

/// Why a render failed: the hand could not be replayed, or the skin or renderer failed.
#[derive(Debug)]
pub enum Failure {
    /// A PHH text that cannot be read or replayed.
    Core(ggp_core::Error),
    /// A skin, view or renderer error.
    Skin(SkinError),
}

impl From<SkinError> for Failure {
    fn from(err: SkinError) -> Self {
        Failure::Skin(err)
    }
}

impl Failure {
    fn into_js(self, env: &Env) -> napi::Error {
        match self {
            Failure::Core(err) => crate::rules_error(env, &err),
            Failure::Skin(err) => coded_error(env, skin_error_code(&err), err.to_string()),
        }
    }
}

fn invalid(message: String) -> napi::Error {
    napi::Error::new(Status::InvalidArg, message)
}

/// How to open a `HandOverlay`; every field may be left out.
#[napi(object, object_to_js = false)]
#[derive(Debug, Default)]
pub struct OverlayOptions {
    /// Frame width in pixels, 16 to 4096 (default 1920).
    pub width: Option<u32>,
    /// Frame height in pixels, 16 to 4096 (default 1080).
    pub height: Option<u32>,
    /// A skin file (TOML); left out for the bundled default skin.
    pub skin: Option<String>,
    /// "any" (the default: a GPU when there is one) or "cpu" (lavapipe/llvmpipe).
    pub adapter: Option<String>,
    /// "straight" (the default) or "premultiplied".
    pub alpha: Option<String>,
}

impl OverlayOptions {
    fn to_core(&self) -> napi::Result<HandOverlayOptions> {
        let defaults = HandOverlayOptions::default();
        let adapter = match self.adapter.as_deref() {
            None | Some("any") => AdapterChoice::HighPerformance,
            Some("cpu") => AdapterChoice::Cpu,
            Some(other) => {
                return Err(invalid(format!(
                    "adapter {other:?} is unknown; use \"any\" or \"cpu\""
                )));
            }
        };
        Ok(HandOverlayOptions {
            width: self.width.unwrap_or(defaults.width),
            height: self.height.unwrap_or(defaults.height),
            skin: self.skin.as_ref().map(PathBuf::from),
            adapter,
            alpha: alpha_mode(self.alpha.as_deref())?.unwrap_or(defaults.alpha),
        })
    }
}

/// `"straight"` or `"premultiplied"`; `None` when not given.
pub(crate) fn alpha_mode(name: Option<&str>) -> napi::Result<Option<AlphaMode>> {
    match name {
        None => Ok(None),
        Some("straight") => Ok(Some(AlphaMode::Straight)),
        Some("premultiplied") => Ok(Some(AlphaMode::Premultiplied)),
        Some(other) => Err(invalid(format!(
            "alpha {other:?} is unknown; use \"straight\" or \"premultiplied\""
        ))),
    }
}

fn alpha_name(alpha: AlphaMode) -> &'static str {
    match alpha {
        AlphaMode::Straight => "straight",
        AlphaMode::Premultiplied => "premultiplied",
    }
}

/// How to render one frame; every field may be left out.
#[napi(object, object_to_js = false)]
#[derive(Debug, Default)]
pub struct RenderOptions {
    /// Draw the public view (card backs for hidden hole cards, no equity) instead of the
    /// full view (every hole card, each live player's exact equity). Ignored by
    /// `renderView`, where the view given decides.
    pub public: Option<bool>,
    /// Render on a running clock at this time (nanoseconds, not going back between calls):
    /// what appeared, changed or went since the previous frame plays its transition from
    /// here. Left out: a settled still, every transition finished.
    pub timestamp_ns: Option<i64>,
    /// Also split the frame into `key` and `fill`, the two opaque frames a hardware keyer
    /// takes.
    pub key_fill: Option<bool>,
}

/// A rendered frame: `height` rows of `width * 4` bytes, R, G, B, A.
#[napi(object, object_from_js = false)]
pub struct Frame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// "straight" or "premultiplied".
    pub alpha: String,
    /// The RGBA pixels.
    pub pixels: Buffer,
    /// With `keyFill`: the alpha as opaque grey (RGBA, alpha 255).
    pub key: Option<Buffer>,
    /// With `keyFill`: the straight colour, opaque (RGBA, alpha 255), black where the frame
    /// is transparent.
    pub fill: Option<Buffer>,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Buffers have no Debug; the size says what matters.
        f.debug_struct("Frame")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("alpha", &self.alpha)
            .finish_non_exhaustive()
    }
}

/// A frame read back, and its key and fill when asked for: what a worker hands to JS.
#[derive(Debug)]
pub struct Rendered {
    frame: CoreFrame,
    key_fill: Option<(CoreFrame, CoreFrame)>,
}

impl Rendered {
    pub(crate) fn new(frame: CoreFrame, key_fill: bool) -> Rendered {
        let key_fill = key_fill.then(|| frame.key_and_fill());
        Rendered { frame, key_fill }
    }

    pub(crate) fn into_js(self) -> Frame {
        let (key, fill) = self
            .key_fill
            .map(|(key, fill)| (Buffer::from(key.pixels), Buffer::from(fill.pixels)))
            .unzip();
        Frame {
            width: self.frame.width,
            height: self.frame.height,
            alpha: alpha_name(self.frame.alpha).to_owned(),
            pixels: Buffer::from(self.frame.pixels),
            key,
            fill,
        }
    }
}

/// What a render draws.
#[derive(Debug)]
enum Subject {
    /// A hand as it stands, full or public view.
    Hand(Box<ggp_core::rules::Hand>, bool),
    /// A PHH text after its first `actions` action lines (dealing lines count).
    Phh {
        text: String,
        actions: usize,
        public: bool,
    },
    /// A view's JSON text.
    View(String),
}

/// The work of every `render*` method, done on the libuv thread pool.
#[derive(Debug)]
pub struct RenderFrame {
    overlay: Arc<Mutex<CoreOverlay>>,
    subject: Subject,
    at: Option<Timestamp>,
    key_fill: bool,
}

impl RenderFrame {
    fn view(&self) -> Result<OverlayView, Failure> {
        Ok(match &self.subject {
            Subject::Hand(hand, public) => CoreOverlay::view_of(hand, *public),
            Subject::Phh {
                text,
                actions,
                public,
            } => {
                let hand = ggp_core::PhhHand::parse(text)
                    .and_then(|phh| phh.replay_actions(Some(*actions)))
                    .map_err(Failure::Core)?;
                CoreOverlay::view_of(&hand, *public)
            }
            Subject::View(json) => CoreOverlay::view_from_json(json)?,
        })
    }
}

impl Task for RenderFrame {
    type Output = Result<Rendered, Failure>;
    type JsValue = Frame;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let run = || -> Result<Rendered, Failure> {
            let view = self.view()?;
            let mut overlay = self.overlay.lock().unwrap_or_else(PoisonError::into_inner);
            let frame = match self.at {
                None => overlay.render_view(view)?,
                Some(at) => overlay.render_view_at(&view, at)?,
            };
            Ok(Rendered::new(frame.clone(), self.key_fill))
        };
        Ok(run())
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output
            .map(Rendered::into_js)
            .map_err(|err| err.into_js(&env))
    }
}

/// The work of `HandOverlay.open`, done on the libuv thread pool.
#[derive(Debug)]
pub struct OpenOverlay {
    options: HandOverlayOptions,
}

impl Task for OpenOverlay {
    type Output = Result<CoreOverlay, SkinError>;
    type JsValue = HandOverlay;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(CoreOverlay::new(&self.options))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let overlay = output.map_err(|err| Failure::Skin(err).into_js(&env))?;
        Ok(HandOverlay {
            brand: OVERLAY_BRAND,
            width: overlay.width(),
            height: overlay.height(),
            inner: Arc::new(Mutex::new(overlay)),
        })
    }
}

/// The work of `reloadSkin`, done on the libuv thread pool.
#[derive(Debug)]
pub struct ReloadSkin {
    overlay: Arc<Mutex<CoreOverlay>>,
    path: PathBuf,
}

impl Task for ReloadSkin {
    type Output = Result<(), SkinError>;
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let mut overlay = self.overlay.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(overlay.reload_skin(&self.path))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|err| Failure::Skin(err).into_js(&env))
    }
}

/// A skin, a renderer and a frame size. Open one with `HandOverlay.open(options)`; each
/// render returns a promise and runs off the event loop (renders of one overlay take
/// turns). Errors carry `code` `GGP_SKIN` (the message names the file and line),
/// `GGP_NO_ADAPTER`, `GGP_INVALID_FRAME_SIZE`, `GGP_RENDER` or `GGP_INVALID_VIEW`, and
/// for a PHH text the rules engine's codes (`GGP_HAND_HISTORY`, ...).
#[napi]
#[derive(Debug)]
#[repr(C)]
pub struct HandOverlay {
    /// Always [`OVERLAY_BRAND`]; first, like `Deck::brand`.
    brand: u8,
    width: u32,
    height: u32,
    inner: Arc<Mutex<CoreOverlay>>,
}

#[napi]
impl HandOverlay {
    /// Loads the skin, starts the renderer and checks the size, off the event loop.
    #[napi(ts_return_type = "Promise<HandOverlay>")]
    pub fn open(options: Option<OverlayOptions>) -> napi::Result<AsyncTask<OpenOverlay>> {
        let options = options.unwrap_or_default().to_core()?;
        Ok(AsyncTask::new(OpenOverlay { options }))
    }

    fn overlay(&self) -> napi::Result<Arc<Mutex<CoreOverlay>>> {
        if self.brand == OVERLAY_BRAND {
            Ok(Arc::clone(&self.inner))
        } else {
            Err(invalid(
                "the object is not a ggp-gfx HandOverlay".to_owned(),
            ))
        }
    }

    fn task(&self, subject: Subject, options: Option<RenderOptions>) -> napi::Result<RenderFrame> {
        let options = options.unwrap_or_default();
        Ok(RenderFrame {
            overlay: self.overlay()?,
            subject,
            at: options.timestamp_ns.map(Timestamp::from_ns),
            key_fill: options.key_fill.unwrap_or(false),
        })
    }

    /// Frame width in pixels.
    #[napi(getter)]
    pub fn width(&self) -> napi::Result<u32> {
        self.overlay()?;
        Ok(self.width)
    }

    /// Frame height in pixels.
    #[napi(getter)]
    pub fn height(&self) -> napi::Result<u32> {
        self.overlay()?;
        Ok(self.height)
    }

    /// Renders `hand` as it stands (a copy is taken now).
    #[napi(ts_return_type = "Promise<Frame>")]
    pub fn render_hand(
        &self,
        hand: ClassInstance<Hand>,
        options: Option<RenderOptions>,
    ) -> napi::Result<AsyncTask<RenderFrame>> {
        let public = options.as_ref().and_then(|o| o.public).unwrap_or(false);
        let subject = Subject::Hand(Box::new(hand.hand()?.clone()), public);
        Ok(AsyncTask::new(self.task(subject, options)?))
    }

    /// Renders the hand of a PHH text as it stands after the first `actions` lines of its
    /// action list (dealing lines count), as `render_scene --hand --action` does.
    #[napi(ts_return_type = "Promise<Frame>")]
    pub fn render_phh(
        &self,
        text: String,
        actions: u32,
        options: Option<RenderOptions>,
    ) -> napi::Result<AsyncTask<RenderFrame>> {
        let public = options.as_ref().and_then(|o| o.public).unwrap_or(false);
        let subject = Subject::Phh {
            text,
            actions: actions as usize,
            public,
        };
        Ok(AsyncTask::new(self.task(subject, options)?))
    }

    /// Renders the hand a `HandFeed` has built so far.
    #[napi(ts_return_type = "Promise<Frame>")]
    pub fn render_feed(
        &self,
        feed: ClassInstance<HandFeed>,
        options: Option<RenderOptions>,
    ) -> napi::Result<AsyncTask<RenderFrame>> {
        let public = options.as_ref().and_then(|o| o.public).unwrap_or(false);
        let hand = feed.hand()?.hand()?.clone();
        Ok(AsyncTask::new(
            self.task(Subject::Hand(Box::new(hand), public), options)?,
        ))
    }

    /// Renders a view: `hand.view()` or `hand.publicView()` (an object or its JSON text).
    /// Anything else rejects with `GGP_INVALID_VIEW`.
    #[napi(ts_return_type = "Promise<Frame>")]
    pub fn render_view(
        &self,
        #[napi(ts_arg_type = "Record<string, any> | string")] view: serde_json::Value,
        options: Option<RenderOptions>,
    ) -> napi::Result<AsyncTask<RenderFrame>> {
        let json = match view {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        Ok(AsyncTask::new(self.task(Subject::View(json), options)?))
    }

    /// Puts the skin file at `path` in use from the next frame. When it is bad the current
    /// skin stays and the promise rejects with `GGP_SKIN`, saying why.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn reload_skin(&self, path: String) -> napi::Result<AsyncTask<ReloadSkin>> {
        Ok(AsyncTask::new(ReloadSkin {
            overlay: self.overlay()?,
            path: PathBuf::from(path),
        }))
    }
}
