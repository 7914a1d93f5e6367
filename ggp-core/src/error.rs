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
    /// An action that breaks a rule of the game.
    #[error("{detail} ({rule})")]
    Rule {
        /// The rule broken.
        rule: Rule,
        /// What happened, with the players and amounts involved.
        detail: String,
    },
    /// A hand configuration that cannot be played.
    #[error("invalid hand configuration ({rule}): {detail}")]
    InvalidConfig {
        /// The requirement not met.
        rule: &'static str,
        /// What was wrong.
        detail: String,
    },
    /// A hand journal that cannot be replayed.
    #[error("journal line {line}: {message}")]
    Journal {
        /// The 1-based line.
        line: usize,
        /// What was wrong.
        message: String,
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
    /// A hand history in another site's format (PokerStars text, say) that cannot be
    /// converted: which hand, which line of the text, and what was wrong.
    #[error("{source_format} hand {hand}, line {line}: {message}")]
    Import {
        /// The format, e.g. "PokerStars".
        source_format: &'static str,
        /// The site's id of the hand, as written (`245812345678`), or `?` before it is read.
        hand: String,
        /// The 1-based line of the text.
        line: usize,
        /// What was wrong.
        message: String,
    },
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
    /// [`Error::Rule`].
    RuleViolation,
    /// [`Error::InvalidConfig`].
    InvalidConfig,
    /// [`Error::Journal`].
    Journal,
    /// [`Error::HandHistory`].
    HandHistory,
    /// [`Error::Import`].
    Import,
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
            Self::RuleViolation => "rule_violation",
            Self::InvalidConfig => "invalid_config",
            Self::Journal => "journal",
            Self::HandHistory => "hand_history",
            Self::Import => "import",
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
            Self::Rule { .. } => ErrorKind::RuleViolation,
            Self::InvalidConfig { .. } => ErrorKind::InvalidConfig,
            Self::Journal { .. } => ErrorKind::Journal,
            Self::HandHistory(_) => ErrorKind::HandHistory,
            Self::Import { .. } => ErrorKind::Import,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The rules of play an action can break, named so that a caller can react to each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// Acting out of turn, or an action that does not fit the moment.
    NotYourTurn,
    /// A player index beyond the table.
    NoSuchPlayer,
    /// The hand is already over.
    HandOver,
    /// No betting round is running.
    NoBetting,
    /// Dealing when no cards are due.
    NothingToDeal,
    /// Too many or too few cards for the deal, draw, discard or show.
    WrongCardCount,
    /// A card that is already held, on the board or out of play.
    CardInPlay,
    /// Discarding or showing a card the player does not hold.
    NotInHand,
    /// The bring-in must be posted or completed before anything else.
    BringInFirst,
    /// No bring-in is due.
    NoBringIn,
    /// Folding when checking is free (tournament rules).
    NeedlessFold,
    /// A bet or raise below the minimum.
    BetTooSmall,
    /// A bet or raise above the maximum (the stack, the pot, or the fixed limit).
    BetTooLarge,
    /// The cap on bets and raises in a limit game is reached.
    RaiseCap,
    /// A short all-in does not reopen the betting.
    ShortAllInNoReopen,
    /// Calling already puts the player all in, so there is nothing to raise.
    CoveredByBet,
    /// Everyone else has folded or is all in.
    NobodyToRaise,
    /// Running the board other than 1 to 3 times.
    InvalidRunoutCount,
    /// Killing the hand of the last player in.
    LastPlayer,
}

impl Rule {
    /// The stable snake_case name.
    pub fn code(self) -> &'static str {
        match self {
            Rule::NotYourTurn => "not_your_turn",
            Rule::NoSuchPlayer => "no_such_player",
            Rule::HandOver => "hand_over",
            Rule::NoBetting => "no_betting",
            Rule::NothingToDeal => "nothing_to_deal",
            Rule::WrongCardCount => "wrong_card_count",
            Rule::CardInPlay => "card_in_play",
            Rule::NotInHand => "not_in_hand",
            Rule::BringInFirst => "bring_in_first",
            Rule::NoBringIn => "no_bring_in",
            Rule::NeedlessFold => "needless_fold",
            Rule::BetTooSmall => "bet_too_small",
            Rule::BetTooLarge => "bet_too_large",
            Rule::RaiseCap => "raise_cap",
            Rule::ShortAllInNoReopen => "short_all_in_no_reopen",
            Rule::CoveredByBet => "covered_by_bet",
            Rule::NobodyToRaise => "nobody_to_raise",
            Rule::InvalidRunoutCount => "invalid_runout_count",
            Rule::LastPlayer => "last_player",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
