//! Partial redraw gives the frames a full redraw gives: sequences of changing scenes and
//! views rendered both ways, every frame compared (the golden tolerance), and the partial
//! way checked to have drawn only part of the frame.

use ggp_core::Chips;
use ggp_core::equity::live::{EquityMode, EquityOptions};
use ggp_core::phh::PhhHand;
use ggp_core::view::{LastAction, TableInfo, TableView};
use ggp_render::skin::{Overlay, OverlayView, Skin};
use ggp_render::{
    AdapterChoice, AlphaMode, BlendMode, CardFace, CardLayer, Clip, Color, Fill, Frame, Group,
    Rect, Renderer, RendererOptions, Scene, ShapeLayer, TextLayer, Timestamp, Transform,
};

mod common;

fn renderer(partial: bool) -> Renderer {
    let mut renderer = Renderer::new(RendererOptions {
        adapter: AdapterChoice::Cpu,
    })
    .expect("a CPU adapter (install mesa-vulkan-drivers)");
    renderer.set_partial_redraw(partial);
    renderer
}

/// Pixels further apart than the golden tolerance, as a share of the frame.
fn differing_share(a: &Frame, b: &Frame) -> f64 {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let differing = a
        .pixels
        .chunks_exact(4)
        .zip(b.pixels.chunks_exact(4))
        .filter(|(x, y)| {
            x.iter()
                .zip(y.iter())
                .any(|(p, q)| p.abs_diff(*q) > common::CHANNEL_TOLERANCE)
        })
        .count();
    differing as f64 / f64::from(a.width * a.height)
}

fn assert_same(step: usize, full: &Frame, partial: &Frame) {
    let share = differing_share(full, partial);
    assert!(
        share <= common::MAX_DIFFERING_SHARE,
        "frame {step}: {:.3}% of pixels differ between full and partial redraw",
        share * 100.0
    );
}

/// A scene whose parts move, fade, change text, rotate, blend and clip from step to step.
fn primitive_scene(step: usize) -> Scene {
    let t = step as f32;
    let mut scene = Scene::new(480, 270).with_background(Color::rgba(10, 20, 30, 200));
    scene.push(
        ShapeLayer::new(
            Rect::new(20.0, 20.0, 200.0, 80.0),
            Fill::LinearGradient {
                from: Color::rgb(40, 40, 120),
                to: Color::rgb(120, 40, 40),
                angle_deg: 20.0,
            },
        )
        .with_corner_radius(12.0),
    );
    // A bar whose width changes every step.
    scene.push(
        ShapeLayer::new(
            Rect::new(20.0, 110.0, 20.0 + 15.0 * (step % 10) as f32, 8.0),
            Fill::Solid(Color::rgb(50, 210, 120)),
        )
        .with_corner_radius(4.0),
    );
    // Text that changes, over the gradient panel.
    scene.push(TextLayer::new(
        format!("BET {}", 1_000 + step * 150),
        Rect::new(30.0, 30.0, 180.0, 60.0),
        26.0,
        Color::WHITE,
    ));
    // A card that slides, in a group that fades (drawn offscreen: its children overlap).
    let card = CardLayer::new(Rect::new(0.0, 0.0, 50.0, 70.0), CardFace::Back);
    let label = TextLayer::new("A", Rect::new(5.0, 5.0, 40.0, 40.0), 30.0, Color::WHITE);
    scene.push(
        Group::new(vec![card.into(), label.into()])
            .with_transform(Transform::translate(260.0 + 8.0 * t, 30.0))
            .with_opacity(0.5 + 0.05 * (step % 10) as f32),
    );
    // A rotating, clipped group and a blended square that stay on some steps.
    if step % 3 != 1 {
        scene.push(
            Group::new(vec![
                ShapeLayer::new(Rect::new(0.0, 0.0, 60.0, 60.0), Fill::Solid(Color::WHITE)).into(),
            ])
            .with_clip(Clip::rect(Rect::new(0.0, 0.0, 60.0, 40.0)))
            .with_transform(
                Transform::rotate_degrees(5.0 * t).then(Transform::translate(340.0, 160.0)),
            ),
        );
    }
    scene.push(
        Group::new(vec![
            ShapeLayer::new(
                Rect::new(60.0, 150.0, 120.0, 80.0),
                Fill::Solid(Color::rgb(200, 100, 20)),
            )
            .into(),
        ])
        .with_blend(if step.is_multiple_of(2) {
            BlendMode::Screen
        } else {
            BlendMode::Multiply
        }),
    );
    scene
}

#[test]
fn changing_scenes_match_a_full_redraw() {
    let mut full = renderer(false);
    let mut partial = renderer(true);
    for step in 0..12 {
        let scene = primitive_scene(step);
        let a = full.render(&scene, AlphaMode::Straight).expect("renders");
        let b = partial
            .render(&scene, AlphaMode::Straight)
            .expect("renders");
        assert_same(step, &a, &b);
    }
    let stats = partial.stats();
    assert_eq!(stats.frames_patched, 11, "{stats:?}");
    assert!(
        stats.pixels_patched < 11 * 480 * 270 / 2,
        "patched {} pixels",
        stats.pixels_patched
    );
    assert_eq!(full.stats().frames_patched, 0);
}

/// The 6-max sample hand after `action` lines, with seeded equity and the table's names.
fn hand_view(action: usize) -> OverlayView {
    let phh = PhhHand::parse(include_str!("../../examples/data/six_max.phh")).expect("parses");
    let hand = phh.replay_actions(Some(action)).expect("replays");
    let info = TableInfo {
        hand_number: 128,
        names: phh.players.clone().unwrap_or_default(),
        button: Some(5),
        level: Some("LEVEL 14".to_owned()),
    };
    let mut view = TableView::of(&hand, &info);
    view.fill_equity(&EquityOptions {
        mode: EquityMode::MonteCarlo {
            samples: 2_000,
            seed: 3,
        },
        threads: 1,
        outs: true,
    })
    .expect("equity");
    OverlayView::from(&view)
}

fn overlay(partial: bool) -> Overlay {
    Overlay::new(
        renderer(partial),
        Skin::default_skin().expect("default skin"),
    )
    .expect("overlay")
    .with_alpha(AlphaMode::Straight)
}

#[test]
fn a_changing_hand_matches_a_full_redraw() {
    let mut full = overlay(false);
    let mut partial = overlay(true);
    // The hand moving on (cards flip in, badges scale in and fade out, the lower third
    // slides), then a bet and an equity figure that change every frame.
    let mut views: Vec<OverlayView> = (12..=18).map(hand_view).collect();
    let base = views.last().cloned().expect("views");
    for i in 0..6u32 {
        let mut view = base.clone();
        let to = Chips::from(27_000 + i64::from(i) * 700);
        if let Some(seat) = view.seats.get_mut(3) {
            seat.bet = to;
            seat.last_action = Some(LastAction::Raise { to });
        }
        if let Some(equity) = view.seats.get_mut(1).and_then(|s| s.equity.as_mut()) {
            equity.equity = 0.2 + f64::from(i) * 0.1;
        }
        views.push(view);
    }
    for (step, view) in views.iter().enumerate() {
        // 1/15 s apart: transitions are caught mid-way.
        let at = Timestamp::from_secs(step as f64 / 15.0);
        let a = full.render(view, 640, 360, at).expect("renders").clone();
        let b = partial.render(view, 640, 360, at).expect("renders").clone();
        assert_same(step, &a, &b);
    }
    let stats = partial.renderer().stats();
    assert!(stats.frames_patched >= 6, "{stats:?}");
}
