//! Equity in games without a board: stud (seven cards each, some face up) and draw games
//! (five cards each, four in badugi).
//!
//! Each seat is described by the cards known to be in its final hand and how many more
//! it will hold that nobody can see yet:
//! - stud: `known` are the up-cards (and any down-cards a reader or camera has seen),
//!   `unknown` is 7 minus those: the hidden down-cards and the cards still to come, all
//!   dealt from the unseen cards. The up-cards of players who folded are `dead`.
//! - draw: `known` are the cards the player keeps, `unknown` how many they draw; a pat
//!   hand draws none. The model is the stated draw: one draw, the given cards kept, the
//!   new cards from the unseen ones (discards of earlier draws can be given as `dead`).
//!   Which cards a player should keep is the caller's policy, not guessed here.
//!
//! Exact enumeration deals every way the unseen cards can fill the hands (seats in
//! order); Monte Carlo deals random ones. Each hand is ranked alone by the game's hand
//! types and the pot split as in the board games: high and low halves in stud hi-lo,
//! the whole pot to the high hand when no low qualifies.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::card::Card;
use crate::card_set::CardSet;
use crate::deck::DeckKind;
use crate::error::{Error, Result};
use crate::eval::badugi::{self, BadugiRanking};
use crate::eval::high::HighEvaluator;
use crate::eval::{HandType, low, short_deck};
use crate::rng::SeededRng;
use crate::rules::variant::Variant;

use super::showdown::split;
use super::{
    EXACT_WITHIN_BUDGET_BOARDS, EquityResult, MAX_PLAYERS, SAMPLES_PER_CHUNK, Tally, choose,
    chunk_seed, sum_chunks, with_threads,
};

/// Monte Carlo chunks per wave of [`StudDrawRequest::best_within`]: fixed, so that the
/// answer after a number of waves does not depend on the number of threads.
const CHUNKS_PER_WAVE: u64 = 8;

/// A game without a board: how hands are ranked and how many cards make one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StudDrawGame {
    /// The hand types the pot is split between: one, or a high and a qualifying low.
    pub hand_types: Vec<HandType>,
    /// The deck.
    pub deck: DeckKind,
    /// Cards in each player's final hand: 7 in stud, 5 in draw, 4 in badugi.
    pub hand_size: usize,
}

impl StudDrawGame {
    /// Seven-card stud, high only.
    pub fn stud() -> StudDrawGame {
        StudDrawGame::new(vec![HandType::StandardHigh], 7)
    }

    /// Seven-card stud hi-lo, eight or better.
    pub fn stud_hi_lo() -> StudDrawGame {
        StudDrawGame::new(vec![HandType::StandardHigh, HandType::EightOrBetterLow], 7)
    }

    /// Razz: seven-card stud, A-5 low only.
    pub fn razz() -> StudDrawGame {
        StudDrawGame::new(vec![HandType::AceToFiveLow], 7)
    }

    /// 2-7 draw (single or triple): the 2-7 low of five cards.
    pub fn deuce_to_seven_draw() -> StudDrawGame {
        StudDrawGame::new(vec![HandType::DeuceToSevenLow], 5)
    }

    /// Badugi, ace low, four cards.
    pub fn badugi() -> StudDrawGame {
        StudDrawGame::new(vec![HandType::AceToFiveBadugi], 4)
    }

    fn new(hand_types: Vec<HandType>, hand_size: usize) -> StudDrawGame {
        StudDrawGame {
            hand_types,
            deck: DeckKind::Standard,
            hand_size,
        }
    }

    /// The game a stud or draw variant of the rules engine plays, or an error naming it
    /// when it has a board (ask [`super::BoardGame::for_variant`]) or a hand type that
    /// needs one.
    ///
    /// ```
    /// use ggp_core::{equity::StudDrawGame, rules::variant};
    /// assert_eq!(StudDrawGame::for_variant(&*variant("razz")?)?, StudDrawGame::razz());
    /// assert!(StudDrawGame::for_variant(&*variant("NT")?).is_err());
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn for_variant(variant: &Variant) -> Result<StudDrawGame> {
        let needs_board = variant
            .hand_types
            .iter()
            .any(|t| matches!(t, HandType::OmahaHigh | HandType::OmahaEightOrBetterLow));
        let hand_size = variant.hole_card_count();
        if variant.has_board()
            || needs_board
            || !(1..=2).contains(&variant.hand_types.len())
            || !(4..=7).contains(&hand_size)
        {
            return Err(Error::InvalidConfig {
                rule: "stud and draw equity covers games without a board",
                detail: format!(
                    "{} ({}) is not a stud or draw game",
                    variant.name, variant.code
                ),
            });
        }
        Ok(StudDrawGame {
            hand_types: variant.hand_types.clone(),
            deck: variant.deck,
            hand_size,
        })
    }

    fn is_hi_lo(&self) -> bool {
        self.hand_types.len() == 2
    }
}

/// One seat's cards: those known to be in its final hand, and how many more it holds
/// (or will) that nobody can see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeatCards {
    /// Cards known to end in the hand: up-cards, seen down-cards, kept cards.
    pub known: CardSet,
    /// Cards still unseen: hidden down-cards, cards to come, cards to draw.
    pub unknown: usize,
}

impl SeatCards {
    /// A seat whose final hand is these known cards plus `unknown` unseen ones.
    pub const fn new(known: CardSet, unknown: usize) -> SeatCards {
        SeatCards { known, unknown }
    }
}

/// An equity question in a stud or draw game.
///
/// ```
/// use ggp_core::{CardSet, equity::{SeatCards, StudDrawGame, StudDrawRequest}};
/// // Sixth street in razz: each has six cards and one to come.
/// let seats = [
///     SeatCards::new(CardSet::parse("Ah 2c 3d 4s Kd Kc")?, 1),
///     SeatCards::new(CardSet::parse("As 2d 3h 6c 7h 8d")?, 1),
/// ];
/// let result = StudDrawRequest::new(StudDrawGame::razz(), &seats).exact(1)?;
/// assert_eq!(result.boards, 40 * 39);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudDrawRequest {
    /// The game.
    pub game: StudDrawGame,
    /// Each seat, in order.
    pub players: Vec<SeatCards>,
    /// Cards out of play: folded players' up-cards, discards, burned cards seen.
    pub dead: CardSet,
}

impl StudDrawRequest {
    /// A request with these seats and no dead cards.
    pub fn new(game: StudDrawGame, players: &[SeatCards]) -> StudDrawRequest {
        StudDrawRequest {
            game,
            players: players.to_vec(),
            dead: CardSet::EMPTY,
        }
    }

    /// The same request with these dead cards.
    #[must_use]
    pub fn with_dead(mut self, dead: CardSet) -> StudDrawRequest {
        self.dead = dead;
        self
    }

    /// Checks the request: 2 to 10 players, each hand's known and unknown cards adding
    /// up to the game's hand size, no card twice, every card in the deck, enough unseen
    /// cards for every unknown one.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] for a player count outside 2 to 10,
    /// [`Error::WrongCardCount`] for a hand that does not add up, [`Error::DuplicateCard`],
    /// [`Error::CardNotInDeck`], [`Error::DeckExhausted`].
    pub fn validate(&self) -> Result<()> {
        let players = self.players.len();
        if !(2..=MAX_PLAYERS).contains(&players) {
            return Err(Error::InvalidConfig {
                rule: "equity needs 2 to 10 players",
                detail: format!("{players} players given"),
            });
        }
        let size = self.game.hand_size;
        let mut seen = CardSet::EMPTY;
        for seat in &self.players {
            let count = seat.known.len() + seat.unknown;
            if count != size {
                return Err(Error::WrongCardCount {
                    what: "a stud or draw hand (known plus unknown cards)",
                    count,
                    min: size,
                    max: size,
                });
            }
            if let Some(card) = (seen & seat.known).iter().next() {
                return Err(Error::DuplicateCard { card });
            }
            seen |= seat.known;
        }
        if let Some(card) = (seen & self.dead).iter().next() {
            return Err(Error::DuplicateCard { card });
        }
        seen |= self.dead;
        let deck = self.game.deck;
        if let Some(card) = (seen - deck.cards()).iter().next() {
            return Err(Error::CardNotInDeck {
                card,
                deck: deck.name(),
            });
        }
        let needed = self.unknown_count();
        let remaining = self.unseen().len();
        if needed > remaining {
            return Err(Error::DeckExhausted {
                requested: needed,
                remaining,
            });
        }
        Ok(())
    }

    fn unknown_count(&self) -> usize {
        self.players.iter().map(|seat| seat.unknown).sum()
    }

    /// The cards no seat is known to hold and that are not dead.
    pub fn unseen(&self) -> CardSet {
        let known = self
            .players
            .iter()
            .fold(self.dead, |seen, seat| seen | seat.known);
        self.game.deck.cards() - known
    }

    /// How many deals an exact enumeration visits (saturating at `u64::MAX`).
    pub fn deal_count(&self) -> u64 {
        let mut left = self.unseen().len() as u64;
        let mut deals = 1u64;
        for seat in &self.players {
            deals = deals.saturating_mul(choose(left, seat.unknown as u64));
            left = left.saturating_sub(seat.unknown as u64);
        }
        deals
    }

    /// Every way the unseen cards can complete the hands, on `threads` threads (0 for all
    /// cores).
    ///
    /// # Errors
    ///
    /// Those of [`StudDrawRequest::validate`].
    pub fn exact(&self, threads: usize) -> Result<EquityResult> {
        self.exact_until(threads, None).map(|(result, _)| result)
    }

    fn exact_until(
        &self,
        threads: usize,
        cancel: Option<&AtomicBool>,
    ) -> Result<(EquityResult, bool)> {
        self.validate()?;
        let ranker = Ranker::new(self);
        let unseen: Vec<Card> = self.unseen().iter().collect();
        // The first unknown seat's choices are the chunks of work.
        let first = self.players.iter().position(|seat| seat.unknown > 0);
        let mut prefixes: Vec<CardSet> = Vec::new();
        if let Some(first) = first {
            subsets(&unseen, self.players[first].unknown, &mut |s| {
                prefixes.push(s)
            });
        }
        let skipped = AtomicBool::new(false);
        let chunk = |&prefix: &CardSet| {
            let mut tally = Tally::default();
            if cancel.is_some_and(|flag| flag.load(Ordering::Relaxed)) {
                skipped.store(true, Ordering::Relaxed);
                return tally;
            }
            let mut hands: Vec<CardSet> = self.players.iter().map(|s| s.known).collect();
            match first {
                Some(first) => {
                    hands[first] |= prefix;
                    let rest: Vec<Card> = unseen
                        .iter()
                        .copied()
                        .filter(|&c| !prefix.contains(c))
                        .collect();
                    ranker.deal_rest(&mut hands, first + 1, &rest, &mut tally);
                }
                None => ranker.settle(&hands, &mut tally),
            }
            tally
        };
        let tally = with_threads(threads, || {
            if first.is_none() {
                chunk(&CardSet::EMPTY)
            } else if threads == 1 {
                prefixes
                    .iter()
                    .map(chunk)
                    .fold(Tally::default(), Tally::merge)
            } else {
                prefixes
                    .par_iter()
                    .map(chunk)
                    .reduce(Tally::default, Tally::merge)
            }
        });
        let complete = !skipped.load(Ordering::Relaxed);
        Ok((
            tally.result(self.players.len(), self.game.is_hi_lo(), complete),
            complete,
        ))
    }

    /// `samples` random deals, on `threads` threads (0 for all cores); the same `seed`
    /// gives the same answer on any machine and any number of threads.
    ///
    /// # Errors
    ///
    /// Those of [`StudDrawRequest::validate`].
    pub fn monte_carlo(&self, samples: u64, seed: u64, threads: usize) -> Result<EquityResult> {
        self.validate()?;
        let ranker = Ranker::new(self);
        let unseen: Vec<Card> = self.unseen().iter().collect();
        let chunks = samples.div_ceil(SAMPLES_PER_CHUNK);
        let tally = with_threads(threads, || {
            sum_chunks(0..chunks, threads, |chunk| {
                let count = SAMPLES_PER_CHUNK.min(samples - chunk * SAMPLES_PER_CHUNK);
                ranker.sample(&unseen, count, chunk_seed(seed, chunk))
            })
        });
        Ok(tally.result(self.players.len(), self.game.is_hi_lo(), false))
    }

    /// The best answer within `budget` (or until `cancel` is set): exact when there are
    /// few deals, otherwise Monte Carlo in fixed waves until the time is up (the answer
    /// for a seed depends only on how many waves finished, not on the threads).
    ///
    /// # Errors
    ///
    /// Those of [`StudDrawRequest::validate`].
    pub fn best_within(
        &self,
        budget: Duration,
        seed: u64,
        threads: usize,
        cancel: Option<&AtomicBool>,
    ) -> Result<EquityResult> {
        let deadline = Instant::now() + budget;
        self.validate()?;
        if self.deal_count() <= EXACT_WITHIN_BUDGET_BOARDS {
            let (result, complete) = self.exact_until(threads, cancel)?;
            if complete {
                return Ok(result);
            }
        }
        let ranker = Ranker::new(self);
        let unseen: Vec<Card> = self.unseen().iter().collect();
        let mut tally = Tally::default();
        let mut next_chunk = 0;
        loop {
            let done = with_threads(threads, || {
                sum_chunks(next_chunk..next_chunk + CHUNKS_PER_WAVE, threads, |chunk| {
                    ranker.sample(&unseen, SAMPLES_PER_CHUNK, chunk_seed(seed, chunk))
                })
            });
            tally = tally.merge(done);
            next_chunk += CHUNKS_PER_WAVE;
            let cancelled = cancel.is_some_and(|flag| flag.load(Ordering::Relaxed));
            if cancelled || Instant::now() >= deadline {
                break;
            }
        }
        Ok(tally.result(self.players.len(), self.game.is_hi_lo(), false))
    }
}

/// Calls `visit` with every `size`-card subset of `cards`.
fn subsets(cards: &[Card], size: usize, visit: &mut impl FnMut(CardSet)) {
    fn walk(
        cards: &[Card],
        start: usize,
        left: usize,
        set: CardSet,
        visit: &mut impl FnMut(CardSet),
    ) {
        if left == 0 {
            visit(set);
            return;
        }
        for i in start..cards.len() {
            if cards.len() - i < left {
                break;
            }
            walk(cards, i + 1, left - 1, set.with(cards[i]), visit);
        }
    }
    walk(cards, 0, size, CardSet::EMPTY, visit);
}

/// Ranks complete hands and splits the pot.
struct Ranker {
    hand_types: Vec<HandType>,
    hi_lo: bool,
    unknown: Vec<usize>,
    known: Vec<CardSet>,
    evaluator: HighEvaluator,
}

impl Ranker {
    fn new(request: &StudDrawRequest) -> Ranker {
        Ranker {
            hand_types: request.game.hand_types.clone(),
            hi_lo: request.game.is_hi_lo(),
            unknown: request.players.iter().map(|s| s.unknown).collect(),
            known: request.players.iter().map(|s| s.known).collect(),
            evaluator: HighEvaluator::get(),
        }
    }

    /// Deals every way `rest` can fill seats `seat..`, settling each complete deal.
    fn deal_rest(&self, hands: &mut [CardSet], seat: usize, rest: &[Card], tally: &mut Tally) {
        let Some(offset) = self.unknown[seat.min(self.unknown.len())..]
            .iter()
            .position(|&u| u > 0)
        else {
            self.settle(hands, tally);
            return;
        };
        let seat = seat + offset;
        let before = hands[seat];
        subsets(rest, self.unknown[seat], &mut |dealt| {
            hands[seat] = before | dealt;
            let left: Vec<Card> = rest
                .iter()
                .copied()
                .filter(|&c| !dealt.contains(c))
                .collect();
            self.deal_rest(hands, seat + 1, &left, tally);
        });
        hands[seat] = before;
    }

    /// `count` random deals from a generator seeded `seed`.
    fn sample(&self, unseen: &[Card], count: u64, seed: u64) -> Tally {
        let mut rng = SeededRng::new(seed);
        let mut deck = unseen.to_vec();
        let needed: usize = self.unknown.iter().sum();
        let mut hands = self.known.clone();
        let mut tally = Tally::default();
        for _ in 0..count {
            for i in 0..needed.min(deck.len()) {
                let j = i + rng.below((deck.len() - i) as u32) as usize;
                deck.swap(i, j);
            }
            let mut dealt = deck.iter();
            for (hand, (&known, &unknown)) in
                hands.iter_mut().zip(self.known.iter().zip(&self.unknown))
            {
                *hand = dealt
                    .by_ref()
                    .take(unknown)
                    .fold(known, |set, &card| set.with(card));
            }
            self.settle(&hands, &mut tally);
        }
        tally
    }

    /// Settles one complete deal.
    fn settle(&self, hands: &[CardSet], tally: &mut Tally) {
        let players = hands.len().min(MAX_PLAYERS);
        let mut values = [[0u32; MAX_PLAYERS]; 2];
        for (half, &hand_type) in values.iter_mut().zip(&self.hand_types) {
            for (value, &hand) in half.iter_mut().zip(hands) {
                *value = self.value(hand_type, hand);
            }
        }
        let [high, low] = &values;
        split(&high[..players], &low[..players], self.hi_lo, tally);
    }

    /// A hand's value for one hand type, greater better; 0 when it does not qualify.
    fn value(&self, hand_type: HandType, hand: CardSet) -> u32 {
        match hand_type {
            HandType::StandardHigh => u32::from(self.evaluator.class(hand_of(hand))),
            HandType::ShortDeckHigh(rules) => short_deck::strength(hand, rules).value() + 1,
            HandType::AceToFiveLow => low::ace_to_five(hand).value() + 1,
            HandType::EightOrBetterLow => low::eight_or_better(hand).map_or(0, |l| l.value() + 1),
            HandType::DeuceToSevenLow => low::deuce_to_seven(hand).value() + 1,
            HandType::AceToFiveBadugi => {
                badugi::strength(hand, BadugiRanking::AceToFive).value() + 1
            }
            HandType::DeuceToSevenBadugi => {
                badugi::strength(hand, BadugiRanking::DeuceToSeven).value() + 1
            }
            // `StudDrawGame::for_variant` keeps the Omaha types out; a hand-made game
            // with one scores every hand level.
            HandType::OmahaHigh | HandType::OmahaEightOrBetterLow => 1,
        }
    }
}

fn hand_of(set: CardSet) -> crate::eval::high::HighHand {
    crate::eval::high::HighHand::of(set)
}

#[cfg(test)]
#[path = "stud_draw_tests.rs"]
mod tests;
