//! PokerStars hand histories convert to PHH hands that replay through the rules engine
//! to the stacks PokerStars reports, and write to PHH and read back equal.

use std::collections::HashMap;

use ggp_core::phh::{PhhActionKind, PhhCard, PhhHand, PhhLabel, PhhStack, PhhValue, PhhVariant};
use ggp_core::pokerstars::{parse_pokerstars, parse_pokerstars_hand};
use ggp_core::{Chips, Error, ErrorKind};

const NLHE_CASH: &str = include_str!("data/pokerstars/nlhe_cash_6max_showdown.txt");
const NLHE_TOURNAMENT: &str = include_str!("data/pokerstars/nlhe_tournament_antes_side_pot.txt");
const PLO_CASH: &str = include_str!("data/pokerstars/plo_cash_uncalled_bet.txt");
const OMAHA_HILO: &str = include_str!("data/pokerstars/omaha_hilo_split_pot.txt");
const FL_HOLDEM: &str = include_str!("data/pokerstars/fl_holdem_capped.txt");
const HEADS_UP: &str = include_str!("data/pokerstars/headsup_bb_ante_uncalled.txt");
const SEVERAL: &str = include_str!("data/pokerstars/several_hands_one_corrupted.txt");

const ALL: [&str; 7] = [
    NLHE_CASH,
    NLHE_TOURNAMENT,
    PLO_CASH,
    OMAHA_HILO,
    FL_HOLDEM,
    HEADS_UP,
    SEVERAL,
];

fn chips(text: &str) -> Chips {
    text.trim_start_matches('$')
        .parse()
        .unwrap_or_else(|e| panic!("amount {text:?}: {e}"))
}

fn amount_after<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)
        .map(|rest| rest.split_whitespace().next().unwrap_or(""))
}

/// Each player's stack after the hand, from the text alone: the seat's chips, less what
/// the player put in (posts, calls, bets, raises), plus uncalled bets returned and what
/// the player collected. The rules engine takes no rake, so the rake goes back to the
/// one player who collected (a hand with several collectors must have no rake).
fn expected_stacks(hand_text: &str) -> HashMap<String, Chips> {
    let mut stacks: HashMap<String, Chips> = HashMap::new();
    let mut street: HashMap<String, Chips> = HashMap::new();
    let mut collectors: Vec<String> = Vec::new();
    let mut rake = Chips::ZERO;
    let mut small_blind = Chips::ZERO;
    let mut in_seats = true;
    for line in hand_text.lines().skip(1) {
        if line.starts_with("Table '") {
            continue;
        }
        if in_seats {
            if let Some(rest) = line.strip_prefix("Seat ") {
                let (_, body) = rest.split_once(": ").expect("seat line");
                let open = body.rfind(" (").expect("seat chips");
                let amount = body[open + 2..].split_whitespace().next().expect("chips");
                stacks.insert(body[..open].to_owned(), chips(amount));
                continue;
            }
            in_seats = false;
        }
        if line.starts_with("*** SUMMARY") {
            for rest in hand_text
                .lines()
                .filter_map(|l| l.strip_prefix("Total pot "))
            {
                let after = rest.split("Rake ").nth(1).expect("rake");
                rake = chips(after.split_whitespace().next().expect("rake amount"));
            }
            break;
        }
        if line.starts_with("*** FLOP")
            || line.starts_with("*** TURN")
            || line.starts_with("*** RIVER")
        {
            street.clear();
            continue;
        }
        if let Some(rest) = line.strip_prefix("Uncalled bet (") {
            let (amount, name) = rest.split_once(") returned to ").expect("uncalled");
            *stacks.get_mut(name).expect("known player") += chips(amount);
            continue;
        }
        if let Some((name, rest)) = line.split_once(" collected ") {
            if let Some(stack) = stacks.get_mut(name) {
                *stack += chips(rest.split_whitespace().next().expect("collected"));
                collectors.push(name.to_owned());
                continue;
            }
        }
        let Some((name, what)) = line.split_once(": ") else {
            continue;
        };
        let Some(stack) = stacks.get_mut(name) else {
            continue;
        };
        let in_street = street.entry(name.to_owned()).or_insert(Chips::ZERO);
        if let Some(amount) = amount_after(what, "posts the ante ") {
            *stack -= chips(amount);
        } else if let Some(amount) = amount_after(what, "posts small & big blinds ") {
            *stack -= chips(amount);
            *in_street += chips(amount) - small_blind;
        } else if let Some(amount) = amount_after(what, "posts small blind ") {
            small_blind = chips(amount);
            *stack -= chips(amount);
            *in_street += chips(amount);
        } else if let Some(amount) = amount_after(what, "posts big blind ")
            .or_else(|| amount_after(what, "calls "))
            .or_else(|| amount_after(what, "bets "))
        {
            *stack -= chips(amount);
            *in_street += chips(amount);
        } else if let Some(rest) = what.strip_prefix("raises ") {
            let to = chips(
                rest.split(" to ")
                    .nth(1)
                    .expect("raise to")
                    .split_whitespace()
                    .next()
                    .expect("to"),
            );
            *stack -= to - *in_street;
            *in_street = to;
        }
    }
    collectors.dedup();
    if collectors.len() == 1 {
        *stacks.get_mut(&collectors[0]).expect("collector") += rake;
    } else {
        assert_eq!(
            rake,
            Chips::ZERO,
            "a split pot in these samples has no rake"
        );
    }
    stacks
}

/// The text of each hand of a file, by its header lines.
fn hand_texts(text: &str) -> Vec<String> {
    let mut hands: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.starts_with("PokerStars ") {
            hands.push(String::new());
        }
        if let Some(hand) = hands.last_mut() {
            hand.push_str(line);
            hand.push('\n');
        }
    }
    hands
}

fn check_replays_to_reported_stacks(hand: &PhhHand, text: &str) {
    let replayed = hand
        .replay()
        .unwrap_or_else(|e| panic!("{:?}: {e}", hand.hand));
    assert!(
        replayed.state().is_complete(),
        "{:?} did not finish",
        hand.hand
    );
    let expected = expected_stacks(text);
    let players = hand.players.as_ref().expect("players");
    for (idx, name) in players.iter().enumerate() {
        assert_eq!(
            replayed.state().stacks()[idx],
            expected[name],
            "hand {:?}, player {name}",
            hand.hand
        );
    }
}

fn check_round_trip(hand: &PhhHand) {
    let text = hand.to_phh_string();
    let back = PhhHand::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(&back, hand, "{text}");
}

fn only_hand(text: &str) -> PhhHand {
    let mut hands = parse_pokerstars(text);
    assert_eq!(hands.len(), 1);
    hands.remove(0).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_sample_hand_replays_to_the_stacks_pokerstars_reports_and_round_trips() {
    let mut converted = 0;
    for file in ALL {
        for (text, result) in hand_texts(file).iter().zip(parse_pokerstars(file)) {
            let Ok(hand) = result else { continue };
            check_replays_to_reported_stacks(&hand, text);
            check_round_trip(&hand);
            converted += 1;
        }
    }
    assert_eq!(converted, 8);
}

#[test]
fn nlhe_cash_hand_keeps_seats_order_stakes_and_metadata() {
    let hand = only_hand(NLHE_CASH);
    assert_eq!(hand.variant, PhhVariant::NoLimitTexasHoldem);
    assert_eq!(
        hand.players.as_deref(),
        Some(&["Dave", "Erin", "Frank", "Alice", "Bob", "Hero"].map(String::from)[..])
    );
    assert_eq!(hand.seats, Some(vec![4, 5, 6, 1, 2, 3]));
    assert_eq!(hand.seat_count, Some(6));
    assert_eq!(hand.table, Some(PhhLabel::Name("Aludra III".into())));
    assert_eq!(hand.hand, Some(PhhLabel::Number(245_100_000_001)));
    assert_eq!(hand.currency.as_deref(), Some("USD"));
    assert_eq!(hand.currency_symbol.as_deref(), Some("$"));
    assert_eq!(
        (hand.year, hand.month, hand.day),
        (Some(2024), Some(3), Some(14))
    );
    assert_eq!(
        hand.time.map(|t| t.to_string()).as_deref(),
        Some("21:34:12")
    );
    assert_eq!(hand.time_zone_abbreviation.as_deref(), Some("CET"));
    assert_eq!(hand.min_bet, Some(chips("1")));
    assert_eq!(
        hand.blinds_or_straddles,
        Some(vec![
            chips("0.50"),
            chips("1"),
            Chips::ZERO,
            Chips::ZERO,
            Chips::ZERO,
            Chips::ZERO
        ])
    );
    assert_eq!(hand.starting_stacks[4], PhhStack::Chips(chips("54.25")));
    let deals: Vec<String> = hand.actions[..6].iter().map(ToString::to_string).collect();
    assert_eq!(
        deals,
        [
            "d dh p1 ????",
            "d dh p2 ????",
            "d dh p3 ????",
            "d dh p4 ????",
            "d dh p5 ????",
            "d dh p6 AhKd"
        ]
    );
    let text: Vec<String> = hand.actions[6..].iter().map(ToString::to_string).collect();
    assert_eq!(text[0], "p3 f");
    assert_eq!(text[1], "p4 cbr 3");
    assert_eq!(text[3], "p6 cbr 9");
    assert!(text.contains(&"d db Kc7h2d".to_owned()));
    assert!(text.contains(&"p6 sm AhKd".to_owned()));
    assert!(text.contains(&"p4 sm".to_owned()));
    assert_eq!(
        hand.winnings,
        Some(vec![
            Chips::ZERO,
            Chips::ZERO,
            Chips::ZERO,
            Chips::ZERO,
            Chips::ZERO,
            chips("88.50")
        ])
    );
    assert_eq!(
        hand.user_defined_field("_rake"),
        Some(&PhhValue::String("3".into()))
    );
    assert_eq!(
        hand.user_defined_field("_button_seat"),
        Some(&PhhValue::Integer(3))
    );
}

#[test]
fn tournament_hand_has_antes_level_and_an_acting_sitting_out_player() {
    let hand = only_hand(NLHE_TOURNAMENT);
    assert_eq!(
        hand.players.as_deref(),
        Some(&["Ivan", "Jo", "Kim", "Gus", "Hana"].map(String::from)[..])
    );
    assert_eq!(hand.antes, vec![chips("10"); 5]);
    assert_eq!(hand.level, Some(4));
    assert_eq!(
        hand.event.as_deref(),
        Some("PokerStars Tournament #3456789012")
    );
    assert_eq!(hand.currency, None);
    assert_eq!(
        hand.user_defined_field("_buy_in"),
        Some(&PhhValue::String("$10+$1 USD".into()))
    );
    let shows: Vec<String> = hand
        .actions
        .iter()
        .filter(|a| matches!(a.kind, PhhActionKind::ShowOrMuck { .. }))
        .map(ToString::to_string)
        .collect();
    assert_eq!(shows.len(), 3, "{shows:?}");
    assert!(shows.contains(&"p1 sm AcKc".to_owned()));
    assert!(shows.contains(&"p5 sm JhJd".to_owned()));
    let winnings = hand.winnings.expect("winnings");
    assert_eq!(winnings[0], chips("3920"));
}

#[test]
fn heads_up_lists_the_big_blind_first_and_keeps_the_big_blind_ante() {
    let hand = only_hand(HEADS_UP);
    assert_eq!(
        hand.players.as_deref(),
        Some(&["Hero", "Tara"].map(String::from)[..])
    );
    // The engine reads heads-up forced bets from the other player's slot, as PHH does.
    assert_eq!(
        hand.blinds_or_straddles,
        Some(vec![chips("400"), chips("800")])
    );
    assert_eq!(hand.antes, vec![Chips::ZERO, chips("800")]);
    assert_eq!(hand.level, Some(12));
    assert_eq!(hand.actions[0].to_string(), "d dh p1 9h9c");
    assert_eq!(hand.actions[1].to_string(), "d dh p2 ????");
}

#[test]
fn omaha_variants_and_fixed_limit_bets() {
    let plo = only_hand(PLO_CASH);
    assert_eq!(plo.variant, PhhVariant::PotLimitOmahaHoldem);
    assert_eq!(
        plo.user_defined_field("_zoom"),
        Some(&PhhValue::Boolean(true))
    );
    assert_eq!(plo.currency.as_deref(), Some("USD"));
    assert!(plo.actions.iter().any(|a| a.to_string() == "p4 cbr 44"));
    let hilo = only_hand(OMAHA_HILO);
    assert_eq!(
        hilo.variant,
        PhhVariant::FixedLimitOmahaHoldemHighLowSplitEightOrBetter
    );
    assert_eq!(
        (hilo.small_bet, hilo.big_bet),
        (Some(chips("1")), Some(chips("2")))
    );
    assert_eq!(
        hilo.winnings,
        Some(vec![Chips::ZERO, chips("6"), chips("6")])
    );
    let hero_cards = hilo.actions.iter().find_map(|a| match &a.kind {
        PhhActionKind::DealHole {
            player_idx: 2,
            cards,
        } => Some(cards.clone()),
        _ => None,
    });
    assert_eq!(
        hero_cards.map(|c| PhhCard::format_list(&c)).as_deref(),
        Some("Ac2dKhQh")
    );
    let fl = only_hand(FL_HOLDEM);
    assert_eq!(fl.variant, PhhVariant::FixedLimitTexasHoldem);
    assert_eq!(
        (fl.small_bet, fl.big_bet),
        (Some(chips("2")), Some(chips("4")))
    );
    assert_eq!(fl.seat_count, Some(9));
}

#[test]
fn a_corrupted_hand_is_named_and_the_others_convert() {
    let results = parse_pokerstars(SEVERAL);
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok(), "{:?}", results[0]);
    assert!(results[2].is_ok(), "{:?}", results[2]);
    let Err(error) = &results[1] else {
        panic!("the corrupted hand converted")
    };
    assert_eq!(error.kind(), ErrorKind::Import);
    assert_eq!(error.kind().code(), "import");
    let Error::Import {
        source_format,
        hand,
        line,
        message,
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*source_format, hand.as_str(), *line),
        ("PokerStars", "245100000008", 50)
    );
    assert!(message.contains("$1#8"), "{message}");
    assert_eq!(
        error.to_string(),
        format!("PokerStars hand 245100000008, line 50: {message}")
    );
}

#[test]
fn a_dead_blind_is_dead_money_and_a_sitting_out_seat_is_left_out() {
    let hand = parse_pokerstars(SEVERAL).remove(0).expect("first hand");
    assert_eq!(
        hand.players.as_deref(),
        Some(&["Uma", "Vic", "Wes", "Xia", "Yan"].map(String::from)[..])
    );
    assert_eq!(
        hand.antes,
        vec![
            Chips::ZERO,
            Chips::ZERO,
            Chips::ZERO,
            chips("1"),
            Chips::ZERO
        ]
    );
    assert_eq!(
        hand.blinds_or_straddles,
        Some(vec![
            chips("1"),
            chips("2"),
            Chips::ZERO,
            chips("-2"),
            Chips::ZERO
        ])
    );
}

#[test]
fn a_truncated_hand_and_an_unsupported_game_are_errors_not_panics() {
    let truncated: String = NLHE_CASH
        .lines()
        .take(22)
        .map(|l| format!("{l}\n"))
        .collect();
    let error = parse_pokerstars_hand(&truncated).expect_err("truncated");
    assert!(
        error
            .to_string()
            .starts_with("PokerStars hand 245100000001, line 22: "),
        "{error}"
    );

    let plo8 = PLO_CASH.replace("Omaha Pot Limit", "Omaha Hi/Lo Pot Limit");
    let error = parse_pokerstars_hand(&plo8).expect_err("PLO8 has no PHH code");
    assert!(
        error.to_string().contains("245100000003, line 1"),
        "{error}"
    );

    // Every prefix of every sample, and every sample with one line dropped, converts or
    // fails with an import error; nothing panics.
    for file in ALL {
        let lines: Vec<&str> = file.lines().collect();
        for cut in 0..lines.len() {
            let prefix = lines[..cut].join("\n");
            for result in parse_pokerstars(&prefix) {
                if let Err(e) = result {
                    assert_eq!(e.kind(), ErrorKind::Import, "{e}");
                }
            }
            let mut dropped = lines.clone();
            dropped.remove(cut);
            for result in parse_pokerstars(&dropped.join("\n")) {
                if let Err(e) = result {
                    assert_eq!(e.kind(), ErrorKind::Import, "{e}");
                }
            }
        }
    }
    assert!(parse_pokerstars("").is_empty());
    assert!(parse_pokerstars("not a hand history\n\n").is_empty());
}
