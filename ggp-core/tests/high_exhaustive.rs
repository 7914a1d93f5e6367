//! Exhaustive checks of the high-hand evaluator: every 5-card hand against an independent
//! slow reference, and the known category counts over every 7-card hand.
//!
//! These take seconds in release mode and minutes in debug: the test command runs them
//! with `cargo test --release -p ggp-core --test high_exhaustive`.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ggp_core::eval::high::{self, HandCategory};
use ggp_core::{Card, CardSet, SeededRng};

/// An independent reference: sort, count and classify five cards the textbook way.
/// Returns the category and the ranks in the order that decides ties.
fn reference_five(cards: [Card; 5]) -> (HandCategory, Vec<u8>) {
    let mut counts = [0u8; 13];
    for card in cards {
        counts[card.rank().index() as usize] += 1;
    }
    // Ranks ordered by (count, rank), both descending.
    let mut groups: Vec<(u8, u8)> = (0..13u8)
        .filter(|&r| counts[r as usize] > 0)
        .map(|r| (counts[r as usize], r))
        .collect();
    groups.sort_by(|a, b| b.cmp(a));
    let shape: Vec<u8> = groups.iter().map(|g| g.0).collect();
    let ranks: Vec<u8> = groups.iter().map(|g| g.1).collect();

    let flush = cards.iter().all(|c| c.suit() == cards[0].suit());
    let straight_top = if shape.len() == 5 {
        if ranks[0] - ranks[4] == 4 {
            Some(ranks[0])
        } else if ranks == [12, 3, 2, 1, 0] {
            Some(3)
        } else {
            None
        }
    } else {
        None
    };
    match (straight_top, flush, shape.as_slice()) {
        (Some(top), true, _) => (HandCategory::StraightFlush, vec![top]),
        (_, _, [4, 1]) => (HandCategory::FourOfAKind, ranks),
        (_, _, [3, 2]) => (HandCategory::FullHouse, ranks),
        (None, true, _) => (HandCategory::Flush, ranks),
        (Some(top), false, _) => (HandCategory::Straight, vec![top]),
        (_, _, [3, 1, 1]) => (HandCategory::ThreeOfAKind, ranks),
        (_, _, [2, 2, 1]) => (HandCategory::TwoPair, ranks),
        (_, _, [2, 1, 1, 1]) => (HandCategory::OnePair, ranks),
        _ => (HandCategory::HighCard, ranks),
    }
}

fn card(index: usize) -> Card {
    Card::from_index(index as u32).expect("index below 52")
}

#[test]
fn exhaustive_every_five_card_hand_matches_the_reference() {
    let mut by_reference: BTreeMap<(HandCategory, Vec<u8>), u32> = BTreeMap::new();
    let mut category_counts = [0u32; 9];
    for a in 0..52 {
        for b in a + 1..52 {
            for c in b + 1..52 {
                for d in c + 1..52 {
                    for e in d + 1..52 {
                        let cards = [card(a), card(b), card(c), card(d), card(e)];
                        let value = high::evaluate(&cards).expect("five distinct cards");
                        let reference = reference_five(cards);
                        assert_eq!(value.category, reference.0, "{cards:?}");
                        category_counts[value.category as usize] += 1;
                        let mut best = value.best_five;
                        let mut given = cards;
                        best.sort();
                        given.sort();
                        assert_eq!(best, given, "best five of {cards:?}");
                        // Equal reference keys must give equal strengths.
                        let strength = value.strength.value();
                        let seen = by_reference.entry(reference).or_insert(strength);
                        assert_eq!(*seen, strength, "{cards:?}");
                    }
                }
            }
        }
    }
    assert_eq!(
        category_counts,
        [
            1_302_540, 1_098_240, 123_552, 54_912, 10_200, 5_108, 3_744, 624, 40
        ]
    );
    // The reference order (BTreeMap order) and the strength order must agree strictly.
    assert_eq!(by_reference.len(), 7462, "distinct five-card hand values");
    let strengths: Vec<u32> = by_reference.values().copied().collect();
    assert!(
        strengths.windows(2).all(|w| w[0] < w[1]),
        "strength order differs from the reference"
    );
}

#[test]
fn exhaustive_every_seven_card_hand_gives_the_known_category_counts() {
    let next_first = AtomicUsize::new(0);
    let totals = Mutex::new([0u64; 9]);
    std::thread::scope(|scope| {
        for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            scope.spawn(|| {
                let mut counts = [0u64; 9];
                loop {
                    let a = next_first.fetch_add(1, Ordering::Relaxed);
                    if a >= 46 {
                        break;
                    }
                    let sa = CardSet::EMPTY.with(card(a));
                    for b in a + 1..52 {
                        let sb = sa.with(card(b));
                        for c in b + 1..52 {
                            let sc = sb.with(card(c));
                            for d in c + 1..52 {
                                let sd = sc.with(card(d));
                                for e in d + 1..52 {
                                    let se = sd.with(card(e));
                                    for f in e + 1..52 {
                                        let sf = se.with(card(f));
                                        for g in f + 1..52 {
                                            let category =
                                                high::strength(sf.with(card(g))).category();
                                            counts[category as usize] += 1;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                let mut totals = totals.lock().expect("no thread panicked holding the lock");
                for (total, count) in totals.iter_mut().zip(counts) {
                    *total += count;
                }
            });
        }
    });
    let totals = totals
        .into_inner()
        .expect("no thread panicked holding the lock");
    assert_eq!(
        totals,
        [
            23_294_460, 58_627_800, 31_433_400, 6_461_620, 6_180_020, 4_047_644, 3_473_184,
            224_848, 41_584
        ]
    );
    assert_eq!(totals.iter().sum::<u64>(), 133_784_560);
}

/// Seven cards against the reference's best of their 21 five-card subsets, on a large
/// random sample (the seven-card space is checked for counts above).
#[test]
fn exhaustive_random_seven_card_hands_match_the_best_five_of_seven() {
    let mut rng = SeededRng::new(7);
    let mut deck: Vec<Card> = Card::all().collect();
    for _ in 0..200_000 {
        rng.shuffle(&mut deck);
        let seven = &deck[..7];
        let value = high::evaluate(seven).expect("seven distinct cards");
        let mut best_reference = None;
        for skip_a in 0..7 {
            for skip_b in skip_a + 1..7 {
                let five: Vec<Card> = (0..7)
                    .filter(|&i| i != skip_a && i != skip_b)
                    .map(|i| seven[i])
                    .collect();
                let five: [Card; 5] = five.try_into().expect("five cards");
                let key = reference_five(five);
                let strength = high::evaluate(&five).expect("five distinct cards").strength;
                if best_reference.as_ref().is_none_or(|(k, _)| key > *k) {
                    best_reference = Some((key, strength));
                }
            }
        }
        let (key, strength) = best_reference.expect("21 subsets");
        assert_eq!(value.category, key.0, "{seven:?}");
        assert_eq!(value.strength, strength, "{seven:?}");
        let best_set = CardSet::from_distinct(&value.best_five).expect("distinct best five");
        assert!(
            seven.iter().copied().collect::<CardSet>() & best_set == best_set,
            "{seven:?}"
        );
        assert_eq!(
            high::evaluate(&value.best_five)
                .expect("five cards")
                .strength,
            value.strength
        );
    }
}
