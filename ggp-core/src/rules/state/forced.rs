//! Antes, blinds and straddles, and moving bets into the pot.

use super::*;

impl HandState {
    pub(super) fn effective_ante(&self, player: usize) -> Chips {
        let ante = if self.players == 2 {
            self.config.antes[1 - player]
        } else {
            self.config.antes[player]
        };
        ante.min(self.config.starting_stacks[player])
    }

    pub(super) fn effective_blind(&self, player: usize) -> Chips {
        let blind = if self.players == 2 {
            self.config.blinds_or_straddles[1 - player]
        } else {
            self.config.blinds_or_straddles[player]
        };
        let blind = if blind.is_negative() { -blind } else { blind };
        blind.min(self.config.starting_stacks[player] - self.effective_ante(player))
    }

    pub(super) fn commit(&mut self, player: usize, amount: Chips) {
        self.bets[player] += amount;
        self.stacks[player] -= amount;
        self.payoffs[player] -= amount;
    }

    pub(super) fn post_antes(&mut self) {
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

    pub(super) fn post_blinds(&mut self) {
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

    pub(super) fn active_count(&self) -> usize {
        self.active.iter().filter(|&&a| a).count()
    }

    /// Moves the bets into the pot, returning what nobody matched, then goes on to the
    /// next phase.
    pub(super) fn collect_bets(&mut self) {
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

    pub(super) fn is_last_street(&self) -> bool {
        self.street == Some(self.config.variant.streets.len() - 1)
    }

    pub(super) fn end_bet_collection(&mut self) {
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
}
