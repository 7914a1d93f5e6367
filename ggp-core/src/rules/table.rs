//! A table across hands: seats and players, the button, blind levels, stacks carried
//! from hand to hand, hand numbers, the dead button and missed blinds.
//!
//! Blinds move by the dead-button rule used in tournaments and most card rooms: the big
//! blind moves to the next player dealt in every hand, the small blind goes to whoever had
//! the big blind (or is dead if that player left), and the button sits behind the small
//! blind, even on an empty seat. A player who sits out while the blinds pass owes them on
//! return: the big blind live, the small blind dead.

use std::sync::Arc;

use crate::chips::Chips;
use crate::error::{Error, Result};
use crate::rules::config::HandConfig;
use crate::rules::hand::Hand;
use crate::rules::variant::Variant;

/// How antes are paid at a level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum AnteKind {
    /// No antes.
    #[default]
    None,
    /// Every player dealt in pays the ante.
    EveryPlayer,
    /// The big blind pays one ante for the table (the big-blind ante).
    BigBlind,
    /// The button pays one ante for the table.
    Button,
}

/// The forced bets of a blind level.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BlindLevel {
    /// The small blind.
    pub small_blind: Chips,
    /// The big blind.
    pub big_blind: Chips,
    /// The ante.
    pub ante: Chips,
    /// Who pays the ante.
    pub ante_kind: AnteKind,
}

/// A player in a seat.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SeatedPlayer {
    /// The name shown on screen.
    pub name: String,
    /// Chips in front of the player between hands.
    pub stack: Chips,
    /// Sitting out: not dealt in.
    pub sitting_out: bool,
    /// Owes the big blind (missed it while sitting out).
    pub owes_big_blind: bool,
    /// Owes the small blind, posted dead.
    pub owes_small_blind: bool,
}

/// The seating of one hand: which seat each player index of the hand is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Seating {
    /// The hand number.
    pub hand_number: u64,
    /// The seat of each player index (player 0 sits first to the left of the button).
    pub seats: Vec<usize>,
    /// The button's seat (possibly empty: a dead button).
    pub button_seat: usize,
    /// The small blind's seat, if a small blind is posted.
    pub small_blind_seat: Option<usize>,
    /// The big blind's seat.
    pub big_blind_seat: usize,
}

/// A table across hands.
#[derive(Debug, Clone)]
pub struct Table {
    variant: Arc<Variant>,
    seats: Vec<Option<SeatedPlayer>>,
    level: BlindLevel,
    min_bet: Option<Chips>,
    hand_number: u64,
    /// The seat that had the big blind last hand.
    last_big_blind: Option<usize>,
    in_progress: Option<Seating>,
}

impl Table {
    /// A table with `seat_count` empty seats.
    pub fn new(variant: Arc<Variant>, seat_count: usize, level: BlindLevel) -> Table {
        Table {
            variant,
            seats: vec![None; seat_count],
            level,
            min_bet: None,
            hand_number: 0,
            last_big_blind: None,
            in_progress: None,
        }
    }

    /// Seats a player.
    pub fn sit(&mut self, seat: usize, name: &str, stack: Chips) -> Result<()> {
        let slot = self.seat_mut(seat)?;
        if slot.is_some() {
            return Err(invalid("free seat", format!("seat {} is taken", seat + 1)));
        }
        *slot = Some(SeatedPlayer {
            name: name.to_owned(),
            stack,
            sitting_out: false,
            owes_big_blind: false,
            owes_small_blind: false,
        });
        Ok(())
    }

    /// Empties a seat, returning who sat there.
    pub fn leave(&mut self, seat: usize) -> Result<SeatedPlayer> {
        self.seat_mut(seat)?
            .take()
            .ok_or_else(|| invalid("occupied seat", format!("seat {} is empty", seat + 1)))
    }

    /// Marks a player as sitting out or back in.
    pub fn set_sitting_out(&mut self, seat: usize, sitting_out: bool) -> Result<()> {
        match self.seat_mut(seat)? {
            Some(player) => {
                player.sitting_out = sitting_out;
                Ok(())
            }
            None => Err(invalid(
                "occupied seat",
                format!("seat {} is empty", seat + 1),
            )),
        }
    }

    /// Moves to a new blind level from the next hand on.
    pub fn set_level(&mut self, level: BlindLevel) {
        self.level = level;
    }

    /// Plays the next hand of a mixed game in a different variant.
    pub fn set_variant(&mut self, variant: Arc<Variant>) {
        self.variant = variant;
    }

    /// Places the button before the first hand (it moves by itself afterwards).
    pub fn set_button(&mut self, seat: usize) -> Result<()> {
        self.seat_mut(seat)?;
        // The big blind goes two dealt players after the button.
        self.last_big_blind = Some(seat);
        let first = self
            .next_dealt_seat(seat)
            .ok_or_else(|| invalid("two players", "nobody to deal in".to_owned()))?;
        self.last_big_blind = Some(first);
        Ok(())
    }

    /// The seats.
    pub fn seats(&self) -> &[Option<SeatedPlayer>] {
        &self.seats
    }

    /// The number of the last hand dealt.
    pub fn hand_number(&self) -> u64 {
        self.hand_number
    }

    /// The current level.
    pub fn level(&self) -> &BlindLevel {
        &self.level
    }

    fn seat_mut(&mut self, seat: usize) -> Result<&mut Option<SeatedPlayer>> {
        let count = self.seats.len();
        self.seats
            .get_mut(seat)
            .ok_or_else(|| invalid("seat number", format!("seat {} of {count}", seat + 1)))
    }

    fn dealt_in(&self, seat: usize) -> bool {
        self.seats[seat]
            .as_ref()
            .is_some_and(|p| !p.sitting_out && p.stack.is_positive())
    }

    fn next_dealt_seat(&self, after: usize) -> Option<usize> {
        let n = self.seats.len();
        (1..=n)
            .map(|step| (after + step) % n)
            .find(|&s| self.dealt_in(s))
    }

    /// Deals the next hand: works out the button and blinds, marks missed blinds, and
    /// returns the hand with its seating (player index to seat).
    pub fn deal(&mut self) -> Result<(Hand, Seating)> {
        if self.in_progress.is_some() {
            return Err(invalid(
                "one hand at a time",
                "the last hand has not been finished".to_owned(),
            ));
        }
        let dealt: Vec<usize> = (0..self.seats.len())
            .filter(|&s| self.dealt_in(s))
            .collect();
        if dealt.len() < 2 {
            return Err(invalid(
                "two players",
                format!("{} player(s) can be dealt in", dealt.len()),
            ));
        }
        let start = self.last_big_blind.unwrap_or(dealt[dealt.len() - 1]);
        let big_blind_seat = self.next_dealt_seat(start).unwrap_or(dealt[0]);
        // The small blind is last hand's big blind if still dealt in, else dead.
        let small_blind_seat = self
            .last_big_blind
            .filter(|&s| self.dealt_in(s) && s != big_blind_seat);
        let n = self.seats.len();
        let button_seat = match small_blind_seat {
            Some(sb) => (sb + n - 1) % n,
            None => (big_blind_seat + n - 2) % n,
        };
        // Players missing blinds: seated, sitting out, and passed by the big blind.
        let passed = |seat: usize| {
            let from = self.last_big_blind.unwrap_or(big_blind_seat);
            let distance = |s: usize| (s + n - from) % n;
            distance(seat) > 0 && distance(seat) <= distance(big_blind_seat)
        };
        for seat in 0..n {
            if passed(seat) {
                if let Some(player) = self.seats[seat].as_mut().filter(|p| p.sitting_out) {
                    player.owes_big_blind = true;
                    player.owes_small_blind = true;
                }
            }
        }
        // Heads-up, the button posts the small blind and acts first before the flop;
        // PHH orders players from the seat after the button either way.
        let mut order: Vec<usize> = (1..=n)
            .map(|step| (button_seat + step) % n)
            .filter(|&s| self.dealt_in(s))
            .collect();
        if dealt.len() == 2 {
            order = vec![
                big_blind_seat,
                dealt
                    .iter()
                    .copied()
                    .find(|&s| s != big_blind_seat)
                    .unwrap_or(big_blind_seat),
            ];
        }
        let stacks: Vec<Chips> = order
            .iter()
            .map(|&s| self.seats[s].as_ref().map_or(Chips::ZERO, |p| p.stack))
            .collect();
        let mut config = HandConfig::new(self.variant.clone(), stacks);
        let bb_index = order.iter().position(|&s| s == big_blind_seat).unwrap_or(0);
        let mut blinds = vec![Chips::ZERO; order.len()];
        blinds[bb_index] = self.level.big_blind;
        if dealt.len() == 2 {
            blinds[1] = self.level.small_blind;
        } else if let Some(sb) = small_blind_seat {
            if let Some(i) = order.iter().position(|&s| s == sb) {
                blinds[i] = self.level.small_blind;
            }
        }
        // Returning players post what they owe: the big blind live. (A dead small blind
        // is not modelled as a separate post here; it is charged as an ante.)
        let mut antes = vec![Chips::ZERO; order.len()];
        for (i, &seat) in order.iter().enumerate() {
            if let Some(player) = &self.seats[seat] {
                if player.owes_big_blind && seat != big_blind_seat {
                    blinds[i] = blinds[i].max(self.level.big_blind);
                }
                if player.owes_small_blind
                    && Some(seat) != small_blind_seat
                    && seat != big_blind_seat
                {
                    antes[i] += self.level.small_blind;
                }
            }
        }
        match self.level.ante_kind {
            AnteKind::None => {}
            AnteKind::EveryPlayer => antes.iter_mut().for_each(|a| *a += self.level.ante),
            AnteKind::BigBlind => antes[bb_index] += self.level.ante,
            AnteKind::Button => {
                let button_index = order
                    .iter()
                    .position(|&s| s == button_seat)
                    .unwrap_or(order.len() - 1);
                antes[button_index] += self.level.ante;
            }
        }
        // PHH writes heads-up blinds in seat order from the big blind; the engine swaps
        // them back (see HandState::effective_blind), so give them as PHH does.
        if dealt.len() == 2 {
            blinds.swap(0, 1);
            antes.swap(0, 1);
        }
        config.blinds_or_straddles = blinds;
        config.antes = antes;
        let bet = self.min_bet.unwrap_or(self.level.big_blind);
        config = if self.variant.betting == crate::rules::BettingStructure::FixedLimit {
            config.with_limits(bet, bet.times(2))
        } else {
            config.with_min_bet(bet)
        };
        let hand = Hand::new(config)?;
        self.hand_number += 1;
        self.last_big_blind = Some(big_blind_seat);
        for &seat in &order {
            if let Some(player) = self.seats[seat].as_mut() {
                player.owes_big_blind = false;
                player.owes_small_blind = false;
            }
        }
        let seating = Seating {
            hand_number: self.hand_number,
            seats: order,
            button_seat,
            small_blind_seat,
            big_blind_seat,
        };
        self.in_progress = Some(seating.clone());
        Ok((hand, seating))
    }

    /// Carries the finished hand's stacks to the seats.
    pub fn finish(&mut self, hand: &Hand) -> Result<()> {
        let Some(seating) = self.in_progress.take() else {
            return Err(invalid(
                "a hand in progress",
                "no hand was dealt".to_owned(),
            ));
        };
        if !hand.is_voided() && !hand.state().is_complete() {
            self.in_progress = Some(seating);
            return Err(invalid(
                "a finished hand",
                "the hand is still running".to_owned(),
            ));
        }
        if hand.is_voided() {
            return Ok(());
        }
        for (index, &seat) in seating.seats.iter().enumerate() {
            if let Some(player) = self.seats[seat].as_mut() {
                player.stack = hand.state().stacks()[index];
            }
        }
        Ok(())
    }
}

fn invalid(rule: &'static str, detail: String) -> Error {
    Error::InvalidConfig { rule, detail }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Action, variant};

    fn level() -> BlindLevel {
        BlindLevel {
            small_blind: Chips::from(1),
            big_blind: Chips::from(2),
            ante: Chips::ZERO,
            ante_kind: AnteKind::None,
        }
    }

    fn table(players: usize) -> Table {
        let mut table = Table::new(variant("NT").unwrap(), 6, level());
        for seat in 0..players {
            table
                .sit(seat, &format!("P{seat}"), Chips::from(100))
                .unwrap();
        }
        table.set_button(0).unwrap();
        table
    }

    /// Plays a hand in which everyone folds to the big blind.
    fn fold_around(table: &mut Table) -> Seating {
        let (mut hand, seating) = table.deal().unwrap();
        let n = seating.seats.len();
        for player in 0..n {
            hand.apply(Action::DealHole {
                player,
                cards: vec![None, None],
            })
            .unwrap();
        }
        while let crate::rules::Pending::Bet { player } = hand.state().pending() {
            hand.apply(Action::Fold { player }).unwrap();
        }
        table.finish(&hand).unwrap();
        seating
    }

    #[test]
    fn blinds_and_button_move_one_seat_a_hand() {
        let mut table = table(4);
        let first = fold_around(&mut table);
        assert_eq!(
            (
                first.button_seat,
                first.small_blind_seat,
                first.big_blind_seat
            ),
            (0, Some(1), 2)
        );
        assert_eq!(first.seats, [1, 2, 3, 0]);
        let second = fold_around(&mut table);
        assert_eq!(
            (
                second.button_seat,
                second.small_blind_seat,
                second.big_blind_seat
            ),
            (1, Some(2), 3)
        );
        // Stacks carry over: the big blind won the small blind.
        assert_eq!(
            table.seats()[2].as_ref().unwrap().stack,
            Chips::from(101) - Chips::from(1)
        );
        assert_eq!(table.hand_number(), 2);
    }

    #[test]
    fn a_player_leaving_the_big_blind_makes_a_dead_small_blind() {
        let mut table = table(4);
        let first = fold_around(&mut table);
        assert_eq!(first.big_blind_seat, 2);
        table.leave(2).unwrap();
        let second = fold_around(&mut table);
        // The big blind moves on to seat 3; the small blind (seat 2) is dead, and the
        // button stays behind it on seat 1.
        assert_eq!(
            (
                second.button_seat,
                second.small_blind_seat,
                second.big_blind_seat
            ),
            (1, None, 3)
        );
    }

    #[test]
    fn missed_blinds_are_owed_on_return() {
        let mut table = table(4);
        fold_around(&mut table); // BB seat 2
        table.set_sitting_out(3, true).unwrap();
        fold_around(&mut table); // BB passes seat 3 while it sits out
        assert!(table.seats()[3].as_ref().unwrap().owes_big_blind);
        table.set_sitting_out(3, false).unwrap();
        let (hand, seating) = table.deal().unwrap();
        let index = seating.seats.iter().position(|&s| s == 3).unwrap();
        assert_eq!(hand.config().blinds_or_straddles[index], Chips::from(2));
        assert_eq!(hand.config().antes[index], Chips::from(1));
    }

    #[test]
    fn heads_up_the_button_posts_the_small_blind() {
        let mut table = table(2);
        let (hand, seating) = table.deal().unwrap();
        // PHH order: the big blind first; the engine's heads-up swap gives player 1 (the
        // button) the small blind.
        assert_eq!(seating.seats[0], seating.big_blind_seat);
        assert_eq!(hand.state().bets(), &[Chips::from(2), Chips::from(1)]);
    }
}
