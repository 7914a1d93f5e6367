//! Finds and recognizes playing cards in images and videos.
//!
//! ```text
//! detect [--json] [--zone NAME=X,Y,W,H]... IMAGE_OR_VIDEO...
//! ```
//!
//! One line per image, or per frame of a video (decoded by the `ffmpeg` command-line tool):
//! with `--json`, `{"path": ..., "cards": [{"card": "As", "box": [x, y, w, h], "confidence":
//! 0.99}], "ms": 4.2}` (video frames add `"frame": n`; zones add `"zone"` to each card);
//! without it, a short human-readable line. A file that cannot be read gets a line with an
//! `"error"` and the run goes on. Logs go to stderr. Exit status 2 only when the detector
//! itself cannot start (no ONNX Runtime, bad arguments).

use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use ggp_vision::{CardDetector, Detection, DetectorConfig, FrameRef, PixelFormat, Zone};
use serde_json::{Value, json};

const VIDEO_EXTENSIONS: &[&str] = &["mp4", "mov", "mkv", "avi", "webm", "m4v", "ts", "mpg"];

fn main() {
    let mut json_lines = false;
    let mut zones = Vec::new();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json_lines = true,
            "--zone" => match args.next().as_deref().map(parse_zone) {
                Some(Ok(zone)) => zones.push(zone),
                Some(Err(message)) => fail(&message),
                None => fail("--zone needs NAME=X,Y,W,H"),
            },
            "-h" | "--help" => {
                eprintln!("usage: detect [--json] [--zone NAME=X,Y,W,H]... IMAGE_OR_VIDEO...");
                return;
            }
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        fail("usage: detect [--json] [--zone NAME=X,Y,W,H]... IMAGE_OR_VIDEO...");
    }
    let config = DetectorConfig {
        zones,
        ..DetectorConfig::default()
    };
    let mut detector = match CardDetector::new(config) {
        Ok(detector) => detector,
        Err(error) => fail(&format!("cannot start the card detector: {error}")),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for path in &paths {
        let is_video = Path::new(path)
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| VIDEO_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
        let result = if is_video {
            detect_video(&mut detector, path, json_lines, &mut out)
        } else {
            detect_image(&mut detector, path, json_lines, &mut out)
        };
        if let Err(error) = result {
            eprintln!("{path}: {error}");
            write_line(&mut out, json_lines, &json!({"path": path, "error": error}));
        }
    }
    if let Err(error) = out.flush() {
        eprintln!("cannot write the results: {error}");
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2);
}

fn parse_zone(text: &str) -> Result<Zone, String> {
    let bad = || format!("bad zone {text:?}: expected NAME=X,Y,W,H");
    let (name, rect) = text.split_once('=').ok_or_else(bad)?;
    let numbers: Vec<u32> = rect
        .split(',')
        .map(|part| part.trim().parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let rect: [u32; 4] = numbers.try_into().map_err(|_| bad())?;
    Ok(Zone {
        name: name.to_owned(),
        rect,
    })
}

fn cards_json(detections: &[Detection]) -> Value {
    let round = |value: f32| (f64::from(value) * 10.0).round() / 10.0;
    Value::Array(
        detections
            .iter()
            .map(|detection| {
                let mut card = json!({
                    "card": detection.card.to_string(),
                    "box": detection.bbox.map(round),
                    "confidence": (f64::from(detection.confidence) * 1000.0).round() / 1000.0,
                });
                if let Some(zone) = &detection.zone {
                    card["zone"] = json!(zone);
                }
                card
            })
            .collect(),
    )
}

fn write_line(out: &mut impl Write, json_lines: bool, line: &Value) {
    let text = if json_lines {
        line.to_string()
    } else {
        human_line(line)
    };
    if let Err(error) = writeln!(out, "{text}") {
        eprintln!("cannot write the results: {error}");
    }
}

fn human_line(line: &Value) -> String {
    let path = line["path"].as_str().unwrap_or_default();
    let frame = line
        .get("frame")
        .map(|frame| format!(" frame {frame}"))
        .unwrap_or_default();
    if let Some(error) = line.get("error") {
        return format!(
            "{path}{frame}: error: {}",
            error.as_str().unwrap_or_default()
        );
    }
    let cards: Vec<String> = line["cards"]
        .as_array()
        .map(|cards| {
            cards
                .iter()
                .map(|card| {
                    format!(
                        "{} ({})",
                        card["card"].as_str().unwrap_or("?"),
                        card["confidence"]
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    format!("{path}{frame}: {} [{} ms]", cards.join(" "), line["ms"])
}

fn detect_image(
    detector: &mut CardDetector,
    path: &str,
    json_lines: bool,
    out: &mut impl Write,
) -> Result<(), String> {
    let image = ggp_vision::image_io::read_image(Path::new(path)).map_err(|e| e.to_string())?;
    let frame = image.as_frame().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let detections = detector.detect(&frame).map_err(|e| e.to_string())?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let line =
        json!({"path": path, "cards": cards_json(&detections), "ms": (ms * 10.0).round() / 10.0});
    write_line(out, json_lines, &line);
    Ok(())
}

/// Asks `ffprobe` for the size of the first video stream.
fn video_size(path: &str) -> Result<(u32, u32), String> {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_entries"])
        .args(["stream=width,height", "-of", "csv=p=0", path])
        .output()
        .map_err(|error| format!("cannot run ffprobe (install FFmpeg): {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "ffprobe cannot read it: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut parts = text
        .trim()
        .split(',')
        .map(|part| part.trim().parse::<u32>());
    match (parts.next(), parts.next()) {
        (Some(Ok(width)), Some(Ok(height))) if width > 0 && height > 0 => Ok((width, height)),
        _ => Err(format!("no video stream ({})", text.trim())),
    }
}

fn detect_video(
    detector: &mut CardDetector,
    path: &str,
    json_lines: bool,
    out: &mut impl Write,
) -> Result<(), String> {
    let (width, height) = video_size(path)?;
    let mut child = Command::new("ffmpeg")
        .args([
            "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|error| format!("cannot run ffmpeg (install FFmpeg): {error}"))?;
    let Some(mut pipe) = child.stdout.take() else {
        return Err("ffmpeg gave no output pipe".to_owned());
    };
    let frame_len = width as usize * height as usize * 3;
    let mut buffer = vec![0u8; frame_len];
    let mut index = 0u64;
    while pipe.read_exact(&mut buffer).is_ok() {
        let frame = FrameRef::new(
            &buffer,
            width,
            height,
            width as usize * 3,
            PixelFormat::Rgb8,
        )
        .map_err(|e| e.to_string())?;
        let started = Instant::now();
        let line = match detector.detect(&frame) {
            Ok(detections) => {
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                json!({"path": path, "frame": index, "cards": cards_json(&detections),
                       "ms": (ms * 10.0).round() / 10.0})
            }
            Err(error) => json!({"path": path, "frame": index, "error": error.to_string()}),
        };
        write_line(out, json_lines, &line);
        index += 1;
    }
    let status = child.wait().map_err(|error| error.to_string())?;
    if index == 0 {
        return Err(format!("ffmpeg decoded no frames ({status})"));
    }
    Ok(())
}
