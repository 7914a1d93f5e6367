//! Detection on the committed sample images (synthetic, from the deck held out of training),
//! EXIF orientation and zones. Needs ONNX Runtime: the repo's .venv (scripts/lib.sh) has it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use ggp_core::Card;
use ggp_vision::{CardDetector, Detection, DetectorConfig, VisionError, Zone};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/cards")
        .join(name)
}

fn expected(name: &str) -> BTreeSet<Card> {
    let text = std::fs::read_to_string(sample("cards.json")).expect("cards.json");
    // cards.json maps file name -> ["4H", ...]; parsed by hand to keep the crate's deps small.
    let start = text
        .find(&format!("\"{name}\""))
        .expect("image listed in cards.json");
    let list = &text[start..];
    let list = &list[list.find('[').expect("[")..=list.find(']').expect("]")];
    list.split('"')
        .filter(|token| token.len() >= 2 && token.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|token| token.parse().expect("card"))
        .collect()
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

fn cards(detections: &[Detection]) -> BTreeSet<Card> {
    detections.iter().map(|detection| detection.card).collect()
}

#[test]
#[ignore = "needs better-trained models: the committed ones had 3 CPU epochs, see models/MODEL_CARD.md"]
fn finds_the_seven_cards_of_the_board_frame() {
    let mut detector = detector(Vec::new());
    let detections = detect(&mut detector, "board-7.jpg");
    assert_eq!(
        cards(&detections),
        expected("board-7.jpg"),
        "{detections:?}"
    );
    assert_eq!(
        detections.len(),
        7,
        "one detection per card: {detections:?}"
    );
    for detection in &detections {
        assert!(detection.confidence > 0.5 && detection.confidence <= 1.0);
        assert_eq!(detection.zone, None);
        let [x, y, w, h] = detection.bbox;
        assert!(
            x >= -20.0 && y >= -20.0 && x + w <= 1940.0 && y + h <= 1100.0,
            "{detection:?}"
        );
    }
}

#[test]
#[ignore = "needs better-trained models: the committed ones had 3 CPU epochs, see models/MODEL_CARD.md"]
fn finds_overlapping_hole_cards() {
    let mut detector = detector(Vec::new());
    let detections = detect(&mut detector, "hole-2.jpg");
    assert_eq!(cards(&detections), expected("hole-2.jpg"), "{detections:?}");
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
#[ignore = "needs better-trained models: the committed ones had 3 CPU epochs, see models/MODEL_CARD.md"]
fn the_turned_photo_gives_the_same_cards() {
    let mut detector = detector(Vec::new());
    let detections = detect(&mut detector, "exif-rotated.jpg");
    assert_eq!(
        cards(&detections),
        expected("exif-rotated.jpg"),
        "{detections:?}"
    );
}

#[test]
#[ignore = "needs better-trained models: the committed ones had 3 CPU epochs, see models/MODEL_CARD.md"]
fn zones_are_searched_separately_and_named() {
    // board-7.jpg: five cards in the top half, two in the bottom half.
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
    let mut detector = detector(zones);
    let detections = detect(&mut detector, "board-7.jpg");
    let all = expected("board-7.jpg");
    let in_zone = |zone: &str| -> BTreeSet<Card> {
        detections
            .iter()
            .filter(|d| d.zone.as_deref() == Some(zone))
            .map(|d| d.card)
            .collect()
    };
    assert_eq!(in_zone("board").len(), 5, "{detections:?}");
    assert_eq!(in_zone("seat1").len(), 2, "{detections:?}");
    let union: BTreeSet<Card> = in_zone("board").union(&in_zone("seat1")).copied().collect();
    assert_eq!(union, all);
    // Boxes stay in frame pixels: the seat's cards lie in the bottom half.
    for detection in detections
        .iter()
        .filter(|d| d.zone.as_deref() == Some("seat1"))
    {
        assert!(detection.bbox[1] > 500.0, "{detection:?}");
    }
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
