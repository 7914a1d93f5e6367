//! PokerStars features beyond the basic hands: a straddle, and a board run twice (PHH
//! runs a board once, so the second run is kept aside).

use ggp_core::Chips;
use ggp_core::phh::{PhhHand, PhhValue};
use ggp_core::pokerstars::parse_pokerstars;

const FILE: &str = include_str!("data/pokerstars/straddle_and_run_it_twice.txt");

fn chips(text: &str) -> Chips {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn hands() -> Vec<PhhHand> {
    parse_pokerstars(FILE)
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn a_straddle_is_the_third_blind_and_the_player_after_it_acts_first() {
    let hand = &hands()[0];
    assert_eq!(
        hand.players.as_deref(),
        Some(&["Vic", "Wes", "Xia", "Uma"].map(String::from)[..])
    );
    assert_eq!(
        hand.blinds_or_straddles,
        Some(vec![chips("1"), chips("2"), chips("4"), Chips::ZERO])
    );
    let replayed = hand.replay().expect("replays");
    // Uma: 200 - 12 + 27 (the engine takes no rake); Vic: 180 - 1; Xia: 300 - 12.
    assert_eq!(
        replayed.state().stacks(),
        &[chips("179"), chips("248"), chips("288"), chips("215")]
    );
    assert_eq!(PhhHand::parse(&hand.to_phh_string()).as_ref(), Ok(hand));
}

#[test]
fn a_board_run_twice_plays_the_first_run_and_keeps_the_second() {
    let hand = &hands()[1];
    assert_eq!(
        hand.user_defined_field("_second_board"),
        Some(&PhhValue::String("Ks4d8h5cTh".into()))
    );
    let boards: Vec<String> = hand
        .actions
        .iter()
        .map(ToString::to_string)
        .filter(|a| a.starts_with("d db"))
        .collect();
    assert_eq!(boards, ["d db 2h7s9d", "d db Jc", "d db 3s"]);
    // What PokerStars paid per run is in `winnings`; the replay awards the whole pot on
    // the first run.
    assert_eq!(
        hand.winnings,
        Some(vec![chips("99"), Chips::ZERO, chips("100")])
    );
    let replayed = hand.replay().expect("replays");
    assert!(replayed.state().is_complete());
    assert_eq!(
        replayed.state().stacks(),
        &[chips("0"), chips("211"), chips("202")]
    );
    assert_eq!(PhhHand::parse(&hand.to_phh_string()).as_ref(), Ok(hand));
}
