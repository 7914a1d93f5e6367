//! Equity of two to ten hands: exact over every run-out, or Monte Carlo.
//!
//! ```text
//! equity [--variant NAME] [--board CARDS] [--dead CARDS] [--exact | --samples N]
//!        [--seed N] [--threads N] [--json] HAND HAND...
//! ```
//!
//! Hold'em by default; `--variant` takes any name the rules engine's registry knows
//! (`plo`, `FO/8`, `short deck`, ...). A HAND of `random` is a random hand (Monte Carlo
//! only). Exact unless a hand is random or `--samples` is given; `--threads` defaults to
//! every core. Results go to stdout, problems to stderr.
//!
//! Run: `cargo run --release -p ggp-examples --example equity -- AhKh QsQd`
//! or `... --example equity -- --variant plo --board 2h3h4c AsKsQdJd 9h9c8h7c`.

use std::process::ExitCode;
use std::time::Instant;

use ggp_core::equity::{BoardGame, EquityRequest, EquityResult, Holding};
use ggp_core::rules::variant::variant;
use ggp_core::{CardSet, format_cards};

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
    let game = BoardGame::for_variant(&variant).map_err(|e| format!("--variant: {e}"))?;
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
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.threads
    };
    let samples = match (options.samples, options.exact, random) {
        (Some(samples), _, _) => Some(samples),
        (None, true, true) => return Err("--exact needs every hand known".to_owned()),
        (None, _, true) => Some(1_000_000),
        (None, _, false) => None,
    };
    // The evaluator builds its lookup tables on first use (once per process); "ms"
    // counts the computation only.
    ggp_core::eval::high::strength(CardSet::EMPTY);
    let started = Instant::now();
    let result = match samples {
        Some(samples) => request.monte_carlo(samples, options.seed, threads),
        None => request.exact(threads),
    }
    .map_err(|e| format!("{}: {e}", options.hands.join(" ")))?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if options.json {
        println!("{}", json_line(&options.hands, &result, threads, ms));
    } else {
        print_table(&options.hands, &request, &result, threads, ms);
    }
    Ok(())
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// One JSON line, keys in the documented order (serde_json's map would sort them).
fn json_line(hands: &[String], result: &EquityResult, threads: usize, ms: f64) -> String {
    let number = |value: f64| serde_json::Value::from(value).to_string();
    let players: Vec<String> = hands
        .iter()
        .zip(&result.players)
        .map(|(hand, p)| {
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

fn print_table(
    hands: &[String],
    request: &EquityRequest,
    result: &EquityResult,
    threads: usize,
    ms: f64,
) {
    let board: Vec<_> = request.board.iter().collect();
    println!(
        "{} boards{}{} ({}, {} thread{}, {ms:.1} ms)",
        result.boards,
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
