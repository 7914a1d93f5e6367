//! What a hand is played with: the variant, the stakes, the stacks.

use std::sync::Arc;

use crate::chips::Chips;
use crate::error::{Error, Result};
use crate::rules::variant::{BetSize, BettingStructure, Variant};

/// Whether folding with nothing to call is allowed.
///
/// Tournaments (and pokerkit by default) reject it; many cash games let it pass.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Folding when a check is free is an error; no running it twice.
    #[default]
    Tournament,
    /// Folding when a check is free is allowed; all-in players may agree to run it
    /// more than once.
    CashGame,
}

/// How a pot that does not divide evenly is split.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum OddChipRule {
    /// The odd chips go to the winner seated first to the left of the button (the lowest
    /// player index in PHH order; pokerkit's convention), and a split between high and
    /// low gives them to the high hand, a split between boards to the first board.
    #[default]
    FirstLeftOfButton,
    /// The odd chips go to the winner holding the highest card, by rank then suit
    /// (spades, hearts, diamonds, clubs): the usual rule in stud games, which have no
    /// button.
    HighestCard,
}

/// A straddle: a voluntary blind raise posted before the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Straddle {
    /// Under the gun (the player after the big blind); the action starts after them.
    Utg,
    /// The button straddles; the action starts after them (the small blind) before the
    /// flop.
    Button,
    /// Any seat may straddle; the action starts to the straddler's left.
    Mississippi {
        /// The straddling player.
        player: usize,
    },
    /// A straddle posted live that does not move the start of the action (pokerkit's
    /// negative blind).
    Sleeper {
        /// The straddling player.
        player: usize,
    },
}

/// How a hi-lo pot is split when none of its contenders has a qualifying low.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SplitConvention {
    /// The card-room rule: the high hand scoops a pot in which no contender qualifies
    /// for low.
    #[default]
    Standard,
    /// pokerkit 0.7's: a pot is split high and low if anyone at the table has a low, and
    /// a low half that no contender of that pot qualifies for is shared by them all.
    /// For comparing with pokerkit only.
    Pokerkit,
}

/// The fixed parameters of one hand. Player 0 is the first seat to the left of the
/// button (the small blind in a blinds game), as in PHH.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HandConfig {
    /// The variant (written out in full, so that a custom variant replays too).
    pub variant: Arc<Variant>,
    /// Each player's stack at the start of the hand.
    pub starting_stacks: Vec<Chips>,
    /// Each player's ante (a big-blind ante is one non-zero entry).
    pub antes: Vec<Chips>,
    /// Each player's blind or straddle (PHH's `blinds_or_straddles`).
    pub blinds_or_straddles: Vec<Chips>,
    /// The bring-in, for stud games.
    pub bring_in: Chips,
    /// The small bet: the fixed-limit bet of the early streets, or the minimum bet.
    pub small_bet: Chips,
    /// The big bet: the fixed-limit bet of the later streets.
    pub big_bet: Chips,
    /// Whether an all-in player's ante is trimmed to what others match (PHH's
    /// `ante_trimming_status`); untrimmed antes are dead money in the main pot.
    pub ante_trimming: bool,
    /// Tournament or cash-game conventions.
    pub mode: Mode,
    /// How odd chips are given.
    pub odd_chips: OddChipRule,
    /// How a hi-lo pot without a qualifying low among its contenders is split.
    #[serde(default)]
    pub split_convention: SplitConvention,
    /// The smallest chip for splitting pots; `None` splits exactly (for decimal stakes).
    pub chip_unit: Option<Chips>,
    /// Boards dealt at once (2 for a double-board bomb pot).
    pub board_count: usize,
    /// A bomb pot: everyone antes and the first betting round is skipped, so the first
    /// bets come after the flop.
    #[serde(default)]
    pub bomb_pot: bool,
    /// A cap game: no player can put more than this in the pot in one hand, whatever
    /// their stack (a player who reaches it is all in).
    #[serde(default)]
    pub cap: Option<Chips>,
}

impl HandConfig {
    /// A configuration with no antes, blinds or bring-in and the given stacks; set the
    /// forced bets and stakes with the builder methods.
    ///
    /// ```
    /// use ggp_core::{Chips, rules::{variant, HandConfig}};
    /// let config = HandConfig::new(variant("NT")?, vec![Chips::from(200); 3])
    ///     .with_blinds(&[Chips::from(1), Chips::from(2)])
    ///     .with_min_bet(Chips::from(2));
    /// assert_eq!(config.blinds_or_straddles.len(), 3);
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn new(variant: Arc<Variant>, starting_stacks: Vec<Chips>) -> HandConfig {
        let players = starting_stacks.len();
        HandConfig {
            variant,
            antes: vec![Chips::ZERO; players],
            blinds_or_straddles: vec![Chips::ZERO; players],
            starting_stacks,
            bring_in: Chips::ZERO,
            small_bet: Chips::ZERO,
            big_bet: Chips::ZERO,
            ante_trimming: false,
            mode: Mode::Tournament,
            odd_chips: OddChipRule::FirstLeftOfButton,
            split_convention: SplitConvention::Standard,
            chip_unit: None,
            board_count: 1,
            bomb_pot: false,
            cap: None,
        }
    }

    /// Makes the hand a cap game: each player risks at most `cap` in the hand.
    #[must_use]
    pub fn with_cap(mut self, cap: Chips) -> HandConfig {
        self.cap = Some(cap);
        self
    }

    /// Adds a straddle of `amount` (usually twice the big blind).
    #[must_use]
    pub fn with_straddle(mut self, straddle: Straddle, amount: Chips) -> HandConfig {
        let players = self.players();
        let (player, posted) = match straddle {
            Straddle::Utg => (2, amount),
            Straddle::Button => (players.saturating_sub(1), amount),
            Straddle::Mississippi { player } => (player, amount),
            Straddle::Sleeper { player } => (player, -amount),
        };
        if let Some(slot) = self.blinds_or_straddles.get_mut(player) {
            *slot = posted;
        }
        self
    }

    /// Makes the hand a bomb pot: every player antes `ante`, no blinds, no betting before
    /// the flop; `boards` is 1, or 2 for a double-board bomb pot.
    #[must_use]
    pub fn with_bomb_pot(mut self, ante: Chips, boards: usize) -> HandConfig {
        self.antes.iter_mut().for_each(|a| *a = ante);
        self.blinds_or_straddles
            .iter_mut()
            .for_each(|b| *b = Chips::ZERO);
        self.board_count = boards;
        self.bomb_pot = true;
        self
    }

    /// Sets blinds and straddles from player 0 on; the rest post nothing.
    #[must_use]
    pub fn with_blinds(mut self, blinds: &[Chips]) -> HandConfig {
        fill(&mut self.blinds_or_straddles, blinds);
        self
    }

    /// Sets every player's ante to `ante`.
    #[must_use]
    pub fn with_ante(mut self, ante: Chips) -> HandConfig {
        self.antes.iter_mut().for_each(|a| *a = ante);
        self
    }

    /// Sets the antes from player 0 on (a big-blind ante: `[0, ante]`).
    #[must_use]
    pub fn with_antes(mut self, antes: &[Chips]) -> HandConfig {
        fill(&mut self.antes, antes);
        self
    }

    /// Sets the minimum bet of a no-limit or pot-limit game (small and big bet alike).
    #[must_use]
    pub fn with_min_bet(mut self, min_bet: Chips) -> HandConfig {
        self.small_bet = min_bet;
        self.big_bet = min_bet;
        self
    }

    /// Sets the small and big bets of a fixed-limit game.
    #[must_use]
    pub fn with_limits(mut self, small_bet: Chips, big_bet: Chips) -> HandConfig {
        self.small_bet = small_bet;
        self.big_bet = big_bet;
        self
    }

    /// Sets the bring-in of a stud game.
    #[must_use]
    pub fn with_bring_in(mut self, bring_in: Chips) -> HandConfig {
        self.bring_in = bring_in;
        self
    }

    /// Sets tournament or cash-game conventions.
    #[must_use]
    pub fn with_mode(mut self, mode: Mode) -> HandConfig {
        self.mode = mode;
        self
    }

    /// The number of players.
    pub fn players(&self) -> usize {
        self.starting_stacks.len()
    }

    /// The bet size of a street.
    pub(crate) fn bet_size(&self, size: BetSize) -> Chips {
        match size {
            BetSize::Small => self.small_bet,
            BetSize::Big => self.big_bet,
        }
    }

    /// Checks the configuration before a hand starts.
    pub fn validate(&self) -> Result<()> {
        let invalid =
            |rule: &'static str, detail: String| Err(Error::InvalidConfig { rule, detail });
        let players = self.players();
        if !(2..=self.max_players()).contains(&players) {
            return invalid(
                "player count",
                format!(
                    "{players} players; {} takes 2 to {}",
                    self.variant.name,
                    self.max_players()
                ),
            );
        }
        for (name, values) in [
            ("antes", &self.antes),
            ("blinds_or_straddles", &self.blinds_or_straddles),
        ] {
            if values.len() != players {
                return invalid(
                    "one value per player",
                    format!("{name} has {} values for {players} players", values.len()),
                );
            }
        }
        for (i, stack) in self.starting_stacks.iter().enumerate() {
            if !stack.is_positive() {
                return invalid(
                    "positive stacks",
                    format!("player {} starts with {stack}", i + 1),
                );
            }
        }
        for (name, values) in [("ante", &self.antes)] {
            if let Some((i, v)) = values.iter().enumerate().find(|(_, v)| v.is_negative()) {
                return invalid(
                    "non-negative forced bets",
                    format!("player {}'s {name} is {v}", i + 1),
                );
            }
        }
        for (name, value) in [
            ("bring-in", self.bring_in),
            ("small bet", self.small_bet),
            ("big bet", self.big_bet),
        ] {
            if value.is_negative() {
                return invalid("non-negative stakes", format!("the {name} is {value}"));
            }
        }
        if self
            .variant
            .streets
            .iter()
            .any(|s| !self.bet_size(s.bet_size).is_positive())
        {
            return invalid(
                "positive bet sizes",
                format!(
                    "{} needs a positive {}",
                    self.variant.name,
                    if self.variant.betting == BettingStructure::FixedLimit {
                        "small and big bet"
                    } else {
                        "minimum bet"
                    }
                ),
            );
        }
        if self.variant.uses_bring_in()
            && self.bring_in.is_zero()
            && self.blinds_or_straddles.iter().all(|b| b.is_zero())
        {
            return invalid(
                "forced bets",
                format!("{} needs a bring-in", self.variant.name),
            );
        }
        if !(1..=4).contains(&self.board_count) {
            return invalid(
                "board count",
                format!("{} boards; 1 to 4 are allowed", self.board_count),
            );
        }
        if let Some(cap) = self.cap.filter(|c| !c.is_positive()) {
            return invalid("positive cap", format!("the cap is {cap}"));
        }
        if let Some(unit) = self.chip_unit.filter(|u| !u.is_positive()) {
            return invalid("positive chip unit", format!("the chip unit is {unit}"));
        }
        Ok(())
    }

    /// The most players the deck can serve: every hole card, board card and burn must
    /// come from one deck (draw games reshuffle discards, so only the first deal counts;
    /// stud deals a shared card when short, up to eight players). Ten at most.
    pub fn max_players(&self) -> usize {
        let variant = &self.variant;
        if variant.uses_bring_in() {
            return 8;
        }
        let deck = variant.deck.cards().len();
        let hole: usize = variant
            .streets
            .iter()
            .map(|s| s.hole_cards.len())
            .sum::<usize>()
            .max(1);
        let fixed = if variant.streets.iter().any(|s| s.draw) {
            0
        } else {
            let boards = self.board_count.max(1);
            variant
                .streets
                .iter()
                .map(|s| usize::from(s.board_cards) * boards + usize::from(s.burn))
                .sum()
        };
        (deck.saturating_sub(fixed) / hole).min(10)
    }
}

fn fill(target: &mut [Chips], values: &[Chips]) {
    for (slot, value) in target
        .iter_mut()
        .zip(values.iter().copied().chain(std::iter::repeat(Chips::ZERO)))
    {
        *slot = value;
    }
}
