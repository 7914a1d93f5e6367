//! # ggp-stream
//!
//! The frame pipeline: FFmpeg sources and sinks, compositing graphics over video, recording,
//! multi-destination streaming and the secure delay.
//!
//! ```text
//!  Source (file, URL, V4L2, images, lavfi) ─> decode thread ─> compose thread ─┬─> live encoder ─> live output
//!        pictures (YUV 4:2:0) + audio          live: public view, now           │
//!                                              program: DelayBuffer, full view  └─> program encoder ─> program output
//!                                              known at release, equity, countdown
//! ```
//!
//! - [`source`]: everything goes through one FFmpeg input path; audio is passed through
//!   (AAC, MP3) or re-encoded once to AAC; damaged packets and pictures are counted and
//!   skipped.
//! - [`timeline`]: hands and timestamped [`ggp_core::feed::FeedEvent`]s on the video's
//!   clock; a view applies from the first frame at or after its event.
//! - [`overlay`] and [`composite`]: the graphics for a view are rendered once per change,
//!   converted once to premultiplied YUVA 4:2:0, and blended into each decoded frame only
//!   where they are visible; [`overlay::SkinOverlay`] draws a ggp-render skin, with its
//!   transitions re-rendered frame by frame on the video's clock.
//!   [`composite::LiveCompositor`] accepts nothing but
//!   `Option<PublicTableView>`: the live output cannot be handed a hidden hole card.
//! - [`delay`]: the program's secure delay (memory, then AES-256-GCM segments on disk
//!   under a key held only in memory; dynamic shrinking with a countdown). Its module
//!   documentation is the design.
//! - [`encode`]: libx264 (veryfast, CRF 23) by default, libx265, and hardware encoders
//!   detected by opening them.
//! - [`pipeline`]: the threads and bounded queues; [`PipelineStats`] gives the health
//!   (frames in and out, drops, corrupt input, queue depths, encode time) as a value or as
//!   Prometheus text together with each output's [`output::OutputMetrics`].
//! - [`output`] holds the muxing outputs: recordings, network destinations, fan-out and
//!   their metrics.
//! - [`config`]: a whole pipeline as TOML or JSON settings ([`config::PipelineSettings`],
//!   `examples/data/pipeline.toml`); [`session`]: a pipeline opened from settings and
//!   driven by text (event JSON, PHH), what the C, Python, Node and uniffi bindings wrap.
//! - Beside the encoded feeds, [`Sinks`]: a raw-frame callback ([`output::FrameSink`]) and
//!   the program's graphics as key and fill ([`output::KeyFillSink`]).
//!
//! What the tests exercise here (`tests/pipeline.rs`): MP4 files, MPEG-TS with damaged
//! bytes, PNG image sequences and the lavfi test pattern as sources; libx264 and libx265;
//! MP4 outputs checked with ffprobe and by decoding their frames. Network inputs (RTMP,
//! RTSP, SRT, UDP, HLS) and V4L2 take the same input path with a forced format but have
//! no test of their own; the hardware encoders are probed (none opens on this machine).

mod audio;
pub mod composite;
pub mod config;
pub mod delay;
pub mod encode;
mod error;
pub mod output;
pub mod overlay;
mod picture;
pub mod pipeline;
pub mod session;
pub mod source;
mod stats;
mod taps;
pub mod timeline;
pub mod view;

pub use error::StreamError;
pub use picture::{Picture, from_ns, to_ns};
pub use pipeline::{
    LiveOutput, OutputFactory, Pipeline, PipelineConfig, PipelineReport, ProgramOutput,
};
pub use stats::PipelineStats;
pub use taps::Sinks;

/// Silences FFmpeg's informational logging (encoder banners), keeping errors, for programs
/// whose stderr is read by people or scripts.
pub fn ffmpeg_log_errors_only() {
    ffmpeg_next::log::set_level(ffmpeg_next::log::Level::Error);
}
