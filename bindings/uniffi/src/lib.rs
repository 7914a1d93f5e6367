//! Swift and Kotlin bindings for GGP-GFX (uniffi proc-macros).
//!
//! This crate holds no logic of its own: every call goes straight to `ggp-core`, and the
//! types here only carry its results across the FFI. See `bindings/README.md` for the API
//! every binding exposes and the error table.
//!
//! The foreign code is generated from the built cdylib by this workspace's own
//! `uniffi-bindgen` binary; `bindings/uniffi/test.sh` builds, generates and tests it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

uniffi::setup_scaffolding!();

pub mod equity;
pub mod feed;
pub mod pipeline;
pub mod render;
pub mod rfid;
pub mod vision;

/// An error from the SDK. Each variant is one `ggp_core::ErrorKind` and carries the core
/// error's message; Kotlin sees them as `GgpException.InvalidCard` and so on, Swift as
/// `GgpError.InvalidCard(message:)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum GgpError {
    /// Text that is not a card (`invalid_card`).
    #[error("{message}")]
    InvalidCard {
        /// The core error's message.
        message: String,
    },
    /// A card given twice (`duplicate_card`).
    #[error("{message}")]
    DuplicateCard {
        /// The core error's message.
        message: String,
    },
    /// Too few or too many cards (`wrong_card_count`).
    #[error("{message}")]
    WrongCardCount {
        /// The core error's message.
        message: String,
    },
    /// A card the deck lacks (`card_not_in_deck`).
    #[error("{message}")]
    CardNotInDeck {
        /// The core error's message.
        message: String,
    },
    /// Drawing more than is left (`deck_exhausted`).
    #[error("{message}")]
    DeckExhausted {
        /// The core error's message.
        message: String,
    },
    /// An unknown deck kind or other name (`unknown_name`).
    #[error("{message}")]
    UnknownName {
        /// The core error's message.
        message: String,
    },
    /// Text that is not an amount of chips (`invalid_amount`).
    #[error("{message}")]
    InvalidAmount {
        /// The core error's message.
        message: String,
    },
    /// An action that breaks a rule of the game (`rule_violation`); the hand is unchanged.
    #[error("{message}")]
    RuleViolation {
        /// The core error's message.
        message: String,
        /// The rule broken, as its snake_case code, e.g. `"bet_too_small"`.
        rule: String,
    },
    /// A hand configuration that cannot be played (`invalid_config`).
    #[error("{message}")]
    InvalidConfig {
        /// The core error's message.
        message: String,
    },
    /// A PHH hand history, or an action's notation, that cannot be read (`hand_history`).
    #[error("{message}")]
    HandHistory {
        /// The core error's message.
        message: String,
    },
    /// A hand journal that cannot be replayed (`journal`).
    #[error("{message}")]
    Journal {
        /// The core error's message.
        message: String,
    },
}

impl GgpError {
    /// The stable error code of `ggp_core::ErrorKind::code`, e.g. `"invalid_card"`.
    pub fn code(&self) -> &'static str {
        let kind = match self {
            Self::InvalidCard { .. } => ggp_core::ErrorKind::InvalidCard,
            Self::DuplicateCard { .. } => ggp_core::ErrorKind::DuplicateCard,
            Self::WrongCardCount { .. } => ggp_core::ErrorKind::WrongCardCount,
            Self::CardNotInDeck { .. } => ggp_core::ErrorKind::CardNotInDeck,
            Self::DeckExhausted { .. } => ggp_core::ErrorKind::DeckExhausted,
            Self::UnknownName { .. } => ggp_core::ErrorKind::UnknownName,
            Self::InvalidAmount { .. } => ggp_core::ErrorKind::InvalidAmount,
            Self::RuleViolation { .. } => ggp_core::ErrorKind::RuleViolation,
            Self::InvalidConfig { .. } => ggp_core::ErrorKind::InvalidConfig,
            Self::HandHistory { .. } => ggp_core::ErrorKind::HandHistory,
            Self::Journal { .. } => ggp_core::ErrorKind::Journal,
        };
        kind.code()
    }
}

impl From<ggp_core::Error> for GgpError {
    fn from(error: ggp_core::Error) -> Self {
        use ggp_core::ErrorKind;
        let message = error.to_string();
        if let ggp_core::Error::Rule { rule, .. } = &error {
            return Self::RuleViolation {
                message,
                rule: rule.code().to_owned(),
            };
        }
        match error.kind() {
            ErrorKind::InvalidCard => Self::InvalidCard { message },
            ErrorKind::DuplicateCard => Self::DuplicateCard { message },
            ErrorKind::WrongCardCount => Self::WrongCardCount { message },
            ErrorKind::CardNotInDeck => Self::CardNotInDeck { message },
            ErrorKind::DeckExhausted => Self::DeckExhausted { message },
            ErrorKind::UnknownName => Self::UnknownName { message },
            ErrorKind::InvalidAmount => Self::InvalidAmount { message },
            ErrorKind::InvalidConfig => Self::InvalidConfig { message },
            ErrorKind::HandHistory => Self::HandHistory { message },
            ErrorKind::Journal => Self::Journal { message },
            // `ErrorKind` is non-exhaustive: a kind added to the core later lands here, with
            // its message intact, until this binding gains a variant for it.
            _ => Self::InvalidCard { message },
        }
    }
}

/// A playing card.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Card {
    /// The rank letter: `2`-`9`, `T`, `J`, `Q`, `K`, `A`.
    pub rank: String,
    /// The suit letter: `c`, `d`, `h`, `s`.
    pub suit: String,
    /// `rank * 4 + suit`, 0..51, suits ordered clubs, diamonds, hearts, spades.
    pub index: u32,
    /// The card as text, e.g. `"As"`.
    pub text: String,
}

impl From<ggp_core::Card> for Card {
    fn from(card: ggp_core::Card) -> Self {
        Card {
            rank: card.rank().to_string(),
            suit: card.suit().to_string(),
            index: u32::from(card.index()),
            text: card.to_string(),
        }
    }
}

fn cards_out(cards: impl IntoIterator<Item = ggp_core::Card>) -> Vec<Card> {
    cards.into_iter().map(Card::from).collect()
}

/// The value of a high hand.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct HandValue {
    /// The category as a snake_case code, e.g. `"full_house"`.
    pub category: String,
    /// The strength: the stronger hand has the greater value.
    pub strength: u32,
    /// The five cards that make the hand, most significant first.
    pub best_five: Vec<Card>,
    /// How a commentator says it, e.g. `"Full House, Sevens full of Twos"`.
    pub description: String,
}

impl From<ggp_core::HandValue> for HandValue {
    fn from(value: ggp_core::HandValue) -> Self {
        HandValue {
            category: value.category.code().to_owned(),
            strength: value.strength.value(),
            best_five: cards_out(value.best_five),
            description: value.description(),
        }
    }
}

/// The SDK version, e.g. `"0.1.0"`.
#[uniffi::export]
pub fn version() -> String {
    ggp_core::VERSION.to_owned()
}

/// Parses one card: `"As"`, `"Td"`, `"10d"`, `"ah"`, `"A♠"`.
#[uniffi::export]
pub fn parse_card(text: String) -> Result<Card, GgpError> {
    Ok(ggp_core::Card::parse(&text)?.into())
}

/// Parses a list of cards: `"As Ks"`, `"AsKs"`, `"As,Ks"`.
#[uniffi::export]
pub fn parse_cards(text: String) -> Result<Vec<Card>, GgpError> {
    Ok(cards_out(ggp_core::parse_cards(&text)?))
}

/// The best high hand of 5 to 7 distinct cards, each given as card text.
#[uniffi::export]
pub fn evaluate(cards: Vec<String>) -> Result<HandValue, GgpError> {
    let cards = cards
        .iter()
        .map(|text| ggp_core::Card::parse(text))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ggp_core::eval::high::evaluate(&cards)?.into())
}

/// The best high hand of 5 to 7 distinct cards written as one text, e.g. `"As Ks Qs Js Ts"`.
#[uniffi::export]
pub fn evaluate_text(text: String) -> Result<HandValue, GgpError> {
    Ok(ggp_core::eval::high::evaluate(&ggp_core::parse_cards(&text)?)?.into())
}

/// A `"standard"` (52) or `"short"` (36) deck, dealt from the top.
#[derive(Debug, uniffi::Object)]
pub struct Deck {
    inner: Mutex<ggp_core::Deck>,
}

impl Deck {
    /// The deck, even if a panic elsewhere poisoned the lock: every core call leaves the
    /// deck whole, so its state is still valid.
    fn lock(&self) -> MutexGuard<'_, ggp_core::Deck> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Deck {
    /// A fresh deck of this kind: shuffled from `seed` when one is given (the same seed
    /// deals the same cards in every language), else in index order.
    #[uniffi::constructor(default(seed = None))]
    pub fn new(kind: String, seed: Option<u64>) -> Result<Arc<Self>, GgpError> {
        let kind: ggp_core::DeckKind = kind.parse()?;
        let deck = match seed {
            Some(seed) => ggp_core::Deck::shuffled(kind, seed),
            None => ggp_core::Deck::new(kind),
        };
        Ok(Arc::new(Deck {
            inner: Mutex::new(deck),
        }))
    }

    /// Deals `count` cards from the top; nothing is dealt if fewer are left.
    pub fn draw(&self, count: u32) -> Result<Vec<Card>, GgpError> {
        // A count past usize (only on 16-bit targets) cannot be met by any deck.
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        Ok(cards_out(self.lock().draw(count)?))
    }

    /// Cards left to deal.
    pub fn remaining(&self) -> u32 {
        u32::try_from(self.lock().remaining()).unwrap_or(u32::MAX)
    }

    /// The kind of deck: `"standard"` or `"short"`.
    pub fn kind(&self) -> String {
        self.lock().kind().name().to_owned()
    }
}

/// How to start a hand with [`Hand::new`]. Amounts are exact decimals written as text
/// (`"200"`, `"0.25"`), read by `ggp_core::Chips::parse`; lists hold one amount per
/// player from player 0 (the first seat left of the button, as in PHH), and players a
/// list does not reach post nothing. `min_bet` sets the small and big bet alike
/// (no-limit, pot-limit); `small_bet` and `big_bet` set each one (fixed limit).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HandOptions {
    /// The variant's code, e.g. `"NT"` (no-limit hold'em), `"FO/8"`, `"F7S"`.
    pub variant: String,
    /// Each player's starting stack; gives the number of players.
    pub starting_stacks: Vec<String>,
    /// Each player's ante (`["0", "5"]` for a big-blind ante).
    #[uniffi(default = [])]
    pub antes: Vec<String>,
    /// Each player's blind or straddle, e.g. `["1", "2"]`.
    #[uniffi(default = [])]
    pub blinds_or_straddles: Vec<String>,
    /// The minimum bet of a no-limit or pot-limit game.
    #[uniffi(default = None)]
    pub min_bet: Option<String>,
    /// The small bet of a fixed-limit game.
    #[uniffi(default = None)]
    pub small_bet: Option<String>,
    /// The big bet of a fixed-limit game.
    #[uniffi(default = None)]
    pub big_bet: Option<String>,
    /// The bring-in of a stud game.
    #[uniffi(default = None)]
    pub bring_in: Option<String>,
}

fn amounts(texts: &[String]) -> Result<Vec<ggp_core::Chips>, GgpError> {
    Ok(texts
        .iter()
        .map(|text| ggp_core::Chips::parse(text))
        .collect::<Result<_, _>>()?)
}

fn amount(text: Option<&String>) -> Result<Option<ggp_core::Chips>, GgpError> {
    Ok(text.map(|t| ggp_core::Chips::parse(t)).transpose()?)
}

impl HandOptions {
    fn to_config(&self) -> Result<ggp_core::rules::HandConfig, GgpError> {
        use ggp_core::rules::{HandConfig, variant};
        let mut config = HandConfig::new(variant(&self.variant)?, amounts(&self.starting_stacks)?)
            .with_antes(&amounts(&self.antes)?)
            .with_blinds(&amounts(&self.blinds_or_straddles)?)
            .with_bring_in(amount(self.bring_in.as_ref())?.unwrap_or(ggp_core::Chips::ZERO));
        if let Some(min_bet) = amount(self.min_bet.as_ref())? {
            config = config.with_min_bet(min_bet);
        }
        if let Some(small_bet) = amount(self.small_bet.as_ref())? {
            config.small_bet = small_bet;
        }
        if let Some(big_bet) = amount(self.big_bet.as_ref())? {
            config.big_bet = big_bet;
        }
        Ok(config)
    }
}

/// A hand being played: driven by PHH action notation, with undo and redo, read back as
/// JSON. Safe to share between threads (calls take turns).
#[derive(Debug, uniffi::Object)]
pub struct Hand {
    inner: Mutex<ggp_core::rules::Hand>,
}

impl Hand {
    /// The hand, even if a panic poisoned the lock: a panic is a bug in the core, and
    /// failing every later call on this hand would not undo it; `undo` rebuilds the state
    /// from the accepted actions if it is in doubt.
    fn lock(&self) -> MutexGuard<'_, ggp_core::rules::Hand> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wrap(hand: ggp_core::rules::Hand) -> Arc<Self> {
        Arc::new(Hand {
            inner: Mutex::new(hand),
        })
    }

    fn table() -> ggp_core::view::TableInfo {
        ggp_core::view::TableInfo::default()
    }
}

#[uniffi::export]
impl Hand {
    /// Starts a hand from its options; antes and blinds are posted at once. Tournament
    /// conventions: folding when a check is free is refused.
    #[uniffi::constructor]
    pub fn new(options: HandOptions) -> Result<Arc<Self>, GgpError> {
        Ok(Self::wrap(ggp_core::rules::Hand::new(
            options.to_config()?,
        )?))
    }

    /// Replays a PHH hand history (one hand, as in a `.phh` file). Strict: an action the
    /// rules refuse is a `RuleViolation` naming its number; a showdown the file leaves out
    /// is completed. Cash-game conventions, as pokerkit replays.
    #[uniffi::constructor]
    pub fn from_phh(text: String) -> Result<Arc<Self>, GgpError> {
        Ok(Self::wrap(ggp_core::rules::Hand::from_phh(&text)?))
    }

    /// Applies one action in PHH notation: `"d dh p1 AsKs"`, `"d db Jc3d5c"`,
    /// `"p2 cbr 300"`, `"p1 cc"`, `"p3 f"`, `"p1 sm AsKs"`. A refused action is a
    /// `RuleViolation` (its message ends with the rule's code, e.g. `(bet_too_small)`) and
    /// changes nothing; text that is no action is `HandHistory`.
    pub fn apply(&self, notation: String) -> Result<(), GgpError> {
        Ok(self.lock().apply_phh(&notation)?)
    }

    /// Takes back the last action and returns it in PHH notation.
    pub fn undo(&self) -> Result<String, GgpError> {
        Ok(self.lock().undo()?.to_string())
    }

    /// Applies the last undone action again and returns it in PHH notation.
    pub fn redo(&self) -> Result<String, GgpError> {
        Ok(self.lock().redo()?.to_string())
    }

    /// Whether the hand is over.
    pub fn is_complete(&self) -> bool {
        self.lock().state().is_complete()
    }

    /// What the hand waits for next, as JSON: `{"pending":{"kind":"bet","player":1},
    /// "betting":{...}}`.
    pub fn next_move_json(&self) -> String {
        // Plain data (strings, numbers, lists): serializing cannot fail.
        serde_json::to_string(&self.lock().next_move()).unwrap_or_default()
    }

    /// The full table view as JSON, every card known to the production included.
    pub fn view_json(&self) -> String {
        self.lock().view_json(&Self::table())
    }

    /// The public table view as JSON: no hidden hole cards.
    pub fn public_view_json(&self) -> String {
        self.lock().public_view_json(&Self::table())
    }

    /// What each player won or lost, by player index, as exact decimals (`"-2"`, `"0.5"`);
    /// all `"0"` until the hand is over.
    pub fn payoffs(&self) -> Vec<String> {
        self.lock()
            .state()
            .payoffs()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The actions applied so far, in PHH notation.
    pub fn actions(&self) -> Vec<String> {
        self.lock()
            .actions()
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_the_core_kind_and_message() {
        let err = parse_card("1x".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_card");
        assert!(err.to_string().contains("unknown rank \"1\""), "{err}");
        let err = evaluate_text("As Ks Qs Js As".into()).unwrap_err();
        assert_eq!(err.code(), "duplicate_card");
        let err = evaluate(vec!["As".into(); 4]).unwrap_err();
        assert_eq!(err.code(), "wrong_card_count");
        let err = Deck::new("long".into(), None).unwrap_err();
        assert_eq!(err.code(), "unknown_name");
        let deck = Deck::new("short".into(), Some(1)).unwrap();
        assert_eq!(deck.draw(37).unwrap_err().code(), "deck_exhausted");
        assert_eq!(deck.remaining(), 36);
    }

    #[test]
    fn every_core_error_kind_has_its_own_variant() {
        let errors = [
            ggp_core::Card::parse("1x").unwrap_err(),
            ggp_core::Card::from_index(52).unwrap_err(),
            ggp_core::CardSet::parse("As as").unwrap_err(),
            ggp_core::eval::high::evaluate(&[]).unwrap_err(),
            ggp_core::Deck::new(ggp_core::DeckKind::Short)
                .remove(ggp_core::CardSet::parse("2c").unwrap())
                .unwrap_err(),
            ggp_core::Deck::new(ggp_core::DeckKind::Short)
                .draw(37)
                .unwrap_err(),
            "long".parse::<ggp_core::DeckKind>().unwrap_err(),
            ggp_core::Chips::parse("x").unwrap_err(),
            ggp_core::rules::Hand::from_phh("variant = ").unwrap_err(),
            ggp_core::rules::Hand::new(options(&["200"]).to_config().unwrap()).unwrap_err(),
            ggp_core::Error::Rule {
                rule: ggp_core::Rule::BetTooSmall,
                detail: "p1 bets 1".into(),
            },
        ];
        for error in errors {
            let code = error.kind().code();
            let message = error.to_string();
            let ours = GgpError::from(error);
            assert_eq!(ours.code(), code);
            assert_eq!(ours.to_string(), message);
        }
    }

    fn options(stacks: &[&str]) -> HandOptions {
        HandOptions {
            variant: "NT".into(),
            starting_stacks: stacks.iter().map(|s| s.to_string()).collect(),
            antes: vec![],
            blinds_or_straddles: vec!["1".into(), "2".into()],
            min_bet: Some("2".into()),
            small_bet: None,
            big_bet: None,
            bring_in: None,
        }
    }

    #[test]
    fn hands_play_by_notation_with_undo_and_redo() {
        let hand = Hand::new(options(&["200", "200"])).unwrap();
        for action in [
            "d dh p1 AsKs",
            "d dh p2 7h7d",
            "p2 cc",
            "p1 cc",
            "d db Jc3d5c",
            "p1 cc",
            "p2 cc",
            "d db 4h",
            "p1 cc",
            "p2 cc",
            "d db 9s",
            "p1 cc",
            "p2 cc",
        ] {
            hand.apply(action.into())
                .unwrap_or_else(|e| panic!("{action}: {e}\n{}", hand.next_move_json()));
        }
        let err = hand.apply("p1 cbr 10".into()).unwrap_err();
        assert_eq!(err.code(), "rule_violation");
        let GgpError::RuleViolation { rule, message } = &err else {
            panic!("{err:?}");
        };
        assert!(message.ends_with(&format!("({rule})")), "{message}");
        assert_eq!(rule, "no_betting");
        hand.apply("p1 sm AsKs".into()).unwrap();
        assert_eq!(hand.undo().unwrap(), "p1 sm AsKs");
        assert_eq!(hand.redo().unwrap(), "p1 sm AsKs");
        hand.apply("p2 sm 7h7d".into()).unwrap();
        assert!(hand.is_complete());
        assert_eq!(hand.payoffs(), ["-2", "2"]);
        assert_eq!(hand.actions().len(), 15);
    }

    #[test]
    fn seeded_decks_match_the_core() {
        let deck = Deck::new("standard".into(), Some(2024)).unwrap();
        let top: Vec<String> = deck.draw(5).unwrap().into_iter().map(|c| c.text).collect();
        assert_eq!(top, ["9d", "4c", "Qc", "2c", "8s"]);
        assert_eq!(deck.remaining(), 47);
        assert_eq!(deck.kind(), "standard");
        let ordered = Deck::new("Short".into(), None).unwrap();
        assert_eq!(ordered.kind(), "short");
        assert_eq!(ordered.draw(1).unwrap()[0].text, "As");
    }

    #[test]
    fn cards_and_hands_carry_every_field() {
        let card = parse_card("10♦".into()).unwrap();
        assert_eq!(
            card,
            Card {
                rank: "T".into(),
                suit: "d".into(),
                index: 33,
                text: "Td".into()
            }
        );
        let value = evaluate_text("7h 7d 7c 2s 2h".into()).unwrap();
        assert_eq!(value.category, "full_house");
        assert_eq!(value.strength, 6_619_136);
        assert_eq!(value.description, "Full House, Sevens full of Twos");
        assert_eq!(value.best_five.len(), 5);
        assert_eq!(version(), ggp_core::VERSION);
    }
}
