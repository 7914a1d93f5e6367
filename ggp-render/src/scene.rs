//! What to draw: a frame size, a background and layers in z-order (first is at the back).

use crate::{CardLayer, Color, Group, ImageLayer, ShapeLayer, TextLayer, VideoLayer};

/// An axis-aligned box in pixels, origin at the frame's top-left corner, y down.
///
/// ```
/// use ggp_render::Rect;
/// let r = Rect::new(10.0, 20.0, 100.0, 50.0);
/// assert_eq!(r.right(), 110.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// A box from its top-left corner and size.
    pub const fn new(x: f32, y: f32, width: f32, height: f32) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// The right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// The smallest box holding both.
    pub(crate) fn union(&self, other: &Rect) -> Rect {
        let (x0, y0) = (self.x.min(other.x), self.y.min(other.y));
        let (x1, y1) = (
            self.right().max(other.right()),
            self.bottom().max(other.bottom()),
        );
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// The overlap of both, or `None` when they do not overlap.
    pub(crate) fn intersect(&self, other: &Rect) -> Option<Rect> {
        let (x0, y0) = (self.x.max(other.x), self.y.max(other.y));
        let (x1, y1) = (
            self.right().min(other.right()),
            self.bottom().min(other.bottom()),
        );
        (x1 > x0 && y1 > y0).then(|| Rect::new(x0, y0, x1 - x0, y1 - y0))
    }

    /// The box grown by `by` on every side.
    pub(crate) fn grow(&self, by: f32) -> Rect {
        Rect::new(
            self.x - by,
            self.y - by,
            self.width + 2.0 * by,
            self.height + 2.0 * by,
        )
    }
}

/// One thing drawn in a [`Scene`].
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    /// A rounded rectangle with fill, border, shadow and opacity.
    Shape(ShapeLayer),
    /// A run of text in a box.
    Text(TextLayer),
    /// Layers moved, faded, clipped and blended as one.
    Group(Group),
    /// A playing card, face or back.
    Card(CardLayer),
    /// A picture: PNG, JPEG, SVG or caller pixels.
    Image(ImageLayer),
    /// A caller-fed video frame.
    Video(VideoLayer),
}

impl From<ImageLayer> for Layer {
    fn from(image: ImageLayer) -> Self {
        Layer::Image(image)
    }
}

impl From<VideoLayer> for Layer {
    fn from(video: VideoLayer) -> Self {
        Layer::Video(video)
    }
}

impl From<Group> for Layer {
    fn from(group: Group) -> Self {
        Layer::Group(group)
    }
}

impl From<CardLayer> for Layer {
    fn from(card: CardLayer) -> Self {
        Layer::Card(card)
    }
}

impl Layer {
    /// Multiplies the layer's opacity by `factor` (a group's opacity for a group).
    ///
    /// ```
    /// use ggp_render::{Color, Fill, Layer, Rect, ShapeLayer};
    /// let mut layer: Layer = ShapeLayer::new(Rect::new(0.0, 0.0, 4.0, 4.0), Fill::Solid(Color::WHITE)).into();
    /// layer.multiply_opacity(0.5);
    /// assert!(matches!(layer, Layer::Shape(s) if s.opacity == 0.5));
    /// ```
    pub fn multiply_opacity(&mut self, factor: f32) {
        match self {
            Layer::Shape(shape) => shape.opacity *= factor,
            Layer::Text(text) => text.opacity *= factor,
            Layer::Group(group) => group.opacity *= factor,
            Layer::Card(card) => card.opacity *= factor,
            Layer::Image(image) => image.opacity *= factor,
            Layer::Video(video) => video.opacity *= factor,
        }
    }
}

impl From<ShapeLayer> for Layer {
    fn from(shape: ShapeLayer) -> Self {
        Layer::Shape(shape)
    }
}

impl From<TextLayer> for Layer {
    fn from(text: TextLayer) -> Self {
        Layer::Text(text)
    }
}

/// A frame's worth of layers; later layers are drawn over earlier ones.
///
/// ```
/// use ggp_render::{Color, Fill, Rect, Scene, ShapeLayer};
/// let mut scene = Scene::new(320, 180).with_background(Color::BLACK);
/// scene.push(ShapeLayer::new(Rect::new(10.0, 10.0, 100.0, 40.0), Fill::Solid(Color::WHITE)));
/// assert_eq!(scene.layers().len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    width: u32,
    height: u32,
    background: Color,
    layers: Vec<Layer>,
}

impl Scene {
    /// An empty, transparent scene of `width` x `height` pixels.
    pub fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            background: Color::TRANSPARENT,
            layers: Vec::new(),
        }
    }

    /// The colour the frame is cleared to before the layers.
    pub fn with_background(mut self, background: Color) -> Self {
        self.background = background;
        self
    }

    /// Adds a layer on top of the others.
    pub fn push(&mut self, layer: impl Into<Layer>) -> &mut Self {
        self.layers.push(layer.into());
        self
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The clear colour.
    pub fn background(&self) -> Color {
        self.background
    }

    /// The layers, back to front.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }
}
