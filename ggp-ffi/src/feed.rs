//! Hands fed by card events (RFID, vision, an operator) and actions, across the ABI: a
//! thin shell over `ggp_core::feed::HandFeed`.

use std::ffi::c_char;

use ggp_core::feed::{CardEvent, CardLocation, CardSource, FeedError, FeedOutcome, HandFeed};
use ggp_core::phh::PhhHand;
use ggp_core::rules::Hand;
use ggp_core::view::TableInfo;

use crate::boundary::{FfiError, FfiResult, guard, out_arg, utf8_arg};
use crate::cards::{card_arg, ggp_card};
use crate::rules::{ggp_hand, hand_out, write_text};
use crate::status::{ggp_error, ggp_status};

impl From<FeedError> for FfiError {
    fn from(error: FeedError) -> FfiError {
        FfiError::new(ggp_status::Feed, format!("{}: {error}", error.code()))
    }
}

/// What saw a card.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_card_source {
    /// An RFID reader.
    Rfid = 0,
    /// Camera recognition.
    Vision = 1,
    /// A person at a console.
    Operator = 2,
    /// A hand history replayed onto video.
    HandHistory = 3,
}

/// A card seen at a place, or taken away from it.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_card_event {
    /// When, in nanoseconds on the source's clock.
    pub timestamp_ns: i64,
    /// The card.
    pub card: ggp_card,
    /// Where, as UTF-8 text counted from 1: "player 1 hole card 2", "player 1 hole card",
    /// "board 1 card 3", "board 1" or "the muck".
    pub location: *const c_char,
    /// Bytes in `location`.
    pub location_len: usize,
    /// `true` when the card arrived, `false` when it was taken away.
    pub present: bool,
    /// What saw it, a `ggp_card_source` value.
    pub source: u32,
    /// The source's confidence, 0 to 1 (1 for RFID and operators).
    pub confidence: f32,
}

/// What applying a card event did.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_feed_outcome {
    /// The card (and any that waited for it) was dealt.
    Dealt = 0,
    /// The card waits until the hand is ready for it.
    Waiting = 1,
    /// The hand already had this card there: nothing changed.
    AlreadyKnown = 2,
    /// A hole card dealt unknown is now known; the hand was replayed with it.
    Revealed = 3,
    /// A card left a place or went to the muck: noted for dead-card checks.
    Noted = 4,
    /// A card that waited to be dealt was taken away before it was.
    Withdrawn = 5,
    /// An outcome newer than this header; the hand's views say what changed.
    Other = 99,
}

impl From<&FeedOutcome> for ggp_feed_outcome {
    fn from(outcome: &FeedOutcome) -> ggp_feed_outcome {
        match outcome {
            FeedOutcome::Dealt(_) => ggp_feed_outcome::Dealt,
            FeedOutcome::Waiting => ggp_feed_outcome::Waiting,
            FeedOutcome::AlreadyKnown => ggp_feed_outcome::AlreadyKnown,
            FeedOutcome::Revealed { .. } => ggp_feed_outcome::Revealed,
            FeedOutcome::Noted => ggp_feed_outcome::Noted,
            FeedOutcome::Withdrawn => ggp_feed_outcome::Withdrawn,
            // FeedOutcome is non-exhaustive: an outcome added later still reaches C.
            _ => ggp_feed_outcome::Other,
        }
    }
}

/// A hand fed by card events and actions (opaque): cards are dealt in the order the hand
/// expects them whatever order they are read in, and hole cards read late are filled in.
/// Made by `ggp_hand_feed_new` or `ggp_hand_feed_new_phh`, released by
/// `ggp_hand_feed_free`.
#[derive(Debug)]
pub struct ggp_hand_feed {
    feed: HandFeed,
}

fn feed_out(out_feed: &mut *mut ggp_hand_feed, hand: Hand) {
    *out_feed = Box::into_raw(Box::new(ggp_hand_feed {
        feed: HandFeed::new(hand),
    }));
}

/// Makes a feed of a copy of `hand` (typically just started, with its blinds posted).
/// Release it with `ggp_hand_feed_free`.
///
/// # Safety
/// `hand` must be a live hand; `out_feed` must point to a writable `ggp_hand_feed *`;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_new(
    hand: *const ggp_hand,
    out_feed: *mut *mut ggp_hand_feed,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let hand = unsafe { hand.as_ref() }.ok_or_else(|| FfiError::null("hand"))?;
        // SAFETY: as above.
        let out_feed = unsafe { out_arg(out_feed, "out_feed") }?;
        feed_out(out_feed, hand.inner().clone());
        Ok(())
    })
}

/// Makes a feed of a new hand with the game, stakes and stacks of a PHH hand history (its
/// actions are not applied: cards and actions come from events). Release it with
/// `ggp_hand_feed_free`.
///
/// Errors: `GGP_STATUS_HAND_HISTORY` for text that is no PHH hand,
/// `GGP_STATUS_INVALID_CONFIG` for stakes that cannot be played.
///
/// # Safety
/// `text` must point to `text_len` readable bytes; `out_feed` must point to a writable
/// `ggp_hand_feed *`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_new_phh(
    text: *const c_char,
    text_len: usize,
    out_feed: *mut *mut ggp_hand_feed,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { utf8_arg(text, text_len, "text") }?;
        // SAFETY: as above.
        let out_feed = unsafe { out_arg(out_feed, "out_feed") }?;
        let hand = Hand::new(PhhHand::parse(text)?.to_config()?)?;
        feed_out(out_feed, hand);
        Ok(())
    })
}

/// Releases a feed; NULL is a no-op.
///
/// # Safety
/// `feed` must be NULL or a handle from a `ggp_hand_feed_new*` call not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_free(feed: *mut ggp_hand_feed) {
    if !feed.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw in feed_out.
        drop(unsafe { Box::from_raw(feed) });
    }
}

/// Borrows a live feed.
///
/// # Safety
/// `feed` must be NULL or a live handle not used elsewhere at the same time.
unsafe fn feed_arg<'a>(feed: *mut ggp_hand_feed) -> FfiResult<&'a mut HandFeed> {
    // SAFETY: forwarded from this function's contract.
    Ok(&mut unsafe { out_arg(feed, "feed") }?.feed)
}

fn source_arg(source: u32) -> FfiResult<CardSource> {
    Ok(match source {
        0 => CardSource::Rfid,
        1 => CardSource::Vision,
        2 => CardSource::Operator,
        3 => CardSource::HandHistory,
        other => {
            return Err(FfiError::new(
                ggp_status::InvalidArgument,
                format!("event.source {other} is no ggp_card_source (0 to 3)"),
            ));
        }
    })
}

fn apply(feed: &mut HandFeed, event: &CardEvent, out_outcome: &mut ggp_feed_outcome) -> FfiResult {
    let outcome = feed.apply_card(event)?;
    *out_outcome = ggp_feed_outcome::from(&outcome);
    Ok(())
}

/// Applies a card event and stores what it did in `*out_outcome`.
///
/// Errors: `GGP_STATUS_FEED` when the card cannot be placed (the message starts with the
/// reason's code: `card_conflict`, `dead_card`, `no_such_location`, `player_out`,
/// `place_taken`, `too_many_cards`, `cannot_reveal`, `rules`), and the hand is unchanged;
/// `GGP_STATUS_UNKNOWN_NAME` for a location that is not one; `GGP_STATUS_INVALID_CARD`.
///
/// # Safety
/// `feed` must be a live handle; `event` must point to a readable `ggp_card_event` whose
/// `location` points to `location_len` readable bytes; `out_outcome` must point to a
/// writable `ggp_feed_outcome`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_apply_card(
    feed: *mut ggp_hand_feed,
    event: *const ggp_card_event,
    out_outcome: *mut ggp_feed_outcome,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let feed = unsafe { feed_arg(feed) }?;
        // SAFETY: as above.
        let event = unsafe { event.as_ref() }.ok_or_else(|| FfiError::null("event"))?;
        // SAFETY: as above.
        let location = unsafe { utf8_arg(event.location, event.location_len, "location") }?;
        // SAFETY: as above.
        let out_outcome = unsafe { out_arg(out_outcome, "out_outcome") }?;
        let event = CardEvent {
            timestamp_ns: event.timestamp_ns,
            card: card_arg(event.card)?,
            location: location.parse::<CardLocation>()?,
            present: event.present,
            source: source_arg(event.source)?,
            confidence: event.confidence,
        };
        apply(feed, &event, out_outcome)
    })
}

/// Applies a card event given as JSON, as the RFID table and the card tracker write card
/// events (`{"type":"card","timestamp_ns":..,"card":"As","location":{"kind":"hole",
/// "seat":0,"slot":1},"present":true,"source":"rfid","confidence":1.0}`); otherwise as
/// `ggp_hand_feed_apply_card`. JSON that is no card event is `GGP_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `feed` must be a live handle; `json` must point to `json_len` readable bytes;
/// `out_outcome` must point to a writable `ggp_feed_outcome`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_apply_card_json(
    feed: *mut ggp_hand_feed,
    json: *const c_char,
    json_len: usize,
    out_outcome: *mut ggp_feed_outcome,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let feed = unsafe { feed_arg(feed) }?;
        // SAFETY: as above.
        let json = unsafe { utf8_arg(json, json_len, "json") }?;
        // SAFETY: as above.
        let out_outcome = unsafe { out_arg(out_outcome, "out_outcome") }?;
        let event: CardEvent = serde_json::from_str(json).map_err(|e| {
            FfiError::new(
                ggp_status::InvalidArgument,
                format!("not a card event: {e}"),
            )
        })?;
        apply(feed, &event, out_outcome)
    })
}

/// Applies an action in PHH notation ("p2 cbr 300", "p1 f", "p1 cc") taken at
/// `timestamp_ns`; hole cards still owed are dealt first (unknown where no source read
/// them; they are filled in if read later). `*out_applied`, if not NULL, receives how
/// many actions were applied (deals included).
///
/// Errors: `GGP_STATUS_FEED` (the message starts with `board_not_read` when the board
/// waits for cards no source read, with `rules` for an action the rules refuse); the
/// hand is then unchanged.
///
/// # Safety
/// `feed` must be a live handle; `notation` must point to `notation_len` readable bytes;
/// `out_applied` must be NULL or point to a writable `size_t`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_apply_action(
    feed: *mut ggp_hand_feed,
    notation: *const c_char,
    notation_len: usize,
    timestamp_ns: i64,
    out_applied: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let feed = unsafe { feed_arg(feed) }?;
        // SAFETY: as above.
        let notation = unsafe { utf8_arg(notation, notation_len, "notation") }?;
        let applied = feed.apply_phh(notation, timestamp_ns)?;
        // SAFETY: as above.
        if let Some(out_applied) = unsafe { out_applied.as_mut() } {
            *out_applied = applied.len();
        }
        Ok(())
    })
}

/// Makes a copy of the hand as fed so far, as a `ggp_hand` to read or render; release it
/// with `ggp_hand_free`.
///
/// # Safety
/// `feed` must be a live handle; `out_hand` must point to a writable `ggp_hand *`; `error`
/// must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_hand(
    feed: *const ggp_hand_feed,
    out_hand: *mut *mut ggp_hand,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let feed = unsafe { feed.as_ref() }.ok_or_else(|| FfiError::null("feed"))?;
        // SAFETY: as above.
        hand_out(
            unsafe { out_arg(out_hand, "out_hand") }?,
            feed.feed.hand().clone(),
        );
        Ok(())
    })
}

/// The shared body of the JSON getters.
///
/// # Safety
/// As for the getters.
unsafe fn json_out(
    feed: *const ggp_hand_feed,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
    to_json: impl FnOnce(&HandFeed) -> String,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let feed = unsafe { feed.as_ref() }.ok_or_else(|| FfiError::null("feed"))?;
        // SAFETY: as above.
        unsafe { write_text(&to_json(&feed.feed), buffer, buffer_len, out_len) }
    })
}

/// The full table view of the hand as fed so far, as JSON (as `ggp_hand_view_json`).
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL` and `*out_len` still receives the length; `buffer` may be
/// NULL when `buffer_len` is 0, to ask for the size.
///
/// # Safety
/// `feed` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_view_json(
    feed: *const ggp_hand_feed,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(feed, buffer, buffer_len, out_len, error, |feed| {
            feed.hand().view_json(&TableInfo::default())
        })
    }
}

/// The public table view (no hidden hole cards) of the hand as fed so far, as JSON;
/// otherwise as `ggp_hand_feed_view_json`.
///
/// # Safety
/// As for `ggp_hand_feed_view_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_public_view_json(
    feed: *const ggp_hand_feed,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(feed, buffer, buffer_len, out_len, error, |feed| {
            feed.hand().public_view_json(&TableInfo::default())
        })
    }
}

/// The cards read but not dealt yet, as a JSON array of `{"card":"As","location":
/// "player 2 hole card"}`; otherwise as `ggp_hand_feed_view_json`.
///
/// # Safety
/// As for `ggp_hand_feed_view_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_feed_waiting_json(
    feed: *const ggp_hand_feed,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(feed, buffer, buffer_len, out_len, error, |feed| {
            let items: Vec<serde_json::Value> = feed
                .waiting()
                .into_iter()
                .map(|(card, location)| {
                    serde_json::json!({"card": card.to_string(), "location": location.to_string()})
                })
                .collect();
            serde_json::Value::Array(items).to_string()
        })
    }
}
