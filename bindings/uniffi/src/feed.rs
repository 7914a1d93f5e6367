//! Hands fed by card events (RFID, vision, an operator) and actions, for Swift and
//! Kotlin: glue over `ggp_core::feed::HandFeed`.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ggp_core::feed::{CardEvent, CardLocation, CardSource};

use crate::Hand;

/// Why a feed refused an event; the hand is unchanged. Kotlin sees
/// `FeedException.Rejected` and `FeedException.Invalid`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum FeedError {
    /// The event cannot be applied to the hand; `code` says why (`card_conflict`,
    /// `dead_card`, `no_such_location`, `player_out`, `place_taken`, `too_many_cards`,
    /// `board_not_read`, `cannot_reveal`, `rules`).
    #[error("{reason}")]
    Rejected {
        /// The feed error's message.
        reason: String,
        /// Its stable code.
        code: String,
    },
    /// A card, place, source or hand history that cannot be read.
    #[error("{reason}")]
    Invalid {
        /// What was wrong.
        reason: String,
    },
}

impl From<ggp_core::feed::FeedError> for FeedError {
    fn from(error: ggp_core::feed::FeedError) -> Self {
        FeedError::Rejected {
            reason: error.to_string(),
            code: error.code().to_owned(),
        }
    }
}

impl From<ggp_core::Error> for FeedError {
    fn from(error: ggp_core::Error) -> Self {
        FeedError::Invalid {
            reason: error.to_string(),
        }
    }
}

/// A hand fed by card events and actions: cards are dealt in the order the hand expects
/// them whatever order they are read in, and hole cards read late are filled in.
#[derive(Debug, uniffi::Object)]
pub struct HandFeed {
    inner: Mutex<ggp_core::feed::HandFeed>,
}

impl HandFeed {
    fn lock(&self) -> MutexGuard<'_, ggp_core::feed::HandFeed> {
        // Every feed call either completes or changes nothing: a poisoned lock holds a
        // consistent feed.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl HandFeed {
    /// Feeds a copy of `hand`.
    #[uniffi::constructor]
    pub fn new(hand: Arc<Hand>) -> Arc<Self> {
        let hand = hand.lock().clone();
        Arc::new(HandFeed {
            inner: Mutex::new(ggp_core::feed::HandFeed::new(hand)),
        })
    }

    /// Feeds a new hand with the game, stakes and stacks of a PHH hand history (its
    /// actions are not applied).
    #[uniffi::constructor]
    pub fn from_phh(text: String) -> Result<Arc<Self>, FeedError> {
        let config = ggp_core::phh::PhhHand::parse(&text)?.to_config()?;
        let hand = ggp_core::rules::Hand::new(config)?;
        Ok(Arc::new(HandFeed {
            inner: Mutex::new(ggp_core::feed::HandFeed::new(hand)),
        }))
    }

    /// Applies a card seen (or, `present` false, taken away) at `location`, written
    /// "player 1 hole card 2", "board 1 card 3", "the muck" (counted from 1), by
    /// `source` ("rfid", "vision", "operator", "hand_history"). Returns what it did:
    /// "dealt", "waiting", "already_known", "revealed", "noted" or "withdrawn".
    pub fn apply_card(
        &self,
        card: String,
        location: String,
        present: bool,
        timestamp_ns: i64,
        source: String,
        confidence: f32,
    ) -> Result<String, FeedError> {
        let source = match source.as_str() {
            "rfid" => CardSource::Rfid,
            "vision" => CardSource::Vision,
            "operator" => CardSource::Operator,
            "hand_history" => CardSource::HandHistory,
            other => {
                return Err(FeedError::Invalid {
                    reason: format!(
                        "source must be rfid, vision, operator or hand_history, not {other:?}"
                    ),
                });
            }
        };
        let event = CardEvent {
            timestamp_ns,
            card: ggp_core::Card::parse(&card)?,
            location: location.parse::<CardLocation>()?,
            present,
            source,
            confidence,
        };
        Ok(self.lock().apply_card(&event)?.code().to_owned())
    }

    /// Applies an action in PHH notation ("p2 cbr 300", "p1 f"); hole cards still owed
    /// are dealt first. Returns the actions applied, in PHH notation.
    pub fn apply_action(
        &self,
        notation: String,
        timestamp_ns: i64,
    ) -> Result<Vec<String>, FeedError> {
        let applied = self.lock().apply_phh(&notation, timestamp_ns)?;
        Ok(applied.iter().map(ToString::to_string).collect())
    }

    /// A copy of the hand as fed so far.
    pub fn hand(&self) -> Arc<Hand> {
        Hand::wrap(self.lock().hand().clone())
    }

    /// The cards read but not dealt yet, as "card at place" lines ("Kd at player 2 hole
    /// card").
    pub fn waiting(&self) -> Vec<String> {
        self.lock()
            .waiting()
            .into_iter()
            .map(|(card, location)| format!("{card} at {location}"))
            .collect()
    }
}
