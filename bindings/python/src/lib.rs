//! Python bindings for GGP-GFX: the native module `ggp._ggp` behind the `ggp` package.
//!
//! This crate is glue only: every call converts its arguments, calls `ggp-core` and
//! converts the result (or the error) back. The API and the error table it follows are in
//! `bindings/README.md`; the typed stubs are `python/ggp/_ggp.pyi`.
//!
//! Classes and exceptions report `ggp` as their module, the package users import them from.

use ggp_core::{DeckKind, ErrorKind, SeededRng, eval::high};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

create_exception!(
    ggp,
    GgpError,
    PyException,
    "Base class of every GGP-GFX error; `code` is the stable error code."
);
create_exception!(
    ggp,
    InvalidCardError,
    GgpError,
    "Text that is not a card (code \"invalid_card\")."
);
create_exception!(
    ggp,
    DuplicateCardError,
    GgpError,
    "A card given twice (code \"duplicate_card\")."
);
create_exception!(
    ggp,
    WrongCardCountError,
    GgpError,
    "Too few or too many cards (code \"wrong_card_count\")."
);
create_exception!(
    ggp,
    CardNotInDeckError,
    GgpError,
    "A card the deck lacks (code \"card_not_in_deck\")."
);
create_exception!(
    ggp,
    DeckExhaustedError,
    GgpError,
    "Drawing more cards than are left (code \"deck_exhausted\")."
);
create_exception!(
    ggp,
    UnknownNameError,
    GgpError,
    "An unknown deck kind or other name (code \"unknown_name\")."
);

/// The error kinds of the core, each with its own exception class.
const KINDS: [ErrorKind; 6] = [
    ErrorKind::InvalidCard,
    ErrorKind::DuplicateCard,
    ErrorKind::WrongCardCount,
    ErrorKind::CardNotInDeck,
    ErrorKind::DeckExhausted,
    ErrorKind::UnknownName,
];

/// The exception class of an error kind (the README's error table).
fn exception_class(py: Python<'_>, kind: ErrorKind) -> Bound<'_, PyType> {
    match kind {
        ErrorKind::InvalidCard => py.get_type::<InvalidCardError>(),
        ErrorKind::DuplicateCard => py.get_type::<DuplicateCardError>(),
        ErrorKind::WrongCardCount => py.get_type::<WrongCardCountError>(),
        ErrorKind::CardNotInDeck => py.get_type::<CardNotInDeckError>(),
        ErrorKind::DeckExhausted => py.get_type::<DeckExhaustedError>(),
        ErrorKind::UnknownName => py.get_type::<UnknownNameError>(),
        // A kind added to the core after this binding: still a GgpError.
        _ => py.get_type::<GgpError>(),
    }
}

/// The Python exception for a core error: the class of its kind, its Display text as the
/// message, and its kind's code as `code`.
fn to_py_err(py: Python<'_>, err: &ggp_core::Error) -> PyErr {
    let kind = err.kind();
    let py_err = PyErr::from_type(exception_class(py, kind), err.to_string());
    // The classes carry `code` as a class attribute too; setting it on the instance also
    // covers a kind without a class of its own. Setting an attribute on a fresh exception
    // cannot fail short of memory exhaustion, and then the error is still the right one.
    let _ = py_err.value(py).setattr("code", kind.code());
    py_err
}

/// Extension trait: `.or_raise(py)` turns a core result into a Python one.
trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for ggp_core::Result<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|err| to_py_err(py, &err))
    }
}

/// A `str` argument. Text with lone surrogates, which is not valid UTF-8, is taken with
/// U+FFFD in their place, so the core rejects it as card text instead of the conversion
/// failing with a `UnicodeEncodeError`. Anything but a `str` is a `TypeError`.
#[derive(Debug)]
struct Text(String);

impl<'a, 'py> FromPyObject<'a, 'py> for Text {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let text = obj.cast::<PyString>()?;
        Ok(Text(text.to_string_lossy().into_owned()))
    }
}

fn lossy(text: &Bound<'_, PyString>) -> String {
    text.to_string_lossy().into_owned()
}

/// A playing card, e.g. `Card("As")`. Immutable and hashable.
#[pyclass(frozen, eq, hash, module = "ggp", name = "Card")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PyCard(ggp_core::Card);

#[pymethods]
impl PyCard {
    /// Parses one card: "As", "Td", "10d", "ah", "A♠".
    #[new]
    fn new(py: Python<'_>, text: Text) -> PyResult<Self> {
        ggp_core::Card::parse(&text.0).map(PyCard).or_raise(py)
    }

    /// Parses one card: "As", "Td", "10d", "ah", "A♠".
    #[staticmethod]
    fn parse(py: Python<'_>, text: Text) -> PyResult<Self> {
        Self::new(py, text)
    }

    /// The rank letter: "2"-"9", "T", "J", "Q", "K", "A".
    #[getter]
    fn rank(&self) -> String {
        self.0.rank().letter().to_string()
    }

    /// The suit letter: "c", "d", "h", "s".
    #[getter]
    fn suit(&self) -> String {
        self.0.suit().letter().to_string()
    }

    /// rank * 4 + suit, 0..51 (suits ordered clubs, diamonds, hearts, spades).
    #[getter]
    fn index(&self) -> u8 {
        self.0.index()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Card('{}')", self.0)
    }
}

/// The value of a high hand: category, strength, best five cards and description.
#[pyclass(frozen, eq, hash, module = "ggp", name = "HandValue")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PyHandValue(ggp_core::HandValue);

#[pymethods]
impl PyHandValue {
    /// The category as a snake_case code, e.g. "full_house".
    #[getter]
    fn category(&self) -> &'static str {
        self.0.category.code()
    }

    /// The strength: the stronger hand has the greater value.
    #[getter]
    fn strength(&self) -> u32 {
        self.0.strength.value()
    }

    /// The five cards that make the hand, most significant first.
    #[getter]
    fn best_five(&self) -> Vec<PyCard> {
        self.0.best_five.iter().copied().map(PyCard).collect()
    }

    /// How a commentator says it, e.g. "Full House, Sevens full of Twos".
    #[getter]
    fn description(&self) -> String {
        self.0.description()
    }

    fn __repr__(&self) -> String {
        format!(
            "HandValue(category='{}', strength={}, best_five='{}', description='{}')",
            self.0.category.code(),
            self.0.strength.value(),
            ggp_core::format_cards(&self.0.best_five),
            self.0.description(),
        )
    }
}

/// A deck: "standard" (52 cards) or "short" (36), shuffled from `seed` if one is given,
/// else in order (Ace of spades on top).
#[pyclass(module = "ggp", name = "Deck")]
#[derive(Debug)]
struct PyDeck(ggp_core::Deck);

#[pymethods]
impl PyDeck {
    #[new]
    #[pyo3(
        signature = (kind = Text(String::from("standard")), seed = None),
        text_signature = "(kind='standard', seed=None)"
    )]
    fn new(py: Python<'_>, kind: Text, seed: Option<u64>) -> PyResult<Self> {
        let kind: DeckKind = kind.0.parse().or_raise(py)?;
        Ok(PyDeck(match seed {
            Some(seed) => ggp_core::Deck::shuffled(kind, seed),
            None => ggp_core::Deck::new(kind),
        }))
    }

    /// Deals `count` cards from the top; nothing is dealt if fewer are left.
    fn draw(&mut self, py: Python<'_>, count: usize) -> PyResult<Vec<PyCard>> {
        let cards = self.0.draw(count).or_raise(py)?;
        Ok(cards.into_iter().map(PyCard).collect())
    }

    /// Shuffles the cards still in the deck from `seed`.
    fn shuffle(&mut self, seed: u64) {
        self.0.shuffle(&mut SeededRng::new(seed));
    }

    /// Cards left to deal.
    #[getter]
    fn remaining(&self) -> usize {
        self.0.remaining()
    }

    /// The kind of deck: "standard" or "short".
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().name()
    }

    fn __repr__(&self) -> String {
        format!(
            "Deck('{}', remaining={})",
            self.0.kind().name(),
            self.0.remaining()
        )
    }
}

/// The SDK version, e.g. "0.1.0".
#[pyfunction]
fn version() -> &'static str {
    ggp_core::VERSION
}

/// Parses one card: "As", "Td", "10d", "ah", "A♠".
#[pyfunction]
fn parse_card(py: Python<'_>, text: Text) -> PyResult<PyCard> {
    PyCard::new(py, text)
}

/// Parses a list of cards: "As Ks", "AsKs", "As,Ks".
#[pyfunction]
fn parse_cards(py: Python<'_>, text: Text) -> PyResult<Vec<PyCard>> {
    let cards = ggp_core::parse_cards(&text.0).or_raise(py)?;
    Ok(cards.into_iter().map(PyCard).collect())
}

/// The cards of `evaluate`'s argument: card text, or an iterable of Card or str.
fn cards_from(py: Python<'_>, cards: &Bound<'_, PyAny>) -> PyResult<Vec<ggp_core::Card>> {
    if let Ok(text) = cards.cast::<PyString>() {
        return ggp_core::parse_cards(&lossy(text)).or_raise(py);
    }
    let type_error = |what: String| {
        PyTypeError::new_err(format!(
            "evaluate() expects a str or a sequence of Card or str, got {what}"
        ))
    };
    let items = cards.try_iter().map_err(|_| type_error(type_name(cards)))?;
    let mut out = Vec::new();
    for (position, item) in items.enumerate() {
        let item = item?;
        if let Ok(card) = item.cast::<PyCard>() {
            out.push(card.get().0);
        } else if let Ok(text) = item.cast::<PyString>() {
            out.push(ggp_core::Card::parse(&lossy(text)).or_raise(py)?);
        } else {
            return Err(type_error(format!(
                "{} at position {}",
                type_name(&item),
                position + 1
            )));
        }
    }
    Ok(out)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| String::from("?"), |name| lossy(&name))
}

/// The best high hand of 5 to 7 cards: `cards` is text ("As Ks Qs Js Ts") or a sequence
/// of Card or str.
#[pyfunction]
fn evaluate(py: Python<'_>, cards: &Bound<'_, PyAny>) -> PyResult<PyHandValue> {
    let cards = cards_from(py, cards)?;
    high::evaluate(&cards).map(PyHandValue).or_raise(py)
}

#[pymodule]
fn _ggp(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(parse_card, m)?)?;
    m.add_function(wrap_pyfunction!(parse_cards, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_class::<PyCard>()?;
    m.add_class::<PyHandValue>()?;
    m.add_class::<PyDeck>()?;
    m.add("GgpError", py.get_type::<GgpError>())?;
    for kind in KINDS {
        let class = exception_class(py, kind);
        class.setattr("code", kind.code())?;
        m.add(class.name()?, class)?;
    }
    Ok(())
}
