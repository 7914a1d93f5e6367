//! Exhaustive check of the badugi evaluator: every 4-card hand, in both rank orders,
//! against an independent slow reference.
//!
//! A second in release mode, longer in debug: `cargo test --release -p ggp-core --test
//! badugi_exhaustive` (the debug test run skips the `exhaustive_` tests).

use std::cmp::Reverse;
use std::collections::BTreeMap;

use ggp_core::eval::badugi::{self, BadugiRanking};
use ggp_core::{Card, CardSet, Rank};

/// A rank's value in the ranking (lower is better).
fn value(rank: Rank, ranking: BadugiRanking) -> u8 {
    match (ranking, rank) {
        (BadugiRanking::AceToFive, Rank::Ace) => 0,
        (BadugiRanking::AceToFive, rank) => rank.index() + 1,
        (BadugiRanking::DeuceToSeven, rank) => rank.index(),
    }
}

/// The textbook way: of every subset of distinct suits and distinct ranks, the largest,
/// then the one whose values, sorted from the highest, are lexicographically lowest.
/// Greater keys are better.
fn reference(cards: [Card; 4], ranking: BadugiRanking) -> (usize, Reverse<Vec<u8>>) {
    let mut best: Option<(usize, Reverse<Vec<u8>>)> = None;
    for subset in 1u32..16 {
        let chosen: Vec<Card> = (0..4)
            .filter(|&i| subset & (1 << i) != 0)
            .map(|i| cards[i])
            .collect();
        let mut suits: Vec<_> = chosen.iter().map(|c| c.suit()).collect();
        let mut ranks: Vec<_> = chosen.iter().map(|c| c.rank()).collect();
        suits.sort();
        suits.dedup();
        ranks.sort();
        ranks.dedup();
        if suits.len() != chosen.len() || ranks.len() != chosen.len() {
            continue;
        }
        let mut values: Vec<u8> = chosen.iter().map(|c| value(c.rank(), ranking)).collect();
        values.sort_by(|a, b| b.cmp(a));
        let key = (chosen.len(), Reverse(values));
        if best.as_ref().is_none_or(|b| key > *b) {
            best = Some(key);
        }
    }
    best.expect("a single card is always a hand")
}

fn card(index: usize) -> Card {
    Card::from_index(index as u32).expect("index below 52")
}

#[test]
fn exhaustive_every_four_card_hand_matches_the_reference() {
    for ranking in BadugiRanking::ALL {
        let mut by_reference: BTreeMap<(usize, Reverse<Vec<u8>>), u32> = BTreeMap::new();
        let mut sizes = [0u32; 5];
        for a in 0..52 {
            for b in a + 1..52 {
                for c in b + 1..52 {
                    for d in c + 1..52 {
                        let cards = [card(a), card(b), card(c), card(d)];
                        let set = CardSet::from_distinct(&cards).expect("distinct");
                        let strength = badugi::strength(set, ranking);
                        let reference = reference(cards, ranking);
                        assert_eq!(strength.card_count(), reference.0, "{cards:?}");
                        sizes[reference.0] += 1;

                        // The kept cards are a badugi hand of the same ranks.
                        let kept = badugi::best_cards(set, ranking);
                        assert_eq!(kept & set, kept, "{cards:?}");
                        assert_eq!(kept.len(), reference.0, "{cards:?}");
                        let mut kept_values: Vec<u8> =
                            kept.iter().map(|c| value(c.rank(), ranking)).collect();
                        kept_values.sort_by(|a, b| b.cmp(a));
                        assert_eq!(kept_values, reference.1.0, "{cards:?}");
                        let ranks: Vec<u8> =
                            strength.ranks().map(|rank| value(rank, ranking)).collect();
                        assert_eq!(ranks, reference.1.0, "{cards:?}");
                        assert_eq!(badugi::strength(kept, ranking), strength, "{cards:?}");

                        let seen = by_reference.entry(reference).or_insert(strength.value());
                        assert_eq!(*seen, strength.value(), "{ranking}: {cards:?}");
                    }
                }
            }
        }
        // Four-card badugis: 13*12*11*10 rank choices over 4! orders, times 4! suit
        // assignments, = 17160 ranks-and-suits combinations.
        assert_eq!(sizes[4], 17_160);
        assert_eq!(sizes.iter().sum::<u32>(), 270_725);
        // pokerkit's BadugiLookup holds 1092 hands: 715 + 286 + 78 + 13.
        assert_eq!(by_reference.len(), 1092, "{ranking}");
        let strengths: Vec<u32> = by_reference.values().copied().collect();
        assert!(
            strengths.windows(2).all(|w| w[0] < w[1]),
            "{ranking}: strength order differs from the reference"
        );
    }
}

#[test]
fn random_four_card_hands_match_the_reference() {
    // A quick version of the exhaustive check for the debug test run.
    let mut deck: Vec<Card> = Card::all().collect();
    let mut rng = ggp_core::SeededRng::new(4);
    for _ in 0..5_000 {
        rng.shuffle(&mut deck);
        let cards: [Card; 4] = deck[..4].try_into().expect("four cards");
        let set = CardSet::from_distinct(&cards).expect("distinct");
        for ranking in BadugiRanking::ALL {
            let strength = badugi::strength(set, ranking);
            let reference = reference(cards, ranking);
            assert_eq!(strength.card_count(), reference.0, "{cards:?}");
            let ranks: Vec<u8> = strength.ranks().map(|rank| value(rank, ranking)).collect();
            assert_eq!(ranks, reference.1.0, "{cards:?}");
        }
    }
}
