//! # ggp-core
//!
//! The pure-logic heart of the GGP-GFX broadcast SDK: cards, decks, card sets and hand
//! evaluation (and, as the SDK grows, the rules of every variant, the hand state machine,
//! equity, hand histories and the views graphics read). No I/O, no GPU, no video: it builds
//! fast, tests fast and runs anywhere.
//!
//! ```
//! use ggp_core::{eval::high, parse_cards};
//! let value = high::evaluate(&parse_cards("As Ks Qs Js Ts 2c 3d")?)?;
//! assert_eq!(value.description(), "Royal Flush");
//! # Ok::<(), ggp_core::Error>(())
//! ```

pub mod card;
pub mod card_set;
pub mod chips;
pub mod deck;
pub mod equity;
pub mod error;
pub mod eval;
pub mod feed;
pub mod phh;
pub mod pokerstars;
pub mod rng;
pub mod rules;
pub mod view;

pub use card::{Card, Rank, Suit, format_cards, parse_cards};
pub use card_set::CardSet;
pub use chips::Chips;
pub use deck::{Deck, DeckKind};
pub use error::{CardTextProblem, Error, ErrorKind, Result, Rule};
pub use eval::high::{HandCategory, HandStrength, HandValue};
pub use phh::{PhhAction, PhhHand, PhhVariant};
pub use rng::SeededRng;

// The showdown evaluators' common front (see `eval`).
pub use eval::badugi::BadugiRanking;
pub use eval::short_deck::ShortDeckRules;
pub use eval::{HandType, Ranked, Strength};

/// The SDK version, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
