//! # ggp-ffi: the GGP-GFX C ABI
//!
//! A thin `extern "C"` shell over the Rust crates. `include/ggp.h` is generated from this
//! crate by cbindgen 0.29.4 (see `cbindgen.toml`); a test regenerates it and fails on any
//! difference, so the committed header always matches the code.
//!
//! Conventions, after rustls-ffi and wasmtime's C API:
//! - every fallible function returns a `ggp_status` and writes its outputs only on
//!   success; an optional caller-owned `ggp_error` receives a message;
//! - every export runs inside a panic boundary: a bug becomes `GGP_STATUS_PANIC`, never
//!   an abort of the host program;
//! - every pointer is checked for NULL; strings cross as UTF-8 (pointer, length);
//! - handles are opaque, made by `_new` and released by `_free`; `_free(NULL)` is a no-op.
//!
//! Thread rule: every function may be called from any thread; one handle must not be
//! used from two threads at the same time.

// The C names (`ggp_status`, `ggp_deck`, …) are the API; Rust's casing rules do not apply.
#![allow(non_camel_case_types)]

mod boundary;
mod cards;
mod deck;
mod equity;
mod hand;
mod live_equity;
mod render;
mod rules;
mod status;
mod version;

pub use cards::{ggp_card, ggp_card_format, ggp_card_parse, ggp_cards_parse};
pub use deck::{
    ggp_deck, ggp_deck_draw, ggp_deck_free, ggp_deck_kind, ggp_deck_new, ggp_deck_remaining,
    ggp_deck_shuffle,
};
pub use equity::{
    ggp_cancel_token, ggp_cancel_token_cancel, ggp_cancel_token_free, ggp_cancel_token_new,
    ggp_equity_compute, ggp_equity_input, ggp_equity_mode, ggp_equity_options,
    ggp_equity_outs_json, ggp_equity_player, ggp_equity_summary,
};
pub use hand::{
    GGP_DESCRIPTION_CAPACITY, ggp_hand_category, ggp_hand_category_name, ggp_hand_evaluate,
    ggp_hand_value,
};
pub use live_equity::{
    ggp_live_equity, ggp_live_equity_deal, ggp_live_equity_free, ggp_live_equity_new,
    ggp_live_equity_result_json,
};
pub use render::{
    ggp_adapter, ggp_alpha_mode, ggp_frame, ggp_frame_free, ggp_frame_get_info, ggp_frame_info,
    ggp_frame_key_and_fill, ggp_hand_overlay, ggp_hand_overlay_free, ggp_hand_overlay_new,
    ggp_hand_overlay_options, ggp_hand_overlay_reload_skin, ggp_hand_overlay_render_hand,
    ggp_hand_overlay_render_view_json, ggp_pixel_format,
};
pub use rules::{
    ggp_hand, ggp_hand_actions_json, ggp_hand_apply, ggp_hand_free, ggp_hand_is_complete,
    ggp_hand_new, ggp_hand_new_phh, ggp_hand_next_move_json, ggp_hand_options,
    ggp_hand_payoffs_json, ggp_hand_public_view_json, ggp_hand_redo, ggp_hand_undo,
    ggp_hand_view_json,
};
pub use status::{GGP_ERROR_MESSAGE_CAPACITY, ggp_error, ggp_status, ggp_status_name};
pub use version::{GGP_VERSION_MAJOR, GGP_VERSION_MINOR, GGP_VERSION_PATCH, ggp_version};
