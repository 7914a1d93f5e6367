//! `--cards rfid-sim`: the hole and board cards reach the pipeline from a simulated RFID
//! reader instead of from the hand history's deal lines.
//!
//! For each hand the simulator (ggp-vision's `rfid::sim`) plays the dealer: it signs the
//! tag lines a real reader would send for the hand history's cards and serves them over a
//! loopback TCP port. A `Reader` authenticates every line with the table key (injected
//! forged, replayed and malformed lines are refused), an `RfidTable` maps tags and
//! antennas to card events, and a `HandFeed` turns those events, with the history's
//! betting actions, into the deals the pipeline plays. Hand histories carry no times, so
//! a card read is stamped with the moment the history's pace deals it on the video.

use std::collections::HashMap;
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use ggp_core::Card;
use ggp_core::feed::{ActionEvent, CardEvent, CardLocation, FeedEvent, FeedOutcome, HandFeed};
use ggp_core::rules::{Action, Hand};
use ggp_stream::timeline::HandScript;
use ggp_vision::rfid::sim::{self, Injections, Simulator};
use ggp_vision::rfid::{
    Reader, RfidEvent, RfidTable, TableKey, TcpConnector, Verifier, system_time_ms,
};

/// The simulated reader's id.
const READER: &str = "table-reader";
/// The table key the simulated reader signs with (a demo key, not a secret).
const KEY_HEX: &str = "67677067667820726669642064656d6f";
/// A forged, a replayed and a malformed line follow every this many genuine lines.
const INJECT_EVERY: usize = 6;

/// What the readers did over the whole run.
#[derive(Debug, Default)]
pub struct RfidStats {
    /// Lines that passed authentication.
    pub lines_accepted: usize,
    /// Lines refused (the injected forged, replayed and malformed ones).
    pub lines_refused: usize,
    /// Card events fed to the hands.
    pub card_events: usize,
    /// Reader events that were not clean card events, and events the feed refused.
    pub problems: usize,
    /// Whether every hand ended with the hand history's hole cards and board.
    pub cards_match_history: bool,
}

impl RfidStats {
    /// A fresh count; `cards_match_history` holds until a hand differs.
    pub fn new() -> RfidStats {
        RfidStats {
            cards_match_history: true,
            ..RfidStats::default()
        }
    }

    /// The counts as JSON for the result line.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "lines_accepted": self.lines_accepted,
            "lines_refused": self.lines_refused,
            "card_events": self.card_events,
            "problems": self.problems,
            "cards_match_history": self.cards_match_history,
        })
    }
}

/// The hand as the history plays it, when each card is dealt on the video, and the
/// history's other actions.
struct Dealt {
    hand: Hand,
    deal_ns: HashMap<Card, i64>,
    actions: Vec<ActionEvent>,
}

fn play_history(script: &HandScript) -> Result<Dealt, String> {
    let mut hand = Hand::new(script.config.clone()).map_err(|e| e.to_string())?;
    let mut deal_ns = HashMap::new();
    let mut actions = Vec::new();
    for event in &script.events {
        let FeedEvent::Action(event) = event else {
            continue;
        };
        hand.apply(event.action.clone())
            .map_err(|e| format!("the hand history: {e}"))?;
        match &event.action {
            Action::DealHole { cards, .. } => {
                for card in cards.iter().flatten() {
                    deal_ns.insert(*card, event.timestamp_ns);
                }
            }
            Action::DealBoard { cards } => {
                for card in cards {
                    deal_ns.insert(*card, event.timestamp_ns);
                }
            }
            _ => actions.push(event.clone()),
        }
    }
    Ok(Dealt {
        hand,
        deal_ns,
        actions,
    })
}

/// Serves the simulator's lines for `hand` on a loopback port and reads them back through
/// an authenticating reader; returns the card events the table gives.
fn read_cards(hand: &Hand, stats: &mut RfidStats) -> Result<Vec<CardEvent>, String> {
    let key = TableKey::from_hex(KEY_HEX).map_err(|e| e.to_string())?;
    let injections = Injections {
        every: INJECT_EVERY,
        forged: true,
        replayed: true,
        malformed: true,
    };
    let steps = Simulator::new(key.clone(), READER, system_time_ms(), 1)
        .with_injections(injections)
        .script(hand);
    let lines = sim::lines(&steps);
    let count = lines.len();
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("loopback: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("loopback: {e}"))?
        .to_string();
    let server = thread::spawn(move || sim::serve(&listener, &lines, Duration::ZERO));
    let players = hand.state().player_count();
    let (deck, antennas) = sim::simulated_table(READER, players);
    let mut table = RfidTable::new(deck, antennas);
    let mut reader = Reader::new(TcpConnector::new(address), Verifier::new(key, [READER]));
    let mut events = Vec::new();
    // One result a line: reading exactly as many never waits on a closed connection.
    for _ in 0..count {
        match reader.next_message() {
            Ok(message) => {
                stats.lines_accepted += 1;
                for event in table.handle(&message) {
                    match event {
                        RfidEvent::Card(card) => events.push(card),
                        other => {
                            stats.problems += 1;
                            eprintln!("broadcast: RFID: {other:?}");
                        }
                    }
                }
            }
            Err(error) => {
                stats.lines_refused += 1;
                eprintln!("broadcast: RFID line refused: {error}");
            }
        }
    }
    match server.join() {
        Ok(Ok(())) => Ok(events),
        Ok(Err(error)) => Err(format!("the simulated reader stopped: {error}")),
        Err(_) => Err("the simulated reader panicked".to_owned()),
    }
}

/// An event to feed, in video-time order; at one instant cards come before actions.
enum Step {
    Card(CardEvent),
    Action(ActionEvent),
}

/// `script` with its deals replaced by those a `HandFeed` makes from the simulated
/// reader's card events; the betting actions stay the history's.
pub fn deal_from_reader(script: HandScript, stats: &mut RfidStats) -> Result<HandScript, String> {
    let history = play_history(&script)?;
    let read = read_cards(&history.hand, stats)?;
    let mut steps: Vec<(i64, u8, Step)> = Vec::new();
    for mut card in read {
        let arrives = card.present && !matches!(card.location, CardLocation::Muck);
        // Cards leaving (folds swept to the muck, the deck gathered) change no deal.
        let Some(&at_ns) = history.deal_ns.get(&card.card).filter(|_| arrives) else {
            continue;
        };
        card.timestamp_ns = at_ns;
        steps.push((at_ns, 0, Step::Card(card)));
    }
    for action in history.actions {
        steps.push((action.timestamp_ns, 1, Step::Action(action)));
    }
    // Stable: equal times keep the reader's and the history's order.
    steps.sort_by_key(|(at_ns, kind, _)| (*at_ns, *kind));

    let mut feed = HandFeed::new(Hand::new(script.config.clone()).map_err(|e| e.to_string())?);
    let mut events = Vec::new();
    let push = |events: &mut Vec<FeedEvent>, at_ns: i64, actions: Vec<Action>| {
        events.extend(actions.into_iter().map(|action| {
            FeedEvent::Action(ActionEvent {
                timestamp_ns: at_ns,
                action,
            })
        }));
    };
    for (at_ns, _, step) in steps {
        match step {
            Step::Card(card) => {
                stats.card_events += 1;
                events.push(FeedEvent::Card(card));
                match feed.apply_card(&card) {
                    Ok(FeedOutcome::Dealt(actions)) => push(&mut events, at_ns, actions),
                    Ok(_) => {}
                    Err(error) => {
                        stats.problems += 1;
                        eprintln!("broadcast: RFID card refused by the hand: {error}");
                    }
                }
            }
            Step::Action(action) => match feed.apply_action(&action) {
                Ok(actions) => push(&mut events, at_ns, actions),
                Err(error) => {
                    stats.problems += 1;
                    eprintln!("broadcast: action refused by the hand: {error}");
                }
            },
        }
    }
    let (fed, want) = (feed.hand().state(), history.hand.state());
    let players = want.player_count();
    let same = (0..players).all(|p| fed.hole_cards(p) == want.hole_cards(p))
        && (0..want.board_count()).all(|b| fed.board_cards(b) == want.board_cards(b));
    stats.cards_match_history &= same;
    Ok(HandScript { events, ..script })
}
