//! A hand as its configuration plus its list of actions, with undo, redo and events.

use crate::error::{Error, Result, Rule};
use crate::rules::action::Action;
use crate::rules::config::HandConfig;
use crate::rules::state::{HandState, Operation};

/// The version of the events' JSON schema (docs/json-schema.md); bumped on any
/// incompatible change.
pub const EVENT_SCHEMA_VERSION: u32 = 1;

/// Something that happened in a hand, numbered in order so that graphics, logs and
/// journals can follow a hand and resume where they left off.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// 1-based and gapless within a hand; an undo is an event too.
    pub seq: u64,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What an [`Event`] reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    /// The engine did something, or an action took effect.
    Operation {
        /// The operation.
        #[serde(flatten)]
        operation: Operation,
    },
    /// The last action was taken back; the state is as before it.
    Undone {
        /// The action taken back.
        action: Action,
    },
    /// An undone action was applied again.
    Redone {
        /// The action.
        action: Action,
    },
    /// The hand was declared void (a misdeal): every chip goes back.
    Voided {
        /// Why.
        reason: String,
    },
}

/// A hand: its configuration and the actions taken, with the state derived from them.
#[derive(Debug, Clone)]
pub struct Hand {
    config: HandConfig,
    actions: Vec<Action>,
    undone: Vec<Action>,
    state: HandState,
    events: Vec<Event>,
    voided: bool,
    subscribers: Vec<std::sync::mpsc::Sender<Event>>,
}

impl Hand {
    /// Starts a hand; antes and blinds are posted at once.
    pub fn new(config: HandConfig) -> Result<Hand> {
        let state = HandState::new(config.clone())?;
        let mut hand = Hand {
            config,
            actions: Vec::new(),
            undone: Vec::new(),
            state,
            events: Vec::new(),
            voided: false,
            subscribers: Vec::new(),
        };
        let operations = hand.state.operations().to_vec();
        hand.record(
            operations
                .into_iter()
                .map(|operation| EventKind::Operation { operation }),
        );
        Ok(hand)
    }

    /// Replays a hand from its configuration and actions; fails at the first illegal
    /// action, naming its position (1-based) in the list.
    pub fn replay(config: HandConfig, actions: impl IntoIterator<Item = Action>) -> Result<Hand> {
        let mut hand = Hand::new(config)?;
        for (i, action) in actions.into_iter().enumerate() {
            hand.apply(action).map_err(|error| match error {
                Error::Rule { rule, detail } => Error::Rule {
                    rule,
                    detail: format!("action {}: {detail}", i + 1),
                },
                other => other,
            })?;
        }
        Ok(hand)
    }

    fn record(&mut self, kinds: impl IntoIterator<Item = EventKind>) {
        for kind in kinds {
            let seq = self.events.len() as u64 + 1;
            let event = Event { seq, kind };
            // A subscriber that hung up is dropped; the others keep receiving.
            self.subscribers
                .retain(|subscriber| subscriber.send(event.clone()).is_ok());
            self.events.push(event);
        }
    }

    /// Subscribes to the hand's events: the receiver gets every event from now on, in
    /// order, on any thread (graphics, a journal writer, a stats logger). Events before
    /// the subscription are in [`Hand::events`].
    ///
    /// ```
    /// use ggp_core::{Chips, rules::{variant, Hand, HandConfig}};
    /// let config = HandConfig::new(variant("NT")?, vec![Chips::from(100); 2])
    ///     .with_blinds(&[Chips::from(1), Chips::from(2)])
    ///     .with_min_bet(Chips::from(2));
    /// let mut hand = Hand::new(config)?;
    /// let events = hand.subscribe();
    /// hand.apply_phh("d dh p1 AsKs")?;
    /// assert!(events.try_recv().is_ok());
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn subscribe(&mut self) -> std::sync::mpsc::Receiver<Event> {
        let (sender, receiver) = std::sync::mpsc::channel();
        self.subscribers.push(sender);
        receiver
    }

    /// The configuration.
    pub fn config(&self) -> &HandConfig {
        &self.config
    }

    /// The actions applied so far.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The current state.
    pub fn state(&self) -> &HandState {
        &self.state
    }

    /// Every event so far.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The events after `seq` (all of them for 0).
    pub fn events_since(&self, seq: u64) -> &[Event] {
        let start = usize::try_from(seq)
            .unwrap_or(usize::MAX)
            .min(self.events.len());
        &self.events[start..]
    }

    /// Whether the hand was voided.
    pub fn is_voided(&self) -> bool {
        self.voided
    }

    /// Applies an action; a broken rule is an error and changes nothing.
    pub fn apply(&mut self, action: Action) -> Result<&[Event]> {
        if self.voided {
            return Err(Error::Rule {
                rule: Rule::HandOver,
                detail: "the hand was voided".to_owned(),
            });
        }
        let before = self.state.operations().len();
        self.state.apply(&action)?;
        self.actions.push(action);
        self.undone.clear();
        let new: Vec<Operation> = self.state.operations()[before..].to_vec();
        let first = self.events.len();
        self.record(
            new.into_iter()
                .map(|operation| EventKind::Operation { operation }),
        );
        Ok(&self.events[first..])
    }

    /// Takes back the last action: the state becomes exactly what it was before it.
    pub fn undo(&mut self) -> Result<Action> {
        let Some(action) = self.actions.pop() else {
            return Err(Error::Rule {
                rule: Rule::NotYourTurn,
                detail: "there is no action to undo".to_owned(),
            });
        };
        self.state = self.rebuild()?;
        self.undone.push(action.clone());
        self.voided = false;
        self.record([EventKind::Undone {
            action: action.clone(),
        }]);
        Ok(action)
    }

    /// Applies the last undone action again.
    pub fn redo(&mut self) -> Result<Action> {
        let Some(action) = self.undone.pop() else {
            return Err(Error::Rule {
                rule: Rule::NotYourTurn,
                detail: "there is no action to redo".to_owned(),
            });
        };
        let undone = std::mem::take(&mut self.undone);
        self.apply(action.clone())?;
        self.undone = undone;
        self.record([EventKind::Redone {
            action: action.clone(),
        }]);
        Ok(action)
    }

    /// Declares a misdeal: the hand is void and every player keeps their starting stack.
    pub fn void(&mut self, reason: &str) {
        self.voided = true;
        self.record([EventKind::Voided {
            reason: reason.to_owned(),
        }]);
    }

    fn rebuild(&self) -> Result<HandState> {
        let mut state = HandState::new(self.config.clone())?;
        for action in &self.actions {
            state.apply(action)?;
        }
        Ok(state)
    }
}

/// What a hand waits for, with the betting options when a player is to act: everything a
/// controller or an operator screen needs to offer the next move.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NextMove {
    /// What the hand waits for.
    pub pending: crate::rules::state::Pending,
    /// The betting options, when a player is to act in a betting round.
    pub betting: Option<crate::rules::state::BettingOptions>,
}

impl Hand {
    /// What the hand waits for next, with the betting options.
    pub fn next_move(&self) -> NextMove {
        NextMove {
            pending: self.state.pending(),
            betting: self.state.betting_options(),
        }
    }

    /// The full view as JSON (schema: [`crate::view::VIEW_SCHEMA_VERSION`]).
    pub fn view_json(&self, table: &crate::view::TableInfo) -> String {
        serde_json::to_string(&crate::view::TableView::of(self, table)).unwrap_or_default()
    }

    /// The public view as JSON: no hidden hole cards, equities or outs.
    pub fn public_view_json(&self, table: &crate::view::TableInfo) -> String {
        serde_json::to_string(&crate::view::TableView::of(self, table).to_public())
            .unwrap_or_default()
    }
}

impl Hand {
    /// Deals whatever cards the hand waits for (hole cards for the next player, or the
    /// board) from `deck`, skipping cards already in play, and returns the deal; `None`
    /// when no deal is due. With a seeded deck the same seed deals the same hand.
    ///
    /// ```
    /// use ggp_core::{Chips, Deck, DeckKind, rules::{variant, Hand, HandConfig, Pending}};
    /// let config = HandConfig::new(variant("NT")?, vec![Chips::from(100); 2])
    ///     .with_blinds(&[Chips::from(1), Chips::from(2)])
    ///     .with_min_bet(Chips::from(2));
    /// let mut hand = Hand::new(config)?;
    /// let mut deck = Deck::shuffled(DeckKind::Standard, 7);
    /// while hand.deal_next(&mut deck)?.is_some() {}
    /// assert!(matches!(hand.state().pending(), Pending::Bet { .. }));
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn deal_next(&mut self, deck: &mut crate::deck::Deck) -> Result<Option<Action>> {
        use crate::rules::state::Pending;
        let (player, count) = match self.state.pending() {
            Pending::DealHole { player, count } => (Some(player), count),
            Pending::DealBoard { count } => (None, count),
            _ => return Ok(None),
        };
        deck.remove(self.state.cards_in_play())?;
        let cards = deck.draw(count)?;
        let action = match player {
            Some(player) => Action::DealHole {
                player,
                cards: cards.into_iter().map(Some).collect(),
            },
            None => Action::DealBoard { cards },
        };
        self.apply(action.clone())?;
        Ok(Some(action))
    }
}
