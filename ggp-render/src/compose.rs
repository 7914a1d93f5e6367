//! Planning a frame: walks the layer tree and turns it into render passes, one per
//! offscreen group (children before parents) and the main pass last.

use crate::card::flat_card;
use crate::image::fit_rect;
use crate::quad::{QuadInstance, QuadPipeline};
use crate::shapes::ShapeInstance;
use crate::text::PlacedText;
use crate::textures::{TextureCache, TextureKey};
use crate::{
    AlphaMode, BlendMode, CardLayer, CardStyle, Group, ImageLayer, Layer, Rect, RenderError,
    Transform, VideoLayer,
};

/// Transparent pixels around an offscreen group, so that a rotated composite samples
/// transparency at its edge and comes out anti-aliased.
const OFFSCREEN_PAD_PX: f32 = 2.0;
/// Offscreen textures are allocated in steps of this many pixels, so that a group whose
/// size animates reuses its texture instead of allocating one every frame.
const OFFSCREEN_STEP_PX: u32 = 32;
/// Card rasters are cached in steps of this many pixels for the same reason.
const RASTER_STEP_PX: u32 = 8;
/// Largest side a card raster is made at; bigger cards are drawn from it scaled up.
const MAX_RASTER_SIDE: u32 = 2048;

/// Where a textured quad samples from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuadSource {
    /// The texture of an offscreen pass of this frame.
    Offscreen(usize),
    /// A cached texture.
    Cached(TextureKey),
}

/// One drawing step of a pass, in back-to-front order.
#[derive(Debug)]
pub(crate) enum Item {
    Shape(ShapeInstance),
    Text(PlacedText),
    Quad {
        instance: QuadInstance,
        source: QuadSource,
        blend: BlendMode,
    },
}

/// Which texture a pass draws into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PassTarget {
    /// The frame itself.
    Main,
    /// Offscreen texture number `n` of this frame.
    Offscreen(usize),
}

/// Everything drawn into one target, in order.
#[derive(Debug)]
pub(crate) struct Pass {
    pub(crate) target: PassTarget,
    pub(crate) size: (u32, u32),
    pub(crate) items: Vec<Item>,
}

/// What a frame needs: offscreen texture sizes and the passes, dependencies first.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) offscreen_sizes: Vec<(u32, u32)>,
    pub(crate) passes: Vec<Pass>,
}

/// Walks layers, uploading any card or image texture they need on the way.
pub(crate) struct Planner<'a> {
    pub(crate) device: &'a wgpu::Device,
    pub(crate) queue: &'a wgpu::Queue,
    pub(crate) textures: &'a mut TextureCache,
    pub(crate) quads: &'a QuadPipeline,
    pub(crate) max_side: u32,
    pub(crate) plan: Plan,
}

impl Planner<'_> {
    /// Plans `layers`, moved by `place`, as the main pass of a `size` target (the frame,
    /// or a patch of it drawn with the frame's origin moved).
    pub(crate) fn plan_frame<'l>(
        mut self,
        layers: impl IntoIterator<Item = &'l Layer>,
        place: Transform,
        size: (u32, u32),
    ) -> Result<Plan, RenderError> {
        let mut items = Vec::new();
        for layer in layers {
            self.plan_layers(std::slice::from_ref(layer), &place, size, &mut items)?;
        }
        self.plan.passes.push(Pass {
            target: PassTarget::Main,
            size,
            items,
        });
        Ok(self.plan)
    }

    /// Appends the items for `layers` drawn through `place` (a move and even scale) into a
    /// target of `target_size`.
    fn plan_layers(
        &mut self,
        layers: &[Layer],
        place: &Transform,
        target_size: (u32, u32),
        out: &mut Vec<Item>,
    ) -> Result<(), RenderError> {
        for layer in layers {
            match layer {
                Layer::Shape(shape) => out.push(Item::Shape(ShapeInstance::placed(shape, place))),
                Layer::Text(text) => out.push(Item::Text(PlacedText {
                    layer: text.clone(),
                    placement: *place,
                })),
                Layer::Group(group) => self.plan_group(group, place, target_size, out)?,
                Layer::Card(card) => self.plan_card(card, place, target_size, out)?,
                Layer::Image(image) => self.plan_image(image, place, out)?,
                Layer::Video(video) => self.plan_video(video, place, out),
            }
        }
        Ok(())
    }

    fn plan_card(
        &mut self,
        card: &CardLayer,
        place: &Transform,
        target_size: (u32, u32),
        out: &mut Vec<Item>,
    ) -> Result<(), RenderError> {
        match card.style {
            CardStyle::Flat(style) => {
                let group = flat_card(card.rect, card.face, &style, card.opacity);
                self.plan_group(&group, place, target_size, out)
            }
            CardStyle::Deck(deck) => {
                let opacity = unit(card.opacity);
                let scale = place.a;
                let (w, h) = (card.rect.width * scale, card.rect.height * scale);
                if opacity <= 0.0 || !(w >= 1.0 && h >= 1.0) {
                    return Ok(());
                }
                let key = TextureKey::Card {
                    deck,
                    face: card.face,
                    width: raster_side(w),
                    height: raster_side(h),
                };
                self.textures
                    .ensure_card(self.device, self.queue, self.quads, key)?;
                out.push(Item::Quad {
                    instance: QuadInstance::new(
                        card.rect,
                        place,
                        [0.0, 0.0, 1.0, 1.0],
                        opacity,
                        None,
                        false,
                    ),
                    source: QuadSource::Cached(key),
                    blend: BlendMode::Normal,
                });
                Ok(())
            }
        }
    }

    fn plan_image(
        &mut self,
        layer: &ImageLayer,
        place: &Transform,
        out: &mut Vec<Item>,
    ) -> Result<(), RenderError> {
        let opacity = unit(layer.opacity);
        let (iw, ih) = layer.image.size();
        let (drawn, uv) = fit_rect(layer.rect, iw as f32, ih as f32, layer.fit);
        let scale = place.a;
        let (w, h) = (drawn.width * scale, drawn.height * scale);
        if opacity <= 0.0 || !(w >= 0.5 && h >= 0.5) {
            return Ok(());
        }
        // An SVG is rasterised whole at the pixel size it is drawn (cropped by Cover).
        let svg_size = (
            raster_side(w / (uv[2] - uv[0]).max(1e-3)),
            raster_side(h / (uv[3] - uv[1]).max(1e-3)),
        );
        let key = self.textures.ensure_image(
            self.device,
            self.queue,
            self.quads,
            &layer.image,
            svg_size,
            self.max_side,
        )?;
        out.push(Item::Quad {
            instance: QuadInstance::new(drawn, place, uv, opacity, None, false),
            source: QuadSource::Cached(key),
            blend: BlendMode::Normal,
        });
        Ok(())
    }

    fn plan_video(&mut self, layer: &VideoLayer, place: &Transform, out: &mut Vec<Item>) {
        let opacity = unit(layer.opacity);
        let frame = &layer.frame;
        let (drawn, uv) = fit_rect(
            layer.rect,
            frame.width() as f32,
            frame.height() as f32,
            layer.fit,
        );
        if opacity <= 0.0 || !(drawn.width * place.a >= 0.5 && drawn.height * place.a >= 0.5) {
            return;
        }
        let key =
            self.textures
                .ensure_video(self.device, self.queue, self.quads, layer.feed, frame);
        // Video is premultiplied in the shader: no per-frame pass over the pixels on the CPU.
        let straight = frame.alpha() == AlphaMode::Straight;
        out.push(Item::Quad {
            instance: QuadInstance::new(drawn, place, uv, opacity, None, straight),
            source: QuadSource::Cached(key),
            blend: BlendMode::Normal,
        });
    }

    fn plan_group(
        &mut self,
        group: &Group,
        place: &Transform,
        target_size: (u32, u32),
        out: &mut Vec<Item>,
    ) -> Result<(), RenderError> {
        let opacity = unit(group.opacity);
        if opacity <= 0.0 {
            return Ok(());
        }
        let to_target = group.transform.then(*place);
        let plain = group.clip.is_none()
            && group.blend == BlendMode::Normal
            && to_target.is_uniform_scale_translate();
        if plain && opacity >= 1.0 {
            return self.plan_layers(&group.layers, &to_target, target_size, out);
        }
        if plain && paint_disjoint(&group.layers) {
            // Children that paint apart from each other fade the same one by one as together.
            let faded: Vec<Layer> = group
                .layers
                .iter()
                .cloned()
                .map(|mut layer| {
                    layer.multiply_opacity(opacity);
                    layer
                })
                .collect();
            return self.plan_layers(&faded, &to_target, target_size, out);
        }

        // Only the part of the group that is both drawn and visible gets a texture.
        let Some(mut region) = bounds_of_layers(&group.layers) else {
            return Ok(());
        };
        if let Some(clip) = group.clip {
            let Some(clipped) = region.intersect(&clip.rect) else {
                return Ok(());
            };
            region = clipped;
        }
        let Some(from_target) = to_target.inverse() else {
            return Ok(());
        };
        let frame = Rect::new(0.0, 0.0, target_size.0 as f32, target_size.1 as f32);
        let uncut = region;
        let Some(mut region) = region.intersect(&from_target.bounds_of(frame)) else {
            return Ok(());
        };

        // Texture pixels per group unit: as fine as the target needs, within the size limit.
        let longest = region.width.max(region.height);
        let room = self.max_side as f32 - 2.0 * OFFSCREEN_PAD_PX - 1.0;
        let scale = to_target.max_scale().min(room / longest.max(1e-6));
        if !(scale.is_finite() && scale > 0.0) {
            return Ok(());
        }
        if region != uncut {
            // A group cut by the target's edge (a patch's, when only part of a frame is
            // redrawn) keeps the texel grid of the whole group, so that it samples the
            // same: the cut edge moves out to the grid line before it.
            let snap = |cut: f32, whole: f32| whole + ((cut - whole) * scale).floor() / scale;
            let (x, y) = (snap(region.x, uncut.x), snap(region.y, uncut.y));
            region = Rect::new(x, y, region.right() - x, region.bottom() - y);
        }
        let used_w = (region.width * scale + 2.0 * OFFSCREEN_PAD_PX).ceil();
        let used_h = (region.height * scale + 2.0 * OFFSCREEN_PAD_PX).ceil();
        let alloc = |used: f32| {
            (used as u32)
                .div_ceil(OFFSCREEN_STEP_PX)
                .saturating_mul(OFFSCREEN_STEP_PX)
                .clamp(1, self.max_side)
        };
        let size = (alloc(used_w), alloc(used_h));
        let inner = Transform::translate(-region.x, -region.y)
            .then(Transform::scale(scale, scale))
            .then(Transform::translate(OFFSCREEN_PAD_PX, OFFSCREEN_PAD_PX));
        let mut items = Vec::new();
        self.plan_layers(&group.layers, &inner, size, &mut items)?;
        let index = self.plan.offscreen_sizes.len();
        self.plan.offscreen_sizes.push(size);
        self.plan.passes.push(Pass {
            target: PassTarget::Offscreen(index),
            size,
            items,
        });

        let pad = OFFSCREEN_PAD_PX / scale;
        let quad = Rect::new(
            region.x - pad,
            region.y - pad,
            used_w / scale,
            used_h / scale,
        );
        let uv = [0.0, 0.0, used_w / size.0 as f32, used_h / size.1 as f32];
        out.push(Item::Quad {
            instance: QuadInstance::new(quad, &to_target, uv, opacity, group.clip, false),
            source: QuadSource::Offscreen(index),
            blend: group.blend,
        });
        Ok(())
    }
}

/// Most children compared pairwise when looking for a fade without an offscreen texture.
const MAX_DISJOINT_CHECK: usize = 32;

/// True when no two of `layers` may paint the same pixel.
fn paint_disjoint(layers: &[Layer]) -> bool {
    if layers.len() > MAX_DISJOINT_CHECK {
        return false;
    }
    let boxes: Vec<Rect> = layers.iter().filter_map(layer_bounds).collect();
    boxes
        .iter()
        .enumerate()
        .all(|(i, a)| boxes[i + 1..].iter().all(|b| a.intersect(b).is_none()))
}

/// An opacity clamped to 0.0-1.0, with NaN as invisible.
fn unit(opacity: f32) -> f32 {
    if opacity.is_nan() {
        0.0
    } else {
        opacity.clamp(0.0, 1.0)
    }
}

/// A raster side in pixels: rounded up to the cache step and kept within the raster limit.
fn raster_side(pixels: f32) -> u32 {
    (pixels.ceil() as u32)
        .div_ceil(RASTER_STEP_PX)
        .saturating_mul(RASTER_STEP_PX)
        .clamp(RASTER_STEP_PX, MAX_RASTER_SIDE)
}

/// The box that holds everything `layers` may paint, in their own coordinates.
pub(crate) fn bounds_of_layers(layers: &[Layer]) -> Option<Rect> {
    layers
        .iter()
        .filter_map(layer_bounds)
        .reduce(|a, b| a.union(&b))
}

pub(crate) fn layer_bounds(layer: &Layer) -> Option<Rect> {
    let rect = match layer {
        Layer::Shape(shape) => {
            let mut rect = shape.rect.grow(1.0);
            if let Some(shadow) = shape.shadow.filter(|s| s.color.a > 0) {
                let cast = Rect::new(
                    shape.rect.x + shadow.offset_x,
                    shape.rect.y + shadow.offset_y,
                    shape.rect.width,
                    shape.rect.height,
                );
                rect = rect.union(&cast.grow(shadow.blur_radius.max(0.0) + 1.0));
            }
            rect
        }
        Layer::Text(text) => text.rect,
        Layer::Card(card) => card.rect.grow(1.0),
        Layer::Image(image) => image.rect,
        Layer::Video(video) => video.rect,
        Layer::Group(group) => {
            let mut inner = bounds_of_layers(&group.layers)?;
            if let Some(clip) = group.clip {
                inner = inner.intersect(&clip.rect)?;
            }
            group.transform.bounds_of(inner)
        }
    };
    (rect.width > 0.0 && rect.height > 0.0 && rect.x.is_finite() && rect.y.is_finite())
        .then_some(rect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Clip, Color, Fill, ShapeLayer};

    fn square(x: f32, y: f32) -> Layer {
        ShapeLayer::new(Rect::new(x, y, 10.0, 10.0), Fill::Solid(Color::WHITE)).into()
    }

    #[test]
    fn bounds_cover_children_and_respect_clip_and_transform() {
        let layers = vec![square(0.0, 0.0), square(30.0, 20.0)];
        let b = bounds_of_layers(&layers).expect("bounds");
        assert_eq!((b.x, b.y, b.right(), b.bottom()), (-1.0, -1.0, 41.0, 31.0));
        let group = Group::new(layers)
            .with_clip(Clip::rect(Rect::new(0.0, 0.0, 5.0, 5.0)))
            .with_transform(Transform::translate(100.0, 0.0));
        let b = layer_bounds(&Layer::Group(group)).expect("bounds");
        assert_eq!((b.x, b.width), (100.0, 5.0));
    }

    #[test]
    fn disjoint_children_are_recognised() {
        assert!(paint_disjoint(&[square(0.0, 0.0), square(30.0, 0.0)]));
        assert!(!paint_disjoint(&[square(0.0, 0.0), square(5.0, 5.0)]));
        // Anti-aliasing reaches a pixel beyond the edge: touching squares overlap.
        assert!(!paint_disjoint(&[square(0.0, 0.0), square(10.0, 0.0)]));
    }

    #[test]
    fn raster_sides_step() {
        assert_eq!(raster_side(40.2), 48);
        assert_eq!(raster_side(0.5), 8);
        assert_eq!(raster_side(1e9), MAX_RASTER_SIDE);
    }
}
