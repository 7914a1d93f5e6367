//! What can be wrong with a hand-history file, and where.

use std::fmt;

use super::variant::PhhVariant;

/// Where in a hand-history file a problem is. Every part is optional because not every
/// problem has one (a missing field has no line; a `.phh` file has no hand index; an
/// action read on its own has none at all).
///
/// ```
/// use ggp_core::phh::PhhLocation;
/// let location = PhhLocation {
///     hand_index: Some(2),
///     field: Some("actions".into()),
///     position: Some(5),
///     line: Some(31),
/// };
/// assert_eq!(location.to_string(), "hand 2, field `actions`, action 5, line 31");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PhhLocation {
    /// The 1-based position of the hand in a `.phhs` file; `None` for a single hand.
    pub hand_index: Option<usize>,
    /// The field's key, e.g. `"starting_stacks"`.
    pub field: Option<String>,
    /// The 1-based position in an array field: the action number in `actions`, the
    /// player's position in the per-player fields.
    pub position: Option<usize>,
    /// The 1-based line of the file.
    pub line: Option<usize>,
}

impl fmt::Display for PhhLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::with_capacity(4);
        if let Some(index) = self.hand_index {
            parts.push(format!("hand {index}"));
        }
        if let Some(field) = &self.field {
            parts.push(format!("field `{field}`"));
        }
        if let Some(position) = self.position {
            let noun = if self.field.as_deref() == Some("actions") {
                "action"
            } else {
                "element"
            };
            parts.push(format!("{noun} {position}"));
        }
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if parts.is_empty() {
            f.write_str("hand history")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// What is wrong with a hand-history file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhhProblem {
    /// The text is not TOML.
    Toml {
        /// The TOML parser's message.
        message: String,
    },
    /// A field the variant needs is absent.
    MissingField {
        /// The field's key.
        field: &'static str,
        /// The variant that needs it; `None` for fields every hand needs.
        required_by: Option<PhhVariant>,
    },
    /// A field or value of the wrong TOML type.
    WrongType {
        /// What the specification allows, e.g. "an array of numbers".
        expected: &'static str,
        /// The TOML type found, with its article, e.g. "a string".
        found: &'static str,
    },
    /// A `variant` that is not one of the specification's codes.
    UnknownVariant {
        /// The code given.
        code: String,
    },
    /// A number that is not an allowed amount (negative, infinite, not a number).
    InvalidAmount {
        /// The number as written.
        text: String,
        /// Why it is not allowed.
        reason: &'static str,
    },
    /// A value of the right type that is still not allowed (a time with a date).
    InvalidValue {
        /// The value as written.
        text: String,
        /// Why it is not allowed.
        reason: &'static str,
    },
    /// An action notation that does not follow the grammar.
    InvalidAction {
        /// The action as written.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A `.phhs` file (one table per hand) read as a single hand.
    ManyHands {
        /// How many tables the file has.
        count: usize,
    },
    /// An entry of a `.phhs` file that is not a table of one hand.
    NotAHand {
        /// The TOML type found, with its article.
        found: &'static str,
    },
}

impl fmt::Display for PhhProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhhProblem::Toml { message } => write!(f, "not valid TOML: {message}"),
            PhhProblem::MissingField {
                field,
                required_by: Some(variant),
            } => write!(
                f,
                "missing field `{field}`, which variant {} ({}) requires",
                variant.code(),
                variant.name()
            ),
            PhhProblem::MissingField {
                field,
                required_by: None,
            } => write!(f, "missing field `{field}`, which every hand requires"),
            PhhProblem::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            PhhProblem::UnknownVariant { code } => write!(
                f,
                "unknown variant code {code:?}; the codes are FT, NT, NS, PO, FO/8, F7S, \
                 F7S/8, FR, N2L1D, F2L3D, FB"
            ),
            PhhProblem::InvalidAmount { text, reason } => {
                write!(f, "invalid amount {text}: {reason}")
            }
            PhhProblem::InvalidValue { text, reason } => {
                write!(f, "invalid value {text}: {reason}")
            }
            PhhProblem::InvalidAction { text, reason } => {
                write!(f, "invalid action {text:?}: {reason}")
            }
            PhhProblem::ManyHands { count } => write!(
                f,
                "this is a .phhs file of {count} {} (one table per hand, such as [1]), \
                 not a single hand; read it with parse_phhs",
                if *count == 1 { "hand" } else { "hands" }
            ),
            PhhProblem::NotAHand { found } => write!(
                f,
                "a .phhs file holds one table per hand (such as [1]), but this entry is {found}"
            ),
        }
    }
}

/// A hand-history file that cannot be read: where the problem is and what it is.
///
/// It reaches callers inside [`crate::Error::HandHistory`].
///
/// ```
/// use ggp_core::{Error, phh::{PhhAction, PhhProblem}};
/// let Err(Error::HandHistory(err)) = PhhAction::parse("p1 raise 200") else { panic!() };
/// assert!(matches!(err.problem, PhhProblem::InvalidAction { .. }));
/// assert_eq!(
///     err.to_string(),
///     "invalid PHH notation: invalid action \"p1 raise 200\": unknown player \
///      action \"raise\"; the player actions are f, cc, cbr, pb, sd and sm (and, as \
///      GGP-GFX extensions, dd and rc)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PhhError {
    /// Where the problem is.
    pub location: PhhLocation,
    /// What it is.
    pub problem: PhhProblem,
}

impl fmt::Display for PhhError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nowhere = self.location == PhhLocation::default();
        if nowhere && matches!(self.problem, PhhProblem::InvalidAction { .. }) {
            // An action or card list read on its own, outside any file.
            write!(f, "invalid PHH notation: {}", self.problem)
        } else if nowhere {
            write!(f, "invalid PHH hand history: {}", self.problem)
        } else {
            write!(
                f,
                "invalid PHH hand history at {}: {}",
                self.location, self.problem
            )
        }
    }
}

impl From<PhhError> for crate::Error {
    fn from(err: PhhError) -> crate::Error {
        crate::Error::HandHistory(Box::new(err))
    }
}
