//! Hand evaluation throughput (evaluations per second), side by side with rs_poker 5.0.0
//! on the same inputs.
//!
//! Run: `cargo bench -p ggp-benches --bench evaluation`.
//!
//! - `high/7-card all hands`: every one of the 133,784,560 seven-card hands in
//!   enumeration order, each library adding one card at a time to the hand so far and
//!   summing a checksum of the strengths. Ours: `HighHand` scored by a `HighEvaluator`
//!   fetched once, its class (the hand's rank among the 7,462 distinct hands) summed;
//!   when the six cards so far hold no four of a suit, the seventh is scored from the
//!   rank keys alone. rs_poker: `SevenCardAccum`, its rank's category and value bits.
//! - `high/7-card random`: 10,000 random seven-card hands, each evaluated from scratch
//!   (ours: `high::strength` on a `CardSet`; rs_poker: `Rankable::rank` on seven cards).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_core::eval::high::{self, HighEvaluator, HighHand};
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

fn ggp_all_seven_card_hands() -> u32 {
    let evaluator = HighEvaluator::get();
    let cards: Vec<HighHand> = Card::all().map(HighHand::card).collect();
    let rank_keys: Vec<u32> = cards.iter().map(|card| card.rank_key()).collect();
    let mut sum = 0u32;
    for a in 0..46 {
        let h1 = cards[a];
        for b in a + 1..47 {
            let h2 = h1.combine(cards[b]);
            for c in b + 1..48 {
                let h3 = h2.combine(cards[c]);
                for d in c + 1..49 {
                    let h4 = h3.combine(cards[d]);
                    for e in d + 1..50 {
                        let h5 = h4.combine(cards[e]);
                        for f in e + 1..51 {
                            let h6 = h5.combine(cards[f]);
                            if h6.may_flush_with(1) {
                                for &g in &cards[f + 1..] {
                                    let class = evaluator.class(h6.combine(g));
                                    sum = sum.wrapping_add(u32::from(class));
                                }
                            } else {
                                // No seventh card can make a flush: the rank keys alone
                                // decide each hand.
                                let key = h6.rank_key();
                                for &g in &rank_keys[f + 1..] {
                                    let class = evaluator.class_without_flush(key + g);
                                    sum = sum.wrapping_add(u32::from(class));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
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
    group.bench_function("ggp HighHand", |b| b.iter(ggp_all_seven_card_hands));
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
