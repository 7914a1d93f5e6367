//! Playing a PHH hand history through the rules engine.
//!
//! A PHH file records a hand; the engine checks it. Replaying is strict: an action the
//! rules do not allow is an error naming its number, never repaired. A showdown the file
//! leaves out is completed as pokerkit completes it (players who can win show, others
//! muck), so that files written without `sm` lines still finish.

use crate::chips::Chips;
use crate::error::{Error, Result, Rule};
use crate::phh::{PhhActionKind, PhhCard, PhhHand, PhhShowdown, PhhStack};
use crate::rules::{Action, BettingStructure, Hand, HandConfig, MaybeCard, Mode, Pending, variant};

/// The stack given to a player whose starting stack the file does not know (`inf`):
/// large enough never to be the limit.
pub const UNKNOWN_STACK: i64 = 1_000_000_000_000_000;

fn cards(cards: &[PhhCard]) -> Vec<MaybeCard> {
    cards
        .iter()
        .map(|c| match c {
            PhhCard::Known(card) => Some(*card),
            PhhCard::Unknown => None,
        })
        .collect()
}

impl PhhHand {
    /// The engine's configuration for this hand.
    pub fn to_config(&self) -> Result<HandConfig> {
        let game = variant(self.variant.code())?;
        let players = self.starting_stacks.len();
        let stacks = self
            .starting_stacks
            .iter()
            .map(|s| match s {
                PhhStack::Chips(chips) => *chips,
                PhhStack::Unknown => Chips::from(UNKNOWN_STACK),
            })
            .collect();
        let fixed_limit = game.betting == BettingStructure::FixedLimit;
        let mut config = HandConfig::new(game, stacks)
            .with_antes(&self.antes)
            .with_blinds(self.blinds_or_straddles.as_deref().unwrap_or(&[]))
            .with_bring_in(self.bring_in.unwrap_or(Chips::ZERO));
        config = if fixed_limit {
            config.with_limits(
                self.small_bet.unwrap_or(Chips::ZERO),
                self.big_bet.unwrap_or(Chips::ZERO),
            )
        } else {
            config.with_min_bet(self.min_bet.unwrap_or(Chips::ZERO))
        };
        config.ante_trimming = self.ante_trimming_status.unwrap_or(false);
        // pokerkit replays hand histories with cash-game conventions: a fold when a
        // check is free is recorded, not refused.
        config.mode = Mode::CashGame;
        debug_assert_eq!(config.players(), players);
        Ok(config)
    }

    /// The engine's action for a PHH action, given the hand so far (`sm -` shows the
    /// cards dealt); `None` for a PHH no-op.
    pub fn engine_action(hand: &Hand, kind: &PhhActionKind) -> Result<Option<Action>> {
        Ok(Some(match kind {
            PhhActionKind::DealBoard { cards: dealt } => {
                let known: Option<Vec<_>> = dealt
                    .iter()
                    .map(|c| match c {
                        PhhCard::Known(card) => Some(*card),
                        PhhCard::Unknown => None,
                    })
                    .collect();
                let cards = known.ok_or_else(|| Error::Rule {
                    rule: Rule::WrongCardCount,
                    detail: "board cards must be known".to_owned(),
                })?;
                Action::DealBoard { cards }
            }
            PhhActionKind::DealHole {
                player_idx,
                cards: dealt,
            } => Action::DealHole {
                player: *player_idx,
                cards: cards(dealt),
            },
            PhhActionKind::PostBringIn { player_idx } => Action::PostBringIn {
                player: *player_idx,
            },
            PhhActionKind::Fold { player_idx } => Action::Fold {
                player: *player_idx,
            },
            PhhActionKind::CheckOrCall { player_idx } => Action::CheckOrCall {
                player: *player_idx,
            },
            PhhActionKind::CompleteBetOrRaiseTo { player_idx, amount } => Action::BetOrRaiseTo {
                player: *player_idx,
                amount: *amount,
            },
            PhhActionKind::StandPatOrDiscard {
                player_idx,
                discarded,
            } => Action::Draw {
                player: *player_idx,
                discards: cards(discarded),
            },
            PhhActionKind::ShowOrMuck {
                player_idx,
                showdown,
            } => Action::ShowOrMuck {
                player: *player_idx,
                cards: match showdown {
                    PhhShowdown::Muck => None,
                    PhhShowdown::ShowDealt => Some(
                        hand.state()
                            .hole_cards(*player_idx)
                            .iter()
                            .map(|h| h.card)
                            .collect(),
                    ),
                    PhhShowdown::Show(shown) => Some(cards(shown)),
                },
            },
            PhhActionKind::Discard {
                player_idx,
                cards: thrown,
            } => Action::Discard {
                player: *player_idx,
                cards: cards(thrown),
            },
            PhhActionKind::SelectRunoutCount { player_idx, count } => Action::SelectRunoutCount {
                player: *player_idx,
                count: *count,
            },
            PhhActionKind::KillHand { player_idx } => Action::KillHand {
                player: *player_idx,
            },
            PhhActionKind::NoOp => return Ok(None),
        }))
    }

    /// Replays the first `count` actions (all of them for `None`); with all of them, a
    /// showdown the file leaves out is completed. Errors name the action (1-based).
    pub fn replay_actions(&self, count: Option<usize>) -> Result<Hand> {
        let mut hand = Hand::new(self.to_config()?)?;
        let take = count.unwrap_or(self.actions.len()).min(self.actions.len());
        for (i, action) in self.actions[..take].iter().enumerate() {
            let located = |error: Error| match error {
                Error::Rule { rule, detail } => Error::Rule {
                    rule,
                    detail: format!("action {} ({action}): {detail}", i + 1),
                },
                other => Error::Rule {
                    rule: Rule::NotYourTurn,
                    detail: format!("action {} ({action}): {other}", i + 1),
                },
            };
            // Standard PHH has no notation for choosing how many times to run the board:
            // unless the file uses the `rc` extension, the board runs once, as pokerkit's
            // automation has it.
            let chooses = matches!(action.kind, PhhActionKind::SelectRunoutCount { .. });
            while let (false, Pending::SelectRunoutCount { player }) =
                (chooses, hand.state().pending())
            {
                hand.apply(Action::SelectRunoutCount { player, count: 1 })
                    .map_err(located)?;
            }
            if let Some(engine) = Self::engine_action(&hand, &action.kind).map_err(located)? {
                hand.apply(engine).map_err(located)?;
            }
        }
        if count.is_none() {
            finish_showdown(&mut hand)?;
        }
        Ok(hand)
    }

    /// Replays the whole hand.
    pub fn replay(&self) -> Result<Hand> {
        self.replay_actions(None)
    }
}

/// Completes a showdown as pokerkit does when a file stops before it: one runout, and
/// each player shows if able to win something, else mucks.
fn finish_showdown(hand: &mut Hand) -> Result<()> {
    loop {
        let action = match hand.state().pending() {
            Pending::SelectRunoutCount { player } => Action::SelectRunoutCount { player, count: 1 },
            Pending::ShowOrMuck { player } => {
                let state = hand.state();
                let shows = state.default_show(player);
                Action::ShowOrMuck {
                    player,
                    cards: shows.then(|| state.hole_cards(player).iter().map(|h| h.card).collect()),
                }
            }
            _ => return Ok(()),
        };
        hand.apply(action)?;
    }
}

impl Hand {
    /// Applies one action written in PHH notation, e.g. `"p2 cbr 300"`, `"d db AhKh3c"`.
    ///
    /// ```
    /// use ggp_core::{Chips, rules::{variant, Hand, HandConfig}};
    /// let config = HandConfig::new(variant("NT")?, vec![Chips::from(100); 2])
    ///     .with_blinds(&[Chips::from(1), Chips::from(2)])
    ///     .with_min_bet(Chips::from(2));
    /// let mut hand = Hand::new(config)?;
    /// hand.apply_phh("d dh p1 AsKs")?;
    /// hand.apply_phh("d dh p2 7h7d")?;
    /// hand.apply_phh("p2 cbr 6")?;
    /// assert_eq!(hand.state().total_pot(), Chips::from(8));
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn apply_phh(&mut self, notation: &str) -> Result<()> {
        let action = crate::phh::PhhAction::parse(notation)?;
        if let Some(engine) = PhhHand::engine_action(self, &action.kind)? {
            self.apply(engine)?;
        }
        Ok(())
    }

    /// Replays a PHH hand history given as text (see [`PhhHand::replay`]).
    pub fn from_phh(text: &str) -> Result<Hand> {
        text.parse::<PhhHand>()?.replay()
    }
}

impl PhhHand {
    /// The hand history of a hand played in the engine: its configuration and actions.
    /// A bomb pot's skipped first betting round has no PHH field and is refused.
    pub fn from_hand(hand: &Hand) -> Result<PhhHand> {
        let config = hand.config();
        if config.bomb_pot {
            return Err(Error::InvalidConfig {
                rule: "PHH-expressible hand",
                detail: "PHH has no field for a bomb pot's skipped first betting round".to_owned(),
            });
        }
        let variant = crate::phh::PhhVariant::from_code(&config.variant.code).ok_or_else(|| {
            Error::UnknownName {
                what: "PHH variant code",
                name: config.variant.code.clone(),
                expected: "a variant of the engine's registry",
            }
        })?;
        let mut phh = PhhHand::new(variant);
        phh.ante_trimming_status = Some(config.ante_trimming);
        phh.antes = config.antes.clone();
        phh.starting_stacks = config
            .starting_stacks
            .iter()
            .map(|&s| PhhStack::Chips(s))
            .collect();
        if config.variant.uses_bring_in() {
            phh.bring_in = Some(config.bring_in);
        } else {
            phh.blinds_or_straddles = Some(config.blinds_or_straddles.clone());
        }
        if config.variant.betting == BettingStructure::FixedLimit {
            phh.small_bet = Some(config.small_bet);
            phh.big_bet = Some(config.big_bet);
        } else {
            phh.min_bet = Some(config.small_bet);
        }
        phh.actions = hand
            .actions()
            .iter()
            .map(|action| crate::phh::PhhAction::parse(&action.to_string()))
            .collect::<Result<_>>()?;
        Ok(phh)
    }
}
