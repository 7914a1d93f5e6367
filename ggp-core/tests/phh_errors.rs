//! Malformed PHH files: each gives an error that names the hand, the field, the action
//! or element, and the line, and says what was wrong.

use ggp_core::phh::{PhhError, PhhHand, PhhLocation, PhhProblem, PhhVariant, parse_phhs};
use ggp_core::{Error, ErrorKind};

/// A valid no-limit hold'em hand, one field per line (line 6 is `actions`).
const BASE: &str = "\
variant = 'NT'
antes = [0, 0]
blinds_or_straddles = [1, 2]
min_bet = 2
starting_stacks = [200, 200]
actions = ['d dh p1 AsKs', 'd dh p2 ????']
";

fn hand_error(text: &str) -> PhhError {
    match PhhHand::parse(text) {
        Err(Error::HandHistory(err)) => *err,
        other => panic!("expected a hand-history error, got {other:?}"),
    }
}

fn phhs_error(text: &str) -> PhhError {
    match parse_phhs(text) {
        Err(Error::HandHistory(err)) => *err,
        other => panic!("expected a hand-history error, got {other:?}"),
    }
}

fn at(field: &str, position: Option<usize>, line: Option<usize>) -> PhhLocation {
    PhhLocation {
        hand_index: None,
        field: Some(field.into()),
        position,
        line,
    }
}

#[test]
fn the_base_hand_is_valid() {
    assert_eq!(PhhHand::parse(BASE).unwrap().actions.len(), 2);
}

#[test]
fn text_that_is_not_toml() {
    let err = hand_error("variant = 'NT'\nantes = [0, 0\n");
    assert_eq!(err.location.line, Some(2));
    assert!(matches!(err.problem, PhhProblem::Toml { .. }));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at line 2: not valid TOML: unclosed array, expected `]`"
    );

    let err = hand_error(&format!("{BASE}min_bet = 4\n"));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at line 7: not valid TOML: duplicate key"
    );
}

#[test]
fn a_field_of_the_wrong_type() {
    let err = hand_error(&BASE.replace("antes = [0, 0]", "antes = '0'"));
    assert_eq!(err.location, at("antes", None, Some(2)));
    assert_eq!(
        err.problem,
        PhhProblem::WrongType {
            expected: "an array of numbers",
            found: "a string"
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `antes`, line 2: \
         expected an array of numbers, found a string"
    );

    let err = hand_error(&BASE.replace("[200, 200]", "[200, 'lots']"));
    assert_eq!(err.location, at("starting_stacks", Some(2), Some(5)));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `starting_stacks`, element 2, line 5: \
         expected a number, found a string"
    );

    for (extra, message) in [
        (
            "day = 'Monday'",
            "field `day`, line 7: expected an integer, found a string",
        ),
        (
            "seats = [1, 2.5]",
            "field `seats`, element 2, line 7: expected an integer, found a float",
        ),
        (
            "hand = 1.5",
            "field `hand`, line 7: expected a string or an integer, found a float",
        ),
        (
            "ante_trimming_status = 'no'",
            "field `ante_trimming_status`, line 7: expected a boolean, found a string",
        ),
        (
            "time = '21:05'",
            "field `time`, line 7: expected a local time such as 21:05:00, found a string",
        ),
        (
            "players = 'Ada'",
            "field `players`, line 7: expected an array of strings, found a string",
        ),
        (
            "[min_bet]\nx = 1",
            "field `min_bet`, line 7: expected a number, found a table",
        ),
    ] {
        let text = format!("{}{extra}\n", BASE.replace("min_bet = 2\n", ""));
        // Line 7 moves up one with min_bet gone; the table case keeps min_bet's name.
        let err = hand_error(&text);
        let expected = message.replace("line 7", "line 6");
        assert_eq!(
            err.to_string(),
            format!("invalid PHH hand history at {expected}"),
            "{extra}"
        );
    }
}

#[test]
fn a_missing_required_field() {
    let err = hand_error(&BASE.replace("min_bet = 2\n", ""));
    assert_eq!(err.location, at("min_bet", None, None));
    assert_eq!(
        err.problem,
        PhhProblem::MissingField {
            field: "min_bet",
            required_by: Some(PhhVariant::NoLimitTexasHoldem)
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `min_bet`: missing field `min_bet`, \
         which variant NT (No-limit Texas hold 'em) requires"
    );

    let err = hand_error(&BASE.replace("variant = 'NT'\n", ""));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `variant`: missing field `variant`, \
         which every hand requires"
    );

    let err = hand_error(&BASE.replace("actions = ['d dh p1 AsKs', 'd dh p2 ????']\n", ""));
    assert_eq!(
        err.problem,
        PhhProblem::MissingField {
            field: "actions",
            required_by: None
        }
    );

    // A stud game needs a bring-in and fixed-limit bet sizes, not blinds or a min bet.
    let stud = "variant = 'FR'\nantes = [1, 1]\nsmall_bet = 2\nbig_bet = 4\n\
                starting_stacks = [50, 50]\nactions = []\n";
    assert_eq!(
        hand_error(stud).problem,
        PhhProblem::MissingField {
            field: "bring_in",
            required_by: Some(PhhVariant::FixedLimitRazz)
        }
    );
}

#[test]
fn an_unknown_variant_code() {
    let err = hand_error(&BASE.replace("'NT'", "'NLHE'"));
    assert_eq!(err.location, at("variant", None, Some(1)));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `variant`, line 1: unknown variant code \"NLHE\"; \
         the codes are FT, NT, NS, PO, FO/8, F7S, F7S/8, FR, N2L1D, F2L3D, FB"
    );
    // Codes are exact, as pokerkit reads them.
    assert!(matches!(
        hand_error(&BASE.replace("'NT'", "'nt'")).problem,
        PhhProblem::UnknownVariant { code } if code == "nt"
    ));
}

#[test]
fn bad_action_syntax_names_the_action_and_its_line() {
    let text = BASE.replace(
        "'d dh p2 ????'",
        "'d dh p2 ????',\n  'p2 cbr 6',\n  'p1 raise 20'",
    );
    let err = hand_error(&text);
    assert_eq!(err.location, at("actions", Some(4), Some(8)));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `actions`, action 4, line 8: \
         invalid action \"p1 raise 20\": unknown player action \"raise\"; \
         the player actions are f, cc, cbr, pb, sd and sm \
         (and, as GGP-GFX extensions, dd and rc)"
    );

    let err = hand_error(&BASE.replace("AsKs", "AsKx"));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `actions`, action 1, line 6: \
         invalid action \"d dh p1 AsKx\": card 2: invalid card \"Kx\": unknown suit \"x\"; \
         suits are s, h, d, c or ♠ ♥ ♦ ♣"
    );

    let err = hand_error(&BASE.replace("'d dh p2 ????'", "3"));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `actions`, action 2, line 6: \
         expected a string, found an integer"
    );
}

#[test]
fn a_card_outside_the_variant_deck() {
    let short_deck = BASE
        .replace("'NT'", "'NS'")
        .replace("'d dh p2 ????'", "'d dh p2 ????',\n  'd db 5c9dTh'");
    let err = hand_error(&short_deck);
    assert_eq!(err.location, at("actions", Some(3), Some(7)));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `actions`, action 3, line 7: \
         invalid action \"d db 5c9dTh\": card 5c is not in the short deck that variant NS \
         deals from"
    );
    // The same cards are fine in a standard-deck game.
    assert!(PhhHand::parse(&short_deck.replace("'NS'", "'NT'")).is_ok());
}

#[test]
fn amounts_that_cannot_be() {
    let cases = [
        (
            BASE.replace("[200, 200]", "[200, -5]"),
            "field `starting_stacks`, element 2, line 5: invalid amount -5: \
             a stack cannot be negative",
        ),
        (
            BASE.replace("[200, 200]", "[200, -0.5]"),
            "field `starting_stacks`, element 2, line 5: invalid amount -0.5: \
             a stack cannot be negative",
        ),
        (
            BASE.replace("[200, 200]", "[200, nan]"),
            "field `starting_stacks`, element 2, line 5: invalid amount nan: \
             nan is not an amount",
        ),
        (
            BASE.replace("antes = [0, 0]", "antes = [inf, 0]"),
            "field `antes`, element 1, line 2: invalid amount inf: \
             only stacks and the time limit may be infinite (inf)",
        ),
        (
            BASE.replace("antes = [0, 0]", "antes = [0, -1]"),
            "field `antes`, element 2, line 2: invalid amount -1: an ante cannot be negative",
        ),
        (
            BASE.replace("min_bet = 2", "min_bet = -2"),
            "field `min_bet`, line 4: invalid amount -2: \
             a bring-in or bet size cannot be negative",
        ),
        (
            BASE.replace("min_bet = 2", "min_bet = 1e99"),
            "field `min_bet`, line 4: invalid amount 1e99: \
             too many digits for an exact amount (at most 28 significant digits)",
        ),
        (
            // A decimal type would round this to 0; an exact reader refuses it.
            BASE.replace("min_bet = 2", "min_bet = 0.00000000000000000000000000001"),
            "field `min_bet`, line 4: invalid amount 0.00000000000000000000000000001: \
             too many digits for an exact amount (at most 28 significant digits)",
        ),
        (
            format!("{BASE}winnings = [0, -1]\n"),
            "field `winnings`, element 2, line 7: invalid amount -1: \
             winnings cannot be negative",
        ),
        (
            format!("{BASE}time_banks = [30, -1.5]\n"),
            "field `time_banks`, element 2, line 7: invalid amount -1.5: \
             a time cannot be negative",
        ),
        (
            format!("{BASE}finishing_stacks = [-inf, 400]\n"),
            "field `finishing_stacks`, element 1, line 7: invalid amount -inf: \
             a stack cannot be negative",
        ),
    ];
    for (text, message) in cases {
        let err = hand_error(&text);
        assert!(matches!(err.problem, PhhProblem::InvalidAmount { .. }));
        assert_eq!(
            err.to_string(),
            format!("invalid PHH hand history at {message}")
        );
    }
    // Negative blinds are kept: pokerkit writes them for blinds posted out of position.
    let hand = PhhHand::parse(&BASE.replace("[1, 2]", "[1, -2]")).unwrap();
    assert!(hand.blinds_or_straddles.unwrap()[1].is_negative());
}

#[test]
fn a_time_with_a_date() {
    let err = hand_error(&format!("{BASE}time = 2024-01-01T10:00:00\n"));
    assert_eq!(err.location, at("time", None, Some(7)));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at field `time`, line 7: invalid value 2024-01-01T10:00:00: \
         `time` is a local time of day such as 21:05:00, without a date or an offset \
         (the date goes in day, month and year; the zone in time_zone)"
    );
}

#[test]
fn errors_in_a_phhs_file_name_the_hand() {
    let second = BASE.replace("'d dh p2 ????'", "'d dh p2 ????', 'p1 cbr'");
    let text = format!("[1]\n{BASE}\n[2]\n{second}");
    let err = phhs_error(&text);
    assert_eq!(
        err.location,
        PhhLocation {
            hand_index: Some(2),
            field: Some("actions".into()),
            position: Some(3),
            line: Some(15),
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at hand 2, field `actions`, action 3, line 15: \
         invalid action \"p1 cbr\": \"cbr\" needs the amount to complete, bet or raise to"
    );

    let err = phhs_error(&format!("[1]\n{}", BASE.replace("min_bet = 2\n", "")));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at hand 1, field `min_bet`, line 1: missing field \
         `min_bet`, which variant NT (No-limit Texas hold 'em) requires"
    );

    // A key after a header belongs to that hand (here, a field hand 1 does not know);
    // a key before the first header is not a hand.
    let entries = parse_phhs(&format!("[1]\n{BASE}note = 'x'\n")).unwrap();
    assert_eq!(entries[0].hand.user_defined_fields.len(), 1);
    let err = phhs_error(&format!("note = 'x'\n[1]\n{BASE}"));
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history at hand 1, line 1: a .phhs file holds one table per hand \
         (such as [1]), but this entry is a string"
    );
    assert!(matches!(
        err.problem,
        PhhProblem::NotAHand { found: "a string" }
    ));
}

#[test]
fn a_phhs_file_read_as_one_hand() {
    let text = format!("[1]\n{BASE}\n[2]\n{BASE}");
    let err = hand_error(&text);
    assert_eq!(err.problem, PhhProblem::ManyHands { count: 2 });
    assert_eq!(
        err.to_string(),
        "invalid PHH hand history: this is a .phhs file of 2 hands (one table per hand, \
         such as [1]), not a single hand; read it with parse_phhs"
    );
}

#[test]
fn hand_history_errors_have_their_own_kind() {
    let err = PhhHand::parse("variant = 1").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::HandHistory);
    assert_eq!(err.kind().code(), "hand_history");
    assert_eq!(
        PhhHand::parse("variant = 'XX'").unwrap_err().kind(),
        ErrorKind::HandHistory
    );
}

#[test]
fn unknown_fields_are_not_errors() {
    // The specification tells readers to keep going past fields they do not know; a
    // user-defined field's name starts with `_`, but one without it is kept too.
    let hand = PhhHand::parse(&format!("{BASE}_sponsor = 'x'\nfuture_field = [1, 2]\n")).unwrap();
    let names: Vec<&str> = hand
        .user_defined_fields
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["_sponsor", "future_field"]);
}
