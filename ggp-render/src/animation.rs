//! Animation: easing curves, keyframe tracks, and enter/exit transitions, all evaluated at
//! a frame's timestamp so that the same frames always give the same pixels.
//!
//! Nothing here reads a wall clock: time is whatever the caller's frame says it is
//! ([`Timestamp`]), so offline renders, live renders and tests agree frame for frame.

use crate::{Clip, Color, Group, Layer, Rect, Transform};

/// A frame's presentation time in seconds, the only clock animations read.
///
/// ```
/// use ggp_render::Timestamp;
/// assert_eq!(Timestamp::from_ns(1_500_000_000).seconds(), 1.5);
/// assert_eq!(Timestamp::from_pts(3003, 1, 30000).seconds(), 0.1001);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Timestamp(f64);

impl Timestamp {
    /// Time zero.
    pub const ZERO: Timestamp = Timestamp(0.0);

    /// From seconds; non-finite values count as zero.
    pub fn from_secs(seconds: f64) -> Timestamp {
        Timestamp(if seconds.is_finite() { seconds } else { 0.0 })
    }

    /// From nanoseconds.
    pub fn from_ns(ns: i64) -> Timestamp {
        Timestamp(ns as f64 / 1e9)
    }

    /// From a stream's pts and time base `num/den` (FFmpeg's convention); a zero
    /// denominator counts as time zero.
    pub fn from_pts(pts: i64, num: i32, den: i32) -> Timestamp {
        if den == 0 {
            return Timestamp::ZERO;
        }
        Timestamp::from_secs(pts as f64 * f64::from(num) / f64::from(den))
    }

    /// Seconds.
    pub const fn seconds(self) -> f64 {
        self.0
    }

    /// Seconds from `earlier` to `self`, zero when `earlier` is later.
    pub fn since(self, earlier: Timestamp) -> f32 {
        (self.0 - earlier.0).max(0.0) as f32
    }
}

/// How progress 0..1 is shaped over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Easing {
    /// Constant speed.
    Linear,
    /// Slow start.
    CubicIn,
    /// Slow end; the usual choice for things arriving on screen.
    #[default]
    CubicOut,
    /// Slow start and end.
    CubicInOut,
    /// Pulls back a little before leaving.
    BackIn,
    /// Overshoots a little and settles.
    BackOut,
    /// Springs past the end and rings down.
    ElasticOut,
}

impl Easing {
    /// Every easing with its name in skin files.
    pub const NAMES: [(&'static str, Easing); 7] = [
        ("linear", Easing::Linear),
        ("cubic_in", Easing::CubicIn),
        ("cubic_out", Easing::CubicOut),
        ("cubic_in_out", Easing::CubicInOut),
        ("back_in", Easing::BackIn),
        ("back_out", Easing::BackOut),
        ("elastic_out", Easing::ElasticOut),
    ];

    /// The easing with this skin-file name.
    pub fn from_name(name: &str) -> Option<Easing> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, easing)| *easing)
    }

    /// The eased value of `t`, clamped to 0..1 first; 0 maps to 0 and 1 to 1.
    ///
    /// ```
    /// use ggp_render::Easing;
    /// assert_eq!(Easing::CubicOut.apply(1.0), 1.0);
    /// assert!(Easing::CubicOut.apply(0.5) > 0.5);
    /// assert!(Easing::BackOut.apply(0.7) > 1.0); // the overshoot
    /// ```
    pub fn apply(self, t: f32) -> f32 {
        let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 1.0 };
        // The standard constants (Penner's easing equations).
        const BACK: f32 = 1.701_58;
        match self {
            Easing::Linear => t,
            Easing::CubicIn => t * t * t,
            Easing::CubicOut => 1.0 - (1.0 - t).powi(3),
            Easing::CubicInOut => {
                if t < 0.5 {
                    4.0 * t * t * t
                } else {
                    1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
                }
            }
            Easing::BackIn => (BACK + 1.0) * t * t * t - BACK * t * t,
            Easing::BackOut => {
                let u = t - 1.0;
                1.0 + (BACK + 1.0) * u * u * u + BACK * u * u
            }
            Easing::ElasticOut => {
                if t == 0.0 || t == 1.0 {
                    t
                } else {
                    let period = 2.0 * std::f32::consts::PI / 3.0;
                    2f32.powf(-10.0 * t) * ((t * 10.0 - 0.75) * period).sin() + 1.0
                }
            }
        }
    }
}

/// A value that can be interpolated: what a keyframe track can animate.
pub trait Animatable: Copy {
    /// The value `t` of the way from `from` to `to` (`t` may overshoot 0..1 with back and
    /// elastic easings).
    fn lerp(from: Self, to: Self, t: f32) -> Self;
}

impl Animatable for f32 {
    fn lerp(from: f32, to: f32, t: f32) -> f32 {
        from + (to - from) * t
    }
}

impl Animatable for [f32; 2] {
    fn lerp(from: [f32; 2], to: [f32; 2], t: f32) -> [f32; 2] {
        [f32::lerp(from[0], to[0], t), f32::lerp(from[1], to[1], t)]
    }
}

impl Animatable for Color {
    fn lerp(from: Color, to: Color, t: f32) -> Color {
        let channel = |a: u8, b: u8| f32::lerp(f32::from(a), f32::from(b), t).round() as u8;
        Color::rgba(
            channel(from.r, to.r),
            channel(from.g, to.g),
            channel(from.b, to.b),
            channel(from.a, to.a),
        )
    }
}

impl Animatable for Rect {
    fn lerp(from: Rect, to: Rect, t: f32) -> Rect {
        Rect::new(
            f32::lerp(from.x, to.x, t),
            f32::lerp(from.y, to.y, t),
            f32::lerp(from.width, to.width, t),
            f32::lerp(from.height, to.height, t),
        )
    }
}

/// One value at one time; `easing` shapes the way into it from the previous keyframe.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keyframe<T> {
    /// Seconds from the track's start.
    pub time_s: f32,
    /// The value at that time.
    pub value: T,
    /// The curve from the previous keyframe to this one.
    pub easing: Easing,
}

/// Keyframes of one property, sampled at any time: before the first it holds the first
/// value, after the last the last one.
///
/// ```
/// use ggp_render::{Color, Easing, Track};
/// let track = Track::new()
///     .key(0.0, Color::rgb(0, 0, 0), Easing::Linear)
///     .key(1.0, Color::rgb(200, 100, 0), Easing::Linear);
/// assert_eq!(track.sample(0.5), Some(Color::rgb(100, 50, 0)));
/// assert_eq!(track.sample(9.0), Some(Color::rgb(200, 100, 0)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Track<T> {
    keyframes: Vec<Keyframe<T>>,
}

impl<T: Animatable> Default for Track<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Animatable> Track<T> {
    /// A track with no keyframes.
    pub fn new() -> Self {
        Self {
            keyframes: Vec::new(),
        }
    }

    /// Adds a keyframe, keeping them in time order (a non-finite time counts as 0).
    pub fn key(mut self, time_s: f32, value: T, easing: Easing) -> Self {
        let time_s = if time_s.is_finite() { time_s } else { 0.0 };
        let at = self.keyframes.partition_point(|k| k.time_s <= time_s);
        self.keyframes.insert(
            at,
            Keyframe {
                time_s,
                value,
                easing,
            },
        );
        self
    }

    /// The keyframes in time order.
    pub fn keyframes(&self) -> &[Keyframe<T>] {
        &self.keyframes
    }

    /// When the last keyframe is reached (0 for an empty track).
    pub fn duration_s(&self) -> f32 {
        self.keyframes.last().map_or(0.0, |k| k.time_s)
    }

    /// The value at `time_s`, `None` for an empty track.
    pub fn sample(&self, time_s: f32) -> Option<T> {
        let first = self.keyframes.first()?;
        if time_s <= first.time_s {
            return Some(first.value);
        }
        let next = self.keyframes.partition_point(|k| k.time_s <= time_s);
        let Some(to) = self.keyframes.get(next) else {
            return self.keyframes.last().map(|k| k.value);
        };
        let from = &self.keyframes[next - 1];
        let span = to.time_s - from.time_s;
        let t = if span > 0.0 {
            (time_s - from.time_s) / span
        } else {
            1.0
        };
        Some(T::lerp(from.value, to.value, to.easing.apply(t)))
    }
}

/// A side of the screen or of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// From or towards the left.
    #[default]
    Left,
    /// From or towards the right.
    Right,
    /// From or towards the top.
    Up,
    /// From or towards the bottom.
    Down,
}

impl Direction {
    /// The direction with this skin-file name (`left`, `right`, `up`, `down`).
    pub fn from_name(name: &str) -> Option<Direction> {
        match name {
            "left" => Some(Direction::Left),
            "right" => Some(Direction::Right),
            "up" | "top" => Some(Direction::Up),
            "down" | "bottom" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// What a transition does to an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionKind {
    /// Opacity from 0.
    Fade,
    /// Moves in from (or out towards) a side by the element's own size, fading too.
    Slide(Direction),
    /// Grows from (or shrinks to) its centre.
    Scale,
    /// Revealed from a side by a moving edge (a clipping mask).
    Wipe(Direction),
    /// Turns over around its vertical axis, like a card being flipped: the back shows
    /// for the first half.
    Flip,
}

/// An enter or exit transition of one element.
///
/// ```
/// use ggp_render::{Direction, Easing, Transition, TransitionKind};
/// let slide = Transition::new(TransitionKind::Slide(Direction::Left), 0.4);
/// assert_eq!(slide.progress(0.0), 0.0);
/// assert_eq!(slide.progress(0.4), 1.0);
/// assert!(slide.is_done(0.4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transition {
    /// What it does.
    pub kind: TransitionKind,
    /// Seconds from start to end (0 is a cut).
    pub duration_s: f32,
    /// Seconds to wait before starting.
    pub delay_s: f32,
    /// The curve.
    pub easing: Easing,
}

impl Transition {
    /// A transition of `duration_s` seconds with no delay and cubic-out easing.
    pub fn new(kind: TransitionKind, duration_s: f32) -> Self {
        Self {
            kind,
            duration_s,
            delay_s: 0.0,
            easing: Easing::CubicOut,
        }
    }

    /// Sets the delay.
    pub fn with_delay(mut self, delay_s: f32) -> Self {
        self.delay_s = delay_s;
        self
    }

    /// Sets the easing.
    pub fn with_easing(mut self, easing: Easing) -> Self {
        self.easing = easing;
        self
    }

    /// Eased progress `elapsed_s` seconds after the start: 0 before, 1 once done.
    pub fn progress(&self, elapsed_s: f32) -> f32 {
        let t = elapsed_s - self.delay_s.max(0.0);
        if self.duration_s <= 0.0 || !self.duration_s.is_finite() {
            return if t >= 0.0 { 1.0 } else { 0.0 };
        }
        if t <= 0.0 {
            return 0.0;
        }
        self.easing.apply(t / self.duration_s)
    }

    /// Whether the transition has finished `elapsed_s` seconds after the start.
    pub fn is_done(&self, elapsed_s: f32) -> bool {
        elapsed_s >= self.delay_s.max(0.0) + self.duration_s.max(0.0)
    }

    /// How an element with box `rect` looks at `progress` (0 hidden, 1 as designed).
    pub fn appearance(&self, progress: f32, rect: Rect) -> Appearance {
        let p = progress;
        let mut look = Appearance::IDENTITY;
        match self.kind {
            TransitionKind::Fade => look.opacity = p.clamp(0.0, 1.0),
            TransitionKind::Wipe(from) => {
                look.reveal = Some(Reveal {
                    from,
                    share: p.clamp(0.0, 1.0),
                });
                if p <= 0.0 {
                    look.opacity = 0.0;
                }
            }
            TransitionKind::Slide(direction) => {
                let away = 1.0 - p;
                look.offset = match direction {
                    Direction::Left => [-rect.width * away, 0.0],
                    Direction::Right => [rect.width * away, 0.0],
                    Direction::Up => [0.0, -rect.height * away],
                    Direction::Down => [0.0, rect.height * away],
                };
                look.opacity = (p * 1.5).clamp(0.0, 1.0);
            }
            TransitionKind::Scale => {
                look.scale = [p.max(0.0), p.max(0.0)];
                look.opacity = (p * 2.0).clamp(0.0, 1.0);
            }
            TransitionKind::Flip => {
                let turned = p.clamp(0.0, 1.0);
                look.scale = [(1.0 - 2.0 * turned).abs(), 1.0];
                look.back_showing = turned < 0.5;
            }
        }
        look
    }
}

/// An element's look partway through a transition, applied to its layers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Appearance {
    /// Pixels moved right and down.
    pub offset: [f32; 2],
    /// Horizontal and vertical scale about the element's centre.
    pub scale: [f32; 2],
    /// Opacity multiplier.
    pub opacity: f32,
    /// For flips: whether the back is showing rather than the face.
    pub back_showing: bool,
    /// For wipes: the part revealed so far.
    pub reveal: Option<Reveal>,
}

impl Appearance {
    /// As designed: no offset, full size, fully opaque.
    pub const IDENTITY: Appearance = Appearance {
        offset: [0.0, 0.0],
        scale: [1.0, 1.0],
        opacity: 1.0,
        back_showing: false,
        reveal: None,
    };

    /// Whether nothing of the element would be seen.
    pub fn is_invisible(&self) -> bool {
        self.opacity <= 0.0 || self.scale[0] <= 0.0 || self.scale[1] <= 0.0
    }

    /// Combines two looks (say a group's and its child's).
    pub fn then(self, other: Appearance) -> Appearance {
        Appearance {
            offset: [
                self.offset[0] + other.offset[0],
                self.offset[1] + other.offset[1],
            ],
            scale: [self.scale[0] * other.scale[0], self.scale[1] * other.scale[1]],
            opacity: self.opacity * other.opacity,
            back_showing: self.back_showing || other.back_showing,
            reveal: other.reveal.or(self.reveal),
        }
    }

    /// The layers of an element with box `pivot`, moved, scaled about its centre, faded
    /// and (for wipes) clipped: one [`Group`] (the layers as they are at identity).
    pub fn wrap(&self, layers: Vec<Layer>, pivot: Rect) -> Vec<Layer> {
        if *self == Appearance::IDENTITY {
            return layers;
        }
        let cx = pivot.x + pivot.width / 2.0;
        let cy = pivot.y + pivot.height / 2.0;
        let transform = Transform::scale(self.scale[0], self.scale[1])
            .about(cx, cy)
            .then(Transform::translate(self.offset[0], self.offset[1]));
        let mut group = Group::new(layers)
            .with_transform(transform)
            .with_opacity(self.opacity.clamp(0.0, 1.0));
        if let Some(reveal) = self.reveal {
            group = group.with_clip(Clip::rect(reveal.within(pivot)));
        }
        vec![group.into()]
    }
}

/// The part of an element a wipe has revealed: a share of its box from one side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reveal {
    /// The side the wipe starts from.
    pub from: Direction,
    /// How much is revealed, 0 to 1.
    pub share: f32,
}

impl Reveal {
    /// The revealed part of `rect`.
    pub fn within(&self, rect: Rect) -> Rect {
        let share = self.share.clamp(0.0, 1.0);
        let (w, h) = (rect.width * share, rect.height * share);
        match self.from {
            Direction::Left => Rect::new(rect.x, rect.y, w, rect.height),
            Direction::Right => Rect::new(rect.right() - w, rect.y, w, rect.height),
            Direction::Up => Rect::new(rect.x, rect.y, rect.width, h),
            Direction::Down => Rect::new(rect.x, rect.bottom() - h, rect.width, h),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easings_start_at_zero_and_end_at_one() {
        for (name, easing) in Easing::NAMES {
            assert!(easing.apply(0.0).abs() < 1e-6, "{name} at 0");
            assert!((easing.apply(1.0) - 1.0).abs() < 1e-6, "{name} at 1");
            assert_eq!(Easing::from_name(name), Some(easing));
        }
        assert_eq!(Easing::from_name("bouncy"), None);
    }

    #[test]
    fn easing_shapes() {
        assert_eq!(Easing::Linear.apply(0.25), 0.25);
        assert!(Easing::CubicIn.apply(0.5) < 0.5);
        assert!(Easing::CubicOut.apply(0.5) > 0.5);
        assert!((Easing::CubicInOut.apply(0.5) - 0.5).abs() < 1e-6);
        assert!(Easing::BackIn.apply(0.2) < 0.0, "back pulls back first");
        let peak = (1..100)
            .map(|i| Easing::ElasticOut.apply(i as f32 / 100.0))
            .fold(0.0, f32::max);
        assert!(peak > 1.0, "elastic overshoots");
        assert_eq!(Easing::Linear.apply(7.0), 1.0);
        assert_eq!(Easing::Linear.apply(f32::NAN), 1.0);
    }

    #[test]
    fn tracks_interpolate_between_keys() {
        let track = Track::new()
            .key(1.0, 10.0f32, Easing::Linear)
            .key(0.0, 0.0, Easing::Linear)
            .key(2.0, 30.0, Easing::Linear);
        assert_eq!(track.keyframes()[0].time_s, 0.0, "keys are sorted");
        assert_eq!(track.sample(-1.0), Some(0.0));
        assert_eq!(track.sample(0.5), Some(5.0));
        assert_eq!(track.sample(1.5), Some(20.0));
        assert_eq!(track.sample(5.0), Some(30.0));
        assert_eq!(track.duration_s(), 2.0);
        assert_eq!(Track::<f32>::new().sample(1.0), None);
        let rects = Track::new()
            .key(0.0, Rect::new(0.0, 0.0, 10.0, 10.0), Easing::Linear)
            .key(1.0, Rect::new(10.0, 20.0, 30.0, 40.0), Easing::Linear);
        assert_eq!(rects.sample(0.5), Some(Rect::new(5.0, 10.0, 20.0, 25.0)));
        let offsets = Track::new()
            .key(0.0, [0.0, 0.0], Easing::Linear)
            .key(2.0, [4.0, -2.0], Easing::Linear);
        assert_eq!(offsets.sample(1.0), Some([2.0, -1.0]));
    }

    #[test]
    fn timestamps_come_from_frames() {
        assert_eq!(Timestamp::from_pts(90_000, 1, 90_000).seconds(), 1.0);
        assert_eq!(Timestamp::from_pts(5, 1, 0), Timestamp::ZERO);
        assert_eq!(Timestamp::from_secs(f64::INFINITY), Timestamp::ZERO);
        assert_eq!(
            Timestamp::from_secs(2.0).since(Timestamp::from_secs(0.5)),
            1.5
        );
        assert_eq!(
            Timestamp::from_secs(0.5).since(Timestamp::from_secs(2.0)),
            0.0
        );
    }

    #[test]
    fn transitions_progress_with_delay() {
        let t = Transition::new(TransitionKind::Fade, 1.0)
            .with_delay(0.5)
            .with_easing(Easing::Linear);
        assert_eq!(t.progress(0.25), 0.0);
        assert_eq!(t.progress(1.0), 0.5);
        assert_eq!(t.progress(3.0), 1.0);
        assert!(!t.is_done(1.4) && t.is_done(1.5));
        let cut = Transition::new(TransitionKind::Fade, 0.0);
        assert_eq!(cut.progress(0.0), 1.0);
    }

    #[test]
    fn appearances() {
        let rect = Rect::new(100.0, 100.0, 200.0, 50.0);
        let slide = Transition::new(TransitionKind::Slide(Direction::Left), 1.0);
        let start = slide.appearance(0.0, rect);
        assert_eq!(start.offset, [-200.0, 0.0]);
        assert!(start.is_invisible());
        assert_eq!(slide.appearance(1.0, rect), Appearance::IDENTITY);
        let flip = Transition::new(TransitionKind::Flip, 1.0);
        assert!(flip.appearance(0.25, rect).back_showing);
        assert!(!flip.appearance(0.75, rect).back_showing);
        assert_eq!(flip.appearance(0.5, rect).scale[0], 0.0);

        let layer: Layer = crate::ShapeLayer::new(rect, crate::Fill::Solid(Color::WHITE)).into();
        let half = Transition::new(TransitionKind::Scale, 1.0).appearance(0.5, rect);
        let wrapped = half.wrap(vec![layer.clone()], rect);
        let [Layer::Group(group)] = wrapped.as_slice() else {
            panic!("one group")
        };
        assert_eq!(group.transform.apply(100.0, 100.0), (150.0, 112.5));
        assert_eq!(group.transform.apply(200.0, 125.0), (200.0, 125.0), "centre stays");
        assert_eq!(Appearance::IDENTITY.wrap(vec![layer.clone()], rect), vec![layer]);

        let wipe = Transition::new(TransitionKind::Wipe(Direction::Right), 1.0)
            .with_easing(Easing::Linear)
            .appearance(0.25, rect);
        assert_eq!(
            wipe.reveal.map(|r| r.within(rect)),
            Some(Rect::new(250.0, 100.0, 50.0, 50.0))
        );
    }
}
