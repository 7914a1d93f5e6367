//! Live equity across the ABI: exact equity that follows the board card by card, each
//! new card answered from the breakdown kept on the street before.

use std::ffi::c_char;

use ggp_core::equity::{EquityMode, LiveEquity};

use crate::boundary::{FfiError, FfiResult, guard, out_arg};
use crate::cards::{card_arg, ggp_card};
use crate::equity::{ggp_equity_input, query_arg};
use crate::rules::write_text;
use crate::status::{ggp_error, ggp_status};

/// A hand's exact equity kept up to date as board cards are dealt (opaque). Made by
/// `ggp_live_equity_new`, released by `ggp_live_equity_free`; one thread at a time.
#[derive(Debug)]
pub struct ggp_live_equity {
    live: LiveEquity,
}

/// # Safety
/// `live` must be NULL or a live handle.
unsafe fn live_ref<'a>(live: *const ggp_live_equity) -> FfiResult<&'a ggp_live_equity> {
    // SAFETY: forwarded from this function's contract.
    unsafe { live.as_ref() }.ok_or_else(|| FfiError::null("live"))
}

/// Starts live equity for a board game: the exact answer for `input` now (known or
/// random hands), ready for the next card. `threads` 0 for every core. Release the
/// handle with `ggp_live_equity_free`.
///
/// # Safety
/// `input` must point to a readable struct whose pointers are valid for their lengths;
/// `out_live` to a writable `ggp_live_equity *`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_live_equity_new(
    input: *const ggp_equity_input,
    threads: u32,
    out_live: *mut *mut ggp_live_equity,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let input = unsafe { input.as_ref() }.ok_or_else(|| FfiError::null("input"))?;
        // SAFETY: as above.
        let out_live = unsafe { out_arg(out_live, "out_live") }?;
        // SAFETY: as above.
        let query = unsafe { query_arg(input, EquityMode::Exact, threads as usize) }?;
        let live = query.live()?;
        *out_live = Box::into_raw(Box::new(ggp_live_equity { live }));
        Ok(())
    })
}

/// Deals one board card; the new answer is then read with `ggp_live_equity_result_json`.
/// On the turn and river it comes from the breakdown kept on the street before, so no
/// board is evaluated again. On failure (a card already in play, a complete board) the
/// handle is unchanged.
///
/// # Safety
/// `live` must be a live handle used by no other thread; `error` must be NULL or point
/// to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_live_equity_deal(
    live: *mut ggp_live_equity,
    card: ggp_card,
    threads: u32,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let live = unsafe { live.as_mut() }.ok_or_else(|| FfiError::null("live"))?;
        let card = card_arg(card)?;
        live.live.deal(card, threads as usize)?;
        Ok(())
    })
}

/// The current answer as JSON: `{"players": [{"win": 787966, "tie": 6732, "lose": 917606,
/// "equity": 0.4621, "std_error": null, "high": null, "low": null, "scoop": null}, ...],
/// "boards": 1712304, "exact": true}`, the board so far under `"board"` as card text.
/// Written like `ggp_equity_outs_json`: NUL-terminated into `buffer`, the length without
/// the NUL in `*out_len`; `GGP_STATUS_BUFFER_TOO_SMALL` (with `*out_len` set) when it does
/// not fit, and `buffer` may be NULL when `buffer_len` is 0.
///
/// # Safety
/// `live` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to
/// a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_live_equity_result_json(
    live: *const ggp_live_equity,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let live = unsafe { live_ref(live) }?;
        let json = result_json(&live.live)?;
        // SAFETY: forwarded from this function's contract.
        unsafe { write_text(&json, buffer, buffer_len, out_len) }
    })
}

/// The result and the board as one JSON object.
fn result_json(live: &LiveEquity) -> FfiResult<String> {
    let mut value = serde_json::to_value(live.result()).map_err(|e| {
        FfiError::new(
            ggp_status::Panic,
            format!("the result did not serialize: {e}"),
        )
    })?;
    if let Some(object) = value.as_object_mut() {
        let board: Vec<String> = live.request().board.iter().map(|c| c.to_string()).collect();
        object.insert("board".to_owned(), serde_json::Value::from(board));
    }
    Ok(value.to_string())
}

/// Releases live equity; NULL is a no-op.
///
/// # Safety
/// `live` must be NULL or a handle from `ggp_live_equity_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_live_equity_free(live: *mut ggp_live_equity) {
    if live.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: the pointer came from Box::into_raw in ggp_live_equity_new and is
        // freed once.
        drop(unsafe { Box::from_raw(live) });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(text: &str) -> u8 {
        ggp_core::Card::parse(text).unwrap().index()
    }

    fn json(live: *const ggp_live_equity) -> serde_json::Value {
        let mut len = 0usize;
        // SAFETY: a live handle; a size query with no buffer.
        let status = unsafe {
            ggp_live_equity_result_json(
                live,
                std::ptr::null_mut(),
                0,
                &mut len,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(status, ggp_status::BufferTooSmall);
        let mut buffer = vec![0 as c_char; len + 1];
        // SAFETY: a buffer of len + 1 bytes.
        let status = unsafe {
            ggp_live_equity_result_json(
                live,
                buffer.as_mut_ptr(),
                len + 1,
                &mut len,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(status, ggp_status::Ok);
        let bytes: Vec<u8> = buffer[..len].iter().map(|&b| b as u8).collect();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn a_flop_then_a_turn_then_a_river() {
        let cards = ["Ah", "Kh", "Qs", "Qd"].map(card);
        let lens = [2usize, 2];
        let board = ["2h", "7h", "9c"].map(card);
        let variant = "NT";
        let input = ggp_equity_input {
            variant: variant.as_ptr().cast(),
            variant_len: variant.len(),
            hand_cards: cards.as_ptr(),
            hand_lens: lens.as_ptr(),
            players: 2,
            board: board.as_ptr(),
            board_len: 3,
            dead: std::ptr::null(),
            dead_len: 0,
        };
        let mut live = std::ptr::null_mut();
        // SAFETY: every pointer is valid for its length.
        let status = unsafe { ggp_live_equity_new(&input, 1, &mut live, std::ptr::null_mut()) };
        assert_eq!(status, ggp_status::Ok);
        let flop = json(live);
        assert_eq!(flop["boards"], 990);
        assert_eq!(flop["board"], serde_json::json!(["2h", "7h", "9c"]));
        // SAFETY: a live handle.
        assert_eq!(
            unsafe { ggp_live_equity_deal(live, card("Th"), 1, std::ptr::null_mut()) },
            ggp_status::Ok
        );
        let turn = json(live);
        assert_eq!(turn["boards"], 44);
        // The flush came: AhKh wins on every river.
        assert_eq!(turn["players"][0]["equity"], 1.0);
        // A card already on the board fails and leaves the handle as it was.
        let mut error = crate::status::ggp_error {
            status: ggp_status::Ok,
            message: [0; crate::status::GGP_ERROR_MESSAGE_CAPACITY],
        };
        // SAFETY: a live handle and a writable error.
        let status = unsafe { ggp_live_equity_deal(live, card("Th"), 1, &mut error) };
        assert_ne!(status, ggp_status::Ok);
        assert_eq!(json(live), turn);
        // SAFETY: a live handle.
        assert_eq!(
            unsafe { ggp_live_equity_deal(live, card("2c"), 1, std::ptr::null_mut()) },
            ggp_status::Ok
        );
        assert_eq!(json(live)["boards"], 1);
        // SAFETY: NULL checks.
        unsafe {
            assert_eq!(
                ggp_live_equity_deal(std::ptr::null_mut(), 0, 1, std::ptr::null_mut()),
                ggp_status::NullArgument
            );
            ggp_live_equity_free(live);
            ggp_live_equity_free(std::ptr::null_mut());
        }
    }
}
