//! Byte streams from readers (TCP and serial ports) and bounded line reading over them.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::net::TcpStream;
use std::time::Duration;

use super::message::MAX_LINE_BYTES;

/// Opens a reader's byte stream; called again to reconnect.
pub trait Connector: Send + fmt::Debug {
    /// The address or device, for messages.
    fn endpoint(&self) -> String;
    /// Opens the stream. Reads on it must time out after the silence limit given, so that
    /// a reader that stops talking (heartbeats included) is noticed.
    fn connect(&mut self, silence: Duration) -> io::Result<Box<dyn Read + Send>>;
}

/// A reader reached over TCP (`host:port`); the reader is the server.
#[derive(Debug, Clone)]
pub struct TcpConnector {
    address: String,
}

impl TcpConnector {
    /// Connects to `address` (`host:port`).
    pub fn new(address: impl Into<String>) -> TcpConnector {
        TcpConnector {
            address: address.into(),
        }
    }
}

impl Connector for TcpConnector {
    fn endpoint(&self) -> String {
        format!("tcp://{}", self.address)
    }

    fn connect(&mut self, silence: Duration) -> io::Result<Box<dyn Read + Send>> {
        let stream = TcpStream::connect(&self.address)?;
        stream.set_read_timeout(Some(silence))?;
        // Lines are tiny and sent one at a time; waiting to batch them only adds latency.
        stream.set_nodelay(true)?;
        Ok(Box::new(stream))
    }
}

/// A reader on a serial port (`/dev/ttyUSB0`, `COM3`), 8N1 at the given baud rate.
#[derive(Debug, Clone)]
pub struct SerialConnector {
    path: String,
    baud_rate: u32,
}

impl SerialConnector {
    /// The port at `path`, at `baud_rate` (readers commonly use 115200).
    pub fn new(path: impl Into<String>, baud_rate: u32) -> SerialConnector {
        SerialConnector {
            path: path.into(),
            baud_rate,
        }
    }
}

impl Connector for SerialConnector {
    fn endpoint(&self) -> String {
        format!("serial://{}@{}", self.path, self.baud_rate)
    }

    fn connect(&mut self, silence: Duration) -> io::Result<Box<dyn Read + Send>> {
        let port = serialport::new(&self.path, self.baud_rate)
            .timeout(silence)
            .open()
            .map_err(io::Error::from)?;
        Ok(Box::new(port))
    }
}

/// What one attempt to read a line gave.
#[derive(Debug, PartialEq, Eq)]
pub enum LineRead {
    /// A whole line, without its `\n`.
    Line(Vec<u8>),
    /// A line longer than the protocol allows; it was skipped up to its end.
    TooLong(usize),
    /// The stream ended.
    End,
}

/// Reads `\n`-terminated lines of at most [`MAX_LINE_BYTES`] (plus a `\r`) without ever
/// holding more than that in memory, whatever the peer sends.
#[derive(Debug)]
pub struct LineReader<R> {
    inner: BufReader<R>,
    partial: Vec<u8>,
    skipped: usize,
}

impl<R: Read> LineReader<R> {
    /// Reads lines from `inner`.
    pub fn new(inner: R) -> LineReader<R> {
        LineReader {
            inner: BufReader::with_capacity(4096, inner),
            partial: Vec::new(),
            skipped: 0,
        }
    }

    /// The next line. A timeout or other error leaves a partly read line in place for the
    /// next call.
    pub fn read_line(&mut self) -> io::Result<LineRead> {
        loop {
            let buffer = self.inner.fill_buf()?;
            if buffer.is_empty() {
                return Ok(LineRead::End);
            }
            let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
                Some(end) => (&buffer[..end], Some(end + 1)),
                None => (buffer, None),
            };
            if self.skipped == 0 && self.partial.len() + chunk.len() <= MAX_LINE_BYTES + 1 {
                self.partial.extend_from_slice(chunk);
            } else {
                self.skipped += self.partial.len() + chunk.len();
                self.partial.clear();
            }
            let used = done.unwrap_or(chunk.len());
            self.inner.consume(used);
            if done.is_some() {
                let skipped = std::mem::take(&mut self.skipped);
                let line = std::mem::take(&mut self.partial);
                return Ok(if skipped > 0 {
                    LineRead::TooLong(skipped)
                } else {
                    LineRead::Line(line)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_and_overlong_ones_skipped() {
        let long = "x".repeat(MAX_LINE_BYTES + 10);
        let text = format!("one\r\n{long}\ntwo\nhalf");
        let mut reader = LineReader::new(text.as_bytes());
        assert_eq!(
            reader.read_line().expect("1"),
            LineRead::Line(b"one\r".to_vec())
        );
        assert!(
            matches!(reader.read_line().expect("2"), LineRead::TooLong(n) if n > MAX_LINE_BYTES)
        );
        assert_eq!(
            reader.read_line().expect("3"),
            LineRead::Line(b"two".to_vec())
        );
        assert_eq!(reader.read_line().expect("4"), LineRead::End);
    }
}
