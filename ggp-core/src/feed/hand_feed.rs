//! Card and action events applied to a [`Hand`]: the pure logic between the card sources
//! (RFID, the vision tracker, an operator) and the rules engine.
//!
//! Cards are dealt in the order the rules engine expects them, whatever order they are
//! read in: a card read early waits until the hand is ready for it. A hole card that was
//! dealt unknown (an action came before the reader saw it) is filled in when it is read
//! later, by replaying the hand from that deal. Nothing is guessed: every card that cannot
//! be placed is an error that says which card, where it was seen, and why.

use crate::card::Card;
use crate::card_set::CardSet;
use crate::rules::state::Pending;
use crate::rules::{Action, Hand};

use super::outcome::{FeedError, FeedOutcome};
use super::waiting::{Waiting, push_waiting};
use super::{ActionEvent, CardEvent, CardLocation};

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

    /// Applies an action written in PHH notation (`p2 cbr 300`, `p1 f`, `d db Ah8d3c`), as
    /// [`HandFeed::apply_action`] does; text that is no action is a
    /// [`FeedError::Rules`] error.
    pub fn apply_phh(
        &mut self,
        notation: &str,
        timestamp_ns: i64,
    ) -> Result<Vec<Action>, FeedError> {
        let rules = |source| FeedError::Rules {
            what: format!("action {notation:?}"),
            timestamp_ns,
            source,
        };
        let parsed = crate::phh::PhhAction::parse(notation).map_err(rules)?;
        let action = crate::phh::PhhHand::engine_action(&self.hand, &parsed.kind).map_err(rules)?;
        match action {
            Some(action) => self.apply_action(&ActionEvent {
                timestamp_ns,
                action,
            }),
            None => Ok(Vec::new()),
        }
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
