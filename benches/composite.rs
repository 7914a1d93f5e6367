//! Compositing throughput (frames per second) at 1080p: the pipeline's way (the overlay
//! converted once to premultiplied YUVA 4:2:0, blended into each decoded frame where it
//! is visible) against the generic way (each frame converted to RGBA, blended, converted
//! back), and the one-off conversion cost paid when the graphics change.
//!
//! Run: `cargo bench -p ggp-benches --bench composite`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ffmpeg::format::Pixel;
use ffmpeg::software::scaling::{Context as Scaler, Flags};
use ffmpeg_next as ffmpeg;
use ggp_stream::overlay::{BasicLayout, OverlayImage, YuvaOverlay};
use std::hint::black_box;
use std::time::Duration;

const WIDTH: u32 = 1920;
const HEIGHT: u32 = 1080;

/// A broadcast-like overlay: six translucent seat panels with two opaque cards each, and
/// a board of five cards.
fn overlay() -> OverlayImage {
    let mut image = OverlayImage::transparent(WIDTH, HEIGHT);
    let mut fill = |x: u32, y: u32, w: u32, h: u32, rgba: [u8; 4]| {
        for row in y..(y + h).min(HEIGHT) {
            for col in x..(x + w).min(WIDTH) {
                let p = ((row * WIDTH + col) * 4) as usize;
                image.rgba[p..p + 4].copy_from_slice(&rgba);
            }
        }
    };
    let layout = BasicLayout::new(WIDTH, HEIGHT, 6);
    for seat in 0..6 {
        let r = layout.seat_rect(seat);
        fill(r.x, r.y, r.width, r.height, [8, 16, 24, 200]);
        for slot in 0..2 {
            let c = layout.hole_card_rect(seat, slot, 2);
            fill(c.x, c.y, c.width, c.height, [250, 250, 250, 255]);
        }
    }
    for slot in 0..5 {
        let c = layout.board_card_rect(slot);
        fill(c.x, c.y, c.width, c.height, [250, 250, 250, 255]);
    }
    image
}

fn video_frame() -> ffmpeg::frame::Video {
    let mut frame = ffmpeg::frame::Video::new(Pixel::YUV420P, WIDTH, HEIGHT);
    for (plane, value) in [(0, 90u8), (1, 120), (2, 140)] {
        frame.data_mut(plane).fill(value);
    }
    frame
}

fn bench(c: &mut Criterion) {
    let image = overlay();
    let converted = YuvaOverlay::from_rgba(&image).expect("converts");
    let mut group = c.benchmark_group("composite_1080p");
    group.throughput(Throughput::Elements(1));
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));

    let mut frame = video_frame();
    group.bench_function("yuva_blend_per_frame", |b| {
        b.iter(|| converted.blend_into(black_box(&mut frame)).expect("blends"))
    });

    group.bench_function("yuva_convert_per_change", |b| {
        b.iter(|| YuvaOverlay::from_rgba(black_box(&image)).expect("converts"))
    });

    let mut to_rgba = Scaler::get(
        Pixel::YUV420P,
        WIDTH,
        HEIGHT,
        Pixel::RGBA,
        WIDTH,
        HEIGHT,
        Flags::BILINEAR,
    )
    .expect("scaler");
    let mut to_yuv = Scaler::get(
        Pixel::RGBA,
        WIDTH,
        HEIGHT,
        Pixel::YUV420P,
        WIDTH,
        HEIGHT,
        Flags::BILINEAR,
    )
    .expect("scaler");
    let source = video_frame();
    let mut rgba = ffmpeg::frame::Video::new(Pixel::RGBA, WIDTH, HEIGHT);
    let mut back = ffmpeg::frame::Video::new(Pixel::YUV420P, WIDTH, HEIGHT);
    group.bench_function("rgba_roundtrip_per_frame", |b| {
        b.iter(|| {
            to_rgba.run(&source, &mut rgba).expect("to rgba");
            let stride = rgba.stride(0);
            let data = rgba.data_mut(0);
            for row in 0..HEIGHT as usize {
                let dst = &mut data[row * stride..row * stride + WIDTH as usize * 4];
                let src = &image.rgba[row * WIDTH as usize * 4..(row + 1) * WIDTH as usize * 4];
                for (d, s) in dst.chunks_exact_mut(4).zip(src.chunks_exact(4)) {
                    let inverse = 255 - u32::from(s[3]);
                    for (dc, sc) in d[..3].iter_mut().zip(&s[..3]) {
                        *dc = (u32::from(*sc) + u32::from(*dc) * inverse / 255) as u8;
                    }
                }
            }
            to_yuv.run(&rgba, &mut back).expect("to yuv");
            black_box(&back);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
