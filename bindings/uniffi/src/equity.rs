//! Equity and outs for Swift and Kotlin: glue over `ggp_core::equity::EquityQuery`.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use ggp_core::CardSet;
use ggp_core::equity::EquityQuery;

use crate::{Card, GgpError};

/// How to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum EquityMode {
    /// Every deal and board.
    Exact,
    /// This many random deals from this seed: the same answer on any thread count.
    MonteCarlo {
        /// Samples to take.
        samples: u64,
        /// The generator's seed.
        seed: u64,
    },
    /// The best answer within this many milliseconds (or until cancelled).
    BestWithin {
        /// The time allowed, in milliseconds.
        budget_ms: u64,
        /// The Monte Carlo seed.
        seed: u64,
    },
}

/// A flag that stops a `BestWithin` computation early from another thread; the call then
/// returns the estimate so far.
#[derive(Debug, Default, uniffi::Object)]
pub struct CancelToken {
    token: ggp_core::equity::CancelToken,
}

#[uniffi::export]
impl CancelToken {
    /// A token not yet cancelled.
    #[uniffi::constructor]
    pub fn new() -> Arc<CancelToken> {
        Arc::new(CancelToken::default())
    }

    /// Asks every computation holding this token to stop.
    pub fn cancel(&self) {
        self.token.cancel();
    }

    /// Whether `cancel` has been called.
    pub fn is_cancelled(&self) -> bool {
        self.token.is_cancelled()
    }
}

/// One seat's share of the pot.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PlayerEquity {
    /// Boards (or samples) on which the seat took the whole pot alone.
    pub win: u64,
    /// Boards on which it took part of the pot.
    pub tie: u64,
    /// Boards on which it took nothing.
    pub lose: u64,
    /// Its average share of the pot, 0 to 1.
    pub equity: f64,
    /// The standard error of `equity` (Monte Carlo only).
    pub std_error: Option<f64>,
    /// Hi-lo games: the average share won with the high hand.
    pub high: Option<f64>,
    /// Hi-lo games: the average share won with the low hand.
    pub low: Option<f64>,
    /// Hi-lo games: the fraction of boards on which it took the whole pot.
    pub scoop: Option<f64>,
}

/// The answer of `equity`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EquityResult {
    /// Each seat's share, in seat order.
    pub players: Vec<PlayerEquity>,
    /// Boards (or deals, or samples) counted.
    pub boards: u64,
    /// Whether every one was enumerated (no sampling error).
    pub exact: bool,
}

/// What one unseen card would do if it came next.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CardOutcome {
    /// The card.
    pub card: Card,
    /// Each seat's equity with the card on the board.
    pub equities: Vec<f64>,
    /// The seats it puts ahead.
    pub leaders: Vec<u32>,
}

/// Outs for the next board card.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Outs {
    /// Each seat's equity now.
    pub equities: Vec<f64>,
    /// The seats ahead now.
    pub leaders: Vec<u32>,
    /// Each unseen card, in card order.
    pub cards: Vec<CardOutcome>,
    /// For each seat, the cards that put it alone ahead when it is not now.
    pub outs: Vec<Vec<Card>>,
}

fn card_set(text: &str) -> Result<CardSet, GgpError> {
    if text.trim().is_empty() {
        return Ok(CardSet::EMPTY);
    }
    Ok(CardSet::parse(text)?)
}

fn seats(list: &[usize]) -> Vec<u32> {
    list.iter().map(|&s| s as u32).collect()
}

/// The question; a hand of null or `"random"` is a random hand.
fn query(
    hands: Vec<Option<String>>,
    variant: String,
    board: String,
    dead: String,
    mode: EquityMode,
    threads: u32,
) -> Result<EquityQuery, GgpError> {
    let hands = hands
        .iter()
        .map(|hand| match hand.as_deref() {
            Some(text) if !text.eq_ignore_ascii_case("random") => card_set(text).map(Some),
            _ => Ok(None),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mode = match mode {
        EquityMode::Exact => ggp_core::equity::EquityMode::Exact,
        EquityMode::MonteCarlo { samples, seed } => {
            ggp_core::equity::EquityMode::MonteCarlo { samples, seed }
        }
        EquityMode::BestWithin { budget_ms, seed } => ggp_core::equity::EquityMode::BestWithin {
            budget: Duration::from_millis(budget_ms),
            seed,
        },
    };
    Ok(EquityQuery {
        variant,
        hands,
        board: card_set(&board)?,
        dead: card_set(&dead)?,
        mode,
        threads: threads as usize,
    })
}

/// Each seat's equity in any variant the rules engine knows (`"NT"`, `"plo"`, `"FO/8"`,
/// `"razz"`, `"F7S/8"`, ...). Cards are text; `board` and `dead` may be empty. Blocking:
/// call it off the UI thread.
#[uniffi::export]
pub fn equity(
    hands: Vec<Option<String>>,
    variant: String,
    board: String,
    dead: String,
    mode: EquityMode,
    threads: u32,
    cancel: Option<Arc<CancelToken>>,
) -> Result<EquityResult, GgpError> {
    let query = query(hands, variant, board, dead, mode, threads)?;
    let result = query.compute(cancel.as_deref().map(|c| &c.token))?;
    Ok(EquityResult::from(&result))
}

impl From<&ggp_core::equity::EquityResult> for EquityResult {
    fn from(result: &ggp_core::equity::EquityResult) -> EquityResult {
        EquityResult {
            players: result
                .players
                .iter()
                .map(|p| PlayerEquity {
                    win: p.win,
                    tie: p.tie,
                    lose: p.lose,
                    equity: p.equity,
                    std_error: p.std_error,
                    high: p.high,
                    low: p.low,
                    scoop: p.scoop,
                })
                .collect(),
            boards: result.boards,
            exact: result.exact,
        }
    }
}

/// Exact equity that follows the board card by card: made from the same question as
/// `equity` (board games, known or random hands), then `deal` one card at a time. On the
/// turn and river the answer comes from the breakdown kept on the street before. Safe to
/// share between threads (deals are serialized).
#[derive(Debug, uniffi::Object)]
pub struct LiveEquity {
    state: Mutex<ggp_core::equity::LiveEquity>,
    threads: usize,
}

impl LiveEquity {
    fn state(&self) -> Result<MutexGuard<'_, ggp_core::equity::LiveEquity>, GgpError> {
        // A poisoned lock means a deal panicked midway; the state cannot be trusted.
        self.state.lock().map_err(|_| {
            GgpError::from(ggp_core::Error::InvalidConfig {
                rule: "live equity is unusable after a failed deal",
                detail: "a deal panicked while holding the state".to_owned(),
            })
        })
    }
}

#[uniffi::export]
impl LiveEquity {
    /// The exact answer for the question now, ready for the next card.
    #[uniffi::constructor]
    pub fn new(
        hands: Vec<Option<String>>,
        variant: String,
        board: String,
        dead: String,
        threads: u32,
    ) -> Result<Arc<LiveEquity>, GgpError> {
        let query = query(hands, variant, board, dead, EquityMode::Exact, threads)?;
        let live = query.live()?;
        Ok(Arc::new(LiveEquity {
            state: Mutex::new(live),
            threads: threads as usize,
        }))
    }

    /// Deals one board card ("Th") and returns the new answer; a card already in play
    /// is an error that leaves the state as it was.
    pub fn deal(&self, card: String) -> Result<EquityResult, GgpError> {
        let card: ggp_core::Card = card.parse()?;
        let mut live = self.state()?;
        Ok(EquityResult::from(live.deal(card, self.threads)?))
    }

    /// The current answer.
    pub fn result(&self) -> Result<EquityResult, GgpError> {
        Ok(EquityResult::from(self.state()?.result()))
    }

    /// The board dealt so far.
    pub fn board(&self) -> Result<Vec<Card>, GgpError> {
        Ok(self
            .state()?
            .request()
            .board
            .iter()
            .map(Card::from)
            .collect())
    }
}

/// Outs for the next board card: board games, known hands, on the flop or turn.
#[uniffi::export]
pub fn outs(
    hands: Vec<Option<String>>,
    variant: String,
    board: String,
    dead: String,
    threads: u32,
) -> Result<Outs, GgpError> {
    let query = query(hands, variant, board, dead, EquityMode::Exact, threads)?;
    let outs = query.outs()?;
    Ok(Outs {
        equities: outs.equities,
        leaders: seats(&outs.leaders),
        cards: outs
            .cards
            .into_iter()
            .map(|c| CardOutcome {
                card: c.card.into(),
                equities: c.equities,
                leaders: seats(&c.leaders),
            })
            .collect(),
        outs: outs
            .outs
            .into_iter()
            .map(|cards| cards.into_iter().map(Card::from).collect())
            .collect(),
    })
}
