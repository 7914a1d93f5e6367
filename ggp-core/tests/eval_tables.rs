//! Hand-checked tables of well-known hands, through the common front
//! (`ggp_core::eval::evaluate`): descriptions, best cards, the orders every player knows,
//! and the errors.

use std::cmp::Ordering;

use ggp_core::eval::{HandType, Ranked, evaluate};
use ggp_core::{Card, Error, ShortDeckRules, format_cards, parse_cards};

fn cards(text: &str) -> Vec<Card> {
    parse_cards(text).expect("valid card text")
}

fn rank(hand_type: HandType, hole: &str, board: &str) -> Option<Ranked> {
    evaluate(hand_type, &cards(hole), &cards(board))
        .unwrap_or_else(|e| panic!("{hand_type}: {hole} / {board}: {e}"))
}

fn ranked(hand_type: HandType, hole: &str, board: &str) -> Ranked {
    rank(hand_type, hole, board)
        .unwrap_or_else(|| panic!("{hand_type}: {hole} / {board} has no hand"))
}

/// Asserts that the hands are listed strictly from the worst to the best.
fn assert_ascending(hand_type: HandType, hands: &[(&str, &str)]) {
    let ranked: Vec<Ranked> = hands
        .iter()
        .map(|(hole, board)| ranked(hand_type, hole, board))
        .collect();
    for (i, pair) in ranked.windows(2).enumerate() {
        assert_eq!(
            pair[0].compare(&pair[1]),
            Some(Ordering::Less),
            "{hand_type}: {:?} ({}) should lose to {:?} ({})",
            hands[i],
            pair[0].description(),
            hands[i + 1],
            pair[1].description()
        );
    }
}

#[test]
fn descriptions_and_best_cards() {
    use HandType::*;
    let triton = ShortDeckHigh(ShortDeckRules::Triton);
    let standard = ShortDeckHigh(ShortDeckRules::Standard);
    for (hand_type, hole, board, description, best) in [
        (
            StandardHigh,
            "Ah Kh",
            "Qh Jh Th 2c 3d",
            "Royal Flush",
            "Ah Kh Qh Jh Th",
        ),
        (
            standard,
            "Ac 6d",
            "7h 8s 9c Kd Kh",
            "Straight, Nine high",
            "9c 8s 7h 6d Ac",
        ),
        (
            triton,
            "Kh Kd",
            "Ks 6h 9h Jh Th",
            "Flush, King high",
            "Kh Jh Th 9h 6h",
        ),
        (
            AceToFiveLow,
            "Ah 2c 4d",
            "7s 8h Kd Kc",
            "Eight-Seven Low",
            "8h 7s 4d 2c Ah",
        ),
        (
            AceToFiveLow,
            "Ah Ac 2d",
            "2s 3h 3d Kc",
            "Pair of Aces",
            "Ah Ac Kc 3h 2s",
        ),
        (
            EightOrBetterLow,
            "Ah 2c 6d",
            "8s 4h Kd Kc",
            "Eight-Six Low",
            "8s 6d 4h 2c Ah",
        ),
        (
            DeuceToSevenLow,
            "7s 5d 4c 3h 2s",
            "",
            "Seven-Five Low",
            "7s 5d 4c 3h 2s",
        ),
        (
            DeuceToSevenLow,
            "9h 8h 6h 4h 3h",
            "",
            "Flush, Nine high",
            "9h 8h 6h 4h 3h",
        ),
        (
            AceToFiveBadugi,
            "7c 4d 2h As",
            "",
            "Four-card Badugi, Seven high",
            "7c 4d 2h As",
        ),
        (
            AceToFiveBadugi,
            "Kc Kd 5d 9h",
            "",
            "Three-card Hand, King high",
            "Kc 9h 5d",
        ),
        (
            DeuceToSevenBadugi,
            "Ac 2c 3d 4h",
            "",
            "Three-card Hand, Four high",
            "4h 3d 2c",
        ),
        (
            OmahaHigh,
            "As Ks Qs Js",
            "2s 7d 8c 9h Th",
            "Straight, Queen high",
            "Qs Js Th 9h 8c",
        ),
        (
            OmahaEightOrBetterLow,
            "As 3d Qh Qd",
            "2c 5d 8h Kc Ks",
            "Eight-Five Low",
            "8h 5d 3d 2c As",
        ),
    ] {
        let ranked = ranked(hand_type, hole, board);
        assert_eq!(
            ranked.description(),
            description,
            "{hand_type}: {hole} / {board}"
        );
        assert_eq!(
            format_cards(ranked.best_cards()),
            best,
            "{hand_type}: {hole} / {board}"
        );
        assert_eq!(ranked.hand_type, hand_type);
    }
}

#[test]
fn the_best_lows() {
    // 7-5-4-3-2 is the best 2-7 low ("number one"); 6-5-4-3-2 is a straight and
    // A-5-4-3-2 merely Ace high, worse than any King high.
    assert_ascending(
        HandType::DeuceToSevenLow,
        &[
            ("6s 5d 4c 3h 2s", ""),
            ("As 5d 4c 3h 2s", ""),
            ("Ks Qd Jc 9h 8s", ""),
            ("8s 5d 4c 3h 2s", ""),
            ("7s 6d 4c 3h 2s", ""),
            ("7s 5d 4c 3h 2s", ""),
        ],
    );
    // A-2-3-4-5 is the best A-5 low, and 6-5-4-3-A beats 6-5-4-3-2: the ace is the lower
    // last card. Pairs are bad, and a pair of aces is the least bad pair.
    assert_ascending(
        HandType::AceToFiveLow,
        &[
            ("Ks Kd Kc Qh Qs", ""),
            ("2s 2d Ac 3h 4s", ""),
            ("As Ad 2c 3h 4s", ""),
            ("Ks Qd Jc Th 9s", ""),
            ("6s 5d 4c 3h 2s", ""),
            ("6s 5d 4c 3h As", ""),
            ("5s 4d 3c 2h As", ""),
        ],
    );
    // Straights and flushes do not count in A-5: a suited wheel is still the best.
    let suited_wheel = ranked(HandType::AceToFiveLow, "5s 4s 3s 2s As", "");
    let wheel = ranked(HandType::AceToFiveLow, "5s 4d 3c 2h As", "");
    assert_eq!(suited_wheel.compare(&wheel), Some(Ordering::Equal));
    // The 8-or-better ranks qualifying hands as A-5 does.
    assert_ascending(
        HandType::EightOrBetterLow,
        &[
            ("8c 7d 6h 4s 2c", ""),
            ("7c 5d 4h 3s 2c", ""),
            ("5d 4h 3s 2d Ad", ""),
        ],
    );
}

#[test]
fn hands_with_no_qualifying_low() {
    // Stud hi-lo: a pair and a Nine are no 8-or-better low.
    assert!(rank(HandType::EightOrBetterLow, "9s 9d Kc Qh Jh 2c 3d", "").is_none());
    assert!(rank(HandType::EightOrBetterLow, "9s 7d 5c 3h 2c", "").is_none());
    assert!(rank(HandType::EightOrBetterLow, "8s 8d 5c 3h 2c", "").is_none());
    // Omaha hi-lo: only two low ranks on the board.
    assert!(
        rank(
            HandType::OmahaEightOrBetterLow,
            "As 2s 3d 4d",
            "2c 7h Qs Kd 9c"
        )
        .is_none()
    );
    // Counterfeited: the board pairs the hole's A-2, leaving it three low board ranks
    // of which only two differ from the hole's.
    assert!(
        rank(
            HandType::OmahaEightOrBetterLow,
            "As 2s Kd Kc",
            "Ad 2d 7h 8c Qs"
        )
        .is_none()
    );
    // Three low hole cards do not help: exactly two play.
    assert!(
        rank(
            HandType::OmahaEightOrBetterLow,
            "As 2s 3d Kc",
            "4d 5h Js Qc Kd"
        )
        .is_none()
    );
    // The high half always exists.
    assert!(rank(HandType::OmahaHigh, "As 2s Kd Kc", "Ad 2d 7h 8c Qs").is_some());
}

#[test]
fn short_deck_rules() {
    let triton = HandType::ShortDeckHigh(ShortDeckRules::Triton);
    let standard = HandType::ShortDeckHigh(ShortDeckRules::Standard);
    // Triton London 2019, Xuan (QhQd) against Phua (KhKs) on 9h 6c Kc Jh Ts: the queens
    // make a straight, the kings a set. pokerkit's copy of the hand history ranks it
    // under its only (standard) ruleset, and the straight wins.
    let board = "9h 6c Kc Jh Ts";
    let queens = |t| ranked(t, "Qh Qd", board);
    let kings = |t| ranked(t, "Kh Ks", board);
    assert_eq!(queens(standard).description(), "Straight, King high");
    assert_eq!(kings(standard).description(), "Three of a Kind, Kings");
    assert_eq!(
        queens(standard).compare(&kings(standard)),
        Some(Ordering::Greater)
    );
    assert_eq!(queens(triton).compare(&kings(triton)), Some(Ordering::Less));

    for rules in [triton, standard] {
        assert_ascending(
            rules,
            &[
                // A-6-7-8-9 is the lowest straight.
                ("Ac 6d", "7h 8s 9c"),
                ("6d 7h", "8s 9c Tc"),
                ("As Ks", "Qs Jd Th"),
                // A full house loses to a flush.
                ("6s 6h", "6d 7c 7h"),
                ("6h 7h", "8h 9h Jh"),
                ("6s 6h", "6d 6c 7h"),
                ("Ah 6h", "7h 8h 9h"),
                ("Ts Js", "Qs Ks As"),
            ],
        );
    }
}

#[test]
fn badugi_orders() {
    use HandType::{AceToFiveBadugi, DeuceToSevenBadugi};
    assert_ascending(
        AceToFiveBadugi,
        &[
            ("Kc Kd Kh Ks", ""),
            ("Ac Ad Ah As", ""),
            ("Kc Qd Qh Qs", ""),
            ("4c 8d Kh Kc", ""),
            ("Kc Qd Jh Ts", ""),
            ("Ac 2d 3h 5s", ""),
            ("Ac 2d 3h 4s", ""),
        ],
    );
    // With the ace high, 2-3-4-5 of four suits is the best and an ace the worst card.
    assert_ascending(
        DeuceToSevenBadugi,
        &[
            ("Ac Ad Ah As", ""),
            ("Kc Ad Ah As", ""),
            ("Ac 2d 3h 4s", ""),
            ("Kc 2d 3h 4s", ""),
            ("6c 2d 3h 4s", ""),
            ("5c 2d 3h 4s", ""),
        ],
    );
}

#[test]
fn hand_types_do_not_compare_across() {
    let high = ranked(HandType::StandardHigh, "As Ks", "Qs Js Ts");
    let low = ranked(HandType::AceToFiveLow, "As 2s 3s 4s 5s", "");
    assert_eq!(high.compare(&low), None);
    assert_eq!(high.compare(&high), Some(Ordering::Equal));
}

#[test]
fn wrong_counts_duplicates_and_foreign_cards_are_errors() {
    let eval =
        |hand_type, hole: &str, board: &str| evaluate(hand_type, &cards(hole), &cards(board));
    let count = |what, count, min, max| Error::WrongCardCount {
        what,
        count,
        min,
        max,
    };
    use HandType::*;
    for (hand_type, hole, board, error) in [
        (
            StandardHigh,
            "As Ks",
            "Qs Js",
            count("a high hand", 4, 5, 7),
        ),
        (
            ShortDeckHigh(ShortDeckRules::Triton),
            "As Ks",
            "Qs Js Ts 9s 8s 7s",
            count("a short-deck hand", 8, 5, 7),
        ),
        (
            AceToFiveLow,
            "As 2s 3s 4s",
            "",
            count("a low hand", 4, 5, 7),
        ),
        (
            EightOrBetterLow,
            "As 2s 3s 4s 5s 6s 7s 8s",
            "",
            count("a low hand", 8, 5, 7),
        ),
        (DeuceToSevenLow, "", "", count("a low hand", 0, 5, 7)),
        (
            AceToFiveBadugi,
            "As 2d 3c",
            "",
            count("a badugi hand", 3, 4, 4),
        ),
        (
            DeuceToSevenBadugi,
            "As 2d 3c 4h 5s",
            "",
            count("a badugi hand", 5, 4, 4),
        ),
        (
            OmahaHigh,
            "As Ks Qs",
            "2c 3c 4c",
            count("an Omaha hole", 3, 4, 6),
        ),
        (
            OmahaEightOrBetterLow,
            "As Ks Qs Js Ts 9s 8s",
            "2c 3c 4c",
            count("an Omaha hole", 7, 4, 6),
        ),
        (
            OmahaHigh,
            "As Ks Qs Js",
            "2c 3c",
            count("an Omaha board", 2, 3, 5),
        ),
    ] {
        assert_eq!(eval(hand_type, hole, board), Err(error), "{hand_type}");
    }

    let ace = cards("As")[0];
    let duplicate = Error::DuplicateCard { card: ace };
    assert_eq!(
        eval(HandType::StandardHigh, "As As", "2c 3c 4c"),
        Err(duplicate.clone())
    );
    assert_eq!(
        eval(HandType::OmahaHigh, "As Ks Qs Js", "2c As 4c"),
        Err(duplicate.clone())
    );
    assert_eq!(
        eval(HandType::AceToFiveBadugi, "As 2d 3c", "As"),
        Err(duplicate)
    );

    let two = cards("2c")[0];
    assert_eq!(
        eval(
            HandType::ShortDeckHigh(ShortDeckRules::Standard),
            "As Ks",
            "Qs Js 2c"
        ),
        Err(Error::CardNotInDeck {
            card: two,
            deck: "short"
        })
    );
}

#[test]
fn hand_type_codes_round_trip() {
    for hand_type in HandType::ALL {
        assert_eq!(hand_type.code().parse::<HandType>(), Ok(hand_type));
        let json = serde_json::to_string(&hand_type).expect("serializes");
        assert_eq!(
            serde_json::from_str::<HandType>(&json).expect("deserializes"),
            hand_type
        );
    }
    assert!(matches!(
        "omaha".parse::<HandType>(),
        Err(Error::UnknownName {
            what: "hand type",
            ..
        })
    ));
    assert_eq!(
        HandType::ALL.iter().filter(|t| t.may_not_qualify()).count(),
        2
    );
}
