//! Golden and behaviour tests for groups (transform, clip, opacity, blend modes) and cards.

mod common;

use common::{assert_golden, near, render, renderer, scene};
use ggp_core::Card;
use ggp_render::{
    AlphaMode, BlendMode, Border, CardFace, CardLayer, CardStyle, Clip, Color, DeckId, Fill,
    FlatCardStyle, FontWeight, Group, Layer, Rect, ShapeLayer, TextAlign, TextLayer, Transform,
};

fn rect(x: f32, y: f32, w: f32, h: f32, color: Color) -> Layer {
    ShapeLayer::new(Rect::new(x, y, w, h), Fill::Solid(color)).into()
}

fn card(text: &str) -> Card {
    text.parse().expect("card text")
}

#[test]
fn golden_group_transform() {
    let panel = Group::new(vec![
        ShapeLayer::new(
            Rect::new(0.0, 0.0, 120.0, 50.0),
            Fill::LinearGradient {
                from: Color::rgb(30, 90, 200),
                to: Color::rgb(120, 30, 160),
                angle_deg: 0.0,
            },
        )
        .with_corner_radius(10.0)
        .with_border(Border {
            width: 2.0,
            color: Color::WHITE,
        })
        .into(),
        TextLayer::new(
            "ALL-IN",
            Rect::new(0.0, 0.0, 120.0, 50.0),
            24.0,
            Color::WHITE,
        )
        .with_weight(FontWeight::Bold)
        .with_align(TextAlign::Center)
        .into(),
    ]);
    let mut s = scene();
    // The same group: as is, moved and scaled evenly (drawn directly), and rotated.
    s.push(
        panel
            .clone()
            .with_transform(Transform::translate(10.0, 10.0)),
    );
    s.push(
        panel
            .clone()
            .with_transform(Transform::scale(0.8, 0.8).then(Transform::translate(10.0, 100.0))),
    );
    s.push(
        panel.with_transform(
            Transform::scale(1.3, 1.3)
                .then(Transform::rotate_degrees(-20.0))
                .about(60.0, 25.0)
                .then(Transform::translate(160.0, 65.0)),
        ),
    );
    let frame = render(&s);
    // The rotated panel's centre lands at (220, 90) and shows its gradient's middle.
    let centre = frame.pixel(220, 78);
    assert!(centre[3] == 255 && centre[2] > 150, "centre {centre:?}");
    assert_golden("group_transform", &frame);
}

#[test]
fn golden_clip() {
    let mut s = scene();
    let stripes: Vec<Layer> = (0..8)
        .map(|i| {
            let shade = if i % 2 == 0 {
                Color::rgb(230, 190, 40)
            } else {
                Color::rgb(40, 160, 220)
            };
            rect(20.0 + i as f32 * 40.0 - 40.0, 0.0, 40.0, 180.0, shade)
        })
        .chain(std::iter::once(
            TextLayer::new(
                "CLIPPED",
                Rect::new(0.0, 60.0, 320.0, 60.0),
                56.0,
                Color::BLACK,
            )
            .with_weight(FontWeight::Bold)
            .with_align(TextAlign::Center)
            .into(),
        ))
        .collect();
    s.push(Group::new(stripes).with_clip(Clip::rounded(Rect::new(60.0, 40.0, 200.0, 100.0), 30.0)));
    let frame = render(&s);
    assert_eq!(frame.pixel(30, 90), [24, 28, 36, 255], "outside the clip");
    assert_eq!(
        frame.pixel(62, 42),
        [24, 28, 36, 255],
        "cut by the rounded corner"
    );
    assert_eq!(frame.pixel(100, 50)[3], 255, "inside the clip");
    assert_golden("clip", &frame);
}

#[test]
fn golden_group_opacity_fades_overlaps_as_one() {
    let pair = || {
        vec![
            rect(0.0, 0.0, 100.0, 80.0, Color::rgb(220, 40, 40)),
            rect(50.0, 40.0, 100.0, 80.0, Color::rgb(40, 80, 220)),
        ]
    };
    let mut s = scene();
    s.push(
        Group::new(pair())
            .with_opacity(0.5)
            .with_transform(Transform::translate(10.0, 20.0)),
    );
    // The same shapes faded one by one, for contrast: the red shows through the blue.
    let faded: Vec<Layer> = pair()
        .into_iter()
        .map(|l| match l {
            Layer::Shape(shape) => shape.with_opacity(0.5).into(),
            other => other,
        })
        .collect();
    s.push(Group::new(faded).with_transform(Transform::translate(165.0, 20.0)));
    let frame = render(&s);
    // In the group, the overlap shows only blue at half strength, like the blue alone.
    let overlap = frame.pixel(10 + 75, 20 + 60);
    let blue_alone = frame.pixel(10 + 125, 20 + 100);
    assert!(
        near(overlap, blue_alone, 2),
        "{overlap:?} vs {blue_alone:?}"
    );
    let separate_overlap = frame.pixel(165 + 75, 20 + 60);
    assert!(
        !near(separate_overlap, blue_alone, 8),
        "per-layer opacity lets red through"
    );
    assert_golden("group_opacity", &frame);
}

/// A backdrop colour and a source colour that make each blend mode's result distinct.
const UNDER: Color = Color::rgb(200, 100, 50);
const OVER: Color = Color::rgb(100, 100, 200);

fn blend_scene() -> ggp_render::Scene {
    let mut s = ggp_render::Scene::new(320, 180);
    let modes = [
        BlendMode::Normal,
        BlendMode::Add,
        BlendMode::Multiply,
        BlendMode::Screen,
    ];
    for (i, mode) in modes.iter().enumerate() {
        let x = 10.0 + i as f32 * 77.0;
        // The backdrop covers only the top of each column: below it the group meets transparency.
        s.push(rect(x, 10.0, 70.0, 90.0, UNDER));
        s.push(
            Group::new(vec![
                rect(x + 10.0, 40.0, 50.0, 130.0, OVER),
                TextLayer::new(
                    format!("{mode:?}"),
                    Rect::new(x, 140.0, 70.0, 30.0),
                    13.0,
                    Color::WHITE,
                )
                .with_align(TextAlign::Center)
                .into(),
            ])
            .with_blend(*mode),
        );
    }
    s
}

#[test]
fn golden_blend_modes() {
    let frame = renderer()
        .render(&blend_scene(), AlphaMode::Premultiplied)
        .expect("renders");
    let at = |i: u32, y: u32| frame.pixel(10 + i * 77 + 35, y);
    let tol = 3;
    assert!(
        near(at(0, 60), [100, 100, 200, 255], tol),
        "normal {:?}",
        at(0, 60)
    );
    assert!(
        near(at(1, 60), [255, 200, 250, 255], tol),
        "add {:?}",
        at(1, 60)
    );
    assert!(
        near(at(2, 60), [78, 39, 39, 255], tol),
        "multiply {:?}",
        at(2, 60)
    );
    assert!(
        near(at(3, 60), [222, 161, 211, 255], tol),
        "screen {:?}",
        at(3, 60)
    );
    // Over transparency every mode leaves the source as it is.
    for i in 0..4 {
        assert!(
            near(at(i, 120), [100, 100, 200, 255], tol),
            "mode {i} alone {:?}",
            at(i, 120)
        );
    }
    assert_golden("blend_modes", &frame.into_alpha_mode(AlphaMode::Straight));
}

#[test]
fn half_transparent_multiply_follows_the_w3c_formula() {
    let mut s = ggp_render::Scene::new(16, 16);
    s.push(rect(0.0, 0.0, 16.0, 16.0, UNDER.with_alpha(128)));
    s.push(
        Group::new(vec![rect(0.0, 0.0, 16.0, 16.0, OVER.with_alpha(128))])
            .with_blend(BlendMode::Multiply),
    );
    let frame = renderer()
        .render(&s, AlphaMode::Premultiplied)
        .expect("renders");
    // Premultiplied: cs*cb + cs*(1-ab) + cb*(1-as); alpha: as + ab*(1-as).
    let (ab, as_) = (128.0 / 255.0, 128.0 / 255.0);
    let want = |s: f32, b: f32| {
        let (cs, cb) = (s / 255.0 * as_, b / 255.0 * ab);
        ((cs * cb + cs * (1.0 - ab) + cb * (1.0 - as_)) * 255.0).round() as u8
    };
    let alpha = ((as_ + ab * (1.0 - as_)) * 255.0).round() as u8;
    let expected = [
        want(100.0, 200.0),
        want(100.0, 100.0),
        want(200.0, 50.0),
        alpha,
    ];
    assert!(
        near(frame.pixel(8, 8), expected, 3),
        "{:?} vs {expected:?}",
        frame.pixel(8, 8)
    );
}

#[test]
fn fading_apart_children_needs_no_offscreen_texture() {
    let mut s = ggp_render::Scene::new(64, 32);
    s.push(
        Group::new(vec![
            rect(0.0, 0.0, 20.0, 20.0, Color::WHITE),
            rect(30.0, 0.0, 20.0, 20.0, Color::WHITE),
        ])
        .with_opacity(0.5),
    );
    let mut r = renderer();
    let before = r.stats().groups_offscreen;
    let frame = r.render(&s, AlphaMode::Premultiplied).expect("renders");
    assert_eq!(r.stats().groups_offscreen, before, "drawn directly");
    assert!(near(frame.pixel(10, 10), [128, 128, 128, 128], 1));
    assert!(near(frame.pixel(40, 10), [128, 128, 128, 128], 1));
    // Overlapping children do need one.
    let mut overlapping = ggp_render::Scene::new(64, 32);
    overlapping.push(
        Group::new(vec![
            rect(0.0, 0.0, 20.0, 20.0, Color::WHITE),
            rect(10.0, 0.0, 20.0, 20.0, Color::WHITE),
        ])
        .with_opacity(0.5),
    );
    r.render(&overlapping, AlphaMode::Premultiplied)
        .expect("renders");
    assert_eq!(r.stats().groups_offscreen, before + 1);
}

#[test]
fn nested_groups_compose_transforms_and_opacity() {
    let inner = Group::new(vec![rect(0.0, 0.0, 20.0, 20.0, Color::WHITE)])
        .with_transform(Transform::translate(10.0, 0.0))
        .with_opacity(0.5);
    let outer = Group::new(vec![inner.into()])
        .with_transform(Transform::scale(2.0, 2.0).then(Transform::translate(100.0, 50.0)))
        .with_opacity(0.5);
    let mut s = ggp_render::Scene::new(320, 180);
    s.push(outer);
    let frame = renderer()
        .render(&s, AlphaMode::Premultiplied)
        .expect("renders");
    // The square lands at x 120..160, y 50..90, a quarter opaque.
    let px = frame.pixel(140, 70);
    assert!(near(px, [64, 64, 64, 64], 2), "{px:?}");
    assert_eq!(frame.pixel(115, 70)[3], 0);
    assert_eq!(frame.pixel(165, 70)[3], 0);
}

#[test]
fn invisible_and_degenerate_groups_draw_nothing() {
    let mut s = ggp_render::Scene::new(64, 64);
    s.push(Group::new(vec![rect(0.0, 0.0, 64.0, 64.0, Color::WHITE)]).with_opacity(0.0));
    s.push(Group::new(vec![rect(0.0, 0.0, 64.0, 64.0, Color::WHITE)]).with_opacity(f32::NAN));
    s.push(
        Group::new(vec![rect(0.0, 0.0, 64.0, 64.0, Color::WHITE)])
            .with_transform(Transform::scale(0.0, 1.0))
            .with_opacity(0.5),
    );
    s.push(
        Group::new(vec![rect(0.0, 0.0, 64.0, 64.0, Color::WHITE)])
            .with_clip(Clip::rect(Rect::new(500.0, 500.0, 10.0, 10.0))),
    );
    s.push(Group::new(Vec::new()).with_opacity(0.5));
    let frame = renderer()
        .render(&s, AlphaMode::Premultiplied)
        .expect("renders");
    assert!(frame.pixels.iter().all(|&b| b == 0));
}

#[test]
fn huge_groups_are_limited_not_failed() {
    let mut s = ggp_render::Scene::new(64, 64);
    s.push(
        Group::new(vec![rect(-1e6, -1e6, 2e6, 2e6, Color::WHITE)])
            .with_transform(Transform::rotate_degrees(10.0).then(Transform::scale(1e3, 1e3))),
    );
    let frame = renderer()
        .render(&s, AlphaMode::Premultiplied)
        .expect("renders");
    assert_eq!(frame.pixel(32, 32), [255, 255, 255, 255]);
}

fn card_row(style: CardStyle, width: f32, height: f32) -> ggp_render::Scene {
    let mut s = scene();
    let faces = [
        CardFace::Up(card("As")),
        CardFace::Up(card("Kh")),
        CardFace::Up(card("Td")),
        CardFace::Up(card("7c")),
        CardFace::Back,
    ];
    for (i, face) in faces.into_iter().enumerate() {
        let x = 10.0 + i as f32 * (width + 8.0);
        s.push(CardLayer::new(Rect::new(x, 10.0, width, height), face).with_style(style));
    }
    s
}

#[test]
fn golden_flat_cards() {
    let mut s = card_row(CardStyle::Flat(FlatCardStyle::default()), 50.0, 70.0);
    // Four-colour, and the smallest size a broadcast uses (40 px wide), and a faded card.
    let four = CardStyle::Flat(FlatCardStyle::four_color());
    for (i, text) in ["Qd", "Jc", "9h", "2s"].into_iter().enumerate() {
        let x = 10.0 + i as f32 * 48.0;
        s.push(
            CardLayer::new(Rect::new(x, 100.0, 40.0, 56.0), CardFace::Up(card(text)))
                .with_style(four),
        );
    }
    s.push(
        CardLayer::new(
            Rect::new(220.0, 100.0, 40.0, 56.0),
            CardFace::Up(card("Ah")),
        )
        .with_opacity(0.5),
    );
    let frame = render(&s);
    assert_golden("flat_cards", &frame);
}

#[test]
fn golden_deck_cards() {
    let mut s = card_row(CardStyle::Deck(DeckId::JumboIndex), 50.0, 75.0);
    s.push(
        CardLayer::new(Rect::new(10.0, 95.0, 50.0, 75.0), CardFace::Back)
            .with_style(CardStyle::Deck(DeckId::JumboIndexBlueBack)),
    );
    s.push(
        CardLayer::new(Rect::new(68.0, 95.0, 50.0, 75.0), CardFace::Up(card("Qs")))
            .with_style(CardStyle::Deck(DeckId::JumboIndex))
            .with_opacity(0.5),
    );
    // A deck card in a rotated group, as a dealt card might be.
    s.push(
        Group::new(vec![
            CardLayer::new(Rect::new(0.0, 0.0, 50.0, 75.0), CardFace::Up(card("Jh")))
                .with_style(CardStyle::Deck(DeckId::JumboIndex))
                .into(),
        ])
        .with_transform(
            Transform::rotate_degrees(12.0)
                .about(25.0, 37.5)
                .then(Transform::translate(140.0, 95.0)),
        ),
    );
    let frame = render(&s);
    assert_golden("deck_cards", &frame);
}

#[test]
fn deck_cards_are_rasterised_once_per_size() {
    let s = card_row(CardStyle::Deck(DeckId::JumboIndex), 51.0, 76.0);
    let mut r = renderer();
    let before = r.stats().textures_uploaded;
    r.render(&s, AlphaMode::Premultiplied).expect("renders");
    let first = r.stats().textures_uploaded - before;
    assert_eq!(first, 5);
    // The same cards nudged (a different scene, the same raster size) upload nothing new.
    let mut moved = s.clone();
    moved.push(rect(0.0, 0.0, 1.0, 1.0, Color::WHITE));
    r.render(&moved, AlphaMode::Premultiplied).expect("renders");
    assert_eq!(r.stats().textures_uploaded - before, 5);
}
