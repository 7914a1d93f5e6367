//! The raw-frame callback and key and fill, run from settings text through a real
//! pipeline; outputs decoded with FFmpeg.

mod common;

use std::sync::{Arc, Mutex};

use common::{decode_all, frame_times, mean_yuv, test_dir};
use ggp_stream::config::{PipelineSettings, SettingsFormat};
use ggp_stream::output::{Feed, FramePixels, FrameRef};
use ggp_stream::overlay::BasicLayout;
use ggp_stream::session::PipelineSession;

const WIDTH: u32 = 640;
const HEIGHT: u32 = 360;
const FRAMES: usize = 60;

/// Settings for a 2 s test pattern with the heads-up hand dealt at 0.2 s, the basic
/// overlay, and `extra` appended (more tables).
fn settings(dir: &std::path::Path, extra: &str) -> String {
    let hand = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/heads_up.phh");
    format!(
        r#"
graphics = "basic"
[source]
kind = "test_pattern"
width = {WIDTH}
height = {HEIGHT}
fps = 30
duration_s = 2.0
tone_hz = 0
[outputs]
program = ["{program}"]
live = ["{live}"]
[encoder]
preset = "ultrafast"
[hands]
files = ["{hand}"]
start_s = 0.2
pace_s = 0.1
{extra}
"#,
        program = dir.join("program.mp4").display(),
        live = dir.join("live.mp4").display(),
    )
}

#[test]
fn key_and_fill_match_the_program_frame_for_frame() {
    let dir = test_dir("key-fill");
    let text = settings(
        &dir,
        &format!(
            "[key_fill]\nkey = [\"{}\"]\nfill = [\"{}\"]\n",
            dir.join("key.mp4").display(),
            dir.join("fill.mkv").display()
        ),
    );
    let settings = PipelineSettings::parse(&text, SettingsFormat::Toml).expect("settings");
    let report = settings.start().expect("starts").wait().expect("runs");
    assert_eq!(report.stats.program_frames_out, FRAMES as u64);
    let names: Vec<&str> = report
        .stats
        .outputs
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert!(names.iter().any(|n| n.ends_with("key.mp4")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("fill.mkv")), "{names:?}");

    let program_times = frame_times(&dir.join("program.mp4"));
    let key_times = frame_times(&dir.join("key.mp4"));
    let fill_times = frame_times(&dir.join("fill.mkv"));
    assert_eq!(program_times.len(), FRAMES);
    assert_eq!(key_times, program_times, "key pts equal the program's");
    assert_eq!(fill_times.len(), FRAMES);
    for (fill, program) in fill_times.iter().zip(&program_times) {
        // Matroska stores milliseconds.
        assert!((fill - program).abs() < 0.002, "{fill} vs {program}");
    }

    let keys = decode_all(&dir.join("key.mp4"));
    let fills = decode_all(&dir.join("fill.mkv"));
    let programs = decode_all(&dir.join("program.mp4"));
    assert_eq!((keys.len(), fills.len()), (FRAMES, FRAMES));
    let layout = BasicLayout::new(WIDTH, HEIGHT, 2);
    let card = layout.hole_card_rect(0, 0, 2);
    // The top-left corner: no graphics there at any time.
    let (empty_x, empty_y, empty_size) = (8, 8, 24);
    for (index, ((key, fill), program)) in keys.iter().zip(&fills).zip(&programs).enumerate() {
        let (key_empty, key_u, _) = mean_yuv(key, empty_x, empty_y, empty_size, empty_size);
        assert!(
            key_empty < 24.0,
            "frame {index}: key is black where nothing is drawn"
        );
        assert!((key_u - 128.0).abs() < 4.0, "the key is grey-scale");
        let (fill_empty, _, _) = mean_yuv(fill, empty_x, empty_y, empty_size, empty_size);
        assert!(fill_empty < 24.0, "frame {index}: fill is black there");
        let (program_empty, _, _) = mean_yuv(program, empty_x, empty_y, empty_size, empty_size);
        assert!(program_empty > 24.0, "the program shows the video there");
        if program.time_ns >= 300_000_000 {
            // Hole cards are dealt at 0.2 s; the program shows their faces (opaque white).
            let (key_card, _, _) = mean_yuv(key, card.x, card.y, card.width, card.height);
            assert!(
                key_card > 225.0,
                "frame {index}: key is white on a card: {key_card}"
            );
            let (fill_card, _, _) = mean_yuv(fill, card.x, card.y, card.width, card.height);
            let (program_card, _, _) = mean_yuv(program, card.x, card.y, card.width, card.height);
            assert!(
                fill_card > 200.0,
                "frame {index}: the fill shows the card face"
            );
            assert!(
                (fill_card - program_card).abs() < 12.0,
                "fill matches the program"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[derive(Debug, Default)]
struct Seen {
    live: Vec<i64>,
    program: Vec<i64>,
    bad: Vec<String>,
}

fn check(frame: &FrameRef<'_>, seen: &mut Seen) {
    let (width, height) = (frame.width as usize, frame.height as usize);
    let ok = match frame.format {
        FramePixels::Rgba => {
            frame.planes.len() == 1
                && frame.strides[0] >= width * 4
                && frame.planes[0].len() >= frame.strides[0] * (height - 1) + width * 4
                // Opaque: every alpha of the first row is 255.
                && frame.planes[0][..width * 4].chunks_exact(4).all(|px| px[3] == 255)
        }
        FramePixels::Yuv420p => {
            frame.planes.len() == 3
                && frame.planes[0].len() >= frame.strides[0] * (height - 1) + width
                && frame.planes[1].len() >= frame.strides[1] * (height / 2 - 1) + width / 2
        }
    };
    if !ok || (width, height) != (WIDTH as usize, HEIGHT as usize) {
        seen.bad
            .push(format!("{:?} {}x{}", frame.format, width, height));
    }
    match frame.feed {
        Feed::Live => seen.live.push(frame.pts_ns),
        Feed::Program => seen.program.push(frame.pts_ns),
    }
}

fn increasing(times: &[i64]) -> bool {
    times.windows(2).all(|pair| pair[0] < pair[1])
}

#[test]
fn a_blocking_rgba_callback_gets_every_frame_of_both_feeds_in_order() {
    let dir = test_dir("callback-block");
    let text = settings(&dir, "[frames]\npolicy = \"block\"\nqueue = 2\n");
    let settings = PipelineSettings::parse(&text, SettingsFormat::Toml).expect("settings");
    let seen = Arc::new(Mutex::new(Seen::default()));
    let callback = {
        let seen = Arc::clone(&seen);
        Box::new(move |frame: &FrameRef<'_>| {
            // A slow app: the pipeline waits for it.
            std::thread::sleep(std::time::Duration::from_millis(2));
            check(frame, &mut seen.lock().expect("lock"));
        })
    };
    let report = settings
        .start_with_frames(Some(callback))
        .expect("starts")
        .wait()
        .expect("runs");
    let seen = seen.lock().expect("lock");
    assert!(seen.bad.is_empty(), "{:?}", seen.bad);
    assert_eq!(seen.live.len(), FRAMES);
    assert_eq!(seen.program.len(), FRAMES);
    assert!(increasing(&seen.live) && increasing(&seen.program));
    assert_eq!(seen.program[1] - seen.program[0], 33_333_333);
    let sink = report
        .stats
        .outputs
        .iter()
        .find(|m| m.protocol == "callback")
        .expect("the callback's metrics");
    assert_eq!(sink.packets_sent, 2 * FRAMES as u64);
    assert_eq!(sink.dropped_packets, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dropping_yuv_callback_accounts_for_every_frame_and_survives_a_panic() {
    let dir = test_dir("callback-drop");
    let text = settings(
        &dir,
        "[frames]\npolicy = \"drop\"\nqueue = 1\npixels = \"yuv420p\"\nlive = false\n",
    );
    let settings = PipelineSettings::parse(&text, SettingsFormat::Toml).expect("settings");
    let seen = Arc::new(Mutex::new(Seen::default()));
    let callback = {
        let seen = Arc::clone(&seen);
        Box::new(move |frame: &FrameRef<'_>| {
            let mut seen = seen.lock().expect("lock");
            check(frame, &mut seen);
            let count = seen.program.len();
            drop(seen);
            std::thread::sleep(std::time::Duration::from_millis(20));
            assert!(count != 3, "an app bug on the third frame");
        })
    };
    let report = settings
        .start_with_frames(Some(callback))
        .expect("starts")
        .wait()
        .expect("a panicking callback does not stop the pipeline");
    assert_eq!(report.stats.program_frames_out, FRAMES as u64);
    let seen = seen.lock().expect("lock");
    assert!(seen.bad.is_empty(), "{:?}", seen.bad);
    assert!(seen.live.is_empty(), "live frames were not asked for");
    assert!(increasing(&seen.program));
    assert!(seen.program.len() >= 3);
    let sink = report
        .stats
        .outputs
        .iter()
        .find(|m| m.protocol == "callback")
        .expect("the callback's metrics");
    // Delivered, dropped or failed: every program frame is one of them.
    assert_eq!(sink.packets_sent + sink.dropped_packets, FRAMES as u64);
    assert_eq!(
        sink.packets_sent,
        seen.program.len() as u64 - 1,
        "one panicked"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_session_takes_events_and_hands_as_text_and_reports_metrics() {
    let dir = test_dir("session");
    let json = format!(
        r#"{{
            "graphics": "basic",
            "source": {{"kind": "test_pattern", "width": 320, "height": 180, "duration_s": 60.0, "tone_hz": 0}},
            "outputs": {{"program": ["{}"], "live": ["{}"]}},
            "encoder": {{"preset": "ultrafast"}},
            "frames": {{"program": false}}
        }}"#,
        dir.join("program.mkv").display(),
        dir.join("live.mkv").display()
    );
    let session = PipelineSession::open(&json, SettingsFormat::Json).expect("opens");
    let live_frames = Arc::new(Mutex::new(Vec::new()));
    {
        let live_frames = Arc::clone(&live_frames);
        session
            .set_frame_callback(Box::new(move |frame: &FrameRef<'_>| {
                live_frames.lock().expect("lock").push(frame.pts_ns);
            }))
            .expect("callback set");
    }
    let hand = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/heads_up.phh"
    ))
    .expect("hand");
    let end_ns = session.push_hand_phh(&hand, Some(0)).expect("hand pushed");
    assert!(end_ns > 0);
    let event = r#"{"type":"card","timestamp_ns":100000000,"card":"Ah","location":{"kind":"hole","seat":0,"slot":0},"present":true,"source":"rfid","confidence":1.0}"#;
    assert!(session.push_event_json(event).expect("event pushed"));
    let bad = session
        .push_event_json(r#"{"type":"card"}"#)
        .expect_err("bad JSON");
    assert!(bad.to_string().contains("invalid event JSON"), "{bad}");
    let bad = session
        .push_hand_phh("not a hand", None)
        .expect_err("bad PHH");
    assert!(bad.to_string().contains("invalid hand history"), "{bad}");
    while live_frames.lock().expect("lock").len() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let metrics: serde_json::Value =
        serde_json::from_str(&session.metrics_json()).expect("metrics JSON");
    assert!(metrics["frames_in"].as_u64().expect("frames_in") >= 5);
    assert_eq!(metrics["events"], 1);
    assert!(metrics["outputs"].as_array().expect("outputs").len() >= 3);
    assert!(
        session
            .prometheus()
            .contains("ggp_pipeline_frames_in_total")
    );
    session.stop();
    let report = session.wait().expect("stops cleanly");
    // The source runs for 60 s; stop ended it early.
    assert!(report.stats.frames_in < 1800);
    assert_eq!(report.stats.live_frames_out, report.stats.frames_in);
    let again = session.wait().expect("a second wait repeats the report");
    assert_eq!(again.stats, report.stats);
    let report_json: serde_json::Value =
        serde_json::from_str(&PipelineSession::report_json(&report)).expect("report JSON");
    assert_eq!(report_json["rejected_actions"], 0);
    assert!(session.push_event_json(event).is_err(), "closed after wait");
    assert!(increasing(&live_frames.lock().expect("lock")));
    assert_eq!(
        frame_times(&dir.join("program.mkv")).len() as u64,
        report.stats.frames_in
    );
    let _ = std::fs::remove_dir_all(&dir);
}
