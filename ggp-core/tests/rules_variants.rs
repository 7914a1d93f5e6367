//! Special rules of particular variants, hand-checked.

use ggp_core::rules::{Action, Hand, HandConfig, variant};
use ggp_core::{Card, Chips, parse_cards};

fn cards(text: &str) -> Vec<Option<Card>> {
    parse_cards(text)
        .expect("valid cards")
        .into_iter()
        .map(Some)
        .collect()
}

/// Plays an Omaha hi-lo hand to showdown with every player checking or calling.
fn omaha_hi_lo(holes: &[&str], board: &str) -> Hand {
    let config = HandConfig::new(
        variant("PO/8").expect("legal in this scripted hand"),
        vec![Chips::from(100); holes.len()],
    )
    .with_blinds(&[Chips::from(1), Chips::from(2)])
    .with_min_bet(Chips::from(2));
    let mut hand = Hand::new(config).expect("legal in this scripted hand");
    for (player, hole) in holes.iter().enumerate() {
        hand.apply(Action::DealHole {
            player,
            cards: cards(hole),
        })
        .expect("legal in this scripted hand");
    }
    let board = parse_cards(board).expect("legal in this scripted hand");
    let mut dealt = 0;
    loop {
        match hand.state().pending() {
            ggp_core::rules::Pending::Bet { player } => hand
                .apply(Action::CheckOrCall { player })
                .expect("legal in this scripted hand"),
            ggp_core::rules::Pending::DealBoard { count } => {
                hand.apply(Action::DealBoard {
                    cards: board[dealt..dealt + count].to_vec(),
                })
                .expect("legal in this scripted hand");
                dealt += count;
                continue;
            }
            ggp_core::rules::Pending::ShowOrMuck { player } => {
                let hole = hand
                    .state()
                    .hole_cards(player)
                    .iter()
                    .map(|h| h.card)
                    .collect();
                hand.apply(Action::ShowOrMuck {
                    player,
                    cards: Some(hole),
                })
                .expect("legal in this scripted hand")
            }
            _ => break,
        };
    }
    hand
}

#[test]
fn a_hi_lo_pot_with_no_qualifying_low_goes_to_the_high_hand() {
    // No low is possible: the board has three cards above eight.
    let hand = omaha_hi_lo(&["AsAhKdQc", "2c3d9h9s"], "KsQdJh8c8h");
    assert!(hand.state().is_complete());
    assert_eq!(hand.state().payoffs(), &[Chips::from(2), Chips::from(-2)]);
}

#[test]
fn a_hi_lo_pot_splits_between_the_high_and_the_low() {
    // Player 1 has aces (high); player 2 makes an eight-low with 2-3 and 4-7-8.
    let hand = omaha_hi_lo(&["AsAhKdQc", "2c3d9h9s"], "4s7d8hKcQs");
    assert_eq!(hand.state().payoffs(), &[Chips::ZERO, Chips::ZERO]);
}

#[test]
fn stud_bring_in_goes_to_the_lowest_up_card_clubs_first() {
    let config = HandConfig::new(variant("F7S").unwrap(), vec![Chips::from(100); 3])
        .with_bring_in(Chips::from(1))
        .with_limits(Chips::from(2), Chips::from(4));
    let mut hand = Hand::new(config).unwrap();
    // Third street: two down, one up; the up cards are 2d, 2c, 5h.
    for (player, dealt) in ["AsKs2d", "QdJd2c", "Tc9c5h"].iter().enumerate() {
        hand.apply(Action::DealHole {
            player,
            cards: cards(dealt),
        })
        .unwrap();
    }
    assert_eq!(hand.state().actor(), Some(1));
    assert!(hand.state().betting_options().unwrap().bring_in.is_some());
}
