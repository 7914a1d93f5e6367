//! The state of a hand, derived step by step from its configuration and actions.
//!
//! The phases follow one another as at a real table: antes, blinds and straddles, then
//! for each street the dealing (burns, hole and board cards, draws and discards) and the
//! betting, then the showdown, and last the pots pushed to the winners. Forced bets,
//! collecting bets, burns, killing hands that cannot win and pushing pots happen by
//! themselves; dealing, betting, drawing and showing wait for an [`Action`].
//!
//! The order of these phases and the rules inside them follow pokerkit (Kim, 2023), the
//! engine this one is checked against hand by hand, so that both agree on every legal
//! action; where a rule of pokerkit's would burn chips or guess, this engine says so.

mod apply;
mod betting;
mod dealing;
mod forced;
mod settlement;
mod showdown;

use std::collections::VecDeque;
use std::sync::Arc;

use crate::card::Card;
use crate::card_set::CardSet;
use crate::chips::Chips;
use crate::error::{Error, Result, Rule};
use crate::eval::{self, HandType};
use crate::rules::action::{Action, MaybeCard};
use crate::rules::config::{HandConfig, Mode, SplitConvention};
use crate::rules::opening;
use crate::rules::variant::{BettingStructure, Opening, Street, Variant};

/// A hole card and whether the table can see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct HoleCard {
    /// The card, `None` if nobody entered it.
    pub card: MaybeCard,
    /// Dealt face up (stud) or shown at showdown.
    pub face_up: bool,
}

/// A pot and the players who can win it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pot {
    /// The chips in it.
    pub amount: Chips,
    /// The players still in contention for it, by index.
    pub players: Vec<usize>,
}

/// What the hand waits for next.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// Hole cards for a player: `count` at most (dealing one at a time is fine).
    DealHole {
        /// The player the dealer would deal to next.
        player: usize,
        /// Cards still owed to that player on this street.
        count: usize,
    },
    /// Board cards: `count` at most.
    DealBoard {
        /// Cards still owed to the board on this street.
        count: usize,
    },
    /// A player's draw (stand pat or discard).
    Draw {
        /// Who draws next.
        player: usize,
    },
    /// A player's discard without replacement.
    Discard {
        /// Who discards next.
        player: usize,
        /// How many cards.
        count: usize,
    },
    /// A player's betting decision.
    Bet {
        /// Who acts.
        player: usize,
    },
    /// An all-in player's choice of how many times to run the board.
    SelectRunoutCount {
        /// Who chooses.
        player: usize,
    },
    /// A player's show-or-muck decision.
    ShowOrMuck {
        /// Who shows or mucks next.
        player: usize,
    },
    /// Nothing: the hand is over.
    Complete,
}

/// Something the engine did by itself, or an action as it took effect (with the amount
/// a call or bring-in came to), in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "operation", rename_all = "snake_case")]
pub enum Operation {
    /// A player posted an ante.
    AntePosted {
        /// Who.
        player: usize,
        /// How much.
        amount: Chips,
    },
    /// A player posted a blind or straddle.
    BlindPosted {
        /// Who.
        player: usize,
        /// How much.
        amount: Chips,
    },
    /// The bets went into the pot; bets nobody matched went back.
    BetsCollected {
        /// What each player put in.
        amounts: Vec<Chips>,
    },
    /// A street began.
    StreetStarted {
        /// Its index.
        street: usize,
    },
    /// A card was burned.
    CardBurned,
    /// A check or call took effect.
    CheckedOrCalled {
        /// Who.
        player: usize,
        /// The chips it cost (zero for a check).
        amount: Chips,
    },
    /// A bring-in took effect.
    BringInPosted {
        /// Who.
        player: usize,
        /// How much.
        amount: Chips,
    },
    /// An action was applied as given.
    Applied {
        /// The action.
        action: Action,
    },
    /// A hand that could not win anything was killed at showdown.
    HandKilled {
        /// Whose.
        player: usize,
    },
    /// A pot (or its share for one board and one hand type) was pushed to its winners.
    PotAwarded {
        /// Which pot, main first.
        pot: usize,
        /// Which board, when the board was run more than once.
        board: Option<usize>,
        /// Which hand type (0 high, 1 low in hi-lo games).
        hand_type: Option<usize>,
        /// What each player received.
        amounts: Vec<Chips>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Dealing,
    Betting,
    Showdown,
    Complete,
}

/// The state of one hand.
#[derive(Debug, Clone)]
pub struct HandState {
    config: Arc<HandConfig>,
    players: usize,
    stacks: Vec<Chips>,
    bets: Vec<Chips>,
    payoffs: Vec<Chips>,
    active: Vec<bool>,
    hole: Vec<Vec<HoleCard>>,
    /// Board cards by position; a position holds one card per board.
    board: Vec<Vec<Card>>,
    /// Cards out of play that cannot come back: mucked, discarded.
    dead: CardSet,
    burned: usize,
    phase: Phase,
    street: Option<usize>,
    // Dealing.
    burn_pending: bool,
    hole_pending: Vec<VecDeque<bool>>,
    board_pending: Vec<usize>,
    draw_pending: Vec<bool>,
    discard_pending: Vec<usize>,
    // Betting.
    opener: Option<usize>,
    bring_in_pending: bool,
    completion_pending: bool,
    actors: VecDeque<usize>,
    raise_amount: Chips,
    raise_count: u32,
    acted: Vec<bool>,
    short_all_ins: Vec<Chips>,
    all_in: bool,
    // Showdown.
    runout_selectors: Vec<bool>,
    runout_count: Option<u8>,
    runout_selected: bool,
    street_return: Option<usize>,
    street_return_count: usize,
    showdown_queue: VecDeque<usize>,
    // Settlement.
    pots: Option<Vec<Pot>>,
    operations: Vec<Operation>,
    /// Chips a cap game keeps out of play, given back at the end.
    behind: Vec<Chips>,
}

fn rule(rule: Rule, detail: impl Into<String>) -> Error {
    Error::Rule {
        rule,
        detail: detail.into(),
    }
}

impl HandState {
    /// Starts a hand: posts antes and blinds, and waits for the first cards.
    pub fn new(config: HandConfig) -> Result<HandState> {
        config.validate()?;
        let players = config.players();
        // In a cap game only the cap is in play; the rest waits behind, untouchable.
        let in_play: Vec<Chips> = config
            .starting_stacks
            .iter()
            .map(|&s| config.cap.map_or(s, |cap| s.min(cap)))
            .collect();
        let behind = config
            .starting_stacks
            .iter()
            .zip(&in_play)
            .map(|(&s, &p)| s - p)
            .collect();
        let mut state = HandState {
            players,
            behind,
            stacks: in_play,
            bets: vec![Chips::ZERO; players],
            payoffs: vec![Chips::ZERO; players],
            active: vec![true; players],
            hole: vec![Vec::new(); players],
            board: Vec::new(),
            dead: CardSet::EMPTY,
            burned: 0,
            phase: Phase::Dealing,
            street: None,
            burn_pending: false,
            hole_pending: vec![VecDeque::new(); players],
            board_pending: vec![0; config.board_count],
            draw_pending: vec![false; players],
            discard_pending: vec![0; players],
            opener: None,
            bring_in_pending: false,
            completion_pending: false,
            actors: VecDeque::new(),
            raise_amount: Chips::ZERO,
            raise_count: 0,
            acted: vec![false; players],
            short_all_ins: Vec::new(),
            all_in: false,
            runout_selectors: vec![false; players],
            runout_count: None,
            runout_selected: false,
            street_return: None,
            street_return_count: 0,
            showdown_queue: VecDeque::new(),
            pots: None,
            operations: Vec::new(),
            config: Arc::new(config),
        };
        state.post_antes();
        Ok(state)
    }

    // ----- reading the state -------------------------------------------------------

    /// The configuration.
    pub fn config(&self) -> &HandConfig {
        &self.config
    }

    /// The variant.
    pub fn variant(&self) -> &Variant {
        &self.config.variant
    }

    /// The number of players.
    pub fn player_count(&self) -> usize {
        self.players
    }

    /// Each player's stack behind (not counting chips bet on this street).
    pub fn stacks(&self) -> &[Chips] {
        &self.stacks
    }

    /// Chips a cap game keeps out of play for each player until the hand ends (zero
    /// outside cap games): the player's stack in front of them is `stacks + behind`.
    pub fn behind(&self) -> &[Chips] {
        &self.behind
    }

    /// Each player's bet on the current street.
    pub fn bets(&self) -> &[Chips] {
        &self.bets
    }

    /// Whether each player is still in the hand.
    pub fn active(&self) -> &[bool] {
        &self.active
    }

    /// A player's hole cards.
    pub fn hole_cards(&self, player: usize) -> &[HoleCard] {
        self.hole.get(player).map_or(&[], Vec::as_slice)
    }

    /// The index of the current street, or `None` before the first and after the last.
    pub fn street_index(&self) -> Option<usize> {
        self.street
    }

    /// The current street's definition.
    pub fn street(&self) -> Option<&Street> {
        self.street.and_then(|i| self.config.variant.streets.get(i))
    }

    /// How many boards there are (more than one after running it twice).
    pub fn board_count(&self) -> usize {
        let runs = match self.street_return {
            Some(_) => usize::from(self.runout_count.unwrap_or(1)),
            None => 1,
        };
        self.config.board_count * runs
    }

    /// The cards of one board, in order.
    pub fn board_cards(&self, board: usize) -> Vec<Card> {
        let mut cards = Vec::new();
        let split_from = self.street_return.map(|return_street| {
            self.config.variant.streets[..return_street]
                .iter()
                .map(|s| usize::from(s.board_cards))
                .sum::<usize>()
        });
        for (position, at) in self.board.iter().enumerate() {
            let index = match (split_from, self.runout_count) {
                (Some(mid), Some(runs)) if position < mid => board / usize::from(runs.max(1)),
                _ => board,
            };
            if let Some(card) = at.get(index) {
                cards.push(*card);
            }
        }
        cards
    }

    /// Everything that has happened, in order.
    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// Whether the hand is over.
    pub fn is_complete(&self) -> bool {
        self.phase == Phase::Complete
    }

    /// What each player won or lost so far (finishing minus starting stack, once over).
    pub fn payoffs(&self) -> &[Chips] {
        &self.payoffs
    }

    /// The pots: from the chips committed so far while the hand runs, and as they were
    /// awarded once it is over.
    pub fn pots(&self) -> Vec<Pot> {
        match &self.pots {
            Some(pots) => pots.clone(),
            None => self.compute_pots(),
        }
    }

    /// All chips committed to the pot, this street's bets included.
    pub fn total_pot(&self) -> Chips {
        -self.payoffs.iter().copied().sum::<Chips>()
    }

    /// What the hand waits for next.
    pub fn pending(&self) -> Pending {
        match self.phase {
            Phase::Complete => Pending::Complete,
            Phase::Betting => match self.actors.front() {
                Some(&player) => Pending::Bet { player },
                None => Pending::Complete,
            },
            Phase::Showdown => {
                if let Some(player) = self.runout_selectors.iter().position(|&s| s) {
                    Pending::SelectRunoutCount { player }
                } else if let Some(&player) = self.showdown_queue.front() {
                    Pending::ShowOrMuck { player }
                } else {
                    Pending::Complete
                }
            }
            Phase::Dealing => {
                if let Some(player) = self.discard_pending.iter().position(|&n| n > 0) {
                    Pending::Discard {
                        player,
                        count: self.discard_pending[player],
                    }
                } else if let Some(player) = self.draw_pending.iter().position(|&d| d) {
                    Pending::Draw { player }
                } else if let Some(player) = self.hole_dealee() {
                    Pending::DealHole {
                        player,
                        count: self.hole_pending[player].len(),
                    }
                } else if let Some(count) = self.board_dealing_count() {
                    Pending::DealBoard { count }
                } else {
                    Pending::Complete
                }
            }
        }
    }

    /// The player the dealer deals hole cards to next: the one owed the most cards, the
    /// first of them on a tie (so the deal goes round one card at a time); on a draw, the
    /// first drawer still owed replacements.
    fn hole_dealee(&self) -> Option<usize> {
        if self.hole_pending.iter().all(VecDeque::is_empty) {
            return None;
        }
        let drawing = self.street().is_some_and(|s| s.hole_cards.is_empty());
        if drawing {
            // Replacement cards go to each drawer in turn, all of them at once.
            return (0..self.players).find(|&i| !self.hole_pending[i].is_empty());
        }
        (0..self.players).max_by_key(|&i| (self.hole_pending[i].len(), std::cmp::Reverse(i)))
    }

    fn board_dealing_count(&self) -> Option<usize> {
        self.board_pending.iter().copied().find(|&n| n > 0)
    }

    /// The player to act in the betting, if any.
    pub fn actor(&self) -> Option<usize> {
        if self.phase == Phase::Betting {
            self.actors.front().copied()
        } else {
            None
        }
    }
}

/// What the player to act may do in a betting round.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BettingOptions {
    /// The player to act.
    pub player: usize,
    /// Whether folding is allowed (not when a check is free, in tournament mode).
    pub can_fold: bool,
    /// The cost of checking or calling, if allowed.
    pub check_or_call: Option<Chips>,
    /// The bring-in, if it is due.
    pub bring_in: Option<Chips>,
    /// The smallest and largest total a completion, bet or raise may come to.
    pub bet_or_raise: Option<(Chips, Chips)>,
}
