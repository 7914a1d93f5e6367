//! Golden-image helpers shared by the compositor primitive tests (the same rules as
//! `golden.rs`: lavapipe/llvmpipe, a per-channel tolerance, a small share of differing
//! pixels; `GGP_BLESS=1` rewrites the PNGs, look at them before committing).

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use ggp_render::{AdapterChoice, AlphaMode, Color, Frame, Renderer, RendererOptions, Scene};

/// Largest per-channel difference that still counts as the same pixel.
pub const CHANNEL_TOLERANCE: u8 = 12;
/// Largest share of pixels allowed to differ by more than the tolerance.
pub const MAX_DIFFERING_SHARE: f64 = 0.005;

pub const WIDTH: u32 = 320;
pub const HEIGHT: u32 = 180;
pub const BACKDROP: Color = Color::rgb(24, 28, 36);

/// One renderer per test binary: device creation and shader compilation are the slow part.
pub fn renderer() -> std::sync::MutexGuard<'static, Renderer> {
    static RENDERER: OnceLock<Mutex<Renderer>> = OnceLock::new();
    RENDERER
        .get_or_init(|| {
            let renderer = Renderer::new(RendererOptions {
                adapter: AdapterChoice::Cpu,
            })
            .expect("a CPU adapter (install mesa-vulkan-drivers)");
            Mutex::new(renderer)
        })
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn render(scene: &Scene) -> Frame {
    renderer()
        .render(scene, AlphaMode::Straight)
        .expect("scene renders")
}

pub fn scene() -> Scene {
    Scene::new(WIDTH, HEIGHT).with_background(BACKDROP)
}

pub fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.png"))
}

/// True when the channels of `a` and `b` are all within `tolerance`.
pub fn near(a: [u8; 4], b: [u8; 4], tolerance: u8) -> bool {
    a.iter()
        .zip(b.iter())
        .all(|(x, y)| x.abs_diff(*y) <= tolerance)
}

pub fn assert_golden(name: &str, frame: &Frame) {
    let path = golden_path(name);
    if std::env::var_os("GGP_BLESS").is_some_and(|v| v == "1") {
        image::save_buffer(
            &path,
            &frame.pixels,
            frame.width,
            frame.height,
            image::ColorType::Rgba8,
        )
        .expect("golden written");
        return;
    }
    let golden = image::open(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with GGP_BLESS=1 to create it", path.display()))
        .to_rgba8();
    assert_eq!(
        (golden.width(), golden.height()),
        (frame.width, frame.height),
        "{name}: size"
    );
    let differing = golden
        .as_raw()
        .chunks_exact(4)
        .zip(frame.pixels.chunks_exact(4))
        .filter(|(want, got)| {
            want.iter()
                .zip(got.iter())
                .any(|(w, g)| w.abs_diff(*g) > CHANNEL_TOLERANCE)
        })
        .count();
    let share = differing as f64 / f64::from(frame.width * frame.height);
    if share > MAX_DIFFERING_SHARE {
        let actual = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{}.actual.png", name.replace('/', "_")));
        image::save_buffer(
            &actual,
            &frame.pixels,
            frame.width,
            frame.height,
            image::ColorType::Rgba8,
        )
        .expect("actual written");
        panic!(
            "{name}: {differing} pixels ({:.2}%) differ from {}; this render is at {}",
            share * 100.0,
            path.display(),
            actual.display()
        );
    }
}
