//! What applying a feed event did, or why it could not be applied.

use crate::card::Card;
use crate::rules::Action;

use super::CardLocation;

/// Why a card or action event could not be applied to a hand. The hand is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// The card is already somewhere else in the hand (or waiting to be dealt there).
    #[error("{card} seen at {seen} ({timestamp_ns} ns) is already at {held}")]
    CardConflict {
        /// The card.
        card: Card,
        /// Where it was just seen.
        seen: CardLocation,
        /// Where the hand already has it.
        held: CardLocation,
        /// When it was seen.
        timestamp_ns: i64,
    },
    /// The card left play (mucked, folded or discarded) and was seen again.
    #[error("{card} seen at {seen} ({timestamp_ns} ns) is dead: it was mucked or folded")]
    DeadCard {
        /// The card.
        card: Card,
        /// Where it was seen.
        seen: CardLocation,
        /// When it was seen.
        timestamp_ns: i64,
    },
    /// The location names a player, board or position this hand does not have.
    #[error("{card} seen at {seen} ({timestamp_ns} ns): this hand has no such place")]
    NoSuchLocation {
        /// The card.
        card: Card,
        /// Where it was seen.
        seen: CardLocation,
        /// When it was seen.
        timestamp_ns: i64,
    },
    /// A card for a player who is no longer in the hand.
    #[error("{card} seen at {seen} ({timestamp_ns} ns): that player is out of the hand")]
    PlayerOut {
        /// The card.
        card: Card,
        /// Where it was seen.
        seen: CardLocation,
        /// When it was seen.
        timestamp_ns: i64,
    },
    /// The place already holds a different card.
    #[error("{card} seen at {seen} ({timestamp_ns} ns), where the hand already has {existing}")]
    PlaceTaken {
        /// The card just seen.
        card: Card,
        /// Where.
        seen: CardLocation,
        /// The card the hand has there.
        existing: Card,
        /// When it was seen.
        timestamp_ns: i64,
    },
    /// More cards for a player, or for the board, than the variant deals.
    #[error("{card} seen at {seen} ({timestamp_ns} ns): no more cards are dealt there")]
    TooManyCards {
        /// The card.
        card: Card,
        /// Where it was seen.
        seen: CardLocation,
        /// When it was seen.
        timestamp_ns: i64,
    },
    /// An action came while the board is owed cards that no source has read: board cards
    /// cannot be dealt unknown.
    #[error(
        "action {action} ({timestamp_ns} ns) came while the board still waits for {count} card(s)"
    )]
    BoardNotRead {
        /// The action, in PHH notation.
        action: String,
        /// How many board cards are owed.
        count: usize,
        /// When the action came.
        timestamp_ns: i64,
    },
    /// A hole card dealt unknown cannot be filled in after the player drew or discarded,
    /// because the card's position is no longer that of its deal.
    #[error(
        "{card} seen at {seen} ({timestamp_ns} ns): the player has drawn or discarded since the unknown card was dealt"
    )]
    CannotReveal {
        /// The card.
        card: Card,
        /// Where it was seen.
        seen: CardLocation,
        /// When it was seen.
        timestamp_ns: i64,
    },
    /// The rules engine refused what the event asked.
    #[error("{what} ({timestamp_ns} ns): {source}")]
    Rules {
        /// The event, in words.
        what: String,
        /// When it happened.
        timestamp_ns: i64,
        /// The engine's error.
        source: crate::Error,
    },
}

/// What applying a card event did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FeedOutcome {
    /// These deals were applied to the hand (the card and any that waited for it).
    Dealt(Vec<Action>),
    /// The card waits until the hand is ready for it (an earlier card is still owed, or
    /// the betting round is not over).
    Waiting,
    /// The hand already has this card there: nothing changed.
    AlreadyKnown,
    /// A hole card that was dealt unknown is now known; the hand was replayed with it.
    Revealed {
        /// The player (0-based).
        player: usize,
        /// The card.
        card: Card,
    },
    /// A card left a place, or went to the muck: recorded for dead-card detection, the
    /// hand is unchanged (a fold is an action, never inferred from a card).
    Noted,
    /// A card that waited to be dealt was taken away before it was.
    Withdrawn,
}

impl FeedError {
    /// A stable code for the error, for bindings and logs: `card_conflict`, `dead_card`,
    /// `no_such_location`, `player_out`, `place_taken`, `too_many_cards`,
    /// `board_not_read`, `cannot_reveal`, `rules`.
    pub fn code(&self) -> &'static str {
        match self {
            FeedError::CardConflict { .. } => "card_conflict",
            FeedError::DeadCard { .. } => "dead_card",
            FeedError::NoSuchLocation { .. } => "no_such_location",
            FeedError::PlayerOut { .. } => "player_out",
            FeedError::PlaceTaken { .. } => "place_taken",
            FeedError::TooManyCards { .. } => "too_many_cards",
            FeedError::BoardNotRead { .. } => "board_not_read",
            FeedError::CannotReveal { .. } => "cannot_reveal",
            FeedError::Rules { .. } => "rules",
        }
    }
}

impl FeedOutcome {
    /// A stable code for the outcome: `dealt`, `waiting`, `already_known`, `revealed`,
    /// `noted`, `withdrawn`.
    pub fn code(&self) -> &'static str {
        match self {
            FeedOutcome::Dealt(_) => "dealt",
            FeedOutcome::Waiting => "waiting",
            FeedOutcome::AlreadyKnown => "already_known",
            FeedOutcome::Revealed { .. } => "revealed",
            FeedOutcome::Noted => "noted",
            FeedOutcome::Withdrawn => "withdrawn",
        }
    }
}
