//! Equity throughput, side by side with rs_poker 5.0.0 on the same inputs.
//!
//! Run: `cargo bench -p ggp-benches --bench equity`. Every figure is one thread.
//!
//! - `equity/heads-up preflop exact`: all 1,712,304 boards for a heads-up pair of
//!   random holdings (16 seeded deals, one per iteration, in turn); `dead` adds two random
//!   dead cards (1,370,754 boards). rs_poker has no exact-equity call with dead cards, so
//!   its side is the same board loop with its incremental evaluator (`SevenCardAccum`);
//!   without dead cards its own `OutsCalculator` (which enumerates every board) joins too.
//! - `equity/3-way preflop monte carlo`: AhKh, QsQd, JcTc to ±0.1% of the pot (one
//!   standard error) for every player. A share is almost always 0 or 1 (ties are 0.2%),
//!   so its variance is p(1 - p), largest for QsQd (p = 0.412): 0.2423; a standard error
//!   of 0.001 needs 0.2423 / 0.001^2 = 242,256 samples, rounded up to 119 whole chunks
//!   of 2,048: 243,712 (a 200,000-sample run reported 0.110%, 0.110% and 0.087%).
//!   rs_poker's `MonteCarloGame::estimate_equity` with the same count.
//! - `equity/4-way PLO flop exact`: all 528 turn-river pairs for four Omaha hands; rs_poker
//!   ranks each hand with its `OmahaHand` (the same board loop).
//! - `equity/hero vs random hand preflop exact`: a hero (AhKh, AhKd) against one random
//!   hand, every deal of it and every board, ours only (rs_poker has no exact equity
//!   with a random hand).
//! - `equity/flop->turn update`: the live update when the turn is dealt (see
//!   `flop_to_turn`), ours only.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_core::equity::{BoardGame, EquityRequest, LiveEquity};
use ggp_core::{Card, CardSet, SeededRng};
use rs_poker::core::{CardBitSet, Hand, Rankable, SevenCardAccum};
use rs_poker::holdem::{MonteCarloGame, OutsCalculator};
use rs_poker::omaha::OmahaHand;
use std::hint::black_box;
use std::time::Duration;

fn rs_card(card: Card) -> rs_poker::core::Card {
    let suit = match card.suit().letter() {
        'c' => rs_poker::core::Suit::Club,
        'd' => rs_poker::core::Suit::Diamond,
        'h' => rs_poker::core::Suit::Heart,
        _ => rs_poker::core::Suit::Spade,
    };
    rs_poker::core::Card::new(rs_poker::core::Value::from_u8(card.rank().index()), suit)
}

fn rs_bits(set: CardSet) -> CardBitSet {
    let mut bits = CardBitSet::new();
    for card in set.iter() {
        bits.insert(rs_card(card));
    }
    bits
}

/// A heads-up deal: two random hands and `dead` random dead cards.
struct Deal {
    hands: [CardSet; 2],
    dead: CardSet,
}

fn deals(count: usize, dead: usize, seed: u64) -> Vec<Deal> {
    let mut rng = SeededRng::new(seed);
    let mut deck: Vec<Card> = Card::all().collect();
    (0..count)
        .map(|_| {
            rng.shuffle(&mut deck);
            Deal {
                hands: [
                    deck[..2].iter().copied().collect(),
                    deck[2..4].iter().copied().collect(),
                ],
                dead: deck[4..4 + dead].iter().copied().collect(),
            }
        })
        .collect()
}

/// rs_poker's evaluator in the same board loop as ours: every five-card board from the
/// live cards, hands ranked incrementally, pots split in integer units.
fn rs_exact_heads_up(deal: &Deal) -> [u64; 2] {
    let holes = deal.hands.map(|h| {
        h.iter()
            .fold(SevenCardAccum::new(), |acc, card| acc + rs_card(card))
    });
    let live: Vec<rs_poker::core::Card> = (!(deal.hands[0] | deal.hands[1] | deal.dead))
        .iter()
        .map(rs_card)
        .collect();
    let n = live.len();
    let mut units = [0u64; 2];
    for a in 0..n {
        for b in a + 1..n {
            for c in b + 1..n {
                let b3 = [live[a], live[b], live[c]];
                for d in c + 1..n {
                    for e in d + 1..n {
                        let board = [b3[0], b3[1], b3[2], live[d], live[e]];
                        let ranks = holes
                            .map(|hole| board.iter().fold(hole, |acc, &card| acc + card).rank());
                        match ranks[0].cmp(&ranks[1]) {
                            std::cmp::Ordering::Greater => units[0] += 2,
                            std::cmp::Ordering::Less => units[1] += 2,
                            std::cmp::Ordering::Equal => {
                                units[0] += 1;
                                units[1] += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    units
}

fn heads_up_preflop(c: &mut Criterion) {
    for (name, dead, boards) in [("", 0, 1_712_304u64), (" dead", 2, 1_370_754)] {
        let deals = deals(16, dead, 5 + dead as u64);
        let mut group = c.benchmark_group(format!("equity/heads-up preflop exact{name}"));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(6));
        group.throughput(Throughput::Elements(boards));
        let mut next = 0;
        group.bench_function("ggp exact", |b| {
            b.iter(|| {
                let deal = &deals[next % deals.len()];
                next += 1;
                EquityRequest::new(BoardGame::Holdem, &deal.hands)
                    .with_dead(deal.dead)
                    .exact(1)
                    .map(|r| r.players[0].win)
            })
        });
        let mut next = 0;
        group.bench_function("rs_poker SevenCardAccum loop", |b| {
            b.iter(|| {
                let deal = &deals[next % deals.len()];
                next += 1;
                rs_exact_heads_up(black_box(deal))
            })
        });
        if dead == 0 {
            let mut next = 0;
            group.bench_function("rs_poker OutsCalculator", |b| {
                b.iter(|| {
                    let deal = &deals[next % deals.len()];
                    next += 1;
                    let hands = deal
                        .hands
                        .map(|h| Hand::new_with_cards(h.iter().map(rs_card).collect()))
                        .to_vec();
                    OutsCalculator::new(CardBitSet::new(), hands)
                        .calculate_outs()
                        .outcomes()
                        .len()
                })
            });
        }
        group.finish();
    }
}

fn three_way_monte_carlo(c: &mut Criterion) {
    let texts = ["Ah Kh", "Qs Qd", "Jc Tc"];
    let hands: Vec<CardSet> = texts
        .iter()
        .map(|t| CardSet::parse(t).expect("cards"))
        .collect();
    let samples = 243_712u64;
    let mut group = c.benchmark_group("equity/3-way preflop monte carlo");
    group.sample_size(10);
    group.throughput(Throughput::Elements(samples));
    let mut seed = 0;
    group.bench_function("ggp monte_carlo", |b| {
        b.iter(|| {
            seed += 1;
            EquityRequest::new(BoardGame::Holdem, &hands)
                .monte_carlo(samples, seed, 1)
                .map(|r| r.players[0].equity)
        })
    });
    group.bench_function("rs_poker MonteCarloGame", |b| {
        b.iter(|| {
            let rs_hands = hands
                .iter()
                .map(|h| Hand::new_with_cards(h.iter().map(rs_card).collect()))
                .collect();
            MonteCarloGame::new(rs_hands).map(|mut game| game.estimate_equity(samples as usize)[0])
        })
    });
    group.finish();
}

fn plo_flop(c: &mut Criterion) {
    let texts = ["As Ks Qd Jd", "9h 9c 8h 7c", "Ah 2h 3c 4c", "Td Tc 6s 5s"];
    let hands: Vec<CardSet> = texts
        .iter()
        .map(|t| CardSet::parse(t).expect("cards"))
        .collect();
    let board = CardSet::parse("2s 3h Qc").expect("cards");
    let request = EquityRequest::new(BoardGame::Omaha, &hands).with_board(board);
    let live: Vec<Card> = request.unseen().iter().collect();
    let mut group = c.benchmark_group("equity/4-way PLO flop exact");
    group.throughput(Throughput::Elements(request.board_count()));
    group.bench_function("ggp exact", |b| {
        b.iter(|| request.exact(1).map(|r| r.boards))
    });
    let rs_holes: Vec<CardBitSet> = hands.iter().map(|&h| rs_bits(h)).collect();
    group.bench_function("rs_poker OmahaHand loop", |b| {
        b.iter(|| {
            let mut wins = [0u64; 4];
            for i in 0..live.len() {
                for j in i + 1..live.len() {
                    let full = rs_bits(board.with(live[i]).with(live[j]));
                    let ranks: Vec<_> = rs_holes
                        .iter()
                        .map(|&hole| OmahaHand::new(hole, full).ok().map(|h| h.rank()))
                        .collect();
                    if let Some(best) = ranks.iter().flatten().max()
                        && let Some(w) = ranks.iter().position(|r| r.as_ref() == Some(best))
                    {
                        wins[w] += 1;
                    }
                }
            }
            wins
        })
    });
    group.finish();
}

/// A hero against one random hand preflop, exactly: 1,225 deals of the random hand times
/// 1,712,304 boards each (2,097,572,400 hand-board pairs); deals alike under a renaming of
/// suits are enumerated once. rs_poker has no exact call with a random hand.
fn hero_against_random(c: &mut Criterion) {
    let mut group = c.benchmark_group("equity/hero vs random hand preflop exact");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(1225 * 1_712_304));
    for hero in ["Ah Kh", "Ah Kd"] {
        let request =
            EquityRequest::new(BoardGame::Holdem, &[CardSet::parse(hero).expect("cards")])
                .with_random_players(1);
        group.bench_function(format!("{hero}: ggp exact"), |b| {
            b.iter(|| request.exact(1).map(|r| r.players[0].win))
        });
    }
    group.finish();
}

/// The live update when the turn comes: `LiveEquity` built on the flop (its breakdown by
/// turn card made then, while the flop is on screen) reads the turn's answer; beside it,
/// the exact run on the turn from scratch. rs_poker has no counterpart.
fn flop_to_turn(c: &mut Criterion) {
    let cards = |text: &str| CardSet::parse(text).expect("cards");
    let flop = cards("2s 3h Qc");
    let turn: Card = "8d".parse().expect("card");
    let plo: Vec<CardSet> = ["As Ks Qd Jd", "9h 9c 8h 7c", "Ah 2h 3c 4c", "Td Tc 6s 5s"]
        .iter()
        .map(|t| cards(t))
        .collect();
    let requests = [
        (
            "4-way PLO",
            EquityRequest::new(BoardGame::Omaha, &plo).with_board(flop),
        ),
        (
            "AhKh vs random",
            EquityRequest::new(BoardGame::Holdem, &[cards("Ah Kh")])
                .with_board(flop)
                .with_random_players(1),
        ),
    ];
    let mut group = c.benchmark_group("equity/flop->turn update");
    for (name, request) in requests {
        let live = LiveEquity::new(request.clone(), 1).expect("live equity");
        group.bench_function(format!("{name}: ggp LiveEquity deal"), |b| {
            b.iter_batched(
                || live.clone(),
                |mut live| live.deal(turn, 1).map(|r| r.boards),
                criterion::BatchSize::SmallInput,
            )
        });
        let on_turn = request.clone().with_board(flop.with(turn));
        group.bench_function(format!("{name}: ggp exact from scratch"), |b| {
            b.iter(|| on_turn.exact(1).map(|r| r.boards))
        });
        group.bench_function(format!("{name}: ggp LiveEquity on the flop"), |b| {
            b.iter(|| LiveEquity::new(request.clone(), 1).map(|l| l.result().boards))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    heads_up_preflop,
    three_way_monte_carlo,
    plo_flop,
    flop_to_turn,
    hero_against_random
);
criterion_main!(benches);
