//! Sets of cards as 64-bit masks.

use std::fmt;
use std::ops::{BitAnd, BitOr, BitOrAssign, Not, Sub};

use crate::card::{Card, Rank, Suit};
use crate::error::{Error, Result};

/// A set of distinct cards as a bitmask.
///
/// Each suit owns 16 bits (`suit * 16 + rank`), so one shift and mask gives the ranks held
/// in a suit: that is what makes flush and straight tests cheap in the evaluators.
///
/// ```
/// use ggp_core::{CardSet, Suit};
/// let set = CardSet::parse("As Ks 2d")?;
/// assert_eq!(set.len(), 3);
/// assert_eq!(set.suit_mask(Suit::Spades).count_ones(), 2);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CardSet(u64);

const fn bit(card: Card) -> u64 {
    1u64 << (card.suit() as u32 * 16 + card.rank() as u32)
}

/// Every valid bit: 13 ranks in each of the four 16-bit suit lanes.
const VALID_BITS: u64 = 0x1FFF_1FFF_1FFF_1FFF;

impl CardSet {
    /// The empty set.
    pub const EMPTY: CardSet = CardSet(0);
    /// All 52 cards.
    pub const FULL: CardSet = CardSet(VALID_BITS);

    /// The set from its raw mask (`suit * 16 + rank`); bits outside the 52 cards are dropped.
    pub const fn from_bits(bits: u64) -> CardSet {
        CardSet(bits & VALID_BITS)
    }

    /// The raw mask: bit `suit * 16 + rank` is set for each card held.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The set of these cards, which must be distinct.
    pub fn from_distinct(cards: &[Card]) -> Result<CardSet> {
        let mut set = CardSet::EMPTY;
        for &card in cards {
            if !set.insert(card) {
                return Err(Error::DuplicateCard { card });
            }
        }
        Ok(set)
    }

    /// Parses card text (see [`crate::parse_cards`]) into a set of distinct cards.
    pub fn parse(text: &str) -> Result<CardSet> {
        CardSet::from_distinct(&crate::card::parse_cards(text)?)
    }

    /// Adds a card; false if it was already there.
    pub fn insert(&mut self, card: Card) -> bool {
        let had = self.contains(card);
        self.0 |= bit(card);
        !had
    }

    /// Removes a card; false if it was not there.
    pub fn remove(&mut self, card: Card) -> bool {
        let had = self.contains(card);
        self.0 &= !bit(card);
        had
    }

    /// The set with one more card.
    #[must_use]
    pub const fn with(self, card: Card) -> CardSet {
        CardSet(self.0 | bit(card))
    }

    /// Whether the card is in the set.
    pub const fn contains(self, card: Card) -> bool {
        self.0 & bit(card) != 0
    }

    /// The number of cards.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the two sets share no card.
    pub const fn is_disjoint(self, other: CardSet) -> bool {
        self.0 & other.0 == 0
    }

    /// The ranks held in one suit, as a 13-bit mask (bit = rank index).
    pub const fn suit_mask(self, suit: Suit) -> u16 {
        ((self.0 >> (suit as u32 * 16)) & 0x1FFF) as u16
    }

    /// The ranks held in any suit, as a 13-bit mask.
    pub const fn rank_mask(self) -> u16 {
        let b = self.0;
        ((b | b >> 16 | b >> 32 | b >> 48) & 0x1FFF) as u16
    }

    /// The cards in the set, lowest index first (Two of clubs … Ace of spades).
    pub fn iter(self) -> impl Iterator<Item = Card> {
        Card::all().filter(move |&card| self.contains(card))
    }

    /// The cards of one rank in the set, highest suit first.
    pub fn cards_of_rank(self, rank: Rank) -> impl Iterator<Item = Card> {
        Suit::ALL
            .into_iter()
            .rev()
            .map(move |suit| Card::new(rank, suit))
            .filter(move |&c| self.contains(c))
    }
}

impl FromIterator<Card> for CardSet {
    fn from_iter<I: IntoIterator<Item = Card>>(iter: I) -> CardSet {
        let mut set = CardSet::EMPTY;
        for card in iter {
            set.insert(card);
        }
        set
    }
}

impl BitOr for CardSet {
    type Output = CardSet;
    fn bitor(self, rhs: CardSet) -> CardSet {
        CardSet(self.0 | rhs.0)
    }
}

impl BitOrAssign for CardSet {
    fn bitor_assign(&mut self, rhs: CardSet) {
        self.0 |= rhs.0;
    }
}

impl BitAnd for CardSet {
    type Output = CardSet;
    fn bitand(self, rhs: CardSet) -> CardSet {
        CardSet(self.0 & rhs.0)
    }
}

impl Sub for CardSet {
    type Output = CardSet;
    fn sub(self, rhs: CardSet) -> CardSet {
        CardSet(self.0 & !rhs.0)
    }
}

impl Not for CardSet {
    type Output = CardSet;
    fn not(self) -> CardSet {
        CardSet(!self.0 & VALID_BITS)
    }
}

impl fmt::Display for CardSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cards: Vec<Card> = self.iter().collect();
        f.write_str(&crate::card::format_cards(&cards))
    }
}

impl fmt::Debug for CardSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardSet[{self}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let a = CardSet::parse("As Ks Qh").unwrap();
        let b = CardSet::parse("Qh 2c").unwrap();
        assert_eq!((a | b).len(), 4);
        assert_eq!((a & b).to_string(), "Qh");
        assert_eq!((a - b).to_string(), "Ks As");
        assert_eq!((!a).len(), 49);
        assert!(!a.is_disjoint(b));
        assert_eq!(a.rank_mask(), 0b1_1100_0000_0000);
        assert_eq!(CardSet::FULL.len(), 52);
        assert_eq!(CardSet::FULL.iter().count(), 52);
        assert!(CardSet::FULL.iter().zip(0u8..).all(|(c, i)| c.index() == i));
    }

    #[test]
    fn duplicates_are_rejected() {
        assert_eq!(
            CardSet::parse("As Ks as"),
            Err(Error::DuplicateCard {
                card: Card::new(Rank::Ace, Suit::Spades)
            })
        );
    }

    #[test]
    fn cards_of_rank_come_highest_suit_first() {
        let set = CardSet::parse("7c 7s 7h 2d").unwrap();
        let sevens: Vec<String> = set
            .cards_of_rank(Rank::Seven)
            .map(|c| c.to_string())
            .collect();
        assert_eq!(sevens, ["7s", "7h", "7c"]);
    }
}
