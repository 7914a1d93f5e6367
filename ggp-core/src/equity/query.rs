//! One front for every game: a variant name, hands as cards (or random), a board, dead
//! cards and how to compute. The C ABI and the language bindings call this, so that
//! they share one reading of the question.

use std::time::Duration;

use crate::card_set::CardSet;
use crate::error::{Error, Result};
use crate::rules::variant::variant;

use super::{
    BoardGame, CancelToken, EquityRequest, EquityResult, Holding, LiveEquity, Outs, SeatCards,
    StudDrawGame, StudDrawOuts, StudDrawRequest,
};

/// How to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EquityMode {
    /// Every deal and board.
    Exact,
    /// This many random deals, from this seed: the same answer on any thread count.
    MonteCarlo {
        /// Samples to take.
        samples: u64,
        /// The generator's seed.
        seed: u64,
    },
    /// The best answer within this time (or until cancelled): exact when small.
    BestWithin {
        /// The time allowed.
        budget: Duration,
        /// The Monte Carlo seed.
        seed: u64,
    },
}

/// An equity question for any variant the rules engine knows.
///
/// In board games a hand is the hole cards; in stud and draw games it is the cards known
/// to end in the hand (up-cards and seen down-cards; the kept cards of a draw), the rest
/// dealt from the unseen cards. `None` is a random hand.
///
/// ```
/// use ggp_core::{CardSet, equity::{EquityMode, EquityQuery}};
/// let query = EquityQuery {
///     variant: "razz".to_owned(),
///     hands: vec![Some(CardSet::parse("Ah 2c 3d 4s Kd Kc")?), Some(CardSet::parse("As 2d 3h 6c 7h 8d")?)],
///     board: CardSet::EMPTY,
///     dead: CardSet::EMPTY,
///     mode: EquityMode::Exact,
///     threads: 1,
/// };
/// assert_eq!(query.compute(None)?.boards, 40 * 39);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EquityQuery {
    /// A PHH code or readable name: "NT", "plo", "FO/8", "razz", "F7S/8", "badugi".
    pub variant: String,
    /// Each seat's cards, `None` for a random hand.
    pub hands: Vec<Option<CardSet>>,
    /// The board so far (board games only).
    pub board: CardSet,
    /// Cards out of play.
    pub dead: CardSet,
    /// How to compute.
    pub mode: EquityMode,
    /// Threads: 0 for every core.
    pub threads: usize,
}

/// The question in the engine's terms.
enum Prepared {
    Board(EquityRequest),
    StudDraw(StudDrawRequest),
}

impl EquityQuery {
    fn prepare(&self) -> Result<Prepared> {
        let variant = variant(&self.variant)?;
        match BoardGame::for_variant(&variant) {
            Ok(game) => {
                let mut request = EquityRequest::new(game, &[])
                    .with_board(self.board)
                    .with_dead(self.dead);
                request.players = self
                    .hands
                    .iter()
                    .map(|hand| hand.map_or(Holding::Random, Holding::Known))
                    .collect();
                let (min, max) = game.hole_card_range();
                request.random_hole_cards = variant.hole_card_count().clamp(min, max);
                Ok(Prepared::Board(request))
            }
            Err(board_error) => {
                let game = StudDrawGame::for_variant(&variant).map_err(|_| board_error)?;
                if !self.board.is_empty() {
                    return Err(Error::WrongCardCount {
                        what: "a board in a stud or draw game",
                        count: self.board.len(),
                        min: 0,
                        max: 0,
                    });
                }
                let seats = self
                    .hands
                    .iter()
                    .map(|hand| {
                        let known = hand.unwrap_or(CardSet::EMPTY);
                        SeatCards::new(known, game.hand_size.saturating_sub(known.len()))
                    })
                    .collect::<Vec<_>>();
                // A hand of more cards than the game's fails validation by its count.
                Ok(Prepared::StudDraw(
                    StudDrawRequest::new(game, &seats).with_dead(self.dead),
                ))
            }
        }
    }

    /// Computes the answer; `cancel` stops a [`EquityMode::BestWithin`] run early (with
    /// the estimate so far).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownName`] for an unknown variant, and those of the request's
    /// validation and computation.
    pub fn compute(&self, cancel: Option<&CancelToken>) -> Result<EquityResult> {
        let flag = cancel.map(CancelToken::flag);
        match (self.prepare()?, self.mode) {
            (Prepared::Board(request), EquityMode::Exact) => request.exact(self.threads),
            (Prepared::Board(request), EquityMode::MonteCarlo { samples, seed }) => {
                request.monte_carlo(samples, seed, self.threads)
            }
            (Prepared::Board(request), EquityMode::BestWithin { budget, seed }) => {
                request.best_within(budget, seed, self.threads, flag)
            }
            (Prepared::StudDraw(request), EquityMode::Exact) => request.exact(self.threads),
            (Prepared::StudDraw(request), EquityMode::MonteCarlo { samples, seed }) => {
                request.monte_carlo(samples, seed, self.threads)
            }
            (Prepared::StudDraw(request), EquityMode::BestWithin { budget, seed }) => {
                request.best_within(budget, seed, self.threads, flag)
            }
        }
    }

    /// Exact equity that follows the board card by card ([`LiveEquity`]): board games,
    /// with known or random hands; the mode is ignored (live equity is exact).
    ///
    /// ```
    /// use ggp_core::{CardSet, equity::{EquityMode, EquityQuery}};
    /// let query = EquityQuery {
    ///     variant: "NT".to_owned(),
    ///     hands: vec![Some(CardSet::parse("Ah Kh")?), Some(CardSet::parse("Qs Qd")?)],
    ///     board: CardSet::parse("2h 7h 9c")?,
    ///     dead: CardSet::EMPTY,
    ///     mode: EquityMode::Exact,
    ///     threads: 1,
    /// };
    /// let mut live = query.live()?;
    /// let river_card_left = live.deal("Th".parse()?, 1)?;
    /// assert_eq!(river_card_left.boards, 44);
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`LiveEquity::new`], and [`Error::InvalidConfig`] for a stud or draw
    /// game.
    pub fn live(&self) -> Result<LiveEquity> {
        match self.prepare()? {
            Prepared::Board(request) => LiveEquity::new(request, self.threads),
            Prepared::StudDraw(_) => Err(Error::InvalidConfig {
                rule: "live equity follows a board",
                detail: format!("{} has no board", self.variant),
            }),
        }
    }

    /// Per-seat outs for the next card in a stud or draw game (see
    /// [`StudDrawRequest::outs`]); `seed` seeds the races too large to enumerate.
    ///
    /// # Errors
    ///
    /// Those of [`StudDrawRequest::outs`], and [`Error::InvalidConfig`] for a board game
    /// (ask [`EquityQuery::outs`]).
    pub fn stud_draw_outs(&self, seed: u64) -> Result<StudDrawOuts> {
        match self.prepare()? {
            Prepared::StudDraw(request) => request.outs(seed, self.threads),
            Prepared::Board(_) => Err(Error::InvalidConfig {
                rule: "per-seat outs are for stud and draw games",
                detail: format!("{} has a board; ask for outs by board card", self.variant),
            }),
        }
    }

    /// Outs for the next board card (board games, known hands, a flop or a turn).
    ///
    /// # Errors
    ///
    /// Those of [`EquityRequest::outs`], and [`Error::InvalidConfig`] for a stud or draw
    /// game.
    pub fn outs(&self) -> Result<Outs> {
        match self.prepare()? {
            Prepared::Board(request) => request.outs(self.threads),
            Prepared::StudDraw(_) => Err(Error::InvalidConfig {
                rule: "outs are for the next board card",
                detail: format!("{} has no board", self.variant),
            }),
        }
    }
}
