//! Pots, who can still win them, and paying them out.

use super::*;

impl HandState {
    pub(super) fn hand_of(
        &self,
        cards: &[Card],
        board: &[Card],
        hand_type: HandType,
    ) -> Option<eval::Ranked> {
        eval::evaluate(hand_type, cards, board).ok().flatten()
    }

    pub(super) fn full_hand(
        &self,
        player: usize,
        board: usize,
        hand_type: HandType,
    ) -> Option<eval::Ranked> {
        if !self.active[player] {
            return None;
        }
        let cards: Vec<Card> = self.hole[player].iter().filter_map(|h| h.card).collect();
        self.hand_of(&cards, &self.board_cards(board), hand_type)
    }

    pub(super) fn up_hand(
        &self,
        player: usize,
        board: usize,
        hand_type: HandType,
    ) -> Option<eval::Ranked> {
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

    pub(super) fn compute_pots(&self) -> Vec<Pot> {
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

    pub(super) fn kill_hands(&mut self) {
        let hopeless: Vec<usize> = (0..self.players)
            .filter(|&p| self.active[p] && !self.can_win_now(p))
            .collect();
        for player in hopeless {
            self.muck(player);
            self.operations.push(Operation::HandKilled { player });
        }
        self.begin_settlement();
    }

    pub(super) fn split(&self, amount: Chips, parts: usize) -> (Chips, Chips) {
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
    pub(super) fn odd_chip_order(&self, mut winners: Vec<usize>) -> Vec<usize> {
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

    pub(super) fn begin_settlement(&mut self) {
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
}
