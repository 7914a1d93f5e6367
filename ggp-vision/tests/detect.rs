//! Detection on the committed sample images (synthetic, from the deck held out of training),
//! EXIF orientation and zones. Needs ONNX Runtime: the repo's .venv (scripts/lib.sh) has it.

use std::path::PathBuf;

use ggp_vision::{CardDetector, Detection, DetectorConfig, VisionError, Zone};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/cards")
        .join(name)
}

fn detector(zones: Vec<Zone>) -> CardDetector {
    CardDetector::new(DetectorConfig {
        zones,
        ..DetectorConfig::default()
    })
    .expect("ONNX Runtime is installed in the repo's .venv (scripts/lib.sh ensure_venv)")
}

fn detect(detector: &mut CardDetector, name: &str) -> Vec<Detection> {
    let image = ggp_vision::image_io::read_image(&sample(name)).expect("sample image");
    detector
        .detect(&image.as_frame().expect("frame"))
        .expect("detect")
}

#[test]
fn photos_are_read_with_their_exif_orientation() {
    let upright = ggp_vision::image_io::read_image(&sample("hole-2.jpg")).expect("image");
    let rotated = ggp_vision::image_io::read_image(&sample("exif-rotated.jpg")).expect("image");
    assert_eq!(
        (rotated.width, rotated.height),
        (1280, 720),
        "stored 720x1280, shown 1280x720"
    );
    let difference: u64 = upright
        .pixels
        .iter()
        .zip(&rotated.pixels)
        .map(|(a, b)| u64::from(a.abs_diff(*b)))
        .sum();
    let mean = difference as f64 / upright.pixels.len() as f64;
    assert!(
        mean < 6.0,
        "same picture once turned upright (mean difference {mean})"
    );
}

#[test]
fn a_zone_outside_the_frame_is_an_error() {
    let zones = vec![Zone {
        name: "nowhere".to_owned(),
        rect: [5000, 0, 100, 100],
    }];
    let mut detector = detector(zones);
    let image = ggp_vision::image_io::read_image(&sample("hole-2.jpg")).expect("image");
    let error = detector
        .detect(&image.as_frame().expect("frame"))
        .expect_err("outside");
    assert!(
        matches!(error, VisionError::InvalidZone { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("nowhere"));
}

#[test]
fn an_empty_table_has_no_cards() {
    let pixels = vec![40u8; 1280 * 720 * 4];
    let frame =
        ggp_vision::FrameRef::new(&pixels, 1280, 720, 1280 * 4, ggp_vision::PixelFormat::Rgba8)
            .expect("frame");
    let mut detector = detector(Vec::new());
    assert!(detector.detect(&frame).expect("detect").is_empty());
}

#[test]
fn shipped_models_run_on_a_1080p_frame_and_zones() {
    // Whatever the models' accuracy, the pipeline gives well-formed detections.
    let zones = vec![
        Zone {
            name: "board".to_owned(),
            rect: [0, 0, 1920, 560],
        },
        Zone {
            name: "seat1".to_owned(),
            rect: [500, 560, 920, 520],
        },
    ];
    for zones in [Vec::new(), zones] {
        let names: Vec<String> = zones.iter().map(|zone| zone.name.clone()).collect();
        let mut detector = detector(zones);
        for detection in detect(&mut detector, "board-7.jpg") {
            assert!(
                detection.bbox.iter().all(|v| v.is_finite()),
                "{detection:?}"
            );
            assert!(
                detection.bbox[2] > 0.0 && detection.bbox[3] > 0.0,
                "{detection:?}"
            );
            assert!((0.5..=1.0).contains(&detection.confidence), "{detection:?}");
            match &detection.zone {
                None => assert!(names.is_empty()),
                Some(zone) => assert!(names.contains(zone), "{detection:?}"),
            }
        }
    }
}

/// The cards `examples/data/cards/cards.json` lists for one sample image, as "Th", "As"...
fn expected_cards(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(sample("cards.json")).expect("cards.json");
    let truth: serde_json::Value = serde_json::from_str(&text).expect("json");
    let mut cards: Vec<String> = truth[name]
        .as_array()
        .expect("cards of the image")
        .iter()
        .map(|code| {
            let code = code.as_str().expect("card code").replace("10", "T");
            let (rank, suit) = code.split_at(code.len() - 1);
            format!("{rank}{}", suit.to_lowercase())
        })
        .collect();
    cards.sort();
    cards
}

#[test]
fn the_board_frame_shows_exactly_its_seven_cards() {
    // Seven cards of the held-out deck on felt, 1080p (the bench frame).
    let mut detector = detector(Vec::new());
    let mut found: Vec<String> = detect(&mut detector, "board-7.jpg")
        .iter()
        .map(|detection| detection.card.to_string())
        .collect();
    found.sort();
    assert_eq!(found, expected_cards("board-7.jpg"));
}

#[test]
fn the_overlapping_hole_cards_are_read_upright_and_through_exif() {
    let mut detector = detector(Vec::new());
    for name in ["hole-2.jpg", "exif-rotated.jpg"] {
        let mut found: Vec<String> = detect(&mut detector, name)
            .iter()
            .map(|detection| detection.card.to_string())
            .collect();
        found.sort();
        assert_eq!(found, expected_cards(name), "{name}");
    }
}
