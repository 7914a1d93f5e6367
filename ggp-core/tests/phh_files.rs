//! Hand-written PHH files of several variants (tests/data/phh/, each checked against
//! pokerkit by tests/data/gen_phh_samples.py): what they read as, and that they write
//! back exactly.

use ggp_core::phh::{
    PhhAction, PhhActionKind, PhhCard, PhhHand, PhhLabel, PhhShowdown, PhhStack, PhhTime,
    PhhTimeLimit, PhhValue, PhhVariant, parse_phhs, to_phhs_string,
};
use ggp_core::{Card, Chips};

fn chips(text: &str) -> Chips {
    text.parse().expect("a test amount")
}

fn stack(text: &str) -> PhhStack {
    PhhStack::Chips(chips(text))
}

fn card(text: &str) -> PhhCard {
    PhhCard::Known(Card::parse(text).expect("a test card"))
}

fn action(text: &str) -> PhhAction {
    PhhAction::parse(text).expect("a test action")
}

/// Reads a canonical file, checks it writes back byte for byte, and returns the hand.
fn canonical(text: &str) -> PhhHand {
    let hand = PhhHand::parse(text).expect("a valid test file");
    assert_eq!(hand.to_phh_string(), text);
    assert_eq!(
        PhhHand::parse(&hand.to_phh_string()).expect("what the writer wrote"),
        hand
    );
    hand
}

#[test]
fn no_limit_holdem_with_decimal_stakes() {
    let hand = canonical(include_str!("data/phh/nlhe_decimal.phh"));
    assert_eq!(hand.variant, PhhVariant::NoLimitTexasHoldem);
    assert_eq!(hand.ante_trimming_status, Some(false));
    assert_eq!(hand.antes, vec![Chips::ZERO; 4]);
    assert_eq!(
        hand.blinds_or_straddles,
        Some(vec![chips("0.25"), chips("0.5"), Chips::ZERO, Chips::ZERO])
    );
    assert_eq!(hand.min_bet, Some(chips("0.50")));
    assert_eq!(
        hand.starting_stacks,
        vec![
            stack("10112.5"),
            stack("48.75"),
            stack("100"),
            stack("25.3")
        ]
    );
    // Exact, and with the decimal places written.
    assert_eq!(hand.starting_stacks[3].to_string(), "25.30");
    assert_eq!(hand.player_count(), 4);
    assert_eq!(hand.actions.len(), 20);
    assert_eq!(
        hand.actions[6],
        PhhAction {
            kind: PhhActionKind::CompleteBetOrRaiseTo {
                player_idx: 0,
                amount: chips("5.25")
            },
            commentary: Some("a three-bet, and he's not done".into()),
        }
    );
    assert_eq!(
        hand.actions[11].kind,
        PhhActionKind::CompleteBetOrRaiseTo {
            player_idx: 2,
            amount: chips("12.5")
        }
    );
    assert_eq!(
        hand.actions[17].kind,
        PhhActionKind::ShowOrMuck {
            player_idx: 0,
            showdown: PhhShowdown::Show(vec![card("As"), card("Ks")])
        }
    );
    assert_eq!(
        hand.actions[1].kind,
        PhhActionKind::DealHole {
            player_idx: 1,
            cards: vec![PhhCard::Unknown; 2]
        }
    );
    assert_eq!(hand.event.as_deref(), Some("GGP-GFX test stream"));
    assert_eq!(
        hand.time,
        Some(PhhTime {
            hour: 21,
            minute: 5,
            second: 0,
            nanosecond: 0
        })
    );
    assert_eq!(
        (hand.day, hand.month, hand.year),
        (Some(3), Some(2), Some(2025))
    );
    assert_eq!(hand.hand, Some(PhhLabel::Number(17)));
    assert_eq!(
        hand.players.as_deref(),
        Some(&["Ada".to_owned(), "Brook".into(), "Cy".into(), "Dee".into()][..])
    );
    let finishing: Vec<Chips> = hand
        .finishing_stacks
        .iter()
        .flatten()
        .filter_map(|stack| stack.chips())
        .collect();
    let starting: Chips = hand.starting_stacks.iter().filter_map(|s| s.chips()).sum();
    // Chips are conserved, to the cent.
    assert_eq!(finishing.iter().sum::<Chips>(), starting);
    assert_eq!(
        hand.winnings,
        Some(vec![Chips::ZERO, Chips::ZERO, chips("200.5"), Chips::ZERO])
    );
    assert_eq!(hand.currency.as_deref(), Some("USD"));
    assert_eq!(hand.currency_symbol.as_deref(), Some("$"));
}

#[test]
fn a_phhs_file_of_three_hands() {
    let text = include_str!("data/phh/three_hands.phhs");
    let entries = parse_phhs(text).unwrap();
    let summary: Vec<(usize, &str, PhhVariant, Option<PhhLabel>)> = entries
        .iter()
        .map(|entry| {
            (
                entry.index,
                entry.name.as_str(),
                entry.hand.variant,
                entry.hand.hand.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                1,
                "1",
                PhhVariant::FixedLimitTexasHoldem,
                Some(PhhLabel::Number(1))
            ),
            (
                2,
                "2",
                PhhVariant::PotLimitOmahaHoldem,
                Some(PhhLabel::Number(2))
            ),
            (
                3,
                "3",
                PhhVariant::FixedLimitBadugi,
                Some(PhhLabel::Number(3))
            ),
        ]
    );
    assert_eq!(
        to_phhs_string(entries.iter().map(|entry| &entry.hand)),
        text
    );
    let fixed = &entries[0].hand;
    assert_eq!(
        (fixed.small_bet, fixed.big_bet, fixed.min_bet),
        (Some(chips("2")), Some(chips("4")), None)
    );
    assert_eq!(
        fixed.actions.last().map(|action| &action.kind),
        Some(&PhhActionKind::ShowOrMuck {
            player_idx: 1,
            showdown: PhhShowdown::Muck
        })
    );
    let badugi = &entries[2].hand;
    assert_eq!(
        badugi.actions[7].kind,
        PhhActionKind::StandPatOrDiscard {
            player_idx: 1,
            discarded: vec![PhhCard::Unknown; 2]
        }
    );
    assert_eq!(
        badugi.actions[6].kind,
        PhhActionKind::StandPatOrDiscard {
            player_idx: 0,
            discarded: vec![]
        }
    );
}

#[test]
fn stud_with_a_bring_in_and_unseen_down_cards() {
    let hand = canonical(include_str!("data/phh/stud_bring_in.phh"));
    assert_eq!(hand.variant, PhhVariant::FixedLimitSevenCardStud);
    assert_eq!(hand.bring_in, Some(chips("2")));
    assert_eq!(hand.blinds_or_straddles, None);
    assert_eq!(hand.antes, vec![chips("1"); 3]);
    assert_eq!(
        hand.actions[1].kind,
        PhhActionKind::DealHole {
            player_idx: 1,
            cards: vec![PhhCard::Unknown, PhhCard::Unknown, card("Kd")]
        }
    );
    assert_eq!(
        hand.actions[3].kind,
        PhhActionKind::PostBringIn { player_idx: 2 }
    );
    assert_eq!(action("d dh p2 ??"), hand.actions[22]);
    assert_eq!(
        hand.actions[25].kind,
        PhhActionKind::ShowOrMuck {
            player_idx: 0,
            showdown: PhhShowdown::Show(
                ["Ah", "9h", "4c", "Jh", "Th", "2h", "7d"]
                    .into_iter()
                    .map(card)
                    .collect()
            )
        }
    );
}

#[test]
fn triple_draw_with_stand_pats_and_discards() {
    let hand = canonical(include_str!("data/phh/triple_draw.phh"));
    assert_eq!(
        hand.variant,
        PhhVariant::FixedLimitDeuceToSevenLowballTripleDraw
    );
    let draws: Vec<&PhhAction> = hand
        .actions
        .iter()
        .filter(|action| matches!(action.kind, PhhActionKind::StandPatOrDiscard { .. }))
        .collect();
    assert_eq!(draws.len(), 6);
    assert_eq!(
        draws[1].kind,
        PhhActionKind::StandPatOrDiscard {
            player_idx: 2,
            discarded: vec![card("Kc"), card("Jd")]
        }
    );
    assert_eq!(draws[2].commentary.as_deref(), Some("pat seven"));
    assert_eq!(
        draws[2].kind,
        PhhActionKind::StandPatOrDiscard {
            player_idx: 0,
            discarded: vec![]
        }
    );
    assert_eq!(
        hand.actions[1].kind,
        PhhActionKind::DealHole {
            player_idx: 1,
            cards: vec![PhhCard::Unknown; 5]
        }
    );
}

#[test]
fn unknown_cards_stay_unknown() {
    let hand = canonical(include_str!("data/phh/unknown_cards.phh"));
    assert!(hand.actions[..3].iter().all(|action| matches!(
        &action.kind,
        PhhActionKind::DealHole { cards, .. } if cards == &[PhhCard::Unknown; 2]
    )));
    assert_eq!(
        hand.actions[7],
        PhhAction {
            kind: PhhActionKind::NoOp,
            commentary: Some("the burn card was flashed: 5h".into())
        }
    );
    assert_eq!(
        hand.actions[19].kind,
        PhhActionKind::ShowOrMuck {
            player_idx: 0,
            showdown: PhhShowdown::Show(vec![PhhCard::Unknown, card("Ad")])
        }
    );
}

#[test]
fn a_hand_typed_by_a_person_reads_and_writes_in_pokerkit_layout() {
    let hand = PhhHand::parse(include_str!("data/phh/hand_written.phh")).unwrap();
    let expected = include_str!("data/phh/hand_written.canonical.phh");
    assert_eq!(hand.to_phh_string(), expected);
    assert_eq!(PhhHand::parse(expected).unwrap(), hand);

    assert_eq!(hand.ante_trimming_status, Some(true));
    assert_eq!(
        hand.starting_stacks,
        vec![PhhStack::Unknown, stack("1500"), stack("2000.0")]
    );
    assert_eq!(
        hand.actions[1].kind,
        PhhActionKind::DealHole {
            player_idx: 1,
            cards: vec![card("Th"), card("Tc")]
        }
    );
    assert_eq!(hand.actions[5].commentary.as_deref(), Some(" flat"));
    assert_eq!(hand.actions[11], PhhAction::new(PhhActionKind::NoOp));
    assert_eq!(
        hand.players,
        Some(vec!["Ana María".into(), "Bo".into(), "O'Neil".into()])
    );
    assert_eq!(hand.time_zone_abbreviation.as_deref(), Some("EDT"));
    assert_eq!(hand.table, Some(PhhLabel::Name("Feature table".into())));
    assert_eq!(hand.time_limit, Some(PhhTimeLimit::Unlimited));
    let banks: Vec<String> = hand
        .time_banks
        .iter()
        .flatten()
        .map(ToString::to_string)
        .collect();
    assert_eq!(banks, ["30", "30.0", "12.5"]);
    let names: Vec<&str> = hand
        .user_defined_fields
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["_sponsors", "_broadcast_delay_s", "_meta"]);
    assert_eq!(
        hand.user_defined_field("_meta"),
        Some(&PhhValue::Table(vec![
            ("camera".into(), PhhValue::String("B".into())),
            ("reviewed".into(), PhhValue::Boolean(true)),
        ]))
    );
    assert_eq!(
        hand.user_defined_field("_broadcast_delay_s"),
        Some(&PhhValue::Integer(300))
    );
}

#[test]
fn every_file_round_trips_through_the_writer() {
    let files = [
        include_str!("data/phh/nlhe_decimal.phh"),
        include_str!("data/phh/stud_bring_in.phh"),
        include_str!("data/phh/triple_draw.phh"),
        include_str!("data/phh/unknown_cards.phh"),
        include_str!("data/phh/hand_written.phh"),
        include_str!("data/phh/hand_written.canonical.phh"),
    ];
    for text in files {
        let hand = PhhHand::parse(text).unwrap();
        assert_eq!(PhhHand::parse(&hand.to_phh_string()).unwrap(), hand);
    }
}
