//! A reader: a connection that yields authenticated messages, and reconnects by itself.

use std::io::{self, Read};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::auth::Verifier;
use super::error::RfidError;
use super::message::Message;
use super::transport::{Connector, LineRead, LineReader};

/// How a reader reconnects after its connection dropped or fell silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reconnect {
    /// The wait before the second attempt; it doubles after each failure.
    pub first_delay: Duration,
    /// The longest wait between attempts.
    pub max_delay: Duration,
    /// Failed attempts in a row after which [`Reader::next_message`] gives up.
    pub max_attempts: u32,
    /// How long without any line (heartbeats included) before the connection is deemed
    /// dead and replaced.
    pub silence: Duration,
}

impl Default for Reconnect {
    fn default() -> Reconnect {
        Reconnect {
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
            max_attempts: 10,
            silence: Duration::from_secs(3),
        }
    }
}

type Clock = Box<dyn FnMut() -> u64 + Send>;

/// Authenticated messages from one connection (TCP or serial), reconnecting as needed.
///
/// `next_message` returns each line's message once it passes the [`Verifier`]; a refused
/// line (forged, replayed, malformed...) is returned as its error, and reading can go on
/// after it. Only when reconnecting fails `max_attempts` times in a row is the error an
/// [`RfidError::Io`].
pub struct Reader {
    connector: Box<dyn Connector>,
    verifier: Verifier,
    clock: Clock,
    reconnect: Reconnect,
    lines: Option<LineReader<Box<dyn Read + Send>>>,
    connections: u64,
    /// Connections in a row that ended before giving a single line.
    barren: u32,
    lines_on_connection: u64,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("connector", &self.connector)
            .field("verifier", &self.verifier)
            .field("reconnect", &self.reconnect)
            .field("connected", &self.lines.is_some())
            .field("connections", &self.connections)
            .finish()
    }
}

/// Milliseconds since the Unix epoch on this machine's clock.
pub fn system_time_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Reader {
    /// A reader over `connector`, checking lines with `verifier` against the system clock.
    /// Nothing is opened until the first read.
    pub fn new(connector: impl Connector + 'static, verifier: Verifier) -> Reader {
        Reader {
            connector: Box::new(connector),
            verifier,
            clock: Box::new(system_time_ms),
            reconnect: Reconnect::default(),
            lines: None,
            connections: 0,
            barren: 0,
            lines_on_connection: 0,
        }
    }

    /// The same reader with another reconnection policy.
    pub fn with_reconnect(mut self, reconnect: Reconnect) -> Reader {
        self.reconnect = reconnect;
        self
    }

    /// The same reader checking timestamps against `clock` (ms since the Unix epoch), for
    /// replays of recorded sessions and for tests.
    pub fn with_clock(mut self, clock: impl FnMut() -> u64 + Send + 'static) -> Reader {
        self.clock = Box::new(clock);
        self
    }

    /// How many times a connection was opened (1 after the first read; more after drops).
    pub fn connections(&self) -> u64 {
        self.connections
    }

    fn connect(&mut self) -> Result<(), RfidError> {
        let mut delay = self.reconnect.first_delay;
        let mut attempt = 0;
        loop {
            match self.connector.connect(self.reconnect.silence) {
                Ok(stream) => {
                    self.lines = Some(LineReader::new(stream));
                    self.connections += 1;
                    self.lines_on_connection = 0;
                    return Ok(());
                }
                Err(source) => {
                    attempt += 1;
                    if attempt >= self.reconnect.max_attempts.max(1) {
                        return Err(RfidError::Io {
                            endpoint: self.connector.endpoint(),
                            source,
                        });
                    }
                    thread::sleep(delay);
                    delay = (delay * 2).min(self.reconnect.max_delay);
                }
            }
        }
    }

    /// Forgets the connection. A peer that accepts connections and closes them at once
    /// would otherwise be reconnected to forever: such connections count as failed
    /// attempts, with the same back-off.
    fn drop_connection(&mut self, error: Option<io::Error>) -> Result<(), RfidError> {
        self.lines = None;
        if self.lines_on_connection > 0 {
            return Ok(());
        }
        self.barren += 1;
        if self.barren >= self.reconnect.max_attempts.max(1) {
            self.barren = 0;
            return Err(RfidError::Io {
                endpoint: self.connector.endpoint(),
                source: error.unwrap_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::ConnectionAborted,
                        "the reader closed every connection before sending a line",
                    )
                }),
            });
        }
        let backoff = self.reconnect.first_delay * 2u32.saturating_pow(self.barren - 1);
        thread::sleep(backoff.min(self.reconnect.max_delay));
        Ok(())
    }

    /// The next message, or why the next line was refused.
    pub fn next_message(&mut self) -> Result<Message, RfidError> {
        loop {
            let lines = match &mut self.lines {
                Some(lines) => lines,
                None => {
                    self.connect()?;
                    continue;
                }
            };
            match lines.read_line() {
                Ok(LineRead::Line(bytes)) => {
                    self.lines_on_connection += 1;
                    self.barren = 0;
                    let line = String::from_utf8(bytes).map_err(|error| {
                        RfidError::malformed(
                            "the line is not UTF-8",
                            &String::from_utf8_lossy(error.as_bytes()),
                        )
                    })?;
                    let now_ms = (self.clock)();
                    return self.verifier.check(&line, now_ms);
                }
                Ok(LineRead::TooLong(len)) => {
                    return Err(RfidError::TooLong {
                        len,
                        max: super::message::MAX_LINE_BYTES,
                    });
                }
                // The peer closed, fell silent past the limit, or the link broke:
                // reconnect. A timeout is silence, since readers send heartbeats.
                Ok(LineRead::End) => self.drop_connection(None)?,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => self.drop_connection(Some(error))?,
            }
        }
    }
}
