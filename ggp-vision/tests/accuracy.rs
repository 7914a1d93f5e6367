//! Accuracy of the shipped models on a small held-out sample: scenes rendered from the deck
//! that training never saw (letele), committed under tests/data/heldout by
//! `training/make_heldout_sample.sh`, with their truth. The thresholds are the figures
//! measured on this sample (models/MODEL_CARD.md) less a margin, so a worse model fails.
//! Needs ONNX Runtime: the repo's .venv (scripts/lib.sh) has it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ggp_vision::{CardDetector, DetectorConfig};

const RANKS: [char; 13] = [
    '2', '3', '4', '5', '6', '7', '8', '9', 'T', 'J', 'Q', 'K', 'A',
];
const SUITS: [char; 4] = ['c', 'd', 'h', 's'];

/// Lowest share of recognizable cards that must be read right: measured 33/70 (0.471) on
/// this sample, less a margin.
const MIN_RECALL: f64 = 0.38;
/// Highest share of reported cards that may be absent from the scene: measured 2/37 (0.054),
/// plus a margin.
const MAX_FALSE_RATE: f64 = 0.15;

fn heldout_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/heldout")
}

fn card_name(class: u64) -> String {
    let rank = RANKS[(class / 4) as usize];
    let suit = SUITS[(class % 4) as usize];
    format!("{rank}{suit}")
}

/// Per card in the scene: 2 = recognizable (an index at least 70% visible and 12 px
/// tall), 1 = partly visible (may be reported or not), as in training/evaluate.py.
fn truth(json: &Path) -> HashMap<String, u8> {
    let text = std::fs::read_to_string(json).expect("truth file");
    let value: serde_json::Value = serde_json::from_str(&text).expect("truth json");
    let mut best = HashMap::new();
    for inst in value.as_array().expect("array of indices") {
        let visible = inst["visible"].as_f64().expect("visible");
        let height = inst["height"].as_f64().expect("height");
        let name = card_name(inst["cls"].as_u64().expect("cls"));
        let level = if visible >= 0.7 && height >= 12.0 {
            2
        } else if visible >= 0.3 {
            1
        } else {
            0
        };
        let entry = best.entry(name).or_insert(0);
        *entry = (*entry).max(level);
    }
    best
}

#[test]
fn held_out_deck_scenes_are_read_within_the_measured_accuracy() {
    let mut scenes: Vec<PathBuf> = std::fs::read_dir(heldout_dir())
        .expect("tests/data/heldout")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "jpg"))
        .collect();
    scenes.sort();
    assert!(scenes.len() >= 10, "the held-out sample is committed");
    let mut detector = CardDetector::new(DetectorConfig::default())
        .expect("ONNX Runtime is installed in the repo's .venv (scripts/lib.sh ensure_venv)");
    let (mut recognizable, mut recognized, mut reported, mut false_reports) = (0, 0, 0, 0);
    for scene in &scenes {
        let truth = truth(&scene.with_extension("json"));
        let image = ggp_vision::image_io::read_image(scene).expect("scene image");
        let found = detector
            .detect(&image.as_frame().expect("frame"))
            .expect("detect");
        let names: Vec<String> = found.iter().map(|d| d.card.to_string()).collect();
        for (name, level) in &truth {
            if *level == 2 {
                recognizable += 1;
                if names.contains(name) {
                    recognized += 1;
                } else {
                    eprintln!("missed {name} in {}", scene.display());
                }
            }
        }
        for name in &names {
            reported += 1;
            if truth.get(name).copied().unwrap_or(0) == 0 {
                false_reports += 1;
                eprintln!("false {name} in {}", scene.display());
            }
        }
    }
    let recall = f64::from(recognized) / f64::from(recognizable.max(1));
    let false_rate = f64::from(false_reports) / f64::from(reported.max(1));
    eprintln!(
        "{recognized}/{recognizable} cards read right ({recall:.3}), {false_reports}/{reported} false ({false_rate:.3})"
    );
    assert!(recognizable >= 30, "enough cards in the sample");
    assert!(recall >= MIN_RECALL, "recall {recall:.3} < {MIN_RECALL}");
    assert!(
        false_rate <= MAX_FALSE_RATE,
        "false detections {false_rate:.3} > {MAX_FALSE_RATE}"
    );
}
