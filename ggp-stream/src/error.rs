//! The one error type of ggp-stream: each variant is a situation a caller can act on, and
//! its message names the input, path or destination it happened with.

use std::path::PathBuf;

/// Everything that can go wrong while muxing, recording or streaming.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// An FFmpeg call failed; `context` says which call and on which file or destination.
    #[error("FFmpeg failed to {context}: {source}")]
    Ffmpeg {
        /// What was being done, with the path or URL, e.g. "write the header of out.mp4".
        context: String,
        /// FFmpeg's own error.
        #[source]
        source: ffmpeg_next::Error,
    },
    /// The disk (or filesystem) holding a recording is full; the recording was closed.
    #[error("disk full while writing {path}: the recording was closed at that point")]
    DiskFull {
        /// The file that could not be written.
        path: PathBuf,
    },
    /// A local file could not be created or written for a reason other than a full disk.
    #[error("I/O error on {path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The container could not be chosen from the file name, or does not fit the streams.
    #[error("unsupported container for {target}: {reason}")]
    UnsupportedContainer {
        /// The file or URL.
        target: String,
        /// Why it is not supported.
        reason: String,
    },
    /// A stream description cannot be muxed (no codec, zero size, bad time base...).
    #[error("invalid stream description for {target}: {reason}")]
    InvalidStreamSpec {
        /// The file or URL the streams were meant for.
        target: String,
        /// What is wrong with the description.
        reason: String,
    },
    /// A packet was given for a stream kind the output was not opened with.
    #[error("{target} has no {kind} stream for this packet")]
    NoSuchStream {
        /// The file or URL.
        target: String,
        /// "video" or "audio".
        kind: &'static str,
    },
    /// A packet was refused (out of decoding order, pts before dts, empty); the output
    /// itself goes on.
    #[error("{target} refused a {kind} packet: {reason}")]
    InvalidPacket {
        /// The file or URL.
        target: String,
        /// "video" or "audio".
        kind: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A packet was written after the output was finished or after it failed.
    #[error("{target} is closed: {reason}")]
    Closed {
        /// The file or URL.
        target: String,
        /// Why it was closed (finished, or the earlier error).
        reason: String,
    },
    /// A destination URL or an output setting is unusable.
    #[error("invalid output configuration for {target}: {reason}")]
    InvalidConfig {
        /// The file, URL or setting.
        target: String,
        /// What is wrong.
        reason: String,
    },
    /// An output's worker thread could not be started or ended by panicking.
    #[error("output thread for {target} failed: {reason}")]
    Thread {
        /// The destination served by the thread.
        target: String,
        /// What happened.
        reason: String,
    },
    /// The graphics of an output could not be drawn (skin, renderer or frame size).
    #[error("overlay for {target} could not be drawn: {reason}")]
    Overlay {
        /// The output whose graphics failed, "live" or "program".
        target: String,
        /// The renderer's or the skin's message.
        reason: String,
    },
    /// A pipeline settings document (TOML or JSON) is malformed or out of range.
    #[error("pipeline settings, field {field}{}: {reason}", at_line(.line))]
    Settings {
        /// The field by its path (`encoder.crf`, `outputs.live[1]`), or `(document)`.
        field: String,
        /// The line (from 1) of the text, when known.
        line: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// An event or a hand history given to a running pipeline cannot be read.
    #[error("invalid {what}: {reason}")]
    InvalidInput {
        /// "event JSON" or "hand history".
        what: &'static str,
        /// What is wrong, with the line or field when known.
        reason: String,
    },
}

fn at_line(line: &Option<usize>) -> String {
    line.map(|line| format!(" (line {line})"))
        .unwrap_or_default()
}

impl StreamError {
    /// Wraps an FFmpeg error with what was being done when it happened.
    pub fn ffmpeg(context: impl Into<String>, source: ffmpeg_next::Error) -> Self {
        Self::Ffmpeg {
            context: context.into(),
            source,
        }
    }

    /// Whether only the packet was refused, the output staying usable
    /// ([`Self::InvalidPacket`], [`Self::NoSuchStream`]); any other error from an output
    /// means it is closed.
    pub fn is_packet_error(&self) -> bool {
        matches!(self, Self::InvalidPacket { .. } | Self::NoSuchStream { .. })
    }
}
