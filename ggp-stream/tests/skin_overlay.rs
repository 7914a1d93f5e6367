//! The skin adapter: the live path shows the public view, the program the full one, the
//! graphics are off between hands, transitions run on the frame clock (the same frames on
//! every run), and the delay countdown reaches the picture.

use std::sync::Arc;

use ggp_core::phh::PhhHand;
use ggp_core::view::{TableInfo, TableView};
use ggp_render::skin::Skin;
use ggp_render::{AdapterChoice, Renderer, RendererOptions};
use ggp_stream::overlay::{Overlay, OverlayImage, SkinOverlay};
use ggp_stream::view::{DelayStatus, ProgramView};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 360;

fn skin_overlay() -> SkinOverlay {
    let renderer = Renderer::new(RendererOptions {
        adapter: AdapterChoice::Cpu,
    })
    .expect("a CPU adapter (install mesa-vulkan-drivers)");
    SkinOverlay::new(
        renderer,
        Skin::default_skin().expect("default skin"),
        WIDTH,
        HEIGHT,
        "test",
    )
    .expect("overlay")
}

/// The full view of the sample six-max hand after `action` action lines.
fn table(action: usize) -> TableView {
    let phh = PhhHand::parse(include_str!("../../examples/data/six_max.phh")).expect("parses");
    let hand = phh.replay_actions(Some(action)).expect("replays");
    let info = TableInfo {
        hand_number: 128,
        names: phh.players.clone().unwrap_or_default(),
        button: Some(5),
        level: None,
    };
    TableView::of(&hand, &info)
}

fn program(action: usize) -> ProgramView {
    ProgramView {
        table: Some(table(action)),
        delay: DelayStatus::default(),
    }
}

fn opaque_pixels(image: &OverlayImage) -> usize {
    image.rgba.chunks_exact(4).filter(|p| p[3] > 0).count()
}

fn live(overlay: &mut SkinOverlay, view: Option<&TableView>, at: i64) -> Arc<OverlayImage> {
    let public = view.map(TableView::to_public);
    Overlay::<Option<ggp_core::view::PublicTableView>>::render(overlay, &public, at)
        .expect("live render")
}

#[test]
fn live_is_public_program_is_full_and_nothing_between_hands() {
    let mut overlay = skin_overlay();
    let dealt = table(6);

    let none = live(&mut overlay, None, 0);
    assert_eq!((none.width, none.height), (WIDTH, HEIGHT));
    assert_eq!(
        opaque_pixels(&none),
        0,
        "between hands the live graphics are off"
    );

    let public = live(&mut overlay, Some(&dealt), 0);
    assert!(
        opaque_pixels(&public) > (WIDTH * HEIGHT / 50) as usize,
        "the skin shows"
    );

    let mut program_overlay = skin_overlay();
    let full = program_overlay
        .render(&program(6), 0)
        .expect("program render");
    assert_eq!(full.rgba.len(), public.rgba.len());
    assert_ne!(
        full.rgba, public.rgba,
        "hole card faces differ from card backs"
    );

    let between = program_overlay
        .render(
            &ProgramView {
                table: None,
                delay: DelayStatus::default(),
            },
            SECOND,
        )
        .expect("program render");
    assert_eq!(opaque_pixels(&between), 0);
}

const SECOND: i64 = 1_000_000_000;

#[test]
fn transitions_run_on_the_frame_clock_and_repeat_exactly() {
    let run = || {
        let mut overlay = skin_overlay();
        let mut frames = Vec::new();
        frames.push(overlay.render(&program(6), 0).expect("render"));
        // The default skin's ticker scrolls with the clock, so the overlay always animates;
        // what matters here is that the frames move and repeat exactly.
        // The pre-flop raise: a new action badge enters.
        frames.push(overlay.render(&program(7), SECOND).expect("render"));
        let animating = overlay.is_animating();
        frames.push(
            overlay
                .render(&program(7), SECOND + SECOND / 30)
                .expect("render"),
        );
        frames.push(overlay.render(&program(7), 10 * SECOND).expect("render"));
        (animating, frames)
    };
    let (animating, first) = run();
    assert!(animating, "a change starts a transition");
    assert_ne!(
        first[1].rgba, first[2].rgba,
        "the transition moves frame to frame"
    );
    assert_ne!(first[2].rgba, first[3].rgba);
    let (_, second) = run();
    assert_eq!(
        first, second,
        "the same views at the same times give the same frames"
    );
}

#[test]
fn the_delay_countdown_reaches_the_program_picture() {
    let mut overlay = skin_overlay();
    let steady = overlay.render(&program(6), 0).expect("render");
    let mut shrinking = program(6);
    shrinking.delay = DelayStatus {
        current_s: 272,
        target_s: 30,
        from_s: 300,
    };
    let countdown = overlay.render(&shrinking, 0).expect("render");
    assert_ne!(
        steady.rgba, countdown.rgba,
        "the ticker shows the countdown"
    );
}
