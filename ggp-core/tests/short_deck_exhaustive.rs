//! Exhaustive checks of the short-deck evaluator under both rule sets: every 5-card hand of
//! the 36-card deck against an independent slow reference, and every 7-card hand against
//! the best of its 21 five-card subsets.
//!
//! Seconds in release mode, minutes in debug: `cargo test --release -p ggp-core --test
//! short_deck_exhaustive` (the debug test run skips the `exhaustive_` tests).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ggp_core::eval::short_deck::{self, ShortDeckRules};
use ggp_core::{Card, CardSet, HandCategory, Rank};

/// The categories weakest first, written out independently of the evaluator.
fn reference_order(rules: ShortDeckRules) -> [HandCategory; 9] {
    use HandCategory::*;
    match rules {
        ShortDeckRules::Triton => [
            HighCard,
            OnePair,
            TwoPair,
            Straight,
            ThreeOfAKind,
            FullHouse,
            Flush,
            FourOfAKind,
            StraightFlush,
        ],
        ShortDeckRules::Standard => [
            HighCard,
            OnePair,
            TwoPair,
            ThreeOfAKind,
            Straight,
            FullHouse,
            Flush,
            FourOfAKind,
            StraightFlush,
        ],
    }
}

/// Sort, count and classify five short-deck cards the textbook way. Returns the
/// category's place under the rules, the category, and the ranks that decide ties.
fn reference_five(cards: [Card; 5], rules: ShortDeckRules) -> (usize, HandCategory, Vec<u8>) {
    let mut counts = [0u8; 13];
    for card in cards {
        counts[card.rank().index() as usize] += 1;
    }
    let mut groups: Vec<(u8, u8)> = (0..13u8)
        .filter(|&r| counts[r as usize] > 0)
        .map(|r| (counts[r as usize], r))
        .collect();
    groups.sort_by(|a, b| b.cmp(a));
    let shape: Vec<u8> = groups.iter().map(|g| g.0).collect();
    let ranks: Vec<u8> = groups.iter().map(|g| g.1).collect();
    let flush = cards.iter().all(|c| c.suit() == cards[0].suit());
    let ace = Rank::Ace.index();
    let nine = Rank::Nine.index();
    let straight_top = if shape.len() == 5 {
        if ranks[0] - ranks[4] == 4 {
            Some(ranks[0])
        } else if ranks == [ace, nine, nine - 1, nine - 2, nine - 3] {
            // A-6-7-8-9: the ace below the Six.
            Some(nine)
        } else {
            None
        }
    } else {
        None
    };
    let (category, tie) = match (straight_top, flush, shape.as_slice()) {
        (Some(top), true, _) => (HandCategory::StraightFlush, vec![top]),
        (_, _, [4, 1]) => (HandCategory::FourOfAKind, ranks),
        (None, true, _) => (HandCategory::Flush, ranks),
        (_, _, [3, 2]) => (HandCategory::FullHouse, ranks),
        (Some(top), false, _) => (HandCategory::Straight, vec![top]),
        (_, _, [3, 1, 1]) => (HandCategory::ThreeOfAKind, ranks),
        (_, _, [2, 2, 1]) => (HandCategory::TwoPair, ranks),
        (_, _, [2, 1, 1, 1]) => (HandCategory::OnePair, ranks),
        _ => (HandCategory::HighCard, ranks),
    };
    let place = reference_order(rules)
        .iter()
        .position(|&c| c == category)
        .expect("every category is in the order");
    (place, category, tie)
}

fn short_deck() -> Vec<Card> {
    Card::all().filter(|c| c.rank() >= Rank::Six).collect()
}

#[test]
fn exhaustive_every_five_card_hand_matches_the_reference() {
    let deck = short_deck();
    assert_eq!(deck.len(), 36);
    for rules in ShortDeckRules::ALL {
        let mut by_reference: BTreeMap<(usize, HandCategory, Vec<u8>), u32> = BTreeMap::new();
        let mut hands = 0u32;
        for a in 0..36 {
            for b in a + 1..36 {
                for c in b + 1..36 {
                    for d in c + 1..36 {
                        for e in d + 1..36 {
                            let cards = [deck[a], deck[b], deck[c], deck[d], deck[e]];
                            let set = CardSet::from_distinct(&cards).expect("distinct");
                            let strength = short_deck::strength(set, rules);
                            let reference = reference_five(cards, rules);
                            assert_eq!(strength.category(), reference.1, "{cards:?}");
                            let mut best = short_deck::best_five(set, strength);
                            let mut given = cards;
                            best.sort();
                            given.sort();
                            assert_eq!(best, given, "best five of {cards:?}");
                            let seen = by_reference.entry(reference).or_insert(strength.value());
                            assert_eq!(*seen, strength.value(), "{cards:?}");
                            hands += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(hands, 376_992);
        // pokerkit's ShortDeckHoldemLookup holds 1404 distinct hands too.
        assert_eq!(by_reference.len(), 1404, "{rules}");
        let strengths: Vec<u32> = by_reference.values().copied().collect();
        assert!(
            strengths.windows(2).all(|w| w[0] < w[1]),
            "{rules}: strength order differs from the reference"
        );
    }
}

/// Every 7-card hand: its strength is the best of its 21 five-card subsets' strengths
/// (which the test above checks against the reference), and its best five are among its
/// cards and score the same.
#[test]
fn exhaustive_every_seven_card_hand_is_the_best_of_its_fives() {
    let deck = short_deck();
    let next_first = AtomicUsize::new(0);
    let category_counts = Mutex::new([[0u64; 9]; 2]);
    std::thread::scope(|scope| {
        for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            scope.spawn(|| {
                let mut counts = [[0u64; 9]; 2];
                loop {
                    let a = next_first.fetch_add(1, Ordering::Relaxed);
                    if a >= 30 {
                        break;
                    }
                    let mut idx = [a, 0, 0, 0, 0, 0, 0];
                    for b in a + 1..36 {
                        idx[1] = b;
                        for c in b + 1..36 {
                            idx[2] = c;
                            for d in c + 1..36 {
                                idx[3] = d;
                                for e in d + 1..36 {
                                    idx[4] = e;
                                    for f in e + 1..36 {
                                        idx[5] = f;
                                        for g in f + 1..36 {
                                            idx[6] = g;
                                            let seven = idx.map(|i| deck[i]);
                                            check_seven(seven, &mut counts, g.is_multiple_of(7));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                let mut totals = category_counts.lock().expect("no thread panicked");
                for (total, count) in totals.iter_mut().flatten().zip(counts.iter().flatten()) {
                    *total += count;
                }
            });
        }
    });
    let counts = category_counts.into_inner().expect("no thread panicked");
    for (rules, counts) in ShortDeckRules::ALL.iter().zip(counts) {
        assert_eq!(counts.iter().sum::<u64>(), 8_347_680, "{rules}");
    }
    // Only trips against straights differ between the rule sets: every 7-card hand that
    // is trips under Triton rules and not under the standard ones is a straight there.
    let [triton, standard] = counts;
    let trips = HandCategory::ThreeOfAKind as usize;
    let straight = HandCategory::Straight as usize;
    assert!(triton[trips] > standard[trips]);
    assert_eq!(
        triton[trips] - standard[trips],
        standard[straight] - triton[straight]
    );
    for category in HandCategory::ALL {
        let i = category as usize;
        if i != trips && i != straight {
            assert_eq!(triton[i], standard[i], "{category}");
        }
    }
}

fn check_seven(seven: [Card; 7], counts: &mut [[u64; 9]; 2], check_cards: bool) {
    let set: CardSet = seven.iter().copied().collect();
    // The best-five extraction is checked on a seventh of the hands, to keep this quick.
    for (r, rules) in ShortDeckRules::ALL.into_iter().enumerate() {
        let strength = short_deck::strength(set, rules);
        let mut best = 0;
        for skip_a in 0..7 {
            for skip_b in skip_a + 1..7 {
                let mut five = set;
                five.remove(seven[skip_a]);
                five.remove(seven[skip_b]);
                best = best.max(short_deck::strength(five, rules).value());
            }
        }
        assert_eq!(strength.value(), best, "{rules}: {seven:?}");
        counts[r][strength.category() as usize] += 1;
        if check_cards {
            let best_set =
                CardSet::from_distinct(&short_deck::best_five(set, strength)).expect("distinct");
            assert_eq!(best_set.len(), 5, "{seven:?}");
            assert_eq!(best_set & set, best_set, "{seven:?}");
            assert_eq!(short_deck::strength(best_set, rules), strength, "{seven:?}");
        }
    }
}

#[test]
fn random_seven_card_hands_are_the_best_of_their_fives() {
    // A quick version of the exhaustive check for the debug test run.
    let mut deck = short_deck();
    let mut rng = ggp_core::SeededRng::new(36);
    let mut counts = [[0u64; 9]; 2];
    for _ in 0..3_000 {
        rng.shuffle(&mut deck);
        let seven: [Card; 7] = deck[..7].try_into().expect("seven cards");
        check_seven(seven, &mut counts, true);
    }
}
