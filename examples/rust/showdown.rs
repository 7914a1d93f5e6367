//! Plays a seeded hold'em hand through the rules engine, every player calling down, and
//! shows each street's board with every player's exact equity, then the showdown and the
//! payouts.
//!
//! Until the broadcast pipeline lands this is the richest end-to-end program, and the one
//! the README's main command runs. Run: `cargo run -p ggp-examples --example showdown --
//! [--players N] [--seed S]`.

use ggp_core::equity::{BoardGame, EquityRequest};
use ggp_core::rules::{Action, Hand, HandConfig, Pending, variant};
use ggp_core::{CardSet, Chips, Deck, DeckKind, eval::high, format_cards};

struct Options {
    players: usize,
    seed: u64,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        players: 6,
        seed: 2026,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--players" => {
                options.players = value
                    .parse()
                    .map_err(|_| format!("--players {value:?} is not a number"))?;
                if !(2..=10).contains(&options.players) {
                    return Err(format!("--players {value} must be between 2 and 10"));
                }
            }
            "--seed" => {
                options.seed = value
                    .parse()
                    .map_err(|_| format!("--seed {value:?} is not a number"))?
            }
            other => {
                return Err(format!(
                    "unknown option {other}; use --players N and --seed S"
                ));
            }
        }
    }
    Ok(options)
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("showdown: {message}");
            std::process::exit(2);
        }
    };
    if let Err(error) = run(&options) {
        eprintln!("showdown: {error}");
        std::process::exit(1);
    }
}

fn hole_cards(hand: &Hand, player: usize) -> CardSet {
    hand.state()
        .hole_cards(player)
        .iter()
        .filter_map(|h| h.card)
        .collect()
}

/// Prints the board and every player's exact equity.
fn print_street(hand: &Hand, players: usize) -> Result<(), ggp_core::Error> {
    let board = hand.state().board_cards(0);
    let holes: Vec<CardSet> = (0..players).map(|p| hole_cards(hand, p)).collect();
    let equity = EquityRequest::new(BoardGame::Holdem, &holes)
        .with_board(board.iter().copied().collect())
        .exact(0)?;
    let street = ["Preflop", "Flop", "Turn", "River"][board.len().saturating_sub(2).min(3)];
    println!(
        "{street:<8} {}",
        if board.is_empty() {
            "-".to_owned()
        } else {
            format_cards(&board)
        }
    );
    for (seat, player) in equity.players.iter().enumerate() {
        let cards: Vec<_> = holes[seat].iter().collect();
        println!(
            "  Seat {:>2}  {}  {:>6.2}%",
            seat + 1,
            format_cards(&cards),
            player.equity * 100.0
        );
    }
    Ok(())
}

fn run(options: &Options) -> Result<(), ggp_core::Error> {
    let config = HandConfig::new(variant("NT")?, vec![Chips::from(1_000); options.players])
        .with_blinds(&[Chips::from(5), Chips::from(10)])
        .with_min_bet(Chips::from(10));
    let mut hand = Hand::new(config)?;
    let mut deck = Deck::shuffled(DeckKind::Standard, options.seed);
    // Hands that cannot win are mucked at showdown; keep what each player was dealt.
    let mut dealt: Vec<CardSet> = vec![CardSet::EMPTY; options.players];
    println!(
        "Seed {}, {} players, No-Limit Hold'em 5/10",
        options.seed, options.players
    );
    ggp_examples::play_out(
        &mut hand,
        &mut deck,
        true,
        |_, player| Action::CheckOrCall { player },
        |hand| {
            for (seat, cards) in dealt.iter_mut().enumerate() {
                *cards |= hole_cards(hand, seat);
            }
            if matches!(hand.state().pending(), Pending::Bet { .. }) {
                print_street(hand, options.players)?;
            }
            Ok(())
        },
    )?;
    let state = hand.state();
    let board = state.board_cards(0);
    println!("Showdown {}", format_cards(&board));
    for (seat, hole) in dealt.iter().enumerate() {
        let cards: Vec<_> = hole.iter().chain(board.iter().copied()).collect();
        let value = high::evaluate(&cards)?;
        let payoff = state.payoffs()[seat];
        let sign = if payoff.is_positive() { "+" } else { "" };
        let shown = if state.active()[seat] {
            ""
        } else {
            " (mucked)"
        };
        println!(
            "  Seat {:>2}  {:<34} {sign}{payoff}{shown}",
            seat + 1,
            value.description()
        );
    }
    Ok(())
}
