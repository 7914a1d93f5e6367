//! Omaha hands: exactly two hole cards with exactly three board cards.
//!
//! The hole holds 4 (Omaha), 5 (five-card PLO, and Courchevel, which plays like it) or 6
//! cards (six-card PLO); the board 3 to 5. [`high()`] is the high hand and
//! [`eight_or_better()`] the low half of Omaha hi-lo.
//!
//! # Matching pokerkit
//!
//! pokerkit 0.7's `OmahaHoldemHand` and `OmahaEightOrBetterLowHand` (used by
//! `PotLimitOmahaHoldem` and `FixedLimitOmahaHoldemHighLowSplitEightOrBetter`) take every
//! two of the hole cards with every three of the board cards and keep the best five-card
//! hand under `StandardLookup` (the standard high hand, as in [`crate::eval::high`]) or
//! `EightOrBetterLookup` (as in [`crate::eval::low::eight_or_better`]). The low needs two
//! hole cards and three board cards of five distinct ranks, Eight or under; a board with
//! fewer than three such ranks gives nobody a low.

use crate::card::{Card, Rank, Suit};
use crate::card_set::CardSet;
use crate::eval::bits::{FiveCards, Subsets, ace_low, bit, rank_from_ace_low, top_ranks};
use crate::eval::high::{self, HandStrength};
use crate::eval::low::{self, AceToFiveLow};

/// The ace-low ranks from Ace to Eight (bits 0-7 of an ace-low mask).
const EIGHT_OR_UNDER: u32 = 0xFF;

/// The strength of the best Omaha high hand: two of `hole` with three of `board`.
///
/// Allocates nothing and never fails: it scores every two-plus-three combination (60 for
/// four hole cards and five on the board, 150 for six hole cards) with the standard
/// evaluator. With fewer than two hole or three board cards there is no hand, and it gives
/// the lowest strength of all.
///
/// ```
/// use ggp_core::{eval::omaha::high, CardSet};
/// // Four spades in the hole and one on the board make no flush: only two may play.
/// let hole = CardSet::parse("As Ks Qs Js")?;
/// let board = CardSet::parse("2s 7d 8c 9h Th")?;
/// assert_eq!(high(hole, board).description(), "Straight, Queen high");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn high(hole: CardSet, board: CardSet) -> HandStrength {
    best_high(hole, board).0
}

/// The best high strength and the five cards (as raw [`CardSet`] bits) that make it.
fn best_high(hole: CardSet, board: CardSet) -> (HandStrength, u64) {
    let mut best = (HandStrength::from_value(0), 0u64);
    for board_three in Subsets::new(board, 3) {
        for hole_two in Subsets::new(hole, 2) {
            let five = hole_two | board_three;
            let strength = high::strength(CardSet::from_bits(five));
            if strength > best.0 || best.1 == 0 {
                best = (strength, five);
            }
        }
    }
    best
}

/// The best Omaha 8-or-better low: two of `hole` with three of `board`, or `None` when no
/// such five cards hold five distinct ranks from Ace to Eight.
///
/// Allocates nothing and never fails. Only ranks matter to a qualifying low, so it works
/// on rank masks: every two low hole ranks with every three low board ranks, keeping the
/// lowest union of five (for five distinct ranks a lower mask is a lower hand).
///
/// ```
/// use ggp_core::{eval::omaha::eight_or_better, CardSet};
/// let board = CardSet::parse("2c 5d 8h Kc Ks")?;
/// let low = eight_or_better(CardSet::parse("As 3d Qh Qd")?, board);
/// assert_eq!(low.map(|l| l.description()).as_deref(), Some("Eight-Five Low"));
/// // Only one low card in the hole: no low.
/// assert_eq!(eight_or_better(CardSet::parse("As Jd Qh Qd")?, board), None);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn eight_or_better(hole: CardSet, board: CardSet) -> Option<AceToFiveLow> {
    best_low_mask(hole, board).map(|mask| {
        // A qualifying low's strength is the 8-or-better strength of its five ranks; any
        // five cards of those ranks give it.
        low::eight_or_better(five_of_ranks(mask)).unwrap_or(AceToFiveLow::from_value(0))
    })
}

/// The lowest five-rank ace-low mask of two low hole ranks and three low board ranks.
fn best_low_mask(hole: CardSet, board: CardSet) -> Option<u32> {
    let hole_low = ace_low(u32::from(hole.rank_mask())) & EIGHT_OR_UNDER;
    let board_low = ace_low(u32::from(board.rank_mask())) & EIGHT_OR_UNDER;
    let mut best: Option<u32> = None;
    for hole_two in rank_subsets(hole_low, 2) {
        for board_three in rank_subsets(board_low, 3) {
            if hole_two & board_three == 0 {
                let union = hole_two | board_three;
                best = Some(best.map_or(union, |b| b.min(union)));
            }
        }
    }
    best
}

/// Every `k`-rank subset of a rank mask.
fn rank_subsets(mask: u32, k: u32) -> impl Iterator<Item = u32> {
    // Rank masks have 13 bits, so the subsets fit back in a u32.
    Subsets::of_bits(u64::from(mask), k).map(|bits| bits as u32)
}

/// One card (of clubs) per rank of an ace-low rank mask: enough to score a low by ranks.
fn five_of_ranks(mask: u32) -> CardSet {
    (0..13)
        .filter(|&i| mask & bit(i) != 0)
        .map(|i| Card::new(rank_from_ace_low(i), Suit::Clubs))
        .collect()
}

/// The five cards that make the best Omaha high hand, most significant first.
///
/// ```
/// use ggp_core::{eval::omaha::best_five_high, format_cards, CardSet};
/// let hole = CardSet::parse("As Ks Qd Jc")?;
/// let board = CardSet::parse("2s 7s 8s 9h Th")?;
/// assert_eq!(format_cards(&best_five_high(hole, board)), "As Ks 8s 7s 2s");
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn best_five_high(hole: CardSet, board: CardSet) -> [Card; 5] {
    let (_, five) = best_high(hole, board);
    let mut cards = FiveCards::EMPTY;
    cards.extend(CardSet::from_bits(five).iter());
    // Five distinct cards always evaluate; without a hand there is nothing to show.
    high::evaluate(cards.as_slice()).map_or([Card::new(Rank::Two, Suit::Clubs); 5], |v| v.best_five)
}

pub(crate) fn best_cards_high(hole: CardSet, board: CardSet) -> FiveCards {
    FiveCards::from_slice(&best_five_high(hole, board))
}

/// The five cards that make the best Omaha 8-or-better low (two from the hole, three
/// from the board), from the highest down, or `None` when there is no low.
///
/// ```
/// use ggp_core::{eval::omaha::best_five_eight_or_better, format_cards, CardSet};
/// let hole = CardSet::parse("As 3d Qh Qd")?;
/// let board = CardSet::parse("2c 5d 8h Kc Ks")?;
/// let five = best_five_eight_or_better(hole, board).map(|c| format_cards(&c));
/// assert_eq!(five.as_deref(), Some("8h 5d 3d 2c As"));
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn best_five_eight_or_better(hole: CardSet, board: CardSet) -> Option<[Card; 5]> {
    let mask = best_low_mask(hole, board)?;
    // The hole supplies two of the five ranks; take those from the hole and the rest
    // from the board, even where the board also has a card of a hole rank.
    let hole_low = ace_low(u32::from(hole.rank_mask())) & EIGHT_OR_UNDER;
    let board_low = ace_low(u32::from(board.rank_mask())) & EIGHT_OR_UNDER;
    let hole_two = rank_subsets(hole_low & mask, 2)
        .find(|&two| (mask & !two) & !board_low == 0)
        .unwrap_or(0);
    let mut five = [Card::new(Rank::Two, Suit::Clubs); 5];
    let ranks = top_ranks::<5>(mask);
    for (slot, index) in five.iter_mut().zip(ranks) {
        let rank = rank_from_ace_low(index);
        let source = if hole_two & bit(index) != 0 {
            hole
        } else {
            board
        };
        if let Some(card) = source.cards_of_rank(rank).next() {
            *slot = card;
        }
    }
    Some(five)
}

pub(crate) fn best_cards_eight_or_better(hole: CardSet, board: CardSet) -> FiveCards {
    best_five_eight_or_better(hole, board)
        .map_or(FiveCards::EMPTY, |five| FiveCards::from_slice(&five))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::format_cards;

    fn sets(hole: &str, board: &str) -> (CardSet, CardSet) {
        (
            CardSet::parse(hole).unwrap(),
            CardSet::parse(board).unwrap(),
        )
    }

    #[test]
    fn pokerkit_docstring_hands() {
        // OmahaHoldemHand.from_game examples.
        for (hole, board, best) in [
            ("6c 7c 8c 9c", "8s 9s Tc", "Tc 9s 8s 7c 6c"),
            ("6c 7c 8s 9s", "8c 9c Tc", "Tc 9c 8c 7c 6c"),
            ("6c 7c 8c 9c", "8s 9s Tc 9h Ks", "9s 9h 9c 8s 8c"),
            ("6c 7c 8s Ah", "As 9c Tc 2s Ks", "Ah As Ks Tc 8s"),
        ] {
            let (hole, board) = sets(hole, board);
            let mut expected: Vec<Card> = CardSet::parse(best).unwrap().iter().collect();
            let mut got = best_five_high(hole, board).to_vec();
            expected.sort();
            got.sort();
            assert_eq!(format_cards(&got), format_cards(&expected));
        }
        // OmahaEightOrBetterLowHand.from_game examples.
        let (hole, board) = sets("As 2s 3s 4s", "2c 3c 4c 5c 6c");
        let low = eight_or_better(hole, board).unwrap();
        assert_eq!(low.description(), "Five-Four Low");
        let (hole, board) = sets("As 6s 7s 8s", "2c 3c 4c 5c 6c");
        assert_eq!(
            eight_or_better(hole, board).unwrap().description(),
            "Six-Four Low"
        );
        assert_eq!(
            best_five_eight_or_better(hole, board).map(|f| format_cards(&f)),
            Some("6s 4c 3c 2c As".to_owned())
        );
    }

    #[test]
    fn no_low_without_three_low_board_ranks() {
        let (hole, board) = sets("As 2s 3s 4s", "2c 2d 9c Tc 6c");
        assert_eq!(eight_or_better(hole, board), None);
        assert_eq!(best_five_eight_or_better(hole, board), None);
    }
}
