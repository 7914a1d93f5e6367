//! Groups: layers that move, fade, clip and blend together.

use crate::{Layer, Rect, Transform};

/// How a group's pixels combine with what is already drawn below it.
///
/// All modes work on premultiplied colour, following the W3C compositing formulas, so a
/// half-transparent group blends as much as it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlendMode {
    /// Source over: the group covers what is below by its alpha.
    #[default]
    Normal,
    /// Colours add up (light effects, glows); clamped at white.
    Add,
    /// Colours multiply (shading); white leaves the backdrop unchanged.
    Multiply,
    /// Inverse of multiply of inverses (highlights); black leaves the backdrop unchanged.
    Screen,
}

/// A clipping mask: a group's layers show only inside this rounded rectangle.
///
/// The rectangle is in the group's own coordinates (it moves with the group's transform) and
/// its edge is anti-aliased.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clip {
    /// The visible box.
    pub rect: Rect,
    /// Corner radius in pixels, clamped to half the shorter side.
    pub corner_radius: f32,
}

impl Clip {
    /// A sharp-cornered clip.
    pub const fn rect(rect: Rect) -> Self {
        Self {
            rect,
            corner_radius: 0.0,
        }
    }

    /// A clip with rounded corners.
    pub const fn rounded(rect: Rect, corner_radius: f32) -> Self {
        Self {
            rect,
            corner_radius,
        }
    }
}

/// Layers drawn as one: a transform, an opacity, a clip and a blend mode apply to them all.
///
/// A group with no clip, normal blending and a transform that only moves or scales evenly
/// is drawn straight into its parent, as fast as its layers alone, when its opacity is 1 or
/// its children paint apart from each other (then each child takes the opacity). Any other
/// group is first drawn offscreen and then composited, so that overlapping children fade as
/// one picture (their overlap does not show through) and blend modes see the whole group.
///
/// ```
/// use ggp_render::{BlendMode, Clip, Color, Fill, Group, Rect, ShapeLayer, Transform};
/// let badge = Group::new(vec![
///     ShapeLayer::new(Rect::new(0.0, 0.0, 80.0, 30.0), Fill::Solid(Color::WHITE)).into(),
/// ])
/// .with_transform(Transform::rotate_degrees(-8.0).about(40.0, 15.0).then(Transform::translate(100.0, 50.0)))
/// .with_opacity(0.8)
/// .with_clip(Clip::rounded(Rect::new(0.0, 0.0, 80.0, 30.0), 8.0))
/// .with_blend(BlendMode::Screen);
/// assert_eq!(badge.layers.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The children, back to front, in the group's own coordinates.
    pub layers: Vec<Layer>,
    /// Maps the group's coordinates into its parent's.
    pub transform: Transform,
    /// 0.0 (invisible) to 1.0; applies to the group as one picture.
    pub opacity: f32,
    /// Optional mask, in the group's coordinates.
    pub clip: Option<Clip>,
    /// How the group combines with what is below it.
    pub blend: BlendMode,
}

impl Group {
    /// An untransformed, opaque, unclipped group with normal blending.
    pub fn new(layers: Vec<Layer>) -> Self {
        Self {
            layers,
            transform: Transform::IDENTITY,
            opacity: 1.0,
            clip: None,
            blend: BlendMode::Normal,
        }
    }

    /// Adds a layer on top of the others.
    pub fn push(&mut self, layer: impl Into<Layer>) -> &mut Self {
        self.layers.push(layer.into());
        self
    }

    /// Sets the transform.
    pub fn with_transform(mut self, transform: Transform) -> Self {
        self.transform = transform;
        self
    }

    /// Sets the opacity (clamped to 0.0-1.0 when drawn).
    pub fn with_opacity(mut self, opacity: f32) -> Self {
        self.opacity = opacity;
        self
    }

    /// Sets the clipping mask.
    pub fn with_clip(mut self, clip: Clip) -> Self {
        self.clip = Some(clip);
        self
    }

    /// Sets the blend mode.
    pub fn with_blend(mut self, blend: BlendMode) -> Self {
        self.blend = blend;
        self
    }
}
