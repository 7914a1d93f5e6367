//! RFID card readers: the authenticated line protocol (docs/rfid-protocol.md), transports
//! over TCP and serial ports, deck registration and antenna mapping into card events,
//! and a reader simulator for tests and demos.
//!
//! Every line is signed with the table's key (HMAC-SHA256) and carries a per-reader
//! counter and timestamp, so that a rogue device can neither inject nor replay cards.

pub mod auth;
pub mod error;
pub mod message;

pub use auth::{DEFAULT_WINDOW_MS, TableKey, Verifier};
pub use error::RfidError;
pub use message::{Header, MAX_LINE_BYTES, Message, PROTOCOL, TagId, TagState};
pub mod deck;
pub mod table;

pub use deck::{DeckLearner, DeckRegistry};
pub use table::{AntennaMap, RfidEvent, RfidTable};
pub mod reader;
pub mod transport;

pub use reader::{Reader, Reconnect, system_time_ms};
pub use transport::{Connector, LineRead, LineReader, SerialConnector, TcpConnector};
pub mod sim;
