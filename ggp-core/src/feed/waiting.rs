//! Cards read before the hand expects them, held until it does.

use std::collections::{BTreeMap, VecDeque};

use crate::card::Card;

use super::CardLocation;

/// Cards read for one place (a player's hole cards, or a board) that the hand does not
/// expect yet, by position where the source knows it.
#[derive(Debug, Clone, Default)]
pub(super) struct Waiting {
    by_position: BTreeMap<usize, Card>,
    unplaced: VecDeque<Card>,
}

impl Waiting {
    pub(super) fn len(&self) -> usize {
        self.by_position.len() + self.unplaced.len()
    }

    pub(super) fn remove(&mut self, card: Card) -> bool {
        let before = self.len();
        self.by_position.retain(|_, c| *c != card);
        self.unplaced.retain(|c| *c != card);
        self.len() != before
    }

    pub(super) fn at(&self, position: usize) -> Option<Card> {
        self.by_position.get(&position).copied()
    }

    /// The card for `position`: the one read there, else the oldest read without one.
    pub(super) fn take(&mut self, position: usize) -> Option<Card> {
        self.by_position
            .remove(&position)
            .or_else(|| self.unplaced.pop_front())
    }

    pub(super) fn add(&mut self, position: Option<usize>, card: Card) {
        match position {
            Some(position) => {
                self.by_position.insert(position, card);
            }
            None => self.unplaced.push_back(card),
        }
    }
}

pub(super) fn push_waiting(
    cards: &mut Vec<(Card, CardLocation)>,
    waiting: &Waiting,
    at: impl Fn(Option<usize>) -> CardLocation,
) {
    for (&position, &card) in &waiting.by_position {
        cards.push((card, at(Some(position))));
    }
    for &card in &waiting.unplaced {
        cards.push((card, at(None)));
    }
}
