//! The frame pipeline for Swift and Kotlin: a `Pipeline` opened from TOML or JSON settings
//! (the schema of `ggp_stream::config`), fed with events and hands, read for metrics,
//! stopped and waited for; raw frames reach a `FrameListener` the app implements. Glue
//! over `ggp_stream::session::PipelineSession`.

use std::sync::Arc;

use ggp_stream::StreamError;
use ggp_stream::config::SettingsFormat;
use ggp_stream::output::{FrameCallback, FramePixels, FrameRef};
use ggp_stream::session::PipelineSession;

/// Why a pipeline call failed. Kotlin sees `PipelineException.Settings` and so on, Swift
/// `PipelineError.Settings(message:)`; the message says what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum PipelineError {
    /// Settings (TOML or JSON) that cannot be read or used; the message names the field
    /// and the line.
    #[error("{message}")]
    Settings {
        /// What was wrong.
        message: String,
    },
    /// An event (JSON) or a hand history (PHH) that cannot be read.
    #[error("{message}")]
    Input {
        /// What was wrong.
        message: String,
    },
    /// A source, encoder or output failed (FFmpeg, a file, a full disk).
    #[error("{message}")]
    Media {
        /// What was wrong.
        message: String,
    },
    /// The graphics could not be drawn (the skin or the renderer).
    #[error("{message}")]
    Graphics {
        /// What was wrong.
        message: String,
    },
    /// The pipeline has finished: `wait` returned.
    #[error("{message}")]
    Finished {
        /// What was wrong.
        message: String,
    },
}

impl From<StreamError> for PipelineError {
    fn from(err: StreamError) -> Self {
        let message = err.to_string();
        match err {
            StreamError::Settings { .. } => Self::Settings { message },
            StreamError::InvalidInput { .. } => Self::Input { message },
            StreamError::Overlay { .. } => Self::Graphics { message },
            StreamError::Closed { target, .. } if target == "pipeline" => {
                Self::Finished { message }
            }
            _ => Self::Media { message },
        }
    }
}

/// Which feed a frame belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FeedKind {
    /// The live feed: the public view, at once.
    Live,
    /// The program feed: everything shown, after the delay.
    Program,
}

/// The pixel layout of a pipeline frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum VideoFrameFormat {
    /// One plane, 4 bytes a pixel: R, G, B, A (opaque).
    Rgba,
    /// Y, U and V planes (U and V half width and height), BT.601 limited range.
    Yuv420p,
}

/// One composited frame handed to a `FrameListener` (a copy: it may be kept).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PipelineFrame {
    /// The feed it was composited for.
    pub feed: FeedKind,
    /// Presentation time in nanoseconds on the video's timeline; increasing within a feed.
    pub pts_ns: i64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The layout of `planes`.
    pub format: VideoFrameFormat,
    /// The planes, each `strides[i]` bytes a row.
    pub planes: Vec<Vec<u8>>,
    /// Bytes from one row to the next, per plane.
    pub strides: Vec<u32>,
}

impl PipelineFrame {
    fn copy_of(frame: &FrameRef<'_>) -> PipelineFrame {
        PipelineFrame {
            feed: match frame.feed {
                ggp_stream::output::Feed::Live => FeedKind::Live,
                ggp_stream::output::Feed::Program => FeedKind::Program,
            },
            pts_ns: frame.pts_ns,
            width: frame.width,
            height: frame.height,
            format: match frame.format {
                FramePixels::Rgba => VideoFrameFormat::Rgba,
                FramePixels::Yuv420p => VideoFrameFormat::Yuv420p,
            },
            planes: frame.planes.iter().map(|plane| plane.to_vec()).collect(),
            strides: frame
                .strides
                .iter()
                .map(|&stride| u32::try_from(stride).unwrap_or(u32::MAX))
                .collect(),
        }
    }
}

/// What an app implements to receive frames. Called on the pipeline's frame thread, one
/// frame at a time, as the settings' `[frames]` says (a slow listener loses frames, or
/// with `policy = "block"` slows the pipeline).
#[uniffi::export(with_foreign)]
pub trait FrameListener: Send + Sync {
    /// One frame.
    fn on_frame(&self, frame: PipelineFrame);
}

fn frame_callback(listener: Arc<dyn FrameListener>) -> FrameCallback {
    Box::new(move |frame: &FrameRef<'_>| listener.on_frame(PipelineFrame::copy_of(frame)))
}

/// A running frame pipeline: a source, the graphics over it, the secure delay and the
/// encoders and outputs of the program and live feeds. Every method may be called from
/// any thread: one may wait while another pushes events or stops it.
#[derive(Debug, uniffi::Object)]
pub struct Pipeline {
    session: PipelineSession,
}

#[uniffi::export]
impl Pipeline {
    /// Reads the settings (`format` "toml" or "json"; null: guessed, JSON starts with
    /// `{`) and starts the pipeline; `listener`, when given, receives frames from the
    /// first one.
    #[uniffi::constructor(default(format = None, listener = None))]
    pub fn open(
        text: String,
        format: Option<String>,
        listener: Option<Arc<dyn FrameListener>>,
    ) -> Result<Arc<Self>, PipelineError> {
        let format = match format {
            Some(name) => SettingsFormat::from_name(&name)?,
            None => SettingsFormat::detect(&text),
        };
        let session =
            PipelineSession::open_with_frames(&text, format, listener.map(frame_callback))?;
        Ok(Arc::new(Pipeline { session }))
    }

    /// Adds a card or action event written as `ggp_core::feed::FeedEvent` JSON; returns
    /// whether a hand was running at its time.
    pub fn push_event_json(&self, json: String) -> Result<bool, PipelineError> {
        Ok(self.session.push_event_json(&json)?)
    }

    /// Adds the hands of PHH text (a `.phh` hand or a `.phhs` file) laid on the video from
    /// `start_ns` (null: two steps after the last hand) at the settings' pace; returns
    /// when the last one's last action is, in nanoseconds.
    #[uniffi::method(default(start_ns = None))]
    pub fn push_hand_phh(&self, text: String, start_ns: Option<i64>) -> Result<i64, PipelineError> {
        Ok(self.session.push_hand_phh(&text, start_ns)?)
    }

    /// Delivers frames to `listener` from now on; replaces an earlier one.
    pub fn set_frame_listener(
        &self,
        listener: Arc<dyn FrameListener>,
    ) -> Result<(), PipelineError> {
        Ok(self.session.set_frame_callback(frame_callback(listener))?)
    }

    /// The health now (once finished, the final figures) as a JSON object: frames in and
    /// out, dropped frames, queue depths, encode time, the delay, and `outputs`.
    pub fn metrics_json(&self) -> String {
        self.session.metrics_json()
    }

    /// The metrics in the Prometheus text format.
    pub fn prometheus(&self) -> String {
        self.session.prometheus()
    }

    /// Asks the pipeline to stop; what it has read is still encoded and written.
    pub fn stop(&self) {
        self.session.stop();
    }

    /// Whether the pipeline has ended (then `wait` returns at once).
    pub fn is_finished(&self) -> bool {
        self.session.is_finished()
    }

    /// Waits for the end of the input (or `stop`) and the outputs to close; returns the
    /// final metrics and `rejected_actions` as JSON. Waiting again gives the same report.
    pub fn wait(&self) -> Result<String, PipelineError> {
        let report = self.session.wait()?;
        Ok(PipelineSession::report_json(&report))
    }
}
