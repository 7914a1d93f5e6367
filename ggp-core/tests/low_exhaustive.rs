//! Exhaustive checks of the low evaluators (A-5, 8-or-better, 2-7): every 5-card hand
//! against independent slow references, and 6- and 7-card hands against the best of
//! their five-card subsets (every 7-card hand of a deck of Aces to Eights, where pairs,
//! straights and flushes crowd the lows, and random ones from the full deck).
//!
//! Seconds in release mode, minutes in debug: `cargo test --release -p ggp-core --test
//! low_exhaustive` (the debug test run skips the `exhaustive_` tests).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use ggp_core::eval::low;
use ggp_core::{Card, CardSet, HandCategory, Rank, SeededRng};

/// The A-5 value of a rank: Ace 0, Two 1 … King 12.
fn ace_low(rank: Rank) -> u8 {
    if rank == Rank::Ace {
        0
    } else {
        rank.index() + 1
    }
}

/// Rank groups as (count, value) sorted by count then value, both descending.
fn groups(values: impl Iterator<Item = u8>) -> (Vec<u8>, Vec<u8>) {
    let mut counts = [0u8; 13];
    for v in values {
        counts[v as usize] += 1;
    }
    let mut groups: Vec<(u8, u8)> = (0..13u8)
        .filter(|&v| counts[v as usize] > 0)
        .map(|v| (counts[v as usize], v))
        .collect();
    groups.sort_by(|a, b| b.cmp(a));
    (
        groups.iter().map(|g| g.0).collect(),
        groups.iter().map(|g| g.1).collect(),
    )
}

/// A-5 low, the textbook way: by the shape of the rank groups (no pair best, four of a
/// kind worst), then the group ranks from the top. Lower is better.
fn reference_ace_to_five(cards: [Card; 5]) -> (HandCategory, Vec<u8>) {
    let (shape, values) = groups(cards.iter().map(|c| ace_low(c.rank())));
    let category = match shape.as_slice() {
        [1, 1, 1, 1, 1] => HandCategory::HighCard,
        [2, 1, 1, 1] => HandCategory::OnePair,
        [2, 2, 1] => HandCategory::TwoPair,
        [3, 1, 1] => HandCategory::ThreeOfAKind,
        [3, 2] => HandCategory::FullHouse,
        _ => HandCategory::FourOfAKind,
    };
    (category, values)
}

/// 2-7 low: the standard high hand, the ace only high (A-2-3-4-5 is no straight). Lower
/// is better.
fn reference_deuce_to_seven(cards: [Card; 5]) -> (HandCategory, Vec<u8>) {
    let (shape, ranks) = groups(cards.iter().map(|c| c.rank().index()));
    let flush = cards.iter().all(|c| c.suit() == cards[0].suit());
    let straight = shape.len() == 5 && ranks[0] - ranks[4] == 4;
    let category = match (straight, flush, shape.as_slice()) {
        (true, true, _) => HandCategory::StraightFlush,
        (_, _, [4, 1]) => HandCategory::FourOfAKind,
        (_, _, [3, 2]) => HandCategory::FullHouse,
        (_, true, _) => HandCategory::Flush,
        (true, _, _) => HandCategory::Straight,
        (_, _, [3, 1, 1]) => HandCategory::ThreeOfAKind,
        (_, _, [2, 2, 1]) => HandCategory::TwoPair,
        (_, _, [2, 1, 1, 1]) => HandCategory::OnePair,
        _ => HandCategory::HighCard,
    };
    (category, ranks)
}

/// 8-or-better: five distinct ranks from Ace to Eight, compared from the top; lower is
/// better.
fn reference_eight_or_better(cards: [Card; 5]) -> Option<Vec<u8>> {
    let (shape, values) = groups(cards.iter().map(|c| ace_low(c.rank())));
    (shape.len() == 5 && values[0] <= ace_low(Rank::Eight)).then_some(values)
}

fn sorted(mut cards: [Card; 5]) -> [Card; 5] {
    cards.sort();
    cards
}

/// Reference keys in order, lowest (best) first, must map to strictly decreasing
/// strengths.
fn assert_strengths_descend<K: Ord>(map: &BTreeMap<K, u32>, what: &str) {
    let strengths: Vec<u32> = map.values().copied().collect();
    assert!(
        strengths.windows(2).all(|w| w[0] > w[1]),
        "{what}: strength order differs from the reference"
    );
}

fn card(index: usize) -> Card {
    Card::from_index(index as u32).expect("index below 52")
}

#[test]
fn exhaustive_every_five_card_hand_matches_the_references() {
    let mut ace_five: BTreeMap<(HandCategory, Vec<u8>), u32> = BTreeMap::new();
    let mut deuce_seven: BTreeMap<(HandCategory, Vec<u8>), u32> = BTreeMap::new();
    let mut eight: BTreeMap<Vec<u8>, u32> = BTreeMap::new();
    let mut qualifying = 0u32;
    for a in 0..52 {
        for b in a + 1..52 {
            for c in b + 1..52 {
                for d in c + 1..52 {
                    for e in d + 1..52 {
                        let cards = [card(a), card(b), card(c), card(d), card(e)];
                        let set = CardSet::from_distinct(&cards).expect("distinct");

                        let a5 = low::ace_to_five(set);
                        let reference = reference_ace_to_five(cards);
                        assert_eq!(a5.category(), reference.0, "{cards:?}");
                        assert_eq!(
                            sorted(low::best_five_ace_to_five(set, a5)),
                            sorted(cards),
                            "{cards:?}"
                        );
                        let seen = ace_five.entry(reference).or_insert(a5.value());
                        assert_eq!(*seen, a5.value(), "A-5 {cards:?}");

                        let d27 = low::deuce_to_seven(set);
                        let reference = reference_deuce_to_seven(cards);
                        assert_eq!(d27.category(), reference.0, "{cards:?}");
                        assert_eq!(
                            sorted(low::best_five_deuce_to_seven(set)),
                            sorted(cards),
                            "{cards:?}"
                        );
                        let seen = deuce_seven.entry(reference).or_insert(d27.value());
                        assert_eq!(*seen, d27.value(), "2-7 {cards:?}");

                        let e8 = low::eight_or_better(set);
                        match reference_eight_or_better(cards) {
                            Some(reference) => {
                                qualifying += 1;
                                // A qualifying low is its A-5 low.
                                assert_eq!(e8, Some(a5), "{cards:?}");
                                assert!(a5.is_eight_or_better(), "{cards:?}");
                                let seen = eight.entry(reference).or_insert(a5.value());
                                assert_eq!(*seen, a5.value(), "8-or-better {cards:?}");
                            }
                            None => {
                                assert_eq!(e8, None, "{cards:?}");
                                assert!(!a5.is_eight_or_better(), "{cards:?}");
                            }
                        }
                    }
                }
            }
        }
    }
    // pokerkit's lookups hold as many distinct hands: RegularLookup 6175,
    // Standard2Lookup 7462, EightOrBetterLookup 56.
    assert_eq!(ace_five.len(), 6175);
    assert_eq!(deuce_seven.len(), 7462);
    assert_eq!(eight.len(), 56);
    // 56 rank sets, each in 4^5 suit choices.
    assert_eq!(qualifying, 56 * 1024);
    assert_strengths_descend(&ace_five, "A-5");
    assert_strengths_descend(&deuce_seven, "2-7");
    assert_strengths_descend(&eight, "8-or-better");

    // The best hands: 5-4-3-2-A for A-5 and the 8-or-better, 7-5-4-3-2 for 2-7.
    let (best_a5, _) = ace_five.iter().next().expect("hands");
    assert_eq!(best_a5, &(HandCategory::HighCard, vec![4, 3, 2, 1, 0]));
    let (best_27, _) = deuce_seven.iter().next().expect("hands");
    assert_eq!(best_27, &(HandCategory::HighCard, vec![5, 3, 2, 1, 0]));
}

/// The best of the five-card subsets of `cards` by each evaluator, from five-card
/// strengths (which the test above checks against the references).
fn best_of_fives(cards: &[Card]) -> (u32, u32, Option<u32>) {
    let n = cards.len();
    let mut best = (0, 0, None);
    for skip in 0u32..(1 << n) {
        if skip.count_ones() as usize != n - 5 {
            continue;
        }
        let five: CardSet = (0..n)
            .filter(|&i| skip & (1 << i) == 0)
            .map(|i| cards[i])
            .collect();
        best.0 = best.0.max(low::ace_to_five(five).value());
        best.1 = best.1.max(low::deuce_to_seven(five).value());
        best.2 = best.2.max(low::eight_or_better(five).map(|l| l.value()));
    }
    best
}

fn check_hand(cards: &[Card], check_cards: bool) {
    let set = CardSet::from_distinct(cards).expect("distinct");
    let (a5, d27, e8) = best_of_fives(cards);
    let ace_five = low::ace_to_five(set);
    let deuce_seven = low::deuce_to_seven(set);
    assert_eq!(ace_five.value(), a5, "A-5 {cards:?}");
    assert_eq!(deuce_seven.value(), d27, "2-7 {cards:?}");
    assert_eq!(
        low::eight_or_better(set).map(|l| l.value()),
        e8,
        "8-or-better {cards:?}"
    );
    if check_cards {
        let best = CardSet::from_distinct(&low::best_five_ace_to_five(set, ace_five))
            .expect("distinct best five");
        assert_eq!((best.len(), best & set), (5, best), "{cards:?}");
        assert_eq!(low::ace_to_five(best), ace_five, "{cards:?}");
        let best = CardSet::from_distinct(&low::best_five_deuce_to_seven(set))
            .expect("distinct best five");
        assert_eq!((best.len(), best & set), (5, best), "{cards:?}");
        assert_eq!(low::deuce_to_seven(best), deuce_seven, "{cards:?}");
    }
}

#[test]
fn exhaustive_every_seven_card_hand_of_aces_to_eights_is_the_best_of_its_fives() {
    let deck: Vec<Card> = Card::all()
        .filter(|c| c.rank() <= Rank::Eight || c.rank() == Rank::Ace)
        .collect();
    assert_eq!(deck.len(), 32);
    let next_first = AtomicUsize::new(0);
    let hands = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            scope.spawn(|| {
                let mut count = 0;
                loop {
                    let a = next_first.fetch_add(1, Ordering::Relaxed);
                    if a >= 26 {
                        break;
                    }
                    let mut idx = [a, 0, 0, 0, 0, 0, 0];
                    for b in a + 1..32 {
                        idx[1] = b;
                        for c in b + 1..32 {
                            idx[2] = c;
                            for d in c + 1..32 {
                                idx[3] = d;
                                for e in d + 1..32 {
                                    idx[4] = e;
                                    for f in e + 1..32 {
                                        idx[5] = f;
                                        for g in f + 1..32 {
                                            idx[6] = g;
                                            let seven = idx.map(|i| deck[i]);
                                            check_hand(&seven, (a + b + g).is_multiple_of(16));
                                            count += 1;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                hands.fetch_add(count, Ordering::Relaxed);
            });
        }
    });
    assert_eq!(hands.into_inner(), 3_365_856);
}

#[test]
fn exhaustive_random_six_and_seven_card_hands_are_the_best_of_their_fives() {
    let mut rng = SeededRng::new(27);
    let mut deck: Vec<Card> = Card::all().collect();
    for i in 0..200_000 {
        rng.shuffle(&mut deck);
        check_hand(&deck[..6 + i % 2], true);
    }
}

#[test]
fn random_six_and_seven_card_hands_are_the_best_of_their_fives() {
    // A quick version of the exhaustive checks for the debug test run.
    let mut rng = SeededRng::new(72);
    let low_deck: Vec<Card> = Card::all()
        .filter(|c| c.rank() <= Rank::Seven || c.rank() == Rank::Ace)
        .collect();
    let mut full_deck: Vec<Card> = Card::all().collect();
    let mut low_deck = low_deck;
    for i in 0..2_000 {
        let deck = if i % 2 == 0 {
            &mut low_deck
        } else {
            &mut full_deck
        };
        rng.shuffle(deck);
        check_hand(&deck[..6 + i % 2], true);
    }
}
