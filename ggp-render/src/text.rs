//! Text layers, the bundled DejaVu Sans fonts, and glyphon shaping and drawing.

use std::collections::HashMap;
use std::sync::Arc;

use glyphon::{
    Attrs, Buffer, Cache, ColorMode, Family, FontSystem, Metrics, Resolution, Shaping, SwashCache,
    TextArea, TextAtlas, TextBounds, TextRenderer, Viewport, Weight, Wrap, cosmic_text::Align,
    fontdb,
};

use crate::{Color, Rect, RenderError, Transform};

/// The family name of the bundled font, used when a layer names none.
pub const DEFAULT_FAMILY: &str = "DejaVu Sans";

const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// Line height as a multiple of the font size.
const LINE_HEIGHT: f32 = 1.2;
/// Fitting never shrinks text below this size in pixels.
const MIN_FIT_SIZE_PX: f32 = 4.0;

/// Horizontal placement of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TextAlign {
    /// Flush with the box's left edge.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush with the box's right edge.
    Right,
}

/// Vertical placement of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VerticalAlign {
    /// Against the top edge.
    Top,
    /// Centred.
    #[default]
    Middle,
    /// Against the bottom edge.
    Bottom,
}

/// Font weight of a text layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FontWeight {
    /// Regular (400).
    #[default]
    Regular,
    /// Bold (700).
    Bold,
}

/// Text drawn inside a box; glyphs outside the box are clipped.
///
/// ```
/// use ggp_render::{Color, Rect, TextAlign, TextLayer};
/// let name = TextLayer::new("A♠ K♥", Rect::new(10.0, 10.0, 120.0, 30.0), 24.0, Color::WHITE)
///     .with_align(TextAlign::Center)
///     .with_fit_to_width(true);
/// assert!(name.fit_to_width);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TextLayer {
    /// The text; `\n` starts a new line.
    pub text: String,
    /// The box the text is placed in and clipped to.
    pub rect: Rect,
    /// Font size in pixels.
    pub size_px: f32,
    /// Text colour.
    pub color: Color,
    /// Font family; `None` is the bundled [`DEFAULT_FAMILY`].
    pub family: Option<String>,
    /// Regular or bold.
    pub weight: FontWeight,
    /// Horizontal placement.
    pub align: TextAlign,
    /// Vertical placement.
    pub vertical_align: VerticalAlign,
    /// Shrink the size until the widest line fits the box width.
    pub fit_to_width: bool,
    /// 0.0 (invisible) to 1.0; multiplies the colour's alpha.
    pub opacity: f32,
}

impl TextLayer {
    /// Left-aligned, vertically centred, regular text in the bundled font.
    pub fn new(text: impl Into<String>, rect: Rect, size_px: f32, color: Color) -> Self {
        Self {
            text: text.into(),
            rect,
            size_px,
            color,
            family: None,
            weight: FontWeight::Regular,
            align: TextAlign::Left,
            vertical_align: VerticalAlign::Middle,
            fit_to_width: false,
            opacity: 1.0,
        }
    }

    /// Sets the horizontal alignment.
    pub fn with_align(mut self, align: TextAlign) -> Self {
        self.align = align;
        self
    }

    /// Sets the vertical alignment.
    pub fn with_vertical_align(mut self, vertical_align: VerticalAlign) -> Self {
        self.vertical_align = vertical_align;
        self
    }

    /// Sets the weight.
    pub fn with_weight(mut self, weight: FontWeight) -> Self {
        self.weight = weight;
        self
    }

    /// Uses a family loaded with [`crate::Renderer::load_font`].
    pub fn with_family(mut self, family: impl Into<String>) -> Self {
        self.family = Some(family.into());
        self
    }

    /// Shrinks the text to the box width when `fit_to_width` is true.
    pub fn with_fit_to_width(mut self, fit_to_width: bool) -> Self {
        self.fit_to_width = fit_to_width;
        self
    }

    /// Sets the opacity.
    pub fn with_opacity(mut self, opacity: f32) -> Self {
        self.opacity = opacity;
        self
    }
}

/// A text layer and where it lands in the target: moved and evenly scaled by `placement`.
#[derive(Debug, Clone)]
pub(crate) struct PlacedText {
    pub(crate) layer: TextLayer,
    pub(crate) placement: Transform,
}

/// Layouts unused for this many frames are dropped from the cache.
const LAYOUT_KEEP_FRAMES: u64 = 120;

/// What a layout depends on: text, font, alignment, size and the width it is fitted to.
/// Position, colour and opacity are not part of it, so a moving or fading label keeps its
/// layout, and only text that changes is shaped again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct LayoutKey {
    text: String,
    family: Option<String>,
    weight: FontWeight,
    align: TextAlign,
    size_bits: u32,
    fit_width_bits: Option<u32>,
}

impl LayoutKey {
    fn of(layer: &TextLayer) -> Self {
        Self {
            text: layer.text.clone(),
            family: layer.family.clone(),
            weight: layer.weight,
            align: layer.align,
            size_bits: layer.size_px.to_bits(),
            fit_width_bits: layer.fit_to_width.then(|| layer.rect.width.to_bits()),
        }
    }
}

/// Shaped text: the buffer glyphon draws, its widest line and its height.
struct Layout {
    buffer: Buffer,
    width: f32,
    height: f32,
    last_used: u64,
}

/// Where a laid-out text layer is drawn, and in which colour.
struct Position {
    left: f32,
    top: f32,
    scale: f32,
    bounds: TextBounds,
    color: glyphon::Color,
}

/// Fonts, shaping caches, the glyph atlas and one glyphon renderer per text batch.
pub(crate) struct TextEngine {
    font_system: FontSystem,
    swash: SwashCache,
    atlas: TextAtlas,
    viewport: Viewport,
    renderers: Vec<TextRenderer>,
    layouts: HashMap<LayoutKey, Layout>,
    frame: u64,
}

impl std::fmt::Debug for TextEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextEngine")
            .field("batches", &self.renderers.len())
            .finish_non_exhaustive()
    }
}

/// Loads font bytes into `db`, returning the family names of the faces found.
fn load_into(db: &mut fontdb::Database, bytes: Vec<u8>) -> Result<Vec<String>, RenderError> {
    let len = bytes.len();
    let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
    let mut families: Vec<String> = ids
        .iter()
        .filter_map(|id| db.face(*id))
        .filter_map(|face| face.families.first().map(|(name, _)| name.clone()))
        .collect();
    families.dedup();
    if families.is_empty() {
        return Err(RenderError::InvalidFont { bytes: len });
    }
    Ok(families)
}

impl TextEngine {
    pub(crate) fn new(
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        format: wgpu::TextureFormat,
    ) -> Result<Self, RenderError> {
        // An empty database: a bare machine has no system fonts, and frames must not depend on them.
        let mut db = fontdb::Database::new();
        load_into(&mut db, DEJAVU_SANS.to_vec())?;
        load_into(&mut db, DEJAVU_SANS_BOLD.to_vec())?;
        db.set_sans_serif_family(DEFAULT_FAMILY);
        let font_system = FontSystem::new_with_locale_and_db("en-US".to_owned(), db);
        let cache = Cache::new(device);
        let atlas = TextAtlas::with_color_mode(device, queue, &cache, format, ColorMode::Web);
        let viewport = Viewport::new(device, &cache);
        Ok(Self {
            font_system,
            swash: SwashCache::new(),
            atlas,
            viewport,
            renderers: Vec::new(),
            layouts: HashMap::new(),
            frame: 0,
        })
    }

    /// Adds the faces in `bytes`; returns their family names.
    pub(crate) fn load_font(&mut self, bytes: Vec<u8>) -> Result<Vec<String>, RenderError> {
        // A new face can change which font a family name resolves to.
        self.layouts.clear();
        load_into(self.font_system.db_mut(), bytes)
    }

    /// Shapes every batch and uploads its glyphs; batch `i` is drawn by [`Self::draw`]`(i)`.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        size: (u32, u32),
        batches: &[Vec<PlacedText>],
    ) -> Result<(), RenderError> {
        self.viewport.update(
            queue,
            Resolution {
                width: size.0,
                height: size.1,
            },
        );
        while self.renderers.len() < batches.len() {
            let renderer = TextRenderer::new(
                &mut self.atlas,
                device,
                wgpu::MultisampleState::default(),
                None,
            );
            self.renderers.push(renderer);
        }
        let frame = self.frame;
        for (batch, renderer) in batches.iter().zip(&mut self.renderers) {
            let mut placed: Vec<(LayoutKey, Position)> = Vec::with_capacity(batch.len());
            for text in batch {
                let key = LayoutKey::of(&text.layer);
                let layout = self
                    .layouts
                    .entry(key.clone())
                    .or_insert_with(|| layout(&mut self.font_system, &text.layer));
                layout.last_used = frame;
                placed.push((key, position(&text.layer, layout, &text.placement)));
            }
            let layouts = &self.layouts;
            let areas = placed.iter().filter_map(|(key, p)| {
                layouts.get(key).map(|layout| TextArea {
                    buffer: &layout.buffer,
                    left: p.left,
                    top: p.top,
                    scale: p.scale,
                    bounds: p.bounds,
                    default_color: p.color,
                    custom_glyphs: &[],
                })
            });
            renderer
                .prepare(
                    device,
                    queue,
                    &mut self.font_system,
                    &mut self.atlas,
                    &self.viewport,
                    areas,
                    &mut self.swash,
                )
                .map_err(|e| RenderError::Text {
                    reason: e.to_string(),
                })?;
        }
        Ok(())
    }

    /// The width of `layer`'s widest line as it is drawn (after fitting), in pixels; the
    /// layout is kept for drawing it.
    pub(crate) fn measure(&mut self, layer: &TextLayer) -> f32 {
        let frame = self.frame;
        let layout = self
            .layouts
            .entry(LayoutKey::of(layer))
            .or_insert_with(|| layout(&mut self.font_system, layer));
        layout.last_used = frame;
        layout.width
    }

    /// Draws batch `index` prepared by the last [`Self::prepare`].
    pub(crate) fn draw(
        &self,
        pass: &mut wgpu::RenderPass<'_>,
        index: usize,
    ) -> Result<(), RenderError> {
        match self.renderers.get(index) {
            Some(renderer) => renderer
                .render(&self.atlas, &self.viewport, pass)
                .map_err(|e| RenderError::Text {
                    reason: e.to_string(),
                }),
            None => Ok(()),
        }
    }

    /// Frees atlas space held by glyphs the last frame did not use, and layouts not used
    /// for a while.
    pub(crate) fn trim(&mut self) {
        self.atlas.trim();
        let frame = self.frame;
        self.layouts
            .retain(|_, l| frame.saturating_sub(l.last_used) <= LAYOUT_KEEP_FRAMES);
        self.frame += 1;
    }
}

/// Shapes one line set at `size_px`; returns the buffer, its widest line and its height.
fn shape(font_system: &mut FontSystem, layer: &TextLayer, size_px: f32) -> (Buffer, f32, f32) {
    let mut buffer = Buffer::new(font_system, Metrics::new(size_px, size_px * LINE_HEIGHT));
    buffer.set_wrap(Wrap::None);
    buffer.set_size(None, None);
    let family = match &layer.family {
        Some(name) => Family::Name(name),
        None => Family::Name(DEFAULT_FAMILY),
    };
    let weight = match layer.weight {
        FontWeight::Regular => Weight::NORMAL,
        FontWeight::Bold => Weight::BOLD,
    };
    let align = match layer.align {
        TextAlign::Left => Align::Left,
        TextAlign::Center => Align::Center,
        TextAlign::Right => Align::Right,
    };
    let attrs = Attrs::new().family(family).weight(weight);
    buffer.set_text(&layer.text, &attrs, Shaping::Advanced, Some(align));
    buffer.shape_until_scroll(font_system, false);
    let (mut width, mut lines) = (0.0f32, 0usize);
    for run in buffer.layout_runs() {
        width = width.max(run.line_w);
        lines += 1;
    }
    let height = lines as f32 * size_px * LINE_HEIGHT;
    (buffer, width, height)
}

/// Shapes a layer, shrinking it to its box's width when it asks to be fitted.
fn layout(font_system: &mut FontSystem, layer: &TextLayer) -> Layout {
    let rect = layer.rect;
    let mut size_px = layer.size_px.max(1.0);
    let (mut buffer, mut width, mut height) = shape(font_system, layer, size_px);
    if layer.fit_to_width {
        // Hinting and kerning make width not quite linear in size, so re-measure a few times.
        for _ in 0..6 {
            if width <= rect.width || size_px <= MIN_FIT_SIZE_PX {
                break;
            }
            size_px = (size_px * rect.width / width * 0.995).max(MIN_FIT_SIZE_PX);
            (buffer, width, height) = shape(font_system, layer, size_px);
        }
    }
    Layout {
        buffer,
        width,
        height,
        last_used: 0,
    }
}

/// Places a laid-out layer in its box: alignment, clip bounds and colour, in target pixels.
fn position(layer: &TextLayer, layout: &Layout, placement: &Transform) -> Position {
    let rect = layer.rect;
    let left = rect.x
        + match layer.align {
            TextAlign::Left => 0.0,
            TextAlign::Center => (rect.width - layout.width) / 2.0,
            TextAlign::Right => rect.width - layout.width,
        };
    let top = rect.y
        + match layer.vertical_align {
            VerticalAlign::Top => 0.0,
            VerticalAlign::Middle => (rect.height - layout.height) / 2.0,
            VerticalAlign::Bottom => rect.height - layout.height,
        };
    let (left, top) = placement.apply(left, top);
    let target = placement.bounds_of(rect);
    let bounds = TextBounds {
        left: target.x.floor() as i32,
        top: target.y.floor() as i32,
        right: target.right().ceil() as i32,
        bottom: target.bottom().ceil() as i32,
    };
    let alpha = (f32::from(layer.color.a) * layer.opacity.clamp(0.0, 1.0)).round() as u8;
    let color = glyphon::Color::rgba(layer.color.r, layer.color.g, layer.color.b, alpha);
    Position {
        left,
        top,
        scale: placement.a,
        bounds,
        color,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font_system() -> FontSystem {
        let mut db = fontdb::Database::new();
        load_into(&mut db, DEJAVU_SANS.to_vec()).expect("bundled font loads");
        FontSystem::new_with_locale_and_db("en-US".to_owned(), db)
    }

    #[test]
    fn layouts_ignore_position_and_colour() {
        let a = TextLayer::new(
            "12,500",
            Rect::new(0.0, 0.0, 100.0, 40.0),
            20.0,
            Color::WHITE,
        );
        let moved = TextLayer {
            rect: Rect::new(50.0, 60.0, 100.0, 40.0),
            color: Color::BLACK,
            opacity: 0.5,
            ..a.clone()
        };
        assert_eq!(LayoutKey::of(&a), LayoutKey::of(&moved));
        let changed = TextLayer::new("12,600", a.rect, 20.0, Color::WHITE);
        assert_ne!(LayoutKey::of(&a), LayoutKey::of(&changed));
        // Fitted text depends on its box's width.
        let fitted = a.clone().with_fit_to_width(true);
        let narrower = TextLayer {
            rect: Rect::new(0.0, 0.0, 90.0, 40.0),
            ..fitted.clone()
        };
        assert_ne!(LayoutKey::of(&fitted), LayoutKey::of(&narrower));
    }

    #[test]
    fn bundled_font_is_dejavu_sans() {
        let mut db = fontdb::Database::new();
        assert_eq!(
            load_into(&mut db, DEJAVU_SANS_BOLD.to_vec()).expect("loads"),
            vec![DEFAULT_FAMILY]
        );
    }

    #[test]
    fn garbage_is_not_a_font() {
        let mut db = fontdb::Database::new();
        let err = load_into(&mut db, b"not a font at all".to_vec());
        assert!(matches!(err, Err(RenderError::InvalidFont { bytes: 17 })));
    }

    #[test]
    fn fit_to_width_shrinks_until_it_fits() {
        let mut fs = font_system();
        let layer = TextLayer::new(
            "A very long player name ♠♥♦♣",
            Rect::new(0.0, 0.0, 100.0, 40.0),
            40.0,
            Color::WHITE,
        )
        .with_fit_to_width(true);
        let placed = layout(&mut fs, &layer);
        let widest = placed
            .buffer
            .layout_runs()
            .map(|r| r.line_w)
            .fold(0.0, f32::max);
        assert!(widest <= 100.0, "widest line {widest}");
        assert!(placed.buffer.metrics().font_size < 40.0);
    }

    #[test]
    fn short_text_keeps_its_size_and_centres() {
        let mut fs = font_system();
        let layer = TextLayer::new("K", Rect::new(0.0, 0.0, 200.0, 40.0), 20.0, Color::WHITE)
            .with_fit_to_width(true)
            .with_align(TextAlign::Center);
        let laid_out = layout(&mut fs, &layer);
        assert_eq!(laid_out.buffer.metrics().font_size, 20.0);
        let placed = position(&layer, &laid_out, &Transform::IDENTITY);
        assert!(
            placed.left > 80.0 && placed.left < 100.0,
            "left {}",
            placed.left
        );
        // Moved and doubled by a group, the text keeps its place in the box.
        let moved = position(
            &layer,
            &laid_out,
            &Transform::scale(2.0, 2.0).then(Transform::translate(10.0, 0.0)),
        );
        assert!((moved.left - (placed.left * 2.0 + 10.0)).abs() < 1e-3);
        assert_eq!(moved.scale, 2.0);
    }
}
