//! Hand evaluation.
//!
//! Each hand type a showdown needs has one evaluator here: [`high`] (the standard high
//! hand), [`short_deck`] (six-plus hold'em), [`low`] (A-5, 8-or-better and 2-7 lows),
//! [`badugi`] and [`omaha`] (two hole cards with three board cards, high and 8-or-better
//! low). Each module's fast functions work on a [`crate::CardSet`], allocate nothing and
//! never fail; [`evaluate`] is the checked front for every [`HandType`], and its
//! [`Strength`] compares greater-is-better for every type, lows included.
//!
//! The semantics match pokerkit 0.7 hand by hand (each module says how); the tests check
//! them against vectors pokerkit generated (`ggp-core/tests/data`).
//!
//! ```
//! use ggp_core::{eval::{evaluate, HandType}, parse_cards};
//! let razz = evaluate(HandType::AceToFiveLow, &parse_cards("Ah 2c 4d 7s 8h Kd Kc")?, &[])?;
//! assert_eq!(razz.map(|r| r.description()).as_deref(), Some("Eight-Seven Low"));
//! # Ok::<(), ggp_core::Error>(())
//! ```

pub mod badugi;
mod bits;
pub mod hand_type;
pub mod high;
pub mod low;
pub mod omaha;
pub mod short_deck;

pub use hand_type::{HandType, Ranked, Strength, evaluate};
