//! The one error type of `ggp-core`.

use crate::card::Card;

/// What was wrong with a piece of card text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardTextProblem {
    /// Nothing where a card was expected.
    Empty,
    /// The rank part is not one of 2-9, T or 10, J, Q, K, A.
    UnknownRank(String),
    /// The suit part is not one of s, h, d, c or a suit symbol.
    UnknownSuit(String),
    /// A rank with no suit after it.
    MissingSuit,
}

impl std::fmt::Display for CardTextProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => write!(f, "no card given"),
            Self::UnknownRank(rank) => {
                write!(
                    f,
                    "unknown rank {rank:?}; ranks are 2-9, T or 10, J, Q, K, A"
                )
            }
            Self::UnknownSuit(suit) => {
                write!(f, "unknown suit {suit:?}; suits are s, h, d, c or ♠ ♥ ♦ ♣")
            }
            Self::MissingSuit => write!(
                f,
                "the suit is missing; write a card like \"As\" or \"10d\""
            ),
        }
    }
}

/// The situations a `ggp-core` caller can meet and act on.
///
/// Every variant names the input that was wrong. [`Error::kind`] gives a stable,
/// data-free classification that the C ABI and the language bindings map to their own
/// status codes and exception types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Text that should name a card does not.
    #[error("invalid card {text:?}{}: {problem}", position_suffix(*position))]
    InvalidCard {
        /// The offending card text.
        text: String,
        /// 1-based position of the card in a list, when it came from one.
        position: Option<usize>,
        /// What is wrong with it.
        problem: CardTextProblem,
    },
    /// A card index outside `0..52`.
    #[error("card index {index} is out of range; card indices are 0 to 51")]
    CardIndexOutOfRange {
        /// The index given.
        index: u32,
    },
    /// The same card given more than once where cards must be distinct.
    #[error("card {card} is given more than once")]
    DuplicateCard {
        /// The repeated card.
        card: Card,
    },
    /// A hand with too few or too many cards for what was asked of it.
    #[error("{what} needs {min} to {max} cards, but {count} were given")]
    WrongCardCount {
        /// What was being done, e.g. "a high hand".
        what: &'static str,
        /// Cards given.
        count: usize,
        /// Fewest allowed.
        min: usize,
        /// Most allowed.
        max: usize,
    },
    /// A card that does not belong to the deck in use (a Five in a short deck).
    #[error("card {card} is not in the {deck} deck")]
    CardNotInDeck {
        /// The card.
        card: Card,
        /// Which deck.
        deck: &'static str,
    },
    /// More cards asked of a deck than it has left.
    #[error("cannot draw {requested} cards: only {remaining} are left in the deck")]
    DeckExhausted {
        /// Cards asked for.
        requested: usize,
        /// Cards left.
        remaining: usize,
    },
    /// Text that should be an amount of chips and is not.
    #[error("invalid amount {text:?}: {reason}")]
    InvalidAmount {
        /// The text given.
        text: String,
        /// Why it is not an amount.
        reason: &'static str,
    },
    /// A name that is not one of a fixed set (a deck kind, a category).
    #[error("unknown {what} {name:?}; expected one of: {expected}")]
    UnknownName {
        /// What kind of name.
        what: &'static str,
        /// The name given.
        name: String,
        /// The accepted names.
        expected: &'static str,
    },
    /// A PHH hand-history file that cannot be read: where, and what was wrong.
    #[error(transparent)]
    HandHistory(Box<crate::phh::PhhError>),
}

fn position_suffix(position: Option<usize>) -> String {
    position
        .map(|p| format!(" (card {p} of the list)"))
        .unwrap_or_default()
}

/// A stable, data-free classification of [`Error`], for status codes and exception types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::InvalidCard`] and [`Error::CardIndexOutOfRange`].
    InvalidCard,
    /// [`Error::DuplicateCard`].
    DuplicateCard,
    /// [`Error::WrongCardCount`].
    WrongCardCount,
    /// [`Error::CardNotInDeck`].
    CardNotInDeck,
    /// [`Error::DeckExhausted`].
    DeckExhausted,
    /// [`Error::UnknownName`].
    UnknownName,
    /// [`Error::InvalidAmount`].
    InvalidAmount,
    /// [`Error::HandHistory`].
    HandHistory,
}

impl ErrorKind {
    /// A stable snake_case name, used as the error code in bindings.
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidCard => "invalid_card",
            Self::DuplicateCard => "duplicate_card",
            Self::WrongCardCount => "wrong_card_count",
            Self::CardNotInDeck => "card_not_in_deck",
            Self::DeckExhausted => "deck_exhausted",
            Self::UnknownName => "unknown_name",
            Self::InvalidAmount => "invalid_amount",
            Self::HandHistory => "hand_history",
        }
    }
}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::InvalidCard { .. } | Self::CardIndexOutOfRange { .. } => ErrorKind::InvalidCard,
            Self::DuplicateCard { .. } => ErrorKind::DuplicateCard,
            Self::WrongCardCount { .. } => ErrorKind::WrongCardCount,
            Self::CardNotInDeck { .. } => ErrorKind::CardNotInDeck,
            Self::DeckExhausted { .. } => ErrorKind::DeckExhausted,
            Self::UnknownName { .. } => ErrorKind::UnknownName,
            Self::InvalidAmount { .. } => ErrorKind::InvalidAmount,
            Self::HandHistory(_) => ErrorKind::HandHistory,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
