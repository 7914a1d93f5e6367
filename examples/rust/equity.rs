//! Equity of two to ten hands: exact over every run-out, or Monte Carlo.
//!
//! ```text
//! equity [--variant NAME] [--board CARDS] [--dead CARDS] [--exact | --samples N]
//!        [--seed N] [--threads N] [--json] HAND HAND...
//! ```
//!
//! Hold'em by default; `--variant` takes any name the rules engine's registry knows
//! (`plo`, `FO/8`, `short deck`, `razz`, `F7S/8`, `F2L3D`, `badugi`, ...). A HAND of
//! `random` is a random hand. Board games are exact unless a hand is random (then
//! Monte Carlo, 1,000,000 samples, unless `--exact` asks for every deal of the random
//! hands) or `--samples` is given. In stud and draw games a HAND is the cards known to
//! end in it (stud: up-cards and any seen down-cards; draw: the cards kept), the rest
//! dealt from the unseen cards, and `--dead` takes folded up-cards and discards; exact
//! up to 20,000,000 deals, Monte Carlo beyond unless `--exact`. `--threads` defaults
//! to every core; `ms` is the computation alone. Results go to stdout, problems to
//! stderr. In stud and draw games `--json` adds each player's `outs`: the unseen cards
//! that, dealt to that player next, put them alone ahead (`StudDrawRequest::outs`).
//!
//! Run: `cargo run --release -p ggp-examples --example equity -- AhKh QsQd`
//! or `... --example equity -- --variant plo --board 2h3h4c AsKsQdJd 9h9c8h7c`
//! or `... --example equity -- --variant razz Ah2c3d4sKd 2d3h6c7h8d`.

use std::process::ExitCode;
use std::time::Instant;

use ggp_core::equity::{
    BoardGame, EquityRequest, EquityResult, Holding, SeatCards, StudDrawGame, StudDrawRequest,
};
use ggp_core::rules::variant::variant;
use ggp_core::{Card, CardSet, format_cards};

const USAGE: &str = "usage: equity [--variant NAME] [--board CARDS] [--dead CARDS] \
                     [--exact | --samples N] [--seed N] [--threads N] [--json] HAND HAND...";

/// What the command line asks for.
#[derive(Debug)]
struct Options {
    variant: String,
    board: CardSet,
    dead: CardSet,
    exact: bool,
    samples: Option<u64>,
    seed: u64,
    threads: usize,
    json: bool,
    hands: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        variant: "NT".to_owned(),
        board: CardSet::EMPTY,
        dead: CardSet::EMPTY,
        exact: false,
        samples: None,
        seed: 1,
        threads: 0,
        json: false,
        hands: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let cards = |name: &str, text: String| {
            CardSet::parse(&text).map_err(|e| format!("{name} {text:?}: {e}"))
        };
        let number = |name: &str, text: String| {
            text.parse::<u64>()
                .map_err(|e| format!("{name} {text:?}: {e}"))
        };
        match arg.as_str() {
            "--variant" => options.variant = value("--variant")?,
            "--board" => options.board = cards("--board", value("--board")?)?,
            "--dead" => options.dead = cards("--dead", value("--dead")?)?,
            "--exact" => options.exact = true,
            "--samples" => options.samples = Some(number("--samples", value("--samples")?)?),
            "--seed" => options.seed = number("--seed", value("--seed")?)?,
            "--threads" => {
                options.threads = number("--threads", value("--threads")?)? as usize;
            }
            "--json" => options.json = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag:?}")),
            hand => options.hands.push(hand.to_owned()),
        }
    }
    if options.exact && options.samples.is_some() {
        return Err("--exact and --samples cannot both be given".to_owned());
    }
    Ok(options)
}

fn run(options: &Options) -> Result<(), String> {
    let variant = variant(&options.variant).map_err(|e| format!("--variant: {e}"))?;
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.threads
    };
    // The evaluator builds its lookup tables on first use (once per process); "ms"
    // counts the computation only.
    ggp_core::eval::high::strength(CardSet::EMPTY);
    let game = match BoardGame::for_variant(&variant) {
        Ok(game) => game,
        Err(board_error) => match StudDrawGame::for_variant(&variant) {
            Ok(game) => return run_stud_draw(options, game, threads),
            Err(_) => return Err(format!("--variant: {board_error}")),
        },
    };
    let players = options
        .hands
        .iter()
        .map(|text| {
            if text.eq_ignore_ascii_case("random") {
                Ok(Holding::Random)
            } else {
                CardSet::parse(text)
                    .map(Holding::Known)
                    .map_err(|e| format!("hand {text:?}: {e}"))
            }
        })
        .collect::<Result<Vec<_>, String>>()?;
    let random = players.contains(&Holding::Random);
    let mut request = EquityRequest::new(game, &[])
        .with_board(options.board)
        .with_dead(options.dead);
    request.players = players;
    let (min, max) = game.hole_card_range();
    request.random_hole_cards = variant.hole_card_count().clamp(min, max);
    // Random hands are sampled unless --exact asks for every deal of them.
    let samples = match (options.samples, options.exact, random) {
        (Some(samples), _, _) => Some(samples),
        (None, false, true) => Some(DEFAULT_SAMPLES),
        (None, _, _) => None,
    };
    let started = Instant::now();
    let result = match samples {
        Some(samples) => request.monte_carlo(samples, options.seed, threads),
        None => request.exact(threads),
    }
    .map_err(|e| format!("{}: {e}", options.hands.join(" ")))?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if options.json {
        println!("{}", json_line(&options.hands, &result, threads, ms, None));
    } else {
        let header = describe_board(&request);
        print_table(&options.hands, &header, &result, threads, ms);
    }
    Ok(())
}

/// Samples when none are asked for and the answer cannot be enumerated.
const DEFAULT_SAMPLES: u64 = 1_000_000;
/// Stud and draw deals enumerated by default; beyond this, Monte Carlo unless --exact.
const DEFAULT_EXACT_DEALS: u64 = 20_000_000;

/// Stud and draw: each HAND is the cards known to end in that hand (up-cards and seen
/// down-cards; the kept cards of a draw), the rest unseen; `random` knows none.
fn run_stud_draw(options: &Options, game: StudDrawGame, threads: usize) -> Result<(), String> {
    if !options.board.is_empty() {
        return Err("--board: stud and draw games have no board".to_owned());
    }
    let seats = options
        .hands
        .iter()
        .map(|text| {
            let known = if text.eq_ignore_ascii_case("random") {
                CardSet::EMPTY
            } else {
                CardSet::parse(text).map_err(|e| format!("hand {text:?}: {e}"))?
            };
            let unknown = game
                .hand_size
                .checked_sub(known.len())
                .ok_or_else(|| format!("hand {text:?}: more than {} cards", game.hand_size))?;
            Ok(SeatCards::new(known, unknown))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let request = StudDrawRequest::new(game, &seats).with_dead(options.dead);
    let samples = match (options.samples, options.exact) {
        (Some(samples), _) => Some(samples),
        (None, false) if request.deal_count() > DEFAULT_EXACT_DEALS => Some(DEFAULT_SAMPLES),
        (None, _) => None,
    };
    let started = Instant::now();
    let result = match samples {
        Some(samples) => request.monte_carlo(samples, options.seed, threads),
        None => request.exact(threads),
    }
    .map_err(|e| format!("{}: {e}", options.hands.join(" ")))?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if options.json {
        // Stud and draw lines add each player's outs for the next card (computed after
        // the timed equity run, so `ms` is still the equity alone).
        let outs = request
            .outs(options.seed, threads)
            .map_err(|e| format!("{}: outs: {e}", options.hands.join(" ")))?;
        let outs: Vec<Vec<Card>> = outs.players.into_iter().map(|seat| seat.outs).collect();
        println!(
            "{}",
            json_line(&options.hands, &result, threads, ms, Some(&outs))
        );
    } else {
        let header = if request.dead.is_empty() {
            " deals".to_owned()
        } else {
            format!(" deals, dead {}", request.dead)
        };
        print_table(&options.hands, &header, &result, threads, ms);
    }
    Ok(())
}

fn describe_board(request: &EquityRequest) -> String {
    let board: Vec<_> = request.board.iter().collect();
    format!(
        " boards{}{}",
        if board.is_empty() {
            String::new()
        } else {
            format!(" from {}", format_cards(&board))
        },
        if request.dead.is_empty() {
            String::new()
        } else {
            format!(", dead {}", request.dead)
        },
    )
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// One JSON line, keys in the documented order (serde_json's map would sort them); stud
/// and draw games add each player's `outs`, the cards that dealt to that player next put
/// them alone ahead (see `StudDrawRequest::outs`).
fn json_line(
    hands: &[String],
    result: &EquityResult,
    threads: usize,
    ms: f64,
    outs: Option<&[Vec<Card>]>,
) -> String {
    let number = |value: f64| serde_json::Value::from(value).to_string();
    let players: Vec<String> = hands
        .iter()
        .zip(&result.players)
        .enumerate()
        .map(|(seat, (hand, p))| {
            let mut player = format!(
                "{{\"hand\": {}, \"win\": {}, \"tie\": {}, \"lose\": {}, \"equity\": {}",
                serde_json::Value::from(hand.as_str()),
                p.win,
                p.tie,
                p.lose,
                number(round(p.equity, 4)),
            );
            if let Some(se) = p.std_error {
                player.push_str(&format!(", \"std_error\": {}", number(round(se, 6))));
            }
            for (key, share) in [("high", p.high), ("low", p.low), ("scoop", p.scoop)] {
                if let Some(share) = share {
                    player.push_str(&format!(", \"{key}\": {}", number(round(share, 4))));
                }
            }
            if let Some(cards) = outs.and_then(|outs| outs.get(seat)) {
                let cards: Vec<String> = cards.iter().map(|c| format!("\"{c}\"")).collect();
                player.push_str(&format!(", \"outs\": [{}]", cards.join(", ")));
            }
            player.push('}');
            player
        })
        .collect();
    format!(
        "{{\"players\": [{}], \"boards\": {}, \"exact\": {}, \"threads\": {threads}, \"ms\": {}}}",
        players.join(", "),
        result.boards,
        result.exact,
        number(round(ms, 1)),
    )
}

fn print_table(hands: &[String], header: &str, result: &EquityResult, threads: usize, ms: f64) {
    println!(
        "{}{header} ({}, {} thread{}, {ms:.1} ms)",
        result.boards,
        if result.exact { "exact" } else { "Monte Carlo" },
        threads,
        if threads == 1 { "" } else { "s" },
    );
    for (hand, p) in hands.iter().zip(&result.players) {
        let mut line = format!(
            "{hand:>14}  equity {:6.2}%  win {:>10}  tie {:>9}  lose {:>10}",
            p.equity * 100.0,
            p.win,
            p.tie,
            p.lose
        );
        if let Some(se) = p.std_error {
            line.push_str(&format!("  ±{:.3}%", se * 100.0));
        }
        if let (Some(high), Some(low), Some(scoop)) = (p.high, p.low, p.scoop) {
            line.push_str(&format!(
                "  high {:.2}%  low {:.2}%  scoop {:.2}%",
                high * 100.0,
                low * 100.0,
                scoop * 100.0
            ));
        }
        println!("{line}");
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = parse_args(&args).and_then(|options| {
        if options.hands.len() < 2 {
            return Err(format!("give 2 to 10 hands\n{USAGE}"));
        }
        run(&options)
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("equity: {message}");
            ExitCode::FAILURE
        }
    }
}
