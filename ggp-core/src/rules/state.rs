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

    // ----- forced bets and collection ----------------------------------------------

    fn effective_ante(&self, player: usize) -> Chips {
        let ante = if self.players == 2 {
            self.config.antes[1 - player]
        } else {
            self.config.antes[player]
        };
        ante.min(self.config.starting_stacks[player])
    }

    fn effective_blind(&self, player: usize) -> Chips {
        let blind = if self.players == 2 {
            self.config.blinds_or_straddles[1 - player]
        } else {
            self.config.blinds_or_straddles[player]
        };
        let blind = if blind.is_negative() { -blind } else { blind };
        blind.min(self.config.starting_stacks[player] - self.effective_ante(player))
    }

    fn commit(&mut self, player: usize, amount: Chips) {
        self.bets[player] += amount;
        self.stacks[player] -= amount;
        self.payoffs[player] -= amount;
    }

    fn post_antes(&mut self) {
        for player in 0..self.players {
            let amount = self.effective_ante(player);
            if amount.is_positive() {
                self.commit(player, amount);
                self.operations
                    .push(Operation::AntePosted { player, amount });
            }
        }
        self.collect_bets();
    }

    fn post_blinds(&mut self) {
        for player in 0..self.players {
            let amount = self.effective_blind(player);
            if amount.is_positive() {
                self.commit(player, amount);
                self.operations
                    .push(Operation::BlindPosted { player, amount });
            }
        }
        self.begin_dealing();
    }

    fn active_count(&self) -> usize {
        self.active.iter().filter(|&&a| a).count()
    }

    /// Moves the bets into the pot, returning what nobody matched, then goes on to the
    /// next phase.
    fn collect_bets(&mut self) {
        if self.bets.iter().any(|b| !b.is_zero()) {
            let mut collected = self.bets.clone();
            let mut players: Vec<usize> = (0..self.players).collect();
            if self.active_count() == 1 {
                // The last player in keeps their bet in front of them; it comes back
                // with the pot.
                if let Some(winner) = self.active.iter().position(|&a| a) {
                    collected[winner] = Chips::ZERO;
                    players.retain(|&p| p != winner);
                }
            }
            if self.street.is_some() || self.config.ante_trimming {
                let mut sorted = self.bets.clone();
                sorted.sort();
                let cutoff = sorted[sorted.len() - 2];
                for &p in &players {
                    // Only a player still in takes back a bet nobody matched; chips of a
                    // player whose hand was killed stay in the pot as dead money.
                    if self.bets[p] > cutoff && self.active[p] {
                        let overbet = self.bets[p] - cutoff;
                        self.stacks[p] += overbet;
                        self.payoffs[p] += overbet;
                        collected[p] = cutoff;
                    }
                }
            }
            for &p in &players {
                self.bets[p] = Chips::ZERO;
            }
            self.operations
                .push(Operation::BetsCollected { amounts: collected });
        }
        self.end_bet_collection();
    }

    fn is_last_street(&self) -> bool {
        self.street == Some(self.config.variant.streets.len() - 1)
    }

    fn end_bet_collection(&mut self) {
        if self.is_last_street() && self.street_return_count > 0 {
            if let Some(return_street) = self.street_return {
                self.street = return_street.checked_sub(1);
                self.street_return_count -= 1;
            }
        }
        if self.active_count() == 1 {
            self.begin_settlement();
        } else if self.street.is_none() {
            self.post_blinds();
        } else if self.is_last_street() || self.all_in {
            self.begin_showdown();
        } else {
            self.begin_dealing();
        }
    }

    // ----- dealing -----------------------------------------------------------------

    fn cards_held(&self) -> usize {
        self.hole.iter().map(Vec::len).sum::<usize>()
            + self.board.iter().map(Vec::len).sum::<usize>()
    }

    fn begin_dealing(&mut self) {
        let street_index = self.street.map_or(0, |s| s + 1);
        self.street = Some(street_index);
        self.phase = Phase::Dealing;
        self.operations.push(Operation::StreetStarted {
            street: street_index,
        });
        let street = self.config.variant.streets[street_index].clone();
        self.burn_pending = street.burn;
        self.board_pending = vec![usize::from(street.board_cards); self.config.board_count];
        for player in 0..self.players {
            if self.active[player] {
                self.hole_pending[player].extend(street.hole_cards.iter().copied());
                self.draw_pending[player] = street.draw;
                self.discard_pending[player] = usize::from(street.discard);
            }
        }
        // With too few cards left for every hole card (stud with many players), the
        // street's card is dealt once, face up in the middle, for everyone.
        let owed: usize = self.hole_pending.iter().map(VecDeque::len).sum();
        let dealable = self
            .config
            .variant
            .deck
            .cards()
            .len()
            .saturating_sub(self.cards_held());
        if owed > dealable {
            for count in &mut self.board_pending {
                *count += street.hole_cards.len();
            }
            self.hole_pending.iter_mut().for_each(VecDeque::clear);
        }
        self.update_dealing();
    }

    fn update_dealing(&mut self) {
        let drawing =
            self.draw_pending.iter().any(|&d| d) || self.discard_pending.iter().any(|&n| n > 0);
        let holes = self.hole_pending.iter().any(|p| !p.is_empty());
        let boards = self.board_pending.iter().any(|&n| n > 0);
        if !self.burn_pending && !holes && !boards && !drawing {
            self.begin_betting();
        } else if self.burn_pending && !drawing && !(holes && boards) {
            self.burn_pending = false;
            self.burned += 1;
            self.operations.push(Operation::CardBurned);
            self.update_dealing();
        }
    }

    /// Checks that dealt cards belong to the deck and are not in play already. Mucked
    /// and discarded cards may be dealt again only once the stub is used up, as when a
    /// draw game reshuffles the discards.
    fn check_new_cards(&mut self, cards: impl IntoIterator<Item = Card>) -> Result<()> {
        let deck = self.config.variant.deck;
        let mut live = self.live_cards();
        for card in cards {
            if !deck.cards().contains(card) {
                return Err(Error::CardNotInDeck {
                    card,
                    deck: deck.name(),
                });
            }
            if !live.insert(card) {
                return Err(rule(
                    Rule::CardInPlay,
                    format!("{card} is already held or on the board"),
                ));
            }
            if self.dead.contains(card) {
                // Burned cards left the stub too, unseen.
                let stub_left = (deck.cards() - live - self.dead)
                    .len()
                    .saturating_sub(self.burned);
                if stub_left > 0 {
                    return Err(rule(
                        Rule::CardInPlay,
                        format!(
                            "{card} was mucked or discarded; it comes back only when the stub is used up"
                        ),
                    ));
                }
                self.dead.remove(card);
            }
        }
        Ok(())
    }

    /// The known cards held by players or on the board.
    pub fn live_cards(&self) -> CardSet {
        let mut set = CardSet::EMPTY;
        for hole in &self.hole {
            set |= hole.iter().filter_map(|h| h.card).collect();
        }
        for position in &self.board {
            set |= position.iter().copied().collect();
        }
        set
    }

    /// Every known card dealt in this hand and not back in the deck: held, on the board,
    /// mucked or discarded.
    pub fn cards_in_play(&self) -> CardSet {
        self.live_cards() | self.dead
    }

    fn deal_hole(&mut self, player: usize, cards: &[MaybeCard]) -> Result<()> {
        if self.discard_pending.iter().any(|&n| n > 0) || self.draw_pending.iter().any(|&d| d) {
            return Err(rule(
                Rule::NotYourTurn,
                "every player must draw or discard before hole cards are dealt",
            ));
        }
        let owed = self.hole_pending.get(player).map_or(0, VecDeque::len);
        if owed == 0 {
            return Err(rule(
                Rule::NothingToDeal,
                format!("player {} is owed no hole cards now", player + 1),
            ));
        }
        if cards.is_empty() || cards.len() > owed {
            return Err(rule(
                Rule::WrongCardCount,
                format!(
                    "player {} is owed 1 to {owed} hole cards, not {}",
                    player + 1,
                    cards.len()
                ),
            ));
        }
        self.check_new_cards(cards.iter().flatten().copied())?;
        for &card in cards {
            let face_up = self.hole_pending[player].pop_front().unwrap_or(false);
            self.hole[player].push(HoleCard { card, face_up });
        }
        self.update_dealing();
        Ok(())
    }

    fn deal_board(&mut self, cards: &[Card]) -> Result<()> {
        if self.discard_pending.iter().any(|&n| n > 0) || self.draw_pending.iter().any(|&d| d) {
            return Err(rule(
                Rule::NotYourTurn,
                "every player must draw or discard before the board is dealt",
            ));
        }
        let Some(owed) = self.board_dealing_count() else {
            return Err(rule(Rule::NothingToDeal, "no board cards are due now"));
        };
        if cards.is_empty() || cards.len() > owed {
            return Err(rule(
                Rule::WrongCardCount,
                format!("the board is owed 1 to {owed} cards, not {}", cards.len()),
            ));
        }
        self.check_new_cards(cards.iter().copied())?;
        let streets = &self.config.variant.streets;
        let street_index = self.street.unwrap_or(0);
        let street_cards = usize::from(streets[street_index].board_cards);
        let first_position = streets[..street_index]
            .iter()
            .map(|s| usize::from(s.board_cards))
            .sum::<usize>()
            + street_cards.saturating_sub(owed);
        if let Some(board) = self.board_pending.iter().position(|&n| n == owed) {
            self.board_pending[board] -= cards.len();
        }
        for (position, &card) in (first_position..).zip(cards) {
            if position >= self.board.len() {
                self.board.resize(position + 1, Vec::new());
            }
            self.board[position].push(card);
        }
        self.update_dealing();
        Ok(())
    }

    /// Removes `cards` from a player's hand: known cards by identity, unknown ones
    /// (`None`) from the player's unknown cards. Returns each removed card's face.
    fn take_from_hole(&mut self, player: usize, cards: &[MaybeCard]) -> Result<Vec<bool>> {
        let mut hole = self.hole[player].clone();
        let mut faces = Vec::with_capacity(cards.len());
        for card in cards {
            let Some(index) = hole.iter().position(|h| h.card == *card) else {
                let shown = card.map_or_else(|| "an unknown card".to_owned(), |c| c.to_string());
                return Err(rule(
                    Rule::NotInHand,
                    format!("player {} does not hold {shown}", player + 1),
                ));
            };
            faces.push(hole.remove(index).face_up);
        }
        self.hole[player] = hole;
        self.dead |= cards.iter().flatten().copied().collect();
        Ok(faces)
    }

    fn draw(&mut self, player: usize, discards: &[MaybeCard]) -> Result<()> {
        match self.draw_pending.iter().position(|&d| d) {
            Some(next) if next == player => {}
            Some(next) => {
                return Err(rule(
                    Rule::NotYourTurn,
                    format!("player {} draws before player {}", next + 1, player + 1),
                ));
            }
            None => return Err(rule(Rule::NothingToDeal, "no draw is due now")),
        }
        let faces = self.take_from_hole(player, discards)?;
        self.draw_pending[player] = false;
        self.hole_pending[player].extend(faces);
        self.update_dealing();
        Ok(())
    }

    fn discard(&mut self, player: usize, cards: &[MaybeCard]) -> Result<()> {
        match self.discard_pending.iter().position(|&n| n > 0) {
            Some(next) if next == player => {}
            Some(next) => {
                return Err(rule(
                    Rule::NotYourTurn,
                    format!("player {} discards before player {}", next + 1, player + 1),
                ));
            }
            None => return Err(rule(Rule::NothingToDeal, "no discard is due now")),
        }
        if cards.len() != self.discard_pending[player] {
            return Err(rule(
                Rule::WrongCardCount,
                format!(
                    "player {} must discard {} cards, not {}",
                    player + 1,
                    self.discard_pending[player],
                    cards.len()
                ),
            ));
        }
        self.take_from_hole(player, cards)?;
        self.discard_pending[player] = 0;
        self.update_dealing();
        Ok(())
    }

    // ----- betting -----------------------------------------------------------------

    fn up_cards(&self, player: usize) -> Vec<Card> {
        self.hole[player]
            .iter()
            .filter(|h| h.face_up)
            .filter_map(|h| h.card)
            .collect()
    }

    fn begin_betting(&mut self) {
        self.phase = Phase::Betting;
        let Some(street) = self.street().cloned() else {
            return;
        };
        let opener = match street.opening {
            Opening::Position => {
                let mut blinds = self.config.blinds_or_straddles.clone();
                if self.players == 2 {
                    blinds.reverse();
                }
                let sign = |c: Chips| {
                    if c.is_positive() {
                        1
                    } else if c.is_negative() {
                        -1
                    } else {
                        0
                    }
                };
                // The player after the largest blind or straddle; after the first round
                // (no bets) that is player 0.
                let largest = (0..self.players)
                    .max_by(|&a, &b| {
                        let key = |i: usize| {
                            self.bets[i].as_decimal() * rust_decimal::Decimal::from(sign(blinds[i]))
                        };
                        key(a).cmp(&key(b)).then(a.cmp(&b))
                    })
                    .unwrap_or(0);
                (largest + 1) % self.players
            }
            opening => {
                let up: Vec<Option<Vec<Card>>> = (0..self.players)
                    .map(|p| {
                        if self.active[p] {
                            Some(self.up_cards(p))
                        } else {
                            None
                        }
                    })
                    .collect();
                opening::opener(opening, &up).unwrap_or(0)
            }
        };
        self.opener = Some(opener);
        self.bring_in_pending = self.street == Some(0) && self.config.bring_in.is_positive();
        self.completion_pending = self.bring_in_pending;
        self.actors = (0..self.players)
            .map(|i| (i + opener) % self.players)
            .collect();
        let eligible: Vec<bool> = (0..self.players)
            .map(|i| {
                self.active[i]
                    && self.stacks[i].is_positive()
                    && self.effective_stack(i).is_positive()
            })
            .collect();
        self.actors.retain(|&i| eligible[i]);
        self.raise_amount = Chips::ZERO;
        self.raise_count = 0;
        self.acted = vec![false; self.players];
        self.short_all_ins.clear();
        if self.config.bomb_pot && self.street == Some(0) {
            // A bomb pot goes straight to the flop.
            self.actors.clear();
        }
        let max_bet = self.max_bet();
        let only_one_and_matched = self.actors.len() == 1
            && self
                .actors
                .front()
                .is_some_and(|&a| self.bets[a] >= max_bet);
        self.update_betting(only_one_and_matched);
    }

    fn max_bet(&self) -> Chips {
        self.bets.iter().copied().max().unwrap_or(Chips::ZERO)
    }

    /// What a player can still put at risk: their stack, capped by the largest stack of
    /// another player still in.
    pub fn effective_stack(&self, player: usize) -> Chips {
        if self.street.is_none() || !self.active[player] {
            return Chips::ZERO;
        }
        let mut totals: Vec<Chips> = (0..self.players)
            .filter(|&i| self.active[i])
            .map(|i| self.bets[i] + self.stacks[i])
            .collect();
        totals.sort();
        let second = totals
            .len()
            .checked_sub(2)
            .map_or(Chips::ZERO, |i| totals[i]);
        self.stacks[player].min((second - self.bets[player]).max(Chips::ZERO))
    }

    fn update_betting(&mut self, done: bool) {
        if self.actors.is_empty() || self.active_count() <= 1 || done {
            self.end_betting();
        }
    }

    fn end_betting(&mut self) {
        self.actors.clear();
        let street_index = self.street.unwrap_or(0);
        let draws_ahead = self.config.variant.streets[street_index + 1..]
            .iter()
            .any(|s| s.draw);
        if self.active_count() > 1 && !draws_ahead {
            let can_still_bet = (0..self.players)
                .filter(|&i| self.active[i] && self.stacks[i].is_positive())
                .count();
            if can_still_bet <= 1 {
                self.all_in = true;
            }
        }
        if self.stacks.iter().any(|s| s.is_zero()) && self.is_last_street() {
            self.all_in = true;
        }
        self.collect_bets();
    }

    fn check_actor(&self, player: usize) -> Result<()> {
        match self.actor() {
            Some(actor) if actor == player => Ok(()),
            Some(actor) => Err(rule(
                Rule::NotYourTurn,
                format!(
                    "it is player {}'s turn, not player {}'s",
                    actor + 1,
                    player + 1
                ),
            )),
            None => Err(rule(
                Rule::NoBetting,
                "no player is to act in a betting round now",
            )),
        }
    }

    fn pop_actor(&mut self) -> usize {
        let player = self.actors.pop_front().unwrap_or(0);
        self.acted[player] = true;
        player
    }

    /// Whether the player to act may fold, and why not.
    fn verify_fold(&self, player: usize) -> Result<()> {
        self.check_actor(player)?;
        if self.bring_in_pending {
            return Err(rule(
                Rule::BringInFirst,
                "the bring-in must be posted or completed first",
            ));
        }
        if self.bets[player] >= self.max_bet() && self.config.mode == Mode::Tournament {
            return Err(rule(
                Rule::NeedlessFold,
                format!("player {} can check; folding is not allowed", player + 1),
            ));
        }
        Ok(())
    }

    fn fold(&mut self, player: usize) -> Result<()> {
        self.verify_fold(player)?;
        self.pop_actor();
        self.muck(player);
        self.update_betting(false);
        Ok(())
    }

    fn muck(&mut self, player: usize) {
        self.active[player] = false;
        let mucked: CardSet = self.hole[player].iter().filter_map(|h| h.card).collect();
        self.dead |= mucked;
        self.hole[player].clear();
    }

    /// The amount a check or call costs the player to act.
    pub fn call_amount(&self) -> Option<Chips> {
        let player = self.actor()?;
        if self.bring_in_pending {
            return None;
        }
        Some(self.stacks[player].min(self.max_bet() - self.bets[player]))
    }

    fn check_or_call(&mut self, player: usize) -> Result<()> {
        self.check_actor(player)?;
        let amount = self.call_amount().ok_or_else(|| {
            rule(
                Rule::BringInFirst,
                "the bring-in must be posted or completed first",
            )
        })?;
        self.pop_actor();
        self.commit(player, amount);
        self.operations
            .push(Operation::CheckedOrCalled { player, amount });
        self.update_betting(false);
        Ok(())
    }

    /// The bring-in the player to act would post, if a bring-in is due.
    pub fn bring_in_amount(&self) -> Option<Chips> {
        let player = self.actor()?;
        self.bring_in_pending
            .then(|| self.stacks[player].min(self.config.bring_in))
    }

    fn post_bring_in(&mut self, player: usize) -> Result<()> {
        self.check_actor(player)?;
        let amount = self
            .bring_in_amount()
            .ok_or_else(|| rule(Rule::NoBringIn, "no bring-in is due"))?;
        self.pop_actor();
        self.commit(player, amount);
        self.bring_in_pending = false;
        self.operations
            .push(Operation::BringInPosted { player, amount });
        self.update_betting(false);
        Ok(())
    }

    /// Why the player to act may not complete, bet or raise, if they may not.
    fn raise_forbidden(&self) -> Option<Error> {
        let Some(player) = self.actor() else {
            return Some(rule(
                Rule::NoBetting,
                "no player is to act in a betting round now",
            ));
        };
        if self
            .call_amount()
            .is_some_and(|call| call < self.raise_amount)
        {
            return Some(rule(
                Rule::ShortAllInNoReopen,
                "a player all in for less than a call cannot raise",
            ));
        }
        if self
            .config
            .variant
            .max_raises
            .is_some_and(|cap| self.raise_count >= u32::from(cap))
        {
            return Some(rule(
                Rule::RaiseCap,
                format!(
                    "the betting is capped at {} bets and raises",
                    self.raise_count
                ),
            ));
        }
        let short_total: Chips = self.short_all_ins.iter().sum();
        if !self.short_all_ins.is_empty() && short_total < self.raise_amount && self.acted[player] {
            return Some(rule(
                Rule::ShortAllInNoReopen,
                "a short all-in does not reopen the betting to a player who already acted",
            ));
        }
        if self.stacks[player] <= self.max_bet() - self.bets[player] {
            return Some(rule(
                Rule::CoveredByBet,
                "the player cannot raise: calling puts them all in",
            ));
        }
        let max_bet = self.max_bet();
        let someone_can_call = (0..self.players)
            .any(|i| i != player && self.active[i] && self.stacks[i] + self.bets[i] > max_bet);
        if !someone_can_call {
            return Some(rule(
                Rule::NobodyToRaise,
                "every other player has folded or is all in",
            ));
        }
        None
    }

    /// The smallest and largest total a completion, bet or raise may come to, if the
    /// player to act may make one.
    pub fn bet_or_raise_range(&self) -> Option<(Chips, Chips)> {
        if self.raise_forbidden().is_some() {
            return None;
        }
        let player = self.actor()?;
        let street = self.street()?;
        let all_in = self.stacks[player] + self.bets[player];
        let mut min_to = self.raise_amount.max(self.config.bet_size(street.bet_size));
        if !self.completion_pending {
            min_to += self.max_bet();
        }
        let min_to = all_in.min(min_to);
        let max_to = match self.config.variant.betting {
            BettingStructure::FixedLimit => min_to,
            BettingStructure::PotLimit => {
                let pot_to = self.max_bet().times(2) - self.bets[player] + self.total_pot();
                all_in.min(min_to.max(pot_to))
            }
            BettingStructure::NoLimit => all_in,
        };
        Some((min_to, max_to))
    }

    fn bet_or_raise_to(&mut self, player: usize, amount: Chips) -> Result<()> {
        self.check_actor(player)?;
        if let Some(error) = self.raise_forbidden() {
            return Err(error);
        }
        let Some((min_to, max_to)) = self.bet_or_raise_range() else {
            return Err(rule(Rule::NoBetting, "no bet or raise is possible now"));
        };
        if amount < min_to {
            return Err(rule(
                Rule::BetTooSmall,
                format!("{amount} is below the minimum of {min_to}"),
            ));
        }
        if amount > max_to {
            return Err(rule(
                Rule::BetTooLarge,
                format!("{amount} is above the maximum of {max_to}"),
            ));
        }
        self.pop_actor();
        let raise_by = amount - self.max_bet();
        let delta = amount - self.bets[player];
        self.commit(player, delta);
        self.bring_in_pending = false;
        self.completion_pending = false;
        self.actors = (1..self.players)
            .map(|i| (player + i) % self.players)
            .collect();
        let can_act: Vec<bool> = (0..self.players)
            .map(|i| self.active[i] && self.stacks[i].is_positive())
            .collect();
        self.actors.retain(|&i| can_act[i]);
        self.opener = Some(player);
        if raise_by >= self.raise_amount {
            self.acted = vec![false; self.players];
            self.acted[player] = true;
        }
        self.raise_amount = self.raise_amount.max(raise_by);
        self.raise_count += 1;
        if self.stacks[player].is_positive() {
            self.short_all_ins.clear();
        } else {
            self.short_all_ins.push(raise_by);
        }
        if self.short_all_ins.iter().sum::<Chips>() >= self.raise_amount {
            self.short_all_ins.clear();
        }
        self.update_betting(false);
        Ok(())
    }

    /// The dealer kills a hand: the player is out at once, whatever the phase.
    fn kill_hand(&mut self, player: usize) -> Result<()> {
        if !self.active[player] {
            return Err(rule(
                Rule::NotYourTurn,
                format!("player {} is not in the hand", player + 1),
            ));
        }
        if self.active_count() <= 1 {
            return Err(rule(
                Rule::LastPlayer,
                format!("player {} is the last player in the hand", player + 1),
            ));
        }
        let acting = self.actor() == Some(player);
        self.actors.retain(|&p| p != player);
        self.showdown_queue.retain(|&p| p != player);
        self.runout_selectors[player] = false;
        self.hole_pending[player].clear();
        self.draw_pending[player] = false;
        self.discard_pending[player] = 0;
        if acting {
            self.acted[player] = true;
        }
        self.muck(player);
        self.operations.push(Operation::HandKilled { player });
        if self.active_count() == 1 {
            // One player left: the hand is over, whatever it was waiting for.
            self.actors.clear();
            self.showdown_queue.clear();
            self.runout_selectors.iter_mut().for_each(|s| *s = false);
            self.collect_bets();
            return Ok(());
        }
        match self.phase {
            Phase::Betting => self.update_betting(false),
            Phase::Dealing => self.update_dealing(),
            Phase::Showdown => self.update_showdown(),
            Phase::Complete => {}
        }
        Ok(())
    }

    // ----- showdown ----------------------------------------------------------------

    fn begin_showdown(&mut self) {
        self.phase = Phase::Showdown;
        let street_index = self.street.unwrap_or(0);
        if !self.runout_selected && self.config.mode != Mode::Tournament {
            let boards_ahead = self.config.variant.streets[street_index + 1..]
                .iter()
                .any(|s| s.board_cards > 0);
            if boards_ahead {
                for player in 0..self.players {
                    self.runout_selectors[player] = self.active[player];
                }
            }
        }
        let opener = self.opener.unwrap_or(0);
        self.showdown_queue = (0..self.players)
            .map(|i| (i + opener) % self.players)
            .filter(|&i| self.active[i] && !self.hole[i].iter().all(|h| h.face_up))
            .collect();
        self.update_showdown();
    }

    fn update_showdown(&mut self) {
        if !self.runout_selectors.iter().any(|&s| s) && self.showdown_queue.is_empty() {
            self.end_showdown();
        }
    }

    fn end_showdown(&mut self) {
        if !self.runout_selected {
            self.runout_selected = true;
            if let Some(count) = self.runout_count {
                self.street_return = Some(self.street.unwrap_or(0) + 1);
                self.street_return_count = usize::from(count).saturating_sub(1);
            }
        }
        if self.all_in && !self.is_last_street() {
            self.begin_dealing();
        } else {
            self.kill_hands();
        }
    }

    fn select_runout_count(&mut self, player: usize, count: u8) -> Result<()> {
        if !self.runout_selectors.get(player).copied().unwrap_or(false) {
            return Err(rule(
                Rule::NotYourTurn,
                format!("player {} has no runout count to choose", player + 1),
            ));
        }
        if !(1..=3).contains(&count) {
            return Err(rule(
                Rule::InvalidRunoutCount,
                format!("the board runs 1 to 3 times, not {count}"),
            ));
        }
        self.runout_selectors[player] = false;
        self.runout_count = match self.runout_count {
            None => Some(count),
            // Players who disagree run it once.
            Some(agreed) if agreed != count => Some(1),
            agreed => agreed,
        };
        self.update_showdown();
        Ok(())
    }

    fn show_or_muck(&mut self, player: usize, cards: Option<&[MaybeCard]>) -> Result<()> {
        if self.runout_selectors.iter().any(|&s| s) {
            return Err(rule(
                Rule::NotYourTurn,
                "the runout count must be chosen first",
            ));
        }
        let Some(position) = self.showdown_queue.iter().position(|&p| p == player) else {
            return Err(rule(
                Rule::NotYourTurn,
                format!("player {} has nothing to show or muck now", player + 1),
            ));
        };
        match cards {
            None => self.muck(player),
            Some(shown) => {
                let held = self.hole[player].clone();
                if shown.len() > held.len() {
                    return Err(rule(
                        Rule::WrongCardCount,
                        format!(
                            "player {} holds {} cards and cannot show {}",
                            player + 1,
                            held.len(),
                            shown.len()
                        ),
                    ));
                }
                // Shown cards must be the known hole cards; they may also reveal cards
                // that were dealt unknown.
                let known: Vec<Card> = held.iter().filter_map(|h| h.card).collect();
                let revealed: Vec<Card> = shown
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|c| !known.contains(c))
                    .collect();
                let unknown_slots = held.iter().filter(|h| h.card.is_none()).count();
                if revealed.len() > unknown_slots {
                    return Err(rule(
                        Rule::NotInHand,
                        format!("player {} shows cards they were not dealt", player + 1),
                    ));
                }
                self.check_new_cards(revealed.iter().copied())?;
                let mut revealed = revealed.into_iter();
                let mut hole = held;
                for h in &mut hole {
                    if h.card.is_none() {
                        h.card = revealed.next();
                    }
                    h.face_up = h.card.is_some();
                }
                self.hole[player] = hole;
            }
        }
        self.showdown_queue.remove(position);
        self.update_showdown();
        Ok(())
    }

    /// What a player shows by default at showdown: everything when all in or able to
    /// win something, else a muck (pokerkit's automatic showdown).
    pub fn default_show(&self, player: usize) -> bool {
        self.all_in || self.can_win_now(player)
    }

    // ----- settlement --------------------------------------------------------------

    fn hand_of(&self, cards: &[Card], board: &[Card], hand_type: HandType) -> Option<eval::Ranked> {
        eval::evaluate(hand_type, cards, board).ok().flatten()
    }

    fn full_hand(&self, player: usize, board: usize, hand_type: HandType) -> Option<eval::Ranked> {
        if !self.active[player] {
            return None;
        }
        let cards: Vec<Card> = self.hole[player].iter().filter_map(|h| h.card).collect();
        self.hand_of(&cards, &self.board_cards(board), hand_type)
    }

    fn up_hand(&self, player: usize, board: usize, hand_type: HandType) -> Option<eval::Ranked> {
        if !self.active[player] {
            return None;
        }
        self.hand_of(&self.up_cards(player), &self.board_cards(board), hand_type)
    }

    /// Whether a player's whole hand ties or beats every hand shown so far in some pot
    /// they are in, on some board, for some hand type.
    pub fn can_win_now(&self, player: usize) -> bool {
        let pots = self.compute_pots();
        for board in 0..self.board_count() {
            for &hand_type in &self.config.variant.hand_types {
                let Some(hand) = self.full_hand(player, board, hand_type) else {
                    continue;
                };
                let up: Vec<Option<eval::Ranked>> = (0..self.players)
                    .map(|p| self.up_hand(p, board, hand_type))
                    .collect();
                for pot in pots.iter().filter(|pot| pot.players.contains(&player)) {
                    let best_shown = pot
                        .players
                        .iter()
                        .filter_map(|&p| up[p].as_ref())
                        .map(|r| r.strength)
                        .max();
                    if best_shown.is_none_or(|best| best <= hand.strength) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn compute_pots(&self) -> Vec<Pot> {
        if self.payoffs.iter().sum::<Chips>() == -self.bets.iter().sum::<Chips>() {
            return Vec::new();
        }
        let mut contributions: Vec<Chips> = (0..self.players)
            .map(|i| -self.payoffs[i] - self.bets[i])
            .collect();
        let mut pending: Vec<Chips> = (0..self.players).map(|i| -self.payoffs[i]).collect();
        let mut amount = Chips::ZERO;
        if !self.config.ante_trimming {
            // Untrimmed antes are dead money in the main pot.
            for i in 0..self.players {
                let ante = self.effective_ante(i);
                amount += ante;
                contributions[i] -= ante;
                pending[i] -= ante;
            }
        }
        let mut levels = contributions.clone();
        levels.sort();
        levels.dedup();
        let mut previous = Chips::ZERO;
        let mut pots: Vec<Pot> = Vec::new();
        for level in levels {
            for &c in &contributions {
                if c >= level {
                    amount += level - previous;
                }
            }
            let players: Vec<usize> = (0..self.players)
                .filter(|&i| pending[i] >= level && self.active[i])
                .collect();
            while pots.last().is_some_and(|p| p.players == players) {
                if let Some(last) = pots.pop() {
                    amount += last.amount;
                }
            }
            if !amount.is_zero() {
                pots.push(Pot { amount, players });
            }
            amount = Chips::ZERO;
            previous = level;
        }
        // A killed hand's chips above what anyone still in put in are dead money for the
        // last pot someone can still win, not a pot of their own that nobody could.
        let orphaned: Chips = pots
            .iter()
            .filter(|p| p.players.is_empty())
            .map(|p| p.amount)
            .sum();
        if !orphaned.is_zero() && pots.iter().any(|p| !p.players.is_empty()) {
            pots.retain(|p| !p.players.is_empty());
            if let Some(last) = pots.last_mut() {
                last.amount += orphaned;
            }
        }
        pots
    }

    fn kill_hands(&mut self) {
        let hopeless: Vec<usize> = (0..self.players)
            .filter(|&p| self.active[p] && !self.can_win_now(p))
            .collect();
        for player in hopeless {
            self.muck(player);
            self.operations.push(Operation::HandKilled { player });
        }
        self.begin_settlement();
    }

    fn split(&self, amount: Chips, parts: usize) -> (Chips, Chips) {
        let parts = u32::try_from(parts.max(1)).unwrap_or(u32::MAX);
        match self.config.chip_unit {
            Some(unit) => amount.split(parts, unit),
            None if amount.is_integer() => amount.split(parts, Chips::from(1)),
            None => {
                let share = Chips::from(amount.as_decimal() / rust_decimal::Decimal::from(parts));
                (share, amount - share.times(parts))
            }
        }
    }

    /// Orders split-pot winners so that the first gets the odd chips.
    fn odd_chip_order(&self, mut winners: Vec<usize>) -> Vec<usize> {
        if self.config.odd_chips == crate::rules::config::OddChipRule::HighestCard {
            let highest = |p: usize| {
                self.hole[p]
                    .iter()
                    .filter_map(|h| h.card)
                    .map(|c| (c.rank(), c.suit()))
                    .max()
            };
            // Stable: equal cards (impossible with distinct cards) keep seat order.
            winners.sort_by_key(|&p| std::cmp::Reverse(highest(p)));
        }
        winners
    }

    fn begin_settlement(&mut self) {
        self.phase = Phase::Complete;
        self.street = None;
        let pots = self.compute_pots();
        let mut winnings = vec![Chips::ZERO; self.players];
        if self.active_count() == 1 {
            // The last player in takes every pot, dead money included, even one they did
            // not contribute to in full (the others' hands were folded or killed).
            let winner = self.active.iter().position(|&a| a).unwrap_or(0);
            for (index, pot) in pots.iter().enumerate() {
                let mut amounts = vec![Chips::ZERO; self.players];
                amounts[winner] = pot.amount;
                winnings[winner] += pot.amount;
                self.operations.push(Operation::PotAwarded {
                    pot: index,
                    board: None,
                    hand_type: None,
                    amounts,
                });
            }
        } else {
            let boards = self.board_count();
            let hand_types = self.config.variant.hand_types.clone();
            for (index, pot) in pots.iter().enumerate() {
                let (per_board, board_rest) = self.split(pot.amount, boards);
                for board in 0..boards {
                    let board_amount = if board == 0 {
                        per_board + board_rest
                    } else {
                        per_board
                    };
                    let up: Vec<Vec<Option<eval::Ranked>>> = hand_types
                        .iter()
                        .map(|&t| {
                            (0..self.players)
                                .map(|p| self.up_hand(p, board, t))
                                .collect()
                        })
                        .collect();
                    // A hand type with no qualifying hand among the pot's contenders (no
                    // low) gives its share to the others (see SplitConvention for
                    // pokerkit's different rule).
                    let pokerkit = self.config.split_convention == SplitConvention::Pokerkit;
                    let qualifying: Vec<usize> = (0..hand_types.len())
                        .filter(|&k| {
                            if pokerkit {
                                up[k].iter().any(Option::is_some)
                            } else {
                                pot.players.iter().any(|&p| up[k][p].is_some())
                            }
                        })
                        .collect();
                    let (per_type, type_rest) = self.split(board_amount, qualifying.len());
                    for (nth, &k) in qualifying.iter().enumerate() {
                        let share = if nth == 0 {
                            per_type + type_rest
                        } else {
                            per_type
                        };
                        if share.is_zero() {
                            continue;
                        }
                        let best = pot
                            .players
                            .iter()
                            .filter_map(|&p| up[k][p].as_ref())
                            .map(|r| r.strength)
                            .max();
                        let winners: Vec<usize> = pot
                            .players
                            .iter()
                            .copied()
                            .filter(|&p| {
                                up[k][p].as_ref().map(|r| r.strength) == best
                                    && (best.is_some() || pokerkit)
                            })
                            .collect();
                        let winners = self.odd_chip_order(winners);
                        let mut amounts = vec![Chips::ZERO; self.players];
                        let (each, odd) = self.split(share, winners.len());
                        for (w, &winner) in winners.iter().enumerate() {
                            let won = if w == 0 { each + odd } else { each };
                            amounts[winner] += won;
                            winnings[winner] += won;
                        }
                        self.operations.push(Operation::PotAwarded {
                            pot: index,
                            board: Some(board),
                            hand_type: Some(k),
                            amounts,
                        });
                    }
                }
            }
        }
        for (player, won) in winnings.into_iter().enumerate() {
            let back = self.bets[player] + won;
            self.stacks[player] += back;
            self.payoffs[player] += back;
            self.bets[player] = Chips::ZERO;
            // Chips a cap game kept behind come back to the stack; they were never won or lost.
            self.stacks[player] += std::mem::take(&mut self.behind[player]);
        }
        self.pots = Some(pots);
    }

    // ----- applying actions --------------------------------------------------------

    /// Applies an action. On error nothing changes and the error names the broken rule.
    pub fn apply(&mut self, action: &Action) -> Result<()> {
        if self.phase == Phase::Complete {
            return Err(rule(Rule::HandOver, "the hand is over"));
        }
        if let Some(player) = action.player().filter(|&p| p >= self.players) {
            return Err(rule(
                Rule::NoSuchPlayer,
                format!(
                    "there is no player {} in a {}-player hand",
                    player + 1,
                    self.players
                ),
            ));
        }
        // Work on a copy so that a failed action leaves the state as it was.
        let mut next = self.clone();
        let expects_dealing = next.phase == Phase::Dealing;
        let dealing_action = matches!(
            action,
            Action::DealHole { .. }
                | Action::DealBoard { .. }
                | Action::Draw { .. }
                | Action::Discard { .. }
        );
        let any_time = matches!(action, Action::KillHand { .. });
        if !any_time
            && dealing_action != expects_dealing
            && matches!(next.phase, Phase::Dealing | Phase::Betting)
        {
            return Err(rule(
                Rule::NotYourTurn,
                if expects_dealing {
                    "the dealer must deal first"
                } else {
                    "cards cannot be dealt during a betting round"
                },
            ));
        }
        match action {
            Action::DealHole { player, cards } => next.deal_hole(*player, cards)?,
            Action::DealBoard { cards } => next.deal_board(cards)?,
            Action::Draw { player, discards } => next.draw(*player, discards)?,
            Action::Discard { player, cards } => next.discard(*player, cards)?,
            Action::Fold { player } => next.fold(*player)?,
            Action::CheckOrCall { player } => next.check_or_call(*player)?,
            Action::PostBringIn { player } => next.post_bring_in(*player)?,
            Action::BetOrRaiseTo { player, amount } => next.bet_or_raise_to(*player, *amount)?,
            Action::ShowOrMuck { player, cards } => {
                if next.phase != Phase::Showdown {
                    return Err(rule(Rule::NotYourTurn, "there is no showdown now"));
                }
                next.show_or_muck(*player, cards.as_deref())?
            }
            Action::KillHand { player } => next.kill_hand(*player)?,
            Action::SelectRunoutCount { player, count } => {
                if next.phase != Phase::Showdown {
                    return Err(rule(Rule::NotYourTurn, "there is no runout to choose now"));
                }
                next.select_runout_count(*player, *count)?
            }
        }
        // Record the action before what it set off, for readers of the operations.
        let position = self.operations.len();
        next.operations.insert(
            position,
            Operation::Applied {
                action: action.clone(),
            },
        );
        *self = next;
        Ok(())
    }

    /// The legal moves for the player to act in a betting round.
    pub fn betting_options(&self) -> Option<BettingOptions> {
        let player = self.actor()?;
        Some(BettingOptions {
            player,
            can_fold: self.verify_fold(player).is_ok(),
            check_or_call: self.call_amount(),
            bring_in: self.bring_in_amount(),
            bet_or_raise: self.bet_or_raise_range(),
        })
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
