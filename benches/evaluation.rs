//! Hand evaluation throughput (evaluations per second).
//!
//! Run: `cargo bench -p ggp-benches --bench evaluation`. Peer libraries join these
//! groups, on the same inputs, as the equity work lands.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_core::{Card, CardSet, SeededRng, eval::high};
use std::hint::black_box;

fn random_seven_card_sets(count: usize, seed: u64) -> Vec<CardSet> {
    let mut rng = SeededRng::new(seed);
    let mut deck: Vec<Card> = Card::all().collect();
    (0..count)
        .map(|_| {
            rng.shuffle(&mut deck);
            deck[..7].iter().copied().collect()
        })
        .collect()
}

fn high_hand(c: &mut Criterion) {
    let hands = random_seven_card_sets(10_000, 1);
    let mut group = c.benchmark_group("high/7-card random");
    group.throughput(Throughput::Elements(hands.len() as u64));
    group.bench_function("ggp strength", |b| {
        b.iter(|| {
            hands
                .iter()
                .map(|&set| high::strength(black_box(set)).value())
                .fold(0u32, u32::wrapping_add)
        })
    });
    group.finish();
}

criterion_group!(benches, high_hand);
criterion_main!(benches);
