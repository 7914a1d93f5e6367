//! Our exact equities against pokerkit's Monte Carlo estimates, an independent engine.
//!
//! `tests/data/pokerkit_equity.jsonl` is written by `tests/pokerkit/equity.py` (pokerkit
//! 0.7.7, the version `scripts/lib.sh` pins): random hold'em, Omaha, Omaha hi-lo and short
//! deck situations with pokerkit's equity from N samples. Each of our exact figures must
//! lie within five standard errors of pokerkit's estimate; a wrong split rule or a wrong
//! hand ranking moves a figure by far more than that.

use ggp_core::equity::{BoardGame, EquityRequest};
use ggp_core::{CardSet, ShortDeckRules};

#[derive(serde::Deserialize)]
struct Case {
    game: String,
    hands: Vec<String>,
    board: String,
    samples: u64,
    equities: Vec<f64>,
}

fn game(name: &str) -> BoardGame {
    match name {
        "holdem" => BoardGame::Holdem,
        "omaha" => BoardGame::Omaha,
        "omaha_hi_lo" => BoardGame::OmahaHiLo,
        "short_deck" => BoardGame::ShortDeck(ShortDeckRules::Standard),
        other => panic!("unknown game {other} in the pokerkit equity data"),
    }
}

#[test]
fn exact_equities_agree_with_pokerkit_within_sampling_error() {
    let text = include_str!("data/pokerkit_equity.jsonl");
    let mut checked = 0;
    for (line_number, line) in text.lines().enumerate() {
        let case: Case = serde_json::from_str(line).expect("a pokerkit equity line");
        let hands: Vec<CardSet> = case
            .hands
            .iter()
            .map(|hand| CardSet::parse(hand).expect("hole cards"))
            .collect();
        let board = CardSet::parse(&case.board).expect("board");
        let ours = EquityRequest::new(game(&case.game), &hands)
            .with_board(board)
            .exact(0)
            .expect("exact equity");
        for (player, (ours, theirs)) in ours.players.iter().zip(&case.equities).enumerate() {
            // Standard error of pokerkit's estimate, floored so that a sure thing (p = 0 or
            // 1, no variance) still allows for a rounding difference.
            let p = ours.equity.clamp(0.0, 1.0);
            let std_error = (p * (1.0 - p) / case.samples as f64).sqrt().max(1e-3);
            assert!(
                (ours.equity - theirs).abs() <= 5.0 * std_error,
                "line {}: {} {:?} board {:?}: player {player} ours {:.4}, pokerkit {theirs:.4} \
                 (standard error {std_error:.4})",
                line_number + 1,
                case.game,
                case.hands,
                case.board,
                ours.equity,
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} situations in the data");
}
