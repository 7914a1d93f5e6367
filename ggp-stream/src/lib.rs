//! # ggp-stream
//!
//! The frame pipeline: FFmpeg sources and sinks, compositing graphics over video, recording,
//! multi-destination streaming and the secure delay.
//!
//! [`output`] holds the muxing outputs: recordings, network destinations, fan-out and
//! their metrics.

mod error;
pub mod output;

pub use error::StreamError;
