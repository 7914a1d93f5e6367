//! Decks across the ABI: an opaque handle.

use ggp_core::{Deck, DeckKind, SeededRng};

use crate::boundary::{FfiError, guard, out_arg};
use crate::cards::{ggp_card, slice_out};
use crate::status::{ggp_error, ggp_status};

/// Which cards a deck holds.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_deck_kind {
    /// 52 cards.
    Standard = 0,
    /// 36 cards, sixes to aces (6+ hold'em).
    Short = 1,
}

/// A deck of cards (opaque). Made by `ggp_deck_new`, released by `ggp_deck_free`.
#[derive(Debug)]
pub struct ggp_deck {
    deck: Deck,
}

/// Makes a fresh deck in index order. Release it with `ggp_deck_free`.
///
/// `kind` is a `ggp_deck_kind` value; any other number is `GGP_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `out_deck` must point to a writable `ggp_deck *`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_deck_new(
    kind: u32,
    out_deck: *mut *mut ggp_deck,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let out_deck = unsafe { out_arg(out_deck, "out_deck") }?;
        let kind = match kind {
            0 => DeckKind::Standard,
            1 => DeckKind::Short,
            other => {
                return Err(FfiError::new(
                    ggp_status::InvalidArgument,
                    format!("deck kind {other} is unknown; use GGP_DECK_KIND_STANDARD or _SHORT"),
                ));
            }
        };
        *out_deck = Box::into_raw(Box::new(ggp_deck {
            deck: Deck::new(kind),
        }));
        Ok(())
    })
}

/// Shuffles the cards left in the deck from `seed`. A fresh deck shuffled from a seed
/// deals the same cards in every version and every language binding.
///
/// # Safety
/// `deck` must be a live handle from `ggp_deck_new`; `error` must be NULL or point to a
/// writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_deck_shuffle(
    deck: *mut ggp_deck,
    seed: u64,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let deck = unsafe { out_arg(deck, "deck") }?;
        deck.deck.shuffle(&mut SeededRng::new(seed));
        Ok(())
    })
}

/// Deals `count` cards from the top into `out_cards`, which has room for `out_capacity`.
/// Nothing is dealt on failure.
///
/// # Safety
/// `deck` must be a live handle; `out_cards` must point to `out_capacity` writable cards;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_deck_draw(
    deck: *mut ggp_deck,
    count: usize,
    out_cards: *mut ggp_card,
    out_capacity: usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let deck = unsafe { out_arg(deck, "deck") }?;
        // SAFETY: as above.
        let out_cards = unsafe { slice_out(out_cards, out_capacity, "out_cards") }?;
        if count > out_cards.len() {
            return Err(FfiError::new(
                ggp_status::BufferTooSmall,
                format!("drawing {count} cards but out_cards has room for {out_capacity}"),
            ));
        }
        for (slot, card) in out_cards.iter_mut().zip(deck.deck.draw(count)?) {
            *slot = card.index();
        }
        Ok(())
    })
}

/// Stores the number of cards left in the deck in `*out_remaining`.
///
/// # Safety
/// `deck` must be a live handle; `out_remaining` must point to a writable `size_t`;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_deck_remaining(
    deck: *const ggp_deck,
    out_remaining: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let deck = unsafe { deck.as_ref() }.ok_or_else(|| FfiError::null("deck"))?;
        // SAFETY: as above.
        *unsafe { out_arg(out_remaining, "out_remaining") }? = deck.deck.remaining();
        Ok(())
    })
}

/// Releases a deck. NULL is allowed and does nothing.
///
/// # Safety
/// `deck` must be NULL or a live handle from `ggp_deck_new`, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_deck_free(deck: *mut ggp_deck) {
    if deck.is_null() {
        return;
    }
    // Dropping a Deck cannot panic, but the boundary costs nothing and keeps the rule.
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: the pointer came from Box::into_raw in ggp_deck_new and is freed once.
        drop(unsafe { Box::from_raw(deck) });
    });
}
