//! Equity that follows a hand card by card, for live graphics.
//!
//! On the flop and the turn the exact run is done card by card: the tally of the boards
//! that start with each possible next card, kept. Their sum is every board counted once
//! per card still to come, so the current answer is that sum divided exactly, for about
//! twice the work of a plain run on the flop (and the same on the turn). When the next
//! card is dealt its answer is the kept tally: no board is evaluated again. The
//! breakdown for the street after is made when that street is reached, if it is not
//! already the river.

use rayon::prelude::*;

use crate::card::Card;
use crate::card_set::CardSet;
use crate::error::{Error, Result};

use super::{EquityRequest, EquityResult, Tally, with_threads};

/// A hand's exact equity, updated as board cards are dealt.
///
/// ```
/// use ggp_core::{Card, CardSet, equity::{BoardGame, EquityRequest, LiveEquity}};
/// let hands = [CardSet::parse("Ah Kh")?, CardSet::parse("Qs Qd")?];
/// let request = EquityRequest::new(BoardGame::Holdem, &hands)
///     .with_board(CardSet::parse("2h 7h 9c")?);
/// let mut live = LiveEquity::new(request.clone(), 1)?;
/// assert_eq!(live.result(), &request.exact(1)?);
/// let turn: Card = "Th".parse()?;
/// let updated = live.deal(turn, 1)?.clone();
/// assert_eq!(updated, request.with_board(CardSet::parse("2h 7h 9c Th")?).exact(1)?);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LiveEquity {
    request: EquityRequest,
    result: EquityResult,
    /// On the flop or turn: each possible next card with the tally of the boards that
    /// start with it.
    next: Vec<(Card, Tally)>,
}

impl LiveEquity {
    /// The exact equity of `request` now (with random hands too, within
    /// [`super::MAX_EXACT_BOARDS`]), ready for the next card.
    ///
    /// # Errors
    ///
    /// Those of [`EquityRequest::exact`].
    pub fn new(request: EquityRequest, threads: usize) -> Result<LiveEquity> {
        let (result, next) = solve(&request, threads)?;
        Ok(LiveEquity {
            request,
            result,
            next,
        })
    }

    /// The current answer.
    pub fn result(&self) -> &EquityResult {
        &self.result
    }

    /// The current question: the board as dealt so far.
    pub fn request(&self) -> &EquityRequest {
        &self.request
    }

    /// Deals one more board card and returns the new answer: read from the kept
    /// breakdown when there is one (the turn and river), computed otherwise.
    ///
    /// # Errors
    ///
    /// [`Error::WrongCardCount`] when the board is complete; those of
    /// [`EquityRequest::validate`] for a card already in play.
    pub fn deal(&mut self, card: Card, threads: usize) -> Result<&EquityResult> {
        self.deal_cards(CardSet::EMPTY.with(card), threads)
    }

    /// Deals several board cards at once (a flop), then as [`LiveEquity::deal`].
    ///
    /// # Errors
    ///
    /// As [`LiveEquity::deal`].
    pub fn deal_cards(&mut self, cards: CardSet, threads: usize) -> Result<&EquityResult> {
        let board = self.request.board | cards;
        if board.len() > 5 || board.len() != self.request.board.len() + cards.len() {
            return Err(Error::WrongCardCount {
                what: "a board",
                count: self.request.board.len() + cards.len(),
                min: 0,
                max: 5,
            });
        }
        let request = self.request.clone().with_board(board);
        request.validate()?;
        let kept = match cards.iter().collect::<Vec<_>>()[..] {
            [card] => self.next.iter().find(|(c, _)| *c == card).map(|(_, t)| *t),
            _ => None,
        };
        match kept {
            Some(tally) => {
                self.result = request.result_of(&tally, true);
                // The breakdown for the street after is made on the next deal.
                self.next = Vec::new();
            }
            None => {
                let (result, next) = solve(&request, threads)?;
                self.result = result;
                self.next = next;
            }
        }
        self.request = request;
        Ok(&self.result)
    }
}

/// The exact answer to `request`, with the breakdown by next card on the flop and turn.
fn solve(request: &EquityRequest, threads: usize) -> Result<(EquityResult, Vec<(Card, Tally)>)> {
    request.validate()?;
    let left = 5 - request.board.len().min(5);
    if !(1..=2).contains(&left) {
        let (tally, _) = request.exact_tally(threads, None)?;
        return Ok((request.result_of(&tally, true), Vec::new()));
    }
    let cards: Vec<Card> = request.unseen().iter().collect();
    let tally_after = |&card: &Card| {
        let next = request.clone().with_board(request.board.with(card));
        next.exact_tally(1, None).map(|(tally, _)| (card, tally))
    };
    let next: Vec<(Card, Tally)> = with_threads(threads, || {
        if threads == 1 {
            cards.iter().map(tally_after).collect::<Result<_>>()
        } else {
            cards.par_iter().map(tally_after).collect::<Result<_>>()
        }
    })?;
    // Each board holds `left` of the next cards, so it was counted `left` times.
    let total = next
        .iter()
        .fold(Tally::default(), |sum, (_, tally)| sum.merge(*tally))
        .divided(left as u64);
    Ok((request.result_of(&total, true), next))
}
