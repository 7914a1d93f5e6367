//! Who opens a stud street: the bring-in by the lowest (or, in razz, highest) up card,
//! later streets by the best hand showing.
//!
//! Showing hands are ranked as pokerkit ranks them: pairs, two pair, trips and quads
//! count; straights and flushes do not; ties go to the first player in seat order, and
//! single cards of the same rank are told apart by suit (clubs lowest, spades highest).

use crate::card::{Card, Rank};
use crate::rules::variant::Opening;

/// The rank's place when aces play low (razz): Ace lowest, King highest.
fn ace_low(rank: Rank) -> u8 {
    if rank == Rank::Ace {
        0
    } else {
        rank.index() + 1
    }
}

fn ace_high(rank: Rank) -> u8 {
    rank.index()
}

/// A showing hand's rank: its shape (high card, pair, two pair, trips, quads) and then
/// its ranks, grouped (pairs before kickers) and highest first.
fn showing_key(cards: &[Card], order: fn(Rank) -> u8) -> (u8, Vec<u8>) {
    let mut counts: Vec<(usize, u8)> = Vec::new();
    for card in cards {
        let value = order(card.rank());
        match counts.iter_mut().find(|(_, v)| *v == value) {
            Some(entry) => entry.0 += 1,
            None => counts.push((1, value)),
        }
    }
    counts.sort_by(|a, b| b.cmp(a));
    let shape: Vec<usize> = counts.iter().map(|c| c.0).collect();
    let label = match shape.as_slice() {
        [4, ..] => 4,
        [3, ..] => 3,
        [2, 2, ..] => 2,
        [2, ..] => 1,
        _ => 0,
    };
    (label, counts.iter().map(|c| c.1).collect())
}

/// The opener among players' up cards (`None` for players out of the hand).
///
/// As in pokerkit, a player whose showing cards cannot be ranked (none, or more than
/// four after an all-in showdown turned every card up) has no rank; when nobody has one,
/// the first such player opens.
pub(crate) fn opener(opening: Opening, up: &[Option<Vec<Card>>]) -> Option<usize> {
    let keys: Vec<Option<(u8, Vec<u8>)>> = up
        .iter()
        .map(|cards| {
            let cards = cards.as_deref().filter(|c| !c.is_empty())?;
            match opening {
                Opening::Position => None,
                Opening::LowCard => cards
                    .iter()
                    .map(|c| (ace_high(c.rank()), c.suit()))
                    .min()
                    .map(|(r, s)| (r, vec![s.index()])),
                Opening::HighCard => cards
                    .iter()
                    .map(|c| (ace_low(c.rank()), c.suit()))
                    .max()
                    .map(|(r, s)| (r, vec![s.index()])),
                Opening::LowHand if cards.len() <= 4 => Some(showing_key(cards, ace_low)),
                Opening::HighHand if cards.len() <= 4 => Some(showing_key(cards, ace_high)),
                Opening::LowHand | Opening::HighHand => None,
            }
        })
        .collect();
    if opening == Opening::Position {
        return None;
    }
    let lowest_wins = matches!(opening, Opening::LowCard | Opening::LowHand);
    let mut best: Option<(usize, &(u8, Vec<u8>))> = None;
    for (player, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        let better = match best {
            None => true,
            Some((_, current)) => {
                if lowest_wins {
                    key < current
                } else {
                    key > current
                }
            }
        };
        if better {
            best = Some((player, key));
        }
    }
    best.map(|(player, _)| player)
        .or_else(|| keys.iter().position(Option::is_none))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::parse_cards;

    fn up(hands: &[&str]) -> Vec<Option<Vec<Card>>> {
        hands
            .iter()
            .map(|h| {
                if h.is_empty() {
                    None
                } else {
                    Some(parse_cards(h).unwrap())
                }
            })
            .collect()
    }

    #[test]
    fn stud_bring_in_is_the_lowest_card_clubs_lowest() {
        assert_eq!(
            opener(Opening::LowCard, &up(&["5h", "2d", "2c", "As"])),
            Some(2)
        );
        assert_eq!(opener(Opening::LowCard, &up(&["Ah", "Kd", "Ac"])), Some(1));
    }

    #[test]
    fn razz_bring_in_is_the_highest_card_aces_low() {
        assert_eq!(
            opener(Opening::HighCard, &up(&["Ah", "Kd", "Kc", "Qs"])),
            Some(1)
        );
        assert_eq!(opener(Opening::HighCard, &up(&["Ah", "2d"])), Some(1));
    }

    #[test]
    fn best_showing_hand_opens_later_streets() {
        // A pair of fives beats ace-king showing in stud.
        assert_eq!(
            opener(Opening::HighHand, &up(&["As Kd", "5h 5c", "Qs Qd"])),
            Some(2)
        );
        // Ties go to the first player in seat order.
        assert_eq!(
            opener(Opening::HighHand, &up(&["", "As Kd", "Ah Kc"])),
            Some(1)
        );
        // In razz the lowest hand showing opens: 7-4 beats 7-5, a pair is worst.
        assert_eq!(
            opener(Opening::LowHand, &up(&["7s 5d", "7h 4c", "2s 2d"])),
            Some(1)
        );
        assert_eq!(opener(Opening::LowHand, &up(&["Ks Qd", "As 2d"])), Some(1));
    }
}
