//! `HandOverlay`, the one-call stills the bindings wrap, on a CPU adapter: a hand's full
//! and public views, a view as JSON, bad sizes, bad JSON and skin reloads.

use ggp_core::phh::PhhHand;
use ggp_core::rules::Hand;
use ggp_render::skin::{HandOverlay, HandOverlayOptions, SkinError};
use ggp_render::{AdapterChoice, RenderError, Timestamp};

fn options() -> HandOverlayOptions {
    HandOverlayOptions {
        width: 320,
        height: 180,
        adapter: AdapterChoice::Cpu,
        ..HandOverlayOptions::default()
    }
}

/// Heads-up after the hole cards are dealt (both players hold cards).
fn heads_up() -> Hand {
    let phh = PhhHand::parse(include_str!("../../examples/data/heads_up.phh")).expect("phh");
    phh.replay_actions(Some(2)).expect("replay")
}

#[test]
fn full_and_public_stills_of_a_hand_differ() {
    let mut overlay = HandOverlay::new(&options()).expect("a CPU adapter");
    let hand = heads_up();
    let full = overlay.render_hand(&hand, false).expect("full").clone();
    assert_eq!((full.width, full.height), (320, 180));
    assert_eq!(full.pixels.len(), 320 * 180 * 4);
    assert!(full.pixels.chunks_exact(4).any(|px| px[3] > 0));
    let public = overlay.render_hand(&hand, true).expect("public").clone();
    assert_ne!(
        full.pixels, public.pixels,
        "hole cards show only in the full view"
    );
    let again = overlay.render_hand(&hand, false).expect("full again");
    assert_eq!(
        again.pixels, full.pixels,
        "a still does not depend on the frame before"
    );
}

#[test]
fn a_view_as_json_renders_like_the_hand() {
    let mut overlay = HandOverlay::new(&options()).expect("a CPU adapter");
    let hand = heads_up();
    let direct = overlay.render_hand(&hand, true).expect("public").clone();
    let json = hand.public_view_json(&ggp_core::view::TableInfo {
        button: Some(1),
        ..Default::default()
    });
    let from_json = overlay.render_view_json(&json).expect("json view");
    assert_eq!(from_json.pixels, direct.pixels);
    let err = overlay.render_view_json("{\"seats\": 3}").unwrap_err();
    assert!(matches!(err, SkinError::InvalidView { .. }), "{err}");
}

#[test]
fn bad_sizes_and_skins_are_errors() {
    let zero = HandOverlay::new(&HandOverlayOptions {
        width: 0,
        ..options()
    })
    .unwrap_err();
    assert!(
        matches!(zero, SkinError::Render(RenderError::InvalidSize { .. })),
        "{zero}"
    );
    let missing = HandOverlay::new(&HandOverlayOptions {
        skin: Some("/no/such/skin.toml".into()),
        ..options()
    })
    .unwrap_err();
    assert!(
        missing.to_string().contains("/no/such/skin.toml"),
        "{missing}"
    );
    let mut overlay = HandOverlay::new(&options()).expect("a CPU adapter");
    let err = overlay
        .reload_skin(std::path::Path::new("/no/such/skin.toml"))
        .unwrap_err();
    assert!(matches!(err, SkinError::Read { .. }), "{err}");
    overlay
        .render_hand(&heads_up(), false)
        .expect("the old skin still renders");
}

#[test]
fn frames_on_a_running_clock_play_transitions_then_settle_on_the_still() {
    let phh = PhhHand::parse(include_str!("../../examples/data/heads_up.phh")).expect("phh");
    // Without a ticker text: a ticker scrolls with the clock and so never settles.
    let before_flop =
        HandOverlay::view_of(&phh.replay_actions(Some(5)).expect("replay"), false).with_ticker("");
    let flop =
        HandOverlay::view_of(&phh.replay_actions(Some(6)).expect("replay"), false).with_ticker("");
    let mut overlay = HandOverlay::new(&options()).expect("a CPU adapter");
    overlay
        .render_view_at(&before_flop, Timestamp::from_secs(0.0))
        .expect("first frame");
    let entering = overlay
        .render_view_at(&flop, Timestamp::from_secs(1.1))
        .expect("the flop entering")
        .clone();
    let settled = overlay
        .render_view_at(&flop, Timestamp::from_secs(6.0))
        .expect("the flop settled")
        .clone();
    assert_ne!(
        entering.pixels, settled.pixels,
        "the board cards are entering"
    );
    let still = overlay.render_view(flop).expect("a still after the clock");
    assert_eq!(still.pixels, settled.pixels);
}
