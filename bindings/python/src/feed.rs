//! `HandFeed`: card events (from RFID, vision or an operator) and actions fed into a hand.
//! Glue only: every call goes to `ggp_core::feed::HandFeed`.

use ggp_core::feed::{CardEvent, CardLocation, CardSource, FeedError as CoreFeedError};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::{GgpError, OrRaise, PyCard, PyHand, Text, lossy};

create_exception!(
    ggp,
    FeedError,
    GgpError,
    "A card or action a HandFeed could not apply; `code` says why (\"card_conflict\", \
     \"dead_card\", \"no_such_location\", \"player_out\", \"place_taken\", \
     \"too_many_cards\", \"board_not_read\", \"cannot_reveal\", \"rules\")."
);

fn feed_err(py: Python<'_>, error: &CoreFeedError) -> PyErr {
    let py_err = PyErr::new::<FeedError, _>(error.to_string());
    // Setting an attribute on a fresh exception cannot fail short of memory exhaustion.
    let _ = py_err.value(py).setattr("code", error.code());
    py_err
}

/// A hand fed by card events and actions: cards are dealt in the order the hand expects
/// them whatever order they are read in, hole cards read late are filled in, and every
/// conflict raises FeedError. Feeds a copy of the hand it is given.
#[pyclass(module = "ggp", name = "HandFeed")]
#[derive(Debug)]
struct PyHandFeed(ggp_core::feed::HandFeed);

#[pymethods]
impl PyHandFeed {
    #[new]
    fn new(hand: &PyHand) -> Self {
        PyHandFeed(ggp_core::feed::HandFeed::new(hand.0.clone()))
    }

    /// Applies a card seen (or, with `present=False`, taken away) at `location`, written
    /// "player 1 hole card 2", "player 1 hole card", "board 1 card 3", "board 1" or
    /// "the muck" (counted from 1). Returns what it did: "dealt", "waiting",
    /// "already_known", "revealed", "noted" or "withdrawn".
    #[pyo3(
        signature = (
            card,
            location,
            *,
            present = true,
            timestamp_ns = 0,
            source = Text(String::from("rfid")),
            confidence = 1.0,
        ),
        text_signature = "($self, card, location, *, present=True, timestamp_ns=0, \
                          source='rfid', confidence=1.0)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn apply_card(
        &mut self,
        py: Python<'_>,
        card: &Bound<'_, PyAny>,
        location: Text,
        present: bool,
        timestamp_ns: i64,
        source: Text,
        confidence: f32,
    ) -> PyResult<&'static str> {
        let card = if let Ok(card) = card.cast::<PyCard>() {
            card.get().0
        } else if let Ok(text) = card.cast::<PyString>() {
            ggp_core::Card::parse(&lossy(text)).or_raise(py)?
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "card must be a Card or a str",
            ));
        };
        let location = location.0.parse::<CardLocation>().or_raise(py)?;
        let source = match source.0.as_str() {
            "rfid" => CardSource::Rfid,
            "vision" => CardSource::Vision,
            "operator" => CardSource::Operator,
            "hand_history" => CardSource::HandHistory,
            other => {
                return Err(PyValueError::new_err(format!(
                    "source must be 'rfid', 'vision', 'operator' or 'hand_history', not {other:?}"
                )));
            }
        };
        let event = CardEvent {
            timestamp_ns,
            card,
            location,
            present,
            source,
            confidence,
        };
        self.0
            .apply_card(&event)
            .map(|outcome| outcome.code())
            .map_err(|error| feed_err(py, &error))
    }

    /// Applies an action in PHH notation ("p2 cbr 300", "p1 f", "d db Ah8d3c"); hole cards
    /// still owed are dealt first (unknown where unread). Returns the actions applied, in
    /// PHH notation.
    #[pyo3(signature = (notation, *, timestamp_ns = 0))]
    fn apply_action(
        &mut self,
        py: Python<'_>,
        notation: Text,
        timestamp_ns: i64,
    ) -> PyResult<Vec<String>> {
        self.0
            .apply_phh(&notation.0, timestamp_ns)
            .map(|actions| actions.iter().map(ToString::to_string).collect())
            .map_err(|error| feed_err(py, &error))
    }

    /// A copy of the hand as fed so far.
    #[getter]
    fn hand(&self) -> PyHand {
        PyHand(self.0.hand().clone())
    }

    /// The cards read but not dealt yet: (card, location) each.
    fn waiting(&self) -> Vec<(String, String)> {
        self.0
            .waiting()
            .into_iter()
            .map(|(card, location)| (card.to_string(), location.to_string()))
            .collect()
    }

    /// The cards that left play (folded, mucked, seen in the muck).
    fn dead_cards(&self) -> Vec<PyCard> {
        self.0.dead_cards().iter().map(PyCard).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "HandFeed(actions={}, waiting={})",
            self.0.hand().actions().len(),
            self.0.waiting().len()
        )
    }
}

/// Adds the feed's class and exception to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyHandFeed>()?;
    let class = py.get_type::<FeedError>();
    class.setattr("code", "feed")?;
    m.add("FeedError", class)?;
    Ok(())
}
