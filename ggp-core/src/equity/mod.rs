//! Equity: each player's share of the pot over every way the board can still run out
//! (exact enumeration) or over random run-outs (Monte Carlo, with a standard error).
//!
//! Covers the board games the rules engine plays: hold'em (the standard high hand),
//! short-deck hold'em, Omaha and Omaha hi-lo (5- and 6-card Omaha too), for 2 to 10
//! players, with known or random hole cards, dead (mucked) cards and any partial board.
//!
//! Shares are counted exactly: a pot is [`POT_UNITS`] units, which split evenly between
//! any number of winners up to ten, halves included, so sums over boards are integers and
//! do not depend on the order work was done in. That is what makes a result the same for
//! any number of threads: exact runs count the same boards, and Monte Carlo runs split
//! their samples into fixed chunks, each with its own seed derived from the caller's.
//!
//! ```
//! use ggp_core::{CardSet, equity::{BoardGame, EquityRequest}};
//! let hands = [CardSet::parse("Ah Kh")?, CardSet::parse("Qs Qd")?];
//! let result = EquityRequest::new(BoardGame::Holdem, &hands).exact(1)?;
//! assert_eq!(result.boards, 1_712_304);
//! assert_eq!((result.players[0].win, result.players[0].tie), (787_966, 6_732));
//! # Ok::<(), ggp_core::Error>(())
//! ```

mod enumerate;
mod heads_up;
mod incremental;
pub mod live;
mod outs;
mod query;
mod showdown;
mod stud_draw;
mod stud_draw_outs;
mod symmetry;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::card_set::CardSet;
use crate::deck::DeckKind;
use crate::error::{Error, Result};
use crate::eval::HandType;
use crate::eval::short_deck::ShortDeckRules;
use crate::rules::variant::Variant;

pub use incremental::LiveEquity;
pub use outs::{CardOutcome, Outs};
pub use query::{EquityMode, EquityQuery};
pub use stud_draw::{SeatCards, StudDrawGame, StudDrawRequest};
pub use stud_draw_outs::{OUTS_EXACT_DEALS, OUTS_SAMPLES, SeatOuts, StudDrawOuts};

/// The most players an equity calculation takes.
pub const MAX_PLAYERS: usize = 10;

/// One pot in share units: divisible by every number of winners from 1 to 10, and its
/// half (the high or the low half of a hi-lo pot) too.
pub const POT_UNITS: u64 = 5040;

/// Monte Carlo samples per chunk: each chunk has its own seed, so results do not depend
/// on which thread ran which chunk.
const SAMPLES_PER_CHUNK: u64 = 2048;

/// The most boards [`EquityRequest::exact`] enumerates when some hands are random.
pub const MAX_EXACT_BOARDS: u64 = 4_000_000_000;

/// Monte Carlo chunks per wave of [`EquityRequest::best_within`]: a fixed number, so
/// that the samples taken do not depend on the number of threads.
const CHUNKS_PER_WAVE: u64 = 8;

/// Up to this many boards, [`EquityRequest::best_within`] enumerates exactly.
const EXACT_WITHIN_BUDGET_BOARDS: u64 = 200_000;

/// A flag another thread sets to stop a computation early: cloning shares the flag.
///
/// ```
/// use ggp_core::{CardSet, equity::{BoardGame, CancelToken, EquityRequest}};
/// let token = CancelToken::new();
/// token.cancel();
/// let hands = [CardSet::parse("Ah Kh")?, CardSet::parse("Qs Qd")?];
/// let request = EquityRequest::new(BoardGame::Holdem, &hands);
/// assert_eq!(request.exact_or_cancel(1, &token)?, None);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token not yet cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks every computation holding this token (or a clone) to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`CancelToken::cancel`] has been called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The flag itself, for the calls that take `Option<&AtomicBool>`.
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }
}

/// A board game's showdown: the hand types that split the pot, and its deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoardGame {
    /// Hold'em: two hole cards, the standard high hand.
    Holdem,
    /// Short-deck hold'em: two hole cards from the 36-card deck, under these rules.
    ShortDeck(ShortDeckRules),
    /// Omaha high: 4 to 6 hole cards, exactly two played with three of the board.
    Omaha,
    /// Omaha hi-lo: half the pot to the Omaha high hand, half to the 8-or-better low (all
    /// of it to the high hand when nobody has a low).
    OmahaHiLo,
}

impl BoardGame {
    /// The board game a variant of the rules engine plays, or an error naming it when it
    /// has no board or splits the pot in a way the equity engine does not cover (stud
    /// and draw games).
    ///
    /// ```
    /// use ggp_core::{equity::BoardGame, rules::variant};
    /// assert_eq!(BoardGame::for_variant(&*variant("plo")?)?, BoardGame::Omaha);
    /// assert!(BoardGame::for_variant(&*variant("razz")?).is_err());
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn for_variant(variant: &Variant) -> Result<BoardGame> {
        let game = match (variant.hand_types.as_slice(), variant.deck) {
            ([HandType::StandardHigh], DeckKind::Standard) => Some(BoardGame::Holdem),
            ([HandType::ShortDeckHigh(rules)], DeckKind::Short) => {
                Some(BoardGame::ShortDeck(*rules))
            }
            ([HandType::OmahaHigh], DeckKind::Standard) => Some(BoardGame::Omaha),
            ([HandType::OmahaHigh, HandType::OmahaEightOrBetterLow], DeckKind::Standard) => {
                Some(BoardGame::OmahaHiLo)
            }
            _ => None,
        };
        match game {
            Some(game) if variant.has_board() => Ok(game),
            _ => Err(Error::InvalidConfig {
                rule: "equity covers hold'em, short deck, Omaha and Omaha hi-lo",
                detail: format!(
                    "{} ({}) is not a board game of those",
                    variant.name, variant.code
                ),
            }),
        }
    }

    /// The hand types the pot is split between, high first.
    pub fn hand_types(self) -> Vec<HandType> {
        match self {
            BoardGame::Holdem => vec![HandType::StandardHigh],
            BoardGame::ShortDeck(rules) => vec![HandType::ShortDeckHigh(rules)],
            BoardGame::Omaha => vec![HandType::OmahaHigh],
            BoardGame::OmahaHiLo => vec![HandType::OmahaHigh, HandType::OmahaEightOrBetterLow],
        }
    }

    /// The deck.
    pub const fn deck(self) -> DeckKind {
        match self {
            BoardGame::ShortDeck(_) => DeckKind::Short,
            _ => DeckKind::Standard,
        }
    }

    /// Whether the pot splits between a high and a low hand.
    pub const fn is_hi_lo(self) -> bool {
        matches!(self, BoardGame::OmahaHiLo)
    }

    /// The fewest and most hole cards a player may hold.
    pub const fn hole_card_range(self) -> (usize, usize) {
        match self {
            BoardGame::Holdem | BoardGame::ShortDeck(_) => (2, 2),
            BoardGame::Omaha | BoardGame::OmahaHiLo => (4, 6),
        }
    }

    fn hole_what(self) -> &'static str {
        match self {
            BoardGame::Holdem | BoardGame::ShortDeck(_) => "a hold'em hand",
            BoardGame::Omaha | BoardGame::OmahaHiLo => "an Omaha hand",
        }
    }
}

/// A player's hole cards: known, or a random hand from the cards nobody can see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holding {
    /// These cards.
    Known(CardSet),
    /// A random hand (Monte Carlo only), of [`EquityRequest::random_hole_cards`] cards.
    Random,
}

/// An equity question: the game, each player's holding, the board so far and the dead
/// cards (mucked, burned or otherwise known to be out of play).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EquityRequest {
    /// The game.
    pub game: BoardGame,
    /// Each player's hole cards, in seat order.
    pub players: Vec<Holding>,
    /// The board dealt so far: 0 to 5 cards.
    pub board: CardSet,
    /// Cards out of play.
    pub dead: CardSet,
    /// How many cards a [`Holding::Random`] player holds (2 in hold'em, 4 in Omaha by
    /// default).
    pub random_hole_cards: usize,
}

/// One player's share of the results.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PlayerEquity {
    /// Boards (or samples) on which the player took the whole pot alone (in hi-lo: a
    /// scoop).
    pub win: u64,
    /// Boards on which the player took part of the pot.
    pub tie: u64,
    /// Boards on which the player took nothing.
    pub lose: u64,
    /// The player's average share of the pot, ties split: 0 to 1.
    pub equity: f64,
    /// The standard error of `equity` (Monte Carlo only).
    pub std_error: Option<f64>,
    /// Hi-lo only: the average share of the pot won with the high hand.
    pub high: Option<f64>,
    /// Hi-lo only: the average share of the pot won with the low hand.
    pub low: Option<f64>,
    /// Hi-lo only: the fraction of boards on which the player took the whole pot.
    pub scoop: Option<f64>,
}

/// The answer to an [`EquityRequest`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EquityResult {
    /// Each player's share, in the request's order.
    pub players: Vec<PlayerEquity>,
    /// Boards enumerated or sampled.
    pub boards: u64,
    /// Whether every board was enumerated (no sampling error).
    pub exact: bool,
}

/// Integer tallies over boards; merging tallies is addition, so the order of the work
/// does not change the sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tally {
    boards: u64,
    win: [u64; MAX_PLAYERS],
    tie: [u64; MAX_PLAYERS],
    units: [u64; MAX_PLAYERS],
    units_squared: [u64; MAX_PLAYERS],
    high_units: [u64; MAX_PLAYERS],
    low_units: [u64; MAX_PLAYERS],
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            boards: 0,
            win: [0; MAX_PLAYERS],
            tie: [0; MAX_PLAYERS],
            units: [0; MAX_PLAYERS],
            units_squared: [0; MAX_PLAYERS],
            high_units: [0; MAX_PLAYERS],
            low_units: [0; MAX_PLAYERS],
        }
    }
}

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        self.boards += other.boards;
        for i in 0..MAX_PLAYERS {
            self.win[i] += other.win[i];
            self.tie[i] += other.tie[i];
            self.units[i] += other.units[i];
            self.units_squared[i] += other.units_squared[i];
            self.high_units[i] += other.high_units[i];
            self.low_units[i] += other.low_units[i];
        }
        self
    }

    /// Every count multiplied by `times`: the tally of that many deals alike.
    fn scaled(mut self, times: u64) -> Tally {
        self.boards *= times;
        for i in 0..MAX_PLAYERS {
            self.win[i] *= times;
            self.tie[i] *= times;
            self.units[i] *= times;
            self.units_squared[i] *= times;
            self.high_units[i] *= times;
            self.low_units[i] *= times;
        }
        self
    }

    /// Every count divided by `parts`, which must divide them all (a sum in which each
    /// board was counted `parts` times).
    fn divided(mut self, parts: u64) -> Tally {
        let parts = parts.max(1);
        self.boards /= parts;
        for i in 0..MAX_PLAYERS {
            self.win[i] /= parts;
            self.tie[i] /= parts;
            self.units[i] /= parts;
            self.units_squared[i] /= parts;
            self.high_units[i] /= parts;
            self.low_units[i] /= parts;
        }
        self
    }

    fn result(&self, players: usize, hi_lo: bool, exact: bool) -> EquityResult {
        let boards = self.boards.max(1) as f64;
        let pot = POT_UNITS as f64;
        let players = (0..players)
            .map(|i| {
                let mean = self.units[i] as f64 / pot / boards;
                let std_error = (!exact).then(|| {
                    let mean_square = self.units_squared[i] as f64 / (pot * pot) / boards;
                    ((mean_square - mean * mean).max(0.0) / boards).sqrt()
                });
                PlayerEquity {
                    win: self.win[i],
                    tie: self.tie[i],
                    lose: self.boards - self.win[i] - self.tie[i],
                    equity: mean,
                    std_error,
                    high: hi_lo.then(|| self.high_units[i] as f64 / pot / boards),
                    low: hi_lo.then(|| self.low_units[i] as f64 / pot / boards),
                    scoop: hi_lo.then(|| self.win[i] as f64 / boards),
                }
            })
            .collect();
        EquityResult {
            players,
            boards: self.boards,
            exact,
        }
    }
}

impl EquityRequest {
    /// A request with these known hands, no board and no dead cards.
    pub fn new(game: BoardGame, hands: &[CardSet]) -> EquityRequest {
        EquityRequest {
            game,
            players: hands.iter().map(|&hand| Holding::Known(hand)).collect(),
            board: CardSet::EMPTY,
            dead: CardSet::EMPTY,
            random_hole_cards: game.hole_card_range().0,
        }
    }

    /// The same request with this board.
    #[must_use]
    pub fn with_board(mut self, board: CardSet) -> EquityRequest {
        self.board = board;
        self
    }

    /// The same request with these dead cards.
    #[must_use]
    pub fn with_dead(mut self, dead: CardSet) -> EquityRequest {
        self.dead = dead;
        self
    }

    /// The same request with `count` more players holding random hands.
    #[must_use]
    pub fn with_random_players(mut self, count: usize) -> EquityRequest {
        self.players
            .extend(std::iter::repeat_n(Holding::Random, count));
        self
    }

    /// Checks the request: 2 to 10 players, hole counts for the game, at most five board
    /// cards, no card twice, every card in the game's deck, enough cards left to deal.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] for a player count outside 2 to 10,
    /// [`Error::WrongCardCount`] for a hand or board of the wrong size,
    /// [`Error::DuplicateCard`] for a card in two places, [`Error::CardNotInDeck`] for a
    /// card below Six in short deck, [`Error::DeckExhausted`] when the unseen cards
    /// cannot complete the board and the random hands.
    pub fn validate(&self) -> Result<()> {
        let players = self.players.len();
        if !(2..=MAX_PLAYERS).contains(&players) {
            return Err(Error::InvalidConfig {
                rule: "equity needs 2 to 10 players",
                detail: format!("{players} players given"),
            });
        }
        let (min, max) = self.game.hole_card_range();
        let mut seen = CardSet::EMPTY;
        let mut add = |cards: CardSet| -> Result<()> {
            if let Some(card) = (seen & cards).iter().next() {
                return Err(Error::DuplicateCard { card });
            }
            seen |= cards;
            Ok(())
        };
        for holding in &self.players {
            if let Holding::Known(hand) = *holding {
                if !(min..=max).contains(&hand.len()) {
                    return Err(Error::WrongCardCount {
                        what: self.game.hole_what(),
                        count: hand.len(),
                        min,
                        max,
                    });
                }
                add(hand)?;
            }
        }
        if self.board.len() > 5 {
            return Err(Error::WrongCardCount {
                what: "a board",
                count: self.board.len(),
                min: 0,
                max: 5,
            });
        }
        add(self.board)?;
        add(self.dead)?;
        let deck = self.game.deck();
        if let Some(card) = (seen - deck.cards()).iter().next() {
            return Err(Error::CardNotInDeck {
                card,
                deck: deck.name(),
            });
        }
        let randoms = self.random_count();
        if randoms > 0 && !(min..=max).contains(&self.random_hole_cards) {
            return Err(Error::WrongCardCount {
                what: self.game.hole_what(),
                count: self.random_hole_cards,
                min,
                max,
            });
        }
        let needed = 5 - self.board.len() + randoms * self.random_hole_cards;
        let remaining = (deck.cards() - seen).len();
        if needed > remaining {
            return Err(Error::DeckExhausted {
                requested: needed,
                remaining,
            });
        }
        Ok(())
    }

    fn random_count(&self) -> usize {
        self.players
            .iter()
            .filter(|h| matches!(h, Holding::Random))
            .count()
    }

    /// The cards nobody holds and that are not on the board or dead.
    pub fn unseen(&self) -> CardSet {
        let mut seen = self.board | self.dead;
        for holding in &self.players {
            if let Holding::Known(hand) = *holding {
                seen |= hand;
            }
        }
        self.game.deck().cards() - seen
    }

    /// How many boards an exact enumeration visits: with random hands, every deal of
    /// them times every board (saturating at `u64::MAX`).
    pub fn board_count(&self) -> u64 {
        let mut left = self.unseen().len() as u64;
        let hole = self.random_hole_cards as u64;
        let mut deals = 1u64;
        for _ in 0..self.random_count() {
            deals = deals.saturating_mul(choose(left, hole));
            left = left.saturating_sub(hole);
        }
        deals.saturating_mul(choose(left, 5 - self.board.len().min(5) as u64))
    }

    /// Every way the board can run out, on `threads` threads (0 for all cores). Random
    /// hands are enumerated too: every hand they can hold, times every board, each deal
    /// of hands and board counted once. Deals that differ only by a renaming of suits
    /// the known cards allow are enumerated once and counted as often as they occur
    /// (hero against one random hand preflop is 1,225 x 1,712,304 boards, the boards of
    /// 367 or 757 deals enumerated for a suited or offsuit hero).
    ///
    /// # Errors
    ///
    /// Those of [`EquityRequest::validate`], and [`Error::InvalidConfig`] when random
    /// hands make more than [`MAX_EXACT_BOARDS`] boards (ask
    /// [`EquityRequest::monte_carlo`] for those).
    pub fn exact(&self, threads: usize) -> Result<EquityResult> {
        self.exact_until(threads, None).map(|(result, _)| result)
    }

    /// Exact enumeration that stops early when `cancel` is set; the flag in the answer
    /// says whether it completed (an incomplete count is not an estimate: the boards come
    /// in card order).
    fn exact_until(
        &self,
        threads: usize,
        cancel: Option<&AtomicBool>,
    ) -> Result<(EquityResult, bool)> {
        let (tally, complete) = self.exact_tally(threads, cancel)?;
        Ok((self.result_of(&tally, complete), complete))
    }

    /// [`EquityRequest::exact`], stopping early with `None` once `cancel` is set (a
    /// [`CancelToken`] from another thread, say when a newer card has made the question
    /// stale).
    ///
    /// # Errors
    ///
    /// Those of [`EquityRequest::exact`].
    pub fn exact_or_cancel(
        &self,
        threads: usize,
        cancel: &CancelToken,
    ) -> Result<Option<EquityResult>> {
        let (result, complete) = self.exact_until(threads, Some(cancel.flag()))?;
        Ok(complete.then_some(result))
    }

    fn result_of(&self, tally: &Tally, exact: bool) -> EquityResult {
        tally.result(self.players.len(), self.game.is_hi_lo(), exact)
    }

    /// The exact tally, and whether it is complete (not cancelled).
    fn exact_tally(&self, threads: usize, cancel: Option<&AtomicBool>) -> Result<(Tally, bool)> {
        self.validate()?;
        if self.random_count() > 0 {
            return self.exact_with_random_hands(threads, cancel);
        }
        let showdown = self.known_showdown()?;
        Ok(with_threads(threads, || {
            enumerate::exact(&showdown, self.board, self.unseen(), threads != 1, cancel)
        }))
    }

    /// Exact enumeration over every deal of the random hands (seats in order), each deal's
    /// boards enumerated as for known hands.
    fn exact_with_random_hands(
        &self,
        threads: usize,
        cancel: Option<&AtomicBool>,
    ) -> Result<(Tally, bool)> {
        self.exact_with_random_hands_by(threads, cancel, true)
    }

    /// [`EquityRequest::exact_with_random_hands`], with the suit symmetry used or not
    /// (the tests compare the two).
    fn exact_with_random_hands_by(
        &self,
        threads: usize,
        cancel: Option<&AtomicBool>,
        use_symmetry: bool,
    ) -> Result<(Tally, bool)> {
        let boards = self.board_count();
        if boards > MAX_EXACT_BOARDS {
            return Err(Error::InvalidConfig {
                rule: "exact equity with random hands is limited to 4,000,000,000 boards",
                detail: format!("this request has {boards}; use Monte Carlo"),
            });
        }
        let random_seats: Vec<usize> = (0..self.players.len())
            .filter(|&seat| self.players[seat] == Holding::Random)
            .collect();
        let unseen = self.unseen();
        let mut deals: Vec<Vec<CardSet>> = Vec::new();
        deal_random_hands(
            &unseen.iter().collect::<Vec<_>>(),
            random_seats.len(),
            self.random_hole_cards,
            &mut Vec::new(),
            &mut deals,
        );
        let known: Vec<CardSet> = self
            .players
            .iter()
            .map(|holding| match holding {
                Holding::Known(hand) => *hand,
                Holding::Random => CardSet::EMPTY,
            })
            .collect();
        let mut fixed = known.clone();
        fixed.extend([self.board, self.dead]);
        let symmetry = if use_symmetry {
            symmetry::SuitSymmetry::fixing(&fixed)
        } else {
            symmetry::SuitSymmetry::identity()
        };
        let deals = symmetry.classes(deals);
        let skipped = AtomicBool::new(false);
        let one_deal = |(hands, count): &(Vec<CardSet>, u64)| {
            let mut all = known.clone();
            let mut dealt = CardSet::EMPTY;
            for (&seat, &hand) in random_seats.iter().zip(hands) {
                all[seat] = hand;
                dealt |= hand;
            }
            let showdown = showdown::Showdown::new(self.game, &all);
            let (tally, complete) =
                enumerate::exact(&showdown, self.board, unseen - dealt, false, cancel);
            if !complete {
                skipped.store(true, Ordering::Relaxed);
            }
            tally.scaled(*count)
        };
        let tally = with_threads(threads, || {
            if threads == 1 {
                deals
                    .iter()
                    .map(one_deal)
                    .fold(Tally::default(), Tally::merge)
            } else {
                deals
                    .par_iter()
                    .map(one_deal)
                    .reduce(Tally::default, Tally::merge)
            }
        });
        Ok((tally, !skipped.load(Ordering::Relaxed)))
    }

    fn known_showdown(&self) -> Result<showdown::Showdown> {
        let hands: Vec<CardSet> = self
            .players
            .iter()
            .map(|holding| match holding {
                Holding::Known(hand) => Ok(*hand),
                Holding::Random => Err(Error::InvalidConfig {
                    rule: "exact equity needs every hand known",
                    detail: "a player holds a random hand; use Monte Carlo".to_owned(),
                }),
            })
            .collect::<Result<_>>()?;
        Ok(showdown::Showdown::new(self.game, &hands))
    }

    /// `samples` random run-outs (and random hands), on `threads` threads (0 for all
    /// cores); the same `seed` gives the same answer on any machine and any number of
    /// threads.
    ///
    /// # Errors
    ///
    /// Those of [`EquityRequest::validate`].
    ///
    /// ```
    /// use ggp_core::{CardSet, equity::{BoardGame, EquityRequest}};
    /// let request = EquityRequest::new(BoardGame::Holdem, &[CardSet::parse("Ah Ad")?])
    ///     .with_random_players(1);
    /// let one = request.monte_carlo(100_000, 7, 1)?;
    /// assert_eq!(one, request.monte_carlo(100_000, 7, 2)?);
    /// assert!((one.players[0].equity - 0.852).abs() < 0.01);
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn monte_carlo(&self, samples: u64, seed: u64, threads: usize) -> Result<EquityResult> {
        self.validate()?;
        let sampler = enumerate::Sampler::new(self);
        let chunks = samples.div_ceil(SAMPLES_PER_CHUNK);
        let tally = with_threads(threads, || {
            sum_chunks(0..chunks, threads, |chunk| {
                let count = SAMPLES_PER_CHUNK.min(samples - chunk * SAMPLES_PER_CHUNK);
                sampler.run(count, chunk_seed(seed, chunk))
            })
        });
        Ok(tally.result(self.players.len(), self.game.is_hi_lo(), false))
    }

    /// The best answer within `budget` (or until `cancel` is set): exact when the board
    /// count is small, otherwise Monte Carlo in waves of chunks until the time is up. A
    /// wave that has started finishes, so the call may run over by one wave (a few
    /// milliseconds). How many waves finish depends on the machine's speed, but the
    /// answer for a given number of samples does not: it is
    /// [`EquityRequest::monte_carlo`]'s for that count and seed, on any number of threads.
    ///
    /// # Errors
    ///
    /// Those of [`EquityRequest::validate`].
    pub fn best_within(
        &self,
        budget: Duration,
        seed: u64,
        threads: usize,
        cancel: Option<&AtomicBool>,
    ) -> Result<EquityResult> {
        let deadline = Instant::now() + budget;
        self.validate()?;
        if self.board_count() <= EXACT_WITHIN_BUDGET_BOARDS {
            let (result, complete) = self.exact_until(threads, cancel)?;
            if complete {
                return Ok(result);
            }
        }
        let sampler = enumerate::Sampler::new(self);
        let wave = CHUNKS_PER_WAVE;
        let mut tally = Tally::default();
        let mut next_chunk = 0;
        loop {
            let done = with_threads(threads, || {
                sum_chunks(next_chunk..next_chunk + wave, threads, |chunk| {
                    sampler.run(SAMPLES_PER_CHUNK, chunk_seed(seed, chunk))
                })
            });
            tally = tally.merge(done);
            next_chunk += wave;
            let cancelled = cancel.is_some_and(|flag| flag.load(Ordering::Relaxed));
            if cancelled || Instant::now() >= deadline {
                break;
            }
        }
        Ok(tally.result(self.players.len(), self.game.is_hi_lo(), false))
    }

    /// For each unseen card, where it would leave every player; the players each card
    /// puts ahead; each player's outs. Needs a flop or a turn and known hands.
    ///
    /// # Errors
    ///
    /// Those of [`EquityRequest::exact`], and [`Error::WrongCardCount`] for a board that
    /// is not 3 or 4 cards.
    pub fn outs(&self, threads: usize) -> Result<Outs> {
        outs::outs(self, threads)
    }
}

/// Every way `seats` random hands of `hole` cards each can be dealt from `cards`, seats
/// in order, appended to `out`.
fn deal_random_hands(
    cards: &[crate::card::Card],
    seats: usize,
    hole: usize,
    dealt: &mut Vec<CardSet>,
    out: &mut Vec<Vec<CardSet>>,
) {
    if dealt.len() == seats {
        out.push(dealt.clone());
        return;
    }
    let taken = dealt.iter().fold(CardSet::EMPTY, |all, &hand| all | hand);
    let free: Vec<crate::card::Card> = cards
        .iter()
        .copied()
        .filter(|&card| !taken.contains(card))
        .collect();
    fn subsets(
        cards: &[crate::card::Card],
        start: usize,
        left: usize,
        hand: CardSet,
        visit: &mut dyn FnMut(CardSet),
    ) {
        if left == 0 {
            visit(hand);
            return;
        }
        for i in start..cards.len() {
            subsets(cards, i + 1, left - 1, hand.with(cards[i]), visit);
        }
    }
    subsets(&free, 0, hole, CardSet::EMPTY, &mut |hand| {
        dealt.push(hand);
        deal_random_hands(cards, seats, hole, dealt, out);
        dealt.pop();
    });
}

/// C(n, k).
fn choose(n: u64, k: u64) -> u64 {
    if k > n {
        return 0;
    }
    (0..k).fold(1, |acc, i| acc * (n - i) / (i + 1))
}

/// A well-mixed seed for chunk `chunk` of a run seeded `seed` (SplitMix64's finalizer,
/// so nearby chunks get unrelated streams).
fn chunk_seed(seed: u64, chunk: u64) -> u64 {
    let mut z = seed ^ chunk.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Runs `work` with `threads` rayon threads: the global pool for 0, the calling thread
/// alone for 1, a pool of that size otherwise (or the global pool if one cannot be made).
fn with_threads<R: Send>(threads: usize, work: impl FnOnce() -> R + Send) -> R {
    if threads <= 1 {
        return work();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// The sum of `chunk`'s tallies over a range, in parallel unless `threads` is 1.
fn sum_chunks(
    chunks: std::ops::Range<u64>,
    threads: usize,
    chunk: impl Fn(u64) -> Tally + Sync,
) -> Tally {
    if threads == 1 {
        chunks.map(chunk).fold(Tally::default(), Tally::merge)
    } else {
        chunks
            .into_par_iter()
            .map(&chunk)
            .reduce(Tally::default, Tally::merge)
    }
}

#[cfg(test)]
mod tests;
