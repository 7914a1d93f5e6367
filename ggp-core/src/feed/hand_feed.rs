//! Card and action events applied to a [`Hand`]: the pure logic between the card sources
//! (RFID, the vision tracker, an operator) and the rules engine.
//!
//! Cards are dealt in the order the rules engine expects them, whatever order they are
//! read in: a card read early waits until the hand is ready for it. A hole card that was
//! dealt unknown (an action came before the reader saw it) is filled in when it is read
//! later, by replaying the hand from that deal. Nothing is guessed: every card that cannot
//! be placed is an error that says which card, where it was seen, and why.

use std::collections::{BTreeMap, VecDeque};

use crate::card::Card;
use crate::card_set::CardSet;
use crate::rules::state::Pending;
use crate::rules::{Action, Hand};

use super::{ActionEvent, CardEvent, CardLocation};

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

/// Cards read for one place (a player's hole cards, or a board) that the hand does not
/// expect yet, by position where the source knows it.
#[derive(Debug, Clone, Default)]
struct Waiting {
    by_position: BTreeMap<usize, Card>,
    unplaced: VecDeque<Card>,
}

impl Waiting {
    fn len(&self) -> usize {
        self.by_position.len() + self.unplaced.len()
    }

    fn remove(&mut self, card: Card) -> bool {
        let before = self.len();
        self.by_position.retain(|_, c| *c != card);
        self.unplaced.retain(|c| *c != card);
        self.len() != before
    }

    fn at(&self, position: usize) -> Option<Card> {
        self.by_position.get(&position).copied()
    }

    /// The card for `position`: the one read there, else the oldest read without one.
    fn take(&mut self, position: usize) -> Option<Card> {
        self.by_position
            .remove(&position)
            .or_else(|| self.unplaced.pop_front())
    }

    fn add(&mut self, position: Option<usize>, card: Card) {
        match position {
            Some(position) => {
                self.by_position.insert(position, card);
            }
            None => self.unplaced.push_back(card),
        }
    }
}

/// A hand fed by card and action events.
///
/// ```
/// use ggp_core::feed::{ActionEvent, CardEvent, CardLocation, CardSource, FeedOutcome, HandFeed};
/// use ggp_core::rules::{variant, Action, Hand, HandConfig};
/// use ggp_core::{Card, Chips};
/// let config = HandConfig::new(variant("NT")?, vec![Chips::from(100); 2])
///     .with_blinds(&[Chips::from(1), Chips::from(2)])
///     .with_min_bet(Chips::from(2));
/// let mut feed = HandFeed::new(Hand::new(config)?);
/// let seen = |card: &str, seat| CardEvent {
///     timestamp_ns: 0,
///     card: card.parse::<Card>().expect("card"),
///     location: CardLocation::Hole { seat, slot: None },
///     present: true,
///     source: ggp_core::feed::CardSource::Rfid,
///     confidence: 1.0,
/// };
/// // The second player's card is read first: it waits for the first player's.
/// assert_eq!(feed.apply_card(&seen("Kd", 1))?, FeedOutcome::Waiting);
/// assert!(matches!(feed.apply_card(&seen("As", 0))?, FeedOutcome::Dealt(_)));
/// assert_eq!(feed.hand().state().hole_cards(1)[0].card, Some("Kd".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct HandFeed {
    hand: Hand,
    waiting_hole: Vec<Waiting>,
    waiting_board: Vec<Waiting>,
    dead: CardSet,
}

impl HandFeed {
    /// Feeds `hand` from now on.
    pub fn new(hand: Hand) -> HandFeed {
        let players = hand.state().player_count();
        HandFeed {
            hand,
            waiting_hole: vec![Waiting::default(); players],
            waiting_board: Vec::new(),
            dead: CardSet::default(),
        }
    }

    /// The hand.
    pub fn hand(&self) -> &Hand {
        &self.hand
    }

    /// Gives the hand back.
    pub fn into_hand(self) -> Hand {
        self.hand
    }

    /// The cards read but not dealt yet, with where they were read.
    pub fn waiting(&self) -> Vec<(Card, CardLocation)> {
        let mut cards = Vec::new();
        for (seat, waiting) in self.waiting_hole.iter().enumerate() {
            push_waiting(&mut cards, waiting, |slot| CardLocation::Hole {
                seat,
                slot,
            });
        }
        for (board, waiting) in self.waiting_board.iter().enumerate() {
            push_waiting(&mut cards, waiting, |slot| CardLocation::Board {
                board,
                slot,
            });
        }
        cards
    }

    /// Cards that left play (mucked, folded, or seen in the muck).
    pub fn dead_cards(&self) -> CardSet {
        self.dead
    }

    /// Applies a card event; an error changes nothing.
    pub fn apply_card(&mut self, event: &CardEvent) -> Result<FeedOutcome, FeedError> {
        let card = event.card;
        if !event.present {
            let withdrawn = self.waiting_hole.iter_mut().any(|w| w.remove(card))
                || self.waiting_board.iter_mut().any(|w| w.remove(card));
            return Ok(if withdrawn {
                FeedOutcome::Withdrawn
            } else {
                FeedOutcome::Noted
            });
        }
        match event.location {
            CardLocation::Muck => {
                self.waiting_hole.iter_mut().for_each(|w| {
                    w.remove(card);
                });
                self.waiting_board.iter_mut().for_each(|w| {
                    w.remove(card);
                });
                self.dead.insert(card);
                Ok(FeedOutcome::Noted)
            }
            CardLocation::Hole { seat, slot } => self.hole_card(event, seat, slot),
            CardLocation::Board { board, slot } => self.board_card(event, board, slot),
        }
    }

    /// Applies an action. Hole cards the hand still owes are dealt first, as read or as
    /// unknown cards when no source read them (the action shows the deal happened); they
    /// are filled in if read later. An error changes nothing.
    pub fn apply_action(&mut self, event: &ActionEvent) -> Result<Vec<Action>, FeedError> {
        let mut applied = Vec::new();
        let action = &event.action;
        if !action.is_dealing() {
            applied.extend(self.deal_waiting(true, event.timestamp_ns)?);
            if let Pending::DealBoard { count } = self.hand.state().pending() {
                return Err(FeedError::BoardNotRead {
                    action: action.to_string(),
                    count,
                    timestamp_ns: event.timestamp_ns,
                });
            }
        }
        // A player's cards leave the state when the player folds: take them first.
        let leaving: Vec<Card> = match action {
            Action::Fold { player }
            | Action::KillHand { player }
            | Action::ShowOrMuck {
                player,
                cards: None,
            } => self
                .hand
                .state()
                .hole_cards(*player)
                .iter()
                .filter_map(|h| h.card)
                .collect(),
            _ => Vec::new(),
        };
        self.hand
            .apply(action.clone())
            .map_err(|source| FeedError::Rules {
                what: format!("action {action}"),
                timestamp_ns: event.timestamp_ns,
                source,
            })?;
        leaving.into_iter().for_each(|card| {
            self.dead.insert(card);
        });
        self.after_action(action);
        applied.push(action.clone());
        applied.extend(self.deal_waiting(false, event.timestamp_ns)?);
        Ok(applied)
    }

    fn after_action(&mut self, action: &Action) {
        match action {
            Action::DealHole { cards, .. } => {
                for card in cards.iter().flatten() {
                    self.forget_waiting(*card);
                }
            }
            Action::DealBoard { cards } => cards.iter().for_each(|&c| self.forget_waiting(c)),
            _ => {}
        }
    }

    fn forget_waiting(&mut self, card: Card) {
        self.waiting_hole.iter_mut().for_each(|w| {
            w.remove(card);
        });
        self.waiting_board.iter_mut().for_each(|w| {
            w.remove(card);
        });
    }

    /// Where the hand (or the waiting cards) already has `card`.
    fn locate(&self, card: Card) -> Option<CardLocation> {
        let state = self.hand.state();
        for seat in 0..state.player_count() {
            if let Some(slot) = state
                .hole_cards(seat)
                .iter()
                .position(|h| h.card == Some(card))
            {
                return Some(CardLocation::Hole {
                    seat,
                    slot: Some(slot),
                });
            }
        }
        for board in 0..state.board_count() {
            if let Some(slot) = state.board_cards(board).iter().position(|&c| c == card) {
                return Some(CardLocation::Board {
                    board,
                    slot: Some(slot),
                });
            }
        }
        self.waiting()
            .into_iter()
            .find(|(c, _)| *c == card)
            .map(|(_, at)| at)
    }

    fn hole_card(
        &mut self,
        event: &CardEvent,
        seat: usize,
        slot: Option<usize>,
    ) -> Result<FeedOutcome, FeedError> {
        let (card, seen, timestamp_ns) = (event.card, event.location, event.timestamp_ns);
        let state = self.hand.state();
        let dealt_total: usize = state
            .variant()
            .streets
            .iter()
            .map(|s| s.hole_cards.len())
            .sum();
        if seat >= state.player_count() || slot.is_some_and(|s| s >= dealt_total) {
            return Err(FeedError::NoSuchLocation {
                card,
                seen,
                timestamp_ns,
            });
        }
        if let Some(held) = self.locate(card) {
            return match held {
                CardLocation::Hole { seat: at, .. } if at == seat => Ok(FeedOutcome::AlreadyKnown),
                _ if self.dead.contains(card) => Err(FeedError::DeadCard {
                    card,
                    seen,
                    timestamp_ns,
                }),
                held => Err(FeedError::CardConflict {
                    card,
                    seen,
                    held,
                    timestamp_ns,
                }),
            };
        }
        if self.dead.contains(card) {
            return Err(FeedError::DeadCard {
                card,
                seen,
                timestamp_ns,
            });
        }
        if !state.active().get(seat).copied().unwrap_or(false) {
            return Err(FeedError::PlayerOut {
                card,
                seen,
                timestamp_ns,
            });
        }
        let hole = state.hole_cards(seat);
        let waiting = &self.waiting_hole[seat];
        if let Some(slot) = slot {
            if let Some(existing) = hole.get(slot).and_then(|h| h.card).or(waiting.at(slot)) {
                return Err(FeedError::PlaceTaken {
                    card,
                    seen,
                    existing,
                    timestamp_ns,
                });
            }
        }
        let owed_now =
            matches!(state.pending(), Pending::DealHole { player, .. } if player == seat);
        let unknown = match slot {
            Some(slot) => hole.get(slot).filter(|h| h.card.is_none()).map(|_| slot),
            // Without a position, an unknown card is filled in only when no deal to the
            // player is under way, so that a card read for the deal is not taken for it.
            None if !owed_now => hole.iter().position(|h| h.card.is_none()),
            None => None,
        };
        if let Some(position) = unknown {
            return self.reveal(event, seat, position);
        }
        if hole.len() + waiting.len() >= dealt_total {
            return Err(FeedError::TooManyCards {
                card,
                seen,
                timestamp_ns,
            });
        }
        self.waiting_hole[seat].add(slot, card);
        self.dealt_or_waiting(timestamp_ns)
    }

    fn board_card(
        &mut self,
        event: &CardEvent,
        board: usize,
        slot: Option<usize>,
    ) -> Result<FeedOutcome, FeedError> {
        let (card, seen, timestamp_ns) = (event.card, event.location, event.timestamp_ns);
        let state = self.hand.state();
        let board_total: usize = state
            .variant()
            .streets
            .iter()
            .map(|s| usize::from(s.board_cards))
            .sum();
        if board >= state.board_count() || slot.is_some_and(|s| s >= board_total) {
            return Err(FeedError::NoSuchLocation {
                card,
                seen,
                timestamp_ns,
            });
        }
        if let Some(held) = self.locate(card) {
            return match held {
                CardLocation::Board { board: at, .. } if at == board => {
                    Ok(FeedOutcome::AlreadyKnown)
                }
                _ if self.dead.contains(card) => Err(FeedError::DeadCard {
                    card,
                    seen,
                    timestamp_ns,
                }),
                held => Err(FeedError::CardConflict {
                    card,
                    seen,
                    held,
                    timestamp_ns,
                }),
            };
        }
        if self.dead.contains(card) {
            return Err(FeedError::DeadCard {
                card,
                seen,
                timestamp_ns,
            });
        }
        let on_board = state.board_cards(board);
        if self.waiting_board.len() <= board {
            self.waiting_board.resize(board + 1, Waiting::default());
        }
        let waiting = &self.waiting_board[board];
        if let Some(slot) = slot {
            if let Some(existing) = on_board.get(slot).copied().or(waiting.at(slot)) {
                return Err(FeedError::PlaceTaken {
                    card,
                    seen,
                    existing,
                    timestamp_ns,
                });
            }
        }
        if on_board.len() + waiting.len() >= board_total {
            return Err(FeedError::TooManyCards {
                card,
                seen,
                timestamp_ns,
            });
        }
        self.waiting_board[board].add(slot, card);
        self.dealt_or_waiting(timestamp_ns)
    }

    fn dealt_or_waiting(&mut self, timestamp_ns: i64) -> Result<FeedOutcome, FeedError> {
        let dealt = self.deal_waiting(false, timestamp_ns)?;
        Ok(if dealt.is_empty() {
            FeedOutcome::Waiting
        } else {
            FeedOutcome::Dealt(dealt)
        })
    }

    /// Deals the waiting cards the hand is ready for, in the engine's order; with
    /// `unknown_hole`, hole cards nobody read are dealt unknown.
    fn deal_waiting(
        &mut self,
        unknown_hole: bool,
        timestamp_ns: i64,
    ) -> Result<Vec<Action>, FeedError> {
        let mut dealt = Vec::new();
        loop {
            let state = self.hand.state();
            let action = match state.pending() {
                Pending::DealHole { player, count } => {
                    let held = state.hole_cards(player).len();
                    let waiting = &mut self.waiting_hole[player];
                    let mut cards = Vec::new();
                    for position in held..held + count {
                        match waiting.take(position) {
                            Some(card) => cards.push(Some(card)),
                            None if unknown_hole => cards.push(None),
                            None => break,
                        }
                    }
                    if cards.is_empty() {
                        break;
                    }
                    Action::DealHole { player, cards }
                }
                Pending::DealBoard { count } => {
                    // The board the engine deals to next is the one with the fewest cards.
                    let Some(board) =
                        (0..state.board_count()).min_by_key(|&b| (state.board_cards(b).len(), b))
                    else {
                        break;
                    };
                    let held = state.board_cards(board).len();
                    let Some(waiting) = self.waiting_board.get_mut(board) else {
                        break;
                    };
                    let cards: Vec<Card> = (held..held + count)
                        .map_while(|position| waiting.take(position))
                        .collect();
                    if cards.is_empty() {
                        break;
                    }
                    Action::DealBoard { cards }
                }
                _ => break,
            };
            self.hand
                .apply(action.clone())
                .map_err(|source| FeedError::Rules {
                    what: format!("deal {action}"),
                    timestamp_ns,
                    source,
                })?;
            dealt.push(action);
        }
        Ok(dealt)
    }

    /// Fills in a hole card that was dealt unknown: the hand is taken back to that deal,
    /// which is applied again with the card, and the later actions after it.
    fn reveal(
        &mut self,
        event: &CardEvent,
        seat: usize,
        position: usize,
    ) -> Result<FeedOutcome, FeedError> {
        let (card, seen, timestamp_ns) = (event.card, event.location, event.timestamp_ns);
        let actions = self.hand.actions().to_vec();
        let mut before = 0;
        let mut target = None;
        for (index, action) in actions.iter().enumerate() {
            match action {
                Action::DealHole { player, cards } if *player == seat => {
                    if position < before + cards.len() {
                        target = Some((index, position - before));
                        break;
                    }
                    before += cards.len();
                }
                Action::Draw { player, .. } | Action::Discard { player, .. } if *player == seat => {
                    return Err(FeedError::CannotReveal {
                        card,
                        seen,
                        timestamp_ns,
                    });
                }
                _ => {}
            }
        }
        let Some((index, within)) = target else {
            return Err(FeedError::NoSuchLocation {
                card,
                seen,
                timestamp_ns,
            });
        };
        let mut patched = actions[index..].to_vec();
        if let Some(Action::DealHole { cards, .. }) = patched.first_mut() {
            if let Some(slot) = cards.get_mut(within) {
                *slot = Some(card);
            }
        }
        self.rewrite_from(index, &patched, &actions[index..])
            .map_err(|source| FeedError::Rules {
                what: format!("{card} seen at {seen}"),
                timestamp_ns,
                source,
            })?;
        Ok(FeedOutcome::Revealed { player: seat, card })
    }

    /// Replaces the actions from `index` on with `patched`; if the engine refuses them,
    /// puts `original` back, so that the hand is as it was.
    fn rewrite_from(
        &mut self,
        index: usize,
        patched: &[Action],
        original: &[Action],
    ) -> crate::Result<()> {
        while self.hand.actions().len() > index {
            self.hand.undo()?;
        }
        for (done, action) in patched.iter().enumerate() {
            if let Err(error) = self.hand.apply(action.clone()) {
                for _ in 0..done {
                    self.hand.undo()?;
                }
                for action in original {
                    self.hand.apply(action.clone())?;
                }
                return Err(error);
            }
        }
        Ok(())
    }
}

fn push_waiting(
    cards: &mut Vec<(Card, CardLocation)>,
    waiting: &Waiting,
    at: impl Fn(Option<usize>) -> CardLocation,
) {
    for (&position, &card) in &waiting.by_position {
        cards.push((card, at(Some(position))));
    }
    for &card in &waiting.unplaced {
        cards.push((card, at(None)));
    }
}
