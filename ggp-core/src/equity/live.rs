//! Equity for the graphics: fills a full [`TableView`]'s equity slots from the view itself.
//!
//! The view carries everything the equity engine needs (the variant, each seat's hole
//! cards and status, the boards), so graphics code never reaches back into the hand.

use std::sync::atomic::AtomicBool;

use crate::card_set::CardSet;
use crate::error::Result;
use crate::rules::variant;
use crate::view::{EquityView, SeatStatus, TableView};

use super::{BoardGame, EquityRequest, EquityResult};

pub use super::EquityMode;

/// What [`TableView::fill_equity`] computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EquityOptions {
    /// Exact, sampled or time-budgeted.
    pub mode: EquityMode,
    /// Threads to use; 0 for all cores.
    pub threads: usize,
    /// Whether to list each player's outs for the next card (on the flop and the turn).
    pub outs: bool,
}

impl Default for EquityOptions {
    /// Exact equity with outs, on all cores.
    fn default() -> Self {
        EquityOptions {
            mode: EquityMode::Exact,
            threads: 0,
            outs: true,
        }
    }
}

impl TableView {
    /// Fills every live seat's `equity` (and outs) for the first board, returning whether
    /// it did: nothing is filled when the hand is over, fewer than two players are live,
    /// a live player's hole cards are not all known, or the variant is not one the
    /// equity engine covers. Folded players' cards still in the view count as dead.
    ///
    /// # Errors
    ///
    /// Those of the equity engine for an impossible view (a card twice, a wrong count).
    ///
    /// ```
    /// use ggp_core::equity::live::EquityOptions;
    /// use ggp_core::rules::Hand;
    /// use ggp_core::view::{TableInfo, TableView};
    ///
    /// let hand = Hand::from_phh(concat!(
    ///     "variant = 'NT'\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\n",
    ///     "min_bet = 2\nstarting_stacks = [200, 200]\n",
    ///     "actions = ['d dh p1 AhKh', 'd dh p2 QsQd']\n",
    /// ))?;
    /// let mut view = TableView::of(&hand, &TableInfo::default());
    /// assert!(view.fill_equity(&EquityOptions::default())?);
    /// let equity = view.seats[0].equity.as_ref().map(|e| e.equity).unwrap_or(0.0);
    /// assert!((equity - 0.4621).abs() < 0.0001);
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn fill_equity(&mut self, options: &EquityOptions) -> Result<bool> {
        for seat in &mut self.seats {
            seat.equity = None;
        }
        let Some(request) = self.equity_request()? else {
            return Ok(false);
        };
        let (live, request) = request;
        let result = run(&request, options)?;
        let outs = if options.outs && (3..=4).contains(&request.board.len()) {
            Some(request.outs(options.threads)?.outs)
        } else {
            None
        };
        let total = result.boards.max(1) as f64;
        for (index, &seat) in live.iter().enumerate() {
            let player = result.players[index];
            self.seats[seat].equity = Some(EquityView {
                equity: player.equity,
                win: player.win as f64 / total,
                tie: player.tie as f64 / total,
                outs: outs
                    .as_ref()
                    .and_then(|outs| outs.get(index).cloned())
                    .unwrap_or_default(),
                exact: result.exact,
            });
        }
        Ok(true)
    }

    /// The live seats and the equity question the view asks, or `None` when it asks none.
    fn equity_request(&self) -> Result<Option<(Vec<usize>, EquityRequest)>> {
        if self.complete {
            return Ok(None);
        }
        let Ok(variant) = variant(&self.variant) else {
            return Ok(None);
        };
        let Ok(game) = BoardGame::for_variant(&variant) else {
            return Ok(None);
        };
        let mut live = Vec::new();
        let mut hands = Vec::new();
        let mut dead = CardSet::EMPTY;
        for (index, seat) in self.seats.iter().enumerate() {
            let known: Option<CardSet> = seat.hole_cards.iter().copied().collect();
            match (seat.status, known) {
                (SeatStatus::Folded, Some(cards)) => dead |= cards,
                (SeatStatus::Folded, None) => {}
                (_, Some(cards)) if !seat.hole_cards.is_empty() => {
                    live.push(index);
                    hands.push(cards);
                }
                // A live player whose cards nobody entered: no honest figure to show.
                _ => return Ok(None),
            }
        }
        if live.len() < 2 {
            return Ok(None);
        }
        let board = self
            .boards
            .first()
            .map(|cards| cards.iter().copied().collect())
            .unwrap_or(CardSet::EMPTY);
        let request = EquityRequest::new(game, &hands)
            .with_board(board)
            .with_dead(dead);
        Ok(Some((live, request)))
    }
}

fn run(request: &EquityRequest, options: &EquityOptions) -> Result<EquityResult> {
    match options.mode {
        EquityMode::Exact => request.exact(options.threads),
        EquityMode::MonteCarlo { samples, seed } => {
            request.monte_carlo(samples, seed, options.threads)
        }
        EquityMode::BestWithin { budget, seed } => {
            let never_cancelled: Option<&AtomicBool> = None;
            request.best_within(budget, seed, options.threads, never_cancelled)
        }
    }
}
