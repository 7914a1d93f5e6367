//! Signing and checking messages: HMAC-SHA256 with the table key, constant-time checks,
//! and the counter and time window that turn away replays.

use std::collections::HashMap;
use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::error::RfidError;
use super::message::{Message, SignedLine};

type HmacSha256 = Hmac<Sha256>;

/// The shortest table key accepted, in bytes: 128 bits.
pub const MIN_KEY_BYTES: usize = 16;

/// The secret a table's readers and receiver share, ready to sign and check. Its `Debug`
/// output never shows it.
#[derive(Clone)]
pub struct TableKey {
    mac: HmacSha256,
    len: usize,
}

impl TableKey {
    /// A key from raw bytes, at least [`MIN_KEY_BYTES`] long.
    pub fn new(bytes: &[u8]) -> Result<TableKey, RfidError> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(RfidError::InvalidKey {
                reason: "a table key needs at least 16 bytes",
            });
        }
        let mac = HmacSha256::new_from_slice(bytes).map_err(|_| RfidError::InvalidKey {
            reason: "HMAC-SHA256 refused the key",
        })?;
        Ok(TableKey {
            mac,
            len: bytes.len(),
        })
    }

    /// A key written in hexadecimal (32 hex digits or more), as configuration files hold it.
    pub fn from_hex(text: &str) -> Result<TableKey, RfidError> {
        let bytes = decode_hex(text.trim()).ok_or(RfidError::InvalidKey {
            reason: "a table key is written as an even number of hexadecimal digits",
        })?;
        TableKey::new(&bytes)
    }

    /// The signature of `body` (a line without its final field), in lowercase hex.
    pub fn sign(&self, body: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(body.as_bytes());
        encode_hex(&mac.finalize().into_bytes())
    }

    /// Whether `signature` signs `body`, compared in constant time.
    pub fn verify(&self, body: &str, signature: &[u8]) -> bool {
        let mut mac = self.mac.clone();
        mac.update(body.as_bytes());
        mac.verify_slice(signature).is_ok()
    }
}

impl fmt::Debug for TableKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TableKey({} bytes, hidden)", self.len)
    }
}

/// Lowercase hexadecimal.
pub(crate) fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// Hexadecimal, either case; `None` unless every pair is two hex digits.
pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| {
            let high = char::from(pair[0]).to_digit(16)?;
            let low = char::from(pair[1]).to_digit(16)?;
            u8::try_from(high * 16 + low).ok()
        })
        .collect()
}

/// Checks lines from a table's readers: known reader, signature, counter and time window.
///
/// State is kept per reader: the last counter accepted. A message is accepted only if its
/// counter is above that one and its timestamp is within `window_ms` of the receiver's
/// clock, so a recorded message replayed later is refused either way, even after the
/// receiver restarts (by the time window) or the reader's clock drifts (by the counter).
#[derive(Debug, Clone)]
pub struct Verifier {
    key: TableKey,
    last_counter: HashMap<String, Option<u64>>,
    window_ms: u64,
}

/// The default time window: a message more than 5 s from the receiver's clock is refused.
pub const DEFAULT_WINDOW_MS: u64 = 5_000;

impl Verifier {
    /// A verifier for the readers named in `readers`, with the default time window.
    pub fn new<I, S>(key: TableKey, readers: I) -> Verifier
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Verifier {
            key,
            last_counter: readers.into_iter().map(|r| (r.into(), None)).collect(),
            window_ms: DEFAULT_WINDOW_MS,
        }
    }

    /// The same verifier with another time window.
    pub fn with_window_ms(mut self, window_ms: u64) -> Verifier {
        self.window_ms = window_ms;
        self
    }

    /// Parses and checks one line received at `now_ms` (milliseconds since the Unix epoch
    /// on the receiver's clock). On success the reader's counter advances; on any error
    /// nothing changes.
    pub fn check(&mut self, line: &str, now_ms: u64) -> Result<Message, RfidError> {
        let signed = SignedLine::parse(line)?;
        self.check_signed(&signed, now_ms)?;
        Ok(signed.message)
    }

    fn check_signed(&mut self, signed: &SignedLine<'_>, now_ms: u64) -> Result<(), RfidError> {
        let header = signed.message.header();
        let reader = header.reader.as_str();
        let Some(last) = self.last_counter.get(reader).copied() else {
            return Err(RfidError::UnknownReader {
                reader: reader.to_owned(),
            });
        };
        if !self.key.verify(signed.body, &signed.signature) {
            return Err(RfidError::BadSignature {
                reader: reader.to_owned(),
                counter: header.counter,
            });
        }
        if let Some(last) = last.filter(|&last| header.counter <= last) {
            return Err(RfidError::Replay {
                reader: reader.to_owned(),
                counter: header.counter,
                last,
            });
        }
        if header.timestamp_ms.abs_diff(now_ms) > self.window_ms {
            return Err(RfidError::Stale {
                reader: reader.to_owned(),
                counter: header.counter,
                timestamp_ms: header.timestamp_ms,
                now_ms,
                window_ms: self.window_ms,
            });
        }
        self.last_counter
            .insert(reader.to_owned(), Some(header.counter));
        Ok(())
    }
}
