//! # ggp-stream
//!
//! The frame pipeline: FFmpeg sources and sinks, compositing graphics over video, recording,
//! multi-destination streaming and the secure delay.
//!
//! [`output`] holds the muxing outputs: recordings, network destinations, fan-out and
//! their metrics.

mod audio;
pub mod composite;
pub mod delay;
pub mod encode;
mod error;
pub mod output;
pub mod overlay;
mod picture;
pub mod pipeline;
pub mod source;
mod stats;
pub mod timeline;
pub mod view;

pub use error::StreamError;
pub use picture::{Picture, from_ns, to_ns};
pub use pipeline::{
    LiveOutput, OutputFactory, Pipeline, PipelineConfig, PipelineReport, ProgramOutput,
};
pub use stats::PipelineStats;

/// Silences FFmpeg's informational logging (encoder banners), keeping errors, for programs
/// whose stderr is read by people or scripts.
pub fn ffmpeg_log_errors_only() {
    ffmpeg_next::log::set_level(ffmpeg_next::log::Level::Error);
}
