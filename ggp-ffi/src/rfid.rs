//! RFID across the ABI: checking signed reader lines with the table key, deck
//! registration, the table that turns tag messages into card events, and the reader
//! simulator's lines for tests and demos.

use std::ffi::c_char;

use ggp_core::feed::CardLocation;
use ggp_vision::rfid::sim::{self, SimStep, Simulator};
use ggp_vision::rfid::{
    AntennaMap, DeckRegistry, Message, RfidError, RfidEvent, RfidTable, TableKey, TagId, TagState,
    Verifier,
};
use serde_json::{Value, json};

use crate::boundary::{FfiError, FfiResult, guard, out_arg, utf8_arg, write_c_string};
use crate::cards::{card_arg, ggp_card};
use crate::rules::write_text;
use crate::status::{ggp_error, ggp_status};

impl From<RfidError> for FfiError {
    fn from(error: RfidError) -> FfiError {
        let status = match &error {
            RfidError::Malformed { .. } | RfidError::TooLong { .. } => ggp_status::RfidMalformed,
            RfidError::UnknownReader { .. } => ggp_status::RfidUnknownReader,
            RfidError::BadSignature { .. } => ggp_status::RfidBadSignature,
            RfidError::Replay { .. } => ggp_status::RfidReplay,
            RfidError::Stale { .. } => ggp_status::RfidStale,
            RfidError::InvalidKey { .. } => ggp_status::RfidInvalidKey,
            RfidError::TagRegistered { .. }
            | RfidError::ConfigFile { .. }
            | RfidError::DeckFile { .. }
            | RfidError::File { .. } => ggp_status::RfidDeck,
            // Connection errors do not arise in these calls (no transport crosses the
            // ABI); RfidError is non-exhaustive, so a new kind still becomes a status.
            _ => ggp_status::InvalidArgument,
        };
        FfiError::new(status, error.to_string())
    }
}

/// Bytes in `ggp_rfid_message`'s reader field, the NUL included (ids have 1 to 32).
pub const GGP_RFID_READER_CAPACITY: usize = 33;
/// Bytes in `ggp_rfid_message`'s tag field, the NUL included (tags have 4 to 64 digits).
pub const GGP_RFID_TAG_CAPACITY: usize = 65;

/// What an RFID message says.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_rfid_message_kind {
    /// A tag came into (`present`) or left an antenna's field.
    Tag = 0,
    /// The reader is alive.
    Heartbeat = 1,
}

/// One authenticated RFID message, copied out whole (nothing to free).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_rfid_message {
    /// Tag or heartbeat.
    pub kind: ggp_rfid_message_kind,
    /// The reader's id, NUL-terminated.
    pub reader: [c_char; GGP_RFID_READER_CAPACITY],
    /// The reader's message counter.
    pub counter: u64,
    /// The reader's clock, in milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
    /// The antenna (tag messages; 0 for a heartbeat).
    pub antenna: u16,
    /// The tag in upper-case hexadecimal, NUL-terminated (empty for a heartbeat).
    pub tag: [c_char; GGP_RFID_TAG_CAPACITY],
    /// Whether the tag came (`true`) or went (tag messages; `false` for a heartbeat).
    pub present: bool,
}

fn message_to_c(message: &Message) -> ggp_rfid_message {
    let header = message.header();
    let mut out = ggp_rfid_message {
        kind: ggp_rfid_message_kind::Heartbeat,
        reader: [0; GGP_RFID_READER_CAPACITY],
        counter: header.counter,
        timestamp_ms: header.timestamp_ms,
        antenna: 0,
        tag: [0; GGP_RFID_TAG_CAPACITY],
        present: false,
    };
    write_c_string(&header.reader, &mut out.reader);
    if let Message::Tag {
        antenna,
        tag,
        state,
        ..
    } = message
    {
        out.kind = ggp_rfid_message_kind::Tag;
        out.antenna = *antenna;
        write_c_string(tag.as_str(), &mut out.tag);
        out.present = *state == TagState::On;
    }
    out
}

/// Checks a table's reader lines (opaque): the table key, the known readers, and each
/// reader's last counter. Made by `ggp_rfid_verifier_new`, released by
/// `ggp_rfid_verifier_free`.
#[derive(Debug)]
pub struct ggp_rfid_verifier {
    verifier: Verifier,
}

/// Makes a verifier for the table key `key_hex` (32 hexadecimal digits or more) and the
/// readers named in `readers` (ids separated by spaces). `window_ms` is how far a line's
/// timestamp may be from the receiver's clock (0: 5000 ms). Release it with
/// `ggp_rfid_verifier_free`.
///
/// Errors: `GGP_STATUS_RFID_INVALID_KEY` for a key that is short or not hexadecimal.
///
/// # Safety
/// `key_hex` must point to `key_hex_len` readable bytes and `readers` to `readers_len`;
/// `out_verifier` must point to a writable `ggp_rfid_verifier *`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_verifier_new(
    key_hex: *const c_char,
    key_hex_len: usize,
    readers: *const c_char,
    readers_len: usize,
    window_ms: u64,
    out_verifier: *mut *mut ggp_rfid_verifier,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let key = TableKey::from_hex(unsafe { utf8_arg(key_hex, key_hex_len, "key_hex") }?)?;
        // SAFETY: as above.
        let readers = unsafe { utf8_arg(readers, readers_len, "readers") }?;
        // SAFETY: as above.
        let out_verifier = unsafe { out_arg(out_verifier, "out_verifier") }?;
        let mut verifier = Verifier::new(key, readers.split_whitespace());
        if window_ms > 0 {
            verifier = verifier.with_window_ms(window_ms);
        }
        *out_verifier = Box::into_raw(Box::new(ggp_rfid_verifier { verifier }));
        Ok(())
    })
}

/// Releases a verifier; NULL is a no-op.
///
/// # Safety
/// `verifier` must be NULL or a handle from `ggp_rfid_verifier_new` not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_verifier_free(verifier: *mut ggp_rfid_verifier) {
    if !verifier.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw in _new.
        drop(unsafe { Box::from_raw(verifier) });
    }
}

/// Checks one line (without its line ending) received at `now_ms` (milliseconds since the
/// Unix epoch on the receiver's clock) and copies its message into `*out_message`. On
/// success the reader's counter advances; on any error nothing changes.
///
/// Errors, one status each: `GGP_STATUS_RFID_MALFORMED`, `GGP_STATUS_RFID_UNKNOWN_READER`,
/// `GGP_STATUS_RFID_BAD_SIGNATURE` (forged), `GGP_STATUS_RFID_REPLAY`,
/// `GGP_STATUS_RFID_STALE`; `GGP_STATUS_INVALID_UTF8` for bytes that are not text.
///
/// # Safety
/// `verifier` must be a live handle; `line` must point to `line_len` readable bytes;
/// `out_message` must point to a writable `ggp_rfid_message`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_verifier_check(
    verifier: *mut ggp_rfid_verifier,
    line: *const c_char,
    line_len: usize,
    now_ms: u64,
    out_message: *mut ggp_rfid_message,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let verifier = unsafe { out_arg(verifier, "verifier") }?;
        // SAFETY: as above.
        let line = unsafe { utf8_arg(line, line_len, "line") }?;
        // SAFETY: as above.
        let out_message = unsafe { out_arg(out_message, "out_message") }?;
        let message = verifier.verifier.check(line, now_ms)?;
        *out_message = message_to_c(&message);
        Ok(())
    })
}

/// Tag ids registered as cards (opaque): the deck file of `docs/rfid-protocol.md`. Made
/// by `ggp_rfid_deck_new`, released by `ggp_rfid_deck_free`.
#[derive(Debug)]
pub struct ggp_rfid_deck {
    deck: DeckRegistry,
}

/// Makes a deck registry from the text of a deck file (one `TAG CARD` pair a line, `#`
/// comments); `text_len` 0 (with `text` NULL) gives an empty one. Release it with
/// `ggp_rfid_deck_free`.
///
/// Errors: `GGP_STATUS_RFID_DECK` naming the line that cannot be read.
///
/// # Safety
/// `text` must be NULL (with `text_len` 0) or point to `text_len` readable bytes;
/// `out_deck` must point to a writable `ggp_rfid_deck *`; `error` must be NULL or point to
/// a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_deck_new(
    text: *const c_char,
    text_len: usize,
    out_deck: *mut *mut ggp_rfid_deck,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        let deck = if text_len == 0 {
            DeckRegistry::new()
        } else {
            // SAFETY: forwarded from this function's contract.
            DeckRegistry::parse(unsafe { utf8_arg(text, text_len, "text") }?)?
        };
        // SAFETY: as above.
        *unsafe { out_arg(out_deck, "out_deck") }? =
            Box::into_raw(Box::new(ggp_rfid_deck { deck }));
        Ok(())
    })
}

/// Releases a deck registry; NULL is a no-op.
///
/// # Safety
/// `deck` must be NULL or a handle from `ggp_rfid_deck_new` not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_deck_free(deck: *mut ggp_rfid_deck) {
    if !deck.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw in _new.
        drop(unsafe { Box::from_raw(deck) });
    }
}

fn tag_arg(tag: &str) -> FfiResult<TagId> {
    TagId::parse(tag).ok_or_else(|| {
        FfiError::new(
            ggp_status::InvalidArgument,
            format!("{tag:?} is not a tag id (4 to 64 hexadecimal digits)"),
        )
    })
}

/// Registers the tag `tag` (hexadecimal) as `card`. A tag already registered as another
/// card is `GGP_STATUS_RFID_DECK` and changes nothing.
///
/// # Safety
/// `deck` must be a live handle; `tag` must point to `tag_len` readable bytes; `error`
/// must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_deck_register(
    deck: *mut ggp_rfid_deck,
    tag: *const c_char,
    tag_len: usize,
    card: ggp_card,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let deck = unsafe { out_arg(deck, "deck") }?;
        // SAFETY: as above.
        let tag = tag_arg(unsafe { utf8_arg(tag, tag_len, "tag") }?)?;
        deck.deck.register(tag, card_arg(card)?)?;
        Ok(())
    })
}

/// Stores in `*out_card` the card the tag `tag` is registered as, and in `*out_found`
/// whether it is registered at all (`*out_card` is then left alone).
///
/// # Safety
/// `deck` must be a live handle; `tag` must point to `tag_len` readable bytes; `out_card`
/// and `out_found` must point to writable values; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_deck_card(
    deck: *const ggp_rfid_deck,
    tag: *const c_char,
    tag_len: usize,
    out_card: *mut ggp_card,
    out_found: *mut bool,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let deck = unsafe { deck.as_ref() }.ok_or_else(|| FfiError::null("deck"))?;
        // SAFETY: as above.
        let tag = tag_arg(unsafe { utf8_arg(tag, tag_len, "tag") }?)?;
        // SAFETY: as above.
        let out_card = unsafe { out_arg(out_card, "out_card") }?;
        // SAFETY: as above.
        let out_found = unsafe { out_arg(out_found, "out_found") }?;
        let card = deck.deck.card(&tag);
        *out_found = card.is_some();
        if let Some(card) = card {
            *out_card = card.index();
        }
        Ok(())
    })
}

/// The registry as the text of a deck file, sorted by tag.
///
/// The text is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL` and `*out_len` still receives the length.
///
/// # Safety
/// `deck` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_deck_to_text(
    deck: *const ggp_rfid_deck,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let deck = unsafe { deck.as_ref() }.ok_or_else(|| FfiError::null("deck"))?;
        // SAFETY: as above.
        unsafe { write_text(&deck.deck.to_file_string(), buffer, buffer_len, out_len) }
    })
}

/// A table's RFID state (opaque): its registered deck, which antenna watches which place,
/// and which tags are where now; turns authenticated messages into card events. Made by
/// `ggp_rfid_table_new` or `ggp_rfid_table_new_simulated`, released by
/// `ggp_rfid_table_free`.
#[derive(Debug)]
pub struct ggp_rfid_table {
    table: RfidTable,
    last: Vec<RfidEvent>,
}

fn table_out(out_table: &mut *mut ggp_rfid_table, table: RfidTable) {
    *out_table = Box::into_raw(Box::new(ggp_rfid_table {
        table,
        last: Vec::new(),
    }));
}

/// Makes a table from a copy of `deck` and the text of an antenna file (one `READER
/// ANTENNA PLACE` a line, e.g. `r1 3 player 1 hole card 2`, `r1 100 board 1 card 1`,
/// `r1 200 the muck`; counted from 1). Release it with `ggp_rfid_table_free`.
///
/// Errors: `GGP_STATUS_RFID_DECK` naming the antenna line that cannot be read.
///
/// # Safety
/// `deck` must be a live handle; `antennas` must point to `antennas_len` readable bytes;
/// `out_table` must point to a writable `ggp_rfid_table *`; `error` must be NULL or point
/// to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_table_new(
    deck: *const ggp_rfid_deck,
    antennas: *const c_char,
    antennas_len: usize,
    out_table: *mut *mut ggp_rfid_table,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let deck = unsafe { deck.as_ref() }.ok_or_else(|| FfiError::null("deck"))?;
        // SAFETY: as above.
        let antennas = AntennaMap::parse(unsafe { utf8_arg(antennas, antennas_len, "antennas") }?)?;
        // SAFETY: as above.
        let out_table = unsafe { out_arg(out_table, "out_table") }?;
        table_out(out_table, RfidTable::new(deck.deck.clone(), antennas));
        Ok(())
    })
}

/// Makes the simulator's table: every card of a standard deck registered with its
/// simulated tag, and one reader `reader` whose antenna `1 + 8 × seat + slot` watches a
/// seat's hole card, 100 to 104 the board, 200 the muck. Release it with
/// `ggp_rfid_table_free`.
///
/// # Safety
/// `reader` must point to `reader_len` readable bytes; `out_table` must point to a
/// writable `ggp_rfid_table *`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_table_new_simulated(
    reader: *const c_char,
    reader_len: usize,
    players: u32,
    out_table: *mut *mut ggp_rfid_table,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let reader = unsafe { utf8_arg(reader, reader_len, "reader") }?;
        // SAFETY: as above.
        let out_table = unsafe { out_arg(out_table, "out_table") }?;
        let (deck, antennas) = sim::simulated_table(reader, players as usize);
        table_out(out_table, RfidTable::new(deck, antennas));
        Ok(())
    })
}

/// Releases a table; NULL is a no-op.
///
/// # Safety
/// `table` must be NULL or a handle from a `ggp_rfid_table_new*` call not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_table_free(table: *mut ggp_rfid_table) {
    if !table.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw in table_out.
        drop(unsafe { Box::from_raw(table) });
    }
}

/// Starts a new hand: no card is dead any more.
///
/// # Safety
/// `table` must be a live handle; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_table_new_hand(
    table: *mut ggp_rfid_table,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        unsafe { out_arg(table, "table") }?.table.new_hand();
        Ok(())
    })
}

/// An RFID event as JSON: `{"type":"card", ...card event}` (which
/// `ggp_hand_feed_apply_card_json` takes as it is), or `unknown_tag`, `unmapped_antenna`,
/// `duplicate_card`, `card_at_two_places` or `dead_card` with their fields.
pub(crate) fn rfid_event_json(event: &RfidEvent) -> Value {
    let place = |location: &CardLocation| serde_json::to_value(location).unwrap_or(Value::Null);
    match event {
        RfidEvent::Card(card) => {
            let mut value = serde_json::to_value(card).unwrap_or(Value::Null);
            if let Value::Object(fields) = &mut value {
                fields.insert("type".to_owned(), json!("card"));
            }
            value
        }
        RfidEvent::UnknownTag {
            reader,
            antenna,
            tag,
            timestamp_ns,
        } => json!({
            "type": "unknown_tag", "reader": reader, "antenna": antenna,
            "tag": tag.as_str(), "timestamp_ns": timestamp_ns,
        }),
        RfidEvent::UnmappedAntenna {
            reader,
            antenna,
            timestamp_ns,
        } => json!({
            "type": "unmapped_antenna", "reader": reader, "antenna": antenna,
            "timestamp_ns": timestamp_ns,
        }),
        RfidEvent::DuplicateCard {
            card,
            first,
            second,
            timestamp_ns,
        } => json!({
            "type": "duplicate_card", "card": card.to_string(), "first": place(first),
            "second": place(second), "timestamp_ns": timestamp_ns,
        }),
        RfidEvent::CardAtTwoPlaces {
            card,
            first,
            second,
            timestamp_ns,
        } => json!({
            "type": "card_at_two_places", "card": card.to_string(), "first": place(first),
            "second": place(second), "timestamp_ns": timestamp_ns,
        }),
        RfidEvent::DeadCard {
            card,
            location,
            timestamp_ns,
        } => json!({
            "type": "dead_card", "card": card.to_string(), "location": place(location),
            "timestamp_ns": timestamp_ns,
        }),
    }
}

/// Checks one reader line with `verifier` (as `ggp_rfid_verifier_check`) and gives its
/// message to the table; `*out_count` receives how many events it gave (0 for a
/// heartbeat). Read them with `ggp_rfid_table_events_json`. A refused line is its own
/// status (see `ggp_rfid_verifier_check`) and changes nothing.
///
/// # Safety
/// `table` and `verifier` must be live handles; `line` must point to `line_len` readable
/// bytes; `out_count` must point to a writable `size_t`; `error` must be NULL or point to
/// a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_table_handle_line(
    table: *mut ggp_rfid_table,
    verifier: *mut ggp_rfid_verifier,
    line: *const c_char,
    line_len: usize,
    now_ms: u64,
    out_count: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let table = unsafe { out_arg(table, "table") }?;
        // SAFETY: as above.
        let verifier = unsafe { out_arg(verifier, "verifier") }?;
        // SAFETY: as above.
        let line = unsafe { utf8_arg(line, line_len, "line") }?;
        // SAFETY: as above.
        let out_count = unsafe { out_arg(out_count, "out_count") }?;
        let message = verifier.verifier.check(line, now_ms)?;
        table.last = table.table.handle(&message);
        *out_count = table.last.len();
        Ok(())
    })
}

/// The events of the last `ggp_rfid_table_handle_line`, as a JSON array (see
/// `rfid_event_json` in the docs: `{"type":"card","timestamp_ns":..,"card":"As",
/// "location":{"kind":"hole","seat":0,"slot":0},"present":true,"source":"rfid",
/// "confidence":1.0}` and so on).
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL` and `*out_len` still receives the length.
///
/// # Safety
/// `table` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_table_events_json(
    table: *const ggp_rfid_table,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let table = unsafe { table.as_ref() }.ok_or_else(|| FfiError::null("table"))?;
        let items: Vec<Value> = table.last.iter().map(rfid_event_json).collect();
        // SAFETY: as above.
        unsafe {
            write_text(
                &Value::Array(items).to_string(),
                buffer,
                buffer_len,
                out_len,
            )
        }
    })
}

/// What `ggp_rfid_simulate_json` simulates. Text fields are UTF-8 (pointer, length).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_rfid_sim_options {
    /// The table key the reader signs with, in hexadecimal (32 digits or more).
    pub key_hex: *const c_char,
    /// Bytes in `key_hex`.
    pub key_hex_len: usize,
    /// The reader's id.
    pub reader: *const c_char,
    /// Bytes in `reader`.
    pub reader_len: usize,
    /// Players at the table (2 to 10).
    pub players: u32,
    /// The seed of the deck's shuffle: the same seed deals the same hand everywhere.
    pub seed: u64,
    /// The reader's clock at the start, in milliseconds since the Unix epoch.
    pub start_ms: u64,
    /// How far the reader's clock advances with each line, in milliseconds.
    pub step_ms: u64,
    /// Above 0: a forged, a replayed and a malformed line follow every
    /// `inject_every`-th genuine line.
    pub inject_every: u32,
}

/// The simulated reader's steps for a seeded no-limit hold'em hand (stacks 500, blinds
/// 5/10, min bet 10; the first player folds, the others call down and show), as JSON:
/// `{"lines":[{"line":"GGP1 TAG ...","genuine":true}, ...],
/// "actions":[{"action":"p2 cc","timestamp_ms":..}, ...], "steps":[...]}` where `steps`
/// keeps lines and actions in their order. Injected bad lines have `"genuine":false`.
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL` and `*out_len` still receives the length.
///
/// # Safety
/// `options` must point to a readable `ggp_rfid_sim_options` whose text fields point to
/// their lengths in readable bytes; `buffer` must be NULL or point to `buffer_len`
/// writable bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_rfid_simulate_json(
    options: *const ggp_rfid_sim_options,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let o = unsafe { options.as_ref() }.ok_or_else(|| FfiError::null("options"))?;
        // SAFETY: as above.
        let key = TableKey::from_hex(unsafe { utf8_arg(o.key_hex, o.key_hex_len, "key_hex") }?)?;
        // SAFETY: as above.
        let reader = unsafe { utf8_arg(o.reader, o.reader_len, "reader") }?;
        let timing = (o.start_ms, o.step_ms);
        let steps = simulate(key, reader, o.players, o.seed, timing, o.inject_every)?;
        // SAFETY: as above.
        unsafe { write_text(&steps.to_string(), buffer, buffer_len, out_len) }
    })
}

/// The simulated steps as JSON (see `ggp_rfid_simulate_json`).
pub(crate) fn simulate(
    key: TableKey,
    reader: &str,
    players: u32,
    seed: u64,
    (start_ms, step_ms): (u64, u64),
    inject_every: u32,
) -> FfiResult<Value> {
    let hand = sim::seeded_hand(players as usize, seed)?;
    let injections = sim::Injections {
        every: inject_every as usize,
        forged: true,
        replayed: true,
        malformed: true,
    };
    let steps = Simulator::new(key, reader, start_ms, step_ms)
        .with_injections(injections)
        .script(&hand);
    let (mut lines, mut actions, mut all) = (Vec::new(), Vec::new(), Vec::new());
    for step in &steps {
        let value = match step {
            SimStep::Line { line, genuine } => {
                let value = json!({"line": line, "genuine": genuine});
                lines.push(value.clone());
                value
            }
            SimStep::Action {
                action,
                timestamp_ms,
            } => {
                let value = json!({"action": action.to_string(), "timestamp_ms": timestamp_ms});
                actions.push(value.clone());
                value
            }
        };
        all.push(value);
    }
    Ok(json!({"lines": lines, "actions": actions, "steps": all}))
}
