//! Card and action events fed into a hand: deals in the engine's order whatever the read
//! order, hole cards known late, and every conflict an error that says what and where.

use ggp_core::feed::{
    ActionEvent, CardEvent, CardLocation, CardSource, FeedError, FeedOutcome, HandFeed,
};
use ggp_core::rules::{Action, Hand, HandConfig, variant};
use ggp_core::{Card, Chips, PhhHand};

const HAND: &str = "variant = 'NT'
antes = [0, 0, 0]
blinds_or_straddles = [1, 2, 0]
min_bet = 2
starting_stacks = [200, 200, 200]
actions = ['d dh p1 AsKs', 'd dh p2 7h7d', 'd dh p3 2c3c', 'p3 f', 'p1 cbr 6', 'p2 cc', \
'd db Ah7c2d', 'p1 cbr 10', 'p2 cc', 'd db 9s', 'p1 cc', 'p2 cc', 'd db Tc', 'p1 cc', 'p2 cc', \
'p1 sm AsKs', 'p2 sm 7h7d']
";

fn card(text: &str) -> Card {
    text.parse().expect("card")
}

fn seen(text: &str, location: CardLocation, timestamp_ns: i64) -> CardEvent {
    CardEvent {
        timestamp_ns,
        card: card(text),
        location,
        present: true,
        source: CardSource::Rfid,
        confidence: 1.0,
    }
}

fn hole(seat: usize, slot: usize) -> CardLocation {
    CardLocation::Hole {
        seat,
        slot: Some(slot),
    }
}

fn board(slot: usize) -> CardLocation {
    CardLocation::Board {
        board: 0,
        slot: Some(slot),
    }
}

fn act(action: Action) -> ActionEvent {
    ActionEvent {
        timestamp_ns: 0,
        action,
    }
}

/// A check or call by whoever is to act (dealing any unread hole cards first).
fn call(feed: &HandFeed) -> ActionEvent {
    let state = feed.hand().state();
    let player = state.actor().unwrap_or_else(|| {
        (0..state.player_count())
            .find(|&p| state.hole_cards(p).len() < 2)
            .unwrap_or(0)
    });
    act(Action::CheckOrCall { player })
}

fn heads_up() -> HandFeed {
    let config = HandConfig::new(variant("NT").expect("NT"), vec![Chips::from(100); 2])
        .with_blinds(&[Chips::from(1), Chips::from(2)])
        .with_min_bet(Chips::from(2));
    HandFeed::new(Hand::new(config).expect("hand"))
}

/// The card events a reader produces for a hand history's deals, and the other actions.
fn split(expected: &Hand) -> (Vec<CardEvent>, Vec<Vec<ActionEvent>>) {
    let mut cards = Vec::new();
    let mut actions = vec![Vec::new()];
    let mut held = [0usize; 9];
    let mut on_board = 0;
    for action in expected.actions() {
        match action {
            Action::DealHole {
                player,
                cards: dealt,
            } => {
                for c in dealt.iter().flatten() {
                    cards.push((hole(*player, held[*player]), *c));
                    held[*player] += 1;
                }
            }
            Action::DealBoard { cards: dealt } => {
                for c in dealt {
                    cards.push((board(on_board), *c));
                    on_board += 1;
                }
                actions.push(Vec::new());
            }
            other => actions.last_mut().expect("street").push(act(other.clone())),
        }
    }
    let events = cards
        .into_iter()
        .enumerate()
        .map(|(i, (location, c))| CardEvent {
            timestamp_ns: i as i64,
            card: c,
            location,
            present: true,
            source: CardSource::Rfid,
            confidence: 1.0,
        })
        .collect();
    (events, actions)
}

#[test]
fn a_whole_hand_fed_from_cards_read_in_reverse_matches_the_history() {
    let phh = PhhHand::parse(HAND).expect("phh");
    let expected = phh.replay().expect("replays");
    let (mut cards, streets) = split(&expected);
    let mut feed = HandFeed::new(Hand::new(phh.to_config().expect("config")).expect("hand"));
    // Hole cards read last seat first: each waits until the engine deals to that seat.
    let hole_count = 6;
    cards[..hole_count].reverse();
    let mut outcomes = Vec::new();
    for event in &cards[..hole_count] {
        outcomes.push(feed.apply_card(event).expect("hole card"));
    }
    assert!(
        outcomes[..hole_count - 1]
            .iter()
            .all(|o| *o == FeedOutcome::Waiting)
    );
    assert!(matches!(&outcomes[hole_count - 1], FeedOutcome::Dealt(deals) if deals.len() == 3));
    // Board cards are read before each betting round ends: they wait for its last action.
    let mut board_cards = cards[hole_count..].iter();
    for (street, actions) in streets.iter().enumerate() {
        let due = [3, 1, 1].get(street).copied().unwrap_or(0);
        for event in board_cards.by_ref().take(due) {
            let outcome = feed.apply_card(event).expect("board card");
            assert_eq!(outcome, FeedOutcome::Waiting, "{event:?}");
        }
        for action in actions {
            feed.apply_action(action).expect("action");
        }
    }
    let hand = feed.hand();
    assert!(hand.state().is_complete());
    assert_eq!(hand.state().payoffs(), expected.state().payoffs());
    assert_eq!(hand.state().board_cards(0), expected.state().board_cards(0));
    for player in 0..3 {
        assert_eq!(
            hand.state().hole_cards(player),
            expected.state().hole_cards(player)
        );
    }
    assert!(feed.waiting().is_empty());
    assert!(
        feed.dead_cards().contains(card("2c")),
        "the folded cards are dead"
    );
}

#[test]
fn a_hole_card_read_after_the_betting_began_is_filled_in() {
    let mut feed = heads_up();
    feed.apply_card(&seen("As", hole(0, 0), 1)).expect("as");
    let applied = feed
        .apply_action(&act(Action::CheckOrCall { player: 1 }))
        .expect("call");
    // The call shows the deal happened: the unread cards are dealt unknown.
    assert_eq!(applied.len(), 3, "{applied:?}");
    assert_eq!(feed.hand().state().hole_cards(1)[0].card, None);
    let outcome = feed.apply_card(&seen("Kd", hole(1, 0), 2)).expect("kd");
    assert_eq!(
        outcome,
        FeedOutcome::Revealed {
            player: 1,
            card: card("Kd")
        }
    );
    // Without a position, the first unknown card is filled in.
    let outcome = feed
        .apply_card(&seen(
            "Qd",
            CardLocation::Hole {
                seat: 1,
                slot: None,
            },
            3,
        ))
        .expect("qd");
    assert!(matches!(outcome, FeedOutcome::Revealed { player: 1, .. }));
    let state = feed.hand().state();
    assert_eq!(state.hole_cards(1)[0].card, Some(card("Kd")));
    assert_eq!(state.hole_cards(1)[1].card, Some(card("Qd")));
    assert_eq!(state.hole_cards(0)[1].card, None);
    // The betting after the deal survived the replay.
    assert!(matches!(
        feed.hand().actions().last(),
        Some(Action::CheckOrCall { .. })
    ));
}

#[test]
fn a_card_already_held_elsewhere_is_a_conflict_that_names_both_places() {
    let mut feed = heads_up();
    feed.apply_card(&seen("As", hole(0, 0), 1)).expect("as");
    let error = feed
        .apply_card(&seen("As", hole(1, 0), 7))
        .expect_err("conflict");
    assert_eq!(
        error,
        FeedError::CardConflict {
            card: card("As"),
            seen: hole(1, 0),
            held: hole(0, 0),
            timestamp_ns: 7
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("As") && message.contains("player 2 hole card 1"),
        "{message}"
    );
    assert!(message.contains("player 1 hole card 1"), "{message}");
    // Read again where it is: nothing to do.
    assert_eq!(
        feed.apply_card(&seen("As", hole(0, 0), 8)).expect("again"),
        FeedOutcome::AlreadyKnown
    );
}

#[test]
fn a_folded_card_seen_again_is_dead() {
    let mut feed = heads_up();
    for (text, location) in [("As", hole(0, 0)), ("Kd", hole(1, 0)), ("Ks", hole(0, 1))] {
        feed.apply_card(&seen(text, location, 0)).expect("deal");
    }
    feed.apply_card(&seen("Qd", hole(1, 1), 0)).expect("deal");
    let folder = feed.hand().state().actor().expect("actor");
    let folded = if folder == 0 { "As" } else { "Kd" };
    feed.apply_action(&act(Action::Fold { player: folder }))
        .expect("fold");
    let error = feed
        .apply_card(&seen(folded, board(0), 9))
        .expect_err("dead");
    assert!(
        matches!(
            error,
            FeedError::DeadCard {
                timestamp_ns: 9,
                ..
            }
        ),
        "{error}"
    );
    // A card seen in the muck is dead too.
    let mut feed = heads_up();
    let muck = seen("2c", CardLocation::Muck, 1);
    assert_eq!(feed.apply_card(&muck).expect("muck"), FeedOutcome::Noted);
    let error = feed
        .apply_card(&seen("2c", hole(0, 0), 2))
        .expect_err("dead");
    assert!(matches!(error, FeedError::DeadCard { .. }), "{error}");
}

#[test]
fn places_the_hand_does_not_have_or_that_are_taken_are_errors() {
    let mut feed = heads_up();
    let error = feed
        .apply_card(&seen("As", hole(2, 0), 0))
        .expect_err("seat");
    assert!(matches!(error, FeedError::NoSuchLocation { .. }), "{error}");
    let error = feed
        .apply_card(&seen("As", hole(0, 2), 0))
        .expect_err("slot");
    assert!(matches!(error, FeedError::NoSuchLocation { .. }), "{error}");
    let error = feed
        .apply_card(&seen("As", board(5), 0))
        .expect_err("board");
    assert!(matches!(error, FeedError::NoSuchLocation { .. }), "{error}");
    feed.apply_card(&seen("As", hole(1, 1), 0)).expect("waits");
    let error = feed
        .apply_card(&seen("Ks", hole(1, 1), 0))
        .expect_err("taken");
    assert!(
        matches!(error, FeedError::PlaceTaken { existing, .. } if existing == card("As")),
        "{error}"
    );
    let unplaced = |text| {
        seen(
            text,
            CardLocation::Hole {
                seat: 1,
                slot: None,
            },
            0,
        )
    };
    feed.apply_card(&unplaced("Qs")).expect("waits");
    let error = feed.apply_card(&unplaced("Js")).expect_err("third card");
    assert!(matches!(error, FeedError::TooManyCards { .. }), "{error}");
}

#[test]
fn board_cards_wait_for_the_betting_and_cannot_be_skipped() {
    let mut feed = heads_up();
    for (text, location) in [("As", hole(0, 0)), ("Kd", hole(1, 0)), ("Ks", hole(0, 1))] {
        feed.apply_card(&seen(text, location, 0)).expect("deal");
    }
    feed.apply_card(&seen("Qd", hole(1, 1), 0)).expect("deal");
    // The turn card read before the flop waits for its position.
    assert_eq!(
        feed.apply_card(&seen("2h", board(3), 1)).expect("turn"),
        FeedOutcome::Waiting
    );
    feed.apply_action(&call(&feed)).expect("call");
    feed.apply_action(&call(&feed)).expect("check");
    let error = feed.apply_action(&call(&feed)).expect_err("no flop");
    assert!(
        matches!(error, FeedError::BoardNotRead { count: 3, .. }),
        "{error}"
    );
    for (slot, text) in ["3h", "4h", "5h"].into_iter().enumerate() {
        feed.apply_card(&seen(text, board(slot), 2)).expect("flop");
    }
    assert_eq!(feed.hand().state().board_cards(0).len(), 3);
    feed.apply_action(&call(&feed)).expect("check");
    let applied = feed.apply_action(&call(&feed)).expect("check");
    assert_eq!(
        applied.len(),
        2,
        "the waiting turn is dealt after the check: {applied:?}"
    );
    assert_eq!(feed.hand().state().board_cards(0)[3], card("2h"));
}

#[test]
fn actions_in_phh_notation_and_codes() {
    let mut feed = heads_up();
    let error = feed.apply_phh("p1 zz", 5).expect_err("not an action");
    assert_eq!(error.code(), "rules");
    for (text, location) in [("As", hole(0, 0)), ("Kd", hole(1, 0)), ("Ks", hole(0, 1))] {
        feed.apply_card(&seen(text, location, 0)).expect("deal");
    }
    let outcome = feed.apply_card(&seen("Qd", hole(1, 1), 0)).expect("deal");
    assert_eq!(outcome.code(), "dealt");
    let actor = feed.hand().state().actor().expect("actor");
    let applied = feed
        .apply_phh(&format!("p{} cc", actor + 1), 6)
        .expect("call");
    assert_eq!(applied, [Action::CheckOrCall { player: actor }]);
    let error = feed
        .apply_card(&seen("As", board(0), 7))
        .expect_err("conflict");
    assert_eq!(error.code(), "card_conflict");
}

#[test]
fn a_card_taken_away_before_it_was_dealt_is_withdrawn() {
    let mut feed = heads_up();
    feed.apply_card(&seen("As", hole(1, 0), 0)).expect("waits");
    let mut gone = seen("As", hole(1, 0), 1);
    gone.present = false;
    assert_eq!(
        feed.apply_card(&gone).expect("gone"),
        FeedOutcome::Withdrawn
    );
    assert!(feed.waiting().is_empty());
    assert_eq!(feed.apply_card(&gone).expect("again"), FeedOutcome::Noted);
}

mod random_hands {
    //! Random hold'em hands, their card events read in any order within each street and
    //! some hole cards read only at the very end: the fed hand always ends as the hand.

    use super::*;
    use ggp_core::rules::Pending;
    use ggp_core::{Deck, DeckKind};
    use proptest::prelude::*;

    /// A hand dealt from a seeded deck; at each turn `choices` says fold (0), raise (1)
    /// or check/call (else).
    fn play(players: usize, seed: u64, choices: &[u8]) -> Hand {
        let config = HandConfig::new(variant("NT").expect("NT"), vec![Chips::from(1000); players])
            .with_blinds(&[Chips::from(5), Chips::from(10)])
            .with_min_bet(Chips::from(10));
        let mut hand = Hand::new(config).expect("hand");
        let mut deck = Deck::shuffled(DeckKind::Standard, seed);
        let mut turn = 0;
        loop {
            if hand.deal_next(&mut deck).expect("deal").is_some() {
                continue;
            }
            let state = hand.state();
            let action = match state.pending() {
                Pending::Bet { player } => {
                    let choice = choices.get(turn).copied().unwrap_or(2);
                    turn += 1;
                    let options = state.betting_options().expect("options");
                    match (choice, options.bet_or_raise) {
                        (0, _) if options.can_fold => Action::Fold { player },
                        (1, Some((min, _))) if turn < 8 => Action::BetOrRaiseTo {
                            player,
                            amount: min,
                        },
                        _ => Action::CheckOrCall { player },
                    }
                }
                Pending::ShowOrMuck { player } => Action::ShowOrMuck {
                    player,
                    cards: Some(state.hole_cards(player).iter().map(|h| h.card).collect()),
                },
                Pending::SelectRunoutCount { player } => {
                    Action::SelectRunoutCount { player, count: 1 }
                }
                _ => return hand,
            };
            hand.apply(action).expect("action");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_read_order_feeds_the_same_hand(
            players in 2usize..=6,
            seed in any::<u64>(),
            choices in proptest::collection::vec(0u8..4, 0..40),
            order_seed in any::<u64>(),
            late in proptest::collection::vec(any::<bool>(), 12),
        ) {
            let expected = play(players, seed, &choices);
            let (cards, streets) = split(&expected);
            let mut rng = ggp_core::SeededRng::new(order_seed);
            // Cards per street: the hole cards, then each board deal.
            let mut segments: Vec<Vec<CardEvent>> = vec![Vec::new()];
            let hole_count: usize = (0..players)
                .map(|p| expected.actions().iter().filter_map(|a| match a {
                    Action::DealHole { player, cards } if *player == p => Some(cards.len()),
                    _ => None,
                }).sum::<usize>())
                .sum();
            let mut late_cards = Vec::new();
            for (i, event) in cards.into_iter().enumerate() {
                if i < hole_count {
                    if late[i % late.len()] && i % 3 == 0 {
                        late_cards.push(event);
                    } else {
                        segments[0].push(event);
                    }
                } else {
                    let street = match i - hole_count { 0..=2 => 1, 3 => 2, _ => 3 };
                    while segments.len() <= street {
                        segments.push(Vec::new());
                    }
                    segments[street].push(event);
                }
            }
            let mut feed = HandFeed::new(Hand::new(expected.config().clone()).expect("hand"));
            for (street, actions) in streets.iter().enumerate() {
                if let Some(segment) = segments.get_mut(street) {
                    rng.shuffle(segment);
                    for event in segment.iter() {
                        feed.apply_card(event).expect("card in its street");
                    }
                }
                for action in actions {
                    feed.apply_action(action).expect("action");
                }
            }
            for event in &late_cards {
                let seat = match event.location {
                    CardLocation::Hole { seat, .. } => seat,
                    _ => unreachable!("late cards are hole cards"),
                };
                match feed.apply_card(event) {
                    Ok(_) => {}
                    Err(FeedError::PlayerOut { .. }) => {
                        prop_assert!(!feed.hand().state().active()[seat]);
                    }
                    Err(error) => prop_assert!(false, "{error}"),
                }
            }
            let (state, want) = (feed.hand().state(), expected.state());
            prop_assert!(state.is_complete());
            prop_assert_eq!(state.payoffs(), want.payoffs());
            prop_assert_eq!(state.board_cards(0), want.board_cards(0));
            for player in 0..players {
                prop_assert_eq!(state.hole_cards(player), want.hole_cards(player));
            }
            prop_assert!(feed.waiting().is_empty());
        }
    }
}
