//! Streaming to network destinations (RTMP, SRT, UDP/MPEG-TS, HLS), each on its own thread
//! behind a bounded queue, reconnecting with exponential backoff.
//!
//! The caller's `write` never waits for the network: it puts the packet in the queue, or
//! drops it (counted) when the queue is full, and then drops video until the next
//! keyframe so that what reaches the peer always decodes. The worker thread owns the
//! connection; when it fails, the worker keeps taking packets from the queue while it
//! waits out the backoff, holding only those since the latest keyframe, so a reconnected
//! destination resumes at a keyframe with as little delay as possible.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Once};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ffmpeg_next as ffmpeg;

use super::metrics::SharedMetrics;
use super::muxer::{Muxer, OpenError, Watchdog};
use super::order::PacketOrder;
use super::{EncodedPacket, OutputMetrics, OutputState, PacketOutput, StreamKind, StreamSpec};
use crate::StreamError;

/// Where a [`NetworkOutput`] sends its stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// RTMP or RTMPS (FLV inside), e.g. `rtmp://live.example.com/app/STREAM_KEY`.
    Rtmp {
        /// The full URL, stream key included.
        url: String,
    },
    /// SRT in caller mode (MPEG-TS inside), e.g. `srt://host:9000?latency=200000`.
    Srt {
        /// The full URL with any SRT options.
        url: String,
    },
    /// MPEG-TS over UDP (unicast or multicast), e.g. `udp://239.0.0.1:1234?pkt_size=1316`.
    Udp {
        /// The full URL with any UDP options.
        url: String,
    },
    /// HLS: a playlist `index.m3u8` and MPEG-TS segments written into a directory.
    Hls {
        /// The directory (created when missing).
        dir: PathBuf,
        /// Target segment length in seconds (segments cut at keyframes).
        segment_seconds: u32,
        /// Segments kept in the playlist (older ones are deleted); 0 keeps all.
        list_size: u32,
    },
}

impl Destination {
    /// A destination from a URL: `rtmp://`, `rtmps://`, `srt://` or `udp://`. For HLS use
    /// [`Destination::hls`].
    pub fn parse(url: &str) -> Result<Self, StreamError> {
        let scheme = url
            .split_once("://")
            .map(|(scheme, _)| scheme.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("rtmp" | "rtmps") => Ok(Self::Rtmp {
                url: url.to_owned(),
            }),
            Some("srt") => Ok(Self::Srt {
                url: url.to_owned(),
            }),
            Some("udp") => Ok(Self::Udp {
                url: url.to_owned(),
            }),
            _ => Err(StreamError::InvalidConfig {
                target: redact(url),
                reason: "the URL does not start with rtmp://, rtmps://, srt:// or udp://".into(),
            }),
        }
    }

    /// HLS into `dir` with 2-second segments and a rolling playlist of 6.
    pub fn hls(dir: impl Into<PathBuf>) -> Self {
        Self::Hls {
            dir: dir.into(),
            segment_seconds: 2,
            list_size: 6,
        }
    }

    /// "rtmp", "srt", "udp" or "hls".
    pub fn protocol(&self) -> &'static str {
        match self {
            Self::Rtmp { .. } => "rtmp",
            Self::Srt { .. } => "srt",
            Self::Udp { .. } => "udp",
            Self::Hls { .. } => "hls",
        }
    }

    /// A name safe to show and to put in metrics: scheme, host and port, never the path
    /// or query that may hold a stream key or a passphrase.
    pub fn display_name(&self) -> String {
        match self {
            Self::Rtmp { url } | Self::Srt { url } | Self::Udp { url } => redact(url),
            Self::Hls { dir, .. } => dir.display().to_string(),
        }
    }

    fn container(&self) -> &'static str {
        match self {
            Self::Rtmp { .. } => "flv",
            Self::Srt { .. } | Self::Udp { .. } => "mpegts",
            Self::Hls { .. } => "hls",
        }
    }

    fn url(&self) -> Result<String, StreamError> {
        match self {
            Self::Rtmp { url } | Self::Srt { url } | Self::Udp { url } => Ok(url.clone()),
            Self::Hls { dir, .. } => dir
                .join("index.m3u8")
                .to_str()
                .map(str::to_owned)
                .ok_or_else(|| StreamError::InvalidConfig {
                    target: dir.display().to_string(),
                    reason: "FFmpeg needs a UTF-8 path".into(),
                }),
        }
    }

    fn muxer_options(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::Hls {
                dir,
                segment_seconds,
                list_size,
            } => vec![
                ("hls_time", segment_seconds.to_string()),
                ("hls_list_size", list_size.to_string()),
                ("hls_flags", "delete_segments+independent_segments".into()),
                (
                    "hls_segment_filename",
                    dir.join("segment_%05d.ts").display().to_string(),
                ),
            ],
            // Keeps the FLV header from promising a duration and size it cannot know.
            Self::Rtmp { .. } => vec![("flvflags", "no_duration_filesize".into())],
            Self::Srt { .. } | Self::Udp { .. } => Vec::new(),
        }
    }
}

/// Scheme, host and port of a URL, without credentials, path or query.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "<invalid url>".into();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    format!("{scheme}://{host}")
}

/// How long to wait between connection attempts.
#[derive(Debug, Clone, PartialEq)]
pub struct BackoffPolicy {
    /// Wait after the first failure.
    pub initial: Duration,
    /// Longest wait.
    pub max: Duration,
    /// Each failed attempt multiplies the wait by this (at least 1).
    pub multiplier: f64,
    /// Give up (state `Failed`) after this many failed attempts in a row; `None` retries
    /// for as long as the output lives.
    pub max_attempts: Option<u32>,
}

impl Default for BackoffPolicy {
    /// 0.5 s, doubling up to 30 s, forever.
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(30),
            multiplier: 2.0,
            max_attempts: None,
        }
    }
}

impl BackoffPolicy {
    /// The wait after `failures` consecutive failures (1 for the first).
    pub fn delay(&self, failures: u32) -> Duration {
        let exponent = failures.saturating_sub(1).min(64) as i32;
        let seconds = self.initial.as_secs_f64() * self.multiplier.max(1.0).powi(exponent);
        Duration::from_secs_f64(seconds.min(self.max.as_secs_f64()))
    }
}

/// Settings of one network destination.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkConfig {
    /// Where to send.
    pub destination: Destination,
    /// The name in metrics; defaults to [`Destination::display_name`].
    pub name: Option<String>,
    /// Packets the queue holds before new ones are dropped (about 8 s of 30 fps video
    /// with audio at the default 512).
    pub queue_capacity: usize,
    /// Reconnection policy.
    pub backoff: BackoffPolicy,
    /// One network operation (connect, a write, the trailer) taking longer than this
    /// counts as a failed connection: it is how a peer that stopped reading is noticed.
    pub io_timeout: Duration,
    /// How long `finish` waits for the queue to drain before abandoning the destination.
    pub finish_timeout: Duration,
}

impl NetworkConfig {
    /// Default settings for `destination`.
    pub fn new(destination: Destination) -> Self {
        Self {
            destination,
            name: None,
            queue_capacity: 512,
            backoff: BackoffPolicy::default(),
            io_timeout: Duration::from_secs(5),
            finish_timeout: Duration::from_secs(5),
        }
    }
}

enum Message {
    Packet(EncodedPacket),
    /// No more packets: drain, write the trailer, end.
    Finish,
}

/// A network destination fed through a bounded queue by its own thread.
pub struct NetworkOutput {
    name: String,
    sender: Option<SyncSender<Message>>,
    worker: Option<JoinHandle<()>>,
    abort: Arc<AtomicBool>,
    queued: Arc<AtomicUsize>,
    metrics: SharedMetrics,
    has_video: bool,
    has_audio: bool,
    /// Set after a drop: video is held back until the next keyframe.
    awaiting_keyframe: bool,
    order: PacketOrder,
    finish_timeout: Duration,
}

impl std::fmt::Debug for NetworkOutput {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("NetworkOutput")
            .field("name", &self.name)
            .field("awaiting_keyframe", &self.awaiting_keyframe)
            .finish_non_exhaustive()
    }
}

impl NetworkOutput {
    /// Starts the destination's thread, which connects in the background: a destination
    /// that is down at start is retried like one that fails later.
    pub fn start(config: NetworkConfig, streams: &[StreamSpec]) -> Result<Self, StreamError> {
        static NETWORK_INIT: Once = Once::new();
        // SAFETY: avformat_network_init takes no arguments and may be called at any time;
        // Once keeps it to one call per process.
        NETWORK_INIT.call_once(|| unsafe {
            ffmpeg::ffi::avformat_network_init();
        });
        let name = config
            .name
            .clone()
            .unwrap_or_else(|| config.destination.display_name());
        for spec in streams {
            spec.validate(&name)?;
        }
        let has_video = streams.iter().any(|spec| spec.kind() == StreamKind::Video);
        let has_audio = streams.iter().any(|spec| spec.kind() == StreamKind::Audio);
        if config.queue_capacity == 0 {
            return Err(StreamError::InvalidConfig {
                target: name,
                reason: "the queue capacity must be at least 1".into(),
            });
        }
        let url = config.destination.url()?;
        let mut initial = OutputMetrics::new(name.clone(), config.destination.protocol());
        initial.queue_capacity = config.queue_capacity;
        let metrics = SharedMetrics::new(initial);
        let (sender, receiver) = mpsc::sync_channel(config.queue_capacity);
        let abort = Arc::new(AtomicBool::new(false));
        let queued = Arc::new(AtomicUsize::new(0));
        let worker = Worker {
            url,
            config: config.clone(),
            streams: streams.to_vec(),
            receiver,
            abort: abort.clone(),
            queued: queued.clone(),
            metrics: metrics.clone(),
            has_video,
            held: Vec::new(),
        };
        let handle = std::thread::Builder::new()
            .name(format!("ggp-out-{}", config.destination.protocol()))
            .spawn(move || worker.run())
            .map_err(|error| StreamError::Thread {
                target: name.clone(),
                reason: error.to_string(),
            })?;
        Ok(Self {
            name,
            sender: Some(sender),
            worker: Some(handle),
            abort,
            queued,
            metrics,
            has_video,
            has_audio,
            awaiting_keyframe: false,
            order: PacketOrder::default(),
            finish_timeout: config.finish_timeout,
        })
    }

    fn stop_worker(&mut self) -> Result<(), StreamError> {
        let Some(worker) = self.worker.take() else {
            return Ok(());
        };
        if let Some(sender) = self.sender.take() {
            // A full queue means the worker is stuck; the abort below unblocks it.
            let _ = sender.try_send(Message::Finish);
        }
        let deadline = Instant::now() + self.finish_timeout;
        while !worker.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let drained = worker.is_finished();
        if !drained {
            self.abort.store(true, Ordering::Relaxed);
            let grace = Instant::now() + Duration::from_secs(2);
            while !worker.is_finished() && Instant::now() < grace {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        if !worker.is_finished() {
            // Detached: it ends at its next interrupt check; waiting longer would block the
            // caller on a dead peer.
            return Err(StreamError::Thread {
                target: self.name.clone(),
                reason: "it did not stop within the finish timeout".into(),
            });
        }
        let panicked = worker.join().is_err();
        let left = self.queued.swap(0, Ordering::Relaxed) as u64;
        if left > 0 {
            self.metrics.record_dropped(left);
        }
        if panicked {
            return Err(StreamError::Thread {
                target: self.name.clone(),
                reason: "it panicked".into(),
            });
        }
        if !drained {
            self.metrics.set_state(OutputState::Finished);
            return Err(StreamError::Thread {
                target: self.name.clone(),
                reason: format!(
                    "the queue did not drain within {:?}; the rest was dropped",
                    self.finish_timeout
                ),
            });
        }
        Ok(())
    }
}

impl PacketOutput for NetworkOutput {
    fn write(&mut self, packet: &EncodedPacket) -> Result<(), StreamError> {
        let has_stream = match packet.stream {
            StreamKind::Video => self.has_video,
            StreamKind::Audio => self.has_audio,
        };
        if !has_stream {
            return Err(StreamError::NoSuchStream {
                target: self.name.clone(),
                kind: packet.stream.name(),
            });
        }
        self.order.check(&self.name, packet)?;
        let Some(sender) = self.sender.as_ref() else {
            return Err(StreamError::Closed {
                target: self.name.clone(),
                reason: "finished".into(),
            });
        };
        let is_video = packet.stream == StreamKind::Video;
        if is_video && self.awaiting_keyframe {
            if !packet.keyframe {
                self.metrics.record_dropped(1);
                return Ok(());
            }
            self.awaiting_keyframe = false;
        }
        // Counted before sending so the worker's decrement never underflows.
        self.queued.fetch_add(1, Ordering::Relaxed);
        match sender.try_send(Message::Packet(packet.clone())) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => {
                self.queued.fetch_sub(1, Ordering::Relaxed);
                self.metrics.record_dropped(1);
                if is_video {
                    self.awaiting_keyframe = true;
                }
                Ok(())
            }
            Err(TrySendError::Disconnected(_)) => {
                self.queued.fetch_sub(1, Ordering::Relaxed);
                self.metrics.record_dropped(1);
                self.sender = None;
                let reason = self
                    .metrics
                    .snapshot()
                    .last_error
                    .unwrap_or_else(|| "the destination's thread ended".into());
                Err(StreamError::Closed {
                    target: self.name.clone(),
                    reason,
                })
            }
        }
    }

    fn finish(&mut self) -> Result<(), StreamError> {
        self.stop_worker()
    }

    fn metrics(&self) -> OutputMetrics {
        let mut metrics = self.metrics.snapshot();
        metrics.queue_depth = self.queued.load(Ordering::Relaxed);
        metrics
    }
}

impl Drop for NetworkOutput {
    fn drop(&mut self) {
        // Dropping means the caller is done; do not hold it up draining a queue.
        self.finish_timeout = self.finish_timeout.min(Duration::from_secs(1));
        let _ = self.stop_worker();
    }
}

/// What ended a connected session.
enum SessionEnd {
    /// The caller finished: the trailer was written.
    Finished,
    /// The connection failed; reconnect.
    Failed,
}

/// The destination's thread: connects, writes, and reconnects with backoff.
struct Worker {
    url: String,
    config: NetworkConfig,
    streams: Vec<StreamSpec>,
    receiver: Receiver<Message>,
    abort: Arc<AtomicBool>,
    queued: Arc<AtomicUsize>,
    metrics: SharedMetrics,
    has_video: bool,
    /// While disconnected: the packets since the latest video keyframe, to resume with.
    held: Vec<EncodedPacket>,
}

/// What the worker took from its queue.
enum Next {
    Packet(EncodedPacket),
    Finish,
    Idle,
}

impl Worker {
    fn run(mut self) {
        let mut failures: u32 = 0;
        let mut ever_connected = false;
        loop {
            if self.abort.load(Ordering::Relaxed) {
                self.end(OutputState::Finished);
                return;
            }
            match self.connect() {
                Ok(muxer) => {
                    if ever_connected {
                        self.metrics.update(|metrics| metrics.reconnects += 1);
                    }
                    ever_connected = true;
                    failures = 0;
                    self.metrics.set_state(OutputState::Connected);
                    match self.session(muxer) {
                        SessionEnd::Finished => {
                            self.end(OutputState::Finished);
                            return;
                        }
                        SessionEnd::Failed => {}
                    }
                }
                Err(error) => {
                    self.metrics.set_error(&error);
                    failures += 1;
                    if self
                        .config
                        .backoff
                        .max_attempts
                        .is_some_and(|max| failures >= max)
                    {
                        self.end(OutputState::Failed);
                        return;
                    }
                }
            }
            let state = if ever_connected {
                OutputState::Reconnecting
            } else {
                OutputState::Connecting
            };
            self.metrics.set_state(state);
            let wait = self.config.backoff.delay(failures.max(1));
            if !self.wait_holding(wait) {
                self.end(OutputState::Finished);
                return;
            }
        }
    }

    fn end(&mut self, state: OutputState) {
        self.metrics.record_dropped(self.held.len() as u64);
        self.held.clear();
        self.metrics.set_state(state);
    }

    fn connect(&self) -> Result<Muxer, StreamError> {
        let target = self.config.destination.display_name();
        if let Destination::Hls { dir, .. } = &self.config.destination {
            std::fs::create_dir_all(dir).map_err(|source| StreamError::Io {
                path: dir.clone(),
                source,
            })?;
        }
        let watchdog = Arc::new(Watchdog::new(
            self.abort.clone(),
            Some(self.config.io_timeout),
        ));
        let options = self.config.destination.muxer_options();
        Muxer::open(
            &self.url,
            Some(self.config.destination.container()),
            &self.streams,
            &[],
            &options,
            watchdog,
        )
        .map_err(|error| match error {
            OpenError::Setup(reason) => StreamError::InvalidConfig { target, reason },
            OpenError::Ffmpeg { stage, error } => {
                StreamError::ffmpeg(format!("{stage} {target}"), error)
            }
        })
    }

    fn next(&self, timeout: Duration) -> Next {
        match self.receiver.recv_timeout(timeout) {
            Ok(Message::Packet(packet)) => {
                self.queued.fetch_sub(1, Ordering::Relaxed);
                Next::Packet(packet)
            }
            Ok(Message::Finish) | Err(RecvTimeoutError::Disconnected) => Next::Finish,
            Err(RecvTimeoutError::Timeout) => Next::Idle,
        }
    }

    /// Writes from the queue until the caller finishes or the connection fails. A session
    /// starts at a video keyframe: the held packets if any, else the next keyframe.
    fn session(&mut self, mut muxer: Muxer) -> SessionEnd {
        let held = std::mem::take(&mut self.held);
        let mut awaiting_keyframe = self.has_video && held.is_empty();
        let mut pending = held.into_iter();
        loop {
            let packet = match pending.next() {
                Some(packet) => packet,
                None => match self.next(Duration::from_millis(100)) {
                    Next::Packet(packet) => packet,
                    Next::Finish => {
                        return match muxer.finish() {
                            Ok(()) => SessionEnd::Finished,
                            Err(error) => {
                                self.metrics.set_error(&StreamError::ffmpeg(
                                    format!("finish {}", self.config.destination.display_name()),
                                    error,
                                ));
                                SessionEnd::Finished
                            }
                        };
                    }
                    Next::Idle => {
                        if self.abort.load(Ordering::Relaxed) {
                            return SessionEnd::Finished;
                        }
                        continue;
                    }
                },
            };
            if awaiting_keyframe && packet.stream == StreamKind::Video {
                if !packet.keyframe {
                    self.metrics.record_dropped(1);
                    continue;
                }
                awaiting_keyframe = false;
            }
            if let Err(error) = muxer.write(&packet) {
                self.metrics.set_error(&StreamError::ffmpeg(
                    format!(
                        "send a packet to {}",
                        self.config.destination.display_name()
                    ),
                    error,
                ));
                // The failed packet and what is still pending from the held set are lost.
                self.metrics.record_dropped(1 + pending.len() as u64);
                return SessionEnd::Failed;
            }
            self.metrics.record_sent(packet.data.len());
        }
    }

    /// Waits `wait` while taking packets off the queue, so the caller never blocks on a
    /// destination that is down. Returns false when the caller finished meanwhile.
    fn wait_holding(&mut self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        loop {
            let now = Instant::now();
            if now >= deadline {
                return true;
            }
            if self.abort.load(Ordering::Relaxed) {
                return false;
            }
            match self.next((deadline - now).min(Duration::from_millis(100))) {
                Next::Packet(packet) => self.hold(packet),
                Next::Finish => return false,
                Next::Idle => {}
            }
        }
    }

    /// Keeps the packets since the latest video keyframe; everything older is dropped.
    fn hold(&mut self, packet: EncodedPacket) {
        let starts_over =
            !self.has_video || (packet.stream == StreamKind::Video && packet.keyframe);
        if starts_over {
            self.metrics.record_dropped(self.held.len() as u64);
            self.held.clear();
            self.held.push(packet);
        } else if self.held.is_empty() {
            // Nothing to decode it against yet.
            self.metrics.record_dropped(1);
        } else if self.held.len() >= self.config.queue_capacity {
            // A keyframe interval longer than the queue: wait for the next keyframe.
            self.metrics.record_dropped(self.held.len() as u64 + 1);
            self.held.clear();
        } else {
            self.held.push(packet);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packet(stream: StreamKind, pts: i64, keyframe: bool) -> EncodedPacket {
        EncodedPacket {
            stream,
            data: vec![1, 2, 3],
            pts,
            dts: pts,
            duration: 1,
            keyframe,
        }
    }

    fn video(pts: i64, keyframe: bool) -> EncodedPacket {
        packet(StreamKind::Video, pts, keyframe)
    }

    fn received(receiver: &Receiver<Message>) -> Vec<(StreamKind, i64)> {
        receiver
            .try_iter()
            .filter_map(|message| match message {
                Message::Packet(packet) => Some((packet.stream, packet.pts)),
                Message::Finish => None,
            })
            .collect()
    }

    /// An output whose queue the test drains by hand instead of a worker thread.
    fn output_without_worker(capacity: usize) -> (NetworkOutput, Receiver<Message>) {
        let (sender, receiver) = mpsc::sync_channel(capacity);
        let output = NetworkOutput {
            name: "test".into(),
            sender: Some(sender),
            worker: None,
            abort: Arc::new(AtomicBool::new(false)),
            queued: Arc::new(AtomicUsize::new(0)),
            metrics: SharedMetrics::new(OutputMetrics::new("test", "rtmp")),
            has_video: true,
            has_audio: true,
            awaiting_keyframe: false,
            order: PacketOrder::default(),
            finish_timeout: Duration::from_secs(1),
        };
        (output, receiver)
    }

    #[test]
    fn after_an_overflow_video_resumes_at_the_next_keyframe_and_drops_are_counted() {
        let (mut output, receiver) = output_without_worker(2);
        output.write(&video(0, true)).unwrap();
        output.write(&video(1, false)).unwrap();
        output.write(&video(2, false)).unwrap(); // queue full: dropped
        assert_eq!(output.metrics().queue_depth, 2);
        assert_eq!(
            received(&receiver),
            [(StreamKind::Video, 0), (StreamKind::Video, 1)]
        );
        output.write(&video(3, false)).unwrap(); // room again, but not decodable: dropped
        output.write(&packet(StreamKind::Audio, 3, true)).unwrap(); // audio goes on
        output.write(&video(4, true)).unwrap(); // keyframe: resumes
        assert_eq!(
            received(&receiver),
            [(StreamKind::Audio, 3), (StreamKind::Video, 4)]
        );
        output.write(&video(5, false)).unwrap();
        assert_eq!(received(&receiver), [(StreamKind::Video, 5)]);
        assert_eq!(output.metrics().dropped_packets, 2);
    }

    #[test]
    fn a_packet_for_a_stream_the_output_lacks_is_an_error() {
        let (mut output, _receiver) = output_without_worker(2);
        output.has_audio = false;
        let error = output
            .write(&packet(StreamKind::Audio, 0, true))
            .unwrap_err();
        assert!(
            matches!(error, StreamError::NoSuchStream { kind: "audio", .. }),
            "{error:?}"
        );
    }

    #[test]
    fn while_disconnected_only_packets_since_the_latest_keyframe_are_held() {
        let (_sender, receiver) = mpsc::sync_channel(4);
        let mut worker = Worker {
            url: String::new(),
            config: NetworkConfig::new(Destination::hls("unused")),
            streams: Vec::new(),
            receiver,
            abort: Arc::new(AtomicBool::new(false)),
            queued: Arc::new(AtomicUsize::new(0)),
            metrics: SharedMetrics::new(OutputMetrics::new("test", "hls")),
            has_video: true,
            held: Vec::new(),
        };
        worker.config.queue_capacity = 3;
        worker.hold(video(0, false)); // nothing to decode it against
        worker.hold(video(1, true));
        worker.hold(packet(StreamKind::Audio, 1, true));
        worker.hold(video(2, false));
        let pts: Vec<i64> = worker.held.iter().map(|packet| packet.pts).collect();
        assert_eq!(pts, [1, 1, 2]);
        worker.hold(video(3, true)); // a newer keyframe replaces the three held
        assert_eq!(worker.held.len(), 1);
        worker.hold(video(4, false));
        worker.hold(video(5, false));
        worker.hold(video(6, false)); // over capacity: wait for the next keyframe
        assert!(worker.held.is_empty());
        assert_eq!(worker.metrics.snapshot().dropped_packets, 1 + 3 + 4);
    }

    #[test]
    fn backoff_grows_exponentially_up_to_the_cap() {
        let policy = BackoffPolicy {
            initial: Duration::from_millis(100),
            max: Duration::from_millis(1000),
            multiplier: 2.0,
            max_attempts: None,
        };
        let delays: Vec<u128> = (1..=6).map(|n| policy.delay(n).as_millis()).collect();
        assert_eq!(delays, [100, 200, 400, 800, 1000, 1000]);
    }

    #[test]
    fn urls_are_classified_and_names_hide_stream_keys() {
        let rtmp =
            Destination::parse("rtmp://user:pw@live.example.com:1935/app/SECRETKEY").unwrap();
        assert_eq!(rtmp.protocol(), "rtmp");
        assert_eq!(rtmp.display_name(), "rtmp://live.example.com:1935");
        let srt = Destination::parse("srt://10.0.0.1:9000?passphrase=SECRET").unwrap();
        assert_eq!(srt.protocol(), "srt");
        assert_eq!(srt.display_name(), "srt://10.0.0.1:9000");
        assert_eq!(
            Destination::parse("udp://239.0.0.1:1234")
                .unwrap()
                .protocol(),
            "udp"
        );
        let error = Destination::parse("http://example.com/SECRET")
            .unwrap_err()
            .to_string();
        assert!(!error.contains("SECRET"), "{error}");
        assert!(Destination::parse("no scheme").is_err());
    }
}
