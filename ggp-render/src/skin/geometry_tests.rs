//! The default skin's layout geometry: for every seat count and frame shape, no two seats
//! overlap and no seat overlaps the pot, the board or the side pots. Checked on the boxes
//! the layout places (the elements' boxes, badges at their widest), not on pixels.

use std::collections::HashMap;

use ggp_core::view::{EquityView, LastAction, PotView, SeatStatus};
use ggp_core::{Card, Chips};

use super::Skin;
use super::build::{Instance, build};
use super::view::{CardFace, OverlaySeat, OverlayView};
use crate::Rect;

/// A table of `seats` players on the flop, each with cards, equity and a raise badge, a
/// pot and two side pots: every seat element the layout can show.
fn busy_view(seats: usize, hole_cards: usize) -> OverlayView {
    let card = |text: &str| text.parse::<Card>().expect("card");
    OverlayView {
        hand_number: 42,
        variant: "NT".to_owned(),
        variant_name: "No-limit hold'em".to_owned(),
        street: Some(1),
        button: Some(0),
        level: Some("LEVEL 9".to_owned()),
        blinds: vec![Chips::from(500), Chips::from(1_000)],
        seats: (0..seats)
            .map(|player| OverlaySeat {
                player,
                name: format!("Player Number {player}"),
                stack: Chips::from(1_234_567),
                bet: Chips::from(250_000),
                status: SeatStatus::Active,
                cards: vec![CardFace::Down; hole_cards],
                last_action: Some(LastAction::Raise {
                    to: Chips::from(1_250_000),
                }),
                equity: Some(EquityView {
                    equity: 0.5,
                    win: 0.45,
                    tie: 0.1,
                    outs: vec![card("As"), card("Kd")],
                    exact: true,
                }),
                to_act: player == 1,
                won: Chips::ZERO,
            })
            .collect(),
        board: vec![card("Jh"), card("8c"), card("2s")],
        pots: (0..3)
            .map(|i| PotView {
                amount: Chips::from(100_000 * (i + 1)),
                players: (0..seats).collect(),
            })
            .collect(),
        total_pot: Chips::from(600_000),
        complete: false,
        ticker: None,
    }
}

/// The boxes of the instances whose key starts with `prefix` and carries `slot`.
fn boxes(instances: &[Instance], prefix: &str, slot: &str) -> Vec<(String, Rect)> {
    instances
        .iter()
        .filter(|i| i.key.starts_with(prefix) && i.key.contains(slot))
        .map(|i| (i.key.clone(), i.pivot))
        .collect()
}

/// The first pair of boxes, one from each list, that overlap.
fn clash<'a>(
    first: &'a [(String, Rect)],
    second: &'a [(String, Rect)],
) -> Option<(&'a str, &'a str)> {
    first.iter().find_map(|(a, r)| {
        second
            .iter()
            .find(|(_, q)| r.intersect(q).is_some())
            .map(|(b, _)| (a.as_str(), b.as_str()))
    })
}

/// Boxes of everything in the middle of the table.
fn furniture(instances: &[Instance]) -> Vec<(String, Rect)> {
    instances
        .iter()
        .filter(|i| {
            ["pot.panel", "board.panel", "side_pot.panel"]
                .iter()
                .any(|p| i.key.starts_with(p))
        })
        .map(|i| (i.key.clone(), i.pivot))
        .collect()
}

#[test]
fn seats_never_overlap_each_other_or_the_table() {
    let skin = Skin::default_skin().expect("default skin");
    let sizes = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)];
    let mut failures = Vec::new();
    for (width, height) in sizes {
        for hole_cards in [2, 4] {
            for seats in 2..=10 {
                let view = busy_view(seats, hole_cards);
                let instances =
                    build(&skin, &view, width, height, &HashMap::new()).expect("lays out");
                let case = format!("{width}x{height}, {seats} seats, {hole_cards} cards");
                let seat_boxes: Vec<Vec<(String, Rect)>> = (0..seats)
                    .map(|p| boxes(&instances, "seat.", &format!("#p{p}")))
                    .collect();
                assert!(seat_boxes.iter().all(|b| b.len() >= 5), "{case}: seats");
                for (a, first) in seat_boxes.iter().enumerate() {
                    for second in seat_boxes.iter().skip(a + 1) {
                        if let Some((x, y)) = clash(first, second) {
                            failures.push(format!("{case}: {x} overlaps {y}"));
                        }
                    }
                }
                let middle = furniture(&instances);
                assert!(middle.len() >= 3, "{case}: pot, board and side pots");
                for seat in &seat_boxes {
                    if let Some((x, y)) = clash(seat, &middle) {
                        failures.push(format!("{case}: {x} overlaps {y}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn crowded_seats_shrink_instead_of_overlapping() {
    let skin = Skin::default_skin().expect("default skin");
    let panels = |seats: usize| -> Vec<Rect> {
        let view = busy_view(seats, 2);
        let instances = build(&skin, &view, 1920, 1080, &HashMap::new()).expect("lays out");
        instances
            .iter()
            .filter(|i| i.key.starts_with("seat.panel#"))
            .map(|i| i.pivot)
            .collect()
    };
    let six = panels(6);
    let ten = panels(10);
    assert_eq!(ten.len(), 10);
    // Six seats keep their designed size; ten are smaller, still in the same column.
    assert!((six[0].height - 80.0).abs() < 1e-3, "{:?}", six[0]);
    assert!(ten[0].height < 80.0 && ten[0].height > 60.0, "{:?}", ten[0]);
    assert_eq!(ten[0].y, six[0].y);
    for pair in ten.windows(2) {
        assert!(pair[1].y >= pair[0].bottom(), "{pair:?}");
    }
}
