//! Outs in stud and draw games, where each player gets cards of their own.
//!
//! "Which player does this card put ahead" has no single answer without a board: the
//! next card goes to one player, not to all. Outs are therefore counted per player, as a
//! broadcast shows them beside one player at a time: for each unseen card, the race if
//! that card were dealt to *that* player next (their known cards plus it, every other
//! seat as it stands, every card still to come dealt as in [`StudDrawRequest::exact`]).
//! The card is an out for the player when it makes them the leader, alone, and they are
//! not alone ahead now. The leader is the seat with the greatest equity over the rest of
//! the deal, so a card that completes a hand (the seventh in stud, the one card of a
//! one-card draw) makes the player the leader exactly when the completed hand beats what
//! the others can still make.
//!
//! Draw games follow the same model: outs are the cards that, drawn next, make the
//! drawing hand the favourite against the others (for a one-card draw against pat hands:
//! the cards that make it beat every pat hand). A seat with nothing left to receive (a
//! pat hand, a complete stud hand) has no outs.
//!
//! Each race is exact when it has at most [`OUTS_EXACT_DEALS`] deals, otherwise
//! [`OUTS_SAMPLES`] seeded Monte Carlo samples (the same answer on any thread count).

use crate::card::Card;
use crate::error::Result;

use super::{CardOutcome, EquityResult, StudDrawRequest};

/// Races with at most this many deals are enumerated for outs.
pub const OUTS_EXACT_DEALS: u64 = 200_000;

/// Monte Carlo samples for a larger race.
pub const OUTS_SAMPLES: u64 = 20_480;

/// One seat's outs in a stud or draw game.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeatOuts {
    /// The cards that, dealt to this seat next, put it alone ahead when it is not now.
    pub outs: Vec<Card>,
    /// Each unseen card dealt to this seat next, with every seat's equity after it (empty
    /// when the seat receives no more cards).
    pub cards: Vec<CardOutcome>,
}

/// Outs for every seat of a stud or draw game (see the module documentation).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StudDrawOuts {
    /// The race now: each seat's chance to win by the end, ties and equity.
    pub now: EquityResult,
    /// The seats ahead now (greatest equity).
    pub leaders: Vec<usize>,
    /// Each seat's outs, in seat order.
    pub players: Vec<SeatOuts>,
}

impl StudDrawRequest {
    /// Per-seat outs for the next card (see the module documentation for the model);
    /// `seed` seeds the races too large to enumerate.
    ///
    /// ```
    /// use ggp_core::{CardSet, equity::{SeatCards, StudDrawGame, StudDrawRequest}};
    /// // 2-7 single draw: a pat nine against a one-card draw to 8-6-4-2.
    /// let seats = [
    ///     SeatCards::new(CardSet::parse("9c 7d 5h 4s 2c")?, 0),
    ///     SeatCards::new(CardSet::parse("8d 6h 4c 2d")?, 1),
    /// ];
    /// let outs = StudDrawRequest::new(StudDrawGame::deuce_to_seven_draw(), &seats).outs(1, 1)?;
    /// assert!(outs.players[0].outs.is_empty()); // pat: nothing to receive
    /// assert_eq!(outs.players[1].outs.len(), 10); // a three, five or seven left
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`StudDrawRequest::validate`].
    pub fn outs(&self, seed: u64, threads: usize) -> Result<StudDrawOuts> {
        self.validate()?;
        let now = self.race(seed, threads)?;
        let leaders_now = leaders(&now);
        let unseen: Vec<Card> = self.unseen().iter().collect();
        let mut players = Vec::with_capacity(self.players.len());
        for seat in 0..self.players.len() {
            let mut seat_outs = SeatOuts {
                outs: Vec::new(),
                cards: Vec::new(),
            };
            if self.players[seat].unknown > 0 {
                for &card in &unseen {
                    let mut next = self.clone();
                    next.players[seat].known.insert(card);
                    next.players[seat].unknown -= 1;
                    let race = next.race(seed, threads)?;
                    let leaders = leaders(&race);
                    if leaders == [seat] && leaders_now != [seat] {
                        seat_outs.outs.push(card);
                    }
                    seat_outs.cards.push(CardOutcome {
                        card,
                        equities: race.players.iter().map(|p| p.equity).collect(),
                        leaders,
                    });
                }
            }
            players.push(seat_outs);
        }
        Ok(StudDrawOuts {
            now,
            leaders: leaders_now,
            players,
        })
    }

    /// The race as it stands: exact when small enough.
    fn race(&self, seed: u64, threads: usize) -> Result<EquityResult> {
        if self.deal_count() <= OUTS_EXACT_DEALS {
            self.exact(threads)
        } else {
            self.monte_carlo(OUTS_SAMPLES, seed, threads)
        }
    }
}

/// The seats with the greatest equity.
fn leaders(result: &EquityResult) -> Vec<usize> {
    let best = result
        .players
        .iter()
        .map(|p| p.equity)
        .fold(f64::NEG_INFINITY, f64::max);
    (0..result.players.len())
        .filter(|&i| result.players[i].equity == best)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card_set::CardSet;
    use crate::equity::{SeatCards, StudDrawGame};
    use crate::eval::{HandType, evaluate};

    fn set(text: &str) -> CardSet {
        CardSet::parse(text).unwrap()
    }

    /// An independent count of one seat's equity with `card` dealt to it: every way the
    /// rest can be dealt, each hand ranked by the checked evaluator (a single hand type).
    fn brute_equities(request: &StudDrawRequest) -> Vec<f64> {
        let players = request.players.len();
        let unseen: Vec<Card> = request.unseen().iter().collect();
        let hand_type = request.game.hand_types[0];
        let mut shares = vec![0.0; players];
        let mut deals = 0u64;
        let mut hands: Vec<Vec<Card>> = request
            .players
            .iter()
            .map(|s| s.known.iter().collect())
            .collect();
        fn deal(
            request: &StudDrawRequest,
            seat: usize,
            start_cards: &[Card],
            hands: &mut Vec<Vec<Card>>,
            visit: &mut dyn FnMut(&[Vec<Card>]),
        ) {
            if seat == request.players.len() {
                visit(hands);
                return;
            }
            let want = request.players[seat].unknown;
            let before = hands[seat].len();
            let free: Vec<Card> = start_cards
                .iter()
                .copied()
                .filter(|c| !hands.iter().flatten().any(|h| h == c))
                .collect();
            let mut pick = |chosen: &[Card], hands: &mut Vec<Vec<Card>>| {
                hands[seat].extend_from_slice(chosen);
                deal(request, seat + 1, start_cards, hands, visit);
                hands[seat].truncate(before);
            };
            match want {
                0 => pick(&[], hands),
                1 => {
                    for &a in &free {
                        pick(&[a], hands);
                    }
                }
                _ => {
                    for (i, &a) in free.iter().enumerate() {
                        for &b in &free[i + 1..] {
                            pick(&[a, b], hands);
                        }
                    }
                }
            }
        }
        deal(request, 0, &unseen, &mut hands, &mut |hands| {
            deals += 1;
            let ranked: Vec<_> = hands
                .iter()
                .map(|h| evaluate(hand_type, h, &[]).unwrap().unwrap().strength)
                .collect();
            let best = ranked.iter().max().unwrap();
            let winners = ranked.iter().filter(|r| *r == best).count();
            for (share, r) in shares.iter_mut().zip(&ranked) {
                if r == best {
                    *share += 1.0 / winners as f64;
                }
            }
        });
        shares.iter().map(|s| s / deals as f64).collect()
    }

    fn brute_leaders(equities: &[f64]) -> Vec<usize> {
        let best = equities.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (0..equities.len())
            .filter(|&i| (equities[i] - best).abs() < 1e-12)
            .collect()
    }

    fn assert_matches_brute_force(request: &StudDrawRequest) {
        let outs = request.outs(3, 1).unwrap();
        let leaders_now = brute_leaders(&brute_equities(request));
        assert_eq!(outs.leaders, leaders_now);
        for (seat, seat_outs) in outs.players.iter().enumerate() {
            let mut expected_outs = Vec::new();
            let mut outcomes = 0;
            if request.players[seat].unknown > 0 {
                for card in request.unseen().iter() {
                    let mut next = request.clone();
                    next.players[seat].known.insert(card);
                    next.players[seat].unknown -= 1;
                    let equities = brute_equities(&next);
                    let leaders = brute_leaders(&equities);
                    let outcome = &seat_outs.cards[outcomes];
                    outcomes += 1;
                    assert_eq!(outcome.card, card);
                    assert_eq!(outcome.leaders, leaders, "seat {seat}, {card}");
                    for (ours, theirs) in outcome.equities.iter().zip(&equities) {
                        assert!((ours - theirs).abs() < 1e-9, "seat {seat}, {card}");
                    }
                    if leaders == [seat] && leaders_now != [seat] {
                        expected_outs.push(card);
                    }
                }
            }
            assert_eq!(seat_outs.cards.len(), outcomes);
            assert_eq!(seat_outs.outs, expected_outs, "seat {seat}");
        }
        assert_eq!(request.outs(3, 2).unwrap(), outs, "threads change nothing");
    }

    #[test]
    fn razz_seventh_street_outs_match_a_brute_force() {
        // Sixth street, down cards read: one card each to come.
        let seats = [
            SeatCards::new(set("Ah 2c 3d 4s Kd Kc"), 1),
            SeatCards::new(set("As 2d 3h 6c 7h 8d"), 1),
        ];
        let dead = set("4c 4d 4h 5c 5d 5h 9c 9d 9h 9s Tc Td Th Ts Jc Jd Jh Js");
        let request = StudDrawRequest::new(StudDrawGame::razz(), &seats).with_dead(dead);
        assert_matches_brute_force(&request);
        let outs = request.outs(3, 1).unwrap();
        // The made seven-low leads; the 5s, a six or a seven puts the four-card low ahead
        // (an eight does not).
        assert_eq!(outs.leaders, [1]);
        assert_eq!(
            outs.players[0].outs,
            set("5s 6d 6h 6s 7c 7d 7s").iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn stud_high_outs_with_a_hidden_down_card_match_a_brute_force() {
        let seats = [
            SeatCards::new(set("Ah Ad Kc 7s 2h"), 2),
            SeatCards::new(set("Qs Js Ts 9s 3c 4d"), 1),
        ];
        // Most of the deck dead, so the brute force stays small.
        let dead =
            set("2c 2d 2s 3d 3h 3s 4c 4h 4s 5c 5d 5h 5s 6c 6d 6h 6s 7c 7d 7h 8c 8d 8h 8s Jc Jd Jh");
        let request = StudDrawRequest::new(StudDrawGame::stud(), &seats).with_dead(dead);
        assert_matches_brute_force(&request);
    }

    #[test]
    fn draw_outs_are_the_cards_that_beat_the_pat_hand() {
        let pat = set("9c 7d 5h 4s 2c");
        let drawing = set("8d 6h 4c 2d");
        let seats = [SeatCards::new(pat, 0), SeatCards::new(drawing, 1)];
        let request = StudDrawRequest::new(StudDrawGame::deuce_to_seven_draw(), &seats);
        let outs = request.outs(1, 1).unwrap();
        let expected: Vec<Card> = request
            .unseen()
            .iter()
            .filter(|&card| {
                let ours = evaluate(
                    HandType::DeuceToSevenLow,
                    &drawing.with(card).iter().collect::<Vec<_>>(),
                    &[],
                )
                .unwrap()
                .unwrap();
                let theirs = evaluate(
                    HandType::DeuceToSevenLow,
                    &pat.iter().collect::<Vec<_>>(),
                    &[],
                )
                .unwrap()
                .unwrap();
                ours.strength > theirs.strength
            })
            .collect();
        assert_eq!(outs.players[1].outs, expected);
        assert_eq!(expected.len(), 10);
        assert!(outs.players[0].outs.is_empty() && outs.players[0].cards.is_empty());
        assert_matches_brute_force(&request);
        // Badugi: a three-card badugi drawing one against a pat badugi.
        let seats = [
            SeatCards::new(set("Kc Qd Jh Ts"), 0),
            SeatCards::new(set("Ac 2d 3h"), 1),
        ];
        let request = StudDrawRequest::new(StudDrawGame::badugi(), &seats);
        let outs = request.outs(1, 1).unwrap();
        // A spade that pairs nothing makes a badugi under the king-queen: 4s to 9s, Js,
        // Qs, Ks.
        assert_eq!(outs.players[1].outs.len(), 9);
        assert_matches_brute_force(&request);
    }
}
