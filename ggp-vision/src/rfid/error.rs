//! Every way an RFID message, reader or deck file can be refused, as one typed error.

/// Why an RFID line, connection or deck file was refused. Parsing and checking never
/// panic: every refusal is one of these, naming the reader or line it concerns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RfidError {
    /// The line does not follow the protocol (docs/rfid-protocol.md).
    #[error("malformed RFID line ({reason}): {excerpt:?}")]
    Malformed {
        /// What is wrong.
        reason: String,
        /// The start of the line, for the log.
        excerpt: String,
    },
    /// The line is longer than the protocol allows.
    #[error("RFID line of {len} bytes or more is longer than the {max} the protocol allows")]
    TooLong {
        /// Bytes read before giving up.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The message names a reader this table does not know.
    #[error("RFID message from unknown reader {reader:?}")]
    UnknownReader {
        /// The reader id in the message.
        reader: String,
    },
    /// The signature does not match the table key: a forged or corrupted message.
    #[error("RFID message from reader {reader:?} (counter {counter}) has a bad signature")]
    BadSignature {
        /// The reader id the message claims.
        reader: String,
        /// The counter it claims.
        counter: u64,
    },
    /// The counter is not above the last one accepted from that reader: a replay.
    #[error("RFID message from reader {reader:?} replays counter {counter} (last accepted {last})")]
    Replay {
        /// The reader.
        reader: String,
        /// The counter in the message.
        counter: u64,
        /// The last counter accepted from that reader.
        last: u64,
    },
    /// The timestamp is outside the accepted window around the receiver's clock.
    #[error(
        "RFID message from reader {reader:?} (counter {counter}) is stamped {timestamp_ms} ms, \
         more than {window_ms} ms from the receiver's {now_ms} ms"
    )]
    Stale {
        /// The reader.
        reader: String,
        /// The counter in the message.
        counter: u64,
        /// The message's timestamp.
        timestamp_ms: u64,
        /// The receiver's clock.
        now_ms: u64,
        /// The window.
        window_ms: u64,
    },
    /// A table key that is too short or not hexadecimal.
    #[error("invalid RFID table key: {reason}")]
    InvalidKey {
        /// What is wrong.
        reason: &'static str,
    },
    /// Connecting to, or reading from, a reader failed.
    #[error("RFID reader at {endpoint}: {source}")]
    Io {
        /// The address or device path.
        endpoint: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A tag is already registered as another card.
    #[error("tag {tag} is already registered as {known}, not {card}")]
    TagRegistered {
        /// The tag.
        tag: String,
        /// The card it stands for.
        known: ggp_core::Card,
        /// The card it was to be registered as.
        card: ggp_core::Card,
    },
    /// An antenna file could not be read.
    #[error("antenna file line {line}: {reason}")]
    ConfigFile {
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    File {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A deck file could not be read.
    #[error("deck file line {line}: {reason}")]
    DeckFile {
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

impl RfidError {
    /// A malformed-line error quoting the start of `line`.
    pub(crate) fn malformed(reason: impl Into<String>, line: &str) -> RfidError {
        RfidError::Malformed {
            reason: reason.into(),
            excerpt: line.chars().take(80).collect(),
        }
    }
}
