//! The default skin and the transitions rendered on a CPU adapter and compared with
//! golden images under `tests/golden/skin/`, plus render-on-change, public views, hot
//! reload and frame-size errors. `GGP_BLESS=1 cargo test -p ggp-render --test skin_golden`
//! rewrites the PNGs; look at every one before committing.

use std::sync::{Mutex, MutexGuard, OnceLock};

use ggp_core::equity::live::{EquityMode, EquityOptions};
use ggp_core::phh::PhhHand;
use ggp_core::view::{TableInfo, TableView};
use ggp_core::{Card, Chips};
use ggp_render::skin::{Overlay, OverlayView, Skin, SkinError};
use ggp_render::{
    AdapterChoice, AlphaMode, CardFace, Frame, Layer, RenderError, Renderer, RendererOptions,
    Timestamp,
};

mod common;

/// The default skin's goldens live under `tests/golden/skin/`.
fn assert_golden(name: &str, frame: &Frame) {
    common::assert_golden(&format!("skin/{name}"), frame);
}

/// One overlay for all tests: creating a renderer (shader compilation) is the slow part.
fn overlay() -> MutexGuard<'static, Overlay> {
    static OVERLAY: OnceLock<Mutex<Overlay>> = OnceLock::new();
    let mut guard = OVERLAY
        .get_or_init(|| {
            let renderer = Renderer::new(RendererOptions {
                adapter: AdapterChoice::Cpu,
            })
            .expect("a CPU adapter (install mesa-vulkan-drivers)");
            let skin = Skin::default_skin().expect("default skin");
            Mutex::new(
                Overlay::new(renderer, skin)
                    .expect("overlay")
                    .with_alpha(AlphaMode::Straight),
            )
        })
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    guard.reset();
    if guard.skin().name != "GGP Default" {
        guard
            .reload(Skin::default_skin())
            .expect("default skin reloads");
    }
    guard
}

fn hand_text(name: &str) -> &'static str {
    match name {
        "heads_up" => include_str!("../../examples/data/heads_up.phh"),
        "six_max" => include_str!("../../examples/data/six_max.phh"),
        "nine_handed" => include_str!("../../examples/data/nine_handed.phh"),
        "omaha" => include_str!("../../examples/data/omaha.phh"),
        other => panic!("no hand {other}"),
    }
}

/// The view after `action` lines of a sample hand, with seeded Monte Carlo equity (the
/// same on every machine, and quick in debug builds).
fn view(name: &str, action: usize, public: bool) -> OverlayView {
    let phh = PhhHand::parse(hand_text(name)).expect("sample hand parses");
    let hand = phh.replay_actions(Some(action)).expect("replays");
    let players = hand.state().player_count();
    let info = TableInfo {
        hand_number: 7,
        names: phh.players.clone().unwrap_or_default(),
        button: players.checked_sub(1),
        level: Some("LEVEL 14  •  ANTE 0".to_owned()),
    };
    let mut full = TableView::of(&hand, &info);
    if public {
        return OverlayView::from(&full.to_public());
    }
    full.fill_equity(&EquityOptions {
        mode: EquityMode::MonteCarlo {
            samples: 20_000,
            seed: 7,
        },
        threads: 1,
        outs: true,
    })
    .expect("equity");
    OverlayView::from(&full)
}

fn render_golden(name: &str, view: &OverlayView, width: u32, height: u32) {
    let mut overlay = overlay();
    let frame = overlay
        .render(view, width, height, Timestamp::ZERO)
        .expect("renders")
        .clone();
    assert_golden(name, &frame);
}

#[test]
fn golden_default_two_seats_720p() {
    render_golden("two_seats_720p", &view("heads_up", 12, false), 1280, 720);
}

#[test]
fn golden_default_two_seats_9x16_winner() {
    render_golden("two_seats_9x16", &view("heads_up", 16, false), 720, 1280);
}

#[test]
fn golden_default_six_seats_1080p() {
    render_golden("six_seats_1080p", &view("six_max", 16, false), 1920, 1080);
}

#[test]
fn golden_default_six_seats_720p_public() {
    render_golden(
        "six_seats_720p_public",
        &view("six_max", 16, true),
        1280,
        720,
    );
}

#[test]
fn golden_default_nine_seats_1080p_side_pot() {
    render_golden(
        "nine_seats_1080p",
        &view("nine_handed", 24, false),
        1920,
        1080,
    );
}

#[test]
fn golden_default_omaha_wide_layout_720p() {
    render_golden("omaha_720p", &view("omaha", 10, false), 1280, 720);
}

#[test]
fn golden_default_nine_seats_9x16_public() {
    render_golden(
        "nine_seats_9x16_public",
        &view("nine_handed", 26, true),
        720,
        1280,
    );
}

/// A skin with one box per transition kind, shown only once the board has a card.
const TRANSITIONS: &str = r##"
[[layout]]
seats = [0, 10]
reference = [320, 180]
[layout.regions]
row = { anchor = "top_left", at = [0, 0], size = [320, 180] }

[[element]]
id = "backdrop"
kind = "panel"
region = "row"
rect = [0, 0, 320, 180]
fill = "#181c24"

[[element]]
id = "fade"
kind = "panel"
region = "row"
rect = [10, 60, 50, 70]
fill = "#e04040"
radius = 6
when = "board.any"
enter = { kind = "fade", duration = 0.4, easing = "linear" }
exit = { kind = "fade", duration = 0.4, easing = "linear" }

[[element]]
id = "slide"
kind = "panel"
region = "row"
rect = [72, 60, 50, 70]
fill = "#40c060"
radius = 6
when = "board.any"
enter = { kind = "slide", from = "up", duration = 0.4, easing = "linear" }
exit = { kind = "slide", from = "down", duration = 0.4, easing = "linear" }

[[element]]
id = "scale"
kind = "panel"
region = "row"
rect = [134, 60, 50, 70]
fill = "#4080e0"
radius = 6
when = "board.any"
enter = { kind = "scale", duration = 0.4, easing = "back_out" }
exit = { kind = "scale", duration = 0.4, easing = "linear" }

[[element]]
id = "wipe"
kind = "panel"
region = "row"
rect = [196, 60, 50, 70]
fill = "#e0b020"
radius = 6
when = "board.any"
enter = { kind = "wipe", from = "left", duration = 0.4, easing = "linear" }
exit = { kind = "wipe", from = "left", duration = 0.4, easing = "linear" }

[[element]]
id = "flip"
kind = "cards"
region = "row"
rect = [258, 60, 50, 70]
cards = "board"
enter = { kind = "flip", duration = 0.4, easing = "linear" }
exit = { kind = "flip", duration = 0.4, easing = "linear" }

[[element]]
id = "label"
kind = "text"
region = "row"
rect = [0, 140, 320, 30]
text = "fade   slide   scale   wipe   flip"
size = 14
align = "center"
"##;

fn bare_view(board: &[&str]) -> OverlayView {
    OverlayView {
        hand_number: 1,
        variant: "NT".into(),
        variant_name: "No-Limit Texas Hold'em".into(),
        street: Some(1),
        button: None,
        level: None,
        blinds: vec![Chips::from(1), Chips::from(2)],
        seats: Vec::new(),
        board: board
            .iter()
            .map(|c| c.parse::<Card>().expect("card"))
            .collect(),
        pots: Vec::new(),
        total_pot: Chips::ZERO,
        complete: false,
        ticker: None,
    }
}

#[test]
fn golden_transitions_enter_and_exit() {
    let mut overlay = overlay();
    overlay
        .reload(Skin::parse(TRANSITIONS, "transitions.toml", None))
        .expect("transition skin");
    let before = bare_view(&[]);
    let after = bare_view(&["Ah"]);
    let at = Timestamp::from_secs;
    overlay
        .render(&before, 320, 180, at(0.0))
        .expect("first frame");
    // The board card arrives with the frame at 1.0 s: every transition starts there.
    overlay.render(&after, 320, 180, at(1.0)).expect("change");
    for (ms, name) in [
        (100, "enter_100ms"),
        (200, "enter_200ms"),
        (300, "enter_300ms"),
    ] {
        let frame = overlay
            .render(&after, 320, 180, at(1.0 + f64::from(ms) / 1000.0))
            .expect("enter frame")
            .clone();
        assert_golden(&format!("transitions_{name}"), &frame);
    }
    // Settled: the frame is reused, not redrawn.
    overlay.render(&after, 320, 180, at(2.0)).expect("settled");
    let drawn = overlay.gpu_renders();
    overlay
        .render(&after, 320, 180, at(2.5))
        .expect("settled again");
    assert_eq!(overlay.gpu_renders(), drawn);
    overlay
        .render(&before, 320, 180, at(3.0))
        .expect("exit starts");
    for (ms, name) in [(100, "exit_100ms"), (300, "exit_300ms")] {
        let frame = overlay
            .render(&before, 320, 180, at(3.0 + f64::from(ms) / 1000.0))
            .expect("exit frame")
            .clone();
        assert_golden(&format!("transitions_{name}"), &frame);
    }
}

#[test]
fn an_unchanged_view_reuses_the_frame_and_a_change_animates() {
    let mut overlay = overlay();
    let at = Timestamp::from_secs;
    // No ticker: a scrolling ticker moves all the time (tests/motion.rs).
    let first = view("six_max", 15, false).with_ticker("");
    let second = view("six_max", 16, false).with_ticker("");
    overlay.render(&first, 640, 360, at(0.0)).expect("frame");
    let drawn = overlay.gpu_renders();
    for i in 1..5 {
        overlay
            .render(&first, 640, 360, at(f64::from(i) / 30.0))
            .expect("frame");
    }
    assert_eq!(
        overlay.gpu_renders(),
        drawn,
        "same view, no animation: no redraw"
    );
    // A raise: a new badge scales in, so the next frames are drawn until it settles.
    overlay.render(&second, 640, 360, at(1.0)).expect("frame");
    assert!(overlay.is_animating());
    overlay.render(&second, 640, 360, at(1.1)).expect("frame");
    assert_eq!(overlay.gpu_renders(), drawn + 2);
    overlay.render(&second, 640, 360, at(3.0)).expect("frame");
    assert!(!overlay.is_animating());
    let settled = overlay.gpu_renders();
    overlay.render(&second, 640, 360, at(3.1)).expect("frame");
    assert_eq!(overlay.gpu_renders(), settled);
    // A new size is a new frame.
    overlay.render(&second, 320, 180, at(3.2)).expect("frame");
    assert_eq!(overlay.gpu_renders(), settled + 1);
}

fn cards_in(layers: &[Layer], out: &mut Vec<CardFace>) {
    for layer in layers {
        match layer {
            Layer::Card(card) => out.push(card.face),
            Layer::Group(group) => cards_in(&group.layers, out),
            _ => {}
        }
    }
}

#[test]
fn public_views_draw_backs_and_no_equity() {
    let mut overlay = overlay();
    let public = view("six_max", 16, true);
    let scene = overlay
        .scene(&public, 1920, 1080, Timestamp::ZERO)
        .expect("scene");
    let mut faces = Vec::new();
    cards_in(scene.layers(), &mut faces);
    let backs = faces.iter().filter(|f| **f == CardFace::Back).count();
    let up: Vec<String> = faces
        .iter()
        .filter_map(|f| match f {
            CardFace::Up(card) => Some(card.to_string()),
            CardFace::Back => None,
        })
        .collect();
    assert_eq!(
        backs, 6,
        "three live players' hole cards face down: {faces:?}"
    );
    assert_eq!(up, ["Ks", "9h", "Jd"], "only the board is face up");
    let texts: Vec<String> = scene
        .layers()
        .iter()
        .filter_map(|l| match l {
            Layer::Text(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        !texts.iter().any(|t| t.ends_with('%')),
        "no equity in {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "RAISE TO 27,000"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "POT 52,000"), "{texts:?}");
}

#[test]
fn a_bad_reload_keeps_the_last_good_skin() {
    let mut overlay = overlay();
    let v = view("heads_up", 5, false);
    overlay
        .render(&v, 320, 180, Timestamp::ZERO)
        .expect("frame");
    let bad = Skin::parse("[[layout]\n", "broken.toml", None);
    let error = overlay.reload(bad).expect_err("broken skin refused");
    assert!(error.to_string().starts_with("broken.toml:1:"), "{error}");
    assert_eq!(overlay.skin().name, "GGP Default");
    assert!(overlay.last_reload_error().is_some());
    overlay
        .render(&v, 320, 180, Timestamp::from_secs(0.04))
        .expect("the next frame still renders");

    // A watched file: edits are picked up, broken edits are refused.
    let dir = std::env::temp_dir().join(format!("ggp-skin-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("live.toml");
    std::fs::write(&path, Skin::default_skin_source()).expect("write");
    overlay.watch(&path);
    assert!(overlay.poll_reload().is_none(), "unchanged");
    let renamed = Skin::default_skin_source().replace("GGP Default", "GGP Live Edit");
    std::fs::write(&path, renamed).expect("write");
    assert!(matches!(overlay.poll_reload(), Some(Ok(()))));
    assert_eq!(overlay.skin().name, "GGP Live Edit");
    assert!(overlay.last_reload_error().is_none());
    std::fs::write(&path, "[[element]]\nid = 3\n").expect("write");
    assert!(matches!(overlay.poll_reload(), Some(Err(_))));
    assert_eq!(overlay.skin().name, "GGP Live Edit");
    overlay
        .render(&v, 320, 180, Timestamp::from_secs(0.08))
        .expect("renders with the last good skin");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn zero_and_huge_sizes_are_clear_errors() {
    let mut overlay = overlay();
    let v = view("heads_up", 5, false);
    for (w, h) in [(0, 0), (1920, 0), (100_000, 1080)] {
        let error = overlay
            .render(&v, w, h, Timestamp::ZERO)
            .expect_err("refused");
        assert!(
            matches!(error, SkinError::Render(RenderError::InvalidSize { .. })),
            "{error}"
        );
        assert!(error.to_string().contains(&format!("{w}x{h}")), "{error}");
    }
}

#[test]
fn an_image_element_draws_its_file() {
    let dir = std::env::temp_dir().join(format!("ggp-skin-image-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let logo = [200u8, 30, 30, 255].repeat(16 * 16);
    image::save_buffer(dir.join("logo.png"), &logo, 16, 16, image::ColorType::Rgba8)
        .expect("png written");
    let text = "[[layout]]\nseats = [0, 10]\nreference = [320, 180]\n[layout.regions]\n\
                box = { size = [320, 180] }\n[[element]]\nid = \"logo\"\nkind = \"image\"\n\
                region = \"box\"\nrect = [10, 10, 40, 40]\nsrc = \"logo.png\"\n";
    let mut overlay = overlay();
    overlay
        .reload(Skin::parse(text, "logo.toml", Some(&dir)))
        .expect("skin with a logo");
    let frame = overlay
        .render(&bare_view(&[]), 320, 180, Timestamp::ZERO)
        .expect("frame");
    let inside = frame.pixel(30, 30);
    assert!(
        inside[0] > 150 && inside[1] < 80 && inside[3] > 200,
        "{inside:?}"
    );
    assert_eq!(frame.pixel(100, 100)[3], 0, "transparent outside");

    std::fs::write(dir.join("logo.png"), b"not a png").expect("write");
    let error = Skin::parse(text, "logo.toml", Some(&dir)).expect_err("bad image");
    assert!(
        error.to_string().starts_with("logo.toml:11: image file"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
