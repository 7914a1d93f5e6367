//! Python bindings for GGP-GFX: the native module `ggp._ggp` behind the `ggp` package.
//!
//! This crate is glue only: every call converts its arguments, calls `ggp-core` and
//! converts the result (or the error) back. The API and the error table it follows are in
//! `bindings/README.md`; the typed stubs are `python/ggp/_ggp.pyi`.
//!
//! Classes and exceptions report `ggp` as their module, the package users import them from.

mod render;

use ggp_core::rules::{Hand, HandConfig, Mode};
use ggp_core::view::TableInfo;
use ggp_core::{Chips, DeckKind, ErrorKind, SeededRng, eval::high};
use pyo3::IntoPyObjectExt;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyType};

mod equity;
mod feed;
mod pipeline;
mod rfid;
mod vision;

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

create_exception!(
    ggp,
    InvalidAmountError,
    GgpError,
    "Text that is not an amount of chips (code \"invalid_amount\")."
);
create_exception!(
    ggp,
    HandHistoryError,
    GgpError,
    "A PHH hand history that cannot be read (code \"hand_history\")."
);
create_exception!(
    ggp,
    JournalError,
    GgpError,
    "A hand journal that cannot be replayed (code \"journal\")."
);
create_exception!(
    ggp,
    RuleViolationError,
    GgpError,
    "An action that breaks a rule of the game (code \"rule_violation\"); `rule` is the \
     rule's code, e.g. \"bet_too_small\"."
);
create_exception!(
    ggp,
    InvalidConfigError,
    GgpError,
    "A hand configuration that cannot be played (code \"invalid_config\")."
);

/// The error kinds of the core, each with its own exception class.
const KINDS: [ErrorKind; 11] = [
    ErrorKind::InvalidCard,
    ErrorKind::DuplicateCard,
    ErrorKind::WrongCardCount,
    ErrorKind::CardNotInDeck,
    ErrorKind::DeckExhausted,
    ErrorKind::UnknownName,
    ErrorKind::InvalidAmount,
    ErrorKind::HandHistory,
    ErrorKind::Journal,
    ErrorKind::RuleViolation,
    ErrorKind::InvalidConfig,
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
        ErrorKind::InvalidAmount => py.get_type::<InvalidAmountError>(),
        ErrorKind::HandHistory => py.get_type::<HandHistoryError>(),
        ErrorKind::Journal => py.get_type::<JournalError>(),
        ErrorKind::RuleViolation => py.get_type::<RuleViolationError>(),
        ErrorKind::InvalidConfig => py.get_type::<InvalidConfigError>(),
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
    if let ggp_core::Error::Rule { rule, .. } = err {
        let _ = py_err.value(py).setattr("rule", rule.code());
    }
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

// --- The rules engine -------------------------------------------------------------------
//
// Amounts of chips cross as exact decimal text ("200", "10112.5", "-2"), never floats:
// arguments may be an int, a str or a decimal.Decimal; results are str. The JSON documents
// (events, views) keep the core's JSON, in which an integral amount is an int and any other
// number a decimal.Decimal parsed from its JSON text (exact, see `ggp_core::Chips`).

/// An amount argument: an int, a str or a decimal.Decimal, read by the core's parser.
fn chips_from(py: Python<'_>, what: &str, value: &Bound<'_, PyAny>) -> PyResult<Chips> {
    let is_decimal = value.is_instance(&decimal_class(py)?)?;
    let text = if value.is_instance_of::<PyString>() {
        lossy(value.cast::<PyString>()?)
    } else if (value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>()) || is_decimal {
        value.str()?.to_string_lossy().into_owned()
    } else {
        let hint = if value.is_instance_of::<PyFloat>() {
            " (floats are not exact: pass a str or a decimal.Decimal)"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!(
            "{what} must be an int, a str or a decimal.Decimal, got {}{hint}",
            type_name(value)
        )));
    };
    Chips::parse(&text).or_raise(py)
}

/// A list of amounts (any iterable of amounts, but not a single str).
fn chips_list(py: Python<'_>, what: &str, values: &Bound<'_, PyAny>) -> PyResult<Vec<Chips>> {
    if values.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a sequence of amounts, got str"
        )));
    }
    let items = values.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be a sequence of amounts, got {}",
            type_name(values)
        ))
    })?;
    items
        .map(|item| chips_from(py, what, &item?))
        .collect::<PyResult<Vec<_>>>()
}

fn decimal_class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("decimal")?.getattr("Decimal")
}

fn chips_text(chips: &[Chips]) -> Vec<String> {
    chips.iter().map(ToString::to_string).collect()
}

/// A JSON value of the core as Python objects (see the note on amounts above).
fn json_to_py<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => flag.into_bound_py_any(py)?,
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                integer.into_bound_py_any(py)?
            } else if let Some(integer) = number.as_u64() {
                integer.into_bound_py_any(py)?
            } else {
                decimal_class(py)?.call1((number.to_string(),))?
            }
        }
        Value::String(text) => text.into_bound_py_any(py)?,
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(fields) => {
            let dict = PyDict::new(py);
            for (key, item) in fields {
                dict.set_item(key, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serialises a core value and converts it (serialising the core's own types cannot fail).
fn serialized<'py>(
    py: Python<'py>,
    value: &(impl serde::Serialize + ?Sized),
) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value)
        .map_err(|err| PyValueError::new_err(format!("cannot serialise: {err}")))?;
    json_to_py(py, &json)
}

/// The JSON text of a view as Python objects.
fn json_text_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let json: serde_json::Value = serde_json::from_str(text)
        .map_err(|err| PyValueError::new_err(format!("cannot read the view: {err}")))?;
    json_to_py(py, &json)
}

/// Every variant of the registry: a list of {"code", "name", "aliases"}.
#[pyfunction]
fn variants(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    ggp_core::rules::registry()
        .iter()
        .map(|variant| {
            let dict = PyDict::new(py);
            dict.set_item("code", &variant.code)?;
            dict.set_item("name", &variant.name)?;
            dict.set_item("aliases", &variant.aliases)?;
            Ok(dict)
        })
        .collect()
}

/// A hand of poker played by the rules engine: its configuration plus the actions taken,
/// in PHH notation. Amounts are exact decimal text.
#[pyclass(module = "ggp", name = "Hand")]
#[derive(Debug)]
struct PyHand(Hand);

#[pymethods]
impl PyHand {
    /// Starts a hand; antes and blinds are posted at once. Player 0 is the first seat to
    /// the left of the button, as in PHH.
    #[new]
    #[pyo3(
        signature = (
            *,
            variant,
            starting_stacks,
            blinds_or_straddles = None,
            antes = None,
            ante = None,
            min_bet = None,
            small_bet = None,
            big_bet = None,
            bring_in = None,
            mode = Text(String::from("tournament")),
            ante_trimming = false,
        ),
        text_signature = "(*, variant, starting_stacks, blinds_or_straddles=None, antes=None, \
                          ante=None, min_bet=None, small_bet=None, big_bet=None, bring_in=None, \
                          mode='tournament', ante_trimming=False)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        variant: Text,
        starting_stacks: &Bound<'_, PyAny>,
        blinds_or_straddles: Option<&Bound<'_, PyAny>>,
        antes: Option<&Bound<'_, PyAny>>,
        ante: Option<&Bound<'_, PyAny>>,
        min_bet: Option<&Bound<'_, PyAny>>,
        small_bet: Option<&Bound<'_, PyAny>>,
        big_bet: Option<&Bound<'_, PyAny>>,
        bring_in: Option<&Bound<'_, PyAny>>,
        mode: Text,
        ante_trimming: bool,
    ) -> PyResult<Self> {
        let game = ggp_core::rules::variant(&variant.0).or_raise(py)?;
        let stacks = chips_list(py, "starting_stacks", starting_stacks)?;
        let mut config = HandConfig::new(game, stacks);
        if let Some(blinds) = blinds_or_straddles {
            config = config.with_blinds(&chips_list(py, "blinds_or_straddles", blinds)?);
        }
        match (antes, ante) {
            (Some(_), Some(_)) => {
                return Err(PyTypeError::new_err("give antes or ante, not both"));
            }
            (Some(antes), None) => config = config.with_antes(&chips_list(py, "antes", antes)?),
            (None, Some(ante)) => config = config.with_ante(chips_from(py, "ante", ante)?),
            (None, None) => {}
        }
        match (min_bet, small_bet, big_bet) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(PyTypeError::new_err(
                    "give min_bet, or small_bet and big_bet, not both",
                ));
            }
            (Some(min_bet), None, None) => {
                config = config.with_min_bet(chips_from(py, "min_bet", min_bet)?);
            }
            (None, Some(small_bet), Some(big_bet)) => {
                config = config.with_limits(
                    chips_from(py, "small_bet", small_bet)?,
                    chips_from(py, "big_bet", big_bet)?,
                );
            }
            (None, Some(_), None) | (None, None, Some(_)) => {
                return Err(PyTypeError::new_err("give small_bet and big_bet together"));
            }
            (None, None, None) => {}
        }
        if let Some(bring_in) = bring_in {
            config = config.with_bring_in(chips_from(py, "bring_in", bring_in)?);
        }
        config.mode = match mode.0.as_str() {
            "tournament" => Mode::Tournament,
            "cash_game" => Mode::CashGame,
            other => {
                return Err(PyValueError::new_err(format!(
                    "mode must be 'tournament' or 'cash_game', not {other:?}"
                )));
            }
        };
        config.ante_trimming = ante_trimming;
        Hand::new(config).map(PyHand).or_raise(py)
    }

    /// Replays a PHH hand history given as text; a showdown the file leaves out is
    /// completed.
    #[staticmethod]
    fn from_phh(py: Python<'_>, text: Text) -> PyResult<Self> {
        py.detach(|| Hand::from_phh(&text.0))
            .map(PyHand)
            .or_raise(py)
    }

    /// Applies one action in PHH notation: "d dh p1 AsKs", "d db AhKh3c", "p2 cbr 300",
    /// "p1 cc", "p1 f", "p1 sm AsKs", "p1 sd 2c3d". A broken rule raises
    /// RuleViolationError and changes nothing.
    fn apply(&mut self, py: Python<'_>, notation: Text) -> PyResult<()> {
        self.0.apply_phh(&notation.0).or_raise(py)
    }

    /// Takes back the last action and returns it in PHH notation.
    fn undo(&mut self, py: Python<'_>) -> PyResult<String> {
        self.0.undo().map(|action| action.to_string()).or_raise(py)
    }

    /// Applies the last undone action again and returns it in PHH notation.
    fn redo(&mut self, py: Python<'_>) -> PyResult<String> {
        self.0.redo().map(|action| action.to_string()).or_raise(py)
    }

    /// What the hand waits for: {"kind", "player"?, "count"?, "betting"}; "betting" is
    /// None or {"player", "can_fold", "check_or_call", "bring_in", "min_bet_or_raise",
    /// "max_bet_or_raise"} with amounts as str (None where not allowed).
    fn next_move<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let next = self.0.next_move();
        let dict = serialized(py, &next.pending)?;
        let betting = match next.betting {
            None => py.None().into_bound(py),
            Some(options) => {
                let text = |chips: Option<Chips>| chips.map(|c| c.to_string());
                let (min, max) = options.bet_or_raise.unzip();
                let betting = PyDict::new(py);
                betting.set_item("player", options.player)?;
                betting.set_item("can_fold", options.can_fold)?;
                betting.set_item("check_or_call", text(options.check_or_call))?;
                betting.set_item("bring_in", text(options.bring_in))?;
                betting.set_item("min_bet_or_raise", text(min))?;
                betting.set_item("max_bet_or_raise", text(max))?;
                betting.into_any()
            }
        };
        dict.set_item("betting", betting)?;
        Ok(dict)
    }

    /// Whether the hand is over (pots awarded).
    #[getter]
    fn is_complete(&self) -> bool {
        self.0.state().is_complete()
    }

    /// Each player's stack, as exact decimal text.
    #[getter]
    fn stacks(&self) -> Vec<String> {
        chips_text(self.0.state().stacks())
    }

    /// Each player's bet on the current street, as exact decimal text.
    #[getter]
    fn bets(&self) -> Vec<String> {
        chips_text(self.0.state().bets())
    }

    /// Each player's net result so far (final once the hand is complete).
    #[getter]
    fn payoffs(&self) -> Vec<String> {
        chips_text(self.0.state().payoffs())
    }

    /// Every chip in the middle: the pots and the bets of the street.
    #[getter]
    fn total_pot(&self) -> String {
        self.0.state().total_pot().to_string()
    }

    /// The pots: a list of {"amount": str, "players": list[int]}.
    fn pots<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .state()
            .pots()
            .into_iter()
            .map(|pot| {
                let dict = PyDict::new(py);
                dict.set_item("amount", pot.amount.to_string())?;
                dict.set_item("players", pot.players)?;
                Ok(dict)
            })
            .collect()
    }

    /// The actions applied so far, in PHH notation.
    fn actions(&self) -> Vec<String> {
        self.0.actions().iter().map(ToString::to_string).collect()
    }

    /// The events after `seq` (all of them for 0), as the core's JSON: dicts with "seq"
    /// and "event".
    #[pyo3(signature = (seq = 0))]
    fn events_since<'py>(&self, py: Python<'py>, seq: u64) -> PyResult<Bound<'py, PyAny>> {
        serialized(py, self.0.events_since(seq))
    }

    /// The full view of the table (every card known to the production), as a dict.
    #[pyo3(signature = (*, names = None, hand_number = 0, button = None, level = None))]
    fn view<'py>(
        &self,
        py: Python<'py>,
        names: Option<Vec<String>>,
        hand_number: u64,
        button: Option<usize>,
        level: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let table = table_info(names, hand_number, button, level);
        json_text_to_py(py, &self.0.view_json(&table))
    }

    /// The public view (no hidden hole cards, equities or outs), as a dict.
    #[pyo3(signature = (*, names = None, hand_number = 0, button = None, level = None))]
    fn public_view<'py>(
        &self,
        py: Python<'py>,
        names: Option<Vec<String>>,
        hand_number: u64,
        button: Option<usize>,
        level: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let table = table_info(names, hand_number, button, level);
        json_text_to_py(py, &self.0.public_view_json(&table))
    }

    fn __repr__(&self) -> String {
        format!(
            "Hand(variant='{}', players={}, actions={})",
            self.0.config().variant.code,
            self.0.config().players(),
            self.0.actions().len()
        )
    }
}

fn table_info(
    names: Option<Vec<String>>,
    hand_number: u64,
    button: Option<usize>,
    level: Option<String>,
) -> TableInfo {
    TableInfo {
        hand_number,
        names: names.unwrap_or_default(),
        button,
        level,
    }
}

/// One hand of a `.phhs` file as `replay_phhs` replayed it: `hand` if it replayed,
/// else `error` (a GgpError).
#[pyclass(frozen, get_all, module = "ggp", name = "PhhReplay")]
#[derive(Debug)]
struct PyPhhReplay {
    /// The hand's 1-based position in the file.
    index: usize,
    /// The name of its table header: "1" for "[1]".
    name: String,
    /// The replayed hand, or None if it failed.
    hand: Option<Py<PyHand>>,
    /// Why the hand failed to replay, or None.
    error: Option<Py<PyAny>>,
}

#[pymethods]
impl PyPhhReplay {
    fn __repr__(&self) -> String {
        let outcome = if self.hand.is_some() { "ok" } else { "error" };
        format!(
            "PhhReplay(index={}, name='{}', {outcome})",
            self.index, self.name
        )
    }
}

/// Replays every hand of a `.phhs` file (the GIL is released meanwhile). A file that
/// cannot be read raises HandHistoryError; a hand that does not replay is reported in its
/// result's `error`.
#[pyfunction]
fn replay_phhs(py: Python<'_>, text: Text) -> PyResult<Vec<PyPhhReplay>> {
    let replayed = py
        .detach(|| {
            ggp_core::phh::parse_phhs(&text.0).map(|entries| {
                entries
                    .into_iter()
                    .map(|entry| (entry.index, entry.name, entry.hand.replay()))
                    .collect::<Vec<_>>()
            })
        })
        .or_raise(py)?;
    replayed
        .into_iter()
        .map(|(index, name, result)| {
            let (hand, error) = match result {
                Ok(hand) => (Some(Py::new(py, PyHand(hand))?), None),
                Err(err) => (None, Some(to_py_err(py, &err).into_value(py).into_any())),
            };
            Ok(PyPhhReplay {
                index,
                name,
                hand,
                error,
            })
        })
        .collect()
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
    m.add_function(wrap_pyfunction!(variants, m)?)?;
    m.add_function(wrap_pyfunction!(replay_phhs, m)?)?;
    m.add_class::<PyHand>()?;
    m.add_class::<PyPhhReplay>()?;
    render::register(m)?;
    equity::register(m)?;
    m.add("GgpError", py.get_type::<GgpError>())?;
    feed::register(m)?;
    pipeline::register(m)?;
    vision::register(m)?;
    rfid::register(m)?;
    for kind in KINDS {
        let class = exception_class(py, kind);
        class.setattr("code", kind.code())?;
        m.add(class.name()?, class)?;
    }
    Ok(())
}
