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
mod feed;
mod hand;
mod live_equity;
mod pipeline;
mod render;
mod rfid;
mod rules;
mod status;
mod version;
mod vision;

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
pub use feed::{
    ggp_card_event, ggp_card_source, ggp_feed_outcome, ggp_hand_feed, ggp_hand_feed_apply_action,
    ggp_hand_feed_apply_card, ggp_hand_feed_apply_card_json, ggp_hand_feed_free,
    ggp_hand_feed_hand, ggp_hand_feed_new, ggp_hand_feed_new_phh, ggp_hand_feed_public_view_json,
    ggp_hand_feed_view_json, ggp_hand_feed_waiting_json,
};
pub use hand::{
    GGP_DESCRIPTION_CAPACITY, ggp_hand_category, ggp_hand_category_name, ggp_hand_evaluate,
    ggp_hand_value,
};
pub use live_equity::{
    ggp_live_equity, ggp_live_equity_deal, ggp_live_equity_free, ggp_live_equity_new,
    ggp_live_equity_result_json,
};
pub use pipeline::{
    ggp_feed, ggp_frame_callback, ggp_pipeline, ggp_pipeline_free, ggp_pipeline_metrics_json,
    ggp_pipeline_metrics_prometheus, ggp_pipeline_open, ggp_pipeline_push_event_json,
    ggp_pipeline_push_hand_phh, ggp_pipeline_set_frame_callback, ggp_pipeline_stop,
    ggp_pipeline_wait, ggp_settings_format, ggp_video_format, ggp_video_frame,
};
pub use render::{
    ggp_adapter, ggp_alpha_mode, ggp_frame, ggp_frame_free, ggp_frame_get_info, ggp_frame_info,
    ggp_frame_key_and_fill, ggp_hand_overlay, ggp_hand_overlay_free, ggp_hand_overlay_new,
    ggp_hand_overlay_options, ggp_hand_overlay_reload_skin, ggp_hand_overlay_render_hand,
    ggp_hand_overlay_render_view_json, ggp_pixel_format,
};
pub use rfid::{
    GGP_RFID_READER_CAPACITY, GGP_RFID_TAG_CAPACITY, ggp_rfid_deck, ggp_rfid_deck_card,
    ggp_rfid_deck_free, ggp_rfid_deck_new, ggp_rfid_deck_register, ggp_rfid_deck_to_text,
    ggp_rfid_message, ggp_rfid_message_kind, ggp_rfid_sim_options, ggp_rfid_simulate_json,
    ggp_rfid_table, ggp_rfid_table_events_json, ggp_rfid_table_free, ggp_rfid_table_handle_line,
    ggp_rfid_table_new, ggp_rfid_table_new_hand, ggp_rfid_table_new_simulated, ggp_rfid_verifier,
    ggp_rfid_verifier_check, ggp_rfid_verifier_free, ggp_rfid_verifier_new,
};
pub use rules::{
    ggp_hand, ggp_hand_actions_json, ggp_hand_apply, ggp_hand_free, ggp_hand_is_complete,
    ggp_hand_new, ggp_hand_new_phh, ggp_hand_next_move_json, ggp_hand_options,
    ggp_hand_payoffs_json, ggp_hand_public_view_json, ggp_hand_redo, ggp_hand_undo,
    ggp_hand_view_json,
};
pub use status::{GGP_ERROR_MESSAGE_CAPACITY, ggp_error, ggp_status, ggp_status_name};
pub use version::{GGP_VERSION_MAJOR, GGP_VERSION_MINOR, GGP_VERSION_PATCH, ggp_version};
pub use vision::{
    ggp_card_detector, ggp_card_detector_detect, ggp_card_detector_free, ggp_card_detector_last,
    ggp_card_detector_last_json, ggp_card_detector_new, ggp_card_detector_options,
    ggp_card_detector_set_zones, ggp_card_tracker, ggp_card_tracker_events_json,
    ggp_card_tracker_free, ggp_card_tracker_new, ggp_card_tracker_options,
    ggp_card_tracker_update_from_detector, ggp_card_tracker_update_json, ggp_detection,
    ggp_frame_view, ggp_frame_view_format, ggp_zone,
};
