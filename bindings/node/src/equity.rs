//! Equity and outs: `equity(hands, options?, cancel?)` and `outs(hands, options?)`, each
//! a promise computed on the libuv thread pool (off the event loop), and `CancelToken`.
//! Glue over `ggp_core::equity::EquityQuery`.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use ggp_core::CardSet;
use ggp_core::equity::{EquityMode, EquityQuery, EquityResult as CoreResult, Outs as CoreOuts};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;

use crate::{Result, core_error, invalid_arg, rules_error, whole_number};

/// A flag that stops `equity(..., { budgetMs })` early; the promise then resolves with
/// the estimate so far.
#[napi]
#[derive(Debug, Clone, Default)]
pub struct CancelToken {
    token: ggp_core::equity::CancelToken,
}

#[napi]
impl CancelToken {
    /// A token not yet cancelled.
    #[napi(constructor)]
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks every computation holding this token to stop.
    #[napi]
    pub fn cancel(&self) {
        self.token.cancel();
    }

    /// Whether `cancel` has been called.
    #[napi(getter)]
    pub fn cancelled(&self) -> bool {
        self.token.is_cancelled()
    }
}

/// The question's options; every field may be left out.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct EquityOptions {
    /// A PHH code or readable name: "NT" (the default), "plo", "FO/8", "razz", "F7S/8".
    pub variant: Option<String>,
    /// The board so far, as text ("2h7h9c").
    pub board: Option<String>,
    /// Cards out of play, as text.
    pub dead: Option<String>,
    /// Seeded Monte Carlo with this many samples.
    pub samples: Option<f64>,
    /// The best answer within this many milliseconds.
    pub budget_ms: Option<f64>,
    /// The Monte Carlo seed (default 1).
    pub seed: Option<f64>,
    /// Threads: 0 (the default) for every core.
    pub threads: Option<u32>,
}

/// One seat's share of the pot.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct PlayerEquity {
    /// Boards (or samples) on which the seat took the whole pot alone.
    pub win: f64,
    /// Boards on which it took part of the pot.
    pub tie: f64,
    /// Boards on which it took nothing.
    pub lose: f64,
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
#[napi(object)]
#[derive(Debug, Clone)]
pub struct EquityResult {
    /// Each seat's share, in seat order.
    pub players: Vec<PlayerEquity>,
    /// Boards (or deals, or samples) counted.
    pub boards: f64,
    /// Whether every one was enumerated (no sampling error).
    pub exact: bool,
}

/// What one unseen card would do if it came next.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct CardOutcome {
    /// The card, as text ("Th").
    pub card: String,
    /// Each seat's equity with the card on the board.
    pub equities: Vec<f64>,
    /// The seats it puts ahead.
    pub leaders: Vec<u32>,
}

/// Outs for the next board card.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Outs {
    /// Each seat's equity now.
    pub equities: Vec<f64>,
    /// The seats ahead now.
    pub leaders: Vec<u32>,
    /// Each unseen card, in card order.
    pub cards: Vec<CardOutcome>,
    /// For each seat, the cards that put it alone ahead when it is not now.
    pub outs: Vec<Vec<String>>,
}

fn seats(list: &[usize]) -> Vec<u32> {
    list.iter().map(|&s| s as u32).collect()
}

fn card_set(text: Option<&str>) -> Result<CardSet> {
    match text {
        Some(text) if !text.trim().is_empty() => CardSet::parse(text).map_err(core_error),
        _ => Ok(CardSet::EMPTY),
    }
}

/// Reads the question; a hand of null or "random" is a random hand.
fn query(hands: Vec<Option<String>>, options: Option<EquityOptions>) -> Result<EquityQuery> {
    let options = options.unwrap_or_default();
    let seed = options.seed.map_or(Ok(1), |s| whole_number("seed", s))?;
    let mode = match (options.samples, options.budget_ms) {
        (Some(_), Some(_)) => return Err(invalid_arg("give samples or budgetMs, not both".into())),
        (Some(samples), None) => EquityMode::MonteCarlo {
            samples: whole_number("samples", samples)?,
            seed,
        },
        (None, Some(ms)) if ms.is_finite() && ms >= 0.0 => EquityMode::BestWithin {
            budget: Duration::from_secs_f64(ms / 1000.0),
            seed,
        },
        (None, Some(ms)) => {
            return Err(invalid_arg(format!(
                "budgetMs must be a finite number >= 0, but {ms} was given"
            )));
        }
        (None, None) => EquityMode::Exact,
    };
    let hands = hands
        .iter()
        .map(|hand| match hand.as_deref() {
            Some(text) if !text.eq_ignore_ascii_case("random") => card_set(Some(text)).map(Some),
            _ => Ok(None),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(EquityQuery {
        variant: options.variant.unwrap_or_else(|| "NT".to_owned()),
        hands,
        board: card_set(options.board.as_deref())?,
        dead: card_set(options.dead.as_deref())?,
        mode,
        threads: options.threads.unwrap_or(0) as usize,
    })
}

/// The work of `equity`, done on the libuv thread pool.
#[derive(Debug)]
pub struct ComputeEquity {
    query: EquityQuery,
    cancel: Option<ggp_core::equity::CancelToken>,
}

impl Task for ComputeEquity {
    type Output = ggp_core::Result<CoreResult>;
    type JsValue = EquityResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(self.query.compute(self.cancel.as_ref()))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let result = output.map_err(|err| rules_error(&env, &err))?;
        Ok(to_js(&result))
    }
}

/// The core result as the JS object.
fn to_js(result: &CoreResult) -> EquityResult {
    EquityResult {
        players: result
            .players
            .iter()
            .map(|p| PlayerEquity {
                win: p.win as f64,
                tie: p.tie as f64,
                lose: p.lose as f64,
                equity: p.equity,
                std_error: p.std_error,
                high: p.high,
                low: p.low,
                scoop: p.scoop,
            })
            .collect(),
        boards: result.boards as f64,
        exact: result.exact,
    }
}

/// Exact equity that follows the board card by card: made from the same question as
/// `equity` (board games, known or random hands; the constructor computes the current
/// answer), then `deal` one card at a time, each a promise computed off the event loop.
/// On the turn and river the answer comes from the breakdown kept on the street before.
#[napi]
#[derive(Debug)]
pub struct LiveEquity {
    state: Arc<Mutex<ggp_core::equity::LiveEquity>>,
    threads: usize,
}

/// The live state, or an error when a deal panicked while holding it.
fn lock(
    state: &Mutex<ggp_core::equity::LiveEquity>,
) -> Result<MutexGuard<'_, ggp_core::equity::LiveEquity>> {
    state
        .lock()
        .map_err(|_| napi::Error::new("GGP_PANIC".to_owned(), "a deal failed midway".to_owned()))
}

#[napi]
impl LiveEquity {
    /// The exact answer for the question now, ready for the next card.
    #[napi(constructor)]
    pub fn new(hands: Vec<Option<String>>, options: Option<EquityOptions>) -> Result<LiveEquity> {
        let query = query(hands, options)?;
        let live = query.live().map_err(core_error)?;
        Ok(LiveEquity {
            state: Arc::new(Mutex::new(live)),
            threads: query.threads,
        })
    }

    /// Deals one board card ("Th"); resolves to the new answer. A card already in play
    /// rejects and leaves the state as it was.
    #[napi(ts_return_type = "Promise<EquityResult>")]
    pub fn deal(&self, card: String) -> Result<AsyncTask<DealCard>> {
        let card: ggp_core::Card = card.parse().map_err(core_error)?;
        Ok(AsyncTask::new(DealCard {
            state: Arc::clone(&self.state),
            card,
            threads: self.threads,
        }))
    }

    /// The current answer.
    #[napi(getter)]
    pub fn result(&self) -> Result<EquityResult> {
        Ok(to_js(lock(&self.state)?.result()))
    }

    /// The board dealt so far.
    #[napi(getter)]
    pub fn board(&self) -> Result<Vec<String>> {
        Ok(lock(&self.state)?
            .request()
            .board
            .iter()
            .map(|c| c.to_string())
            .collect())
    }
}

/// `LiveEquity.deal` on the libuv thread pool.
#[derive(Debug)]
pub struct DealCard {
    state: Arc<Mutex<ggp_core::equity::LiveEquity>>,
    card: ggp_core::Card,
    threads: usize,
}

impl Task for DealCard {
    type Output = ggp_core::Result<CoreResult>;
    type JsValue = EquityResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let mut live = lock(&self.state).map_err(|e| napi::Error::from_reason(e.reason.clone()))?;
        Ok(live.deal(self.card, self.threads).cloned())
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let result = output.map_err(|err| rules_error(&env, &err))?;
        Ok(to_js(&result))
    }
}

/// Each seat's equity in any variant the rules engine knows, computed off the event
/// loop: exact by default, seeded Monte Carlo with `samples`, the best answer within
/// `budgetMs` (stopped early by `cancel`). A hand of null or "random" is a random hand.
#[napi(ts_return_type = "Promise<EquityResult>")]
pub fn equity(
    hands: Vec<Option<String>>,
    options: Option<EquityOptions>,
    cancel: Option<&CancelToken>,
) -> Result<AsyncTask<ComputeEquity>> {
    Ok(AsyncTask::new(ComputeEquity {
        query: query(hands, options)?,
        cancel: cancel.map(|c| c.token.clone()),
    }))
}

/// The work of `outs`, done on the libuv thread pool.
#[derive(Debug)]
pub struct ComputeOuts {
    query: EquityQuery,
}

impl Task for ComputeOuts {
    type Output = ggp_core::Result<CoreOuts>;
    type JsValue = Outs;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(self.query.outs())
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let outs = output.map_err(|err| rules_error(&env, &err))?;
        Ok(Outs {
            equities: outs.equities,
            leaders: seats(&outs.leaders),
            cards: outs
                .cards
                .iter()
                .map(|c| CardOutcome {
                    card: c.card.to_string(),
                    equities: c.equities.clone(),
                    leaders: seats(&c.leaders),
                })
                .collect(),
            outs: outs
                .outs
                .iter()
                .map(|cards| cards.iter().map(ToString::to_string).collect())
                .collect(),
        })
    }
}

/// Outs for the next board card (board games, known hands, on the flop or turn),
/// computed off the event loop.
#[napi(ts_return_type = "Promise<Outs>")]
pub fn outs(
    hands: Vec<Option<String>>,
    options: Option<EquityOptions>,
) -> Result<AsyncTask<ComputeOuts>> {
    Ok(AsyncTask::new(ComputeOuts {
        query: query(hands, options)?,
    }))
}
