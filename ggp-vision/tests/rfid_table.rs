//! Deck registration and learning, the deck file, antenna mapping, and the duplicate,
//! dead-card, unknown-tag and unmapped-antenna events.

use ggp_core::Card;
use ggp_core::feed::CardLocation;
use ggp_vision::rfid::{
    AntennaMap, DeckLearner, DeckRegistry, Header, Message, RfidError, RfidEvent, RfidTable, TagId,
    TagState,
};

fn card(text: &str) -> Card {
    text.parse().expect("card")
}

fn tag(hex: &str) -> TagId {
    TagId::parse(hex).expect("tag")
}

fn seat(seat: usize, slot: usize) -> CardLocation {
    CardLocation::Hole {
        seat,
        slot: Some(slot),
    }
}

fn board(slot: usize) -> CardLocation {
    CardLocation::Board {
        board: 0,
        slot: Some(slot),
    }
}

fn message(antenna: u16, hex: &str, state: TagState) -> Message {
    Message::Tag {
        header: Header {
            reader: "r1".to_owned(),
            counter: 1,
            timestamp_ms: 42,
        },
        antenna,
        tag: tag(hex),
        state,
    }
}

/// Two decks registered (a table rotating decks): each card has two tags.
fn table() -> RfidTable {
    let deck = DeckRegistry::parse(
        "# deck A\nA0000001 As\nA0000002 Kd\nA0000003 2c\n# deck B\nB0000001 As\n",
    )
    .expect("deck");
    let antennas = AntennaMap::new()
        .with("r1", 1, seat(0, 0))
        .with("r1", 2, seat(1, 0))
        .with("r1", 10, board(0))
        .with("r1", 20, CardLocation::Muck);
    RfidTable::new(deck, antennas)
}

fn cards(events: &[RfidEvent]) -> Vec<(Card, CardLocation, bool, i64)> {
    events
        .iter()
        .map(|event| match event {
            RfidEvent::Card(e) => (e.card, e.location, e.present, e.timestamp_ns),
            other => panic!("not a card event: {other:?}"),
        })
        .collect()
}

#[test]
fn tags_on_mapped_antennas_become_card_events_once() {
    let mut table = table();
    let on = table.handle(&message(1, "a0000001", TagState::On));
    assert_eq!(cards(&on), [(card("As"), seat(0, 0), true, 42_000_000)]);
    // The reader repeating itself changes nothing.
    assert!(
        table
            .handle(&message(1, "A0000001", TagState::On))
            .is_empty()
    );
    let off = table.handle(&message(1, "A0000001", TagState::Off));
    assert_eq!(cards(&off), [(card("As"), seat(0, 0), false, 42_000_000)]);
    assert!(
        table
            .handle(&message(1, "A0000001", TagState::Off))
            .is_empty()
    );
}

#[test]
fn unknown_tags_and_unmapped_antennas_are_reported_not_guessed() {
    let mut table = table();
    let events = table.handle(&message(1, "FFFF0000", TagState::On));
    assert!(matches!(
        &events[..],
        [RfidEvent::UnknownTag { antenna: 1, .. }]
    ));
    let events = table.handle(&message(99, "A0000001", TagState::On));
    assert!(matches!(
        &events[..],
        [RfidEvent::UnmappedAntenna { antenna: 99, .. }]
    ));
}

#[test]
fn two_tags_for_one_card_and_one_card_at_two_places_are_events() {
    let mut table = table();
    table.handle(&message(1, "A0000001", TagState::On));
    let events = table.handle(&message(2, "B0000001", TagState::On));
    assert_eq!(
        events,
        [RfidEvent::DuplicateCard {
            card: card("As"),
            first: seat(0, 0),
            second: seat(1, 0),
            timestamp_ns: 42_000_000
        }]
    );
    let events = table.handle(&message(10, "A0000002", TagState::On));
    assert_eq!(cards(&events).len(), 1);
    let events = table.handle(&message(2, "A0000002", TagState::On));
    assert!(
        matches!(&events[..], [RfidEvent::CardAtTwoPlaces { first, second, .. }]
            if *first == board(0) && *second == seat(1, 0)),
        "{events:?}"
    );
}

#[test]
fn a_mucked_card_seen_again_is_dead_until_the_next_hand() {
    let mut table = table();
    table.handle(&message(1, "A0000003", TagState::On));
    // Swept to the muck: read there before it leaves the seat's antenna; no conflict.
    let events = table.handle(&message(20, "A0000003", TagState::On));
    assert_eq!(
        cards(&events),
        [(card("2c"), CardLocation::Muck, true, 42_000_000)]
    );
    table.handle(&message(1, "A0000003", TagState::Off));
    table.handle(&message(20, "A0000003", TagState::Off));
    let events = table.handle(&message(10, "A0000003", TagState::On));
    assert_eq!(
        events,
        [RfidEvent::DeadCard {
            card: card("2c"),
            location: board(0),
            timestamp_ns: 42_000_000
        }]
    );
    table.handle(&message(10, "A0000003", TagState::Off));
    table.new_hand();
    assert_eq!(
        cards(&table.handle(&message(10, "A0000003", TagState::On))).len(),
        1
    );
    // The game can mark a folded card dead too.
    table.mark_dead(card("Kd"));
    let events = table.handle(&message(2, "A0000002", TagState::On));
    assert!(matches!(&events[..], [RfidEvent::DeadCard { .. }]));
}

#[test]
fn a_deck_is_learned_in_order_and_survives_its_file() {
    let order: Vec<Card> = ["As", "Ks", "Qs"].iter().map(|c| card(c)).collect();
    let mut learner = DeckLearner::new(order);
    assert_eq!(learner.next_card(), Some(card("As")));
    assert_eq!(learner.read(&tag("C0000001")), Some(card("As")));
    // A lingering card is read again: still the ace, and the king is next.
    assert_eq!(learner.read(&tag("C0000001")), Some(card("As")));
    assert_eq!(learner.read(&tag("C0000002")), Some(card("Ks")));
    assert!(!learner.is_complete());
    assert_eq!(learner.read(&tag("C0000003")), Some(card("Qs")));
    assert!(learner.is_complete());
    assert_eq!(learner.read(&tag("C0000004")), None);
    let registry = learner.registry();
    let text = registry.to_file_string();
    assert_eq!(DeckRegistry::parse(&text).expect("reloads"), registry);
    assert_eq!(registry.card(&tag("c0000002")), Some(card("Ks")));
    assert_eq!(registry.tags_of(card("Qs")), [&tag("C0000003")]);
}

#[test]
fn a_bad_deck_file_names_its_line() {
    for (text, line) in [
        ("A0000001 As\nnot-hex As\n", 2),
        ("A0000001 Zz\n", 1),
        ("\n# c\nA0000001\n", 3),
        ("A0000001 As\nA0000001 Kd\n", 2),
    ] {
        match DeckRegistry::parse(text) {
            Err(RfidError::DeckFile { line: at, reason }) => {
                assert_eq!(at, line, "{text:?}: {reason}");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
}

#[test]
fn the_simulated_antennas_and_deck_survive_their_files() {
    let (deck, antennas) = ggp_vision::rfid::sim::simulated_table("sim", 3);
    let text = antennas.to_file_string();
    assert!(text.contains("sim 1 player 1 hole card 1\n"), "{text}");
    assert!(text.contains("sim 200 the muck\n"), "{text}");
    assert_eq!(AntennaMap::parse(&text).expect("reloads"), antennas);
    let path = std::env::temp_dir().join(format!("ggp-rfid-deck-{}.txt", std::process::id()));
    deck.save(&path).expect("saves");
    let loaded = DeckRegistry::load(&path).expect("loads");
    std::fs::remove_file(&path).expect("removes");
    assert_eq!(loaded, deck);
    assert_eq!(loaded.len(), 52);
    assert!(matches!(
        DeckRegistry::load(&path),
        Err(RfidError::File { .. })
    ));
}

#[test]
fn a_bad_antenna_file_names_its_line() {
    for (text, line) in [
        ("r1 1 player 1 hole card 1\nr1 x the muck\n", 2),
        ("r1 1 seat 1\n", 1),
        ("r1 1\n", 1),
        ("# c\nr1 1 the muck\nr1 1 board 1\n", 3),
        ("r1 1 player 0 hole card 1\n", 1),
    ] {
        match AntennaMap::parse(text) {
            Err(RfidError::ConfigFile { line: at, reason }) => {
                assert_eq!(at, line, "{text:?}: {reason}");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
}
