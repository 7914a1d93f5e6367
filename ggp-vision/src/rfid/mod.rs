//! RFID card readers: the authenticated line protocol (docs/rfid-protocol.md), transports
//! over TCP and serial ports, deck registration and antenna mapping into card events,
//! and a reader simulator for tests and demos.
//!
//! Every line is signed with the table's key (HMAC-SHA256) and carries a per-reader
//! counter and timestamp, so that a rogue device can neither inject nor replay cards.
//!
//! The path of a card: [`Reader`] (bytes from a [`Connector`], lines checked by a
//! [`Verifier`]) gives [`Message`]s; [`RfidTable`] (a [`DeckRegistry`] and an
//! [`AntennaMap`]) turns them into [`RfidEvent`]s, whose card events feed a hand through
//! `ggp_core::feed::HandFeed`.

pub mod auth;
pub mod deck;
pub mod error;
pub mod message;
pub mod reader;
pub mod sim;
pub mod table;
pub mod transport;

pub use auth::{DEFAULT_WINDOW_MS, TableKey, Verifier};
pub use deck::{DeckLearner, DeckRegistry};
pub use error::RfidError;
pub use message::{Header, MAX_LINE_BYTES, Message, PROTOCOL, TagId, TagState};
pub use reader::{Reader, Reconnect, system_time_ms};
pub use table::{AntennaMap, RfidEvent, RfidTable};
pub use transport::{Connector, LineRead, LineReader, SerialConnector, TcpConnector};
