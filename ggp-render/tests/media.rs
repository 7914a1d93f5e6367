//! Golden and behaviour tests for image and video layers, key/fill output, GPU texture
//! output, render on change, and the errors bad media gives.

mod common;

use std::sync::Arc;

use common::{assert_golden, near, render, renderer, scene};
use ggp_render::{
    AlphaMode, Color, Fill, Image, ImageFit, ImageLayer, ImageProblem, Rect, RenderError, Scene,
    ShapeLayer, VideoFrame, VideoLayer,
};

/// A 64x40 test card: a colour ramp, a transparent hole in the middle, a white border.
fn test_pattern(alpha_hole: bool) -> image::RgbaImage {
    image::RgbaImage::from_fn(64, 40, |x, y| {
        if x == 0 || y == 0 || x == 63 || y == 39 {
            return image::Rgba([255, 255, 255, 255]);
        }
        let dx = x as f32 - 32.0;
        let dy = y as f32 - 20.0;
        if alpha_hole && dx * dx + dy * dy < 100.0 {
            return image::Rgba([255, 0, 0, 0]);
        }
        image::Rgba([(x * 4) as u8, (y * 6) as u8, 160, 255])
    })
}

fn png_bytes() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    test_pattern(true)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png encodes");
    out.into_inner()
}

fn jpeg_bytes() -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(test_pattern(false)).into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
        .encode_image(&rgb)
        .expect("jpeg encodes");
    out
}

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">
  <circle cx="20" cy="20" r="18" fill="#f0c020" stroke="#202020" stroke-width="2"/>
  <path d="M12 22 L18 28 L29 13" fill="none" stroke="#1a7a30" stroke-width="4" stroke-linecap="round"/>
</svg>"##;

fn image_row(image: &Image) -> Scene {
    let mut s = scene();
    let fits = [ImageFit::Fill, ImageFit::Contain, ImageFit::Cover];
    for (i, fit) in fits.into_iter().enumerate() {
        let x = 10.0 + i as f32 * 104.0;
        // The box shows where the layer is; the image fills it as the fit says.
        s.push(ShapeLayer::new(
            Rect::new(x, 20.0, 96.0, 140.0),
            Fill::Solid(Color::rgb(60, 64, 72)),
        ));
        s.push(ImageLayer::new(Rect::new(x, 20.0, 96.0, 140.0), image.clone()).with_fit(fit));
    }
    s
}

#[test]
fn golden_png_image() {
    let dir = std::env::temp_dir().join(format!("ggp-render-media-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("pattern.png");
    std::fs::write(&path, png_bytes()).expect("png written");
    let image = Image::open(&path).expect("png opens");
    assert_eq!(image.size(), (64, 40));
    let frame = render(&image_row(&image));
    // The transparent hole shows the box behind (Fill stretches it to the box's middle).
    assert!(
        near(frame.pixel(58, 90), [60, 64, 72, 255], 3),
        "{:?}",
        frame.pixel(58, 90)
    );
    assert_golden("image_png", &frame);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn golden_jpeg_image() {
    let image = Image::from_bytes(&jpeg_bytes()).expect("jpeg decodes");
    let frame = render(&image_row(&image));
    assert_golden("image_jpeg", &frame);
}

#[test]
fn golden_svg_image_is_sharp_at_any_size() {
    let image = Image::from_svg(SVG.as_bytes()).expect("svg parses");
    assert!(image.is_vector());
    let mut s = scene();
    for (i, side) in [20.0, 40.0, 80.0, 150.0].into_iter().enumerate() {
        let x = 10.0 + [0.0, 30.0, 80.0, 170.0][i];
        s.push(ImageLayer::new(
            Rect::new(x, 15.0, side, side),
            image.clone(),
        ));
    }
    let frame = render(&s);
    assert_golden("image_svg", &frame);
}

#[test]
fn images_upload_once() {
    let image = Image::from_bytes(&png_bytes()).expect("png decodes");
    let mut r = renderer();
    let before = r.stats().textures_uploaded;
    let mut s = Scene::new(64, 64);
    s.push(ImageLayer::new(
        Rect::new(0.0, 0.0, 64.0, 40.0),
        image.clone(),
    ));
    r.render(&s, AlphaMode::Straight).expect("renders");
    s.push(ImageLayer::new(Rect::new(10.0, 10.0, 30.0, 30.0), image));
    r.render(&s, AlphaMode::Straight).expect("renders");
    assert_eq!(r.stats().textures_uploaded - before, 1);
}

fn video_frame(shift: u32, stride_pad: u32) -> VideoFrame {
    let (w, h) = (80u32, 45u32);
    let stride = w * 4 + stride_pad;
    let mut pixels = vec![0u8; (stride * h) as usize];
    for y in 0..h {
        for x in 0..w {
            let i = (y * stride + x * 4) as usize;
            let band = ((x + shift) / 10) % 3;
            let c = match band {
                0 => [230, 40, 40],
                1 => [40, 200, 60],
                _ => [40, 80, 230],
            };
            pixels[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
    VideoFrame::new(w, h, stride, Arc::<[u8]>::from(pixels), AlphaMode::Straight)
        .expect("valid frame")
}

#[test]
fn golden_video_layer() {
    let mut s = scene();
    s.push(VideoLayer::new(
        Rect::new(20.0, 20.0, 280.0, 140.0),
        7,
        video_frame(0, 16),
    ));
    let frame = render(&s);
    assert_golden("video", &frame);
}

#[test]
fn video_texture_is_reused_while_the_size_holds() {
    let mut r = renderer();
    let before = r.stats();
    for shift in 0..5 {
        let mut s = Scene::new(160, 90);
        s.push(
            VideoLayer::new(
                Rect::new(0.0, 0.0, 160.0, 90.0),
                42,
                video_frame(shift * 10, 0),
            )
            .with_fit(ImageFit::Fill),
        );
        let frame = r.render(&s, AlphaMode::Straight).expect("renders");
        // The first band's colour moves with the shift: the new frame was uploaded.
        let expect = match shift % 3 {
            0 => [230, 40, 40, 255],
            1 => [40, 200, 60, 255],
            _ => [40, 80, 230, 255],
        };
        assert!(
            near(frame.pixel(8, 45), expect, 4),
            "shift {shift}: {:?}",
            frame.pixel(8, 45)
        );
    }
    let after = r.stats();
    assert_eq!(
        after.video_textures_allocated - before.video_textures_allocated,
        1
    );
    assert_eq!(
        after.video_frames_uploaded - before.video_frames_uploaded,
        5
    );
}

#[test]
fn golden_key_fill_pair() {
    let mut s = Scene::new(320, 180);
    s.push(
        ShapeLayer::new(
            Rect::new(20.0, 40.0, 180.0, 100.0),
            Fill::Solid(Color::rgb(230, 120, 20)),
        )
        .with_corner_radius(20.0),
    );
    s.push(
        ShapeLayer::new(
            Rect::new(140.0, 60.0, 160.0, 80.0),
            Fill::Solid(Color::rgb(20, 120, 230)),
        )
        .with_opacity(0.5),
    );
    let (key, fill) = renderer().render_key_fill(&s).expect("renders");
    assert_eq!(key.pixel(5, 5), [0, 0, 0, 255]);
    assert_eq!(fill.pixel(5, 5), [0, 0, 0, 255]);
    assert_eq!(key.pixel(60, 90), [255, 255, 255, 255]);
    let half = key.pixel(280, 100);
    assert!(near(half, [128, 128, 128, 255], 1), "{half:?}");
    assert!(
        near(fill.pixel(280, 100), [20, 120, 230, 255], 3),
        "{:?}",
        fill.pixel(280, 100)
    );
    assert_golden("key", &key);
    assert_golden("fill", &fill);
}

#[test]
fn unchanged_scenes_are_not_drawn_again() {
    let mut s = Scene::new(64, 64);
    s.push(ShapeLayer::new(
        Rect::new(8.0, 8.0, 48.0, 48.0),
        Fill::Solid(Color::rgb(200, 10, 10)),
    ));
    let mut r = renderer();
    let first = r.render(&s, AlphaMode::Straight).expect("renders");
    let drawn = r.stats().frames_drawn;
    let again = r.render(&s.clone(), AlphaMode::Straight).expect("renders");
    assert_eq!(first, again);
    let third = r.render(&s, AlphaMode::Straight).expect("renders");
    assert_eq!(first, third);
    assert_eq!(r.stats().frames_drawn, drawn, "the same scene is reused");
    let premultiplied = r.render(&s, AlphaMode::Premultiplied).expect("renders");
    assert_eq!(premultiplied.alpha, AlphaMode::Premultiplied);
    s.push(ShapeLayer::new(
        Rect::new(0.0, 0.0, 4.0, 4.0),
        Fill::Solid(Color::WHITE),
    ));
    r.render(&s, AlphaMode::Straight).expect("renders");
    assert_eq!(
        r.stats().frames_drawn,
        drawn + 1,
        "a changed scene is drawn"
    );
}

#[test]
fn texture_output_matches_the_read_back_frame() {
    let mut s = Scene::new(64, 32);
    s.push(ShapeLayer::new(
        Rect::new(0.0, 0.0, 32.0, 32.0),
        Fill::Solid(Color::rgb(10, 200, 30)),
    ));
    let mut r = renderer();
    let texture = r.render_to_texture(&s).expect("renders");
    assert_eq!((texture.width(), texture.height()), (64, 32));
    assert_eq!(texture.format(), wgpu::TextureFormat::Rgba8Unorm);
    // Into a caller's texture made on the renderer's device.
    let mine = r.device().create_texture(&wgpu::TextureDescriptor {
        label: Some("caller"),
        size: wgpu::Extent3d {
            width: 64,
            height: 32,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: wgpu::TextureFormat::Rgba8Unorm,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
        view_formats: &[],
    });
    let view = mine.create_view(&wgpu::TextureViewDescriptor::default());
    r.render_into(&s, &view)
        .expect("renders into the caller's texture");
    // A texture of the wrong format is a GPU error, not a panic.
    let wrong = r.device().create_texture(&wgpu::TextureDescriptor {
        label: Some("wrong"),
        size: wgpu::Extent3d {
            width: 64,
            height: 32,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: wgpu::TextureFormat::Bgra8Unorm,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
        view_formats: &[],
    });
    let wrong_view = wrong.create_view(&wgpu::TextureViewDescriptor::default());
    assert!(matches!(
        r.render_into(&s, &wrong_view),
        Err(RenderError::Gpu { .. })
    ));
    let frame = r.render(&s, AlphaMode::Straight).expect("renders");
    assert_eq!(frame.pixel(4, 4), [10, 200, 30, 255]);
}

#[test]
fn bad_media_gives_clear_errors() {
    let missing = Image::open("/no/such/dir/photo.jpg").expect_err("missing");
    assert!(matches!(
        missing,
        RenderError::Image {
            kind: ImageProblem::Unreadable,
            ..
        }
    ));
    assert!(
        missing.to_string().contains("/no/such/dir/photo.jpg"),
        "{missing}"
    );

    let mut png = png_bytes();
    png.truncate(png.len() / 2);
    let corrupt = Image::from_bytes(&png).expect_err("truncated png");
    assert!(
        matches!(
            corrupt,
            RenderError::Image {
                kind: ImageProblem::Corrupt,
                ..
            }
        ),
        "{corrupt}"
    );

    let bad_svg = Image::from_svg(b"<svg xmlns='http://www.w3.org/2000/svg' width='10'><g></svg>")
        .expect_err("bad svg");
    assert!(
        matches!(
            bad_svg,
            RenderError::Image {
                kind: ImageProblem::Corrupt,
                ..
            }
        ),
        "{bad_svg}"
    );

    let zero_svg =
        Image::from_svg(b"<svg xmlns='http://www.w3.org/2000/svg' width='0' height='10'/>");
    assert!(zero_svg.is_err());

    let text = Image::from_bytes(b"hello, not an image").expect_err("text");
    assert!(
        matches!(
            text,
            RenderError::Image {
                kind: ImageProblem::UnsupportedFormat,
                ..
            }
        ),
        "{text}"
    );

    assert!(VideoFrame::new(0, 10, 0, Vec::new(), AlphaMode::Straight).is_err());
    assert!(VideoFrame::new(10, 10, 40, vec![0u8; 399], AlphaMode::Straight).is_err());
    assert!(VideoFrame::new(10, 10, 42, vec![0u8; 1000], AlphaMode::Straight).is_err());
    assert!(VideoFrame::new(100_000, 1, 400_000, vec![0u8; 400_000], AlphaMode::Straight).is_err());

    // Zero-sized and off-frame layers draw nothing rather than fail.
    let image = Image::from_bytes(&png_bytes()).expect("png");
    let mut s = Scene::new(32, 32);
    s.push(ImageLayer::new(
        Rect::new(0.0, 0.0, 0.0, 10.0),
        image.clone(),
    ));
    s.push(ImageLayer::new(Rect::new(1e9, 1e9, 1e9, 1e9), image));
    let frame = renderer().render(&s, AlphaMode::Straight).expect("renders");
    assert!(frame.pixels.iter().all(|&b| b == 0));
}
