//! Who takes what at one showdown: each player's hand on a complete board, the pot split
//! into integer units.

use crate::card_set::CardSet;
use crate::eval::high::{HighEvaluator, HighHand};
use crate::eval::{omaha, short_deck};

use super::{BoardGame, MAX_PLAYERS, POT_UNITS, Tally};

/// The most two-card combinations of an Omaha hole (six cards: 15).
const MAX_PAIRS: usize = 15;

/// The players' hands, prepared for many boards.
#[derive(Debug, Clone)]
pub(super) struct Showdown {
    game: BoardGame,
    evaluator: HighEvaluator,
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
            evaluator: HighEvaluator::get(),
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

    /// Whether this is heads-up hold'em, whose boards [`Showdown::settle_heads_up_holdem`]
    /// settles.
    pub(super) fn is_heads_up_holdem(&self) -> bool {
        self.game == BoardGame::Holdem && self.players == 2
    }

    /// The two holdings of heads-up hold'em, which [`super::heads_up`] enumerates in loops
    /// of its own; `None` for any other showdown.
    pub(super) fn heads_up_holdem_holes(&self) -> Option<[HighHand; 2]> {
        self.is_heads_up_holdem()
            .then(|| [self.hole_hands[0], self.hole_hands[1]])
    }

    /// [`Showdown::settle`] for heads-up hold'em: small enough to inline into the board
    /// loop.
    #[inline(always)]
    pub(super) fn settle_heads_up_holdem(&self, board: HighHand, tally: &mut Tally) {
        let first = self.evaluator.strength(board.combine(self.hole_hands[0]));
        let second = self.evaluator.strength(board.combine(self.hole_hands[1]));
        heads_up(first.cmp(&second), tally);
    }

    /// Settles one complete board into `tally`. Kept out of line: the board loop for the
    /// heads-up hold'em case inlines its own, smaller settle instead.
    #[inline(never)]
    pub(super) fn settle(&self, board: HighHand, tally: &mut Tally) {
        let players = self.players;
        let evaluator = self.evaluator;
        if self.is_heads_up_holdem() {
            self.settle_heads_up_holdem(board, tally);
            return;
        }
        let mut high = [0u32; MAX_PLAYERS];
        let mut low = [0u32; MAX_PLAYERS];
        match self.game {
            BoardGame::Holdem => {
                for (strength, &hole) in high.iter_mut().zip(&self.hole_hands).take(players) {
                    *strength = evaluator.strength(board.combine(hole)).value();
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
                            best = best.max(evaluator.strength(triple.combine(pair)).value());
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

/// The heads-up hold'em showdown, the most common one, without the general split.
#[inline(always)]
fn heads_up(first_against_second: std::cmp::Ordering, tally: &mut Tally) {
    tally.boards += 1;
    let winner = match first_against_second {
        std::cmp::Ordering::Greater => 0,
        std::cmp::Ordering::Less => 1,
        std::cmp::Ordering::Equal => {
            let half = POT_UNITS / 2;
            for seat in 0..2 {
                tally.units[seat] += half;
                tally.units_squared[seat] += half * half;
                tally.tie[seat] += 1;
            }
            return;
        }
    };
    tally.units[winner] += POT_UNITS;
    tally.units_squared[winner] += POT_UNITS * POT_UNITS;
    tally.win[winner] += 1;
}

/// A pot's units shared by `winners` (1 to 10): a table, as division in the hot loop
/// costs more than the rest of a showdown.
const SHARE_OF_POT: [u64; MAX_PLAYERS + 1] = share_table(POT_UNITS);
const SHARE_OF_HALF: [u64; MAX_PLAYERS + 1] = share_table(POT_UNITS / 2);

const fn share_table(pot: u64) -> [u64; MAX_PLAYERS + 1] {
    let mut table = [0; MAX_PLAYERS + 1];
    let mut winners = 1;
    while winners <= MAX_PLAYERS {
        table[winners] = pot / winners as u64;
        winners += 1;
    }
    table
}

/// Splits one pot by high (and, when anyone has one, low) strengths, greater better;
/// a low of 0 is no low.
#[inline]
pub(super) fn split(high: &[u32], low: &[u32], hi_lo: bool, tally: &mut Tally) {
    tally.boards += 1;
    let best_high = high.iter().copied().max().unwrap_or(0);
    let high_winners = high.iter().filter(|&&s| s == best_high).count();
    if !hi_lo {
        if high_winners == 1 {
            // The common case: one winner takes the pot.
            if let Some(seat) = high.iter().position(|&s| s == best_high) {
                tally.units[seat] += POT_UNITS;
                tally.units_squared[seat] += POT_UNITS * POT_UNITS;
                tally.win[seat] += 1;
            }
            return;
        }
        let share = SHARE_OF_POT[high_winners.min(MAX_PLAYERS)];
        for (seat, &strength) in high.iter().enumerate() {
            if strength == best_high {
                tally.units[seat] += share;
                tally.units_squared[seat] += share * share;
                tally.tie[seat] += 1;
            }
        }
        return;
    }
    let best_low = low.iter().copied().max().unwrap_or(0);
    let low_winners = low.iter().filter(|&&s| s == best_low).count();
    let (high_share, low_share) = if best_low > 0 {
        (
            SHARE_OF_HALF[high_winners.min(MAX_PLAYERS)],
            SHARE_OF_HALF[low_winners.min(MAX_PLAYERS)],
        )
    } else {
        (SHARE_OF_POT[high_winners.min(MAX_PLAYERS)], 0)
    };
    for seat in 0..high.len() {
        let high_units = if high[seat] == best_high {
            high_share
        } else {
            0
        };
        let low_units = if best_low > 0 && low[seat] == best_low {
            low_share
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
        tally.high_units[seat] += high_units;
        tally.low_units[seat] += low_units;
    }
}
