//! Cards across the ABI: one byte, `rank * 4 + suit`.

use std::ffi::c_char;

use ggp_core::Card;

use crate::boundary::{FfiError, FfiResult, guard, out_arg, slice_arg, utf8_arg, write_c_string};
use crate::status::{ggp_error, ggp_status};

/// A card: `rank * 4 + suit`, with ranks 0 (Two) to 12 (Ace) and suits 0 (clubs),
/// 1 (diamonds), 2 (hearts), 3 (spades). Values 52 and above are not cards.
pub type ggp_card = u8;

pub(crate) fn card_arg(value: ggp_card) -> FfiResult<Card> {
    Ok(Card::from_index(u32::from(value))?)
}

/// Parses one card from UTF-8 text: "As", "Td", "10d", "ah", "A♠".
///
/// # Safety
/// `text` must point to `text_len` readable bytes; `out_card` to a writable `ggp_card`;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_parse(
    text: *const c_char,
    text_len: usize,
    out_card: *mut ggp_card,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { utf8_arg(text, text_len, "text") }?;
        // SAFETY: as above.
        let out_card = unsafe { out_arg(out_card, "out_card") }?;
        *out_card = Card::parse(text)?.index();
        Ok(())
    })
}

/// Parses a list of cards ("As Ks", "AsKs", "As,Ks") into `out_cards`, which has room for
/// `out_capacity` cards, and stores the count in `*out_len`. Duplicates are not checked
/// here; `ggp_hand_evaluate` rejects them.
///
/// # Safety
/// `text` must point to `text_len` readable bytes; `out_cards` to `out_capacity` writable
/// cards (or be NULL when `out_capacity` is 0); `out_len` to a writable `size_t`; `error`
/// must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_cards_parse(
    text: *const c_char,
    text_len: usize,
    out_cards: *mut ggp_card,
    out_capacity: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { utf8_arg(text, text_len, "text") }?;
        // SAFETY: as above.
        let out_len = unsafe { out_arg(out_len, "out_len") }?;
        if out_cards.is_null() && out_capacity > 0 {
            return Err(FfiError::null("out_cards"));
        }
        let cards = ggp_core::parse_cards(text)?;
        if cards.len() > out_capacity {
            return Err(FfiError::new(
                ggp_status::BufferTooSmall,
                format!(
                    "{} cards parsed but out_cards has room for {out_capacity}",
                    cards.len()
                ),
            ));
        }
        for (i, card) in cards.iter().enumerate() {
            // SAFETY: i < cards.len() <= out_capacity, and out_cards is non-NULL here
            // (cards is empty otherwise).
            unsafe { out_cards.add(i).write(card.index()) };
        }
        *out_len = cards.len();
        Ok(())
    })
}

/// Writes a card as NUL-terminated text ("As", "Td") into `buffer` of `buffer_len` bytes
/// (3 are enough) and stores the length without the NUL in `*out_len` (may be NULL).
///
/// # Safety
/// `buffer` must point to `buffer_len` writable bytes; `out_len` must be NULL or point to
/// a writable `size_t`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_format(
    card: ggp_card,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        let text = card_arg(card)?.to_string();
        // SAFETY: forwarded from this function's contract.
        let buffer = unsafe { slice_out(buffer, buffer_len, "buffer") }?;
        if buffer.len() <= text.len() {
            return Err(FfiError::new(
                ggp_status::BufferTooSmall,
                format!(
                    "card text {text:?} needs {} bytes with its NUL",
                    text.len() + 1
                ),
            ));
        }
        write_c_string(&text, buffer);
        // SAFETY: the caller guarantees the pointer is NULL or valid for writes.
        if let Some(out_len) = unsafe { out_len.as_mut() } {
            *out_len = text.len();
        }
        Ok(())
    })
}

/// Borrows a writable (pointer, length) buffer from C.
///
/// # Safety
/// `items` must be NULL or point to `len` writable values of `T`.
pub(crate) unsafe fn slice_out<'a, T>(
    items: *mut T,
    len: usize,
    name: &str,
) -> FfiResult<&'a mut [T]> {
    if items.is_null() {
        return Err(FfiError::null(name));
    }
    // SAFETY: checked non-NULL; the caller guarantees `len` writable values.
    Ok(unsafe { std::slice::from_raw_parts_mut(items, len) })
}

/// Reads a (pointer, length) array of cards from C, validating each.
///
/// # Safety
/// `cards` must be NULL or point to `len` readable cards.
pub(crate) unsafe fn cards_arg(
    cards: *const ggp_card,
    len: usize,
    name: &str,
) -> FfiResult<Vec<Card>> {
    // SAFETY: forwarded from this function's contract.
    let raw = unsafe { slice_arg(cards, len, name) }?;
    raw.iter().map(|&c| card_arg(c)).collect()
}
