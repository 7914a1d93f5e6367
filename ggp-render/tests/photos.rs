//! Player photos: found by name in a folder or given per player, drawn cover-fitted in the
//! seat's rounded box; a missing or corrupt file is reported once, naming the file, and
//! the seat shows its initials. Golden `tests/golden/skin/photos_720p.png`.

use ggp_core::phh::PhhHand;
use ggp_core::view::{TableInfo, TableView};
use ggp_render::skin::{Overlay, OverlayView, Skin};
use ggp_render::{AdapterChoice, AlphaMode, RenderError, Renderer, RendererOptions, Timestamp};

mod common;

fn six_max() -> OverlayView {
    let phh = PhhHand::parse(include_str!("../../examples/data/six_max.phh")).expect("parses");
    let hand = phh.replay_actions(Some(14)).expect("replays");
    let info = TableInfo {
        hand_number: 128,
        names: phh.players.clone().unwrap_or_default(),
        button: Some(5),
        level: None,
    };
    OverlayView::from(&TableView::of(&hand, &info).to_public())
}

/// A portrait PNG: a warm gradient with a dark "head" disc, so cover-fitting shows.
fn write_png(path: &std::path::Path) {
    let (w, h) = (96u32, 128u32);
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 - 48.0, y as f32 - 50.0);
            let head = dx * dx + dy * dy < 26.0 * 26.0;
            let (r, g, b) = if head {
                (60, 40, 30)
            } else {
                (200 - (y / 2) as u8, 120, 40 + (x / 2) as u8)
            };
            pixels.extend_from_slice(&[r, g, b, 255]);
        }
    }
    image::save_buffer(path, &pixels, w, h, image::ColorType::Rgba8).expect("png written");
}

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" fill="#1d4ed8"/><circle cx="32" cy="26" r="13" fill="#fde68a"/>
<rect x="12" y="44" width="40" height="24" rx="12" fill="#fde68a"/></svg>"##;

#[test]
fn photos_are_drawn_and_bad_files_reported_once() {
    let dir = std::env::temp_dir().join(format!("ggp-render-photos-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    write_png(&dir.join("maria_lindqvist.png"));
    std::fs::write(dir.join("Tom Okafor.svg"), SVG).expect("svg written");
    std::fs::write(dir.join("sofia_marchetti.jpg"), b"not a jpeg at all").expect("written");
    let missing = dir.join("no-such-kenji.png");

    let renderer = Renderer::new(RendererOptions {
        adapter: AdapterChoice::Cpu,
    })
    .expect("a CPU adapter (install mesa-vulkan-drivers)");
    let mut overlay = Overlay::new(renderer, Skin::default_skin().expect("default skin"))
        .expect("overlay")
        .with_alpha(AlphaMode::Straight);
    overlay.set_photo_dir(&dir);
    overlay.set_photo("Kenji Watanabe", &missing);

    let view = six_max();
    let frame = overlay
        .render(&view, 1280, 720, Timestamp::ZERO)
        .expect("a bad photo does not fail the frame")
        .clone();
    // Another frame with the same players reports nothing new.
    let mut later = view.clone();
    later.hand_number += 1;
    overlay
        .render(&later, 1280, 720, Timestamp::from_secs(1.0))
        .expect("renders");

    let errors: Vec<String> = overlay
        .photo_errors()
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        overlay
            .photo_errors()
            .iter()
            .all(|e| matches!(e, RenderError::Image { .. }))
    );
    assert!(
        errors.iter().any(|e| e.contains("sofia_marchetti.jpg")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("no-such-kenji.png")),
        "{errors:?}"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");

    // Maria's and Tom's photos, Sofia's and Kenji's initials.
    common::assert_golden("skin/photos_720p", &frame);
}
