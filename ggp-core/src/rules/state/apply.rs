//! Applying an action to the state, all or nothing.

use super::*;

impl HandState {
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
