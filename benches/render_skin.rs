//! The default skin rendered and read back per frame (frames per second), at 1080p and 4K:
//! with the view unchanged at one time (the overlay reuses its last frame), unchanged while
//! the clock runs (only the ticker scrolls), and with a bet and an equity figure that
//! change every frame, drawn as patches over the kept frame (the default) and drawn whole
//! (`_full_redraw`). Also: the equity alone changing, building the scene without the GPU,
//! and the floor (clearing a 1080p frame with one changing text and reading it back).
//!
//! Run: `cargo bench -p ggp-benches --bench render_skin`. It uses whichever adapter wgpu
//! finds first by performance (lavapipe on a machine without a GPU) and prints its name.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_core::Chips;
use ggp_core::equity::live::{EquityMode, EquityOptions};
use ggp_core::phh::PhhHand;
use ggp_core::view::{LastAction, TableInfo, TableView};
use ggp_render::skin::{Overlay, OverlayView, Skin};
use ggp_render::{AdapterChoice, Renderer, RendererOptions, Timestamp};

/// The 6-max sample hand on the flop, a raise to call, with equity.
fn flop_view() -> Result<OverlayView, String> {
    let phh =
        PhhHand::parse(include_str!("../examples/data/six_max.phh")).map_err(|e| e.to_string())?;
    let hand = phh.replay_actions(Some(16)).map_err(|e| e.to_string())?;
    let info = TableInfo {
        hand_number: 128,
        names: phh.players.clone().unwrap_or_default(),
        button: Some(5),
        level: Some("LEVEL 14".to_owned()),
    };
    let mut view = TableView::of(&hand, &info);
    view.fill_equity(&EquityOptions {
        mode: EquityMode::MonteCarlo {
            samples: 5_000,
            seed: 1,
        },
        threads: 1,
        outs: true,
    })
    .map_err(|e| e.to_string())?;
    Ok(OverlayView::from(&view))
}

fn render_skin(c: &mut Criterion) {
    let setup = || -> Result<(Overlay, OverlayView), String> {
        let renderer = Renderer::new(RendererOptions {
            adapter: AdapterChoice::HighPerformance,
        })
        .map_err(|e| e.to_string())?;
        let skin = Skin::default_skin().map_err(|e| e.to_string())?;
        Ok((
            Overlay::new(renderer, skin).map_err(|e| e.to_string())?,
            flop_view()?,
        ))
    };
    let (mut overlay, view) = match setup() {
        Ok(ready) => ready,
        Err(err) => {
            eprintln!("render_skin bench skipped: {err}");
            return;
        }
    };
    let info = overlay.renderer().adapter_info();
    eprintln!(
        "render_skin bench on {} ({:?}, {:?})",
        info.name, info.backend, info.device_type
    );

    let mut group = c.benchmark_group("render_skin");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.throughput(Throughput::Elements(1));
    for (label, width, height) in [("1080p", 1920, 1080), ("4k", 3840, 2160)] {
        let mut frame_index = 0u64;
        overlay.reset();
        group.bench_function(format!("{label}_unchanged"), |b| {
            b.iter(|| {
                let frame = overlay.render(&view, width, height, Timestamp::ZERO);
                black_box(frame.map(|f| f.pixels.len()).ok())
            })
        });
        overlay.reset();
        group.bench_function(format!("{label}_unchanged_ticker_scrolling"), |b| {
            b.iter(|| {
                frame_index += 1;
                let at = Timestamp::from_secs(frame_index as f64 / 60.0);
                let frame = overlay.render(&view, width, height, at);
                black_box(frame.map(|f| f.pixels.len()).ok())
            })
        });
        for partial in [true, false] {
            overlay.reset();
            overlay.renderer().set_partial_redraw(partial);
            let mut changing = view.clone();
            let name = if partial {
                format!("{label}_changing")
            } else {
                format!("{label}_changing_full_redraw")
            };
            group.bench_function(name, |b| {
                b.iter(|| {
                    frame_index += 1;
                    let at = Timestamp::from_secs(frame_index as f64 / 60.0);
                    // Kenji's raise and Tom's equity move every frame.
                    let to = Chips::from(27_000 + (frame_index % 500) as i64 * 100);
                    if let Some(seat) = changing.seats.get_mut(3) {
                        seat.bet = to;
                        seat.last_action = Some(LastAction::Raise { to });
                    }
                    if let Some(equity) = changing.seats.get_mut(1).and_then(|s| s.equity.as_mut())
                    {
                        equity.equity = (frame_index % 1000) as f64 / 1000.0;
                    }
                    let frame = overlay.render(&changing, width, height, at);
                    black_box(frame.map(|f| f.pixels.len()).ok())
                })
            });
        }
        overlay.renderer().set_partial_redraw(true);
        if label == "1080p" {
            // The floor under any overlay here: clearing the frame and reading it back, with
            // one changing text so that the renderer cannot reuse its last frame.
            group.bench_function("1080p_floor_clear_one_text_readback", |b| {
                b.iter(|| {
                    frame_index += 1;
                    let mut scene = ggp_render::Scene::new(width, height);
                    scene.push(ggp_render::TextLayer::new(
                        format!("{}", frame_index % 1000),
                        ggp_render::Rect::new(10.0, 10.0, 200.0, 40.0),
                        24.0,
                        ggp_render::Color::WHITE,
                    ));
                    let frame = overlay
                        .renderer()
                        .render(&scene, ggp_render::AlphaMode::Premultiplied);
                    black_box(frame.map(|f| f.pixels.len()).ok())
                })
            });
            overlay.reset();
            // Where the time goes: building the scene (layout, bindings, text) without the GPU.
            let mut changing = view.clone();
            group.bench_function("1080p_changing_scene_only", |b| {
                b.iter(|| {
                    frame_index += 1;
                    let at = Timestamp::from_secs(frame_index as f64 / 60.0);
                    if let Some(equity) = changing.seats.get_mut(1).and_then(|s| s.equity.as_mut())
                    {
                        equity.equity = (frame_index % 1000) as f64 / 1000.0;
                    }
                    black_box(
                        overlay
                            .scene(&changing, width, height, at)
                            .map(|s| s.layers().len())
                            .ok(),
                    )
                })
            });
            overlay.reset();
            let mut equity_only = view.clone();
            group.bench_function("1080p_equity_changing", |b| {
                b.iter(|| {
                    frame_index += 1;
                    let at = Timestamp::from_secs(frame_index as f64 / 60.0);
                    if let Some(equity) =
                        equity_only.seats.get_mut(1).and_then(|s| s.equity.as_mut())
                    {
                        equity.equity = (frame_index % 1000) as f64 / 1000.0;
                    }
                    let frame = overlay.render(&equity_only, width, height, at);
                    black_box(frame.map(|f| f.pixels.len()).ok())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, render_skin);
criterion_main!(benches);
