//! Decks: the 52-card deck and the 36-card short deck, shuffled from a seed.

use std::fmt;
use std::str::FromStr;

use crate::card::{Card, Rank};
use crate::card_set::CardSet;
use crate::error::{Error, Result};
use crate::rng::SeededRng;

/// Which cards a deck holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeckKind {
    /// The 52-card deck.
    Standard,
    /// The 36-card short deck (6+ hold'em): sixes to aces.
    Short,
}

impl DeckKind {
    /// All deck kinds.
    pub const ALL: [DeckKind; 2] = [DeckKind::Standard, DeckKind::Short];

    /// The stable name: "standard" or "short".
    pub const fn name(self) -> &'static str {
        match self {
            DeckKind::Standard => "standard",
            DeckKind::Short => "short",
        }
    }

    /// Every card of this kind of deck.
    pub fn cards(self) -> CardSet {
        match self {
            DeckKind::Standard => CardSet::FULL,
            DeckKind::Short => Card::all().filter(|c| c.rank() >= Rank::Six).collect(),
        }
    }

    /// The lowest rank in the deck.
    pub const fn lowest_rank(self) -> Rank {
        match self {
            DeckKind::Standard => Rank::Two,
            DeckKind::Short => Rank::Six,
        }
    }
}

impl fmt::Display for DeckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DeckKind {
    type Err = Error;
    fn from_str(name: &str) -> Result<DeckKind> {
        DeckKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| Error::UnknownName {
                what: "deck kind",
                name: name.to_owned(),
                expected: "standard, short",
            })
    }
}

/// A deck in a known order, dealt from the top.
///
/// ```
/// use ggp_core::{Deck, DeckKind};
/// let mut deck = Deck::shuffled(DeckKind::Standard, 2024);
/// let hole = deck.draw(2)?;
/// assert_eq!(deck.remaining(), 50);
/// // The same seed deals the same cards, in every version and language.
/// assert_eq!(Deck::shuffled(DeckKind::Standard, 2024).draw(2)?, hole);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    kind: DeckKind,
    /// Cards still to deal; the top of the deck is the end of the vector.
    cards: Vec<Card>,
}

impl Deck {
    /// A fresh deck in index order, Ace of spades on top.
    pub fn new(kind: DeckKind) -> Deck {
        Deck {
            kind,
            cards: kind.cards().iter().collect(),
        }
    }

    /// A fresh deck shuffled from `seed`.
    pub fn shuffled(kind: DeckKind, seed: u64) -> Deck {
        let mut deck = Deck::new(kind);
        deck.shuffle(&mut SeededRng::new(seed));
        deck
    }

    /// The kind of deck.
    pub fn kind(&self) -> DeckKind {
        self.kind
    }

    /// Shuffles the cards still in the deck.
    pub fn shuffle(&mut self, rng: &mut SeededRng) {
        rng.shuffle(&mut self.cards);
    }

    /// Cards left to deal.
    pub fn remaining(&self) -> usize {
        self.cards.len()
    }

    /// The cards left, top first.
    pub fn cards(&self) -> impl Iterator<Item = Card> + '_ {
        self.cards.iter().rev().copied()
    }

    /// Deals `count` cards from the top; nothing is dealt if fewer are left.
    pub fn draw(&mut self, count: usize) -> Result<Vec<Card>> {
        let remaining = self.cards.len();
        if count > remaining {
            return Err(Error::DeckExhausted {
                requested: count,
                remaining,
            });
        }
        Ok(self
            .cards
            .split_off(remaining - count)
            .into_iter()
            .rev()
            .collect())
    }

    /// Takes known cards out of the deck (cards already dealt face up, dead or mucked
    /// cards), so that they cannot be dealt again.
    pub fn remove(&mut self, cards: CardSet) -> Result<()> {
        let in_deck = self.kind.cards();
        if let Some(card) = (cards - in_deck).iter().next() {
            return Err(Error::CardNotInDeck {
                card,
                deck: self.kind.name(),
            });
        }
        self.cards.retain(|c| !cards.contains(*c));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decks_have_the_right_cards() {
        assert_eq!(Deck::new(DeckKind::Standard).remaining(), 52);
        let short = Deck::new(DeckKind::Short);
        assert_eq!(short.remaining(), 36);
        assert!(short.cards().all(|c| c.rank() >= Rank::Six));
    }

    #[test]
    fn shuffles_are_seeded_and_complete() {
        let a = Deck::shuffled(DeckKind::Standard, 1);
        let b = Deck::shuffled(DeckKind::Standard, 1);
        let c = Deck::shuffled(DeckKind::Standard, 2);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.cards().collect::<CardSet>(), CardSet::FULL);
        // Pinned: changing the shuffle breaks every recorded seed.
        let top: Vec<Card> = Deck::shuffled(DeckKind::Standard, 2024)
            .cards()
            .take(5)
            .collect();
        assert_eq!(crate::card::format_cards(&top), "9d 4c Qc 2c 8s");
    }

    #[test]
    fn drawing_past_the_end_is_an_error_and_deals_nothing() {
        let mut deck = Deck::shuffled(DeckKind::Short, 9);
        assert_eq!(deck.draw(30).unwrap().len(), 30);
        assert_eq!(
            deck.draw(7),
            Err(Error::DeckExhausted {
                requested: 7,
                remaining: 6
            })
        );
        assert_eq!(deck.remaining(), 6);
    }

    #[test]
    fn removing_cards() {
        let mut deck = Deck::new(DeckKind::Short);
        deck.remove(CardSet::parse("As Kd").unwrap()).unwrap();
        assert_eq!(deck.remaining(), 34);
        let err = deck.remove(CardSet::parse("2c").unwrap()).unwrap_err();
        assert!(
            err.to_string().contains("2c is not in the short deck"),
            "{err}"
        );
    }

    #[test]
    fn kinds_parse_by_name() {
        assert_eq!("Short".parse::<DeckKind>(), Ok(DeckKind::Short));
        assert!("long".parse::<DeckKind>().is_err());
    }
}
