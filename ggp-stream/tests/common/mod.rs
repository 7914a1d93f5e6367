//! Helpers for the pipeline tests: clips made with the ffmpeg CLI, outputs probed with
//! ffprobe and decoded back.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use ggp_core::view::PublicTableView;
use ggp_stream::output::FileOutput;
use ggp_stream::overlay::{BasicOverlay, Overlay, OverlayImage};
use ggp_stream::source::{Source, SourceItem, SourceKind};
use ggp_stream::{LiveOutput, Picture, ProgramOutput, StreamError};

/// A fresh directory for one test.
pub fn test_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ggp-stream-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("test dir");
    dir
}

/// Runs ffmpeg with `args`, panicking with its output on failure.
pub fn ffmpeg(args: &[&str]) {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(args)
        .output()
        .expect("ffmpeg runs (installed by scripts/lib.sh)");
    assert!(
        output.status.success(),
        "ffmpeg {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A testsrc2 clip with a sine tone: `width`x`height`, `fps`, `seconds`, H.264 + AAC.
pub fn make_clip(path: &Path, width: u32, height: u32, fps: u32, seconds: u32) {
    let video = format!("testsrc2=size={width}x{height}:rate={fps}:duration={seconds}");
    let audio = format!("sine=frequency=440:sample_rate=48000:duration={seconds}");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        &video,
        "-f",
        "lavfi",
        "-i",
        &audio,
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        path.to_str().expect("utf-8 path"),
    ]);
}

/// ffprobe's JSON for `path` (streams and frames of the video).
pub fn probe(path: &Path) -> serde_json::Value {
    let output = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_streams",
            "-show_format",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    assert!(
        output.status.success(),
        "ffprobe failed on {}",
        path.display()
    );
    serde_json::from_slice(&output.stdout).expect("ffprobe JSON")
}

/// Presentation times (seconds) of every video frame, as ffprobe decodes them.
pub fn frame_times(path: &Path) -> Vec<f64> {
    let output = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "frame=best_effort_timestamp_time",
            "-of",
            "csv=p=0",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.trim().trim_end_matches(',').parse().ok())
        .collect()
}

/// The codec names of the streams of `path`, video first.
pub fn codecs(probe: &serde_json::Value) -> Vec<String> {
    probe["streams"]
        .as_array()
        .map(|streams| {
            streams
                .iter()
                .filter_map(|s| s["codec_name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Every picture of a file, decoded.
pub fn decode_all(path: &Path) -> Vec<Picture> {
    let mut source = Source::open(&SourceKind::File(path.to_owned()), None).expect("opens");
    let mut pictures = Vec::new();
    while let Some(item) = source.next_item().expect("decodes") {
        if let SourceItem::Video(picture) = item {
            pictures.push(picture);
        }
    }
    pictures
}

/// The mean (Y, U, V) of the centre square of a rectangle.
pub fn mean_yuv(picture: &Picture, x: u32, y: u32, width: u32, height: u32) -> (f64, f64, f64) {
    let frame = &picture.frame;
    let (cx, cy) = (x + width / 2, y + height / 4);
    let half = (width / 6).max(1);
    let mut sums = [0f64; 3];
    let mut count = [0f64; 3];
    for py in cy - half..cy + half {
        for px in cx - half..cx + half {
            for plane in 0..3 {
                let (sx, sy) = if plane == 0 {
                    (px, py)
                } else {
                    (px / 2, py / 2)
                };
                let value = frame.data(plane)[sy as usize * frame.stride(plane) + sx as usize];
                sums[plane] += f64::from(value);
                count[plane] += 1.0;
            }
        }
    }
    (sums[0] / count[0], sums[1] / count[1], sums[2] / count[2])
}

/// An output factory writing a file.
pub fn file_output(path: PathBuf) -> ggp_stream::OutputFactory {
    Box::new(move |specs| {
        Ok(Box::new(FileOutput::create(&path, specs)?)
            as Box<dyn ggp_stream::output::PacketOutput>)
    })
}

/// A live overlay that records (as JSON) every view the live path was handed.
pub struct RecordingOverlay {
    pub inner: BasicOverlay,
    pub seen: Arc<Mutex<Vec<String>>>,
}

impl Overlay<Option<PublicTableView>> for RecordingOverlay {
    fn render(
        &mut self,
        view: &Option<PublicTableView>,
        time_ns: i64,
    ) -> Result<Arc<OverlayImage>, StreamError> {
        let json = serde_json::to_string(view).expect("view serializes");
        self.seen.lock().expect("lock").push(json);
        self.inner.render(view, time_ns)
    }
}

/// Live and program outputs to files with the basic overlay; the live views are recorded.
pub fn outputs(
    dir: &Path,
    width: u32,
    height: u32,
) -> (LiveOutput, ProgramOutput, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let live = LiveOutput {
        overlay: Box::new(RecordingOverlay {
            inner: BasicOverlay::new(width, height),
            seen: Arc::clone(&seen),
        }),
        output: file_output(dir.join("live.mp4")),
    };
    let program = ProgramOutput {
        overlay: Box::new(BasicOverlay::new(width, height)),
        output: file_output(dir.join("program.mp4")),
    };
    (live, program, seen)
}
