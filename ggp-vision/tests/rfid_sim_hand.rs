//! The simulator drives whole hands over TCP, through the reader, the table and the feed,
//! into a `Hand` whose final state matches the hand history; injected bad lines are
//! refused on the way without disturbing the hand.

use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use ggp_core::PhhHand;
use ggp_core::feed::{ActionEvent, HandFeed};
use ggp_core::rules::{Action, Hand};
use ggp_vision::rfid::sim::{self, Injections, SimStep, Simulator};
use ggp_vision::rfid::{
    Reader, Reconnect, RfidError, RfidEvent, RfidTable, TableKey, TcpConnector, Verifier,
    system_time_ms,
};

const KEY_HEX: &str = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";

const THREE_HANDED: &str = "variant = 'NT'
antes = [0, 0, 0]
blinds_or_straddles = [1, 2, 0]
min_bet = 2
starting_stacks = [200, 200, 200]
actions = ['d dh p1 AsKs', 'd dh p2 7h7d', 'd dh p3 2c3c', 'p3 f', 'p1 cbr 6', 'p2 cc', \
'd db Ah7c2d', 'p1 cbr 10', 'p2 cc', 'd db 9s', 'p1 cc', 'p2 cc', 'd db Tc', 'p1 cc', 'p2 cc', \
'p1 sm AsKs', 'p2 sm 7h7d']
";

struct Run {
    hand: Hand,
    refused: Vec<RfidError>,
    connections: u64,
}

/// Serves the script's lines over TCP (split over `connections` connections) and feeds
/// what the reader accepts, with the script's actions, into a fresh hand.
fn run(phh: &PhhHand, injections: Injections, connections: usize) -> Run {
    let expected = phh.replay().expect("history replays");
    let key = TableKey::from_hex(KEY_HEX).expect("key");
    let start_ms = system_time_ms();
    let mut simulator = Simulator::new(key.clone(), "sim", start_ms, 1).with_injections(injections);
    let steps = simulator.script(&expected);
    let lines = sim::lines(&steps);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    let server = thread::spawn(move || {
        let per = lines.len().div_ceil(connections.max(1));
        for chunk in lines.chunks(per) {
            sim::serve(&listener, chunk, Duration::ZERO).expect("serve");
        }
    });
    let (deck, antennas) = sim::simulated_table("sim", expected.state().player_count());
    let mut table = RfidTable::new(deck, antennas);
    let mut reader = Reader::new(TcpConnector::new(address), Verifier::new(key, ["sim"]))
        .with_reconnect(Reconnect {
            first_delay: Duration::from_millis(10),
            ..Reconnect::default()
        });
    let config = phh.to_config().expect("config");
    let mut feed = HandFeed::new(Hand::new(config).expect("hand"));
    let mut refused = Vec::new();
    for step in &steps {
        match step {
            SimStep::Line { line, genuine } => match reader.next_message() {
                Ok(message) => {
                    assert!(genuine, "accepted an injected line: {line}");
                    for event in table.handle(&message) {
                        let RfidEvent::Card(card) = event else {
                            panic!("unexpected {event:?} for {line}");
                        };
                        feed.apply_card(&card).expect("card applies");
                    }
                }
                Err(error) => {
                    assert!(!genuine, "refused a genuine line {line}: {error}");
                    refused.push(error);
                }
            },
            SimStep::Action {
                action,
                timestamp_ms,
            } => {
                let event = ActionEvent {
                    timestamp_ns: i64::try_from(*timestamp_ms).expect("ms") * 1_000_000,
                    action: action.clone(),
                };
                feed.apply_action(&event).expect("action applies");
            }
        }
    }
    server.join().expect("server");
    assert!(feed.waiting().is_empty(), "{:?}", feed.waiting());
    Run {
        connections: reader.connections(),
        hand: feed.into_hand(),
        refused,
    }
}

fn assert_same_end(hand: &Hand, phh: &PhhHand) {
    let expected = phh.replay().expect("replays");
    let (state, want) = (hand.state(), expected.state());
    assert!(state.is_complete());
    assert_eq!(state.payoffs(), want.payoffs());
    assert_eq!(state.board_cards(0), want.board_cards(0));
    for player in 0..want.player_count() {
        assert_eq!(
            state.hole_cards(player),
            want.hole_cards(player),
            "player {player}"
        );
    }
    // Cards arrive one at a time as a dealer deals them, so the deals are split finer
    // than in the history; every other action is the same.
    let not_deals = |hand: &Hand| -> Vec<Action> {
        hand.actions()
            .iter()
            .filter(|a| !a.is_dealing())
            .cloned()
            .collect()
    };
    assert_eq!(not_deals(hand), not_deals(&expected));
}

#[test]
fn a_whole_hand_over_tcp_matches_its_history() {
    let phh = PhhHand::parse(THREE_HANDED).expect("phh");
    let run = run(&phh, Injections::default(), 1);
    assert!(run.refused.is_empty());
    assert_same_end(&run.hand, &phh);
}

#[test]
fn forged_replayed_and_malformed_lines_are_refused_and_the_hand_is_unharmed() {
    let phh = PhhHand::parse(THREE_HANDED).expect("phh");
    let injections = Injections {
        every: 3,
        forged: true,
        replayed: true,
        malformed: true,
    };
    let run = run(&phh, injections, 1);
    assert_same_end(&run.hand, &phh);
    let count = |pick: fn(&RfidError) -> bool| run.refused.iter().filter(|e| pick(e)).count();
    let forged = count(|e| matches!(e, RfidError::BadSignature { .. }));
    let replayed = count(|e| matches!(e, RfidError::Replay { .. }));
    let malformed = count(|e| matches!(e, RfidError::Malformed { .. }));
    assert!(
        forged >= 5 && forged == replayed && replayed == malformed,
        "{:?}",
        run.refused
    );
}

#[test]
fn the_reader_reconnects_when_the_connection_drops_mid_hand() {
    let phh = PhhHand::parse(THREE_HANDED).expect("phh");
    let run = run(&phh, Injections::default(), 3);
    assert_eq!(run.connections, 3);
    assert_same_end(&run.hand, &phh);
}

#[test]
fn a_seeded_deal_played_to_showdown_arrives_whole() {
    for seed in [1, 2, 3] {
        let hand = sim::seeded_hand(6, seed).expect("seeded hand");
        assert!(hand.state().is_complete());
        let phh = PhhHand::from_hand(&hand).expect("phh");
        let run = run(&phh, Injections::default(), 1);
        assert_same_end(&run.hand, &phh);
    }
}
