//! The showdown: runout choices, showing and mucking, killed hands.

use super::*;

impl HandState {
    pub(super) fn begin_showdown(&mut self) {
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

    pub(super) fn update_showdown(&mut self) {
        if !self.runout_selectors.iter().any(|&s| s) && self.showdown_queue.is_empty() {
            self.end_showdown();
        }
    }

    pub(super) fn end_showdown(&mut self) {
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

    pub(super) fn select_runout_count(&mut self, player: usize, count: u8) -> Result<()> {
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

    pub(super) fn show_or_muck(
        &mut self,
        player: usize,
        cards: Option<&[MaybeCard]>,
    ) -> Result<()> {
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
}
