//! Decoding order, checked before a packet reaches a muxer.

use super::{EncodedPacket, StreamKind};
use crate::StreamError;

/// Rejects a packet that a muxer would refuse (dts not increasing, pts before dts, no
/// data), so that one bad packet is an error of its own instead of failing the muxer and
/// with it the whole recording or connection.
#[derive(Debug, Default)]
pub(crate) struct PacketOrder {
    last_video_dts: Option<i64>,
    last_audio_dts: Option<i64>,
}

impl PacketOrder {
    /// Checks `packet` against the previous packet of its stream and remembers it.
    pub(crate) fn check(
        &mut self,
        target: &str,
        packet: &EncodedPacket,
    ) -> Result<(), StreamError> {
        let refuse = |reason: String| StreamError::InvalidPacket {
            target: target.to_owned(),
            kind: packet.stream.name(),
            reason,
        };
        if packet.data.is_empty() {
            return Err(refuse("it holds no data".into()));
        }
        if packet.pts < packet.dts {
            return Err(refuse(format!(
                "pts {} is before dts {}",
                packet.pts, packet.dts
            )));
        }
        let last = match packet.stream {
            StreamKind::Video => &mut self.last_video_dts,
            StreamKind::Audio => &mut self.last_audio_dts,
        };
        if let Some(previous) = *last {
            if packet.dts <= previous {
                return Err(refuse(format!(
                    "dts {} does not follow the previous dts {previous}",
                    packet.dts
                )));
            }
        }
        *last = Some(packet.dts);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packet(stream: StreamKind, pts: i64, dts: i64) -> EncodedPacket {
        EncodedPacket {
            stream,
            data: vec![1],
            pts,
            dts,
            duration: 1,
            keyframe: false,
        }
    }

    #[test]
    fn each_stream_must_advance_its_own_dts() {
        let mut order = PacketOrder::default();
        assert!(order.check("t", &packet(StreamKind::Video, 2, -1)).is_ok());
        assert!(
            order
                .check("t", &packet(StreamKind::Audio, -1024, -1024))
                .is_ok()
        );
        assert!(order.check("t", &packet(StreamKind::Video, 0, 0)).is_ok());
        let error = order
            .check("out.mp4", &packet(StreamKind::Video, 5, 0))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "out.mp4 refused a video packet: dts 0 does not follow the previous dts 0"
        );
        assert!(error.is_packet_error());
        // A refused packet is not remembered: the next good one still follows dts 0.
        assert!(order.check("t", &packet(StreamKind::Video, 1, 1)).is_ok());
        assert!(order.check("t", &packet(StreamKind::Audio, 0, 0)).is_ok());
    }

    #[test]
    fn pts_before_dts_and_empty_packets_are_refused() {
        let mut order = PacketOrder::default();
        assert!(order.check("t", &packet(StreamKind::Video, 0, 1)).is_err());
        let mut empty = packet(StreamKind::Audio, 0, 0);
        empty.data.clear();
        assert!(order.check("t", &empty).is_err());
    }
}
