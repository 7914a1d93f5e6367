//! An append-only journal of a hand, from which a hand in progress is recovered after a
//! crash: one JSON line with the configuration, then one line per action.
//!
//! Writing is up to the caller (a file opened for append, flushed after each line); this
//! module only turns hands into lines and lines back into hands, so the core stays free
//! of I/O. A last line cut short by a crash is dropped, and recovery says so.

use std::io::{BufRead, Write};

use crate::error::{Error, Result};
use crate::rules::action::Action;
use crate::rules::config::HandConfig;
use crate::rules::hand::Hand;

/// The version of the journal's line format.
pub const JOURNAL_VERSION: u32 = 1;

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    journal_version: u32,
    config: HandConfig,
}

/// The line that starts a hand's journal.
pub fn header_line(config: &HandConfig) -> String {
    let header = Header {
        journal_version: JOURNAL_VERSION,
        config: config.clone(),
    };
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string(&header).unwrap_or_default()
}

/// The line that records one action.
pub fn action_line(action: &Action) -> String {
    serde_json::to_string(action).unwrap_or_default()
}

/// Writes a whole hand (header and every action) to `out`.
pub fn write_hand(hand: &Hand, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", header_line(hand.config()))?;
    for action in hand.actions() {
        writeln!(out, "{}", action_line(action))?;
    }
    out.flush()
}

/// A hand recovered from a journal.
#[derive(Debug)]
pub struct Recovered {
    /// The hand, replayed to its last journaled action.
    pub hand: Hand,
    /// Whether a last, incomplete line (a write cut off by the crash) was dropped.
    pub dropped_torn_line: bool,
}

/// Replays a journal. Every complete line must parse and every action must be legal; a
/// last line without its newline that does not parse is taken as torn and dropped.
pub fn recover(input: impl BufRead) -> Result<Recovered> {
    let bad = |line: usize, message: String| Error::Journal { line, message };
    let mut lines = Vec::new();
    let mut last_complete = true;
    for line in input.split(b'\n') {
        let line = line.map_err(|e| bad(lines.len() + 1, format!("cannot read: {e}")))?;
        lines.push(line);
    }
    // `split` yields a final empty piece when the input ends with a newline.
    if lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    } else if !lines.is_empty() {
        last_complete = false;
    }
    let mut dropped_torn_line = false;
    let count = lines.len();
    let mut hand: Option<Hand> = None;
    for (index, raw) in lines.into_iter().enumerate() {
        let number = index + 1;
        let is_torn_candidate = number == count && !last_complete;
        let text = match String::from_utf8(raw) {
            Ok(text) => text,
            Err(_) if is_torn_candidate => {
                dropped_torn_line = true;
                break;
            }
            Err(_) => return Err(bad(number, "not UTF-8".to_owned())),
        };
        match &mut hand {
            None => match serde_json::from_str::<Header>(&text) {
                Ok(header) if header.journal_version == JOURNAL_VERSION => {
                    hand = Some(Hand::new(header.config)?)
                }
                Ok(header) => {
                    return Err(bad(
                        number,
                        format!(
                            "journal version {} is not {JOURNAL_VERSION}",
                            header.journal_version
                        ),
                    ));
                }
                Err(error) => return Err(bad(number, format!("not a journal header: {error}"))),
            },
            Some(hand) => match serde_json::from_str::<Action>(&text) {
                Ok(action) => {
                    hand.apply(action)
                        .map_err(|error| bad(number, error.to_string()))?;
                }
                Err(_) if is_torn_candidate => dropped_torn_line = true,
                Err(error) => return Err(bad(number, format!("not an action: {error}"))),
            },
        }
    }
    let hand = hand.ok_or_else(|| bad(1, "the journal is empty".to_owned()))?;
    Ok(Recovered {
        hand,
        dropped_torn_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::parse_cards;
    use crate::chips::Chips;
    use crate::rules::variant;

    fn a_hand() -> Hand {
        let config = HandConfig::new(
            variant("NT").unwrap(),
            vec![Chips::from(50), Chips::parse("75.5").unwrap()],
        )
        .with_blinds(&[Chips::from(1), Chips::from(2)])
        .with_min_bet(Chips::from(2));
        let mut hand = Hand::new(config).unwrap();
        let cards = |t: &str| parse_cards(t).unwrap().into_iter().map(Some).collect();
        hand.apply(Action::DealHole {
            player: 0,
            cards: cards("AsKs"),
        })
        .unwrap();
        hand.apply(Action::DealHole {
            player: 1,
            cards: vec![None, None],
        })
        .unwrap();
        hand.apply(Action::BetOrRaiseTo {
            player: 1,
            amount: Chips::parse("7.5").unwrap(),
        })
        .unwrap();
        hand
    }

    #[test]
    fn a_journal_replays_to_the_same_state() {
        let hand = a_hand();
        let mut journal = Vec::new();
        write_hand(&hand, &mut journal).unwrap();
        let recovered = recover(journal.as_slice()).unwrap();
        assert!(!recovered.dropped_torn_line);
        assert_eq!(recovered.hand.actions(), hand.actions());
        assert_eq!(recovered.hand.state().stacks(), hand.state().stacks());
        assert_eq!(recovered.hand.config(), hand.config());
    }

    #[test]
    fn a_torn_last_line_is_dropped() {
        let hand = a_hand();
        let mut journal = Vec::new();
        write_hand(&hand, &mut journal).unwrap();
        journal.extend_from_slice(br#"{"action":"check_or_ca"#);
        let recovered = recover(journal.as_slice()).unwrap();
        assert!(recovered.dropped_torn_line);
        assert_eq!(recovered.hand.actions().len(), 3);
    }

    #[test]
    fn a_bad_line_in_the_middle_is_an_error_naming_the_line() {
        let hand = a_hand();
        let mut journal = Vec::new();
        write_hand(&hand, &mut journal).unwrap();
        let mut text = String::from_utf8(journal).unwrap();
        text = text.replacen("\"fold\"", "x", 1);
        text.insert_str(text.find('\n').unwrap() + 1, "garbage\n");
        let error = recover(text.as_bytes()).unwrap_err();
        assert!(matches!(error, Error::Journal { line: 2, .. }), "{error}");
    }
}
