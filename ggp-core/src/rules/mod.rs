//! The rules engine: variants as data, hands as a configuration plus a list of actions,
//! and the state, legal actions, pots and payouts derived from them.
//!
//! ```
//! use ggp_core::{Chips, parse_cards, rules::{variant, Action, Hand, HandConfig}};
//! let config = HandConfig::new(variant("NT")?, vec![Chips::from(200); 2])
//!     .with_blinds(&[Chips::from(1), Chips::from(2)])
//!     .with_min_bet(Chips::from(2));
//! let mut hand = Hand::new(config)?;
//! hand.apply(Action::DealHole { player: 0, cards: parse_cards("AsKs")?.into_iter().map(Some).collect() })?;
//! hand.apply(Action::DealHole { player: 1, cards: parse_cards("7h2c")?.into_iter().map(Some).collect() })?;
//! hand.apply(Action::BetOrRaiseTo { player: 1, amount: Chips::from(6) })?; // the button raises
//! hand.apply(Action::Fold { player: 0 })?;
//! assert_eq!(hand.state().payoffs(), &[Chips::from(-2), Chips::from(2)]);
//! hand.undo()?;
//! assert!(!hand.state().is_complete());
//! # Ok::<(), ggp_core::Error>(())
//! ```

pub mod action;
pub mod config;
pub mod hand;
pub mod journal;
mod opening;
pub mod state;
pub mod table;
pub mod variant;

pub use action::{Action, MaybeCard};
pub use config::{HandConfig, Mode, OddChipRule, SplitConvention, Straddle};
pub use hand::{EVENT_SCHEMA_VERSION, Event, EventKind, Hand, NextMove};
pub use state::{BettingOptions, HandState, HoleCard, Operation, Pending, Pot};
pub use table::{AnteKind, BlindLevel, SeatedPlayer, Seating, Table};
pub use variant::{
    BetSize, BettingStructure, Opening, Street, Variant, registry, rotation, variant,
};
