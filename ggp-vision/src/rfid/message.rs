//! The messages of the RFID line protocol and their text form (docs/rfid-protocol.md).
//!
//! A line is `GGP1 <KIND> <reader> <counter> <timestamp_ms> [fields] <signature>`:
//! `TAG` lines add `<antenna> <tag> <ON|OFF>`, `HB` (heartbeat) lines add nothing. The
//! signature is the lowercase hex HMAC-SHA256 of everything before the last space.

use std::fmt;

use super::auth::{TableKey, decode_hex};
use super::error::RfidError;

/// The protocol's name and version, the first field of every line.
pub const PROTOCOL: &str = "GGP1";

/// The longest line accepted, in bytes, without its line ending.
pub const MAX_LINE_BYTES: usize = 256;

const MAX_READER_ID: usize = 32;
const TAG_HEX_DIGITS: std::ops::RangeInclusive<usize> = 4..=64;

/// What every message carries: who sent it, its sequence number and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The reader's id: 1 to 32 of `A-Z a-z 0-9 . _ -`.
    pub reader: String,
    /// Increases by at least one with every message the reader sends, heartbeats included.
    pub counter: u64,
    /// The reader's clock, in milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
}

/// A tag's id as the reader reports it: hexadecimal, kept in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagId(String);

impl TagId {
    /// Parses 4 to 64 hexadecimal digits, either case.
    pub fn parse(text: &str) -> Option<TagId> {
        let hex = text.bytes().all(|b| b.is_ascii_hexdigit());
        (hex && TAG_HEX_DIGITS.contains(&text.len())).then(|| TagId(text.to_ascii_uppercase()))
    }

    /// An id the caller built as upper-case hex digits of a valid length.
    pub(crate) fn from_valid(hex: String) -> TagId {
        TagId(hex)
    }

    /// The id in upper-case hexadecimal.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a tag came into an antenna's field or left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TagState {
    /// The tag is now read by the antenna (`ON`).
    On,
    /// The tag is no longer read (`OFF`).
    Off,
}

/// One message from a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A tag came or went at an antenna.
    Tag {
        /// Reader, counter, time.
        header: Header,
        /// The antenna, numbered by the reader.
        antenna: u16,
        /// The tag.
        tag: TagId,
        /// Came or went.
        state: TagState,
    },
    /// The reader is alive; sent at least every second when nothing else is.
    Heartbeat {
        /// Reader, counter, time.
        header: Header,
    },
}

impl Message {
    /// The reader, counter and time.
    pub fn header(&self) -> &Header {
        match self {
            Message::Tag { header, .. } | Message::Heartbeat { header } => header,
        }
    }

    /// The line without its signature.
    pub fn body(&self) -> String {
        match self {
            Message::Tag {
                header,
                antenna,
                tag,
                state,
            } => {
                let state = match state {
                    TagState::On => "ON",
                    TagState::Off => "OFF",
                };
                format!(
                    "{PROTOCOL} TAG {} {} {} {antenna} {tag} {state}",
                    header.reader, header.counter, header.timestamp_ms
                )
            }
            Message::Heartbeat { header } => format!(
                "{PROTOCOL} HB {} {} {}",
                header.reader, header.counter, header.timestamp_ms
            ),
        }
    }

    /// The signed line, without a line ending.
    ///
    /// ```
    /// use ggp_vision::rfid::{Header, Message, TableKey, Verifier};
    /// let key = TableKey::from_hex("000102030405060708090a0b0c0d0e0f")?;
    /// let header = Header { reader: "r1".into(), counter: 1, timestamp_ms: 1_000 };
    /// let line = Message::Heartbeat { header }.encode(&key);
    /// assert!(line.starts_with("GGP1 HB r1 1 1000 "));
    /// let mut verifier = Verifier::new(key, ["r1"]);
    /// assert!(verifier.check(&line, 1_000).is_ok());
    /// assert!(verifier.check(&line, 1_000).is_err(), "the same line again is a replay");
    /// # Ok::<(), ggp_vision::rfid::RfidError>(())
    /// ```
    pub fn encode(&self, key: &TableKey) -> String {
        let body = self.body();
        let signature = key.sign(&body);
        format!("{body} {signature}")
    }
}

/// A line split into what was signed, the signature and the message, not yet checked.
#[derive(Debug, Clone)]
pub(crate) struct SignedLine<'a> {
    pub(crate) body: &'a str,
    pub(crate) signature: Vec<u8>,
    pub(crate) message: Message,
}

impl<'a> SignedLine<'a> {
    /// Parses a line (a trailing `\r` or `\n` is ignored); any deviation is an error.
    pub(crate) fn parse(line: &'a str) -> Result<SignedLine<'a>, RfidError> {
        let line = line.trim_end_matches(['\n', '\r']);
        if line.len() > MAX_LINE_BYTES {
            return Err(RfidError::TooLong {
                len: line.len(),
                max: MAX_LINE_BYTES,
            });
        }
        let Some((body, signature)) = line.rsplit_once(' ') else {
            return Err(RfidError::malformed("no signature", line));
        };
        let signature = match decode_hex(signature) {
            Some(bytes) if bytes.len() == 32 => bytes,
            _ => {
                return Err(RfidError::malformed(
                    "the signature is not 64 hex digits",
                    line,
                ));
            }
        };
        let fields: Vec<&str> = body.split(' ').collect();
        if fields.iter().any(|f| f.is_empty()) {
            return Err(RfidError::malformed(
                "fields are separated by exactly one space",
                line,
            ));
        }
        if fields.first() != Some(&PROTOCOL) {
            return Err(RfidError::malformed(
                "the line does not start with GGP1",
                line,
            ));
        }
        let message = match (fields.get(1).copied(), fields.len()) {
            (Some("TAG"), 8) => Message::Tag {
                header: header(&fields, line)?,
                antenna: fields[5]
                    .parse()
                    .map_err(|_| RfidError::malformed("the antenna is not 0 to 65535", line))?,
                tag: TagId::parse(fields[6]).ok_or_else(|| {
                    RfidError::malformed("the tag is not 4 to 64 hex digits", line)
                })?,
                state: match fields[7] {
                    "ON" => TagState::On,
                    "OFF" => TagState::Off,
                    _ => return Err(RfidError::malformed("the tag state is not ON or OFF", line)),
                },
            },
            (Some("HB"), 5) => Message::Heartbeat {
                header: header(&fields, line)?,
            },
            (Some("TAG" | "HB"), _) => {
                return Err(RfidError::malformed("wrong number of fields", line));
            }
            _ => return Err(RfidError::malformed("unknown message kind", line)),
        };
        Ok(SignedLine {
            body,
            signature,
            message,
        })
    }
}

fn header(fields: &[&str], line: &str) -> Result<Header, RfidError> {
    let reader = fields.get(2).copied().unwrap_or_default();
    let valid_id = (1..=MAX_READER_ID).contains(&reader.len())
        && reader
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if !valid_id {
        return Err(RfidError::malformed(
            "the reader id is not 1 to 32 of A-Z a-z 0-9 . _ -",
            line,
        ));
    }
    let number = |index: usize, what: &str| {
        fields
            .get(index)
            .filter(|f| f.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|f| f.parse::<u64>().ok())
            .ok_or_else(|| RfidError::malformed(format!("the {what} is not a decimal u64"), line))
    };
    Ok(Header {
        reader: reader.to_owned(),
        counter: number(3, "counter")?,
        timestamp_ms: number(4, "timestamp")?,
    })
}
