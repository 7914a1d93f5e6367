//! Equity and outs: `ggp.equity(...)`, `ggp.outs(...)` and `ggp.CancelToken`, glue over
//! `ggp_core::equity::EquityQuery`. The computation runs with the GIL released.

use std::time::Duration;

use ggp_core::CardSet;
use ggp_core::equity::{CancelToken, EquityMode, EquityQuery, EquityResult, LiveEquity, Outs};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::{OrRaise, PyCard, Text};

/// A flag that stops `equity(..., budget_ms=...)` early from another thread; the call
/// then returns the estimate so far.
#[pyclass(frozen, module = "ggp", name = "CancelToken")]
#[derive(Debug, Clone, Default)]
struct PyCancelToken(CancelToken);

#[pymethods]
impl PyCancelToken {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Asks every computation holding this token to stop.
    fn cancel(&self) {
        self.0.cancel();
    }

    /// Whether `cancel` has been called.
    #[getter]
    fn cancelled(&self) -> bool {
        self.0.is_cancelled()
    }
}

/// One seat's share of the pot.
#[pyclass(frozen, get_all, module = "ggp", name = "PlayerEquity")]
#[derive(Debug, Clone)]
struct PyPlayerEquity {
    /// Boards (or samples) on which the seat took the whole pot alone.
    win: u64,
    /// Boards on which it took part of the pot.
    tie: u64,
    /// Boards on which it took nothing.
    lose: u64,
    /// Its average share of the pot, 0 to 1.
    equity: f64,
    /// The standard error of `equity` (Monte Carlo), or None when exact.
    std_error: Option<f64>,
    /// Hi-lo games: the average share won with the high hand.
    high: Option<f64>,
    /// Hi-lo games: the average share won with the low hand.
    low: Option<f64>,
    /// Hi-lo games: the fraction of boards on which it took the whole pot.
    scoop: Option<f64>,
}

#[pymethods]
impl PyPlayerEquity {
    fn __repr__(&self) -> String {
        format!(
            "PlayerEquity(equity={:.4}, win={}, tie={}, lose={})",
            self.equity, self.win, self.tie, self.lose
        )
    }
}

/// The answer of `equity`: each seat's share and what was counted.
#[pyclass(frozen, get_all, module = "ggp", name = "EquityResult")]
#[derive(Debug)]
struct PyEquityResult {
    /// Each seat's share, in seat order.
    players: Vec<PyPlayerEquity>,
    /// Boards (or deals, or samples) counted.
    boards: u64,
    /// Whether every one was enumerated (no sampling error).
    exact: bool,
}

impl From<EquityResult> for PyEquityResult {
    fn from(result: EquityResult) -> PyEquityResult {
        PyEquityResult {
            players: result
                .players
                .iter()
                .map(|p| PyPlayerEquity {
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

/// What one unseen card would do if it came next.
#[pyclass(frozen, get_all, module = "ggp", name = "CardOutcome")]
#[derive(Debug, Clone)]
struct PyCardOutcome {
    /// The card.
    card: PyCard,
    /// Each seat's equity with the card on the board.
    equities: Vec<f64>,
    /// The seats it puts ahead.
    leaders: Vec<usize>,
}

/// Outs for the next board card.
#[pyclass(frozen, get_all, module = "ggp", name = "Outs")]
#[derive(Debug)]
struct PyOuts {
    /// Each seat's equity now.
    equities: Vec<f64>,
    /// The seats ahead now.
    leaders: Vec<usize>,
    /// Each unseen card, in card order.
    cards: Vec<PyCardOutcome>,
    /// For each seat, the cards that put it alone ahead when it is not now.
    outs: Vec<Vec<PyCard>>,
}

impl From<Outs> for PyOuts {
    fn from(outs: Outs) -> PyOuts {
        PyOuts {
            equities: outs.equities,
            leaders: outs.leaders,
            cards: outs
                .cards
                .into_iter()
                .map(|c| PyCardOutcome {
                    card: PyCard(c.card),
                    equities: c.equities,
                    leaders: c.leaders,
                })
                .collect(),
            outs: outs
                .outs
                .into_iter()
                .map(|cards| cards.into_iter().map(PyCard).collect())
                .collect(),
        }
    }
}

fn card_set(py: Python<'_>, text: &str) -> PyResult<CardSet> {
    if text.trim().is_empty() {
        return Ok(CardSet::EMPTY);
    }
    CardSet::parse(text).or_raise(py)
}

/// The question; a hand of None or "random" is a random hand.
fn query(
    py: Python<'_>,
    hands: Vec<Option<Text>>,
    variant: Text,
    board: Text,
    dead: Text,
    mode: EquityMode,
    threads: usize,
) -> PyResult<EquityQuery> {
    let hands = hands
        .into_iter()
        .map(|hand| match hand {
            Some(text) if !text.0.eq_ignore_ascii_case("random") => card_set(py, &text.0).map(Some),
            _ => Ok(None),
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(EquityQuery {
        variant: variant.0,
        hands,
        board: card_set(py, &board.0)?,
        dead: card_set(py, &dead.0)?,
        mode,
        threads,
    })
}

/// Each seat's equity in any variant the rules engine knows. Exact by default;
/// `samples` asks for seeded Monte Carlo, `budget_ms` for the best answer within that
/// time (stopped early by `cancel`). The GIL is released while it computes.
#[pyfunction]
#[pyo3(signature = (hands, *, variant = Text("NT".to_owned()), board = Text(String::new()),
    dead = Text(String::new()), samples = None, budget_ms = None, seed = 1, threads = 0,
    cancel = None),
    text_signature = "(hands, *, variant='NT', board='', dead='', samples=None, budget_ms=None, seed=1, threads=0, cancel=None)")]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option.
fn equity(
    py: Python<'_>,
    hands: Vec<Option<Text>>,
    variant: Text,
    board: Text,
    dead: Text,
    samples: Option<u64>,
    budget_ms: Option<f64>,
    seed: u64,
    threads: usize,
    cancel: Option<PyRef<'_, PyCancelToken>>,
) -> PyResult<PyEquityResult> {
    let mode = match (samples, budget_ms) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err("give samples or budget_ms, not both"));
        }
        (Some(samples), None) => EquityMode::MonteCarlo { samples, seed },
        (None, Some(ms)) if ms.is_finite() && ms >= 0.0 => EquityMode::BestWithin {
            budget: Duration::from_secs_f64(ms / 1000.0),
            seed,
        },
        (None, Some(ms)) => {
            return Err(PyValueError::new_err(format!(
                "budget_ms must be a finite number >= 0, not {ms}"
            )));
        }
        (None, None) => EquityMode::Exact,
    };
    let query = query(py, hands, variant, board, dead, mode, threads)?;
    let token = cancel.map(|t| t.0.clone());
    py.detach(|| query.compute(token.as_ref()))
        .map(PyEquityResult::from)
        .or_raise(py)
}

/// Outs for the next board card: board games, known hands, on the flop or turn. The GIL
/// is released while it computes.
#[pyfunction]
#[pyo3(signature = (hands, *, variant = Text("NT".to_owned()), board = Text(String::new()),
    dead = Text(String::new()), threads = 0),
    text_signature = "(hands, *, variant='NT', board='', dead='', threads=0)")]
fn outs(
    py: Python<'_>,
    hands: Vec<Option<Text>>,
    variant: Text,
    board: Text,
    dead: Text,
    threads: usize,
) -> PyResult<PyOuts> {
    let query = query(py, hands, variant, board, dead, EquityMode::Exact, threads)?;
    py.detach(|| query.outs()).map(PyOuts::from).or_raise(py)
}

/// Exact equity that follows the board card by card: made from the same question as
/// `equity` (board games, known or random hands), then `deal` one card at a time. On the
/// turn and river the answer comes from the breakdown kept on the street before. The GIL
/// is released while it computes.
#[pyclass(module = "ggp", name = "LiveEquity")]
#[derive(Debug)]
struct PyLiveEquity {
    live: LiveEquity,
    threads: usize,
}

#[pymethods]
impl PyLiveEquity {
    #[new]
    #[pyo3(signature = (hands, *, variant = Text("NT".to_owned()), board = Text(String::new()),
        dead = Text(String::new()), threads = 0),
        text_signature = "(hands, *, variant='NT', board='', dead='', threads=0)")]
    fn new(
        py: Python<'_>,
        hands: Vec<Option<Text>>,
        variant: Text,
        board: Text,
        dead: Text,
        threads: usize,
    ) -> PyResult<Self> {
        let query = query(py, hands, variant, board, dead, EquityMode::Exact, threads)?;
        let live = py.detach(|| query.live()).or_raise(py)?;
        Ok(PyLiveEquity { live, threads })
    }

    /// Deals one board card ("Th") and returns the new answer; a card already in play
    /// raises and leaves the state as it was.
    fn deal(&mut self, py: Python<'_>, card: Text) -> PyResult<PyEquityResult> {
        let card: ggp_core::Card = card.0.parse().or_raise(py)?;
        let threads = self.threads;
        let live = &mut self.live;
        py.detach(|| live.deal(card, threads).cloned())
            .map(PyEquityResult::from)
            .or_raise(py)
    }

    /// The current answer.
    #[getter]
    fn result(&self) -> PyEquityResult {
        PyEquityResult::from(self.live.result().clone())
    }

    /// The board dealt so far.
    #[getter]
    fn board(&self) -> Vec<PyCard> {
        self.live.request().board.iter().map(PyCard).collect()
    }
}

/// Adds the equity functions and classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(equity, m)?)?;
    m.add_function(wrap_pyfunction!(outs, m)?)?;
    m.add_class::<PyCancelToken>()?;
    m.add_class::<PyPlayerEquity>()?;
    m.add_class::<PyEquityResult>()?;
    m.add_class::<PyCardOutcome>()?;
    m.add_class::<PyOuts>()?;
    m.add_class::<PyLiveEquity>()?;
    Ok(())
}
