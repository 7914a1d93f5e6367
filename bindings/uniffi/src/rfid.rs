//! RFID for Swift and Kotlin: `RfidVerifier` checks signed reader lines with the table
//! key. Glue over `ggp_vision::rfid::Verifier`.

use std::sync::{Arc, Mutex, PoisonError};

use ggp_vision::rfid::{Message, TableKey, TagState, Verifier};

/// Why a line or key was refused; Kotlin sees `RfidException.BadSignature` and so on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum RfidError {
    /// The line does not follow the protocol.
    #[error("{message}")]
    Malformed {
        /// The RFID error's message.
        message: String,
    },
    /// A reader the table does not know.
    #[error("{message}")]
    UnknownReader {
        /// The RFID error's message.
        message: String,
    },
    /// The signature does not match the table key: forged or corrupted.
    #[error("{message}")]
    BadSignature {
        /// The RFID error's message.
        message: String,
    },
    /// A counter already used: a replay.
    #[error("{message}")]
    Replay {
        /// The RFID error's message.
        message: String,
    },
    /// A timestamp outside the accepted window.
    #[error("{message}")]
    Stale {
        /// The RFID error's message.
        message: String,
    },
    /// A key that is too short or not hexadecimal.
    #[error("{message}")]
    InvalidKey {
        /// The RFID error's message.
        message: String,
    },
    /// Any other refusal (deck and antenna files).
    #[error("{message}")]
    Other {
        /// The RFID error's message.
        message: String,
    },
}

impl From<ggp_vision::rfid::RfidError> for RfidError {
    fn from(error: ggp_vision::rfid::RfidError) -> Self {
        use ggp_vision::rfid::RfidError as E;
        let message = error.to_string();
        match error {
            E::Malformed { .. } | E::TooLong { .. } => Self::Malformed { message },
            E::UnknownReader { .. } => Self::UnknownReader { message },
            E::BadSignature { .. } => Self::BadSignature { message },
            E::Replay { .. } => Self::Replay { message },
            E::Stale { .. } => Self::Stale { message },
            E::InvalidKey { .. } => Self::InvalidKey { message },
            _ => Self::Other { message },
        }
    }
}

/// One authenticated message from a reader.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RfidMessage {
    /// "tag" or "heartbeat".
    pub kind: String,
    /// The reader's id.
    pub reader: String,
    /// The reader's message counter.
    pub counter: u64,
    /// The reader's clock, in milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
    /// The antenna (tag messages).
    pub antenna: Option<u16>,
    /// The tag in upper-case hexadecimal (tag messages).
    pub tag: Option<String>,
    /// Whether the tag came (true) or went (tag messages).
    pub present: Option<bool>,
}

/// Checks a table's reader lines: the table key, the known readers, each reader's
/// counter (against replays) and a time window.
#[derive(Debug, uniffi::Object)]
pub struct RfidVerifier {
    inner: Mutex<Verifier>,
}

#[uniffi::export]
impl RfidVerifier {
    /// A verifier for the key `key_hex` (32 hexadecimal digits or more) and `readers`;
    /// `window_ms` is how far a line's timestamp may be from the receiver's clock.
    #[uniffi::constructor]
    pub fn new(
        key_hex: String,
        readers: Vec<String>,
        window_ms: u64,
    ) -> Result<Arc<Self>, RfidError> {
        let key = TableKey::from_hex(&key_hex)?;
        Ok(Arc::new(RfidVerifier {
            inner: Mutex::new(Verifier::new(key, readers).with_window_ms(window_ms)),
        }))
    }

    /// Checks one line received at `now_ms` (ms since the Unix epoch on the receiver's
    /// clock); a refused line throws and changes nothing.
    pub fn check(&self, line: String, now_ms: u64) -> Result<RfidMessage, RfidError> {
        // The verifier changes only after a line passed every check: never half-updated.
        let mut verifier = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let message = verifier.check(&line, now_ms)?;
        let header = message.header();
        let mut out = RfidMessage {
            kind: "heartbeat".to_owned(),
            reader: header.reader.clone(),
            counter: header.counter,
            timestamp_ms: header.timestamp_ms,
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
            out.antenna = Some(*antenna);
            out.tag = Some(tag.as_str().to_owned());
            out.present = Some(*state == TagState::On);
        }
        Ok(out)
    }
}
