//! # ggp-stream
//!
//! The frame pipeline: FFmpeg sources and sinks, compositing graphics over video, recording,
//! multi-destination streaming and the secure delay.
//!
//! Nothing is here yet: this crate fills in with the frame-pipeline issue.
