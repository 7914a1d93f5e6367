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

/// Reads what [`Display`](fmt::Display) writes (`player 3 hole card 1`, `player 3 hole
/// card`, `board 1 card 4`, `board 1`, `the muck` or `muck`), so that configuration files
/// name places as messages do.
///
/// ```
/// use ggp_core::feed::CardLocation;
/// let place: CardLocation = "player 2 hole card 1".parse()?;
/// assert_eq!(place, CardLocation::Hole { seat: 1, slot: Some(0) });
/// assert_eq!(place.to_string().parse::<CardLocation>()?, place);
/// # Ok::<(), ggp_core::Error>(())
/// ```
impl std::str::FromStr for CardLocation {
    type Err = crate::Error;

    fn from_str(text: &str) -> crate::Result<CardLocation> {
        let words: Vec<&str> = text.split_whitespace().collect();
        // 1-based in text, 0-based in the value.
        let index = |word: &str| word.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
        let location = match words.as_slice() {
            ["the", "muck"] | ["muck"] => Some(CardLocation::Muck),
            ["player", seat, "hole", "card"] => {
                index(seat).map(|seat| CardLocation::Hole { seat, slot: None })
            }
            ["player", seat, "hole", "card", slot] => {
                index(seat)
                    .zip(index(slot))
                    .map(|(seat, slot)| CardLocation::Hole {
                        seat,
                        slot: Some(slot),
                    })
            }
            ["board", board] => index(board).map(|board| CardLocation::Board { board, slot: None }),
            ["board", board, "card", slot] => {
                index(board)
                    .zip(index(slot))
                    .map(|(board, slot)| CardLocation::Board {
                        board,
                        slot: Some(slot),
                    })
            }
            _ => None,
        };
        location.ok_or_else(|| crate::Error::UnknownName {
            what: "card location",
            name: text.to_owned(),
            expected: "player N hole card [M], board N [card M], the muck (counted from 1)",
        })
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

    #[test]
    fn locations_read_back_what_they_write() {
        let places = [
            CardLocation::Hole {
                seat: 0,
                slot: None,
            },
            CardLocation::Hole {
                seat: 8,
                slot: Some(3),
            },
            CardLocation::Board {
                board: 1,
                slot: None,
            },
            CardLocation::Board {
                board: 0,
                slot: Some(4),
            },
            CardLocation::Muck,
        ];
        for place in places {
            let text = place.to_string();
            assert_eq!(
                text.parse::<CardLocation>().expect("parses"),
                place,
                "{text}"
            );
        }
        assert_eq!(
            "muck".parse::<CardLocation>().expect("muck"),
            CardLocation::Muck
        );
        for bad in [
            "",
            "player 0 hole card",
            "board x",
            "player 1 card 1",
            "seat 1",
        ] {
            assert!(bad.parse::<CardLocation>().is_err(), "{bad:?}");
        }
    }
}
