//! Laying a skin out for a frame size and a view: regions placed by their anchors and
//! scaled from the layout's reference size, repeated regions filled from the view, and
//! each visible element turned into layers ("instances") that the overlay animates.

use super::SkinError;
use super::binding::{Ctx, Repeat};
use super::model::{
    CardSource, Condition, Element, ElementKind, Layout, Paint, Region, Skin, Template,
    TemplatePart, TextStyle,
};
use super::view::{CardFace, OverlaySeat, OverlayView};
use std::collections::HashMap;

use crate::{
    Border, CardLayer, CardStyle, Clip, Color, Fill, FlatCardStyle, FontWeight, Group, Image,
    ImageFit, ImageLayer, Layer, Rect, Shadow, ShapeLayer, TextAlign, TextLayer, Transition,
};

/// One element in one slot, ready to draw: what the overlay animates as a unit.
#[derive(Debug, Clone)]
pub(crate) struct Instance {
    /// Identity across frames: element id, slot, and content where a change of content
    /// is a new appearance.
    pub key: String,
    /// The enclosing group's instance, whose transition applies too.
    pub parent: Option<String>,
    /// Drawing order: element index, slot, card.
    pub order: (usize, usize, usize),
    /// The layers as designed.
    pub layers: Vec<Layer>,
    /// What a flip shows for its first half (a card's back).
    pub back: Option<Vec<Layer>>,
    /// The box transitions scale and slide.
    pub pivot: Rect,
    /// Played when it appears.
    pub enter: Option<Transition>,
    /// Played when it goes.
    pub exit: Option<Transition>,
    /// For a bar: its fill, which the overlay slides from value to value.
    pub bar: Option<BarFill>,
    /// For scrolling text: its speed in pixels a second (the overlay places the copies).
    pub scroll: Option<f32>,
}

/// A bar's filled part, redrawn at the value a tween has reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BarFill {
    /// The value the view gives, 0..1.
    pub share: f32,
    /// The whole bar.
    pub rect: Rect,
    pub color: Color,
    pub radius_px: f32,
    pub opacity: f32,
    /// Seconds a change takes.
    pub tween_s: f32,
}

impl BarFill {
    /// The filled part at `share`; none when empty.
    pub(crate) fn layer(&self, share: f32) -> Option<Layer> {
        let share = share.clamp(0.0, 1.0);
        (share > 0.0).then(|| {
            let rect = self.rect;
            let filled = Rect::new(rect.x, rect.y, rect.width * share, rect.height);
            let mut layer: Layer = ShapeLayer::new(filled, Fill::Solid(self.color))
                .with_corner_radius(self.radius_px.min(filled.width / 2.0))
                .into();
            layer.multiply_opacity(self.opacity);
            layer
        })
    }
}

/// A placed slot of a region and what its bindings read.
struct Slot<'a> {
    origin: [f32; 2],
    key: String,
    seat: Option<&'a OverlaySeat>,
    side_pot: Option<(usize, &'a ggp_core::view::PotView)>,
    index: usize,
    dim: Option<f32>,
    /// The slot's size as a share of the region's (below 1 where slots must shrink to fit).
    scale: f32,
}

/// Lays `skin` out over a `width` x `height` frame for `view`, with the players' `photos`
/// by name.
pub(crate) fn build(
    skin: &Skin,
    view: &OverlayView,
    width: u32,
    height: u32,
    photos: &HashMap<String, Image>,
) -> Result<Vec<Instance>, SkinError> {
    let seats = view.seats.len();
    let hole_cards = view.hole_card_count();
    let layout = skin
        .layouts
        .iter()
        .find(|l| l.matches(width, height, seats, hole_cards))
        .ok_or_else(|| SkinError::NoLayout {
            file: skin.file.clone(),
            width,
            height,
            seats,
            hole_cards,
        })?;
    let (w, h) = (width as f32, height as f32);
    let scale = (w / layout.reference[0]).min(h / layout.reference[1]);
    let mut builder = Builder {
        skin,
        view,
        layout,
        frame: [w, h],
        scale,
        photos,
        out: Vec::new(),
    };
    for (index, element) in skin.elements.iter().enumerate() {
        builder.element(index, element);
    }
    Ok(builder.out)
}

struct Builder<'a> {
    skin: &'a Skin,
    view: &'a OverlayView,
    layout: &'a Layout,
    frame: [f32; 2],
    scale: f32,
    photos: &'a HashMap<String, Image>,
    out: Vec<Instance>,
}

impl<'a> Builder<'a> {
    fn ctx(&self, slot: &Slot<'a>) -> Ctx<'a> {
        Ctx {
            view: self.view,
            skin: self.skin,
            seat: slot.seat,
            side_pot: slot.side_pot,
            slot: slot.index,
        }
    }

    fn holds(&self, conditions: &[Condition], ctx: &Ctx<'_>) -> bool {
        conditions.iter().all(|c| ctx.flag(c.flag) != c.negated)
    }

    /// The slots of a region: one, or one per repeated item, placed on the frame.
    fn slots(&self, region: &Region) -> Vec<Slot<'a>> {
        let view = self.view;
        let mut items: Vec<Slot<'a>> = match region.repeat {
            None => vec![Slot {
                origin: [0.0, 0.0],
                key: String::new(),
                seat: None,
                side_pot: None,
                index: 0,
                dim: None,
                scale: 1.0,
            }],
            Some(Repeat::Seats) => view.seats.iter().map(|s| seat_slot(s)).collect(),
            Some(Repeat::Leaderboard) => view.leaderboard().into_iter().map(seat_slot).collect(),
            Some(Repeat::SidePots) => view
                .side_pots()
                .iter()
                .enumerate()
                .map(|(i, pot)| Slot {
                    origin: [0.0, 0.0],
                    key: format!("s{i}"),
                    seat: None,
                    side_pot: Some((i, pot)),
                    index: 0,
                    dim: None,
                    scale: 1.0,
                })
                .collect(),
        };
        if let Some(max) = region.max {
            items.truncate(max);
        }
        let n = items.len().max(1) as f32;
        let (step, slot_scale) = fit_span(region, n);
        let size = region.size.map(|side| side * slot_scale);
        let full = [
            size[0] + step[0].abs() * (n - 1.0),
            size[1] + step[1].abs() * (n - 1.0),
        ];
        let s = self.scale;
        let top_left = [0, 1].map(|i| {
            self.frame[i] * region.anchor[i] + region.at[i] * s - region.anchor[i] * full[i] * s
        });
        for (i, slot) in items.iter_mut().enumerate() {
            slot.index = i;
            slot.scale = slot_scale;
            slot.origin = [0, 1].map(|k| {
                // A negative step stacks from the far end of the box towards the anchor.
                let base = if step[k] < 0.0 {
                    top_left[k] + (full[k] - size[k]) * s
                } else {
                    top_left[k]
                };
                base + step[k] * i as f32 * s
            });
            let ctx = self.ctx(slot);
            if let Some(dim) = region.dim_when
                && self.holds(&[dim], &ctx)
            {
                slot.dim = Some(region.dim_opacity);
            }
        }
        items
    }

    fn px(&self, origin: [f32; 2], rect: Rect) -> Rect {
        let s = self.scale;
        Rect::new(
            origin[0] + rect.x * s,
            origin[1] + rect.y * s,
            rect.width * s,
            rect.height * s,
        )
    }

    fn rect_of(&self, element: &Element) -> Rect {
        self.layout
            .rects
            .get(&element.id)
            .copied()
            .unwrap_or(element.rect)
    }

    fn element(&mut self, index: usize, element: &'a Element) {
        // A group's children sit in its box and share its conditions.
        let parent = element
            .group
            .as_ref()
            .and_then(|g| self.skin.elements.iter().find(|e| &e.id == g));
        let region_name = parent.map_or(element.region.as_str(), |p| p.region.as_str());
        let Some(region) = self.layout.regions.get(region_name) else {
            return;
        };
        let mut rect = self.rect_of(element);
        if let Some(parent) = parent {
            let base = self.rect_of(parent);
            rect.x += base.x;
            rect.y += base.y;
        }
        let region_scale = self.scale;
        for slot in self.slots(region) {
            // Everything in a shrunk slot (boxes, text, radii) shrinks with it.
            self.scale = region_scale * slot.scale;
            let ctx = self.ctx(&slot);
            if let Some(parent) = parent
                && !self.holds(&parent.when, &ctx)
            {
                continue;
            }
            if !self.holds(&element.when, &ctx) {
                continue;
            }
            let pivot = self.px(slot.origin, rect);
            let opacity = element.opacity * slot.dim.unwrap_or(1.0);
            let base_key = format!("{}#{}", element.id, slot.key);
            let parent_key = parent.map(|p| format!("{}#{}", p.id, slot.key));
            if let ElementKind::Cards {
                source,
                slots,
                gap,
                show_empty,
            } = &element.kind
            {
                let faces: Vec<CardFace> = match source {
                    CardSource::Hole => slot.seat.map(|s| s.cards.clone()).unwrap_or_default(),
                    CardSource::Board => self.view.board.iter().map(|c| CardFace::Up(*c)).collect(),
                };
                let count = slots.unwrap_or(faces.len()).max(faces.len());
                for (i, card_rect) in card_slots(pivot, count, gap * self.scale)
                    .into_iter()
                    .enumerate()
                {
                    let face = faces.get(i).copied();
                    if face.is_none() && !show_empty {
                        continue;
                    }
                    let mut layers = match face {
                        Some(face) => card_layers(self.skin, face, card_rect),
                        None => empty_slot(card_rect),
                    };
                    let mut back = matches!(face, Some(CardFace::Up(_)))
                        .then(|| card_layers(self.skin, CardFace::Down, card_rect));
                    fade(&mut layers, opacity);
                    if let Some(back) = back.as_mut() {
                        fade(back, opacity);
                    }
                    let content = match face {
                        Some(CardFace::Up(card)) => card.to_string(),
                        Some(CardFace::Down) => "down".to_owned(),
                        None => "empty".to_owned(),
                    };
                    self.out.push(Instance {
                        key: format!("{base_key}#{i}:{content}"),
                        parent: parent_key.clone(),
                        order: (index, slot.index, i),
                        layers,
                        back,
                        pivot: card_rect,
                        enter: if face.is_some() { element.enter } else { None },
                        exit: element.exit,
                        bar: None,
                        scroll: None,
                    });
                }
                continue;
            }
            let mut content = String::new();
            let mut layers = self.layers(element, &ctx, pivot, &mut content);
            if layers.is_empty() && element.kind != ElementKind::Group {
                continue;
            }
            fade(&mut layers, opacity);
            let bar = match &element.kind {
                ElementKind::Bar {
                    value,
                    fill,
                    radius,
                    tween_s,
                    ..
                } => Some(BarFill {
                    share: ctx.share(*value),
                    rect: pivot,
                    color: self.paint(fill, &ctx),
                    radius_px: radius * self.scale,
                    opacity,
                    tween_s: *tween_s,
                }),
                _ => None,
            };
            let scroll = match &element.kind {
                ElementKind::Text(style) if style.scroll > 0.0 => Some(style.scroll * self.scale),
                _ => None,
            };
            let key = if element.keyed_by_content() {
                format!("{base_key}:{content}")
            } else {
                base_key
            };
            self.out.push(Instance {
                key,
                parent: parent_key,
                order: (index, slot.index, 0),
                layers,
                back: None,
                pivot,
                enter: element.enter,
                exit: element.exit,
                bar,
                scroll,
            });
        }
        self.scale = region_scale;
    }

    fn paint(&self, paint: &Paint, ctx: &Ctx<'_>) -> Color {
        match paint {
            Paint::Fixed(color) => *color,
            Paint::Dynamic { name, fallback } => self
                .skin
                .colors
                .get(&render(name, ctx))
                .copied()
                .unwrap_or(*fallback),
        }
    }

    fn text_layer(&self, style: &TextStyle, text: String, rect: Rect, ctx: &Ctx<'_>) -> TextLayer {
        let text = if style.upper {
            text.to_uppercase()
        } else {
            text
        };
        let mut layer = TextLayer::new(
            text,
            rect,
            style.size * self.scale,
            self.paint(&style.color, ctx),
        )
        .with_align(style.align)
        .with_vertical_align(style.valign)
        .with_weight(style.weight)
        .with_fit_to_width(style.fit);
        if let Some(family) = style.font.as_ref().or(self.skin.font.as_ref()) {
            layer = layer.with_family(family.clone());
        }
        layer
    }

    /// The layers of a non-card element; `content` receives what keys a badge.
    fn layers(
        &self,
        element: &Element,
        ctx: &Ctx<'_>,
        rect: Rect,
        content: &mut String,
    ) -> Vec<Layer> {
        let s = self.scale;
        match &element.kind {
            ElementKind::Panel {
                fill,
                fill_to,
                angle_deg,
                radius,
                border,
                shadow,
            } => {
                let from = self.paint(fill, ctx);
                let fill = match fill_to {
                    Some(to) => Fill::LinearGradient {
                        from,
                        to: self.paint(to, ctx),
                        angle_deg: *angle_deg,
                    },
                    None => Fill::Solid(from),
                };
                let mut shape = ShapeLayer::new(rect, fill).with_corner_radius(radius * s);
                if let Some((width, color)) = border {
                    shape = shape.with_border(Border {
                        width: width * s,
                        color: self.paint(color, ctx),
                    });
                }
                if let Some((offset, blur, color)) = shadow {
                    shape = shape.with_shadow(Shadow {
                        offset_x: offset[0] * s,
                        offset_y: offset[1] * s,
                        blur_radius: blur * s,
                        color: self.paint(color, ctx),
                    });
                }
                vec![shape.into()]
            }
            ElementKind::Text(style) => {
                let text = render(&style.text, ctx);
                if text.trim().is_empty() {
                    return Vec::new();
                }
                vec![self.text_layer(style, text, rect, ctx).into()]
            }
            ElementKind::Badge {
                text: style,
                fill,
                radius,
            } => {
                let text = render(&style.text, ctx);
                if text.trim().is_empty() {
                    return Vec::new();
                }
                content.clone_from(&text);
                // The panel hugs the text: an estimate of the bold caps' width, capped by the box.
                let em = if style.weight == FontWeight::Bold {
                    0.70
                } else {
                    0.62
                };
                let pad = rect.height * 0.45;
                let width =
                    (text.chars().count() as f32 * style.size * s * em + 2.0 * pad).min(rect.width);
                let x = match style.align {
                    TextAlign::Left => rect.x,
                    TextAlign::Center => rect.x + (rect.width - width) / 2.0,
                    TextAlign::Right => rect.right() - width,
                };
                let panel = Rect::new(x, rect.y, width, rect.height);
                let inner = Rect::new(x + pad * 0.5, rect.y, width - pad, rect.height);
                let mut centred = style.clone();
                centred.align = TextAlign::Center;
                vec![
                    ShapeLayer::new(panel, Fill::Solid(self.paint(fill, ctx)))
                        .with_corner_radius(radius * s)
                        .into(),
                    self.text_layer(&centred, text, inner, ctx).into(),
                ]
            }
            ElementKind::Bar {
                value,
                fill,
                track,
                radius,
                ..
            } => {
                let share = ctx.share(*value);
                *content = format!("{share:.4}");
                let filled = BarFill {
                    share,
                    rect,
                    color: self.paint(fill, ctx),
                    radius_px: radius * s,
                    opacity: 1.0,
                    tween_s: 0.0,
                };
                let track = ShapeLayer::new(rect, Fill::Solid(self.paint(track, ctx)))
                    .with_corner_radius(radius * s)
                    .into();
                std::iter::once(track).chain(filled.layer(share)).collect()
            }
            ElementKind::Image {
                picture: Some(picture),
                ..
            } => vec![
                ImageLayer::new(rect, picture.clone())
                    .with_fit(ImageFit::Cover)
                    .into(),
            ],
            ElementKind::Image {
                fill,
                color,
                radius,
                ..
            } => {
                // A seat's photo, cover-fitted in the rounded box, or the player's initials
                // on the skin's colour.
                let mut layers: Vec<Layer> = vec![
                    ShapeLayer::new(rect, Fill::Solid(self.paint(fill, ctx)))
                        .with_corner_radius(radius * s)
                        .into(),
                ];
                if let Some(photo) = ctx.seat.and_then(|seat| self.photos.get(&seat.name)) {
                    let picture = ImageLayer::new(rect, photo.clone()).with_fit(ImageFit::Cover);
                    layers.push(
                        Group::new(vec![picture.into()])
                            .with_clip(Clip::rounded(rect, radius * s))
                            .into(),
                    );
                    return layers;
                }
                let initials = ctx.text(super::binding::Binding::SeatInitials);
                if !initials.is_empty() {
                    layers.push(
                        TextLayer::new(initials, rect, rect.height * 0.42, self.paint(color, ctx))
                            .with_align(TextAlign::Center)
                            .with_weight(FontWeight::Bold)
                            .into(),
                    );
                }
                layers
            }
            ElementKind::Group | ElementKind::Cards { .. } => Vec::new(),
        }
    }
}

fn seat_slot(seat: &OverlaySeat) -> Slot<'_> {
    Slot {
        origin: [0.0, 0.0],
        key: format!("p{}", seat.player),
        seat: Some(seat),
        side_pot: None,
        index: 0,
        dim: None,
        scale: 1.0,
    }
}

/// The least room between slots, in reference units, before slots shrink instead.
const MIN_SLOT_GAP: f32 = 2.0;

/// The step between `n` slots of `region`, and the scale of each slot, so that all fit its
/// span: the step shrinks first, down to the slot's size plus [`MIN_SLOT_GAP`] (or to the
/// skin's own step, if that is tighter), then the slots shrink too, so that they never
/// overlap.
fn fit_span(region: &Region, n: f32) -> ([f32; 2], f32) {
    let Some(span) = region.span else {
        return (region.step, 1.0);
    };
    let mut step = region.step;
    let mut scale = 1.0f32;
    for ((along_step, size), designed) in step.iter_mut().zip(region.size).zip(region.step) {
        let along = designed.abs();
        if n <= 1.0 || along == 0.0 || size + along * (n - 1.0) <= span {
            continue;
        }
        let shrunk = (span - size).max(0.0) / (n - 1.0);
        let tightest = along.min(size + MIN_SLOT_GAP);
        if shrunk >= tightest {
            *along_step = designed.signum() * shrunk;
        } else {
            // Slots and gaps shrink together until they fill the span exactly.
            let k = span / (size + tightest * (n - 1.0));
            scale = scale.min(k);
            *along_step = designed.signum() * tightest * k;
        }
    }
    (step, scale)
}

/// A template's text for a context.
pub(crate) fn render(template: &Template, ctx: &Ctx<'_>) -> String {
    let mut out = String::new();
    for part in &template.parts {
        match part {
            TemplatePart::Literal(text) => out.push_str(text),
            TemplatePart::Binding(binding) => out.push_str(&ctx.text(*binding)),
        }
    }
    out
}

/// Multiplies each layer's own opacity: cheaper than a faded group, which is drawn
/// offscreen, and the same where layers do not overlap.
fn fade(layers: &mut [Layer], opacity: f32) {
    if opacity >= 1.0 {
        return;
    }
    for layer in layers {
        layer.multiply_opacity(opacity);
    }
}

/// `count` card boxes in `area`, poker-card shaped (5:7), centred, `gap` apart.
fn card_slots(area: Rect, count: usize, gap: f32) -> Vec<Rect> {
    if count == 0 {
        return Vec::new();
    }
    let n = count as f32;
    let fit_width = (area.width - gap * (n - 1.0)) / n;
    let card_w = fit_width.min(area.height * 5.0 / 7.0).max(0.0);
    let card_h = (card_w * 7.0 / 5.0).min(area.height);
    let total = card_w * n + gap * (n - 1.0);
    let x0 = area.x + (area.width - total) / 2.0;
    let y = area.y + (area.height - card_h) / 2.0;
    (0..count)
        .map(|i| Rect::new(x0 + i as f32 * (card_w + gap), y, card_w, card_h))
        .collect()
}

fn color_or(skin: &Skin, name: &str, default: Color) -> Color {
    skin.colors.get(name).copied().unwrap_or(default)
}

/// A card, face or back, in the flat broadcast style coloured from the skin's palette.
pub(crate) fn card_layers(skin: &Skin, face: CardFace, rect: Rect) -> Vec<Layer> {
    let base = FlatCardStyle::default();
    // The four-colour deck broadcasts use, so that suits read at a glance on small cards.
    let style = FlatCardStyle {
        four_color: true,
        face: color_or(skin, "card_face", base.face),
        black: color_or(skin, "suit_spades", base.black),
        red: color_or(skin, "suit_hearts", base.red),
        blue: color_or(skin, "suit_diamonds", base.blue),
        green: color_or(skin, "suit_clubs", base.green),
        back_from: color_or(skin, "card_back", base.back_from),
        back_to: color_or(skin, "card_back_to", base.back_to),
        ..base
    };
    let face = match face {
        CardFace::Up(card) => crate::CardFace::Up(card),
        CardFace::Down => crate::CardFace::Back,
    };
    vec![
        CardLayer::new(rect, face)
            .with_style(CardStyle::Flat(style))
            .into(),
    ]
}

fn empty_slot(rect: Rect) -> Vec<Layer> {
    vec![
        ShapeLayer::new(rect, Fill::Solid(Color::rgba(255, 255, 255, 14)))
            .with_corner_radius(rect.width * 0.09)
            .with_border(Border {
                width: (rect.width * 0.02).max(1.0),
                color: Color::rgba(255, 255, 255, 46),
            })
            .into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_slots_keep_the_card_shape_and_centre() {
        let slots = card_slots(Rect::new(0.0, 0.0, 500.0, 140.0), 5, 10.0);
        assert_eq!(slots.len(), 5);
        assert!((slots[0].height / slots[0].width - 1.4).abs() < 1e-3);
        let left = slots[0].x;
        let right = 500.0 - slots[4].right();
        assert!((left - right).abs() < 1e-3);
        let narrow = card_slots(Rect::new(0.0, 0.0, 100.0, 140.0), 4, 4.0);
        assert!(narrow.iter().all(|r| r.right() <= 100.001 && r.x >= 0.0));
        assert!(card_slots(Rect::new(0.0, 0.0, 100.0, 140.0), 0, 4.0).is_empty());
    }
}
