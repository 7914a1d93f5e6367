//! The temporal tracker: stability, removal, duplicates, moves, conflicts with the game,
//! determinism, and its card events feeding a hand.

use ggp_core::feed::{CardLocation, HandFeed};
use ggp_core::rules::{Hand, HandConfig, variant};
use ggp_core::{Card, Chips};
use ggp_vision::detection::Detection;
use ggp_vision::tracker::{
    FrameOutOfOrder, GameCards, Tracker, TrackerConfig, TrackerEvent, zone_location,
};

const FRAME_NS: i64 = 33_333_333;

fn card(text: &str) -> Card {
    text.parse().expect("card")
}

fn seen(text: &str, zone: &str, confidence: f32) -> Detection {
    Detection {
        card: card(text),
        bbox: [10.0, 10.0, 20.0, 28.0],
        confidence,
        zone: Some(zone.to_owned()),
    }
}

fn tracker() -> Tracker {
    Tracker::new(TrackerConfig {
        stable_frames: 3,
        min_confidence: 0.8,
        absent_frames: 4,
        ..TrackerConfig::default()
    })
}

/// Runs frames `first..` with the same detections; returns each frame's events.
fn frames(
    tracker: &mut Tracker,
    first: i64,
    count: i64,
    detections: &[Detection],
    game: &GameCards,
) -> Vec<Vec<TrackerEvent>> {
    (first..first + count)
        .map(|frame| {
            tracker
                .update(frame * FRAME_NS, detections, game)
                .expect("in order")
        })
        .collect()
}

fn card_events(events: &[TrackerEvent]) -> Vec<(Card, CardLocation, bool, i64)> {
    events
        .iter()
        .map(|event| match event {
            TrackerEvent::Card(e) => (e.card, e.location, e.present, e.timestamp_ns),
            other => panic!("not a card event: {other:?}"),
        })
        .collect()
}

const BOARD: CardLocation = CardLocation::Board {
    board: 0,
    slot: None,
};
const SEAT1: CardLocation = CardLocation::Hole {
    seat: 1,
    slot: None,
};

#[test]
fn a_card_is_reported_once_stable_stamped_with_its_first_frame() {
    let mut tracker = tracker();
    let game = GameCards::new();
    let ace = [seen("As", "board", 0.9)];
    let events = frames(&mut tracker, 0, 5, &ace, &game);
    assert!(events[0].is_empty() && events[1].is_empty());
    assert_eq!(card_events(&events[2]), [(card("As"), BOARD, true, 0)]);
    assert!(
        events[3].is_empty() && events[4].is_empty(),
        "reported once"
    );
    let TrackerEvent::Card(event) = &events[2][0] else {
        panic!("card")
    };
    assert!((event.confidence - 0.9).abs() < 1e-6);
}

#[test]
fn a_broken_run_or_a_doubtful_detection_does_not_count() {
    let mut tracker = tracker();
    let game = GameCards::new();
    let ace = [seen("As", "board", 0.9)];
    frames(&mut tracker, 0, 2, &ace, &game);
    frames(&mut tracker, 2, 1, &[], &game);
    let events = frames(&mut tracker, 3, 3, &ace, &game);
    assert!(events[0].is_empty() && events[1].is_empty());
    assert_eq!(
        card_events(&events[2]),
        [(card("As"), BOARD, true, 3 * FRAME_NS)]
    );
    // Below the confidence threshold, a card is not seen at all.
    let mut tracker = self::tracker();
    let events = frames(&mut tracker, 0, 10, &[seen("Kd", "board", 0.5)], &game);
    assert!(events.iter().all(Vec::is_empty));
    // Nor is a card in no known zone.
    let events = frames(&mut tracker, 10, 10, &[seen("Kd", "bar", 0.99)], &game);
    assert!(events.iter().all(Vec::is_empty));
}

#[test]
fn a_card_is_removed_after_enough_missing_frames_not_after_a_dropout() {
    let mut tracker = tracker();
    let game = GameCards::new();
    let ace = [seen("As", "seat1", 0.9)];
    frames(&mut tracker, 0, 3, &ace, &game);
    // A hand passing over the card hides it for 3 frames: it stays.
    assert!(
        frames(&mut tracker, 3, 3, &[], &game)
            .iter()
            .all(Vec::is_empty)
    );
    frames(&mut tracker, 6, 1, &ace, &game);
    let events = frames(&mut tracker, 7, 4, &[], &game);
    assert!(events[..3].iter().all(Vec::is_empty));
    assert_eq!(
        card_events(&events[3]),
        [(card("As"), SEAT1, false, 7 * FRAME_NS)]
    );
}

#[test]
fn the_same_card_twice_in_a_frame_is_a_duplicate_event_and_no_guess() {
    let mut tracker = tracker();
    let game = GameCards::new();
    let twice = [seen("As", "board", 0.9), seen("As", "seat1", 0.95)];
    let events = frames(&mut tracker, 0, 5, &twice, &game);
    assert!(
        matches!(&events[0][..], [TrackerEvent::Duplicate { card: c, boxes, .. }]
            if *c == card("As") && boxes.len() == 2),
        "{:?}",
        events[0]
    );
    assert!(
        events[1..].iter().all(Vec::is_empty),
        "reported once, nothing placed"
    );
    // Once it is seen once again, it is tracked as usual.
    let events = frames(&mut tracker, 5, 3, &[seen("As", "board", 0.9)], &game);
    assert_eq!(
        card_events(&events[2]),
        [(card("As"), BOARD, true, 5 * FRAME_NS)]
    );
}

#[test]
fn a_card_the_game_has_elsewhere_is_a_conflict() {
    let config = HandConfig::new(variant("NT").expect("NT"), vec![Chips::from(100); 2])
        .with_blinds(&[Chips::from(1), Chips::from(2)])
        .with_min_bet(Chips::from(2));
    let mut hand = Hand::new(config).expect("hand");
    hand.apply_phh("d dh p1 AsKs").expect("deal");
    hand.apply_phh("d dh p2 QdJd").expect("deal");
    let game = GameCards::from_state(hand.state());
    assert_eq!(
        game.location(card("Qd")),
        Some(CardLocation::Hole {
            seat: 1,
            slot: Some(0)
        })
    );
    let mut tracker = tracker();
    let events = frames(&mut tracker, 0, 5, &[seen("As", "seat1", 0.9)], &game);
    assert_eq!(
        events[2],
        [TrackerEvent::Conflict {
            card: card("As"),
            seen: SEAT1,
            held: CardLocation::Hole {
                seat: 0,
                slot: Some(0)
            },
            timestamp_ns: 0
        }]
    );
    assert!(
        events[3].is_empty() && events[4].is_empty(),
        "reported once"
    );
    // Where the game has it, it is no conflict.
    let events = frames(&mut tracker, 5, 3, &[seen("Qd", "seat1", 0.9)], &game);
    assert_eq!(card_events(&events[2]).len(), 1);
}

#[test]
fn a_card_that_moves_is_removed_from_its_old_place_first() {
    let mut tracker = tracker();
    let game = GameCards::new();
    frames(&mut tracker, 0, 3, &[seen("As", "seat1", 0.9)], &game);
    let events = frames(&mut tracker, 3, 3, &[seen("As", "muck", 0.9)], &game);
    assert_eq!(
        card_events(&events[2]),
        [
            (card("As"), SEAT1, false, 3 * FRAME_NS),
            (card("As"), CardLocation::Muck, true, 3 * FRAME_NS)
        ]
    );
    // The old place is not reported gone a second time.
    assert!(
        frames(&mut tracker, 6, 10, &[seen("As", "muck", 0.9)], &game)
            .iter()
            .all(Vec::is_empty)
    );
}

#[test]
fn the_output_depends_only_on_the_frames() {
    let run = |reverse: bool| {
        let mut tracker = tracker();
        let mut detections = vec![
            seen("As", "board", 0.9),
            seen("Kd", "seat0", 0.9),
            seen("2c", "board", 0.85),
        ];
        if reverse {
            detections.reverse();
        }
        let mut all = frames(&mut tracker, 0, 4, &detections, &GameCards::new());
        all.extend(frames(&mut tracker, 4, 5, &[], &GameCards::new()));
        all
    };
    assert_eq!(run(false), run(true));
    let mut tracker = tracker();
    tracker.update(10, &[], &GameCards::new()).expect("first");
    assert_eq!(
        tracker.update(5, &[], &GameCards::new()),
        Err(FrameOutOfOrder {
            timestamp_ns: 5,
            last_ns: 10
        })
    );
}

#[test]
fn zone_names_and_tracked_board_cards_feed_a_hand() {
    assert_eq!(
        zone_location("seat3"),
        Some(CardLocation::Hole {
            seat: 3,
            slot: None
        })
    );
    assert_eq!(
        zone_location("board1"),
        Some(CardLocation::Board {
            board: 1,
            slot: None
        })
    );
    assert_eq!(zone_location("muck"), Some(CardLocation::Muck));
    assert_eq!(zone_location("seat"), None);
    assert_eq!(zone_location("table"), None);
    let config = HandConfig::new(variant("NT").expect("NT"), vec![Chips::from(100); 2])
        .with_blinds(&[Chips::from(1), Chips::from(2)])
        .with_min_bet(Chips::from(2));
    let mut hand = Hand::new(config).expect("hand");
    for phh in ["d dh p1 AsKs", "d dh p2 QdJd", "p2 cc", "p1 cc"] {
        hand.apply_phh(phh).expect(phh);
    }
    let mut feed = HandFeed::new(hand);
    let mut tracker = tracker();
    let flop = [
        seen("2h", "board", 0.9),
        seen("3h", "board", 0.9),
        seen("4h", "board", 0.9),
    ];
    for frame in 0..3 {
        let game = GameCards::from_state(feed.hand().state());
        let events = tracker
            .update(frame * FRAME_NS, &flop, &game)
            .expect("frame");
        for event in events {
            let TrackerEvent::Card(event) = event else {
                panic!("{event:?}")
            };
            feed.apply_card(&event).expect("feeds");
        }
    }
    assert_eq!(feed.hand().state().board_cards(0).len(), 3);
    // The flop on the table is now the game's: seeing it again is no conflict.
    let game = GameCards::from_state(feed.hand().state());
    let mut fresh = self::tracker();
    let events = frames(&mut fresh, 0, 3, &flop, &game);
    assert_eq!(card_events(&events[2]).len(), 3);
}
