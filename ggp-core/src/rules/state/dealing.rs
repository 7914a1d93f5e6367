//! Dealing: burns, hole and board cards, draws and discards.

use super::*;

impl HandState {
    pub(super) fn cards_held(&self) -> usize {
        self.hole.iter().map(Vec::len).sum::<usize>()
            + self.board.iter().map(Vec::len).sum::<usize>()
    }

    pub(super) fn begin_dealing(&mut self) {
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

    pub(super) fn update_dealing(&mut self) {
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
    pub(super) fn check_new_cards(&mut self, cards: impl IntoIterator<Item = Card>) -> Result<()> {
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

    pub(super) fn deal_hole(&mut self, player: usize, cards: &[MaybeCard]) -> Result<()> {
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

    pub(super) fn deal_board(&mut self, cards: &[Card]) -> Result<()> {
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
    pub(super) fn take_from_hole(
        &mut self,
        player: usize,
        cards: &[MaybeCard],
    ) -> Result<Vec<bool>> {
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

    pub(super) fn draw(&mut self, player: usize, discards: &[MaybeCard]) -> Result<()> {
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

    pub(super) fn discard(&mut self, player: usize, cards: &[MaybeCard]) -> Result<()> {
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
}
