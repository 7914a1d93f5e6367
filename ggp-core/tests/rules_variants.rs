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

/// Shows the hole cards of every player the showdown waits for.
fn show_all(hand: &mut Hand) {
    while let ggp_core::rules::Pending::ShowOrMuck { player } = hand.state().pending() {
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
        .expect("showing the cards dealt is legal");
    }
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
            ggp_core::rules::Pending::Bet { player } => {
                hand.apply(Action::CheckOrCall { player })
                    .expect("legal in this scripted hand");
            }
            ggp_core::rules::Pending::DealBoard { count } => {
                hand.apply(Action::DealBoard {
                    cards: board[dealt..dealt + count].to_vec(),
                })
                .expect("legal in this scripted hand");
                dealt += count;
                continue;
            }
            ggp_core::rules::Pending::ShowOrMuck { .. } => show_all(&mut hand),
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

fn holdem(players: usize) -> HandConfig {
    HandConfig::new(
        variant("NT").expect("built in"),
        vec![Chips::from(100); players],
    )
    .with_blinds(&[Chips::from(1), Chips::from(2)])
    .with_min_bet(Chips::from(2))
}

fn deal_all(hand: &mut Hand, players: usize) {
    let deck = parse_cards("AsKsQsJsTs9s8s7s6s5s4s3s2sAhKhQhJhTh").expect("cards");
    for player in 0..players {
        let hole = vec![Some(deck[2 * player]), Some(deck[2 * player + 1])];
        hand.apply(Action::DealHole {
            player,
            cards: hole,
        })
        .expect("deal");
    }
}

#[test]
fn straddles_move_the_start_of_the_action() {
    use ggp_core::rules::Straddle;
    let cases = [
        (Straddle::Utg, 3),                       // after the UTG straddler (player 2)
        (Straddle::Button, 0), // the button (player 5) straddles: the small blind starts
        (Straddle::Mississippi { player: 4 }, 5), // after the straddler
        (Straddle::Sleeper { player: 4 }, 2), // a sleeper does not move it: UTG starts
    ];
    for (straddle, first) in cases {
        let mut hand = Hand::new(holdem(6).with_straddle(straddle, Chips::from(4))).expect("hand");
        deal_all(&mut hand, 6);
        assert_eq!(hand.state().actor(), Some(first), "{straddle:?}");
        // Whoever acts first must call the straddle.
        assert_eq!(
            hand.state().call_amount(),
            Some(Chips::from(4) - hand.state().bets()[first]),
            "{straddle:?}"
        );
    }
}

#[test]
fn a_bomb_pot_skips_the_betting_before_the_flop() {
    let config = holdem(4).with_bomb_pot(Chips::from(5), 2);
    let mut hand = Hand::new(config).expect("hand");
    deal_all(&mut hand, 4);
    assert!(matches!(
        hand.state().pending(),
        ggp_core::rules::Pending::DealBoard { count: 3 }
    ));
    hand.apply(Action::DealBoard {
        cards: parse_cards("2h3h4h").expect("cards"),
    })
    .expect("first board");
    hand.apply(Action::DealBoard {
        cards: parse_cards("2d3d4d").expect("cards"),
    })
    .expect("second board");
    assert_eq!(hand.state().total_pot(), Chips::from(20));
    assert_eq!(hand.state().actor(), Some(0));
    assert_eq!(hand.state().board_count(), 2);
}

#[test]
fn the_dealer_can_kill_a_hand_out_of_turn() {
    let mut hand = Hand::new(holdem(3)).expect("hand");
    deal_all(&mut hand, 3);
    // Three-handed, the button (player 2) acts first; the small blind's hand is killed.
    assert_eq!(hand.state().actor(), Some(2));
    hand.apply(Action::KillHand { player: 0 })
        .expect("kill out of turn");
    assert!(!hand.state().active()[0]);
    assert_eq!(hand.state().actor(), Some(2));
    // Killing the button's hand too ends it: the big blind wins the small blind.
    hand.apply(Action::KillHand { player: 2 })
        .expect("kill in turn");
    assert!(hand.state().is_complete());
    assert_eq!(
        hand.state().payoffs(),
        &[Chips::from(-1), Chips::from(1), Chips::ZERO]
    );
}

#[test]
fn all_in_players_can_run_it_twice_in_a_cash_game() {
    use ggp_core::rules::{Mode, Pending};
    let mut hand = Hand::new(holdem(2).with_mode(Mode::CashGame)).expect("hand");
    deal_all(&mut hand, 2);
    hand.apply(Action::BetOrRaiseTo {
        player: 1,
        amount: Chips::from(100),
    })
    .expect("shove");
    hand.apply(Action::CheckOrCall { player: 0 }).expect("call");
    for player in [0, 1] {
        assert_eq!(
            hand.state().pending(),
            Pending::SelectRunoutCount { player }
        );
        hand.apply(Action::SelectRunoutCount { player, count: 2 })
            .expect("run twice");
    }
    // Both show, then two boards of five come.
    show_all(&mut hand);
    for board in ["2h3h4h", "5h", "6h", "2d3d4d", "5d", "9c"] {
        hand.apply(Action::DealBoard {
            cards: parse_cards(board).expect("cards"),
        })
        .expect("board");
    }
    let state = hand.state();
    assert!(state.is_complete(), "{:?}", state.pending());
    assert_eq!(state.board_count(), 2);
    // Half the pot on each board. The hearts board plays a straight flush for both: a
    // split. On the second, only player 0's ace makes the wheel: player 0 wins that half.
    assert_eq!(state.payoffs(), &[Chips::from(50), Chips::from(-50)]);
}

fn limp_around(hand: &mut Hand) {
    while let Some(options) = hand.state().betting_options() {
        let player = options.player;
        hand.apply(Action::CheckOrCall { player })
            .expect("check or call");
    }
}

#[test]
fn pineapple_discards_before_the_flop_and_crazy_pineapple_after_its_betting() {
    use ggp_core::rules::Pending;
    for (code, flop_first) in [("NP", false), ("NCP", true)] {
        let config = HandConfig::new(variant(code).expect("built in"), vec![Chips::from(100); 2])
            .with_blinds(&[Chips::from(1), Chips::from(2)])
            .with_min_bet(Chips::from(2));
        let mut hand = Hand::new(config).expect("hand");
        hand.apply(Action::DealHole {
            player: 0,
            cards: cards("AsKsQs"),
        })
        .expect("deal");
        hand.apply(Action::DealHole {
            player: 1,
            cards: cards("2h3h4h"),
        })
        .expect("deal");
        limp_around(&mut hand);
        if flop_first {
            assert_eq!(
                hand.state().pending(),
                Pending::DealBoard { count: 3 },
                "{code}"
            );
            hand.apply(Action::DealBoard {
                cards: parse_cards("7c8c9c").expect("cards"),
            })
            .expect("flop");
            limp_around(&mut hand);
        }
        assert_eq!(
            hand.state().pending(),
            Pending::Discard {
                player: 0,
                count: 1
            },
            "{code}"
        );
        // Discarding out of turn or a card not held is refused.
        assert!(
            hand.apply(Action::Discard {
                player: 1,
                cards: cards("2h")
            })
            .is_err()
        );
        assert!(
            hand.apply(Action::Discard {
                player: 0,
                cards: cards("2h")
            })
            .is_err()
        );
        hand.apply(Action::Discard {
            player: 0,
            cards: cards("Qs"),
        })
        .expect("discard");
        hand.apply(Action::Discard {
            player: 1,
            cards: cards("4h"),
        })
        .expect("discard");
        assert_eq!(hand.state().hole_cards(0).len(), 2, "{code}");
    }
}

#[test]
fn courchevel_shows_the_first_flop_card_before_the_first_betting_round() {
    use ggp_core::rules::Pending;
    let config = HandConfig::new(
        variant("courchevel").expect("built in"),
        vec![Chips::from(100); 2],
    )
    .with_blinds(&[Chips::from(1), Chips::from(2)])
    .with_min_bet(Chips::from(2));
    let mut hand = Hand::new(config).expect("hand");
    hand.apply(Action::DealHole {
        player: 0,
        cards: cards("AsKsQsJsTs"),
    })
    .expect("deal");
    hand.apply(Action::DealHole {
        player: 1,
        cards: cards("2h3h4h5h6h"),
    })
    .expect("deal");
    assert_eq!(hand.state().pending(), Pending::DealBoard { count: 1 });
    hand.apply(Action::DealBoard {
        cards: parse_cards("9d").expect("card"),
    })
    .expect("first card");
    assert!(matches!(hand.state().pending(), Pending::Bet { .. }));
    limp_around(&mut hand);
    assert_eq!(hand.state().pending(), Pending::DealBoard { count: 2 });
}

#[test]
fn triple_draw_has_three_draws_and_fixed_limit_caps() {
    use ggp_core::rules::Pending;
    let config = HandConfig::new(
        variant("27td").expect("built in"),
        vec![Chips::from(200); 2],
    )
    .with_blinds(&[Chips::from(1), Chips::from(2)])
    .with_limits(Chips::from(2), Chips::from(4));
    let mut hand = Hand::new(config).expect("hand");
    hand.apply(Action::DealHole {
        player: 0,
        cards: cards("2s3s4s5dKh"),
    })
    .expect("deal");
    hand.apply(Action::DealHole {
        player: 1,
        cards: cards("7c6c5c4h9d"),
    })
    .expect("deal");
    // Fixed limit: one size of raise, then the cap.
    let mut raises = 0;
    while let Some(options) = hand.state().betting_options() {
        match options.bet_or_raise {
            Some((to, max)) => {
                assert_eq!(to, max, "fixed limit: one size");
                hand.apply(Action::BetOrRaiseTo {
                    player: options.player,
                    amount: to,
                })
                .expect("raise");
                raises += 1;
            }
            None => {
                hand.apply(Action::CheckOrCall {
                    player: options.player,
                })
                .expect("call");
            }
        }
    }
    // Four completions, bets or raises a street; the blind does not count (as pokerkit).
    assert_eq!(raises, 4);
    let replacements = ["Qc", "Jc", "Tc"];
    for (draw, replacement) in replacements.iter().enumerate() {
        assert_eq!(
            hand.state().pending(),
            Pending::Draw { player: 0 },
            "draw {}",
            draw + 1
        );
        let discard = hand.state().hole_cards(0)[4].card;
        hand.apply(Action::Draw {
            player: 0,
            discards: vec![discard],
        })
        .expect("draw");
        hand.apply(Action::Draw {
            player: 1,
            discards: vec![],
        })
        .expect("stand pat");
        hand.apply(Action::DealHole {
            player: 0,
            cards: cards(replacement),
        })
        .expect("replacement");
        limp_around(&mut hand);
    }
    assert!(matches!(hand.state().pending(), Pending::ShowOrMuck { .. }));
}

#[test]
fn mixed_games_rotate_through_their_variants() {
    let horse: Vec<String> = ggp_core::rules::rotation("HORSE")
        .expect("HORSE")
        .iter()
        .map(|v| v.code.clone())
        .collect();
    assert_eq!(horse, ["FT", "FO/8", "FR", "F7S", "F7S/8"]);
    let eight = ggp_core::rules::rotation("8-Game").expect("8-Game");
    assert_eq!(eight.len(), 8);
    assert!(ggp_core::rules::rotation("9-Game").is_err());
}

#[test]
fn in_a_cap_game_no_one_risks_more_than_the_cap() {
    let config = holdem(2).with_cap(Chips::from(30));
    let mut hand = Hand::new(config).expect("hand");
    deal_all(&mut hand, 2);
    let options = hand.state().betting_options().expect("player 1 acts");
    assert_eq!(
        options.bet_or_raise.map(|(_, max)| max),
        Some(Chips::from(30))
    );
    hand.apply(Action::BetOrRaiseTo {
        player: 1,
        amount: Chips::from(30),
    })
    .expect("raise to the cap");
    hand.apply(Action::CheckOrCall { player: 0 }).expect("call");
    show_all(&mut hand);
    for board in ["2h3h4d", "8c", "9c"] {
        hand.apply(Action::DealBoard {
            cards: parse_cards(board).expect("cards"),
        })
        .expect("board");
    }
    // As Ks beats Qs Js on this board; only the cap changed hands.
    let state = hand.state();
    assert!(state.is_complete());
    assert_eq!(state.payoffs(), &[Chips::from(30), Chips::from(-30)]);
    assert_eq!(state.stacks(), &[Chips::from(130), Chips::from(70)]);
}

#[test]
fn the_odd_chip_can_go_to_the_highest_card() {
    use ggp_core::rules::OddChipRule;
    // The small blind folds to a call, so the pot is 1 + 2 + 2 = 5; the board's broadway
    // plays for both players left: 2 each and one odd chip.
    let play = |rule: OddChipRule| {
        let mut config =
            HandConfig::new(variant("NT").expect("built in"), vec![Chips::from(100); 3])
                .with_blinds(&[Chips::from(1), Chips::from(2)])
                .with_min_bet(Chips::from(2));
        config.odd_chips = rule;
        let mut hand = Hand::new(config).expect("hand");
        for (player, hole) in ["2c3d", "2s3s", "4h5h"].iter().enumerate() {
            hand.apply(Action::DealHole {
                player,
                cards: cards(hole),
            })
            .expect("deal");
        }
        hand.apply(Action::CheckOrCall { player: 2 })
            .expect("the button calls");
        hand.apply(Action::Fold { player: 0 })
            .expect("the small blind folds");
        limp_around(&mut hand);
        for board in ["AhKdQc", "Jd", "Ts"] {
            hand.apply(Action::DealBoard {
                cards: parse_cards(board).expect("cards"),
            })
            .expect("board");
            limp_around(&mut hand);
        }
        show_all(&mut hand);
        hand.state().payoffs().to_vec()
    };
    // First left of the button: the big blind (player 1) gets it.
    assert_eq!(
        play(OddChipRule::FirstLeftOfButton),
        [Chips::from(-1), Chips::from(1), Chips::ZERO]
    );
    // Highest card: player 2's 5h beats player 1's 3s.
    assert_eq!(
        play(OddChipRule::HighestCard),
        [Chips::from(-1), Chips::ZERO, Chips::from(1)]
    );
}

#[test]
fn a_seeded_deck_deals_the_same_hand_every_time() {
    use ggp_core::{Deck, DeckKind};
    let deal = || {
        let mut hand = Hand::new(holdem(6)).expect("hand");
        let mut deck = Deck::shuffled(DeckKind::Standard, 2026);
        while hand.deal_next(&mut deck).expect("deal").is_some() {}
        hand.actions()
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
    };
    let first = deal();
    assert_eq!(first.len(), 6, "each player's two hole cards in one deal");
    assert_eq!(first, deal());
}
