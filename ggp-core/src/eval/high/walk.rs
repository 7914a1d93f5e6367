//! Every seven-card hand of a list of cards, in enumeration order, a card at a time.
//!
//! The loops of an enumeration fix the first six cards long before the seventh, so the
//! work that depends on six cards alone is done once per six: a *rank state* numbers
//! each multiset of up to six ranks (at most four of each), one step of a table adds a
//! card's rank to it, and a six-rank state's row holds the class of each seventh rank.
//! The innermost loop is then one lookup per hand. A flush needs five cards of a suit,
//! so only six cards with four or more of one suit (about one in nine) take the
//! suit-aware [`HighEvaluator::class`] instead.
//!
//! The rows are filled from the evaluator's own perfect hash, so this is the same
//! evaluator walked in a different order, not a second one.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{HandClass, HighEvaluator, HighHand, RANK_KEYS, for_each_rank_multiset};
use crate::card::Card;
use crate::card_set::CardSet;
use crate::error::Result;

/// A table row: one entry per rank, padded to 16 so that a rank masked to four bits
/// indexes it without a bounds check.
type Row = [u16; 16];

/// The rank states and their steps, built on first use from the evaluator's tables.
struct WalkTables {
    /// For each state of at most five ranks (numbered across all sizes): the state
    /// with one more card of each rank. The step from five ranks to six gives the
    /// six-rank state's row in `seventh`. A fifth card of a rank goes nowhere useful
    /// (state 0), which distinct cards never ask for.
    grow: Box<[Row]>,
    /// For each state of six ranks: the class of the seven-card hand with one more card
    /// of each rank, as if no five cards shared a suit.
    seventh: Box<[Row]>,
}

impl WalkTables {
    fn build(evaluator: HighEvaluator) -> WalkTables {
        // Every multiset of at most six ranks; states of six ranks are numbered on their
        // own, the others together.
        let mut multisets: Vec<([u8; 13], u32)> = Vec::new();
        for_each_rank_multiset(&mut [0; 13], 0, 6, &mut |counts| {
            let key = counts
                .iter()
                .zip(RANK_KEYS)
                .map(|(&count, rank_key)| u32::from(count) * rank_key)
                .sum();
            multisets.push((*counts, key));
        });
        let size = |counts: &[u8; 13]| counts.iter().map(|&c| usize::from(c)).sum::<usize>();
        // Smaller multisets first, so that the empty one is state 0.
        multisets.sort_by_key(|(counts, _)| size(counts));
        let mut state_of_key: HashMap<u32, u16> = HashMap::with_capacity(multisets.len());
        let (mut small, mut six) = (0u16, 0u16);
        for (counts, key) in &multisets {
            let numbering = if size(counts) == 6 {
                &mut six
            } else {
                &mut small
            };
            state_of_key.insert(*key, *numbering);
            *numbering += 1;
        }
        let mut grow = vec![[0u16; 16]; usize::from(small)];
        let mut seventh = vec![[0u16; 16]; usize::from(six)];
        for (counts, key) in &multisets {
            let state = usize::from(state_of_key.get(key).copied().unwrap_or(0));
            let row = if size(counts) == 6 {
                seventh.get_mut(state)
            } else {
                grow.get_mut(state)
            };
            let Some(row) = row else { continue };
            for (rank, (&count, rank_key)) in counts.iter().zip(RANK_KEYS).enumerate() {
                if count == 4 {
                    continue;
                }
                let next = key + rank_key;
                row[rank] = if size(counts) == 6 {
                    evaluator.class_without_flush(next)
                } else {
                    state_of_key.get(&next).copied().unwrap_or(0)
                };
            }
        }
        WalkTables {
            grow: grow.into_boxed_slice(),
            seventh: seventh.into_boxed_slice(),
        }
    }

    /// The state with one more card of rank `rank` (0..13).
    #[inline(always)]
    fn grow(&self, state: u16, rank: u8) -> u16 {
        self.grow
            .get(usize::from(state))
            .map_or(0, |row| row[usize::from(rank) & 15])
    }
}

fn walk_tables() -> &'static WalkTables {
    static TABLES: OnceLock<WalkTables> = OnceLock::new();
    TABLES.get_or_init(|| WalkTables::build(HighEvaluator::get()))
}

impl HighEvaluator {
    /// Calls `visit` with the class of every seven-card hand of `cards`, in enumeration
    /// order: positions `a < b < … < g`, the last varying fastest, as seven nested
    /// loops would give them. Each hand costs about one table lookup (see the module
    /// documentation); the classes are those [`HighEvaluator::class`] gives.
    ///
    /// Errors if a card appears twice. Fewer than seven cards make no hand.
    ///
    /// ```
    /// use ggp_core::{eval::high::HighEvaluator, parse_cards};
    /// let cards = parse_cards("As Ks Qs Js Ts 9s 2c 2d")?;
    /// let mut classes = Vec::new();
    /// HighEvaluator::get().for_each_seven_card_class(&cards, |class| classes.push(class))?;
    /// assert_eq!(classes.len(), 8); // eight ways to leave one card out
    /// assert_eq!(classes.iter().max(), Some(&7462)); // the royal flush
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn for_each_seven_card_class(
        self,
        cards: &[Card],
        mut visit: impl FnMut(HandClass),
    ) -> Result<()> {
        CardSet::from_distinct(cards)?;
        let walk = walk_tables();
        let hands: Vec<HighHand> = cards.iter().map(|&card| HighHand::card(card)).collect();
        let ranks: Vec<u8> = cards.iter().map(|card| card.rank().index()).collect();
        let suits: Vec<u8> = cards.iter().map(|card| card.suit().index()).collect();
        let n = cards.len();
        for a in 0..n.saturating_sub(6) {
            let (h1, s1) = (hands[a], walk.grow(0, ranks[a]));
            for b in a + 1..n - 5 {
                let (h2, s2) = (h1.combine(hands[b]), walk.grow(s1, ranks[b]));
                for c in b + 1..n - 4 {
                    let (h3, s3) = (h2.combine(hands[c]), walk.grow(s2, ranks[c]));
                    for d in c + 1..n - 3 {
                        let (h4, s4) = (h3.combine(hands[d]), walk.grow(s3, ranks[d]));
                        for e in d + 1..n - 2 {
                            let (h5, s5) = (h4.combine(hands[e]), walk.grow(s4, ranks[e]));
                            for f in e + 1..n - 1 {
                                let h6 = h5.combine(hands[f]);
                                let s6 = walk.grow(s5, ranks[f]);
                                let Some(row) = walk.seventh.get(usize::from(s6)) else {
                                    continue;
                                };
                                let rest = f + 1..n;
                                if !h6.may_flush_with(1) {
                                    for &rank in &ranks[rest] {
                                        visit(row[usize::from(rank) & 15]);
                                    }
                                } else if h6.may_flush_with(0) {
                                    // Five of a suit already: rare, scored in full.
                                    for &hand in &hands[rest] {
                                        visit(self.class(h6.combine(hand)));
                                    }
                                } else {
                                    // Four of a suit: a fifth makes the flush, any other
                                    // card scores by ranks as before.
                                    let suit = h6.four_flush_suit();
                                    let mask = h6.suit_ranks(suit);
                                    for (&rank, &card_suit) in
                                        ranks[rest.clone()].iter().zip(&suits[rest])
                                    {
                                        visit(if card_suit == suit {
                                            self.flush_class(mask | 1 << rank)
                                        } else {
                                            row[usize::from(rank) & 15]
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every seven-card hand of `cards` scored from scratch, in the same order.
    fn plain(cards: &[Card], mut visit: impl FnMut(HandClass)) {
        let evaluator = HighEvaluator::get();
        let n = cards.len();
        let mut positions = [0usize, 1, 2, 3, 4, 5, 6];
        if n < 7 {
            return;
        }
        loop {
            let hand = positions
                .iter()
                .fold(HighHand::EMPTY, |hand, &i| hand.with(cards[i]));
            visit(evaluator.class(hand));
            // The next combination in lexicographic order.
            let Some(i) = (0..7).rev().find(|&i| positions[i] < n - 7 + i) else {
                return;
            };
            positions[i] += 1;
            for j in i + 1..7 {
                positions[j] = positions[j - 1] + 1;
            }
        }
    }

    /// An order-sensitive checksum and a class histogram of a walk.
    fn digest(walk: impl FnOnce(&mut dyn FnMut(HandClass))) -> (u64, u64, Vec<u64>) {
        let (mut hash, mut count, mut histogram) = (0u64, 0u64, vec![0u64; 7463]);
        walk(&mut |class| {
            hash = hash
                .wrapping_mul(0x100_0000_01B3)
                .wrapping_add(u64::from(class));
            count += 1;
            histogram[usize::from(class).min(7462)] += 1;
        });
        (hash, count, histogram)
    }

    fn check(cards: &[Card]) {
        let evaluator = HighEvaluator::get();
        let walked = digest(|visit| {
            evaluator
                .for_each_seven_card_class(cards, visit)
                .expect("distinct cards")
        });
        let scratch = digest(|visit| plain(cards, visit));
        assert_eq!(walked, scratch, "{cards:?}");
    }

    #[test]
    fn small_decks_walk_like_the_plain_evaluator() {
        let mut rng = crate::SeededRng::new(5);
        let mut deck: Vec<Card> = Card::all().collect();
        for n in [0, 6, 7, 8, 12, 16, 20] {
            rng.shuffle(&mut deck);
            check(&deck[..n]);
        }
        // Suited runs, so that flushes and straight flushes come up often.
        let spades: Vec<Card> = Card::all().filter(|c| c.suit().letter() == 's').collect();
        check(&spades);
        let hearts_and_clubs: Vec<Card> = Card::all()
            .filter(|c| matches!(c.suit().letter(), 'h' | 'c'))
            .take(18)
            .collect();
        check(&hearts_and_clubs);
    }

    #[test]
    fn duplicates_are_errors() {
        let cards = crate::parse_cards("As Ks Qs Js Ts 9s As").expect("cards");
        let result = HighEvaluator::get().for_each_seven_card_class(&cards, |_| {});
        assert!(result.is_err());
    }

    /// Release mode only (`cargo test --release -p ggp-core -- exhaustive`): all
    /// 133,784,560 hands of the deck, the walk against the plain evaluator hand by hand
    /// (an order-sensitive checksum), with the known category counts.
    #[test]
    fn exhaustive_walk_of_every_seven_card_hand_matches_the_plain_evaluator() {
        let deck: Vec<Card> = Card::all().collect();
        let evaluator = HighEvaluator::get();
        let walked = digest(|visit| {
            evaluator
                .for_each_seven_card_class(&deck, visit)
                .expect("distinct cards")
        });
        let scratch = digest(|visit| plain(&deck, visit));
        assert_eq!(walked.0, scratch.0, "checksums differ");
        assert_eq!(walked.1, 133_784_560);
        assert_eq!(walked.2, scratch.2, "class counts differ");
        let mut categories = [0u64; 9];
        for (class, &count) in walked.2.iter().enumerate() {
            if count > 0 {
                let category = evaluator.strength_of(class as HandClass).category();
                categories[category as usize] += count;
            }
        }
        assert_eq!(
            categories,
            [
                23_294_460, 58_627_800, 31_433_400, 6_461_620, 6_180_020, 4_047_644, 3_473_184,
                224_848, 41_584
            ]
        );
    }
}
