//! Output metrics in the Prometheus text exposition format (version 0.0.4).

use std::fmt::Write as _;

use super::{OutputMetrics, OutputState};

/// A metric family: name, help text and how to read its value from one output.
type Family = (&'static str, &'static str, fn(&OutputMetrics) -> u64);

/// Renders the metrics of many outputs as Prometheus text, one family per figure, each
/// sample labelled with the output's `name` and `protocol`.
///
/// ```
/// use ggp_stream::output::{OutputMetrics, prometheus_text};
/// let text = prometheus_text(&[OutputMetrics::new("program.mp4", "file")]);
/// assert!(text.contains("ggp_output_packets_total{output=\"program.mp4\",protocol=\"file\"} 0"));
/// ```
pub fn prometheus_text(outputs: &[OutputMetrics]) -> String {
    let mut text = String::new();
    let counters: [Family; 4] = [
        (
            "ggp_output_packets_total",
            "Packets written to the output.",
            |m| m.packets_sent,
        ),
        (
            "ggp_output_bytes_total",
            "Payload bytes written to the output.",
            |m| m.bytes_sent,
        ),
        (
            "ggp_output_dropped_packets_total",
            "Packets dropped by the output (queue overflow, disconnected, waiting for a keyframe).",
            |m| m.dropped_packets,
        ),
        (
            "ggp_output_reconnects_total",
            "Successful reconnections after a failure.",
            |m| m.reconnects,
        ),
    ];
    for (name, help, value) in counters {
        family(&mut text, name, help, "counter", outputs, |m| {
            value(m).to_string()
        });
    }
    let gauges: [Family; 3] = [
        (
            "ggp_output_bitrate_bits_per_second",
            "Payload bit rate over the last second.",
            |m| m.bitrate_bps,
        ),
        (
            "ggp_output_queue_depth",
            "Packets waiting in the output's queue.",
            |m| m.queue_depth as u64,
        ),
        (
            "ggp_output_queue_capacity",
            "Capacity of the output's queue.",
            |m| m.queue_capacity as u64,
        ),
    ];
    for (name, help, value) in gauges {
        family(&mut text, name, help, "gauge", outputs, |m| {
            value(m).to_string()
        });
    }
    let _ = writeln!(
        text,
        "# HELP ggp_output_state 1 for the output's current state, else 0."
    );
    let _ = writeln!(text, "# TYPE ggp_output_state gauge");
    for metrics in outputs {
        for state in OutputState::ALL {
            let _ = writeln!(
                text,
                "ggp_output_state{{{},state=\"{}\"}} {}",
                labels(metrics),
                state.name(),
                u8::from(metrics.state == state)
            );
        }
    }
    text
}

fn family(
    text: &mut String,
    name: &str,
    help: &str,
    kind: &str,
    outputs: &[OutputMetrics],
    value: impl Fn(&OutputMetrics) -> String,
) {
    let _ = writeln!(text, "# HELP {name} {help}");
    let _ = writeln!(text, "# TYPE {name} {kind}");
    for metrics in outputs {
        let _ = writeln!(text, "{name}{{{}}} {}", labels(metrics), value(metrics));
    }
}

fn labels(metrics: &OutputMetrics) -> String {
    format!(
        "output=\"{}\",protocol=\"{}\"",
        escape_label(&metrics.name),
        escape_label(&metrics.protocol)
    )
}

/// Label values escape backslash, double quote and newline, as the format requires.
fn escape_label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_has_help_type_and_one_sample_per_output() {
        let mut a = OutputMetrics::new("program.mp4", "file");
        a.packets_sent = 42;
        a.state = OutputState::Connected;
        let mut b = OutputMetrics::new("twitch", "rtmp");
        b.reconnects = 2;
        b.dropped_packets = 7;
        b.state = OutputState::Reconnecting;
        let text = prometheus_text(&[a, b]);
        assert!(text.contains("# TYPE ggp_output_packets_total counter\n"));
        assert!(
            text.contains(
                "ggp_output_packets_total{output=\"program.mp4\",protocol=\"file\"} 42\n"
            )
        );
        assert!(
            text.contains("ggp_output_reconnects_total{output=\"twitch\",protocol=\"rtmp\"} 2\n")
        );
        assert!(
            text.contains(
                "ggp_output_dropped_packets_total{output=\"twitch\",protocol=\"rtmp\"} 7\n"
            )
        );
        assert!(text.contains(
            "ggp_output_state{output=\"twitch\",protocol=\"rtmp\",state=\"reconnecting\"} 1\n"
        ));
        assert!(text.contains(
            "ggp_output_state{output=\"twitch\",protocol=\"rtmp\",state=\"connected\"} 0\n"
        ));
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap_or("");
            assert!(value.parse::<f64>().is_ok(), "bad sample line {line:?}");
        }
    }

    #[test]
    fn label_values_are_escaped() {
        let text = prometheus_text(&[OutputMetrics::new("a\"b\\c\nd", "file")]);
        assert!(text.contains("output=\"a\\\"b\\\\c\\nd\""));
    }
}
