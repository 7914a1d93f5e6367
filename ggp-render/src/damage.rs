//! Damage: which parts of a frame differ between two scenes, so that only those parts are
//! drawn again over the kept frame.
//!
//! Layers both scenes share, in the same order, are matched; the layers left over (changed,
//! added or gone) are the damage. A pixel outside every leftover layer's bounds is covered
//! by the same layers in the same order in both scenes, so it is the same pixel: redrawing
//! the damage over the kept frame gives the frame a full redraw would.

use crate::compose::layer_bounds;
use crate::{Layer, Rect, Scene};

/// How far ahead the diff looks for a layer that moved in the list (inserted or removed
/// neighbours); beyond it the layer counts as changed, which is safe, only slower.
const LOOKAHEAD: usize = 24;
/// Pixels added around every damaged box: anti-aliasing and glyph overhang.
const MARGIN_PX: f32 = 2.0;
/// Boxes closer than this are drawn as one: a pass has a fixed cost.
const JOIN_GAP_PX: i64 = 24;
/// Most boxes drawn separately in a frame.
const MAX_BOXES: usize = 6;

/// A box of whole pixels inside the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PixelBox {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

impl PixelBox {
    pub(crate) fn area(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }

    fn right(&self) -> i64 {
        i64::from(self.x) + i64::from(self.width)
    }

    fn bottom(&self) -> i64 {
        i64::from(self.y) + i64::from(self.height)
    }

    fn union(&self, other: &PixelBox) -> PixelBox {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        PixelBox {
            x,
            y,
            width: (self.right().max(other.right()) - i64::from(x)) as u32,
            height: (self.bottom().max(other.bottom()) - i64::from(y)) as u32,
        }
    }

    /// True when the boxes overlap or lie within `gap` pixels of each other.
    fn near(&self, other: &PixelBox, gap: i64) -> bool {
        i64::from(self.x) <= other.right() + gap
            && i64::from(other.x) <= self.right() + gap
            && i64::from(self.y) <= other.bottom() + gap
            && i64::from(other.y) <= self.bottom() + gap
    }
}

/// The boxes to redraw to turn `old` into `new`; `None` when the whole frame must be drawn
/// (a different size or background). An empty list means the frames are the same.
pub(crate) fn damage(old: &Scene, new: &Scene) -> Option<Vec<PixelBox>> {
    if (old.width(), old.height(), old.background())
        != (new.width(), new.height(), new.background())
    {
        return None;
    }
    let mut changed: Vec<Rect> = Vec::new();
    let (a, b) = (old.layers(), new.layers());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        // Inserted layers: `a[i]` comes again a little later in `b`.
        if let Some(k) = find(&a[i], &b[j..]) {
            changed.extend(b[j..j + k].iter().filter_map(layer_bounds));
            j += k;
            continue;
        }
        // Removed layers: `b[j]` comes again a little later in `a`.
        if let Some(k) = find(&b[j], &a[i..]) {
            changed.extend(a[i..i + k].iter().filter_map(layer_bounds));
            i += k;
            continue;
        }
        changed.extend(layer_bounds(&a[i]));
        changed.extend(layer_bounds(&b[j]));
        i += 1;
        j += 1;
    }
    changed.extend(a[i..].iter().filter_map(layer_bounds));
    changed.extend(b[j..].iter().filter_map(layer_bounds));
    let boxes = changed
        .iter()
        .filter_map(|rect| pixel_box(rect, new.width(), new.height()))
        .collect();
    Some(join(boxes))
}

fn find(layer: &Layer, within: &[Layer]) -> Option<usize> {
    within.iter().take(LOOKAHEAD).position(|l| l == layer)
}

/// The whole pixels `rect` touches, grown by the margin and cut to the frame.
fn pixel_box(rect: &Rect, width: u32, height: u32) -> Option<PixelBox> {
    let grown = rect.grow(MARGIN_PX);
    let clamp = |v: f32, max: u32| v.clamp(0.0, max as f32) as u32;
    let x0 = clamp(grown.x.floor(), width);
    let y0 = clamp(grown.y.floor(), height);
    let x1 = clamp(grown.right().ceil(), width);
    let y1 = clamp(grown.bottom().ceil(), height);
    (x1 > x0 && y1 > y0).then(|| PixelBox {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    })
}

/// Merges boxes that overlap or nearly touch, and the cheapest pairs while too many are
/// left, until no two are near each other.
fn join(mut boxes: Vec<PixelBox>) -> Vec<PixelBox> {
    loop {
        if let Some((i, k)) = near_pair(&boxes) {
            let other = boxes.swap_remove(k);
            boxes[i] = boxes[i].union(&other);
            continue;
        }
        if boxes.len() <= MAX_BOXES {
            return boxes;
        }
        // Join the pair whose union adds the least area.
        let mut best = (0, 1, u64::MAX);
        for i in 0..boxes.len() {
            for k in i + 1..boxes.len() {
                let cost = boxes[i]
                    .union(&boxes[k])
                    .area()
                    .saturating_sub(boxes[i].area() + boxes[k].area());
                if cost < best.2 {
                    best = (i, k, cost);
                }
            }
        }
        let other = boxes.swap_remove(best.1);
        boxes[best.0] = boxes[best.0].union(&other);
    }
}

/// Two boxes (first index smaller) that overlap or nearly touch.
fn near_pair(boxes: &[PixelBox]) -> Option<(usize, usize)> {
    (0..boxes.len()).find_map(|i| {
        (i + 1..boxes.len())
            .find(|k| boxes[i].near(&boxes[*k], JOIN_GAP_PX))
            .map(|k| (i, k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Color, Fill, ShapeLayer, TextLayer};

    fn square(x: f32, y: f32) -> ShapeLayer {
        ShapeLayer::new(Rect::new(x, y, 10.0, 10.0), Fill::Solid(Color::WHITE))
    }

    fn scene(layers: Vec<Layer>) -> Scene {
        let mut scene = Scene::new(400, 200);
        for layer in layers {
            scene.push(layer);
        }
        scene
    }

    #[test]
    fn the_same_scene_has_no_damage() {
        let s = scene(vec![square(0.0, 0.0).into(), square(50.0, 0.0).into()]);
        assert_eq!(damage(&s, &s.clone()), Some(vec![]));
    }

    #[test]
    fn a_changed_layer_damages_its_old_and_new_boxes() {
        let old = scene(vec![square(0.0, 0.0).into(), square(100.0, 100.0).into()]);
        let new = scene(vec![square(0.0, 0.0).into(), square(300.0, 100.0).into()]);
        let boxes = damage(&old, &new).expect("same size");
        assert_eq!(boxes.len(), 2);
        assert!(boxes.iter().any(|b| b.x <= 97 && b.right() >= 113));
        assert!(boxes.iter().any(|b| b.x <= 297 && b.right() >= 313));
        assert!(boxes.iter().all(|b| b.y <= 97 && b.bottom() >= 113));
    }

    #[test]
    fn inserted_and_removed_layers_leave_the_rest_matched() {
        let text = TextLayer::new("A", Rect::new(200.0, 0.0, 40.0, 20.0), 12.0, Color::WHITE);
        let old = scene(vec![
            square(0.0, 0.0).into(),
            square(50.0, 0.0).into(),
            square(100.0, 0.0).into(),
        ]);
        let new = scene(vec![
            square(0.0, 0.0).into(),
            text.into(),
            square(50.0, 0.0).into(),
        ]);
        let boxes = damage(&old, &new).expect("same size");
        // The text appeared and the last square went; the middle square is untouched.
        assert_eq!(boxes.len(), 2, "{boxes:?}");
        assert!(boxes.iter().all(|b| b.x > 60));
    }

    #[test]
    fn a_new_size_or_background_is_a_full_redraw() {
        let s = scene(vec![]);
        assert_eq!(damage(&s, &Scene::new(400, 201)), None);
        assert_eq!(
            damage(&s, &Scene::new(400, 200).with_background(Color::BLACK)),
            None
        );
    }

    #[test]
    fn many_boxes_are_joined_to_a_few() {
        let old = scene(
            (0..20)
                .map(|i| square(i as f32 * 19.0, 0.0).into())
                .collect(),
        );
        let new = scene(
            (0..20)
                .map(|i| square(i as f32 * 19.0, 150.0 + (i % 3) as f32 * 30.0).into())
                .collect(),
        );
        let boxes = damage(&old, &new).expect("same size");
        assert!(boxes.len() <= MAX_BOXES);
        for (i, b) in boxes.iter().enumerate() {
            for c in &boxes[i + 1..] {
                assert!(!b.near(c, 0), "{b:?} overlaps {c:?}");
            }
        }
    }
}
