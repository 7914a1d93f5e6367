//! Betting rounds: who acts, what each may do, and the effect of each action.

use super::*;

impl HandState {
    pub(super) fn up_cards(&self, player: usize) -> Vec<Card> {
        self.hole[player]
            .iter()
            .filter(|h| h.face_up)
            .filter_map(|h| h.card)
            .collect()
    }

    pub(super) fn begin_betting(&mut self) {
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

    pub(super) fn max_bet(&self) -> Chips {
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

    pub(super) fn update_betting(&mut self, done: bool) {
        if self.actors.is_empty() || self.active_count() <= 1 || done {
            self.end_betting();
        }
    }

    pub(super) fn end_betting(&mut self) {
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

    pub(super) fn check_actor(&self, player: usize) -> Result<()> {
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

    pub(super) fn pop_actor(&mut self) -> usize {
        let player = self.actors.pop_front().unwrap_or(0);
        self.acted[player] = true;
        player
    }

    /// Whether the player to act may fold, and why not.
    pub(super) fn verify_fold(&self, player: usize) -> Result<()> {
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

    pub(super) fn fold(&mut self, player: usize) -> Result<()> {
        self.verify_fold(player)?;
        self.pop_actor();
        self.muck(player);
        self.update_betting(false);
        Ok(())
    }

    pub(super) fn muck(&mut self, player: usize) {
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

    pub(super) fn check_or_call(&mut self, player: usize) -> Result<()> {
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

    pub(super) fn post_bring_in(&mut self, player: usize) -> Result<()> {
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
    pub(super) fn raise_forbidden(&self) -> Option<Error> {
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

    pub(super) fn bet_or_raise_to(&mut self, player: usize, amount: Chips) -> Result<()> {
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
    pub(super) fn kill_hand(&mut self, player: usize) -> Result<()> {
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
}
