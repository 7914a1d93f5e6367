//! Rank-mask and card-subset helpers shared by the evaluators.
//!
//! A rank mask holds one bit per rank. Most masks index ranks as [`Rank::index`] does
//! (Two = 0 … Ace = 12); the ace-low games re-index them with [`ace_low`] (Ace = 0,
//! Two = 1 … King = 12) so that "lower mask" and "lower hand" line up.

use crate::card::{Card, Rank, Suit};
use crate::card_set::CardSet;
use crate::eval::high::HandCategory;

/// The 13 valid bits of a rank mask.
pub(super) const RANK_BITS: u32 = 0x1FFF;

/// The highest set bit of a mask, 0 for an empty mask (never panics).
#[inline]
pub(super) const fn highest(mask: u32) -> u32 {
    31 - (mask | 1).leading_zeros()
}

/// The lowest set bit of a rank mask, 15 for an empty mask (never panics, and a shift by
/// it stays in range).
#[inline]
pub(super) const fn lowest(mask: u32) -> u32 {
    (mask | 0x8000).trailing_zeros()
}

/// The mask with only `rank`'s bit (0 when `rank` is out of range).
#[inline]
pub(super) const fn bit(rank: u32) -> u32 {
    match 1u32.checked_shl(rank) {
        Some(b) => b,
        None => 0,
    }
}

/// The `N` highest ranks of a mask, highest first (zero-filled when it holds fewer).
#[inline]
pub(super) fn top_ranks<const N: usize>(mut mask: u32) -> [u32; N] {
    let mut out = [0; N];
    for slot in &mut out {
        *slot = highest(mask);
        mask &= !bit(*slot);
    }
    out
}

/// The `N` lowest ranks of a mask, highest of them first, so that they read like a hand
/// from its most significant card down (zero-filled when it holds fewer).
#[inline]
pub(super) fn bottom_ranks<const N: usize>(mut mask: u32) -> [u32; N] {
    let mut out = [0; N];
    for slot in out.iter_mut().rev() {
        if mask == 0 {
            break;
        }
        *slot = lowest(mask);
        mask &= mask - 1;
    }
    out
}

/// The value layout every 5-card evaluator shares (the one [`crate::HandStrength`]
/// documents): the category in bits 20-23, then up to five 4-bit ranks, most significant
/// first.
#[inline]
pub(super) fn pack(category: HandCategory, ranks: &[u32]) -> u32 {
    let mut value = (category as u32) << 20;
    for (i, &rank) in ranks.iter().take(5).enumerate() {
        value |= (rank & 0xF) << (16 - 4 * i);
    }
    value
}

/// The category of a value in the [`pack`] layout.
#[inline]
pub(super) fn unpack_category(value: u32) -> HandCategory {
    HandCategory::from_index(((value >> 20) & 0xF) as u8).unwrap_or(HandCategory::HighCard)
}

/// The `i`-th rank nibble of a value in the [`pack`] layout.
#[inline]
pub(super) const fn unpack_rank(value: u32, i: usize) -> u32 {
    (value >> (16 - 4 * i)) & 0xF
}

/// How many cards of each rank group make a five-card hand of this category, most
/// significant group first.
pub(super) const fn group_sizes(category: HandCategory) -> &'static [usize] {
    match category {
        HandCategory::HighCard
        | HandCategory::Straight
        | HandCategory::Flush
        | HandCategory::StraightFlush => &[1, 1, 1, 1, 1],
        HandCategory::OnePair => &[2, 1, 1, 1],
        HandCategory::TwoPair => &[2, 2, 1],
        HandCategory::ThreeOfAKind => &[3, 1, 1],
        HandCategory::FullHouse => &[3, 2],
        HandCategory::FourOfAKind => &[4, 1],
    }
}

/// A standard rank mask (Two = bit 0) re-indexed ace-low (Ace = bit 0, Two = bit 1, …).
#[inline]
pub(super) const fn ace_low(mask: u32) -> u32 {
    ((mask << 1) | (mask >> 12)) & RANK_BITS
}

/// The rank at an ace-low index (0 = Ace, 1 = Two … 12 = King).
#[inline]
pub(super) fn rank_from_ace_low(index: u32) -> Rank {
    match index {
        0 => Rank::Ace,
        i => Rank::from_index((i - 1) as u8).unwrap_or(Rank::King),
    }
}

/// The rank at a standard index (0 = Two … 12 = Ace).
#[inline]
pub(super) fn rank_from_index(index: u32) -> Rank {
    Rank::from_index(index as u8).unwrap_or(Rank::Ace)
}

/// The four suit masks of a set, clubs first.
#[inline]
pub(super) fn suit_masks(set: CardSet) -> [u32; 4] {
    Suit::ALL.map(|suit| u32::from(set.suit_mask(suit)))
}

/// Up to five cards collected without allocating, in the order they were pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FiveCards {
    cards: [Card; 5],
    len: u8,
}

impl FiveCards {
    pub(super) const EMPTY: FiveCards = FiveCards {
        cards: [Card::new(Rank::Two, Suit::Clubs); 5],
        len: 0,
    };

    /// Appends a card; cards past the fifth are dropped.
    #[inline]
    pub(super) fn push(&mut self, card: Card) {
        if let Some(slot) = self.cards.get_mut(usize::from(self.len)) {
            *slot = card;
            self.len += 1;
        }
    }

    pub(super) fn extend(&mut self, cards: impl IntoIterator<Item = Card>) {
        for card in cards {
            self.push(card);
        }
    }

    pub(super) fn as_slice(&self) -> &[Card] {
        &self.cards[..usize::from(self.len)]
    }

    pub(super) fn from_slice(cards: &[Card]) -> FiveCards {
        let mut out = FiveCards::EMPTY;
        out.extend(cards.iter().copied());
        out
    }
}

/// The cards of a group-ordered value (see [`pack`]) taken from `set`: for each rank
/// group, that many cards of the group's rank, highest suit first.
pub(super) fn group_cards(
    set: CardSet,
    category: HandCategory,
    ranks: impl Fn(usize) -> Rank,
) -> FiveCards {
    let mut out = FiveCards::EMPTY;
    for (i, &size) in group_sizes(category).iter().enumerate() {
        out.extend(set.cards_of_rank(ranks(i)).take(size));
    }
    out
}

/// Each set bit of a mask on its own, lowest first.
#[inline]
pub(super) fn each_bit(mask: u32) -> impl Iterator<Item = u32> {
    std::iter::successors(Some(mask), |&rest| Some(rest & rest.wrapping_sub(1)))
        .take_while(|&rest| rest != 0)
        .map(|rest| rest & rest.wrapping_neg())
}

/// Every `k`-card subset of a set of cards, as raw [`CardSet`] bits, without allocating.
///
/// Walks the `k`-subsets of the set's card positions with Gosper's hack (the next integer
/// with as many one bits), then maps the chosen positions back to card bits.
#[derive(Debug, Clone)]
pub(super) struct Subsets {
    positions: [u8; 64],
    count: u32,
    chosen: u64,
}

impl Subsets {
    pub(super) fn new(set: CardSet, k: u32) -> Subsets {
        Subsets::of_bits(set.bits(), k)
    }

    /// Every `k`-bit subset of any mask (a rank mask as well as a card set's bits).
    pub(super) fn of_bits(mut bits: u64, k: u32) -> Subsets {
        let mut positions = [0u8; 64];
        let mut count = 0u32;
        while bits != 0 {
            positions[count as usize] = bits.trailing_zeros() as u8;
            count += 1;
            bits &= bits - 1;
        }
        // No subset exists when k exceeds the count; k = 0 has the empty set only.
        let chosen = if k > count { u64::MAX } else { (1u64 << k) - 1 };
        Subsets {
            positions,
            count,
            chosen,
        }
    }
}

impl Iterator for Subsets {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let chosen = self.chosen;
        // `chosen` runs past the `count` positions once every subset has been given.
        if chosen == u64::MAX || (self.count < 64 && chosen >> self.count != 0) {
            return None;
        }
        let mut bits = 0u64;
        let mut rest = chosen;
        while rest != 0 {
            bits |= 1u64 << self.positions[rest.trailing_zeros() as usize];
            rest &= rest - 1;
        }
        self.chosen = if chosen == 0 {
            u64::MAX
        } else {
            let low = chosen & chosen.wrapping_neg();
            match chosen.checked_add(low) {
                Some(ripple) => ripple | (((chosen ^ ripple) >> 2) / low),
                None => u64::MAX,
            }
        };
        Some(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_are_every_k_subset_once() {
        let set = CardSet::parse("As Ks Qh 2c 3d 9h 7s").unwrap();
        for k in 0..=8u32 {
            let subsets: Vec<u64> = Subsets::new(set, k).collect();
            let expected = match k {
                0 => 1,
                8 => 0,
                k => (0..k).fold(1u64, |acc, i| acc * u64::from(7 - i) / u64::from(i + 1)),
            };
            assert_eq!(subsets.len() as u64, expected, "k = {k}");
            let mut unique = subsets.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), subsets.len());
            assert!(
                subsets
                    .iter()
                    .all(|&b| b.count_ones() == k && b & !set.bits() == 0)
            );
        }
        assert_eq!(Subsets::new(CardSet::EMPTY, 2).count(), 0);
        assert_eq!(
            Subsets::of_bits(0b1011, 2).collect::<Vec<_>>(),
            [0b0011, 0b1001, 0b1010]
        );
        assert_eq!(each_bit(0b1010_0110).collect::<Vec<_>>(), [2, 4, 32, 128]);
        assert_eq!(each_bit(0).count(), 0);
        assert_eq!(Subsets::new(CardSet::FULL, 2).count(), 52 * 51 / 2);
    }

    #[test]
    fn rank_helpers() {
        assert_eq!(highest(0), 0);
        assert_eq!(lowest(0), 15);
        assert_eq!(bit(32), 0);
        assert_eq!(top_ranks::<3>(0b1011_0001), [7, 5, 4]);
        assert_eq!(bottom_ranks::<3>(0b1011_0001), [5, 4, 0]);
        assert_eq!(bottom_ranks::<3>(0b1), [0, 0, 0]);
        // Ace (bit 12) becomes bit 0; Two (bit 0) becomes bit 1.
        assert_eq!(ace_low(1 << 12 | 1), 0b11);
        assert_eq!(rank_from_ace_low(0), Rank::Ace);
        assert_eq!(rank_from_ace_low(12), Rank::King);
    }
}
