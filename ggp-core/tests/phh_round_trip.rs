//! Property: any hand, however odd its strings and amounts, reads back from what the
//! writer writes as the same hand, and writing is a fixed point.

use ggp_core::phh::{
    PhhAction, PhhActionKind, PhhCard, PhhField, PhhHand, PhhLabel, PhhShowdown, PhhStack, PhhTime,
    PhhTimeLimit, PhhValue, PhhVariant, parse_phhs, to_phhs_string,
};
use ggp_core::{Card, Chips};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn decimal(max_mantissa: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_mantissa, 0u32..5).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn chips() -> impl Strategy<Value = Chips> {
    decimal(1_000_000_000_000).prop_map(Chips::from)
}

fn signed_chips() -> impl Strategy<Value = Chips> {
    (-1_000_000i64..1_000_000, 0u32..3)
        .prop_map(|(mantissa, scale)| Chips::from(Decimal::new(mantissa, scale)))
}

fn stack() -> impl Strategy<Value = PhhStack> {
    prop_oneof![9 => chips().prop_map(PhhStack::Chips), 1 => Just(PhhStack::Unknown)]
}

fn card() -> impl Strategy<Value = PhhCard> {
    prop_oneof![
        3 => prop::sample::select(Card::all().collect::<Vec<_>>()).prop_map(PhhCard::Known),
        1 => Just(PhhCard::Unknown),
    ]
}

fn cards() -> impl Strategy<Value = Vec<PhhCard>> {
    vec(card(), 1..8)
}

fn action_kind() -> impl Strategy<Value = PhhActionKind> {
    let player = 0usize..12;
    prop_oneof![
        cards().prop_map(|cards| PhhActionKind::DealBoard { cards }),
        (player.clone(), cards())
            .prop_map(|(player_idx, cards)| PhhActionKind::DealHole { player_idx, cards }),
        player
            .clone()
            .prop_map(|player_idx| PhhActionKind::PostBringIn { player_idx }),
        player
            .clone()
            .prop_map(|player_idx| PhhActionKind::Fold { player_idx }),
        player
            .clone()
            .prop_map(|player_idx| PhhActionKind::CheckOrCall { player_idx }),
        (
            player.clone(),
            chips().prop_filter("positive", |c| c.is_positive())
        )
            .prop_map(|(player_idx, amount)| PhhActionKind::CompleteBetOrRaiseTo {
                player_idx,
                amount
            }),
        (player.clone(), vec(card(), 0..4)).prop_map(|(player_idx, discarded)| {
            PhhActionKind::StandPatOrDiscard {
                player_idx,
                discarded,
            }
        }),
        (
            player,
            prop_oneof![
                Just(PhhShowdown::Muck),
                Just(PhhShowdown::ShowDealt),
                cards().prop_map(PhhShowdown::Show),
            ]
        )
            .prop_map(|(player_idx, showdown)| PhhActionKind::ShowOrMuck {
                player_idx,
                showdown
            }),
        Just(PhhActionKind::NoOp),
    ]
}

fn action() -> impl Strategy<Value = PhhAction> {
    (action_kind(), option::of(any::<String>()))
        .prop_map(|(kind, commentary)| PhhAction { kind, commentary })
}

fn label() -> impl Strategy<Value = PhhLabel> {
    prop_oneof![
        any::<i64>().prop_map(PhhLabel::Number),
        any::<String>().prop_map(PhhLabel::Name)
    ]
}

fn time() -> impl Strategy<Value = PhhTime> {
    (0u8..24, 0u8..60, 0u8..60, 0u32..1_000_000_000).prop_map(
        |(hour, minute, second, nanosecond)| PhhTime {
            hour,
            minute,
            second,
            nanosecond,
        },
    )
}

/// Keys unique within one table, as TOML requires.
fn unique_keys<T>(entries: Vec<(String, T)>) -> Vec<(String, T)> {
    let mut seen = std::collections::HashSet::new();
    entries
        .into_iter()
        .filter(|(key, _)| seen.insert(key.clone()))
        .collect()
}

fn user_value() -> impl Strategy<Value = PhhValue> {
    let leaf = prop_oneof![
        any::<String>().prop_map(PhhValue::String),
        any::<i64>().prop_map(PhhValue::Integer),
        prop_oneof![
            decimal(1_000_000).prop_map(|d| format!("{d:.2}")),
            Just("inf".to_owned()),
            Just("-inf".to_owned()),
            Just("nan".to_owned()),
            Just("6.02e23".to_owned()),
            Just("-1.5".to_owned()),
        ]
        .prop_map(PhhValue::Float),
        any::<bool>().prop_map(PhhValue::Boolean),
        prop_oneof![
            Just("1979-05-27T07:32:00Z"),
            Just("1979-05-27T00:32:00.999999-07:00"),
            Just("1979-05-27T07:32:00"),
            Just("1979-05-27"),
            Just("07:32:00"),
        ]
        .prop_map(|text| PhhValue::Datetime(text.to_owned())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(PhhValue::Array),
            vec((any::<String>(), inner), 0..4)
                .prop_map(|entries| PhhValue::Table(unique_keys(entries))),
        ]
    })
}

prop_compose! {
    fn hand()(
        variant in prop::sample::select(PhhVariant::ALL.to_vec()),
        ante_trimming_status in option::of(any::<bool>()),
        antes in vec(chips(), 0..6),
        blinds_or_straddles in option::of(vec(signed_chips(), 0..6)),
        bets in (option::of(chips()), option::of(chips()), option::of(chips()), option::of(chips())),
        starting_stacks in vec(stack(), 0..6),
        actions in vec(action(), 0..12),
        texts in vec(option::of(any::<String>()), 14),
        time in option::of(time()),
        numbers in vec(option::of(any::<i64>()), 5),
        labels in (option::of(label()), option::of(label())),
        seats in option::of(vec(any::<i64>(), 0..6)),
        players in option::of(vec(any::<String>(), 0..6)),
        finishing_stacks in option::of(vec(stack(), 0..6)),
        winnings in option::of(vec(chips(), 0..6)),
        time_limit in option::of(prop_oneof![
            decimal(100_000).prop_map(PhhTimeLimit::Seconds),
            Just(PhhTimeLimit::Unlimited),
        ]),
        time_banks in option::of(vec(decimal(100_000), 0..6)),
        user in vec((any::<String>(), user_value()), 0..4),
    ) -> PhhHand {
        let mut hand = PhhHand::new(variant);
        hand.ante_trimming_status = ante_trimming_status;
        hand.antes = antes;
        hand.blinds_or_straddles = blinds_or_straddles;
        (hand.bring_in, hand.small_bet, hand.big_bet, hand.min_bet) = bets;
        hand.starting_stacks = starting_stacks;
        hand.actions = actions;
        let mut texts = texts.into_iter();
        let mut text = || texts.next().flatten();
        hand.author = text();
        hand.event = text();
        hand.url = text();
        hand.venue = text();
        hand.address = text();
        hand.city = text();
        hand.region = text();
        hand.postal_code = text();
        hand.country = text();
        hand.time_zone = text();
        hand.time_zone_abbreviation = text();
        hand.currency = text();
        hand.currency_symbol = text();
        hand.time = time;
        (hand.day, hand.month, hand.year, hand.level, hand.seat_count) =
            (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
        (hand.hand, hand.table) = labels;
        hand.seats = seats;
        hand.players = players;
        hand.finishing_stacks = finishing_stacks;
        hand.winnings = winnings;
        hand.time_limit = time_limit;
        hand.time_banks = time_banks;
        // User-defined names start with `_`, so they never shadow a field of the format.
        hand.user_defined_fields = unique_keys(
            user.into_iter().map(|(key, value)| (format!("_{key}"), value)).collect(),
        );
        // Short-deck hold 'em has no Twos to Fives.
        let lowest = hand.variant.deck().lowest_rank();
        hand.actions.retain(|action| {
            action.kind.cards().iter().filter_map(|card| card.known()).all(|card| card.rank() >= lowest)
        });
        // A hand that lacks a field its variant requires is not a valid file.
        for field in hand.missing_fields() {
            let some = Some(Chips::from(2));
            match field {
                PhhField::BlindsOrStraddles => hand.blinds_or_straddles = Some(vec![]),
                PhhField::BringIn => hand.bring_in = some,
                PhhField::SmallBet => hand.small_bet = some,
                PhhField::BigBet => hand.big_bet = some,
                _ => hand.min_bet = some,
            }
        }
        hand
    }
}

proptest! {
    #[test]
    fn written_hands_read_back_the_same(hand in hand()) {
        let text = hand.to_phh_string();
        let again = PhhHand::parse(&text);
        prop_assert!(again.is_ok(), "{:?}\n{}", again, text);
        let again = again.unwrap();
        prop_assert_eq!(&again, &hand);
        // Equal amounts can differ in decimal places (2.5, 2.50); the text shows those.
        prop_assert_eq!(again.to_phh_string(), text);
    }

    #[test]
    fn written_phhs_files_read_back_the_same(hands in vec(hand(), 0..4)) {
        let text = to_phhs_string(&hands);
        let entries = parse_phhs(&text);
        prop_assert!(entries.is_ok(), "{:?}\n{}", entries, text);
        let read: Vec<PhhHand> = entries.unwrap().into_iter().map(|entry| entry.hand).collect();
        prop_assert_eq!(&read, &hands);
    }

    #[test]
    fn reading_any_text_never_panics(text in any::<String>()) {
        let _ = PhhHand::parse(&text);
        let _ = parse_phhs(&text);
        let _ = PhhAction::parse(&text);
    }

    #[test]
    fn reading_near_valid_text_never_panics(
        base in prop::sample::select(vec![
            include_str!("data/phh/nlhe_decimal.phh"),
            include_str!("data/phh/hand_written.phh"),
            include_str!("data/phh/three_hands.phhs"),
        ]),
        cut in any::<prop::sample::Index>(),
        insert in "[ -~\n]{0,8}",
    ) {
        // Splice a few characters into a valid file at a character boundary.
        let boundaries: Vec<usize> = base.char_indices().map(|(at, _)| at).collect();
        let at = boundaries[cut.index(boundaries.len())];
        let text = format!("{}{insert}{}", &base[..at], &base[at..]);
        let _ = PhhHand::parse(&text);
        let _ = parse_phhs(&text);
    }
}

#[test]
fn amounts_keep_their_decimal_places() {
    let mut hand = PhhHand::new(PhhVariant::NoLimitTexasHoldem);
    hand.antes = vec![Chips::ZERO; 2];
    hand.blinds_or_straddles = Some(vec!["0.50".parse().unwrap(), "1.00".parse().unwrap()]);
    hand.min_bet = Some("1.00".parse().unwrap());
    hand.starting_stacks = vec![PhhStack::Chips("100.00".parse().unwrap()); 2];
    let text = hand.to_phh_string();
    assert!(
        text.contains("blinds_or_straddles = [0.50, 1.00]"),
        "{text}"
    );
    assert!(
        text.contains("starting_stacks = [100.00, 100.00]"),
        "{text}"
    );
}
