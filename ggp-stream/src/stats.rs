//! Health of a running pipeline: counters any thread can bump, a snapshot for the API, and
//! Prometheus text.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use crate::output::{OutputMetrics, prometheus_text};

/// Live counters, shared by the pipeline's threads.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub frames_in: AtomicU64,
    pub corrupt: AtomicU64,
    pub live_frames_out: AtomicU64,
    pub program_frames_out: AtomicU64,
    pub dropped_frames: AtomicU64,
    pub held_frames: AtomicU64,
    pub decode_queue: AtomicI64,
    pub live_queue: AtomicI64,
    pub program_queue: AtomicI64,
    pub live_encode_ns: AtomicU64,
    pub program_encode_ns: AtomicU64,
    pub decode_ns: AtomicU64,
    pub live_render_ns: AtomicU64,
    pub program_render_ns: AtomicU64,
    pub blend_ns: AtomicU64,
    pub live_renders: AtomicU64,
    pub program_renders: AtomicU64,
    pub delay_ns: AtomicI64,
    pub delay_held: AtomicU64,
    pub delay_disk_bytes: AtomicU64,
    pub delay_segments: AtomicU64,
    pub events: AtomicU64,
}

/// A snapshot of a pipeline's health.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct PipelineStats {
    /// Pictures decoded from the source.
    pub frames_in: u64,
    /// Damaged packets or pictures skipped.
    pub corrupt_frames: u64,
    /// Pictures encoded for the live output.
    pub live_frames_out: u64,
    /// Pictures encoded for the program output.
    pub program_frames_out: u64,
    /// Pictures dropped (shrinking the delay).
    pub dropped_frames: u64,
    /// Pictures shown again (growing the delay).
    pub held_frames: u64,
    /// Items waiting between the decoder and the compositor.
    pub decode_queue: i64,
    /// Items waiting for the live encoder.
    pub live_queue: i64,
    /// Items waiting for the program encoder.
    pub program_queue: i64,
    /// Seconds spent in the live encoder.
    pub live_encode_s: f64,
    /// Seconds spent in the program encoder.
    pub program_encode_s: f64,
    /// Overlay renders (once per change of a view).
    pub overlay_renders: u64,
    /// Seconds spent reading and decoding the source (and scaling its pictures).
    pub decode_s: f64,
    /// Seconds spent rendering the live output's overlays and converting them to YUVA.
    pub live_render_s: f64,
    /// Seconds spent rendering the program output's overlays and converting them to YUVA.
    pub program_render_s: f64,
    /// Seconds spent blending overlays into pictures, both outputs together.
    pub blend_s: f64,
    /// The program delay now, in seconds.
    pub delay_s: f64,
    /// Items held by the delay.
    pub delay_held: u64,
    /// Encrypted bytes the delay holds on disk.
    pub delay_disk_bytes: u64,
    /// Segments the delay has spilled to disk.
    pub delay_segments: u64,
    /// Card and action events pushed while running.
    pub events: u64,
    /// Each output's own metrics (bytes, bitrate, state).
    #[serde(skip)]
    pub outputs: Vec<OutputMetrics>,
}

impl Counters {
    pub(crate) fn snapshot(&self, outputs: Vec<OutputMetrics>) -> PipelineStats {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let signed = |a: &AtomicI64| a.load(Ordering::Relaxed);
        PipelineStats {
            frames_in: get(&self.frames_in),
            corrupt_frames: get(&self.corrupt),
            live_frames_out: get(&self.live_frames_out),
            program_frames_out: get(&self.program_frames_out),
            dropped_frames: get(&self.dropped_frames),
            held_frames: get(&self.held_frames),
            decode_queue: signed(&self.decode_queue),
            live_queue: signed(&self.live_queue),
            program_queue: signed(&self.program_queue),
            live_encode_s: get(&self.live_encode_ns) as f64 / 1e9,
            program_encode_s: get(&self.program_encode_ns) as f64 / 1e9,
            overlay_renders: get(&self.live_renders) + get(&self.program_renders),
            decode_s: get(&self.decode_ns) as f64 / 1e9,
            live_render_s: get(&self.live_render_ns) as f64 / 1e9,
            program_render_s: get(&self.program_render_ns) as f64 / 1e9,
            blend_s: get(&self.blend_ns) as f64 / 1e9,
            delay_s: signed(&self.delay_ns) as f64 / 1e9,
            delay_held: get(&self.delay_held),
            delay_disk_bytes: get(&self.delay_disk_bytes),
            delay_segments: get(&self.delay_segments),
            events: get(&self.events),
            outputs,
        }
    }
}

impl PipelineStats {
    /// The stats in the Prometheus text exposition format, the outputs' families included.
    pub fn prometheus_text(&self) -> String {
        let mut text = String::new();
        let mut family = |name: &str, kind: &str, help: &str, value: String| {
            let _ = writeln!(text, "# HELP ggp_pipeline_{name} {help}");
            let _ = writeln!(text, "# TYPE ggp_pipeline_{name} {kind}");
            let _ = writeln!(text, "ggp_pipeline_{name} {value}");
        };
        family(
            "frames_in_total",
            "counter",
            "Pictures decoded from the source.",
            self.frames_in.to_string(),
        );
        family(
            "corrupt_frames_total",
            "counter",
            "Damaged packets or pictures skipped.",
            self.corrupt_frames.to_string(),
        );
        family(
            "live_frames_out_total",
            "counter",
            "Pictures encoded for the live output.",
            self.live_frames_out.to_string(),
        );
        family(
            "program_frames_out_total",
            "counter",
            "Pictures encoded for the program output.",
            self.program_frames_out.to_string(),
        );
        family(
            "dropped_frames_total",
            "counter",
            "Pictures dropped to shrink the delay.",
            self.dropped_frames.to_string(),
        );
        family(
            "held_frames_total",
            "counter",
            "Pictures shown again to grow the delay.",
            self.held_frames.to_string(),
        );
        family(
            "decode_queue_depth",
            "gauge",
            "Items between decoder and compositor.",
            self.decode_queue.to_string(),
        );
        family(
            "live_queue_depth",
            "gauge",
            "Items waiting for the live encoder.",
            self.live_queue.to_string(),
        );
        family(
            "program_queue_depth",
            "gauge",
            "Items waiting for the program encoder.",
            self.program_queue.to_string(),
        );
        family(
            "live_encode_seconds_total",
            "counter",
            "Time spent in the live encoder.",
            format!("{:.6}", self.live_encode_s),
        );
        family(
            "program_encode_seconds_total",
            "counter",
            "Time spent in the program encoder.",
            format!("{:.6}", self.program_encode_s),
        );
        family(
            "overlay_renders_total",
            "counter",
            "Overlay renders, one per view change.",
            self.overlay_renders.to_string(),
        );
        for (name, help, seconds) in [
            (
                "decode_seconds_total",
                "Time spent reading and decoding the source.",
                self.decode_s,
            ),
            (
                "live_render_seconds_total",
                "Time spent rendering and converting the live overlay.",
                self.live_render_s,
            ),
            (
                "program_render_seconds_total",
                "Time spent rendering and converting the program overlay.",
                self.program_render_s,
            ),
            (
                "blend_seconds_total",
                "Time spent blending overlays into pictures.",
                self.blend_s,
            ),
        ] {
            family(name, "counter", help, format!("{seconds:.6}"));
        }
        family(
            "delay_seconds",
            "gauge",
            "The program delay now.",
            format!("{:.3}", self.delay_s),
        );
        family(
            "delay_held_items",
            "gauge",
            "Pictures and packets held by the delay.",
            self.delay_held.to_string(),
        );
        family(
            "delay_disk_bytes",
            "gauge",
            "Encrypted bytes the delay holds on disk.",
            self.delay_disk_bytes.to_string(),
        );
        family(
            "events_total",
            "counter",
            "Card and action events pushed while running.",
            self.events.to_string(),
        );
        text.push_str(&prometheus_text(&self.outputs));
        text
    }
}
