//! Overlay rendering throughput (frames per second): render + readback of a broadcast-like
//! scene, about 40 rounded rectangles and 30 text runs, at 1080p and 4K; and a table of
//! cards (9 seats x 2 hole cards + 5 board cards) at 1080p, flat and from the SVG deck.
//!
//! The renderer skips drawing a scene equal to the previous one, so the "changing" cases
//! alternate between two scenes that differ in one text (every frame is drawn), and the
//! "unchanged" case measures what a frame costs when nothing moved.
//!
//! Run: `cargo bench -p ggp-benches --bench render`. It uses whichever adapter wgpu finds
//! first by performance (lavapipe on a machine without a GPU) and prints its name.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_core::Card;
use ggp_render::{
    AdapterChoice, AlphaMode, Border, CardFace, CardLayer, CardStyle, Color, DeckId, Fill,
    FlatCardStyle, FontWeight, Rect, Renderer, RendererOptions, Scene, Shadow, ShapeLayer,
    TextAlign, TextLayer,
};
use std::hint::black_box;
use std::time::Duration;

/// A table overlay laid out at 1080p and scaled by `scale`: 10 seat panels (4 shapes and 3
/// texts each) plus a board and pot bar.
fn overlay(width: u32, height: u32, scale: f32, tick: u32) -> Scene {
    let mut scene = Scene::new(width, height);
    let s = |v: f32| v * scale;
    for seat in 0..10 {
        let x = s(20.0 + (seat % 5) as f32 * 376.0);
        let y = s(if seat < 5 { 40.0 } else { 880.0 });
        let panel = Rect::new(x, y, s(360.0), s(150.0));
        scene.push(
            ShapeLayer::new(
                panel,
                Fill::LinearGradient {
                    from: Color::rgb(20, 24, 40),
                    to: Color::rgb(40, 30, 70),
                    angle_deg: 90.0,
                },
            )
            .with_corner_radius(s(14.0))
            .with_border(Border {
                width: s(2.0),
                color: Color::rgb(200, 170, 60),
            })
            .with_shadow(Shadow {
                offset_x: s(4.0),
                offset_y: s(6.0),
                blur_radius: s(10.0),
                color: Color::rgba(0, 0, 0, 150),
            }),
        );
        for card in 0..2 {
            let card_rect = Rect::new(
                x + s(10.0 + card as f32 * 62.0),
                y + s(10.0),
                s(56.0),
                s(80.0),
            );
            scene.push(
                ShapeLayer::new(card_rect, Fill::Solid(Color::rgb(250, 250, 245)))
                    .with_corner_radius(s(6.0)),
            );
        }
        scene.push(
            ShapeLayer::new(
                Rect::new(x + s(10.0), y + s(100.0), s(340.0), s(40.0)),
                Fill::Solid(Color::rgba(0, 0, 0, 120)),
            )
            .with_corner_radius(s(8.0)),
        );
        scene.push(
            TextLayer::new(
                "A♠ K♥",
                Rect::new(x + s(10.0), y + s(10.0), s(118.0), s(80.0)),
                s(30.0),
                Color::BLACK,
            )
            .with_align(TextAlign::Center),
        );
        scene.push(
            TextLayer::new(
                format!("Player number {seat} long name"),
                Rect::new(x + s(140.0), y + s(20.0), s(210.0), s(40.0)),
                s(28.0),
                Color::WHITE,
            )
            .with_weight(FontWeight::Bold)
            .with_fit_to_width(true),
        );
        scene.push(
            TextLayer::new(
                format!("{},500  ·  {}%", 12 + seat + tick, 30 + seat),
                Rect::new(x + s(10.0), y + s(100.0), s(340.0), s(40.0)),
                s(24.0),
                Color::rgb(250, 210, 80),
            )
            .with_align(TextAlign::Right),
        );
    }
    scene.push(
        ShapeLayer::new(
            Rect::new(s(660.0), s(440.0), s(600.0), s(200.0)),
            Fill::Solid(Color::rgba(10, 60, 30, 200)),
        )
        .with_corner_radius(s(24.0)),
    );
    scene
}

fn render(c: &mut Criterion) {
    let mut renderer = match Renderer::new(RendererOptions {
        adapter: AdapterChoice::HighPerformance,
    }) {
        Ok(renderer) => renderer,
        Err(err) => {
            eprintln!("render bench skipped: {err}");
            return;
        }
    };
    let info = renderer.adapter_info();
    eprintln!(
        "render bench on {} ({:?}, {:?})",
        info.name, info.backend, info.device_type
    );
    let mut group = c.benchmark_group("render/overlay 41 shapes 30 texts + readback");
    // lavapipe needs ~100 ms a 4K frame; give ten samples room.
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(1));
    for (label, width, height, scale) in [("1080p", 1920, 1080, 1.0), ("4K", 3840, 2160, 2.0)] {
        let scenes = [0, 1].map(|tick| overlay(width, height, scale, tick));
        bench_alternating(&mut group, label, &mut renderer, &scenes);
    }
    group.finish();

    let mut group = c.benchmark_group("render/cards 9 seats x 2 + 5 board 1080p + readback");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(1));
    let styles = [
        ("flat", CardStyle::Flat(FlatCardStyle::default())),
        ("deck", CardStyle::Deck(DeckId::JumboIndex)),
    ];
    for (label, style) in styles {
        let scenes = [0, 1].map(|tick| cards(style, tick));
        // The first frame rasterises the deck's cards; later frames reuse the textures.
        let _ = renderer.render(&scenes[0], AlphaMode::Premultiplied);
        bench_alternating(
            &mut group,
            &format!("{label} changing"),
            &mut renderer,
            &scenes,
        );
        group.bench_function(format!("{label} unchanged"), |b| {
            b.iter(|| {
                renderer
                    .render(black_box(&scenes[0]), AlphaMode::Premultiplied)
                    .map(|f| f.pixels.len())
            })
        });
    }
    group.finish();
}

/// Renders `scenes[0]` and `scenes[1]` in turn, so that every frame is drawn.
fn bench_alternating(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    label: &str,
    renderer: &mut Renderer,
    scenes: &[Scene; 2],
) {
    let mut which = 0;
    group.bench_function(label, |b| {
        b.iter(|| {
            which ^= 1;
            renderer
                .render(black_box(&scenes[which]), AlphaMode::Premultiplied)
                .map(|f| f.pixels.len())
        })
    });
}

/// Nine seats with two hole cards each and a five-card board at 1080p; `tick` changes the
/// pot text only.
fn cards(style: CardStyle, tick: u32) -> Scene {
    let mut scene = Scene::new(1920, 1080);
    let mut deck = Card::all();
    let mut next = || deck.next().map_or(CardFace::Back, CardFace::Up);
    let (w, h) = (84.0, 126.0);
    for seat in 0..9 {
        let angle = seat as f32 / 9.0 * std::f32::consts::TAU;
        let (cx, cy) = (960.0 + 760.0 * angle.cos(), 540.0 + 380.0 * angle.sin());
        for i in 0..2 {
            let rect = Rect::new(cx - w + i as f32 * (w + 6.0), cy - h / 2.0, w, h);
            scene.push(CardLayer::new(rect, next()).with_style(style));
        }
    }
    for i in 0..5 {
        let rect = Rect::new(700.0 + i as f32 * (w + 14.0) * 1.2, 460.0, w * 1.2, h * 1.2);
        scene.push(CardLayer::new(rect, next()).with_style(style));
    }
    scene.push(
        TextLayer::new(
            format!("POT {},000", 12 + tick),
            Rect::new(760.0, 660.0, 400.0, 60.0),
            40.0,
            Color::WHITE,
        )
        .with_align(TextAlign::Center),
    );
    scene
}

criterion_group!(benches, render);
criterion_main!(benches);
