//! One encode, many outputs.

use super::{EncodedPacket, OutputMetrics, OutputState, PacketOutput};
use crate::StreamError;

struct Slot {
    output: Box<dyn PacketOutput>,
    failed: bool,
}

/// Sends every packet to several outputs (a recording and network destinations).
///
/// An output that returns an error is reported once (the error is returned from that
/// `write`) and skipped afterwards, while the others go on; a caller should log errors
/// from a fan-out rather than stop on them. A refused packet
/// ([`StreamError::is_packet_error`]) does not close the output that refused it. Network outputs queue, so one slow
/// destination does not hold back the others.
pub struct Fanout {
    slots: Vec<Slot>,
}

impl std::fmt::Debug for Fanout {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Fanout")
            .field("outputs", &self.slots.len())
            .finish()
    }
}

impl Fanout {
    /// A fan-out to `outputs`, in the order given (the order of [`Fanout::output_metrics`]).
    pub fn new(outputs: Vec<Box<dyn PacketOutput>>) -> Self {
        Self {
            slots: outputs
                .into_iter()
                .map(|output| Slot {
                    output,
                    failed: false,
                })
                .collect(),
        }
    }

    /// How many outputs it feeds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether it feeds no output at all.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Each output's own metrics, in construction order.
    pub fn output_metrics(&self) -> Vec<OutputMetrics> {
        self.slots
            .iter()
            .map(|slot| slot.output.metrics())
            .collect()
    }
}

impl PacketOutput for Fanout {
    fn write(&mut self, packet: &EncodedPacket) -> Result<(), StreamError> {
        let mut first_error = None;
        for slot in self.slots.iter_mut().filter(|slot| !slot.failed) {
            if let Err(error) = slot.output.write(packet) {
                slot.failed = !error.is_packet_error();
                first_error.get_or_insert(error);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    fn finish(&mut self) -> Result<(), StreamError> {
        let mut first_error = None;
        for slot in &mut self.slots {
            if let Err(error) = slot.output.finish() {
                if !slot.failed {
                    first_error.get_or_insert(error);
                }
                slot.failed = true;
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// The sum over all outputs; the state is the worst one among them (failed, then
    /// reconnecting, connecting, connected, finished).
    fn metrics(&self) -> OutputMetrics {
        let mut total = OutputMetrics::new("fanout", "fanout");
        total.state = OutputState::Finished;
        let rank = |state: OutputState| match state {
            OutputState::Failed => 4,
            OutputState::Reconnecting => 3,
            OutputState::Connecting => 2,
            OutputState::Connected => 1,
            OutputState::Finished => 0,
        };
        for metrics in self.output_metrics() {
            total.packets_sent += metrics.packets_sent;
            total.bytes_sent += metrics.bytes_sent;
            total.bitrate_bps += metrics.bitrate_bps;
            total.dropped_packets += metrics.dropped_packets;
            total.reconnects += metrics.reconnects;
            total.queue_depth += metrics.queue_depth;
            total.queue_capacity += metrics.queue_capacity;
            if rank(metrics.state) > rank(total.state) {
                total.state = metrics.state;
            }
            if metrics.last_error.is_some() {
                total.last_error = metrics.last_error;
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::StreamKind;
    use std::sync::{Arc, Mutex};

    /// Records what it was given; fails from the `fail_at`-th write on.
    struct Probe {
        seen: Arc<Mutex<Vec<i64>>>,
        fail_at: Option<usize>,
    }

    impl PacketOutput for Probe {
        fn write(&mut self, packet: &EncodedPacket) -> Result<(), StreamError> {
            let mut seen = self.seen.lock().unwrap();
            if self.fail_at == Some(seen.len()) {
                return Err(StreamError::Closed {
                    target: "probe".into(),
                    reason: "test".into(),
                });
            }
            seen.push(packet.pts);
            Ok(())
        }
        fn finish(&mut self) -> Result<(), StreamError> {
            Ok(())
        }
        fn metrics(&self) -> OutputMetrics {
            let mut metrics = OutputMetrics::new("probe", "test");
            metrics.packets_sent = self.seen.lock().unwrap().len() as u64;
            metrics.state = OutputState::Connected;
            metrics
        }
    }

    fn packet(pts: i64) -> EncodedPacket {
        EncodedPacket {
            stream: StreamKind::Video,
            data: vec![0; 4],
            pts,
            dts: pts,
            duration: 1,
            keyframe: true,
        }
    }

    #[test]
    fn a_failing_output_is_reported_once_and_the_others_get_every_packet() {
        let good = Arc::new(Mutex::new(Vec::new()));
        let bad = Arc::new(Mutex::new(Vec::new()));
        let mut fanout = Fanout::new(vec![
            Box::new(Probe {
                seen: bad.clone(),
                fail_at: Some(2),
            }),
            Box::new(Probe {
                seen: good.clone(),
                fail_at: None,
            }),
        ]);
        let results: Vec<bool> = (0..5)
            .map(|pts| fanout.write(&packet(pts)).is_ok())
            .collect();
        assert_eq!(results, [true, true, false, true, true]);
        assert_eq!(*good.lock().unwrap(), [0, 1, 2, 3, 4]);
        assert_eq!(*bad.lock().unwrap(), [0, 1]);
        assert!(fanout.finish().is_ok());
        let total = fanout.metrics();
        assert_eq!(total.packets_sent, 7);
        assert_eq!(fanout.output_metrics().len(), 2);
    }
}
