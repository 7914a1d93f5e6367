//! A reader simulator: the lines a real reader would send for a hand, signed with the
//! table key, served over TCP, with forged, replayed and malformed lines mixed in on
//! request for tests and demos.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use ggp_core::feed::CardLocation;
use ggp_core::rules::{Action, Hand, HandConfig, Pending, variant};
use ggp_core::{Card, Chips, Deck, DeckKind};

use super::auth::TableKey;
use super::deck::DeckRegistry;
use super::message::{Header, Message, TagId, TagState};
use super::table::AntennaMap;

/// Hole-card antennas per seat in the simulated layout (enough for stud's seven cards).
const ANTENNAS_PER_SEAT: u16 = 8;
/// The first board antenna; board slot `k` is antenna `BOARD_ANTENNA + k`.
pub const BOARD_ANTENNA: u16 = 100;
/// The muck's antenna.
pub const MUCK_ANTENNA: u16 = 200;

/// The tag the simulated deck sews into `card`: a fixed EPC-like id per card.
pub fn simulated_tag(card: Card) -> TagId {
    // The prefix is arbitrary but fixed, so that deck files stay valid between runs.
    TagId::from_valid(format!(
        "E280689400004013{:08X}",
        0xC000 + u32::from(card.index())
    ))
}

/// The simulated table: every card of a standard deck registered with its tag, and one
/// reader whose antennas sit under each seat's hole cards (1 + 8 × seat + slot), under the
/// five board slots (100 to 104) and under the muck (200).
pub fn simulated_table(reader: &str, players: usize) -> (DeckRegistry, AntennaMap) {
    let mut deck = DeckRegistry::new();
    for card in DeckKind::Standard.cards().iter() {
        // Every card gets a distinct tag, so registering cannot clash.
        let _ = deck.register(simulated_tag(card), card);
    }
    let mut antennas = AntennaMap::new();
    for seat in 0..players {
        for slot in 0..usize::from(ANTENNAS_PER_SEAT) {
            let location = CardLocation::Hole {
                seat,
                slot: Some(slot),
            };
            antennas = antennas.with(reader, hole_antenna(seat, slot), location);
        }
    }
    for slot in 0..5u16 {
        let location = CardLocation::Board {
            board: 0,
            slot: Some(usize::from(slot)),
        };
        antennas = antennas.with(reader, BOARD_ANTENNA + slot, location);
    }
    (
        deck,
        antennas.with(reader, MUCK_ANTENNA, CardLocation::Muck),
    )
}

fn hole_antenna(seat: usize, slot: usize) -> u16 {
    let antenna = 1 + seat * usize::from(ANTENNAS_PER_SEAT) + slot;
    u16::try_from(antenna).unwrap_or(u16::MAX)
}

/// Which bad lines to mix in: after every `every`-th genuine line, one of each kind
/// asked for. `every == 0` mixes in nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Injections {
    /// How often.
    pub every: usize,
    /// A line signed with another key (a rogue device).
    pub forged: bool,
    /// A genuine line sent again (a recorded line replayed).
    pub replayed: bool,
    /// A line that breaks the protocol.
    pub malformed: bool,
}

/// One step of a simulated hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimStep {
    /// A line the reader sends; `genuine` is false for an injected bad line, which a
    /// receiver must refuse.
    Line {
        /// The line, without its line ending.
        line: String,
        /// Whether a receiver should accept it.
        genuine: bool,
    },
    /// An action someone enters at a console (the reader does not send these).
    Action {
        /// The action.
        action: Action,
        /// When, on the reader's clock, in ms since the Unix epoch.
        timestamp_ms: u64,
    },
}

/// Turns a hand into the lines its reader would send.
#[derive(Debug, Clone)]
pub struct Simulator {
    key: TableKey,
    reader: String,
    counter: u64,
    clock_ms: u64,
    step_ms: u64,
    injections: Injections,
    genuine_sent: Vec<String>,
    mucked: Vec<Card>,
}

impl Simulator {
    /// A reader named `reader` signing with `key`, its clock starting at `start_ms` and
    /// advancing `step_ms` with each line.
    pub fn new(key: TableKey, reader: &str, start_ms: u64, step_ms: u64) -> Simulator {
        Simulator {
            key,
            reader: reader.to_owned(),
            counter: 0,
            clock_ms: start_ms,
            step_ms,
            injections: Injections::default(),
            genuine_sent: Vec::new(),
            mucked: Vec::new(),
        }
    }

    /// The same simulator mixing in bad lines.
    pub fn with_injections(mut self, injections: Injections) -> Simulator {
        self.injections = injections;
        self
    }

    fn header(&mut self) -> Header {
        self.counter += 1;
        self.clock_ms += self.step_ms;
        Header {
            reader: self.reader.clone(),
            counter: self.counter,
            timestamp_ms: self.clock_ms,
        }
    }

    /// A signed heartbeat.
    pub fn heartbeat(&mut self, steps: &mut Vec<SimStep>) {
        let header = self.header();
        self.push(steps, Message::Heartbeat { header });
    }

    /// A signed tag line at `antenna`.
    pub fn tag(&mut self, steps: &mut Vec<SimStep>, antenna: u16, card: Card, state: TagState) {
        let header = self.header();
        let message = Message::Tag {
            header,
            antenna,
            tag: simulated_tag(card),
            state,
        };
        self.push(steps, message);
    }

    fn push(&mut self, steps: &mut Vec<SimStep>, message: Message) {
        let line = message.encode(&self.key);
        self.genuine_sent.push(line.clone());
        steps.push(SimStep::Line {
            line,
            genuine: true,
        });
        let every = self.injections.every;
        if every > 0 && self.genuine_sent.len().is_multiple_of(every) {
            self.inject(steps, &message);
        }
    }

    fn inject(&mut self, steps: &mut Vec<SimStep>, genuine: &Message) {
        let bad = |line| SimStep::Line {
            line,
            genuine: false,
        };
        if self.injections.forged {
            // A rogue device that knows the protocol and the next counter, not the key.
            let mut forged = genuine.clone();
            let (Message::Tag { header, .. } | Message::Heartbeat { header }) = &mut forged;
            header.counter = self.counter + 1;
            let rogue = TableKey::new(b"rogue device key, not the table's");
            if let Ok(rogue) = rogue {
                steps.push(bad(forged.encode(&rogue)));
            }
        }
        if self.injections.replayed {
            let earlier = self.genuine_sent.len().saturating_sub(2);
            if let Some(line) = self.genuine_sent.get(earlier) {
                steps.push(bad(line.clone()));
            }
        }
        if self.injections.malformed {
            let body = genuine.body();
            steps.push(bad(format!("{body} not-a-signature")));
        }
    }

    /// The steps of a whole hand: a heartbeat, each card placed on its antenna as it is
    /// dealt, the actions in between, folded hands swept to the muck, every card gathered
    /// at the end, and a closing heartbeat. Hole cards the hand has as unknown are not read at all.
    pub fn script(&mut self, hand: &Hand) -> Vec<SimStep> {
        let mut steps = Vec::new();
        self.heartbeat(&mut steps);
        let mut held: BTreeMap<usize, Vec<Card>> = BTreeMap::new();
        let mut dealt_to: BTreeMap<usize, usize> = BTreeMap::new();
        let mut board = 0;
        for action in hand.actions() {
            match action {
                Action::DealHole { player, cards } => {
                    for card in cards {
                        let slot = dealt_to.entry(*player).or_default();
                        if let Some(card) = card {
                            let antenna = hole_antenna(*player, *slot);
                            self.tag(&mut steps, antenna, *card, TagState::On);
                            held.entry(*player).or_default().push(*card);
                        }
                        *slot += 1;
                    }
                }
                Action::DealBoard { cards } => {
                    for card in cards {
                        let slot = u16::try_from(board).unwrap_or(u16::MAX);
                        self.tag(
                            &mut steps,
                            BOARD_ANTENNA.saturating_add(slot),
                            *card,
                            TagState::On,
                        );
                        board += 1;
                    }
                }
                other => {
                    steps.push(SimStep::Action {
                        action: other.clone(),
                        timestamp_ms: self.clock_ms,
                    });
                    let folds = matches!(
                        other,
                        Action::Fold { .. }
                            | Action::KillHand { .. }
                            | Action::ShowOrMuck { cards: None, .. }
                    );
                    if let (true, Some(player)) = (folds, other.player()) {
                        self.sweep_to_muck(&mut steps, player, held.remove(&player));
                    }
                }
            }
        }
        // The dealer gathers every card: each antenna sees its cards leave.
        for (player, cards) in held {
            for (slot, card) in cards.into_iter().enumerate() {
                self.tag(&mut steps, hole_antenna(player, slot), card, TagState::Off);
            }
        }
        for slot in 0..board {
            if let Some(card) = hand.state().board_cards(0).get(slot).copied() {
                let antenna = BOARD_ANTENNA.saturating_add(u16::try_from(slot).unwrap_or(u16::MAX));
                self.tag(&mut steps, antenna, card, TagState::Off);
            }
        }
        for card in std::mem::take(&mut self.mucked) {
            self.tag(&mut steps, MUCK_ANTENNA, card, TagState::Off);
        }
        self.heartbeat(&mut steps);
        steps
    }

    fn sweep_to_muck(&mut self, steps: &mut Vec<SimStep>, player: usize, cards: Option<Vec<Card>>) {
        for (slot, card) in cards.unwrap_or_default().into_iter().enumerate() {
            self.mucked.push(card);
            self.tag(steps, MUCK_ANTENNA, card, TagState::On);
            self.tag(steps, hole_antenna(player, slot), card, TagState::Off);
        }
    }
}

/// The lines of `steps`, genuine and injected, in order.
pub fn lines(steps: &[SimStep]) -> Vec<String> {
    steps
        .iter()
        .filter_map(|step| match step {
            SimStep::Line { line, .. } => Some(line.clone()),
            SimStep::Action { .. } => None,
        })
        .collect()
}

/// Serves `lines` to the next client of `listener`, `pace` apart, then closes the
/// connection, as a reader on a TCP port does.
pub fn serve(listener: &TcpListener, lines: &[String], pace: Duration) -> io::Result<()> {
    let (mut stream, _) = listener.accept()?;
    stream.set_nodelay(true)?;
    for line in lines {
        stream.write_all(line.as_bytes())?;
        stream.write_all(b"\n")?;
        stream.flush()?;
        if !pace.is_zero() {
            thread::sleep(pace);
        }
    }
    Ok(())
}

/// A no-limit hold'em hand dealt from a deck shuffled with `seed` and played to showdown:
/// the first player folds at the first turn, the others check or call it down and show.
/// The same seed gives the same hand everywhere.
pub fn seeded_hand(players: usize, seed: u64) -> ggp_core::Result<Hand> {
    let config = HandConfig::new(variant("NT")?, vec![Chips::from(500); players])
        .with_blinds(&[Chips::from(5), Chips::from(10)])
        .with_min_bet(Chips::from(10));
    let mut hand = Hand::new(config)?;
    let mut deck = Deck::shuffled(DeckKind::Standard, seed);
    loop {
        if hand.deal_next(&mut deck)?.is_some() {
            continue;
        }
        let state = hand.state();
        let action = match state.pending() {
            Pending::Bet { player: 0 } if state.active().first() == Some(&true) => {
                Action::Fold { player: 0 }
            }
            Pending::Bet { player } => Action::CheckOrCall { player },
            Pending::ShowOrMuck { player } => Action::ShowOrMuck {
                player,
                cards: Some(state.hole_cards(player).iter().map(|h| h.card).collect()),
            },
            Pending::SelectRunoutCount { player } => Action::SelectRunoutCount { player, count: 1 },
            _ => return Ok(hand),
        };
        hand.apply(action)?;
    }
}
