//! Motion driven by the frame clock: bars sliding to a new value and scrolling text.
//!
//! Both read only the frame's timestamp, so the same frames give the same pixels.

use std::collections::{HashMap, HashSet};

use super::build::Instance;
use crate::{Clip, Easing, Group, Layer, Rect, Renderer, TextAlign, TextLayer, Timestamp};

/// The easing of a bar's slide: quick to start, gentle to settle.
const BAR_EASING: Easing = Easing::CubicOut;

/// A bar sliding from one value to another.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Slide {
    from: f32,
    to: f32,
    since: Timestamp,
}

impl Slide {
    fn at_rest(value: f32, at: Timestamp) -> Slide {
        Slide {
            from: value,
            to: value,
            since: at,
        }
    }

    /// The value shown at `at` for a slide lasting `duration_s`.
    fn value_at(&self, at: Timestamp, duration_s: f32) -> f32 {
        if duration_s <= 0.0 {
            return self.to;
        }
        let progress = (at.since(self.since) / duration_s).clamp(0.0, 1.0);
        if progress >= 1.0 {
            return self.to;
        }
        self.from + (self.to - self.from) * BAR_EASING.apply(progress)
    }
}

/// Where each bar is in its slide, by instance key.
#[derive(Debug, Default)]
pub(crate) struct Bars {
    slides: HashMap<String, Slide>,
}

impl Bars {
    /// Forgets every slide: bars show their values at once.
    pub(crate) fn clear(&mut self) {
        self.slides.clear();
    }

    /// Redraws each bar at the value its slide has reached at `at`, starting a slide where
    /// the view's value changed (from the value shown, so a slide can turn mid-way). On the
    /// first frame (`settle`) bars show their values at once. True when every bar is at
    /// its value.
    pub(crate) fn animate(
        &mut self,
        instances: &mut [Instance],
        at: Timestamp,
        settle: bool,
    ) -> bool {
        let mut settled = true;
        let mut seen: HashSet<&str> = HashSet::new();
        for instance in instances.iter_mut() {
            let Some(bar) = instance.bar else {
                continue;
            };
            let slide = self
                .slides
                .entry(instance.key.clone())
                .or_insert_with(|| Slide::at_rest(bar.share, at));
            if settle {
                *slide = Slide::at_rest(bar.share, at);
            } else if slide.to != bar.share {
                *slide = Slide {
                    from: slide.value_at(at, bar.tween_s),
                    to: bar.share,
                    since: at,
                };
            }
            let shown = slide.value_at(at, bar.tween_s);
            if shown != bar.share {
                settled = false;
                // The track stays; the fill is drawn at the value shown.
                instance.layers.truncate(1);
                instance.layers.extend(bar.layer(shown));
            }
        }
        for instance in instances.iter() {
            if instance.bar.is_some() {
                seen.insert(instance.key.as_str());
            }
        }
        self.slides.retain(|key, _| seen.contains(key.as_str()));
        settled
    }
}

/// Replaces the text of each scrolling instance by the copies that show at `at`; true
/// when any scrolls (the next frame then differs).
pub(crate) fn scroll(renderer: &mut Renderer, instances: &mut [Instance], at: Timestamp) -> bool {
    let mut any = false;
    for instance in instances.iter_mut() {
        let Some(speed) = instance.scroll else {
            continue;
        };
        if let Some(Layer::Text(text)) = instance.layers.first() {
            let text = text.clone();
            if let Some(layers) = scrolled(renderer, &text, speed, at) {
                instance.layers = layers;
                any = true;
            }
        }
    }
    any
}

/// The copies of `text` that fill its box, moved left by `speed` pixels a second from time
/// zero and repeating every text width plus a gap, so the loop has no seam; clipped to the
/// box. `None` for text with no width.
pub(crate) fn scrolled(
    renderer: &mut Renderer,
    text: &TextLayer,
    speed: f32,
    at: Timestamp,
) -> Option<Vec<Layer>> {
    let rect = text.rect;
    let line = TextLayer {
        fit_to_width: false,
        align: TextAlign::Left,
        ..text.clone()
    };
    let width = renderer.measure_text(&line);
    if !(width > 0.0 && width.is_finite() && rect.width > 0.0) {
        return None;
    }
    Some(vec![copies(&line, rect, width, speed, at).into()])
}

/// The copies of `line` (`width` pixels wide) in `rect` at `at`, in a group clipped to it.
fn copies(line: &TextLayer, rect: Rect, width: f32, speed: f32, at: Timestamp) -> Group {
    let gap = (line.size_px * 3.0).max(rect.height);
    let period = width + gap;
    // Whole pixels: text moved by a fraction would shimmer as it is resampled.
    let offset = (at.seconds() * f64::from(speed))
        .rem_euclid(f64::from(period))
        .round() as f32;
    let mut copies: Vec<Layer> = Vec::new();
    let mut x = rect.x - offset;
    while x < rect.right() {
        copies.push(
            TextLayer {
                rect: Rect::new(x, rect.y, width + 2.0, rect.height),
                ..line.clone()
            }
            .into(),
        );
        x += period;
    }
    Group::new(copies).with_clip(Clip::rect(rect))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slide_eases_from_its_start_to_its_end() {
        let slide = Slide {
            from: 0.2,
            to: 0.6,
            since: Timestamp::from_secs(1.0),
        };
        assert_eq!(slide.value_at(Timestamp::from_secs(1.0), 0.4), 0.2);
        let mid = slide.value_at(Timestamp::from_secs(1.2), 0.4);
        // Cubic out: past halfway at half time.
        assert!(mid > 0.4 && mid < 0.6, "{mid}");
        assert_eq!(slide.value_at(Timestamp::from_secs(1.4), 0.4), 0.6);
        assert_eq!(slide.value_at(Timestamp::from_secs(0.5), 0.0), 0.6);
    }

    #[test]
    fn the_ticker_loops_without_a_seam() {
        let rect = Rect::new(100.0, 500.0, 800.0, 40.0);
        let line = TextLayer::new("NEWS", rect, 20.0, crate::Color::WHITE);
        // 200 px of text, a gap of 60: the loop is 260 px, 2.6 s at 100 px/s.
        let at = |s: f64| copies(&line, rect, 200.0, 100.0, Timestamp::from_secs(s));
        assert_eq!(at(0.0), at(2.6));
        assert_eq!(at(1.0), at(3.6));
        assert_ne!(at(0.0), at(1.0));
        // Moved left by 100 px a second, and the box is always covered.
        let xs = |g: &Group| -> Vec<f32> {
            g.layers
                .iter()
                .filter_map(|l| match l {
                    Layer::Text(t) => Some(t.rect.x),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(xs(&at(0.0))[0], 100.0);
        assert_eq!(xs(&at(1.0))[0], 0.0);
        let last = at(1.0);
        let end = last.layers.last().map(|l| match l {
            Layer::Text(t) => t.rect.x + 200.0,
            _ => 0.0,
        });
        assert!(end.is_some_and(|e| e >= rect.right()), "{end:?}");
    }
}
