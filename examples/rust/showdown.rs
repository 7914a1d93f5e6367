//! Deals a hold'em hand from a seeded deck and shows each player's best hand at showdown.
//!
//! Until the broadcast pipeline lands this is the richest end-to-end program, and the one
//! the README's main command runs. Run: `cargo run -p ggp-examples --example showdown --
//! [--players N] [--seed S]`.

use ggp_core::{Card, Deck, DeckKind, eval::high, format_cards};

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

fn run(options: &Options) -> Result<(), ggp_core::Error> {
    let mut deck = Deck::shuffled(DeckKind::Standard, options.seed);
    let holes: Vec<Vec<Card>> = (0..options.players)
        .map(|_| deck.draw(2))
        .collect::<Result<_, _>>()?;
    let board = deck.draw(5)?;
    println!(
        "Seed {}, {} players. Board: {}",
        options.seed,
        options.players,
        format_cards(&board)
    );

    let mut results = Vec::new();
    for (seat, hole) in holes.iter().enumerate() {
        let cards: Vec<Card> = hole.iter().chain(&board).copied().collect();
        results.push((seat + 1, hole, high::evaluate(&cards)?));
    }
    let best = results.iter().map(|(_, _, value)| value.strength).max();
    for (seat, hole, value) in &results {
        let mark = if Some(value.strength) == best {
            "  <- wins"
        } else {
            ""
        };
        println!(
            "Seat {seat:>2}  {}  {:<34} best five: {}{mark}",
            format_cards(hole),
            value.description(),
            format_cards(&value.best_five),
        );
    }
    Ok(())
}
