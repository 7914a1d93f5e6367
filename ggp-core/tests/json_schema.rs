//! Snapshot tests of the JSON that graphics, logs and apps read: events, the full view
//! and the public view of one fixed hand. The snapshots are the examples that
//! docs/json-schema.md documents; a change to them is a change to the schema.
//!
//! `GGP_BLESS=1 cargo test -p ggp-core --test json_schema` rewrites them.

use std::path::Path;

use ggp_core::rules::{Hand, HandConfig, variant};
use ggp_core::view::{TableInfo, TableView};
use ggp_core::{Chips, phh::PhhHand};

fn the_hand() -> Hand {
    let config = HandConfig::new(
        variant("NT").expect("built in"),
        vec![Chips::from(200), Chips::parse("150.5").expect("amount")],
    )
    .with_blinds(&[Chips::from(1), Chips::from(2)])
    .with_min_bet(Chips::from(2));
    let mut hand = Hand::new(config).expect("a valid configuration");
    for action in [
        "d dh p1 AsKs",
        "d dh p2 7h7d",
        "p2 cbr 6",
        "p1 cc",
        "d db Ah7c2d",
        "p1 cbr 10",
        "p2 cc",
    ] {
        hand.apply_phh(action).expect("a legal action");
    }
    hand
}

fn check(name: &str, json: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schema")
        .join(name);
    if std::env::var_os("GGP_BLESS").is_some() {
        std::fs::write(&path, json).expect("writable snapshot");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == json,
        "{name} changed: the JSON schema changed; bless it and update docs/json-schema.md\n{json}"
    );
}

fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serializable") + "\n"
}

#[test]
fn events_view_and_public_view_keep_their_schema() {
    let hand = the_hand();
    let table = TableInfo {
        hand_number: 42,
        names: vec!["Ivey".to_owned(), "Negreanu".to_owned()],
        button: Some(1),
        level: Some("Level 1: 1/2".to_owned()),
    };
    check("events.json", &pretty(&hand.events()));
    let view = TableView::of(&hand, &table);
    check("view.json", &pretty(&view));
    check("public_view.json", &pretty(&view.to_public()));
    check(
        "hand.phh",
        &PhhHand::from_hand(&hand)
            .expect("expressible")
            .to_phh_string(),
    );
    // The public view of this hand shows no hole card.
    let public = serde_json::to_string(&view.to_public()).expect("serializable");
    for card in ["As", "Ks", "7h", "7d"] {
        assert!(!public.contains(&format!("\"{card}\"")), "{card} is hidden");
    }
}
