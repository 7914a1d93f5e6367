//! The pipeline end to end: clips made with the ffmpeg CLI go in, the live and program
//! recordings come out and are checked with ffprobe and by decoding their frames.

mod common;

use common::*;
use ggp_core::Card;
use ggp_core::feed::{CardEvent, CardLocation, CardSource, FeedEvent};
use ggp_core::phh::PhhHand;
use ggp_core::view::TableInfo;
use ggp_stream::delay::DelayConfig;
use ggp_stream::overlay::BasicLayout;
use ggp_stream::source::SourceKind;
use ggp_stream::timeline::HandScript;
use ggp_stream::{Pipeline, PipelineConfig};

const MS: i64 = 1_000_000;

fn phh(actions: &str) -> PhhHand {
    let text = format!(
        "variant = 'NT'\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\nmin_bet = 2\n\
         starting_stacks = [200, 200]\nactions = [{actions}]\n"
    );
    PhhHand::parse(&text).expect("hand parses")
}

/// A hand with known hole cards that ends without a showdown: p1 AhKh, p2 QsQd.
fn folded_hand() -> HandScript {
    let hand = phh(
        "'d dh p1 AhKh', 'd dh p2 QsQd', 'p2 cbr 6', 'p1 cc', 'd db 2c7d9s', 'p1 cc', 'p2 cbr 10', 'p1 f'",
    );
    HandScript::from_phh(&hand, TableInfo::default(), 100 * MS, 300 * MS)
        .expect("hand lays on the video")
        .0
}

fn is_card_back((y, _u, v): (f64, f64, f64)) -> bool {
    (y - 69.0).abs() < 30.0 && v > 150.0
}

fn is_card_face((y, _u, _v): (f64, f64, f64)) -> bool {
    y > 200.0
}

#[test]
fn file_to_file_outputs_keep_every_frame_the_audio_and_the_timestamps() {
    let dir = test_dir("file-to-file");
    let clip = dir.join("in.mp4");
    make_clip(&clip, 320, 180, 25, 2);
    let config = PipelineConfig::new(SourceKind::File(clip.clone()));
    let (live, program, _) = outputs(&dir, 320, 180);
    let pipeline = Pipeline::start(config, vec![folded_hand()], live, program).expect("starts");
    let report = pipeline.wait().expect("runs");
    assert_eq!(report.stats.frames_in, 50);
    assert_eq!(report.stats.live_frames_out, 50);
    assert_eq!(report.stats.program_frames_out, 50);
    assert_eq!(report.rejected_actions, 0);
    assert!(
        report.stats.overlay_renders >= 2 * 6,
        "re-rendered per action, not per frame"
    );
    assert!(
        report.stats.overlay_renders < 40,
        "{}",
        report.stats.overlay_renders
    );
    let text = report.stats.prometheus_text();
    assert!(text.contains("ggp_pipeline_frames_in_total 50"), "{text}");
    for name in ["live.mp4", "program.mp4"] {
        let path = dir.join(name);
        let probe = probe(&path);
        assert_eq!(codecs(&probe), vec!["h264", "aac"], "{name}");
        let duration: f64 = probe["format"]["duration"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .expect("duration");
        assert!((duration - 2.0).abs() < 0.1, "{name}: {duration}");
        let times = frame_times(&path);
        assert_eq!(times.len(), 50, "{name}");
        assert!(times.windows(2).all(|w| w[1] > w[0]), "{name}: monotonic");
        assert!(
            (times[1] - times[0] - 0.04).abs() < 1e-3,
            "{name}: 25 fps kept"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_live_output_never_shows_a_hole_card_and_the_program_does() {
    let dir = test_dir("secure-live");
    let clip = dir.join("in.mp4");
    let (width, height) = (640, 360);
    make_clip(&clip, width, height, 25, 2);
    let config = PipelineConfig::new(SourceKind::File(clip.clone()));
    let (live, program, seen) = outputs(&dir, width, height);
    let pipeline = Pipeline::start(config, vec![folded_hand()], live, program).expect("starts");
    pipeline.wait().expect("runs");

    // The data: nothing the live path was handed names a hole card.
    let seen = seen.lock().expect("lock");
    assert!(seen.len() >= 7, "one view per action: {}", seen.len());
    for json in seen.iter() {
        for card in ["Ah", "Kh", "Qs", "Qd"] {
            assert!(
                !json.contains(&format!("\"{card}\"")),
                "{card} reached the live path: {json}"
            );
        }
    }
    // The pixels: card backs on the live output, faces on the program, on every frame
    // of the hand.
    let layout = BasicLayout::new(width, height, 2);
    let live = decode_all(&dir.join("live.mp4"));
    let program = decode_all(&dir.join("program.mp4"));
    assert_eq!(live.len(), 50);
    assert_eq!(program.len(), 50);
    let mut checked = 0;
    for (live, program) in live.iter().zip(&program) {
        // From the deal (0.1 s) to the fold (1.9 s), with a frame's margin.
        if live.time_ns < 140 * MS || live.time_ns > 1_860 * MS {
            continue;
        }
        for seat in 0..2 {
            for slot in 0..2 {
                let r = layout.hole_card_rect(seat, slot, 2);
                let live_px = mean_yuv(live, r.x, r.y, r.width, r.height);
                let program_px = mean_yuv(program, r.x, r.y, r.width, r.height);
                assert!(
                    is_card_back(live_px),
                    "live seat {seat} at {} ns: {live_px:?}",
                    live.time_ns
                );
                assert!(
                    is_card_face(program_px),
                    "program seat {seat}: {program_px:?}"
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 40, "{checked} frames checked");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn late_hole_cards_show_from_the_start_of_the_hand_in_the_delayed_program_only() {
    let dir = test_dir("late-cards");
    let clip = dir.join("in.mp4");
    let (width, height) = (640, 360);
    make_clip(&clip, width, height, 25, 2);
    // Hole cards unknown to the hand history; the reader reports p1's at 1.0 s.
    let hand = phh("'d dh p1 ????', 'd dh p2 ????', 'p2 cc', 'p1 cc'");
    let (mut script, _) =
        HandScript::from_phh(&hand, TableInfo::default(), 100 * MS, 200 * MS).expect("lays");
    for (slot, card) in ["Ah", "Kh"].into_iter().enumerate() {
        script.events.push(FeedEvent::Card(CardEvent {
            timestamp_ns: 1_000 * MS,
            card: Card::parse(card).expect("card"),
            location: CardLocation::Hole {
                seat: 0,
                slot: Some(slot),
            },
            present: true,
            source: CardSource::Rfid,
            confidence: 1.0,
        }));
    }
    let mut config = PipelineConfig::new(SourceKind::File(clip.clone()));
    config.delay = DelayConfig {
        delay_ns: 1_000 * MS,
        // Small enough that the delay spills to (encrypted) disk.
        memory_limit_bytes: 4 * 640 * 360 * 3 / 2,
        segment_bytes: 4 * 640 * 360 * 3 / 2,
        spill_dir: dir.clone(),
        ..Default::default()
    };
    let (live, program, seen) = outputs(&dir, width, height);
    let pipeline = Pipeline::start(config, vec![script], live, program).expect("starts");
    let report = pipeline.wait().expect("runs");
    assert!(report.stats.delay_segments > 0, "{:?}", report.stats);
    assert_eq!(
        report.stats.program_frames_out, 50,
        "the delay is flushed at the end"
    );
    for json in seen.lock().expect("lock").iter() {
        assert!(
            !json.contains("\"Ah\"") && !json.contains("\"Kh\""),
            "{json}"
        );
    }
    let layout = BasicLayout::new(width, height, 2);
    let live = decode_all(&dir.join("live.mp4"));
    let program = decode_all(&dir.join("program.mp4"));
    for (live, program) in live.iter().zip(&program) {
        if live.time_ns < 140 * MS {
            continue;
        }
        let r = layout.hole_card_rect(0, 0, 2);
        assert!(is_card_back(mean_yuv(live, r.x, r.y, r.width, r.height)));
        // Released at t + 1 s >= 1.1 s: the cards entered at 1.0 s are known.
        let px = mean_yuv(program, r.x, r.y, r.width, r.height);
        assert!(
            is_card_face(px),
            "program at {} ns: {px:?}",
            program.time_ns
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_test_pattern_with_a_tone_needs_no_input_and_gets_aac_audio() {
    let dir = test_dir("test-pattern");
    let config = PipelineConfig::new(SourceKind::TestPattern {
        width: 320,
        height: 180,
        fps: 30,
        duration_s: 1.0,
        tone_hz: 440,
    });
    let (live, program, _) = outputs(&dir, 320, 180);
    let report = Pipeline::start(config, Vec::new(), live, program)
        .expect("starts")
        .wait()
        .expect("runs");
    assert_eq!(report.stats.frames_in, 30);
    let probe = probe(&dir.join("program.mp4"));
    assert_eq!(codecs(&probe), vec!["h264", "aac"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_image_sequence_is_a_source() {
    let dir = test_dir("images");
    let pattern = dir.join("frame-%03d.png");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=160x90:rate=10:duration=1",
        pattern.to_str().expect("utf-8"),
    ]);
    let config = PipelineConfig::new(SourceKind::ImageSequence {
        pattern: pattern.to_str().expect("utf-8").to_owned(),
        fps: 10,
    });
    let (live, program, _) = outputs(&dir, 160, 90);
    let report = Pipeline::start(config, Vec::new(), live, program)
        .expect("starts")
        .wait()
        .expect("runs");
    assert_eq!(report.stats.frames_in, 10);
    assert_eq!(frame_times(&dir.join("live.mp4")).len(), 10);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn corrupt_input_is_counted_and_skipped() {
    let dir = test_dir("corrupt");
    let clip = dir.join("in.ts");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=320x180:rate=25:duration=4",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "10",
        clip.to_str().expect("utf-8"),
    ]);
    let mut bytes = std::fs::read(&clip).expect("clip");
    let len = bytes.len();
    // Scribble over two stretches in the middle of the stream.
    for start in [len / 3, len / 2] {
        for (i, byte) in bytes[start..start + 3000].iter_mut().enumerate() {
            *byte = (i * 7919 % 251) as u8;
        }
    }
    std::fs::write(&clip, &bytes).expect("write corrupt clip");
    let config = PipelineConfig::new(SourceKind::File(clip.clone()));
    let (live, program, _) = outputs(&dir, 320, 180);
    let report = Pipeline::start(config, Vec::new(), live, program)
        .expect("starts")
        .wait()
        .expect("a damaged input is not a failure");
    assert!(report.stats.corrupt_frames > 0, "{:?}", report.stats);
    assert!(
        report.stats.frames_in > 50 && report.stats.frames_in < 100,
        "{:?}",
        report.stats
    );
    assert_eq!(report.stats.live_frames_out, report.stats.frames_in);
    let times = frame_times(&dir.join("live.mp4"));
    assert_eq!(times.len() as u64, report.stats.frames_in);
    assert!(times.windows(2).all(|w| w[1] > w[0]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_delay_shrinks_during_a_break_and_the_program_stays_monotonic() {
    let dir = test_dir("shrink");
    let clip = dir.join("in.mp4");
    make_clip(&clip, 320, 180, 25, 4);
    let mut config = PipelineConfig::new(SourceKind::File(clip.clone()));
    config.delay = DelayConfig {
        delay_ns: 1_000 * MS,
        shrink_rate: 0.5,
        ..Default::default()
    };
    let (live, program, _) = outputs(&dir, 320, 180);
    let pipeline = Pipeline::start(config, Vec::new(), live, program).expect("starts");
    pipeline.set_delay_target(500 * MS);
    let report = pipeline.wait().expect("runs");
    // 0.5 s removed at 0.5 s per s: one frame in two dropped for 1 s (about 12 frames).
    assert!(
        (10..=14).contains(&report.stats.dropped_frames),
        "{:?}",
        report.stats
    );
    assert_eq!(
        report.stats.program_frames_out + report.stats.dropped_frames,
        100
    );
    assert!((report.stats.delay_s - 0.5).abs() < 0.05);
    let times = frame_times(&dir.join("program.mp4"));
    assert!(times.windows(2).all(|w| w[1] > w[0]));
    let probe = probe(&dir.join("program.mp4"));
    assert_eq!(codecs(&probe), vec!["h264", "aac"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_delay_grows_while_running_through_encoded_segments_on_disk() {
    let dir = test_dir("grow");
    let clip = dir.join("in.mp4");
    make_clip(&clip, 320, 180, 25, 4);
    let frame_bytes = 320 * 180 * 3 / 2;
    let mut config = PipelineConfig::new(SourceKind::File(clip.clone()));
    config.delay = DelayConfig {
        delay_ns: 200 * MS,
        // Spill almost everything, in segments of 8 pictures, compressed.
        memory_limit_bytes: 2 * frame_bytes,
        segment_bytes: 8 * frame_bytes,
        ..Default::default()
    };
    let (live, program, _) = outputs(&dir, 320, 180);
    let pipeline = Pipeline::start(config, Vec::new(), live, program).expect("starts");
    pipeline.set_delay_target(1_200 * MS);
    let report = pipeline.wait().expect("runs");
    // 1 s more delay at 25 fps: 25 pictures shown again, none lost.
    assert_eq!(report.stats.held_frames, 25, "{:?}", report.stats);
    assert_eq!(report.stats.dropped_frames, 0);
    assert_eq!(report.stats.program_frames_out, 125);
    assert_eq!(report.stats.live_frames_out, 100);
    assert!(report.stats.delay_segments > 5, "{:?}", report.stats);
    assert!((report.stats.delay_s - 1.2).abs() < 0.05);
    let times = frame_times(&dir.join("program.mp4"));
    assert_eq!(times.len(), 125);
    assert!(
        times.windows(2).all(|w| (w[1] - w[0] - 0.04).abs() < 0.002),
        "the program runs on without a gap: {times:?}"
    );
    assert_eq!(
        codecs(&probe(&dir.join("program.mp4"))),
        vec!["h264", "aac"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_input_is_an_error_naming_it() {
    let dir = test_dir("missing");
    let config = PipelineConfig::new(SourceKind::File(dir.join("nope.mp4")));
    let (live, program, _) = outputs(&dir, 320, 180);
    let error = Pipeline::start(config, Vec::new(), live, program).expect_err("fails");
    assert!(error.to_string().contains("nope.mp4"), "{error}");
}

#[test]
fn encoders_are_detected_by_opening_them() {
    assert!(ggp_stream::encode::encoder_opens("libx264"));
    assert!(!ggp_stream::encode::encoder_opens("no_such_encoder"));
    // No GPU here: the hardware encoders exist in FFmpeg but do not open.
    let hardware = ggp_stream::encode::available_hardware_encoders();
    eprintln!("hardware encoders available: {hardware:?}");
}

#[test]
fn hevc_through_libx265_when_ffmpeg_has_it() {
    if !ggp_stream::encode::encoder_opens("libx265") {
        eprintln!("libx265 not in this FFmpeg; skipped");
        return;
    }
    let dir = test_dir("hevc");
    let clip = dir.join("in.mp4");
    make_clip(&clip, 320, 180, 25, 1);
    let mut config = PipelineConfig::new(SourceKind::File(clip.clone()));
    config.encoder.codec = ggp_stream::encode::VideoCodec::X265;
    let (live, program, _) = outputs(&dir, 320, 180);
    Pipeline::start(config, Vec::new(), live, program)
        .expect("starts")
        .wait()
        .expect("runs");
    assert_eq!(codecs(&probe(&dir.join("live.mp4")))[0], "hevc");
    let _ = std::fs::remove_dir_all(&dir);
}
