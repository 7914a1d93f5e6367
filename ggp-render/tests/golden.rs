//! Golden-image tests rendered on a CPU adapter (lavapipe or llvmpipe).
//!
//! Each scene is compared with `tests/golden/<name>.png` (straight alpha) allowing a small
//! per-channel difference and a small share of differing pixels, since Mesa versions
//! rasterise edges and glyphs slightly differently. `GGP_BLESS=1 cargo test -p ggp-render`
//! rewrites the PNGs; look at them before committing.

use ggp_render::{
    AlphaMode, Border, Color, Fill, FontWeight, Rect, RenderError, Scene, Shadow, ShapeLayer,
    TextAlign, TextLayer,
};

mod common;

use common::{HEIGHT, WIDTH, assert_golden, render, renderer, scene};

#[test]
fn golden_rounded_rect() {
    let mut scene = scene();
    scene.push(
        ShapeLayer::new(
            Rect::new(40.0, 30.0, 240.0, 120.0),
            Fill::Solid(Color::rgb(220, 60, 50)),
        )
        .with_corner_radius(28.0),
    );
    scene.push(
        ShapeLayer::new(
            Rect::new(10.0, 10.0, 30.0, 30.0),
            Fill::Solid(Color::rgb(60, 200, 90)),
        )
        .with_corner_radius(100.0),
    );
    let frame = render(&scene);
    assert_eq!(frame.pixel(160, 90), [220, 60, 50, 255]);
    assert_eq!(
        frame.pixel(41, 31),
        [24, 28, 36, 255],
        "the rounded corner leaves the backdrop"
    );
    assert_golden("rounded_rect", &frame);
}

#[test]
fn golden_gradient() {
    let mut scene = scene();
    let from = Color::rgb(255, 0, 0);
    let to = Color::rgb(0, 0, 255);
    scene.push(
        ShapeLayer::new(
            Rect::new(20.0, 20.0, 280.0, 60.0),
            Fill::LinearGradient {
                from,
                to,
                angle_deg: 0.0,
            },
        )
        .with_corner_radius(8.0),
    );
    scene.push(
        ShapeLayer::new(
            Rect::new(20.0, 100.0, 280.0, 60.0),
            Fill::LinearGradient {
                from: Color::rgb(250, 220, 60),
                to: Color::rgb(30, 160, 80),
                angle_deg: 45.0,
            },
        )
        .with_corner_radius(8.0),
    );
    let frame = render(&scene);
    let left = frame.pixel(22, 50);
    let right = frame.pixel(297, 50);
    assert!(left[0] > 240 && left[2] < 15, "left end is red: {left:?}");
    assert!(
        right[2] > 240 && right[0] < 15,
        "right end is blue: {right:?}"
    );
    assert_golden("gradient", &frame);
}

#[test]
fn golden_border() {
    let mut scene = scene();
    scene.push(
        ShapeLayer::new(
            Rect::new(40.0, 40.0, 240.0, 100.0),
            Fill::Solid(Color::rgb(30, 60, 120)),
        )
        .with_corner_radius(16.0)
        .with_border(Border {
            width: 6.0,
            color: Color::rgb(240, 200, 40),
        }),
    );
    let frame = render(&scene);
    assert_eq!(
        frame.pixel(160, 43),
        [240, 200, 40, 255],
        "inside the border"
    );
    assert_eq!(frame.pixel(160, 90), [30, 60, 120, 255], "inside the fill");
    assert_golden("border", &frame);
}

#[test]
fn golden_shadow() {
    let mut scene = Scene::new(WIDTH, HEIGHT).with_background(Color::rgb(230, 230, 230));
    scene.push(
        ShapeLayer::new(
            Rect::new(60.0, 40.0, 180.0, 80.0),
            Fill::Solid(Color::WHITE),
        )
        .with_corner_radius(12.0)
        .with_shadow(Shadow {
            offset_x: 10.0,
            offset_y: 14.0,
            blur_radius: 12.0,
            color: Color::rgba(0, 0, 0, 170),
        }),
    );
    let frame = render(&scene);
    let under = frame.pixel(200, 128);
    assert!(
        under[0] < 200,
        "the shadow darkens below the shape: {under:?}"
    );
    assert_eq!(
        frame.pixel(20, 20),
        [230, 230, 230, 255],
        "far away is untouched"
    );
    assert_golden("shadow", &frame);
}

#[test]
fn golden_text_with_suits() {
    let mut scene = scene();
    scene.push(
        ShapeLayer::new(
            Rect::new(10.0, 10.0, 300.0, 50.0),
            Fill::Solid(Color::rgb(250, 250, 245)),
        )
        .with_corner_radius(6.0),
    );
    scene.push(
        TextLayer::new(
            "A♠ K♥ Q♦ J♣",
            Rect::new(10.0, 10.0, 300.0, 50.0),
            32.0,
            Color::BLACK,
        )
        .with_align(TextAlign::Center)
        .with_weight(FontWeight::Bold),
    );
    scene.push(TextLayer::new(
        "Pot: 12,450 · Kerning AVATAR",
        Rect::new(10.0, 70.0, 300.0, 40.0),
        20.0,
        Color::WHITE,
    ));
    scene.push(
        TextLayer::new(
            "A very long player name that must shrink",
            Rect::new(10.0, 120.0, 300.0, 50.0),
            40.0,
            Color::rgb(250, 210, 80),
        )
        .with_align(TextAlign::Right)
        .with_fit_to_width(true),
    );
    let frame = render(&scene);
    let ink = (10..310)
        .flat_map(|x| (15..55).map(move |y| (x, y)))
        .filter(|&(x, y)| frame.pixel(x, y)[0] < 100)
        .count();
    assert!(ink > 300, "the suit line has dark glyph pixels: {ink}");
    assert_golden("text_suits", &frame);
}

#[test]
fn golden_opacity_stack() {
    let mut scene = Scene::new(WIDTH, HEIGHT);
    scene.push(
        ShapeLayer::new(
            Rect::new(30.0, 30.0, 160.0, 100.0),
            Fill::Solid(Color::rgb(255, 0, 0)),
        )
        .with_opacity(0.5),
    );
    scene.push(
        ShapeLayer::new(
            Rect::new(90.0, 60.0, 160.0, 100.0),
            Fill::Solid(Color::rgb(0, 0, 255)),
        )
        .with_opacity(0.5),
    );
    scene.push(
        ShapeLayer::new(
            Rect::new(150.0, 20.0, 140.0, 80.0),
            Fill::Solid(Color::rgba(0, 200, 0, 128)),
        )
        .with_corner_radius(20.0),
    );
    scene.push(
        TextLayer::new(
            "50%",
            Rect::new(150.0, 20.0, 140.0, 80.0),
            36.0,
            Color::WHITE,
        )
        .with_align(TextAlign::Center)
        .with_opacity(0.5),
    );
    let frame = render(&scene);
    let red = frame.pixel(50, 40);
    assert_eq!(red[3], 128, "half-opaque red over transparent: {red:?}");
    assert!(red[0] >= 253, "straight alpha keeps the full red: {red:?}");
    let both = frame.pixel(120, 100);
    assert!(
        both[3] > 185 && both[3] < 195,
        "two halves make three quarters: {both:?}"
    );
    assert_golden("opacity_stack", &frame);
}

#[test]
fn later_layers_draw_on_top_across_shapes_and_text() {
    let mut scene = Scene::new(64, 64);
    scene.push(ShapeLayer::new(
        Rect::new(0.0, 0.0, 64.0, 64.0),
        Fill::Solid(Color::WHITE),
    ));
    scene.push(
        TextLayer::new("█", Rect::new(0.0, 0.0, 64.0, 64.0), 60.0, Color::BLACK)
            .with_align(TextAlign::Center),
    );
    scene.push(ShapeLayer::new(
        Rect::new(24.0, 24.0, 16.0, 16.0),
        Fill::Solid(Color::rgb(255, 0, 0)),
    ));
    let frame = render(&scene);
    assert_eq!(
        frame.pixel(32, 32),
        [255, 0, 0, 255],
        "the last shape covers the text"
    );
    assert_eq!(frame.pixel(32, 20)[0], 0, "the text covers the first shape");
}

#[test]
fn premultiplied_and_straight_agree() {
    let mut scene = Scene::new(16, 16);
    scene.push(ShapeLayer::new(
        Rect::new(0.0, 0.0, 16.0, 16.0),
        Fill::Solid(Color::rgba(200, 100, 0, 128)),
    ));
    let premultiplied = renderer()
        .render(&scene, AlphaMode::Premultiplied)
        .expect("renders");
    assert_eq!(premultiplied.alpha, AlphaMode::Premultiplied);
    assert_eq!(premultiplied.pixel(8, 8), [100, 50, 0, 128]);
    let straight = renderer()
        .render(&scene, AlphaMode::Straight)
        .expect("renders");
    assert_eq!(straight.pixel(8, 8), [199, 100, 0, 128]);
}

#[test]
fn uhd_frame_renders_and_reads_back() {
    let mut scene = Scene::new(3840, 2160).with_background(Color::rgb(0, 0, 40));
    scene.push(ShapeLayer::new(
        Rect::new(3040.0, 1860.0, 800.0, 300.0),
        Fill::Solid(Color::rgb(250, 250, 0)),
    ));
    scene.push(TextLayer::new(
        "4K ♠",
        Rect::new(100.0, 100.0, 1000.0, 200.0),
        150.0,
        Color::WHITE,
    ));
    let frame = render(&scene);
    assert_eq!((frame.width, frame.height), (3840, 2160));
    assert_eq!(frame.pixels.len(), 3840 * 2160 * 4);
    assert_eq!(frame.pixel(0, 0), [0, 0, 40, 255]);
    assert_eq!(
        frame.pixel(3839, 2159),
        [250, 250, 0, 255],
        "the last pixel of the last row"
    );
}

#[test]
fn odd_width_reads_back_without_row_padding() {
    let mut scene = Scene::new(17, 19);
    scene.push(ShapeLayer::new(
        Rect::new(16.0, 0.0, 1.0, 19.0),
        Fill::Solid(Color::WHITE),
    ));
    let frame = render(&scene);
    assert_eq!(frame.pixels.len(), 17 * 19 * 4);
    for y in 0..19 {
        assert_eq!(frame.pixel(16, y), [255, 255, 255, 255], "row {y}");
        assert_eq!(frame.pixel(0, y), [0, 0, 0, 0], "row {y}");
    }
}

#[test]
fn sizes_outside_the_range_are_errors() {
    for (w, h) in [(0, 0), (100_000, 100_000), (15, 100), (4097, 16)] {
        let err = renderer()
            .render(&Scene::new(w, h), AlphaMode::Premultiplied)
            .expect_err("size refused");
        assert!(
            matches!(err, RenderError::InvalidSize { width, height, .. } if (width, height) == (w, h)),
            "{err}"
        );
    }
}

#[test]
fn bad_font_is_an_error_and_a_good_one_loads() {
    let err = renderer()
        .load_font(vec![0u8; 1000])
        .expect_err("zeros are no font");
    assert!(
        matches!(err, RenderError::InvalidFont { bytes: 1000 }),
        "{err}"
    );
    let families = renderer()
        .load_font(include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf").to_vec())
        .expect("DejaVu loads");
    assert_eq!(families, vec!["DejaVu Sans".to_owned()]);
}
