//! A pipeline opened from settings text, driven by text: what the C, Python, Node and
//! uniffi bindings wrap, so that none of them holds logic of its own.
//!
//! Every method takes `&self` and may be called from any thread: one thread may sit in
//! [`PipelineSession::wait`] while another pushes events, reads metrics or calls
//! [`PipelineSession::stop`].
//!
//! ```no_run
//! use ggp_stream::config::SettingsFormat;
//! use ggp_stream::session::PipelineSession;
//! let session = PipelineSession::open(
//!     "[source]\nkind = \"test_pattern\"\nduration_s = 3.0\n[outputs]\nprogram = [\"p.mp4\"]\n",
//!     SettingsFormat::Toml,
//! )?;
//! session.push_hand_phh(&std::fs::read_to_string("examples/data/heads_up.phh")?, Some(0))?;
//! println!("{}", session.metrics_json());
//! let report = session.wait()?;
//! println!("{}", PipelineSession::report_json(&report));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use ggp_core::feed::FeedEvent;

use crate::config::{PipelineSettings, SettingsFormat, phh_scripts};
use crate::output::{FrameCallback, OutputMetrics};
use crate::pipeline::{Pipeline, PipelineReport};
use crate::{PipelineStats, StreamError};

/// How often [`PipelineSession::wait`] looks whether the pipeline is done; a wait that
/// held the pipeline would keep `stop` and the metrics out.
const WAIT_POLL: Duration = Duration::from_millis(10);

enum State {
    Running(Pipeline),
    /// Waited for: the report, or the first error's message.
    Done(Result<PipelineReport, String>),
}

/// Where the next pushed hand goes when no start is given.
#[derive(Debug, Clone, Copy)]
struct NextHand {
    number: u64,
    start_ns: i64,
}

/// A running pipeline with text in and out.
pub struct PipelineSession {
    settings: PipelineSettings,
    pace_ns: i64,
    state: Mutex<State>,
    next_hand: Mutex<NextHand>,
}

impl std::fmt::Debug for PipelineSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PipelineSession")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl PipelineSession {
    /// Reads the settings and starts the pipeline.
    pub fn open(text: &str, format: SettingsFormat) -> Result<Self, StreamError> {
        Self::open_with_frames(text, format, None)
    }

    /// [`Self::open`] with a raw-frame callback from the first frame (see `[frames]`).
    pub fn open_with_frames(
        text: &str,
        format: SettingsFormat,
        callback: Option<FrameCallback>,
    ) -> Result<Self, StreamError> {
        let settings = PipelineSettings::parse(text, format)?;
        let pace_ns = settings.pace_ns()?;
        let (hands, end_ns) = settings.hand_scripts()?;
        let next_hand = NextHand {
            number: hands.len() as u64 + 1,
            start_ns: if hands.is_empty() {
                end_ns
            } else {
                end_ns + 2 * pace_ns
            },
        };
        let pipeline = settings.start_with_frames(callback)?;
        Ok(PipelineSession {
            settings,
            pace_ns,
            state: Mutex::new(State::Running(pipeline)),
            next_hand: Mutex::new(next_hand),
        })
    }

    /// The settings it runs with.
    pub fn settings(&self) -> &PipelineSettings {
        &self.settings
    }

    fn with_pipeline<T>(
        &self,
        action: impl FnOnce(&Pipeline) -> Result<T, StreamError>,
    ) -> Result<T, StreamError> {
        match &*self.state.lock().unwrap_or_else(PoisonError::into_inner) {
            State::Running(pipeline) => action(pipeline),
            State::Done(_) => Err(StreamError::Closed {
                target: "pipeline".into(),
                reason: "it has finished (wait returned)".into(),
            }),
        }
    }

    /// Adds a card or action event written as `ggp_core::feed::FeedEvent` JSON, e.g.
    /// `{"type":"card","timestamp_ns":2000000000,"card":"As","location":{"kind":"hole",
    /// "seat":0,"slot":0},"present":true,"source":"rfid","confidence":1.0}`. Returns
    /// whether a hand was running at its time.
    pub fn push_event_json(&self, json: &str) -> Result<bool, StreamError> {
        let event: FeedEvent =
            serde_json::from_str(json).map_err(|error| StreamError::InvalidInput {
                what: "event JSON",
                reason: error.to_string(),
            })?;
        self.with_pipeline(|pipeline| Ok(pipeline.push_event(event)))
    }

    /// Adds the hands of PHH text (a `.phh` hand or a `.phhs` file), laid on the video
    /// from `start_ns` (nanoseconds; `None`: two steps after the last hand) at the
    /// settings' pace. Returns when the last one's last action is.
    pub fn push_hand_phh(&self, text: &str, start_ns: Option<i64>) -> Result<i64, StreamError> {
        let mut next = self
            .next_hand
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let start_ns = start_ns.unwrap_or(next.start_ns);
        let (scripts, end_ns) =
            phh_scripts(text, next.number, start_ns, self.pace_ns).map_err(|error| {
                StreamError::InvalidInput {
                    what: "hand history",
                    reason: match error {
                        StreamError::InvalidConfig { reason, .. } => reason,
                        other => other.to_string(),
                    },
                }
            })?;
        let count = scripts.len() as u64;
        self.with_pipeline(|pipeline| {
            for script in scripts {
                pipeline.push_hand(script);
            }
            Ok(())
        })?;
        next.number += count;
        next.start_ns = next.start_ns.max(end_ns + 2 * self.pace_ns);
        Ok(end_ns)
    }

    /// Delivers raw frames to `callback` from now on, fed as the settings' `[frames]`
    /// says; replaces an earlier callback.
    pub fn set_frame_callback(&self, callback: FrameCallback) -> Result<(), StreamError> {
        let sink = self.settings.frames.sink(callback);
        self.with_pipeline(|pipeline| pipeline.set_frame_sink(sink))
    }

    /// The health now (or, once finished, the final figures).
    pub fn stats(&self) -> PipelineStats {
        match &*self.state.lock().unwrap_or_else(PoisonError::into_inner) {
            State::Running(pipeline) => pipeline.stats(),
            State::Done(Ok(report)) => report.stats.clone(),
            State::Done(Err(_)) => PipelineStats::default(),
        }
    }

    /// [`Self::stats`] as a JSON object, each output's metrics under `"outputs"`.
    pub fn metrics_json(&self) -> String {
        stats_json(&self.stats()).to_string()
    }

    /// [`Self::stats`] in the Prometheus text format.
    pub fn prometheus(&self) -> String {
        self.stats().prometheus_text()
    }

    /// Asks the pipeline to stop; what it has read is still encoded and written.
    pub fn stop(&self) {
        if let State::Running(pipeline) =
            &*self.state.lock().unwrap_or_else(PoisonError::into_inner)
        {
            pipeline.stop();
        }
    }

    /// Whether the pipeline has ended (then [`Self::wait`] returns at once).
    pub fn is_finished(&self) -> bool {
        match &*self.state.lock().unwrap_or_else(PoisonError::into_inner) {
            State::Running(pipeline) => pipeline.is_finished(),
            State::Done(_) => true,
        }
    }

    /// Waits for the end of the input (or [`Self::stop`]) and the outputs to close. A
    /// second call gives the same report again.
    pub fn wait(&self) -> Result<PipelineReport, StreamError> {
        loop {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            match &*state {
                State::Done(Ok(report)) => return Ok(report.clone()),
                State::Done(Err(message)) => {
                    return Err(StreamError::Closed {
                        target: "pipeline".into(),
                        reason: message.clone(),
                    });
                }
                State::Running(pipeline) if pipeline.is_finished() => {
                    let State::Running(pipeline) =
                        std::mem::replace(&mut *state, State::Done(Err(String::new())))
                    else {
                        continue;
                    };
                    let result = pipeline.wait();
                    *state = State::Done(match &result {
                        Ok(report) => Ok(report.clone()),
                        Err(error) => Err(error.to_string()),
                    });
                    return result;
                }
                State::Running(_) => {}
            }
            drop(state);
            std::thread::sleep(WAIT_POLL);
        }
    }

    /// A report as JSON: the final stats (outputs included) and the refused actions.
    pub fn report_json(report: &PipelineReport) -> String {
        let mut value = stats_json(&report.stats);
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "rejected_actions".into(),
                serde_json::Value::from(report.rejected_actions),
            );
        }
        value.to_string()
    }
}

fn output_json(metrics: &OutputMetrics) -> serde_json::Value {
    serde_json::json!({
        "name": metrics.name,
        "protocol": metrics.protocol,
        "state": metrics.state.name(),
        "packets_sent": metrics.packets_sent,
        "bytes_sent": metrics.bytes_sent,
        "bitrate_bps": metrics.bitrate_bps,
        "dropped_packets": metrics.dropped_packets,
        "reconnects": metrics.reconnects,
        "queue_depth": metrics.queue_depth,
        "queue_capacity": metrics.queue_capacity,
        "last_error": metrics.last_error,
    })
}

/// Stats as a JSON object with `"outputs"`.
pub fn stats_json(stats: &PipelineStats) -> serde_json::Value {
    let mut value = serde_json::to_value(stats).unwrap_or_else(|_| serde_json::json!({}));
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "outputs".into(),
            serde_json::Value::Array(stats.outputs.iter().map(output_json).collect()),
        );
    }
    value
}
