//! Who takes what at one showdown: each player's hand on a complete board, the pot split
//! into integer units.

use crate::card_set::CardSet;
use crate::eval::high::HighHand;
use crate::eval::{omaha, short_deck};

use super::{BoardGame, MAX_PLAYERS, POT_UNITS, Tally};

/// The most two-card combinations of an Omaha hole (six cards: 15).
const MAX_PAIRS: usize = 15;

/// The players' hands, prepared for many boards.
#[derive(Debug, Clone)]
pub(super) struct Showdown {
    game: BoardGame,
    players: usize,
    holes: [CardSet; MAX_PLAYERS],
    hole_hands: [HighHand; MAX_PLAYERS],
    /// Omaha: each player's two-card combinations, `pair_counts[i]` of them.
    pairs: [[HighHand; MAX_PAIRS]; MAX_PLAYERS],
    pair_counts: [u8; MAX_PLAYERS],
}

impl Showdown {
    pub(super) fn new(game: BoardGame, hands: &[CardSet]) -> Showdown {
        let mut showdown = Showdown {
            game,
            players: hands.len().min(MAX_PLAYERS),
            holes: [CardSet::EMPTY; MAX_PLAYERS],
            hole_hands: [HighHand::EMPTY; MAX_PLAYERS],
            pairs: [[HighHand::EMPTY; MAX_PAIRS]; MAX_PLAYERS],
            pair_counts: [0; MAX_PLAYERS],
        };
        for (seat, &hand) in hands.iter().enumerate().take(MAX_PLAYERS) {
            showdown.set_hole(seat, hand);
        }
        showdown
    }

    /// Gives seat `seat` these hole cards.
    #[inline]
    pub(super) fn set_hole(&mut self, seat: usize, hole: CardSet) {
        self.holes[seat] = hole;
        self.hole_hands[seat] = HighHand::of(hole);
        if matches!(self.game, BoardGame::Omaha | BoardGame::OmahaHiLo) {
            let cards: Vec<HighHand> = hole.iter().map(HighHand::card).collect();
            let mut count = 0;
            for i in 0..cards.len() {
                for j in i + 1..cards.len() {
                    if count < MAX_PAIRS {
                        self.pairs[seat][count] = cards[i].combine(cards[j]);
                        count += 1;
                    }
                }
            }
            self.pair_counts[seat] = count as u8;
        }
    }

    /// Settles one complete board into `tally`.
    #[inline]
    pub(super) fn settle(&self, board: HighHand, tally: &mut Tally) {
        let players = self.players;
        let mut high = [0u32; MAX_PLAYERS];
        let mut low = [0u32; MAX_PLAYERS];
        match self.game {
            BoardGame::Holdem => {
                for (strength, &hole) in high.iter_mut().zip(&self.hole_hands).take(players) {
                    *strength = board.combine(hole).strength().value();
                }
            }
            BoardGame::ShortDeck(rules) => {
                let board = board.cards();
                for (strength, &hole) in high.iter_mut().zip(&self.holes).take(players) {
                    *strength = short_deck::strength(board | hole, rules).value();
                }
            }
            BoardGame::Omaha | BoardGame::OmahaHiLo => {
                let triples = board_triples(board.cards());
                let seats = self.pairs.iter().zip(&self.pair_counts);
                for (strength, (pairs, &count)) in high.iter_mut().zip(seats).take(players) {
                    let mut best = 0;
                    for &triple in &triples {
                        for &pair in &pairs[..usize::from(count)] {
                            best = best.max(triple.combine(pair).strength().value());
                        }
                    }
                    *strength = best;
                }
                if self.game == BoardGame::OmahaHiLo {
                    let board = board.cards();
                    for (strength, &hole) in low.iter_mut().zip(&self.holes).take(players) {
                        // Zero stands for "no low"; a low's value may itself be zero.
                        *strength =
                            omaha::eight_or_better(hole, board).map_or(0, |l| l.value() + 1);
                    }
                }
            }
        }
        split(
            &high[..players],
            &low[..players],
            self.game.is_hi_lo(),
            tally,
        );
    }
}

/// The ten three-card subsets of a five-card board.
#[inline]
fn board_triples(board: CardSet) -> [HighHand; 10] {
    let mut cards = [HighHand::EMPTY; 5];
    for (slot, card) in cards.iter_mut().zip(board.iter()) {
        *slot = HighHand::card(card);
    }
    let mut triples = [HighHand::EMPTY; 10];
    let mut n = 0;
    for a in 0..5 {
        for b in a + 1..5 {
            for c in b + 1..5 {
                triples[n] = cards[a].combine(cards[b]).combine(cards[c]);
                n += 1;
            }
        }
    }
    triples
}

/// Splits one pot by high (and, when anyone has one, low) strengths, greater better;
/// a low of 0 is no low.
#[inline]
fn split(high: &[u32], low: &[u32], hi_lo: bool, tally: &mut Tally) {
    let best_high = high.iter().copied().max().unwrap_or(0);
    let high_winners = high.iter().filter(|&&s| s == best_high).count() as u64;
    let best_low = low.iter().copied().max().unwrap_or(0);
    let low_winners = low.iter().filter(|&&s| s == best_low).count() as u64;
    let (high_pot, low_pot) = if best_low > 0 {
        (POT_UNITS / 2, POT_UNITS / 2)
    } else {
        (POT_UNITS, 0)
    };
    tally.boards += 1;
    for seat in 0..high.len() {
        let high_units = if high[seat] == best_high {
            high_pot / high_winners
        } else {
            0
        };
        let low_units = if best_low > 0 && low[seat] == best_low {
            low_pot / low_winners
        } else {
            0
        };
        let units = high_units + low_units;
        tally.units[seat] += units;
        tally.units_squared[seat] += units * units;
        if units == POT_UNITS {
            tally.win[seat] += 1;
        } else if units > 0 {
            tally.tie[seat] += 1;
        }
        if hi_lo {
            tally.high_units[seat] += high_units;
            tally.low_units[seat] += low_units;
        }
    }
}
