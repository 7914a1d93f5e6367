//! Hand evaluation throughput (evaluations per second), side by side with rs_poker 5.0.0
//! on the same inputs.
//!
//! Run: `cargo bench -p ggp-benches --bench evaluation`.
//!
//! - `high/7-card all hands`: every one of the 133,784,560 seven-card hands in
//!   enumeration order, each library adding one card at a time to the hand so far and
//!   summing a checksum of the strengths. Ours: `HighEvaluator::for_each_seven_card_class`,
//!   which carries a rank state (the multiset of ranks so far) and the suit counts down
//!   the loops, so that each seventh card is one lookup in its six cards' row (or the
//!   suit-aware class when the six hold four of a suit); the classes (each hand's rank
//!   among the 7,462 distinct hands) are summed. rs_poker: `SevenCardAccum`, its rank's
//!   category and value bits.
//! - `high/7-card random`: 10,000 random seven-card hands, each evaluated from scratch
//!   (ours: `high::strength` on a `CardSet`; rs_poker: `Rankable::rank` on seven cards).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_core::eval::high::{self, HighEvaluator};
use ggp_core::{Card, CardSet, SeededRng};
use rs_poker::core::{Rankable, SevenCardAccum};
use std::hint::black_box;
use std::time::Duration;

/// The rs_poker card with the same rank and suit.
pub fn rs_card(card: Card) -> rs_poker::core::Card {
    let suit = match card.suit().letter() {
        'c' => rs_poker::core::Suit::Club,
        'd' => rs_poker::core::Suit::Diamond,
        'h' => rs_poker::core::Suit::Heart,
        _ => rs_poker::core::Suit::Spade,
    };
    rs_poker::core::Card::new(rs_poker::core::Value::from_u8(card.rank().index()), suit)
}

fn rs_checksum(rank: rs_poker::core::Rank) -> u32 {
    ((rank.category() as u32) << 12) | u32::from(rank.value_bits())
}

fn random_seven_card_hands(count: usize, seed: u64) -> Vec<[Card; 7]> {
    let mut rng = SeededRng::new(seed);
    let mut deck: Vec<Card> = Card::all().collect();
    (0..count)
        .map(|_| {
            rng.shuffle(&mut deck);
            let mut seven = [deck[0]; 7];
            seven.copy_from_slice(&deck[..7]);
            seven
        })
        .collect()
}

fn ggp_all_seven_card_hands(deck: &[Card]) -> u32 {
    let mut sum = 0u32;
    let walked = HighEvaluator::get()
        .for_each_seven_card_class(deck, |class| sum = sum.wrapping_add(u32::from(class)));
    // The deck is the 52 distinct cards, so the walk cannot refuse it.
    debug_assert!(walked.is_ok());
    sum
}

fn rs_all_seven_card_hands() -> u32 {
    let cards: Vec<rs_poker::core::Card> = Card::all().map(rs_card).collect();
    let mut sum = 0u32;
    for a in 0..46 {
        let h1 = SevenCardAccum::new() + cards[a];
        for b in a + 1..47 {
            let h2 = h1 + cards[b];
            for c in b + 1..48 {
                let h3 = h2 + cards[c];
                for d in c + 1..49 {
                    let h4 = h3 + cards[d];
                    for e in d + 1..50 {
                        let h5 = h4 + cards[e];
                        for f in e + 1..51 {
                            let h6 = h5 + cards[f];
                            for &g in &cards[f + 1..] {
                                sum = sum.wrapping_add(rs_checksum((h6 + g).rank()));
                            }
                        }
                    }
                }
            }
        }
    }
    sum
}

fn all_hands(c: &mut Criterion) {
    let mut group = c.benchmark_group("high/7-card all hands");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(133_784_560));
    let deck: Vec<Card> = Card::all().collect();
    group.bench_function("ggp HighHand", |b| {
        b.iter(|| ggp_all_seven_card_hands(black_box(&deck)))
    });
    group.bench_function("rs_poker SevenCardAccum", |b| {
        b.iter(rs_all_seven_card_hands)
    });
    group.finish();
}

fn random_hands(c: &mut Criterion) {
    let hands = random_seven_card_hands(10_000, 1);
    let sets: Vec<CardSet> = hands.iter().map(|h| h.iter().copied().collect()).collect();
    let rs_hands: Vec<[rs_poker::core::Card; 7]> = hands.iter().map(|h| h.map(rs_card)).collect();
    let mut group = c.benchmark_group("high/7-card random");
    group.throughput(Throughput::Elements(hands.len() as u64));
    group.bench_function("ggp strength", |b| {
        b.iter(|| {
            sets.iter()
                .map(|&set| high::strength(black_box(set)).value())
                .fold(0u32, u32::wrapping_add)
        })
    });
    group.bench_function("rs_poker rank", |b| {
        b.iter(|| {
            rs_hands
                .iter()
                .map(|hand| rs_checksum(black_box(&hand[..]).rank()))
                .fold(0u32, u32::wrapping_add)
        })
    });
    group.finish();
}

criterion_group!(benches, all_hands, random_hands);
criterion_main!(benches);
