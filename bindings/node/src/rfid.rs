//! RFID: `RfidVerifier` checks signed reader lines with the table key. Glue over
//! `ggp_vision::rfid::Verifier`.

use ggp_vision::rfid::{Message, RfidError, TableKey, TagState, Verifier, system_time_ms};
use napi_derive::napi;

use crate::{Result, whole_number};

/// The JS error for a refused line or key: `code` `GGP_RFID_<REASON>`
/// (`GGP_RFID_MALFORMED`, `GGP_RFID_UNKNOWN_READER`, `GGP_RFID_BAD_SIGNATURE`,
/// `GGP_RFID_REPLAY`, `GGP_RFID_STALE`, `GGP_RFID_INVALID_KEY`).
fn rfid_error(error: &RfidError) -> napi::Error<String> {
    let reason = match error {
        RfidError::Malformed { .. } | RfidError::TooLong { .. } => "MALFORMED",
        RfidError::UnknownReader { .. } => "UNKNOWN_READER",
        RfidError::BadSignature { .. } => "BAD_SIGNATURE",
        RfidError::Replay { .. } => "REPLAY",
        RfidError::Stale { .. } => "STALE",
        RfidError::InvalidKey { .. } => "INVALID_KEY",
        _ => "DECK",
    };
    napi::Error::new(format!("GGP_RFID_{reason}"), error.to_string())
}

/// One authenticated message from a reader.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct RfidMessage {
    /// "tag" or "heartbeat".
    pub kind: String,
    /// The reader's id.
    pub reader: String,
    /// The reader's message counter.
    pub counter: f64,
    /// The reader's clock, in milliseconds since the Unix epoch.
    pub timestamp_ms: f64,
    /// The antenna (tag messages).
    pub antenna: Option<u32>,
    /// The tag in upper-case hexadecimal (tag messages).
    pub tag: Option<String>,
    /// Whether the tag came (true) or went (tag messages).
    pub present: Option<bool>,
}

/// Checks a table's reader lines: the table key (hexadecimal, 32 digits or more), the
/// readers it knows, each reader's counter (against replays) and a time window.
#[napi]
#[derive(Debug)]
pub struct RfidVerifier {
    inner: Verifier,
}

#[napi]
impl RfidVerifier {
    /// A verifier for `readers`; `windowMs` (default 5000) is how far a line's timestamp
    /// may be from the receiver's clock. Throws `GGP_RFID_INVALID_KEY` for a bad key.
    #[napi(constructor)]
    pub fn new(key_hex: String, readers: Vec<String>, window_ms: Option<f64>) -> Result<Self> {
        let key = TableKey::from_hex(&key_hex).map_err(|e| rfid_error(&e))?;
        let window_ms = window_ms.map_or(Ok(5_000), |w| whole_number("windowMs", w))?;
        Ok(RfidVerifier {
            inner: Verifier::new(key, readers).with_window_ms(window_ms),
        })
    }

    /// Checks one line received at `nowMs` (default: this machine's clock) and returns
    /// its message; a refused line throws with its code and changes nothing.
    #[napi]
    pub fn check(&mut self, line: String, now_ms: Option<f64>) -> Result<RfidMessage> {
        let now_ms = match now_ms {
            Some(now) => whole_number("nowMs", now)?,
            None => system_time_ms(),
        };
        let message = self
            .inner
            .check(&line, now_ms)
            .map_err(|e| rfid_error(&e))?;
        let header = message.header();
        // Counters and times stay below 2^53 for millennia: f64 holds them exactly.
        let mut out = RfidMessage {
            kind: "heartbeat".to_owned(),
            reader: header.reader.clone(),
            counter: header.counter as f64,
            timestamp_ms: header.timestamp_ms as f64,
            antenna: None,
            tag: None,
            present: None,
        };
        if let Message::Tag {
            antenna,
            tag,
            state,
            ..
        } = &message
        {
            out.kind = "tag".to_owned();
            out.antenna = Some(u32::from(*antenna));
            out.tag = Some(tag.as_str().to_owned());
            out.present = Some(*state == TagState::On);
        }
        Ok(out)
    }
}
