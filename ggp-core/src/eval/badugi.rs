//! Badugi hands: the best badugi in four cards.
//!
//! A badugi hand is a set of cards of distinct suits *and* distinct ranks; from four cards
//! the player keeps the largest such set, and among those the lowest. Any four-card
//! badugi beats any three-card hand, which beats any two-card hand, which beats any single
//! card. Between hands of the same size the lower highest card wins, then the next, and so
//! on; suits never break ties.
//!
//! Two rank orders:
//! - [`BadugiRanking::AceToFive`]: the ace is the lowest card (badugi, and the badugi half
//!   of badacey); A-2-3-4 of four suits is the best hand.
//! - [`BadugiRanking::DeuceToSeven`]: the ace is the highest card (the badugi half of
//!   badeucy); 2-3-4-5 of four suits is the best hand.
//!
//! # Matching pokerkit
//!
//! pokerkit 0.7's `BadugiHand` (`BadugiLookup`, ranks A, 2 … K; used by `FixedLimitBadugi`)
//! and `StandardBadugiHand` (`StandardBadugiLookup`, ranks 2 … A): a hand is valid only
//! when its cards are rainbow (distinct suits) and of distinct ranks; `from_game` tries
//! every four-card subset, then three, two and one, and keeps the best hand of the largest
//! size that has one. Its lookup lists four-card hands first, then three, two, one, each
//! size ordered by its ranks from the highest down. pokerkit defines no badeucy or badacey
//! game; `StandardBadugiHand` is the 2-7 badugi it provides for one. Its `from_game` takes
//! any number of cards; here a showdown hand is four ([`crate::eval::evaluate`] checks),
//! while [`strength`] accepts any set.

use std::fmt;

use crate::card::{Card, Rank, Suit};
use crate::card_set::CardSet;
use crate::eval::bits::{
    RANK_BITS, ace_low, bit, each_bit, highest, rank_from_ace_low, rank_from_index,
};

/// Where the ace ranks in a badugi hand.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum BadugiRanking {
    /// The ace is low: badugi, and the badugi half of badacey.
    AceToFive,
    /// The ace is high: the badugi half of badeucy.
    DeuceToSeven,
}

impl BadugiRanking {
    /// Both rankings.
    pub const ALL: [BadugiRanking; 2] = [BadugiRanking::AceToFive, BadugiRanking::DeuceToSeven];

    /// The stable snake_case name: "ace_to_five" or "deuce_to_seven".
    pub const fn code(self) -> &'static str {
        match self {
            BadugiRanking::AceToFive => "ace_to_five",
            BadugiRanking::DeuceToSeven => "deuce_to_seven",
        }
    }

    /// A standard rank mask re-indexed so that bit 0 is this ranking's lowest rank.
    const fn order_mask(self, mask: u32) -> u32 {
        match self {
            BadugiRanking::AceToFive => ace_low(mask),
            BadugiRanking::DeuceToSeven => mask & RANK_BITS,
        }
    }

    /// The rank at an index of [`BadugiRanking::order_mask`].
    fn rank(self, index: u32) -> Rank {
        match self {
            BadugiRanking::AceToFive => rank_from_ace_low(index),
            BadugiRanking::DeuceToSeven => rank_from_index(index),
        }
    }
}

impl fmt::Display for BadugiRanking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A badugi hand's strength: greater is better, within one ranking.
///
/// Layout: bit 16 names the ranking (0 for A-5, 1 for 2-7; constant within a ranking, so
/// it never decides a comparison), bits 13-15 the number of cards, and bits 0-12 the
/// complement of the hand's rank mask in the ranking's order: between hands of one size,
/// the lower mask is the lower highest card first, so its complement is greater.
///
/// ```
/// use ggp_core::{eval::badugi::{strength, BadugiRanking}, CardSet};
/// let ranking = BadugiRanking::AceToFive;
/// let four = strength(CardSet::parse("Kc Qd Jh Ts")?, ranking);
/// let three = strength(CardSet::parse("Ac 2d 3h 4h")?, ranking);
/// assert!(four > three);
/// assert_eq!(four.description(), "Four-card Badugi, King high");
/// assert_eq!(three.description(), "Three-card Hand, Three high");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BadugiStrength(u32);

impl BadugiStrength {
    fn new(ranking: BadugiRanking, order_mask: u32) -> BadugiStrength {
        let flag = match ranking {
            BadugiRanking::AceToFive => 0,
            BadugiRanking::DeuceToSeven => 1 << 16,
        };
        BadugiStrength(flag | order_mask.count_ones() << 13 | (!order_mask & RANK_BITS))
    }

    pub(crate) const fn from_value(value: u32) -> BadugiStrength {
        BadugiStrength(value)
    }

    /// The raw value, for comparing and storing.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The ranking the strength was computed under.
    pub const fn ranking(self) -> BadugiRanking {
        if self.0 & 1 << 16 == 0 {
            BadugiRanking::AceToFive
        } else {
            BadugiRanking::DeuceToSeven
        }
    }

    /// How many cards play: 4 for a badugi, down to 1.
    pub const fn card_count(self) -> usize {
        ((self.0 >> 13) & 0x7) as usize
    }

    /// The hand's ranks, highest (in its ranking) first.
    pub fn ranks(self) -> impl Iterator<Item = Rank> {
        let ranking = self.ranking();
        let mask = !self.0 & RANK_BITS;
        (0..13)
            .rev()
            .filter(move |&i| mask & bit(i) != 0)
            .map(move |i| ranking.rank(i))
    }

    /// How a commentator says it: "Four-card Badugi, Seven high", "Three-card Hand, Six
    /// high".
    pub fn description(self) -> String {
        let top = self.ranks().next().unwrap_or(Rank::King);
        let size = match self.card_count() {
            4 => return format!("Four-card Badugi, {} high", top.name()),
            3 => "Three",
            2 => "Two",
            _ => "One",
        };
        format!("{size}-card Hand, {} high", top.name())
    }
}

/// The strength of the best badugi hand in `set` (four cards at a showdown).
///
/// Allocates nothing and never fails. It tries every way of keeping at most one card per
/// suit (16 at most for four cards) and keeps the largest, then lowest, set of distinct
/// ranks.
///
/// ```
/// use ggp_core::{eval::badugi::{strength, BadugiRanking}, CardSet};
/// let hand = CardSet::parse("As 2s 3d 4h")?;
/// assert_eq!(strength(hand, BadugiRanking::AceToFive).description(), "Three-card Hand, Four high");
/// // With the ace high, the deuce is the better spade to keep.
/// assert_eq!(strength(hand, BadugiRanking::DeuceToSeven).description(), "Three-card Hand, Four high");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn strength(set: CardSet, ranking: BadugiRanking) -> BadugiStrength {
    BadugiStrength::new(ranking, best(set, ranking).0)
}

/// The best hand's rank mask in the ranking's order, and the rank bit kept from each suit
/// (clubs first; 0 for none).
fn best(set: CardSet, ranking: BadugiRanking) -> (u32, [u32; 4]) {
    let masks = Suit::ALL.map(|suit| ranking.order_mask(u32::from(set.suit_mask(suit))));
    let mut best_key = 0u32;
    let mut best = (0u32, [0u32; 4]);
    for a in choices(masks[0]) {
        for b in choices(masks[1]).filter(|&b| b & a == 0) {
            let ab = a | b;
            for c in choices(masks[2]).filter(|&c| c & ab == 0) {
                let abc = ab | c;
                for d in choices(masks[3]).filter(|&d| d & abc == 0) {
                    let union = abc | d;
                    // More cards first, then the lower mask (the same key as the strength).
                    let key = union.count_ones() << 13 | (!union & RANK_BITS);
                    if key > best_key {
                        best_key = key;
                        best = (union, [a, b, c, d]);
                    }
                }
            }
        }
    }
    best
}

/// Keeping no card of a suit, or one of its ranks.
fn choices(mask: u32) -> impl Iterator<Item = u32> {
    std::iter::once(0).chain(each_bit(mask))
}

/// The cards of `set` that make its best badugi hand.
///
/// ```
/// use ggp_core::{eval::badugi::{best_cards, BadugiRanking}, CardSet};
/// let hand = CardSet::parse("As 2s 3d 4h")?;
/// assert_eq!(best_cards(hand, BadugiRanking::AceToFive).to_string(), "3d 4h As");
/// assert_eq!(best_cards(hand, BadugiRanking::DeuceToSeven).to_string(), "2s 3d 4h");
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn best_cards(set: CardSet, ranking: BadugiRanking) -> CardSet {
    let (_, kept) = best(set, ranking);
    let mut cards = CardSet::EMPTY;
    for (suit, rank_bit) in Suit::ALL.into_iter().zip(kept) {
        if rank_bit != 0 {
            cards.insert(Card::new(ranking.rank(highest(rank_bit)), suit));
        }
    }
    cards
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str, ranking: BadugiRanking) -> BadugiStrength {
        strength(CardSet::parse(text).unwrap(), ranking)
    }

    #[test]
    fn pokerkit_docstring_order() {
        // BadugiHand's own examples: Kc < Ac < 4c8dKh < Ac2d3h5s < Ac2d3h4s.
        let hands = ["Kc", "Ac", "4c 8d Kh", "Ac 2d 3h 5s", "Ac 2d 3h 4s"]
            .map(|h| eval(h, BadugiRanking::AceToFive));
        assert!(hands.windows(2).all(|w| w[0] < w[1]), "{hands:?}");
        // From four cards of one suit the lowest card plays.
        assert_eq!(
            eval("Ac 2c 3c 4c", BadugiRanking::DeuceToSeven).description(),
            "One-card Hand, Two high"
        );
        assert_eq!(
            eval("Ac Ad Ah As", BadugiRanking::AceToFive).description(),
            "One-card Hand, Ace high"
        );
        // Suits never break ties.
        assert_eq!(
            eval("2s 3d 3c 4d", BadugiRanking::DeuceToSeven),
            eval("2s 3c 3d 4d", BadugiRanking::DeuceToSeven)
        );
    }

    #[test]
    fn ranks_and_count() {
        let value = eval("Kc 7d 4h 2s", BadugiRanking::AceToFive);
        assert_eq!(value.card_count(), 4);
        assert_eq!(
            value.ranks().collect::<Vec<_>>(),
            [Rank::King, Rank::Seven, Rank::Four, Rank::Two]
        );
        let value = eval("Ac 7d 4h 2s", BadugiRanking::DeuceToSeven);
        assert_eq!(value.ranking(), BadugiRanking::DeuceToSeven);
        assert_eq!(value.description(), "Four-card Badugi, Ace high");
    }
}
