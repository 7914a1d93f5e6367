//! A simulated RFID reader driving a hand.
//!
//! ```text
//! rfid_sim [--phh FILE | --seed N --players N] [--inject N] [--key HEX]
//!          [--listen ADDR [--pace-ms N] [--deck-out FILE]] [--json]
//! ```
//!
//! Without `--listen`, the simulator serves the hand over TCP on a loopback port to a
//! reader in the same process, which authenticates every line, maps tags to cards and
//! feeds them, with the hand's actions, into a fresh hand; it prints one result per line
//! (accepted cards, refused lines, actions) and a final line saying whether the hand
//! arrived whole. `--inject N` mixes a forged, a replayed and a malformed line in after
//! every N genuine ones. With `--listen ADDR` it serves the lines to the first client that
//! connects (`--pace-ms` apart), for demos with another receiver; `--deck-out` writes the
//! simulated deck's registration file for that receiver.
//!
//! Progress goes to stderr; stdout carries only results.

use std::net::TcpListener;
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use ggp_core::PhhHand;
use ggp_core::feed::{ActionEvent, HandFeed};
use ggp_core::rules::Hand;
use ggp_vision::rfid::sim::{self, Injections, SimStep, Simulator};
use ggp_vision::rfid::{
    Reader, RfidEvent, RfidTable, TableKey, TcpConnector, Verifier, system_time_ms,
};

const READER: &str = "sim-reader";
const DEFAULT_KEY: &str = "67677067667820726669642064656d6f";

struct Options {
    phh: Option<String>,
    seed: u64,
    players: usize,
    inject: usize,
    key: String,
    listen: Option<String>,
    pace_ms: u64,
    deck_out: Option<String>,
    json: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        phh: None,
        seed: 7,
        players: 6,
        inject: 0,
        key: DEFAULT_KEY.to_owned(),
        listen: None,
        pace_ms: 50,
        deck_out: None,
        json: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |text: String, name: &str| {
            text.parse::<u64>()
                .map_err(|_| format!("{name} takes a whole number, not {text:?}"))
        };
        match arg.as_str() {
            "--phh" => options.phh = Some(value("--phh")?),
            "--seed" => options.seed = number(value("--seed")?, "--seed")?,
            "--players" => {
                options.players = usize::try_from(number(value("--players")?, "--players")?)
                    .map_err(|_| "--players is too large".to_owned())?;
            }
            "--inject" => {
                options.inject = usize::try_from(number(value("--inject")?, "--inject")?)
                    .map_err(|_| "--inject is too large".to_owned())?;
            }
            "--key" => options.key = value("--key")?,
            "--listen" => options.listen = Some(value("--listen")?),
            "--pace-ms" => options.pace_ms = number(value("--pace-ms")?, "--pace-ms")?,
            "--deck-out" => options.deck_out = Some(value("--deck-out")?),
            "--json" => options.json = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

fn hand_history(options: &Options) -> Result<PhhHand, String> {
    match &options.phh {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            PhhHand::parse(&text).map_err(|e| format!("{path}: {e}"))
        }
        None => {
            let hand = sim::seeded_hand(options.players, options.seed)
                .map_err(|e| format!("seeded hand: {e}"))?;
            PhhHand::from_hand(&hand).map_err(|e| format!("seeded hand: {e}"))
        }
    }
}

fn emit(json: bool, value: serde_json::Value) {
    if json {
        println!("{value}");
    } else {
        let fields: Vec<String> = value
            .as_object()
            .map(|o| o.iter().map(|(k, v)| format!("{k}={v}")).collect())
            .unwrap_or_default();
        println!("{}", fields.join(" "));
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rfid_sim: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let options = parse_args()?;
    let key = TableKey::from_hex(&options.key).map_err(|e| e.to_string())?;
    let phh = hand_history(&options)?;
    let expected = phh.replay().map_err(|e| format!("the hand history: {e}"))?;
    let injections = Injections {
        every: options.inject,
        forged: true,
        replayed: true,
        malformed: true,
    };
    let mut simulator =
        Simulator::new(key.clone(), READER, system_time_ms(), 1).with_injections(injections);
    let steps = simulator.script(&expected);
    let lines = sim::lines(&steps);
    let players = expected.state().player_count();
    if let Some(address) = &options.listen {
        if let Some(path) = &options.deck_out {
            let (deck, _) = sim::simulated_table(READER, players);
            std::fs::write(path, deck.to_file_string()).map_err(|e| format!("{path}: {e}"))?;
        }
        let listener = TcpListener::bind(address).map_err(|e| format!("{address}: {e}"))?;
        eprintln!("rfid_sim: waiting for a receiver on {address}");
        let pace = Duration::from_millis(options.pace_ms);
        sim::serve(&listener, &lines, pace).map_err(|e| format!("serving: {e}"))?;
        emit(
            options.json,
            serde_json::json!({ "served_lines": lines.len() }),
        );
        return Ok(());
    }
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("loopback: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("loopback: {e}"))?
        .to_string();
    eprintln!("rfid_sim: serving {} lines on {address}", lines.len());
    let server = thread::spawn(move || sim::serve(&listener, &lines, Duration::ZERO));
    let (deck, antennas) = sim::simulated_table(READER, players);
    let mut table = RfidTable::new(deck, antennas);
    let mut reader = Reader::new(TcpConnector::new(address), Verifier::new(key, [READER]));
    let config = phh
        .to_config()
        .map_err(|e| format!("the hand history: {e}"))?;
    let mut feed = HandFeed::new(Hand::new(config).map_err(|e| e.to_string())?);
    let (mut accepted, mut refused, mut problems) = (0usize, 0usize, 0usize);
    for (index, step) in steps.iter().enumerate() {
        match step {
            SimStep::Line { .. } => match reader.next_message() {
                Ok(message) => {
                    accepted += 1;
                    for event in table.handle(&message) {
                        let RfidEvent::Card(card) = event else {
                            problems += 1;
                            emit(
                                options.json,
                                serde_json::json!({ "step": index, "table_event": format!("{event:?}") }),
                            );
                            continue;
                        };
                        let outcome = feed.apply_card(&card);
                        problems += usize::from(outcome.is_err());
                        emit(
                            options.json,
                            serde_json::json!({
                                "step": index,
                                "card": card.card.to_string(),
                                "location": card.location.to_string(),
                                "present": card.present,
                                "timestamp_ns": card.timestamp_ns,
                                "outcome": match outcome {
                                    Ok(outcome) => format!("{outcome:?}"),
                                    Err(error) => format!("error: {error}"),
                                },
                            }),
                        );
                    }
                }
                Err(error) => {
                    refused += 1;
                    emit(
                        options.json,
                        serde_json::json!({ "step": index, "refused": error.to_string() }),
                    );
                }
            },
            SimStep::Action {
                action,
                timestamp_ms,
            } => {
                let event = ActionEvent {
                    timestamp_ns: i64::try_from(*timestamp_ms)
                        .unwrap_or(i64::MAX)
                        .saturating_mul(1_000_000),
                    action: action.clone(),
                };
                let result = feed.apply_action(&event);
                problems += usize::from(result.is_err());
                emit(
                    options.json,
                    serde_json::json!({
                        "step": index,
                        "action": action.to_string(),
                        "error": result.err().map(|e| e.to_string()),
                    }),
                );
            }
        }
    }
    match server.join() {
        Ok(Ok(())) => {}
        Ok(Err(error)) => eprintln!("rfid_sim: the simulated reader stopped: {error}"),
        Err(_) => eprintln!("rfid_sim: the simulated reader panicked"),
    }
    let (state, want) = (feed.hand().state(), expected.state());
    let same_cards = (0..players).all(|p| state.hole_cards(p) == want.hole_cards(p))
        && state.board_cards(0) == want.board_cards(0);
    let board: String = state
        .board_cards(0)
        .iter()
        .map(ToString::to_string)
        .collect();
    emit(
        options.json,
        serde_json::json!({
            "complete": state.is_complete(),
            "matches_history": state.is_complete() && same_cards && state.payoffs() == want.payoffs(),
            "board": board,
            "payoffs": state.payoffs().iter().map(ToString::to_string).collect::<Vec<_>>(),
            "lines_accepted": accepted,
            "lines_refused": refused,
            "problems": problems,
        }),
    );
    Ok(())
}
