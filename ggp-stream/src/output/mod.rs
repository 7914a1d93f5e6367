//! Muxing outputs: they take encoded packets and write them to files and network
//! destinations.
//!
//! The encoder side of the pipeline produces [`EncodedPacket`]s, described once by a
//! [`StreamSpec`] per stream, and hands them to a [`PacketOutput`]: a [`FileOutput`]
//! (MP4/MKV), a [`NetworkOutput`] (RTMP, SRT, UDP/MPEG-TS, HLS, each on its own thread
//! behind a bounded queue, reconnecting with backoff), or a [`Fanout`] that sends one
//! encode to many of them. [`prometheus_text`] renders their [`OutputMetrics`].

mod fanout;
mod file;
mod metrics;
mod muxer;
// mod network;
mod prometheus;
mod spec;

pub use fanout::Fanout;
pub use file::{Container, FileOutput};
pub use metrics::{OutputMetrics, OutputState};
// pub use network::{BackoffPolicy, Destination, NetworkConfig, NetworkOutput};
pub use prometheus::prometheus_text;
pub use spec::{MediaSpec, StreamSpec};

use crate::StreamError;

/// Which elementary stream a packet belongs to. An output carries at most one of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamKind {
    /// The video stream.
    Video,
    /// The audio stream.
    Audio,
}

impl StreamKind {
    /// "video" or "audio", for messages and metric labels.
    pub fn name(self) -> &'static str {
        match self {
            Self::Video => "video",
            Self::Audio => "audio",
        }
    }
}

/// One compressed packet as an encoder produced it.
///
/// `pts`, `dts` and `duration` are in the time base of the packet's stream, the one its
/// [`StreamSpec::time_base`] gives; outputs rescale them to what their container needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedPacket {
    /// The stream this packet belongs to.
    pub stream: StreamKind,
    /// The compressed bytes (for H.264/HEVC in the form the encoder wrote them; with a
    /// global header, that is length-prefixed with the parameter sets in the extradata).
    pub data: Vec<u8>,
    /// Presentation timestamp, in the stream's time base.
    pub pts: i64,
    /// Decoding timestamp, in the stream's time base.
    pub dts: i64,
    /// Duration, in the stream's time base (0 when unknown).
    pub duration: i64,
    /// Whether a decoder can start at this packet (for audio, every packet is).
    pub keyframe: bool,
}

/// Something that takes encoded packets: a recording, a network destination, or many.
///
/// Implementations never block the caller for long on a slow destination: network
/// outputs queue and drop (and count) rather than wait.
pub trait PacketOutput: Send {
    /// Writes one packet. Packets of each stream come in decoding order.
    fn write(&mut self, packet: &EncodedPacket) -> Result<(), StreamError>;
    /// Flushes and closes the output (writes the trailer, closes files and connections).
    /// Calling it twice is harmless; writing after it is an error.
    fn finish(&mut self) -> Result<(), StreamError>;
    /// A snapshot of the output's health.
    fn metrics(&self) -> OutputMetrics;
}
