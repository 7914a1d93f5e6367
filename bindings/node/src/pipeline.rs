//! The frame pipeline for Node: `Pipeline.open(settings)` starts a pipeline described by
//! TOML or JSON text (the schema of `ggp_stream::config`), and the methods push events and
//! hands, read the metrics, stop it and wait for it. Opening and waiting run on the libuv
//! thread pool (promises); raw frames reach a JS callback through a threadsafe function.
//! Glue over `ggp_stream::session::PipelineSession`.

use std::sync::Arc;

use ggp_stream::StreamError;
use ggp_stream::config::SettingsFormat;
use ggp_stream::output::{FrameCallback, FramePixels, FrameRef};
use ggp_stream::session::PipelineSession;
use napi::bindgen_prelude::{AsyncTask, Buffer, ToNapiValue, TypeName, ValueType};
use napi::threadsafe_function::{
    ThreadsafeFunction, ThreadsafeFunctionCallMode, UnknownReturnValue,
};
use napi::{Env, Status, Task};
use napi_derive::napi;

use crate::render::coded_error;

/// The first byte of every `Pipeline`: neither a card index (0..52) nor another class's
/// brand (see `DECK_BRAND` in lib.rs for why classes carry one).
const PIPELINE_BRAND: u8 = 0x91;

/// The code of a pipeline error, as the C ABI's statuses name them:
/// `GGP_PIPELINE_SETTINGS`, `GGP_PIPELINE_INPUT`, `GGP_PIPELINE_GRAPHICS`,
/// `GGP_PIPELINE_FINISHED` or `GGP_PIPELINE_MEDIA`.
fn stream_error_code(err: &StreamError) -> &'static str {
    match err {
        StreamError::Settings { .. } => "GGP_PIPELINE_SETTINGS",
        StreamError::InvalidInput { .. } => "GGP_PIPELINE_INPUT",
        StreamError::Overlay { .. } => "GGP_PIPELINE_GRAPHICS",
        StreamError::Closed { target, .. } if target == "pipeline" => "GGP_PIPELINE_FINISHED",
        _ => "GGP_PIPELINE_MEDIA",
    }
}

fn stream_error(env: &Env, err: &StreamError) -> napi::Error {
    coded_error(env, stream_error_code(err), err.to_string())
}

/// A JSON document of the core, as a JS object.
fn json_object(text: &str) -> napi::Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|err| {
        napi::Error::new(
            Status::GenericFailure,
            format!("cannot read the pipeline's JSON: {err}"),
        )
    })
}

/// One composited frame handed to the `onFrame` callback (a copy: it may be kept).
#[napi(object, object_from_js = false)]
pub struct PipelineFrame {
    /// "live" (the public view, at once) or "program" (everything, after the delay).
    pub feed: String,
    /// Presentation time in nanoseconds on the video's timeline; increasing within a feed.
    pub pts_ns: i64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// "rgba" (one plane, 4 bytes a pixel, opaque) or "yuv420p" (Y, U and V planes),
    /// as the settings' `[frames] pixels` says.
    pub format: String,
    /// The planes, each `strides[i]` bytes a row.
    pub planes: Vec<Buffer>,
    /// Bytes from one row to the next, per plane.
    pub strides: Vec<u32>,
}

impl std::fmt::Debug for PipelineFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Buffers have no Debug; the description says what matters.
        f.debug_struct("PipelineFrame")
            .field("feed", &self.feed)
            .field("pts_ns", &self.pts_ns)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl PipelineFrame {
    fn copy_of(frame: &FrameRef<'_>) -> PipelineFrame {
        PipelineFrame {
            feed: frame.feed.name().to_owned(),
            pts_ns: frame.pts_ns,
            width: frame.width,
            height: frame.height,
            format: match frame.format {
                FramePixels::Rgba => "rgba",
                FramePixels::Yuv420p => "yuv420p",
            }
            .to_owned(),
            planes: frame
                .planes
                .iter()
                .map(|plane| Buffer::from(plane.to_vec()))
                .collect(),
            strides: frame
                .strides
                .iter()
                .map(|&stride| u32::try_from(stride).unwrap_or(u32::MAX))
                .collect(),
        }
    }
}

/// The JS callback, callable from the pipeline's frame thread. Weak: a pipeline nobody
/// waits for does not keep Node alive.
type FrameFunction =
    ThreadsafeFunction<PipelineFrame, UnknownReturnValue, PipelineFrame, Status, false, true>;

/// The pipeline's callback: copies each frame and queues it for the JS callback without
/// blocking (a slow event loop loses frames for the callback only, never for the feeds).
fn frame_callback(function: FrameFunction) -> FrameCallback {
    Box::new(move |frame: &FrameRef<'_>| {
        function.call(
            PipelineFrame::copy_of(frame),
            ThreadsafeFunctionCallMode::NonBlocking,
        );
    })
}

/// The settings' format: "toml" or "json", or guessed from the text when left out.
fn settings_format(text: &str, format: Option<&str>) -> Result<SettingsFormat, StreamError> {
    match format {
        Some(name) => SettingsFormat::from_name(name),
        None => Ok(SettingsFormat::detect(text)),
    }
}

/// The work of `Pipeline.open`, done on the libuv thread pool.
pub struct OpenPipeline {
    text: String,
    format: Option<String>,
    on_frame: Option<FrameFunction>,
}

impl std::fmt::Debug for OpenPipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenPipeline")
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl Task for OpenPipeline {
    type Output = Result<PipelineSession, StreamError>;
    type JsValue = Pipeline;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let mut open = || {
            let format = settings_format(&self.text, self.format.as_deref())?;
            let callback = self.on_frame.take().map(frame_callback);
            PipelineSession::open_with_frames(&self.text, format, callback)
        };
        Ok(open())
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let session = output.map_err(|err| stream_error(&env, &err))?;
        Ok(Pipeline {
            brand: PIPELINE_BRAND,
            session: Arc::new(session),
        })
    }
}

/// The work of `wait`, done on the libuv thread pool.
#[derive(Debug)]
pub struct WaitPipeline {
    session: Arc<PipelineSession>,
}

/// A finished pipeline's report, handed to JS as a plain object.
#[derive(Debug)]
pub struct Report(serde_json::Value);

impl TypeName for Report {
    fn type_name() -> &'static str {
        "Record<string, unknown>"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for Report {
    unsafe fn to_napi_value(
        env: napi::sys::napi_env,
        report: Self,
    ) -> napi::Result<napi::sys::napi_value> {
        // SAFETY: the caller passes a live env, as napi's own conversions require.
        unsafe { serde_json::Value::to_napi_value(env, report.0) }
    }
}

impl Task for WaitPipeline {
    type Output = Result<String, StreamError>;
    type JsValue = Report;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(self
            .session
            .wait()
            .map(|report| PipelineSession::report_json(&report)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        json_object(&output.map_err(|err| stream_error(&env, &err))?).map(Report)
    }
}

/// A running frame pipeline: a source, the graphics over it, the secure delay and the
/// encoders and outputs of the program and live feeds. Open one with `Pipeline.open`.
/// Errors carry `code` `GGP_PIPELINE_SETTINGS` (the message names the field and line),
/// `GGP_PIPELINE_INPUT`, `GGP_PIPELINE_MEDIA`, `GGP_PIPELINE_GRAPHICS` or
/// `GGP_PIPELINE_FINISHED` (after `wait` resolved).
#[napi]
#[derive(Debug)]
#[repr(C)]
pub struct Pipeline {
    /// Always [`PIPELINE_BRAND`]; first, like `Deck::brand`.
    brand: u8,
    session: Arc<PipelineSession>,
}

#[napi]
impl Pipeline {
    /// Reads the settings (`format` "toml" or "json"; guessed from the text when left
    /// out: JSON starts with `{`) and starts the pipeline, off the event loop. `onFrame`,
    /// when given, receives composited frames as the settings' `[frames]` says.
    #[napi(ts_return_type = "Promise<Pipeline>")]
    pub fn open(
        text: String,
        format: Option<String>,
        #[napi(ts_arg_type = "(frame: PipelineFrame) => void")] on_frame: Option<FrameFunction>,
    ) -> AsyncTask<OpenPipeline> {
        AsyncTask::new(OpenPipeline {
            text,
            format,
            on_frame,
        })
    }

    fn session(&self) -> napi::Result<&PipelineSession> {
        if self.brand == PIPELINE_BRAND {
            Ok(&self.session)
        } else {
            Err(napi::Error::new(
                Status::InvalidArg,
                "the object is not a ggp-gfx Pipeline",
            ))
        }
    }

    /// Adds a card or action event: `ggp_core::feed::FeedEvent` as an object or JSON
    /// text, e.g. `{type: 'card', timestamp_ns: 2e9, card: 'As', location: {kind: 'hole',
    /// seat: 0, slot: 0}, present: true, source: 'rfid', confidence: 1}`. Returns whether
    /// a hand was running at its time.
    #[napi]
    pub fn push_event(
        &self,
        env: Env,
        #[napi(ts_arg_type = "Record<string, any> | string")] event: serde_json::Value,
    ) -> napi::Result<bool> {
        let json = match event {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        self.session()?
            .push_event_json(&json)
            .map_err(|err| stream_error(&env, &err))
    }

    /// Adds the hands of PHH text (a `.phh` hand or a `.phhs` file) laid on the video from
    /// `startNs` (left out: two steps after the last hand) at the settings' pace. Returns
    /// when the last one's last action is, in nanoseconds.
    #[napi]
    pub fn push_hand(&self, env: Env, text: String, start_ns: Option<i64>) -> napi::Result<i64> {
        self.session()?
            .push_hand_phh(&text, start_ns)
            .map_err(|err| stream_error(&env, &err))
    }

    /// Delivers composited frames to `callback` from now on, as the settings' `[frames]`
    /// says; replaces an earlier callback.
    #[napi]
    pub fn set_frame_callback(
        &self,
        env: Env,
        #[napi(ts_arg_type = "(frame: PipelineFrame) => void")] callback: FrameFunction,
    ) -> napi::Result<()> {
        self.session()?
            .set_frame_callback(frame_callback(callback))
            .map_err(|err| stream_error(&env, &err))
    }

    /// The health now (once finished, the final figures): frames in and out, dropped
    /// frames, queue depths, encode time, the delay, and each output's metrics under
    /// `outputs`.
    #[napi(ts_return_type = "Record<string, any>")]
    pub fn metrics(&self) -> napi::Result<serde_json::Value> {
        json_object(&self.session()?.metrics_json())
    }

    /// The metrics in the Prometheus text format.
    #[napi]
    pub fn prometheus(&self) -> napi::Result<String> {
        Ok(self.session()?.prometheus())
    }

    /// Asks the pipeline to stop: the source stops reading; what was read (the delay's
    /// content included) is still encoded and written. `wait` tells when it is done.
    #[napi]
    pub fn stop(&self) -> napi::Result<()> {
        self.session()?.stop();
        Ok(())
    }

    /// Whether the pipeline has ended (then `wait` resolves at once).
    #[napi(getter)]
    pub fn is_finished(&self) -> napi::Result<bool> {
        Ok(self.session()?.is_finished())
    }

    /// Waits, off the event loop, for the end of the input (or `stop`) and the outputs to
    /// close; resolves with the final metrics and `rejected_actions`. Waiting again gives
    /// the same report.
    #[napi(ts_return_type = "Promise<Record<string, any>>")]
    pub fn wait(&self) -> napi::Result<AsyncTask<WaitPipeline>> {
        self.session()?;
        Ok(AsyncTask::new(WaitPipeline {
            session: Arc::clone(&self.session),
        }))
    }
}
