//! Outs: what each unseen card does to the race.

use rayon::prelude::*;

use crate::card::Card;
use crate::error::{Error, Result};

use super::{EquityRequest, POT_UNITS, Tally, enumerate, with_threads};

/// What one unseen card would do if it came next.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CardOutcome {
    /// The card.
    pub card: Card,
    /// Each player's equity with the card on the board (on the river: 1, a split
    /// share, or 0).
    pub equities: Vec<f64>,
    /// The players it puts ahead: those with the greatest equity after it (more than one
    /// when they are level).
    pub leaders: Vec<usize>,
}

/// Outs for the next card, for any number of players.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Outs {
    /// Each player's equity now.
    pub equities: Vec<f64>,
    /// The players ahead now (greatest equity).
    pub leaders: Vec<usize>,
    /// Each unseen card, in card order.
    pub cards: Vec<CardOutcome>,
    /// For each player, the cards that put that player alone ahead when they are not
    /// alone ahead now.
    pub outs: Vec<Vec<Card>>,
}

pub(super) fn outs(request: &EquityRequest, threads: usize) -> Result<Outs> {
    request.validate()?;
    let board = request.board.len();
    if !(3..=4).contains(&board) {
        return Err(Error::WrongCardCount {
            what: "a board for outs",
            count: board,
            min: 3,
            max: 4,
        });
    }
    let showdown = request.known_showdown()?;
    let players = request.players.len();
    let unseen = request.unseen();
    let tally_for = |card: Option<Card>| {
        let board = card.map_or(request.board, |card| request.board.with(card));
        let unseen = card.map_or(unseen, |card| {
            let mut rest = unseen;
            rest.remove(card);
            rest
        });
        enumerate::exact(&showdown, board, unseen, false, None).0
    };
    let now = tally_for(None);
    let cards: Vec<Card> = unseen.iter().collect();
    let after: Vec<Tally> = with_threads(threads, || {
        if threads == 1 {
            cards.iter().map(|&card| tally_for(Some(card))).collect()
        } else {
            cards
                .par_iter()
                .map(|&card| tally_for(Some(card)))
                .collect()
        }
    });
    let leaders_now = leaders(&now, players);
    let mut outs = vec![Vec::new(); players];
    let outcomes = cards
        .iter()
        .zip(&after)
        .map(|(&card, tally)| {
            let leaders = leaders(tally, players);
            if let [leader] = leaders[..]
                && leaders_now != [leader]
            {
                outs[leader].push(card);
            }
            CardOutcome {
                card,
                equities: equities(tally, players),
                leaders,
            }
        })
        .collect();
    Ok(Outs {
        equities: equities(&now, players),
        leaders: leaders_now,
        cards: outcomes,
        outs,
    })
}

fn equities(tally: &Tally, players: usize) -> Vec<f64> {
    let total = (POT_UNITS * tally.boards.max(1)) as f64;
    tally.units[..players]
        .iter()
        .map(|&units| units as f64 / total)
        .collect()
}

fn leaders(tally: &Tally, players: usize) -> Vec<usize> {
    let best = tally.units[..players].iter().copied().max().unwrap_or(0);
    (0..players).filter(|&i| tally.units[i] == best).collect()
}
