//! Card-event throughput: RFID lines checked, tracker frames, and hands fed from card
//! events. There is no peer library for these; the figures show the headroom over what a
//! table needs (a reader sends tens of lines a second; a camera 30 to 60 frames).
//!
//! Run: `cargo bench -p ggp-benches --bench rfid`. Every figure is one thread.
//!
//! - `rfid/verify line`: parse a signed `TAG` line, check reader, HMAC-SHA256 signature
//!   (constant time), counter and time window.
//! - `rfid/table`: a checked message to card events (deck lookup, antenna map, duplicate
//!   and dead-card checks), one `ON` and one `OFF` per iteration.
//! - `tracker/frame of 7 cards`: one frame of 7 detections (2 hole cards, 5 board cards)
//!   through the temporal tracker, against the game's cards.
//! - `feed/whole hand`: a 6-handed hold'em hand fed from its card and action events.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_core::PhhHand;
use ggp_core::feed::{ActionEvent, HandFeed};
use ggp_core::rules::Hand;
use ggp_vision::detection::Detection;
use ggp_vision::rfid::sim::{self, SimStep, Simulator};
use ggp_vision::rfid::{Header, Message, RfidEvent, RfidTable, TableKey, TagState, Verifier};
use ggp_vision::tracker::{GameCards, Tracker, TrackerConfig};

const KEY_HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

fn verify(c: &mut Criterion) {
    let key = TableKey::from_hex(KEY_HEX).expect("key");
    let lines: Vec<String> = (1..=100_000u64)
        .map(|counter| {
            Message::Tag {
                header: Header {
                    reader: "table1-r1".to_owned(),
                    counter,
                    timestamp_ms: 1_000,
                },
                antenna: 3,
                tag: sim::simulated_tag("As".parse().expect("card")),
                state: TagState::On,
            }
            .encode(&key)
        })
        .collect();
    let mut group = c.benchmark_group("rfid");
    group.throughput(Throughput::Elements(1));
    group.bench_function("verify line", |b| {
        let mut verifier = Verifier::new(key.clone(), ["table1-r1"]);
        let mut next = 0;
        b.iter(|| {
            if next == lines.len() {
                // Counters must rise: start again with a fresh receiver.
                verifier = Verifier::new(key.clone(), ["table1-r1"]);
                next = 0;
            }
            let message = verifier.check(&lines[next], 1_000);
            next += 1;
            black_box(message)
        })
    });
    let (deck, antennas) = sim::simulated_table("table1-r1", 6);
    let mut table = RfidTable::new(deck, antennas);
    let message = |state| Message::Tag {
        header: Header {
            reader: "table1-r1".to_owned(),
            counter: 1,
            timestamp_ms: 1_000,
        },
        antenna: 1,
        tag: sim::simulated_tag("As".parse().expect("card")),
        state,
    };
    let (on, off) = (message(TagState::On), message(TagState::Off));
    group.throughput(Throughput::Elements(2));
    group.bench_function("table", |b| {
        b.iter(|| {
            let arrived: Vec<RfidEvent> = table.handle(black_box(&on));
            let left = table.handle(black_box(&off));
            black_box((arrived, left))
        })
    });
    group.finish();
}

fn track(c: &mut Criterion) {
    let cards = ["As", "Kd", "2h", "3h", "4h", "9c", "Tc"];
    let detections: Vec<Detection> = cards
        .iter()
        .enumerate()
        .map(|(i, card)| Detection {
            card: card.parse().expect("card"),
            bbox: [i as f32 * 100.0, 500.0, 60.0, 90.0],
            confidence: 0.97,
            zone: Some(if i < 2 { "seat0" } else { "board" }.to_owned()),
        })
        .collect();
    let game = GameCards::new();
    let mut group = c.benchmark_group("tracker");
    group.throughput(Throughput::Elements(1));
    group.bench_function("frame of 7 cards", |b| {
        let mut tracker = Tracker::new(TrackerConfig::default());
        let mut frame_ns = 0i64;
        b.iter(|| {
            frame_ns += 16_666_667;
            black_box(tracker.update(frame_ns, black_box(&detections), &game))
        })
    });
    group.finish();
}

fn feed(c: &mut Criterion) {
    let hand = sim::seeded_hand(6, 11).expect("hand");
    let phh = PhhHand::from_hand(&hand).expect("phh");
    let key = TableKey::from_hex(KEY_HEX).expect("key");
    let steps = Simulator::new(key.clone(), "r", 1_000, 1).script(&hand);
    // The card events, as the table gives them, and the actions, in order.
    let (deck, antennas) = sim::simulated_table("r", 6);
    let mut table = RfidTable::new(deck, antennas);
    let mut verifier = Verifier::new(key, ["r"]).with_window_ms(u64::MAX);
    let mut events = Vec::new();
    for step in &steps {
        match step {
            SimStep::Line { line, .. } => {
                let message = verifier.check(line, 1_000).expect("genuine");
                for event in table.handle(&message) {
                    if let RfidEvent::Card(card) = event {
                        events.push(Ok(card));
                    }
                }
            }
            SimStep::Action { action, .. } => events.push(Err(ActionEvent {
                timestamp_ns: 0,
                action: action.clone(),
            })),
        }
    }
    let config = phh.to_config().expect("config");
    let mut group = c.benchmark_group("feed");
    group.throughput(Throughput::Elements(1));
    group.bench_function("whole hand", |b| {
        b.iter(|| {
            let mut feed = HandFeed::new(Hand::new(config.clone()).expect("hand"));
            for event in &events {
                match event {
                    Ok(card) => drop(feed.apply_card(card).expect("card")),
                    Err(action) => drop(feed.apply_action(action).expect("action")),
                }
            }
            black_box(feed.hand().state().is_complete())
        })
    });
    group.finish();
}

criterion_group!(benches, verify, track, feed);
criterion_main!(benches);
