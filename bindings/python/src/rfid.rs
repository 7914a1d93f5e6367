//! RFID: signed reader lines checked with the table key (`RfidVerifier`), the table that
//! turns tag messages into card events (`RfidTable`), and the reader simulator's lines
//! (`rfid_simulate`). Glue only: every call goes to `ggp_vision::rfid`.

use ggp_vision::rfid::sim::{self, Injections, SimStep, Simulator};
use ggp_vision::rfid::{
    DeckRegistry, Message, RfidError as CoreError, RfidEvent, RfidTable, TableKey, TagState,
    Verifier, system_time_ms,
};
use pyo3::create_exception;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{GgpError, OrRaise, serialized};

create_exception!(
    ggp,
    RfidError,
    GgpError,
    "An RFID line, key or deck file was refused; `code` says why (\"malformed\", \
     \"unknown_reader\", \"bad_signature\", \"replay\", \"stale\", \"invalid_key\", \
     \"deck\")."
);

fn rfid_err(py: Python<'_>, error: &CoreError) -> PyErr {
    let code = match error {
        CoreError::Malformed { .. } | CoreError::TooLong { .. } => "malformed",
        CoreError::UnknownReader { .. } => "unknown_reader",
        CoreError::BadSignature { .. } => "bad_signature",
        CoreError::Replay { .. } => "replay",
        CoreError::Stale { .. } => "stale",
        CoreError::InvalidKey { .. } => "invalid_key",
        CoreError::TagRegistered { .. }
        | CoreError::ConfigFile { .. }
        | CoreError::DeckFile { .. }
        | CoreError::File { .. } => "deck",
        _ => "rfid",
    };
    let py_err = PyErr::new::<RfidError, _>(error.to_string());
    // Setting an attribute on a fresh exception cannot fail short of memory exhaustion.
    let _ = py_err.value(py).setattr("code", code);
    py_err
}

fn message_dict<'py>(py: Python<'py>, message: &Message) -> PyResult<Bound<'py, PyDict>> {
    let header = message.header();
    let dict = PyDict::new(py);
    dict.set_item("reader", &header.reader)?;
    dict.set_item("counter", header.counter)?;
    dict.set_item("timestamp_ms", header.timestamp_ms)?;
    match message {
        Message::Tag {
            antenna,
            tag,
            state,
            ..
        } => {
            dict.set_item("kind", "tag")?;
            dict.set_item("antenna", antenna)?;
            dict.set_item("tag", tag.as_str())?;
            dict.set_item("present", *state == TagState::On)?;
        }
        Message::Heartbeat { .. } => dict.set_item("kind", "heartbeat")?,
    }
    Ok(dict)
}

/// Checks a table's reader lines: the table key (hexadecimal, 32 digits or more), the
/// readers it knows, each reader's counter (against replays) and a time window (against
/// old lines).
#[pyclass(module = "ggp", name = "RfidVerifier")]
#[derive(Debug)]
struct PyRfidVerifier(Verifier);

#[pymethods]
impl PyRfidVerifier {
    #[new]
    #[pyo3(signature = (key_hex, readers, *, window_ms = 5000))]
    fn new(py: Python<'_>, key_hex: &str, readers: Vec<String>, window_ms: u64) -> PyResult<Self> {
        let key = TableKey::from_hex(key_hex).map_err(|e| rfid_err(py, &e))?;
        Ok(PyRfidVerifier(
            Verifier::new(key, readers).with_window_ms(window_ms),
        ))
    }

    /// Checks one line received at `now_ms` (ms since the Unix epoch; default this
    /// machine's clock) and returns its message as a dict: {"kind": "tag"|"heartbeat",
    /// "reader", "counter", "timestamp_ms"} and for tags {"antenna", "tag", "present"}.
    /// A refused line raises RfidError with its code and changes nothing.
    #[pyo3(signature = (line, now_ms = None))]
    fn check<'py>(
        &mut self,
        py: Python<'py>,
        line: &str,
        now_ms: Option<u64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let now_ms = now_ms.unwrap_or_else(system_time_ms);
        let message = self.0.check(line, now_ms).map_err(|e| rfid_err(py, &e))?;
        message_dict(py, &message)
    }

    fn __repr__(&self) -> String {
        "RfidVerifier()".to_owned()
    }
}

/// An RFID event as a dict: {"type": "card", ...card event, "place": "player 1 hole
/// card 1"} (the place as `HandFeed.apply_card` takes it), or "unknown_tag",
/// "unmapped_antenna", "duplicate_card", "card_at_two_places", "dead_card".
fn event_dict<'py>(py: Python<'py>, event: &RfidEvent) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    match event {
        RfidEvent::Card(card) => {
            let value = serialized(py, card)?;
            value.set_item("type", "card")?;
            value.set_item("place", card.location.to_string())?;
            return Ok(value);
        }
        RfidEvent::UnknownTag {
            reader,
            antenna,
            tag,
            timestamp_ns,
        } => {
            dict.set_item("type", "unknown_tag")?;
            dict.set_item("reader", reader)?;
            dict.set_item("antenna", antenna)?;
            dict.set_item("tag", tag.as_str())?;
            dict.set_item("timestamp_ns", timestamp_ns)?;
        }
        RfidEvent::UnmappedAntenna {
            reader,
            antenna,
            timestamp_ns,
        } => {
            dict.set_item("type", "unmapped_antenna")?;
            dict.set_item("reader", reader)?;
            dict.set_item("antenna", antenna)?;
            dict.set_item("timestamp_ns", timestamp_ns)?;
        }
        RfidEvent::DuplicateCard {
            card,
            first,
            second,
            timestamp_ns,
        }
        | RfidEvent::CardAtTwoPlaces {
            card,
            first,
            second,
            timestamp_ns,
        } => {
            let kind = if matches!(event, RfidEvent::DuplicateCard { .. }) {
                "duplicate_card"
            } else {
                "card_at_two_places"
            };
            dict.set_item("type", kind)?;
            dict.set_item("card", card.to_string())?;
            dict.set_item("first", first.to_string())?;
            dict.set_item("second", second.to_string())?;
            dict.set_item("timestamp_ns", timestamp_ns)?;
        }
        RfidEvent::DeadCard {
            card,
            location,
            timestamp_ns,
        } => {
            dict.set_item("type", "dead_card")?;
            dict.set_item("card", card.to_string())?;
            dict.set_item("place", location.to_string())?;
            dict.set_item("timestamp_ns", timestamp_ns)?;
        }
    }
    Ok(dict.into_any())
}

/// A table's RFID state: its registered deck, which antenna watches which place, and
/// which tags are where; turns checked lines into card events.
#[pyclass(module = "ggp", name = "RfidTable")]
#[derive(Debug)]
struct PyRfidTable(RfidTable);

#[pymethods]
impl PyRfidTable {
    /// A table from a deck file's text (`TAG CARD` a line) and an antenna file's text
    /// (`READER ANTENNA PLACE` a line, e.g. "r1 3 player 1 hole card 2").
    #[new]
    fn new(py: Python<'_>, deck: &str, antennas: &str) -> PyResult<Self> {
        let deck = DeckRegistry::parse(deck).map_err(|e| rfid_err(py, &e))?;
        let antennas =
            ggp_vision::rfid::AntennaMap::parse(antennas).map_err(|e| rfid_err(py, &e))?;
        Ok(PyRfidTable(RfidTable::new(deck, antennas)))
    }

    /// The simulator's table: every card registered with its simulated tag, and the
    /// reader `reader`'s antennas under each of `players` seats, the board and the muck.
    #[staticmethod]
    fn simulated(reader: &str, players: usize) -> Self {
        let (deck, antennas) = sim::simulated_table(reader, players);
        PyRfidTable(RfidTable::new(deck, antennas))
    }

    /// Checks `line` with `verifier` (see RfidVerifier.check) and returns the events its
    /// message gives, as dicts (none for a heartbeat).
    #[pyo3(signature = (verifier, line, now_ms = None))]
    fn handle_line<'py>(
        &mut self,
        py: Python<'py>,
        verifier: &mut PyRfidVerifier,
        line: &str,
        now_ms: Option<u64>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let now_ms = now_ms.unwrap_or_else(system_time_ms);
        let message = verifier
            .0
            .check(line, now_ms)
            .map_err(|e| rfid_err(py, &e))?;
        self.0
            .handle(&message)
            .iter()
            .map(|event| event_dict(py, event))
            .collect()
    }

    /// A new hand: no card is dead any more.
    fn new_hand(&mut self) {
        self.0.new_hand();
    }

    fn __repr__(&self) -> String {
        "RfidTable()".to_owned()
    }
}

/// The simulated reader's steps for a seeded no-limit hold'em hand (stacks 500, blinds
/// 5/10, min bet 10; the first player folds, the others call down and show): a list of
/// {"line": str, "genuine": bool} and {"action": str (PHH), "timestamp_ms": int}, in
/// order. With `inject_every` above 0, a forged, a replayed and a malformed line
/// ("genuine": False) follow every `inject_every`-th genuine line.
#[pyfunction]
#[pyo3(signature = (
    key_hex, *, reader = "r1", players = 6, seed = 7, start_ms = None, step_ms = 1,
    inject_every = 0,
))]
#[allow(clippy::too_many_arguments)]
fn rfid_simulate<'py>(
    py: Python<'py>,
    key_hex: &str,
    reader: &str,
    players: usize,
    seed: u64,
    start_ms: Option<u64>,
    step_ms: u64,
    inject_every: usize,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let key = TableKey::from_hex(key_hex).map_err(|e| rfid_err(py, &e))?;
    let hand = sim::seeded_hand(players, seed).or_raise(py)?;
    let injections = Injections {
        every: inject_every,
        forged: true,
        replayed: true,
        malformed: true,
    };
    let start_ms = start_ms.unwrap_or_else(system_time_ms);
    let steps = Simulator::new(key, reader, start_ms, step_ms)
        .with_injections(injections)
        .script(&hand);
    steps
        .iter()
        .map(|step| {
            let dict = PyDict::new(py);
            match step {
                SimStep::Line { line, genuine } => {
                    dict.set_item("line", line)?;
                    dict.set_item("genuine", genuine)?;
                }
                SimStep::Action {
                    action,
                    timestamp_ms,
                } => {
                    dict.set_item("action", action.to_string())?;
                    dict.set_item("timestamp_ms", timestamp_ms)?;
                }
            }
            Ok(dict)
        })
        .collect()
}

/// Adds the RFID classes, function and exception to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyRfidVerifier>()?;
    m.add_class::<PyRfidTable>()?;
    m.add_function(wrap_pyfunction!(rfid_simulate, m)?)?;
    let class = py.get_type::<RfidError>();
    class.setattr("code", "rfid")?;
    m.add("RfidError", class)?;
    Ok(())
}
