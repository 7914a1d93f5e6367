//! # ggp-render
//!
//! The GPU compositor (wgpu): layers and text drawn offscreen into RGBA8 frames, the
//! foundation that templates, animation and skins build on. It reads views, never hands.
//!
//! - [`Renderer`] finds an adapter (a GPU, or lavapipe/llvmpipe on the CPU), draws a
//!   [`Scene`] at 16x16 to 4096x4096 and reads the [`Frame`] back, premultiplied or straight.
//! - [`ShapeLayer`]: rounded rectangles with solid or gradient fill, border, soft shadow and
//!   opacity, all drawn by one signed-distance-field shader with anti-aliased edges.
//! - [`TextLayer`]: text shaped by glyphon/cosmic-text in the bundled DejaVu Sans (which has
//!   the suit symbols ♠♥♦♣), aligned in a box and optionally shrunk to fit its width.
//! - [`Group`]: layers moved by a [`Transform`] (translate, scale, rotate, composed), faded
//!   as one by an opacity, masked by a rounded [`Clip`] and combined by a [`BlendMode`]
//!   (normal, add, multiply, screen, on premultiplied colour). Plain groups draw directly;
//!   the others are drawn offscreen and composited.
//! - [`CardLayer`]: a card face or back, flat (drawn from rank and suit, two- or
//!   four-colour) or from the bundled public-domain SVG deck, rasterised once per card and
//!   pixel size and cached as a texture.
//! - [`ImageLayer`]: an [`Image`] from PNG/JPEG bytes or a file, from SVG (rasterised at the
//!   drawn size) or from caller RGBA, fitted by [`ImageFit`] (fill, contain, cover), decoded
//!   and uploaded once.
//! - [`VideoLayer`]: a caller-fed [`VideoFrame`] (width, height, stride, bytes) written each
//!   frame into one texture per feed, reallocated only when the size changes.
//!
//! Frames come back as RGBA ([`Renderer::render`]) or stay on the GPU
//! ([`Renderer::render_to_texture`], [`Renderer::render_into`]), or as a key and fill pair
//! for a hardware keyer ([`Renderer::render_key_fill`]); an unchanged scene is not drawn
//! twice.
//!
//! Backends: Vulkan and GL everywhere wgpu supports them, plus Metal on Apple platforms and
//! DX12 on Windows (see `Cargo.toml`). The tests run on Mesa's lavapipe (Vulkan on the CPU).
//!
//! ```no_run
//! use ggp_render::*;
//! let mut renderer = Renderer::new(RendererOptions::default())?;
//! let mut scene = Scene::new(1920, 1080);
//! scene.push(ShapeLayer::new(Rect::new(40.0, 900.0, 600.0, 120.0), Fill::LinearGradient {
//!     from: Color::rgb(20, 20, 60), to: Color::rgb(60, 20, 90), angle_deg: 0.0,
//! }).with_corner_radius(16.0));
//! scene.push(TextLayer::new("A♠ A♥", Rect::new(40.0, 900.0, 600.0, 120.0), 64.0, Color::WHITE)
//!     .with_align(TextAlign::Center));
//! let frame = renderer.render(&scene, AlphaMode::Premultiplied)?;
//! assert_eq!((frame.width, frame.height), (1920, 1080));
//! # Ok::<(), RenderError>(())
//! ```

mod animation;
mod card;
mod color;
mod compose;
mod damage;
mod deck;
mod device;
mod error;
mod format;
mod frame;
mod group;
mod image;
mod quad;
mod renderer;
mod scene;
mod shapes;
pub mod skin;
mod text;
mod textures;
mod transform;
mod video;

pub use animation::{
    Animatable, Appearance, Direction, Easing, Keyframe, Reveal, Timestamp, Track, Transition,
    TransitionKind,
};
pub use card::{CardFace, CardLayer, CardStyle, DeckId, FlatCardStyle};
pub use color::Color;
pub use device::{AdapterChoice, RendererOptions};
pub use error::{ImageProblem, RenderError};
pub use format::{NumberFormat, NumberLocale, SymbolPosition};
pub use frame::{AlphaMode, Frame};
pub use group::{BlendMode, Clip, Group};
pub use image::{Image, ImageFit, ImageLayer, MAX_IMAGE_SIDE};
pub use renderer::{MAX_FRAME_SIDE, MIN_FRAME_SIDE, RenderStats, Renderer};
pub use scene::{Layer, Rect, Scene};
pub use shapes::{Border, Fill, Shadow, ShapeLayer};
pub use text::{DEFAULT_FAMILY, FontWeight, TextAlign, TextLayer, VerticalAlign};
pub use transform::Transform;
pub use video::{VideoFrame, VideoLayer};
