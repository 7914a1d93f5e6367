//! The rules engine across the ABI: an opaque hand, driven by PHH action notation, read
//! back as JSON.

use std::ffi::c_char;

use ggp_core::rules::{Hand, HandConfig, variant};
use ggp_core::view::TableInfo;
use ggp_core::{Chips, Error};

use crate::boundary::{FfiError, FfiResult, guard, out_arg, utf8_arg};
use crate::status::{ggp_error, ggp_status};

/// A hand being played (opaque): its configuration, its actions, undo and redo. Made by
/// `ggp_hand_new` or `ggp_hand_new_phh`, released by `ggp_hand_free`.
#[derive(Debug)]
pub struct ggp_hand {
    hand: Hand,
}

impl ggp_hand {
    /// The hand, for the other modules of the ABI (the renderer draws it).
    pub(crate) fn inner(&self) -> &Hand {
        &self.hand
    }
}

/// How to start a hand with `ggp_hand_new`. Every field is UTF-8 text given as
/// (pointer, length); a field of length 0 (its pointer may then be NULL) is not given.
///
/// Amounts are exact decimals written as text ("200", "0.25", "10112.5"), never floats.
/// The list fields hold one amount per player, separated by spaces, from player 0 (the
/// first seat left of the button, the small blind in a blinds game, as in PHH): e.g.
/// `starting_stacks = "200 200 150.50"`, `blinds_or_straddles = "1 2"`; players the
/// list does not reach post nothing.
///
/// `min_bet` sets the small and big bet alike (no-limit and pot-limit games);
/// `small_bet` and `big_bet` then set each one (fixed-limit games). The hand plays with
/// tournament conventions (folding when a check is free is refused).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_hand_options {
    /// The variant's code, e.g. "NT" (no-limit hold'em), "FO/8", "F7S". Required.
    pub variant: *const c_char,
    /// Bytes in `variant`.
    pub variant_len: usize,
    /// Each player's starting stack. Required: it gives the number of players.
    pub starting_stacks: *const c_char,
    /// Bytes in `starting_stacks`.
    pub starting_stacks_len: usize,
    /// Each player's ante, e.g. "0 5" for a big-blind ante.
    pub antes: *const c_char,
    /// Bytes in `antes`.
    pub antes_len: usize,
    /// Each player's blind or straddle, e.g. "1 2".
    pub blinds_or_straddles: *const c_char,
    /// Bytes in `blinds_or_straddles`.
    pub blinds_or_straddles_len: usize,
    /// The bring-in of a stud game.
    pub bring_in: *const c_char,
    /// Bytes in `bring_in`.
    pub bring_in_len: usize,
    /// The minimum bet of a no-limit or pot-limit game.
    pub min_bet: *const c_char,
    /// Bytes in `min_bet`.
    pub min_bet_len: usize,
    /// The small bet of a fixed-limit game.
    pub small_bet: *const c_char,
    /// Bytes in `small_bet`.
    pub small_bet_len: usize,
    /// The big bet of a fixed-limit game.
    pub big_bet: *const c_char,
    /// Bytes in `big_bet`.
    pub big_bet_len: usize,
}

/// An optional text field: `None` when its length is 0.
///
/// # Safety
/// `text` must be NULL or point to `len` readable bytes.
unsafe fn optional_text<'a>(
    text: *const c_char,
    len: usize,
    name: &str,
) -> FfiResult<Option<&'a str>> {
    if len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded from this function's contract.
    unsafe { utf8_arg(text, len, name) }.map(Some)
}

fn amounts(text: Option<&str>) -> FfiResult<Vec<Chips>> {
    Ok(text
        .unwrap_or("")
        .split_whitespace()
        .map(Chips::parse)
        .collect::<Result<_, Error>>()?)
}

fn amount(text: Option<&str>) -> FfiResult<Option<Chips>> {
    Ok(text.map(Chips::parse).transpose()?)
}

impl ggp_hand_options {
    fn to_config(self) -> FfiResult<HandConfig> {
        // SAFETY (every optional_text below): the caller of ggp_hand_new guarantees each
        // non-empty field points to its length in readable bytes.
        let variant_code = unsafe { optional_text(self.variant, self.variant_len, "variant") }?
            .ok_or_else(|| FfiError::null("options.variant"))?;
        // SAFETY: as above.
        let stacks = amounts(unsafe {
            optional_text(
                self.starting_stacks,
                self.starting_stacks_len,
                "starting_stacks",
            )
        }?)?;
        // SAFETY: as above.
        let antes = amounts(unsafe { optional_text(self.antes, self.antes_len, "antes") }?)?;
        // SAFETY: as above.
        let blinds = amounts(unsafe {
            optional_text(
                self.blinds_or_straddles,
                self.blinds_or_straddles_len,
                "blinds_or_straddles",
            )
        }?)?;
        // SAFETY: as above.
        let bring_in =
            amount(unsafe { optional_text(self.bring_in, self.bring_in_len, "bring_in") }?)?;
        // SAFETY: as above.
        let min_bet = amount(unsafe { optional_text(self.min_bet, self.min_bet_len, "min_bet") }?)?;
        // SAFETY: as above.
        let small_bet =
            amount(unsafe { optional_text(self.small_bet, self.small_bet_len, "small_bet") }?)?;
        // SAFETY: as above.
        let big_bet = amount(unsafe { optional_text(self.big_bet, self.big_bet_len, "big_bet") }?)?;

        let mut config = HandConfig::new(variant(variant_code)?, stacks)
            .with_antes(&antes)
            .with_blinds(&blinds)
            .with_bring_in(bring_in.unwrap_or(Chips::ZERO));
        if let Some(min_bet) = min_bet {
            config = config.with_min_bet(min_bet);
        }
        if let Some(small_bet) = small_bet {
            config.small_bet = small_bet;
        }
        if let Some(big_bet) = big_bet {
            config.big_bet = big_bet;
        }
        Ok(config)
    }
}

/// Hands a new hand handle to C (the feed hands out copies of its hand too).
pub(crate) fn hand_out(out_hand: &mut *mut ggp_hand, hand: Hand) {
    *out_hand = Box::into_raw(Box::new(ggp_hand { hand }));
}

/// Starts a hand from `*options` (see `ggp_hand_options`); antes and blinds are posted at
/// once. Release it with `ggp_hand_free`.
///
/// Errors: `GGP_STATUS_UNKNOWN_NAME` for an unknown variant, `GGP_STATUS_INVALID_AMOUNT`
/// for an amount that is not a decimal, `GGP_STATUS_INVALID_CONFIG` for stakes or stacks
/// that cannot be played (the message names the requirement).
///
/// # Safety
/// `options` must point to a readable `ggp_hand_options` whose non-empty fields point to
/// their lengths in readable bytes; `out_hand` must point to a writable `ggp_hand *`;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_new(
    options: *const ggp_hand_options,
    out_hand: *mut *mut ggp_hand,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let options = unsafe { options.as_ref() }.ok_or_else(|| FfiError::null("options"))?;
        // SAFETY: as above.
        let out_hand = unsafe { out_arg(out_hand, "out_hand") }?;
        let hand = Hand::new(options.to_config()?)?;
        hand_out(out_hand, hand);
        Ok(())
    })
}

/// Replays a PHH hand history given as UTF-8 text (one hand, as in a `.phh` file). The
/// replay is strict: an action the rules refuse is `GGP_STATUS_RULE_VIOLATION`, naming
/// its number; a showdown the file leaves out is completed. Hands replayed from PHH use
/// cash-game conventions, as pokerkit does. Release the hand with `ggp_hand_free`.
///
/// # Safety
/// `text` must point to `text_len` readable bytes; `out_hand` must point to a writable
/// `ggp_hand *`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_new_phh(
    text: *const c_char,
    text_len: usize,
    out_hand: *mut *mut ggp_hand,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { utf8_arg(text, text_len, "text") }?;
        // SAFETY: as above.
        let out_hand = unsafe { out_arg(out_hand, "out_hand") }?;
        hand_out(out_hand, Hand::from_phh(text)?);
        Ok(())
    })
}

/// Borrows a live hand.
///
/// # Safety
/// `hand` must be NULL or a live handle not used elsewhere at the same time.
unsafe fn hand_arg<'a>(hand: *mut ggp_hand) -> FfiResult<&'a mut Hand> {
    // SAFETY: forwarded from this function's contract.
    Ok(&mut unsafe { out_arg(hand, "hand") }?.hand)
}

/// Borrows a live hand to read.
///
/// # Safety
/// `hand` must be NULL or a live handle.
unsafe fn hand_ref<'a>(hand: *const ggp_hand) -> FfiResult<&'a Hand> {
    // SAFETY: forwarded from this function's contract.
    Ok(&unsafe { hand.as_ref() }
        .ok_or_else(|| FfiError::null("hand"))?
        .hand)
}

/// Applies one action written in PHH notation: "d dh p1 AsKs" (deal hole cards),
/// "d db Jc3d5c" (deal the board), "p2 cbr 300" (bet or raise to 300), "p1 cc" (check or
/// call), "p3 f" (fold), "p1 sm AsKs" / "p1 sm" (show / muck), "p1 sd 2c" (discard).
///
/// An action the rules refuse is `GGP_STATUS_RULE_VIOLATION`; the message ends with the
/// rule's code in parentheses, e.g. "(bet_too_small)", and the hand is unchanged. Text
/// that is no PHH action is `GGP_STATUS_HAND_HISTORY`.
///
/// # Safety
/// `hand` must be a live handle; `notation` must point to `notation_len` readable bytes;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_apply(
    hand: *mut ggp_hand,
    notation: *const c_char,
    notation_len: usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let hand = unsafe { hand_arg(hand) }?;
        // SAFETY: as above.
        let notation = unsafe { utf8_arg(notation, notation_len, "notation") }?;
        hand.apply_phh(notation)?;
        Ok(())
    })
}

/// Takes back the last action: the hand becomes exactly what it was before it. With no
/// action to take back, `GGP_STATUS_RULE_VIOLATION` and nothing changes.
///
/// # Safety
/// `hand` must be a live handle; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_undo(hand: *mut ggp_hand, error: *mut ggp_error) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        unsafe { hand_arg(hand) }?.undo()?;
        Ok(())
    })
}

/// Applies the last undone action again. With nothing to redo (no undo, or an action
/// applied since), `GGP_STATUS_RULE_VIOLATION` and nothing changes.
///
/// # Safety
/// `hand` must be a live handle; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_redo(hand: *mut ggp_hand, error: *mut ggp_error) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        unsafe { hand_arg(hand) }?.redo()?;
        Ok(())
    })
}

/// Stores in `*out_complete` whether the hand is over (every pot awarded).
///
/// # Safety
/// `hand` must be a live handle; `out_complete` must point to a writable `bool`; `error`
/// must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_is_complete(
    hand: *const ggp_hand,
    out_complete: *mut bool,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let hand = unsafe { hand_ref(hand) }?;
        // SAFETY: as above.
        *unsafe { out_arg(out_complete, "out_complete") }? = hand.state().is_complete();
        Ok(())
    })
}

/// Copies `text` into a caller buffer as a NUL-terminated string: the shared body of the
/// JSON getters.
///
/// # Safety
/// `buffer` must be NULL or point to `buffer_len` writable bytes; `out_len` must be NULL
/// or point to a writable `size_t`.
pub(crate) unsafe fn write_text(
    text: &str,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
) -> FfiResult {
    // SAFETY: forwarded from this function's contract.
    let out_len = unsafe { out_arg(out_len, "out_len") }?;
    if buffer.is_null() && buffer_len > 0 {
        return Err(FfiError::null("buffer"));
    }
    if buffer_len <= text.len() {
        // The one output written on failure: the caller learns the size to allocate.
        *out_len = text.len();
        return Err(FfiError::new(
            ggp_status::BufferTooSmall,
            format!(
                "the text is {} bytes and needs a buffer of {} with its NUL; the buffer has {buffer_len}",
                text.len(),
                text.len() + 1
            ),
        ));
    }
    // SAFETY: buffer_len > 0 here, so buffer is non-NULL (checked above), and
    // text.len() + 1 <= buffer_len bytes are writable.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr().cast::<c_char>(), buffer, text.len());
        buffer.add(text.len()).write(0);
    }
    *out_len = text.len();
    Ok(())
}

/// The shared body of the JSON getters.
///
/// # Safety
/// As for the getters.
unsafe fn json_out(
    hand: *const ggp_hand,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
    to_json: impl FnOnce(&Hand) -> String,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let json = to_json(unsafe { hand_ref(hand) }?);
        // SAFETY: as above.
        unsafe { write_text(&json, buffer, buffer_len, out_len) }
    })
}

/// A JSON array of the values' text: exact decimals and PHH notation stay as written.
fn strings_json<T: ToString>(values: &[T]) -> String {
    let texts: Vec<String> = values.iter().map(ToString::to_string).collect();
    // A list of strings always serializes.
    serde_json::to_string(&texts).unwrap_or_default()
}

/// What the hand waits for next, as JSON: `{"pending":{"kind":"bet","player":1},
/// "betting":{...}}`. `kind` is one of deal_hole, deal_board, draw, discard, bet,
/// select_runout_count, show_or_muck, complete; `betting` is null unless a player is to
/// bet.
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL`, `buffer` is left alone and `*out_len` still receives
/// the length: allocate `*out_len + 1` bytes and call again (the one exception to
/// "outputs only on success"). `buffer` may be NULL when `buffer_len` is 0, to ask for
/// the size.
///
/// # Safety
/// `hand` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_next_move_json(
    hand: *const ggp_hand,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(hand, buffer, buffer_len, out_len, error, |hand| {
            serde_json::to_string(&hand.next_move()).unwrap_or_default()
        })
    }
}

/// The full table view as JSON (every card known to the production), as graphics draw
/// it; its `schema_version` names the schema.
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL`, `buffer` is left alone and `*out_len` still receives
/// the length: allocate `*out_len + 1` bytes and call again (the one exception to
/// "outputs only on success"). `buffer` may be NULL when `buffer_len` is 0, to ask for
/// the size.
///
/// # Safety
/// `hand` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_view_json(
    hand: *const ggp_hand,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(hand, buffer, buffer_len, out_len, error, |hand| {
            hand.view_json(&TableInfo::default())
        })
    }
}

/// The public table view as JSON: `ggp_hand_view_json` without hidden hole cards, safe
/// to send to viewers.
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL`, `buffer` is left alone and `*out_len` still receives
/// the length: allocate `*out_len + 1` bytes and call again (the one exception to
/// "outputs only on success"). `buffer` may be NULL when `buffer_len` is 0, to ask for
/// the size.
///
/// # Safety
/// `hand` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_public_view_json(
    hand: *const ggp_hand,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(hand, buffer, buffer_len, out_len, error, |hand| {
            hand.public_view_json(&TableInfo::default())
        })
    }
}

/// What each player won or lost, by player index, as a JSON array of exact decimal
/// strings, e.g. `["-2","2"]` (all "0" until the hand is over).
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL`, `buffer` is left alone and `*out_len` still receives
/// the length: allocate `*out_len + 1` bytes and call again (the one exception to
/// "outputs only on success"). `buffer` may be NULL when `buffer_len` is 0, to ask for
/// the size.
///
/// # Safety
/// `hand` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_payoffs_json(
    hand: *const ggp_hand,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(hand, buffer, buffer_len, out_len, error, |hand| {
            strings_json(hand.state().payoffs())
        })
    }
}

/// The actions applied so far, as a JSON array of PHH notation strings, e.g.
/// `["d dh p1 AsKs","p2 cbr 6"]`.
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL`, `buffer` is left alone and `*out_len` still receives
/// the length: allocate `*out_len + 1` bytes and call again (the one exception to
/// "outputs only on success"). `buffer` may be NULL when `buffer_len` is 0, to ask for
/// the size.
///
/// # Safety
/// `hand` must be a live handle; `buffer` must be NULL or point to `buffer_len` writable
/// bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_actions_json(
    hand: *const ggp_hand,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        json_out(hand, buffer, buffer_len, out_len, error, |hand| {
            strings_json(hand.actions())
        })
    }
}

/// Releases a hand. NULL is allowed and does nothing.
///
/// # Safety
/// `hand` must be NULL or a live handle from `ggp_hand_new` or `ggp_hand_new_phh`, not
/// used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_free(hand: *mut ggp_hand) {
    if hand.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: the pointer came from Box::into_raw in hand_out and is freed once.
        drop(unsafe { Box::from_raw(hand) });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> (*const c_char, usize) {
        (s.as_ptr().cast(), s.len())
    }

    #[test]
    fn options_build_the_core_config() {
        let (variant, variant_len) = text("NT");
        let (starting_stacks, starting_stacks_len) = text("200 150.5");
        let (blinds_or_straddles, blinds_or_straddles_len) = text("0.5 1");
        let (min_bet, min_bet_len) = text("1");
        let options = ggp_hand_options {
            variant,
            variant_len,
            starting_stacks,
            starting_stacks_len,
            antes: std::ptr::null(),
            antes_len: 0,
            blinds_or_straddles,
            blinds_or_straddles_len,
            bring_in: std::ptr::null(),
            bring_in_len: 0,
            min_bet,
            min_bet_len,
            small_bet: std::ptr::null(),
            small_bet_len: 0,
            big_bet: std::ptr::null(),
            big_bet_len: 0,
        };
        let config = options.to_config().unwrap();
        let expected = HandConfig::new(
            ggp_core::rules::variant("NT").unwrap(),
            vec![Chips::from(200), Chips::parse("150.5").unwrap()],
        )
        .with_blinds(&[Chips::parse("0.5").unwrap(), Chips::from(1)])
        .with_min_bet(Chips::from(1));
        assert_eq!(config, expected);
    }

    #[test]
    fn text_that_does_not_fit_reports_its_length() {
        let mut len = 0;
        let mut buffer = [7 as c_char; 4];
        // SAFETY: a 4-byte buffer and a writable length.
        let error = unsafe { write_text("abcd", buffer.as_mut_ptr(), 4, &mut len) };
        assert_eq!(error.unwrap_err().status, ggp_status::BufferTooSmall);
        assert_eq!((len, buffer[0]), (4, 7));
        // SAFETY: as above.
        unsafe { write_text("abc", buffer.as_mut_ptr(), 4, &mut len) }.unwrap();
        assert_eq!((len, buffer[3]), (3, 0));
    }
}
