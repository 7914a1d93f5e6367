//! Health figures of one output, shared between the thread that writes and readers.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Where an output stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputState {
    /// Opening the file or the first connection.
    Connecting,
    /// Writing.
    Connected,
    /// The destination failed; waiting to reconnect (packets are dropped and counted).
    Reconnecting,
    /// Closed after `finish`.
    Finished,
    /// Closed after an error it cannot recover from (see `last_error`).
    Failed,
}

impl OutputState {
    /// Every state, in a fixed order (for one-hot Prometheus gauges).
    pub const ALL: [OutputState; 5] = [
        Self::Connecting,
        Self::Connected,
        Self::Reconnecting,
        Self::Finished,
        Self::Failed,
    ];

    /// Lower-case name used in metric labels.
    pub fn name(self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Connected => "connected",
            Self::Reconnecting => "reconnecting",
            Self::Finished => "finished",
            Self::Failed => "failed",
        }
    }
}

/// A snapshot of one output's health.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputMetrics {
    /// The output's name (a file name or the destination's configured name; never a
    /// stream key).
    pub name: String,
    /// "file", "rtmp", "srt", "udp", "hls" or "fanout".
    pub protocol: String,
    /// Current state.
    pub state: OutputState,
    /// Packets handed to the muxer successfully.
    pub packets_sent: u64,
    /// Payload bytes of those packets.
    pub bytes_sent: u64,
    /// Payload bit rate over the last second or so, in bits per second.
    pub bitrate_bps: u64,
    /// Packets dropped: queue overflow, or skipped while disconnected and until the next
    /// keyframe after a reconnect.
    pub dropped_packets: u64,
    /// Successful reconnections after a failure.
    pub reconnects: u64,
    /// Packets waiting in the output's queue (0 for outputs without one).
    pub queue_depth: usize,
    /// Capacity of that queue (0 for outputs without one).
    pub queue_capacity: usize,
    /// The most recent error, if any.
    pub last_error: Option<String>,
}

impl OutputMetrics {
    /// Fresh metrics for an output that is about to open.
    pub fn new(name: impl Into<String>, protocol: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            protocol: protocol.into(),
            state: OutputState::Connecting,
            packets_sent: 0,
            bytes_sent: 0,
            bitrate_bps: 0,
            dropped_packets: 0,
            reconnects: 0,
            queue_depth: 0,
            queue_capacity: 0,
            last_error: None,
        }
    }
}

/// Bit rate over windows of about a second, measured on the wall clock.
#[derive(Debug)]
pub(crate) struct BitrateMeter {
    window_start: Instant,
    window_bytes: u64,
    bitrate_bps: u64,
}

const WINDOW: Duration = Duration::from_secs(1);

impl BitrateMeter {
    pub(crate) fn new() -> Self {
        Self {
            window_start: Instant::now(),
            window_bytes: 0,
            bitrate_bps: 0,
        }
    }

    pub(crate) fn add(&mut self, bytes: u64, now: Instant) {
        self.window_bytes += bytes;
        self.roll(now);
    }

    /// The last full window's rate; a destination that went quiet decays to 0 instead of
    /// showing its old rate forever.
    pub(crate) fn bitrate_bps(&mut self, now: Instant) -> u64 {
        self.roll(now);
        if now.duration_since(self.window_start) > 2 * WINDOW {
            0
        } else {
            self.bitrate_bps
        }
    }

    fn roll(&mut self, now: Instant) {
        let elapsed = now.duration_since(self.window_start);
        if elapsed >= WINDOW {
            self.bitrate_bps = (self.window_bytes as f64 * 8.0 / elapsed.as_secs_f64()) as u64;
            self.window_bytes = 0;
            self.window_start = now;
        }
    }
}

/// Metrics written by an output's worker and read by anyone holding a clone.
#[derive(Debug, Clone)]
pub(crate) struct SharedMetrics {
    inner: Arc<Mutex<(OutputMetrics, BitrateMeter)>>,
}

impl SharedMetrics {
    pub(crate) fn new(metrics: OutputMetrics) -> Self {
        Self {
            inner: Arc::new(Mutex::new((metrics, BitrateMeter::new()))),
        }
    }

    /// Runs `change` on the metrics; a poisoned lock still holds usable counters.
    pub(crate) fn update<R>(&self, change: impl FnOnce(&mut OutputMetrics) -> R) -> R {
        let mut guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        change(&mut guard.0)
    }

    pub(crate) fn record_sent(&self, bytes: usize) {
        let mut guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        guard.0.packets_sent += 1;
        guard.0.bytes_sent += bytes as u64;
        guard.1.add(bytes as u64, Instant::now());
    }

    pub(crate) fn record_dropped(&self, packets: u64) {
        self.update(|metrics| metrics.dropped_packets += packets);
    }

    pub(crate) fn set_state(&self, state: OutputState) {
        self.update(|metrics| metrics.state = state);
    }

    pub(crate) fn set_error(&self, error: &impl std::fmt::Display) {
        let message = error.to_string();
        self.update(|metrics| metrics.last_error = Some(message));
    }

    pub(crate) fn snapshot(&self) -> OutputMetrics {
        let mut guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let bitrate_bps = guard.1.bitrate_bps(Instant::now());
        let mut metrics = guard.0.clone();
        metrics.bitrate_bps = bitrate_bps;
        metrics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitrate_is_bits_per_second_over_the_window_and_decays_when_quiet() {
        let mut meter = BitrateMeter::new();
        let start = meter.window_start;
        meter.add(1000, start + Duration::from_millis(500));
        meter.add(1500, start + Duration::from_millis(1000));
        assert_eq!(
            meter.bitrate_bps(start + Duration::from_millis(1000)),
            20_000
        );
        assert_eq!(meter.bitrate_bps(start + Duration::from_millis(3500)), 0);
    }

    #[test]
    fn shared_metrics_count_packets_bytes_and_drops() {
        let shared = SharedMetrics::new(OutputMetrics::new("a", "file"));
        shared.record_sent(100);
        shared.record_sent(50);
        shared.record_dropped(3);
        shared.set_state(OutputState::Connected);
        let snapshot = shared.snapshot();
        assert_eq!(snapshot.packets_sent, 2);
        assert_eq!(snapshot.bytes_sent, 150);
        assert_eq!(snapshot.dropped_packets, 3);
        assert_eq!(snapshot.state, OutputState::Connected);
    }
}
