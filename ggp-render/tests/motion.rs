//! Motion from the frame clock: equity bars slide to a new value and the ticker scrolls,
//! both the same for the same timestamps. Goldens under `tests/golden/skin/`
//! (`GGP_BLESS=1` rewrites them; look at them before committing).

use ggp_core::equity::live::{EquityMode, EquityOptions};
use ggp_core::phh::PhhHand;
use ggp_core::view::{TableInfo, TableView};
use ggp_render::skin::{Overlay, OverlayView, Skin};
use ggp_render::{AdapterChoice, AlphaMode, Frame, Renderer, RendererOptions, Timestamp};

mod common;

fn new_overlay() -> Overlay {
    let renderer = Renderer::new(RendererOptions {
        adapter: AdapterChoice::Cpu,
    })
    .expect("a CPU adapter (install mesa-vulkan-drivers)");
    Overlay::new(renderer, Skin::default_skin().expect("default skin"))
        .expect("overlay")
        .with_alpha(AlphaMode::Straight)
}

/// The heads-up sample hand on the flop, with seeded equity.
fn flop() -> OverlayView {
    let phh = PhhHand::parse(include_str!("../../examples/data/heads_up.phh")).expect("parses");
    let hand = phh.replay_actions(Some(12)).expect("replays");
    let info = TableInfo {
        hand_number: 7,
        names: phh.players.clone().unwrap_or_default(),
        button: Some(1),
        level: None,
    };
    let mut view = TableView::of(&hand, &info);
    view.fill_equity(&EquityOptions {
        mode: EquityMode::MonteCarlo {
            samples: 2_000,
            seed: 5,
        },
        threads: 1,
        outs: true,
    })
    .expect("equity");
    OverlayView::from(&view)
}

/// The same view with the first seat's equity at `equity` (the second's the rest).
fn with_equity(view: &OverlayView, equity: f64) -> OverlayView {
    let mut view = view.clone();
    for (i, seat) in view.seats.iter_mut().enumerate() {
        if let Some(e) = seat.equity.as_mut() {
            e.equity = if i == 0 { equity } else { 1.0 - equity };
        }
    }
    view
}

fn render(overlay: &mut Overlay, view: &OverlayView, secs: f64) -> Frame {
    overlay
        .render(view, 1280, 720, Timestamp::from_secs(secs))
        .expect("renders")
        .clone()
}

/// Rows of a 720p frame above the ticker, which scrolls all the time.
const ABOVE_TICKER: usize = 720 - 40;

/// Pixels that differ by more than 2 in a channel.
fn differing(a: &Frame, b: &Frame) -> usize {
    differing_in(a, b, 720)
}

/// Pixels in the first `rows` rows that differ by more than 2 in a channel.
fn differing_in(a: &Frame, b: &Frame, rows: usize) -> usize {
    let end = rows * a.width as usize * 4;
    a.pixels[..end]
        .chunks_exact(4)
        .zip(b.pixels[..end].chunks_exact(4))
        .filter(|(x, y)| !common::near([x[0], x[1], x[2], x[3]], [y[0], y[1], y[2], y[3]], 2))
        .count()
}

#[test]
fn equity_bars_slide_to_a_new_value() {
    let base = flop();
    let before = with_equity(&base, 0.2);
    let after = with_equity(&base, 0.8);
    let mut overlay = new_overlay();
    let start = render(&mut overlay, &before, 1.0);
    // The view changes at 2 s: the bars start where they were and ease to the new value.
    render(&mut overlay, &after, 2.0);
    assert!(overlay.is_animating(), "a bar is sliding");
    let mid = render(&mut overlay, &after, 2.1);
    let late = render(&mut overlay, &after, 2.3);
    let done = render(&mut overlay, &after, 2.5);
    common::assert_golden("skin/bar_slide_100ms", &mid);
    common::assert_golden("skin/bar_slide_300ms", &late);

    // Settled, it is the frame of the new value shown at once.
    let mut fresh = new_overlay();
    let settled = render(&mut fresh, &after, 2.5);
    assert_eq!(differing(&done, &settled), 0);
    // Along the way, it is neither the old nor the new frame.
    let rows = ABOVE_TICKER;
    assert!(differing_in(&mid, &start, rows) > 0 && differing_in(&mid, &settled, rows) > 0);
    assert!(differing_in(&late, &mid, rows) > 0 && differing_in(&late, &settled, rows) > 0);

    // The same timestamps give the same frames.
    let mut again = new_overlay();
    render(&mut again, &before, 1.0);
    render(&mut again, &after, 2.0);
    assert_eq!(differing(&render(&mut again, &after, 2.1), &mid), 0);
}

#[test]
fn the_ticker_scrolls_with_the_clock() {
    let view = flop().with_ticker("GGP-GFX LIVE  •  HEADS-UP FINAL  •  BLINDS 500/1,000");
    let mut overlay = new_overlay();
    let at_zero = render(&mut overlay, &view, 0.0);
    let at_two = render(&mut overlay, &view, 2.0);
    let at_five = render(&mut overlay, &view, 5.5);
    common::assert_golden("skin/ticker_0s", &at_zero);
    common::assert_golden("skin/ticker_2s", &at_two);
    common::assert_golden("skin/ticker_5500ms", &at_five);
    assert!(
        overlay.is_animating(),
        "a scrolling ticker keeps the overlay moving"
    );
    // Only the ticker's strip at the bottom moves.
    let changed_rows: Vec<usize> = (0..720)
        .filter(|y| {
            let row = |f: &Frame| f.pixels[y * 1280 * 4..(y + 1) * 1280 * 4].to_vec();
            row(&at_zero) != row(&at_two)
        })
        .collect();
    assert!(!changed_rows.is_empty());
    assert!(
        changed_rows.iter().all(|y| *y >= ABOVE_TICKER),
        "{changed_rows:?}"
    );
    // The same time again gives the same frame without drawing.
    let drawn = overlay.gpu_renders();
    let repeat = render(&mut overlay, &view, 5.5);
    assert_eq!(overlay.gpu_renders(), drawn);
    assert_eq!(differing(&repeat, &at_five), 0);
}
