//! Timestamped events that feed a hand from outside: cards read by RFID or vision, and
//! actions entered by an operator.
//!
//! These are the "events in" of the architecture: every source (an RFID reader, the vision
//! tracker, an operator console, a hand history laid on a video) produces the same values,
//! so the frame pipeline and the hand need not know where a card came from. Timestamps are
//! in nanoseconds on the source's clock; the pipeline maps them onto the video's timeline.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::card::Card;
use crate::rules::Action;

mod hand_feed;
mod outcome;
mod waiting;

pub use hand_feed::HandFeed;
pub use outcome::{FeedError, FeedOutcome};

/// Where on the table a card was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CardLocation {
    /// A player's hole card: `seat` is the 0-based player index of the hand, `slot` the
    /// card's position among that player's hole cards when the reader knows it.
    Hole {
        /// The player (0-based, in the hand's order).
        seat: usize,
        /// Which of the player's hole cards, when known (antenna per card).
        slot: Option<usize>,
    },
    /// A community card: `board` is the board index (run-it-twice has two), `slot` the
    /// position on it (0..5 in hold'em) when known.
    Board {
        /// Which board (0 unless the board is run more than once).
        board: usize,
        /// The card's position on that board, when known.
        slot: Option<usize>,
    },
    /// The muck or the burn pile: a card that left play.
    Muck,
}

/// In words, players and positions counted from 1 as players read them: `player 3 hole
/// card 1`, `board 1 card 4`, `the muck`.
impl fmt::Display for CardLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CardLocation::Hole { seat, slot } => {
                write!(f, "player {} hole card", seat + 1)?;
                if let Some(slot) = slot {
                    write!(f, " {}", slot + 1)?;
                }
                Ok(())
            }
            CardLocation::Board { board, slot } => {
                write!(f, "board {}", board + 1)?;
                if let Some(slot) = slot {
                    write!(f, " card {}", slot + 1)?;
                }
                Ok(())
            }
            CardLocation::Muck => f.write_str("the muck"),
        }
    }
}

/// What produced a card event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardSource {
    /// An RFID reader.
    Rfid,
    /// Camera recognition.
    Vision,
    /// A person at a console.
    Operator,
    /// A hand history replayed onto video.
    HandHistory,
}

/// A card arrived somewhere, or left.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CardEvent {
    /// When, in nanoseconds on the source's clock.
    pub timestamp_ns: i64,
    /// The card.
    pub card: Card,
    /// Where it was seen.
    pub location: CardLocation,
    /// `true` when the card arrived, `false` when it was removed.
    pub present: bool,
    /// What saw it.
    pub source: CardSource,
    /// The source's confidence in 0..=1 (1 for RFID and operators).
    pub confidence: f32,
}

/// An action entered for the hand (by an operator, or from a hand history), with its time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionEvent {
    /// When, in nanoseconds on the source's clock.
    pub timestamp_ns: i64,
    /// The action, as the rules engine takes it.
    pub action: Action,
}

/// Anything that feeds a hand, in the order it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FeedEvent {
    /// A card seen or removed.
    Card(CardEvent),
    /// An action taken.
    Action(ActionEvent),
}

impl FeedEvent {
    /// When the event happened, in nanoseconds on its source's clock.
    pub fn timestamp_ns(&self) -> i64 {
        match self {
            FeedEvent::Card(event) => event.timestamp_ns,
            FeedEvent::Action(event) => event.timestamp_ns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_json() {
        let event = FeedEvent::Card(CardEvent {
            timestamp_ns: 1_500_000_000,
            card: Card::parse("As").expect("card"),
            location: CardLocation::Hole {
                seat: 2,
                slot: Some(1),
            },
            present: true,
            source: CardSource::Rfid,
            confidence: 1.0,
        });
        let json = serde_json::to_string(&event).expect("serializes");
        assert!(json.contains(r#""card":"As""#), "{json}");
        let back: FeedEvent = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, event);
        assert_eq!(back.timestamp_ns(), 1_500_000_000);
    }
}
