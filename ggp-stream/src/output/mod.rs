//! Muxing outputs: they take encoded packets and write them to files and network
//! destinations.
//!
//! The encoder side of the pipeline produces [`EncodedPacket`]s, described once by a
//! [`StreamSpec`] per stream, and hands them to a [`PacketOutput`]: a [`FileOutput`]
//! (MP4/MKV), a [`NetworkOutput`] (RTMP, SRT, UDP/MPEG-TS, HLS, each on its own thread
//! behind a bounded queue, reconnecting with backoff), or a [`Fanout`] that sends one
//! encode to many of them. [`prometheus_text`] renders their [`OutputMetrics`].
//!
//! ```no_run
//! use ggp_stream::output::{
//!     Destination, EncodedPacket, Fanout, FileOutput, NetworkConfig, NetworkOutput,
//!     PacketOutput, StreamSpec, prometheus_text,
//! };
//! # fn run(specs: Vec<StreamSpec>, packets: Vec<EncodedPacket>) -> Result<(), ggp_stream::StreamError> {
//! let rtmp = NetworkConfig::new(Destination::parse("rtmp://live.example.com/app/KEY")?);
//! let srt = NetworkConfig::new(Destination::parse("srt://ingest.example.com:9000")?);
//! let mut outputs = Fanout::new(vec![
//!     Box::new(FileOutput::create("program.mp4", &specs)?),
//!     Box::new(NetworkOutput::start(rtmp, &specs)?),
//!     Box::new(NetworkOutput::start(srt, &specs)?),
//! ]);
//! for packet in &packets {
//!     // One failing output is reported once and skipped; the others go on.
//!     if let Err(error) = outputs.write(packet) {
//!         eprintln!("{error}");
//!     }
//! }
//! outputs.finish()?;
//! print!("{}", prometheus_text(&outputs.output_metrics()));
//! # Ok(())
//! # }
//! ```
//!
//! What the tests exercise with real peers: MP4/MKV recordings decoded frame by frame,
//! a full disk (`/dev/full`, and a real tmpfs where the tests may mount one), RTMP to two
//! destinations on nginx-rtmp killed and restarted mid-stream, SRT to an ffmpeg listener
//! killed and replaced mid-stream, a TCP peer that never answers, UDP/MPEG-TS to a socket
//! and HLS into a directory.
//!
//! SRT in live mode notices a vanished peer only after its idle timeout (5 s in the libsrt
//! FFmpeg 5.1 uses; FFmpeg exposes no option for it), so up to that much sent to a dead
//! SRT peer is lost and counted as sent; RTMP notices at the next write.

mod callback;
mod fanout;
mod file;
pub(crate) mod key_fill;
mod metrics;
mod muxer;
mod network;
mod order;
mod prometheus;
mod spec;

pub(crate) use callback::FrameTap;
pub use callback::{Feed, FrameCallback, FramePixels, FrameRef, FrameSink, QueuePolicy};
pub use fanout::Fanout;
pub use file::{Container, FileOutput};
pub use key_fill::KeyFillSink;
pub use metrics::{OutputMetrics, OutputState};
pub use network::{BackoffPolicy, Destination, NetworkConfig, NetworkOutput};
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Outputs move to the pipeline's threads, and stream descriptions to every output.
    #[test]
    fn outputs_and_descriptions_can_cross_threads() {
        fn send<T: Send>() {}
        fn send_sync_clone<T: Send + Sync + Clone>() {}
        send::<FileOutput>();
        send::<NetworkOutput>();
        send::<Fanout>();
        send::<Box<dyn PacketOutput>>();
        send_sync_clone::<StreamSpec>();
        send_sync_clone::<EncodedPacket>();
        send_sync_clone::<OutputMetrics>();
    }
}
