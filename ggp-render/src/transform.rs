//! 2D affine transforms for groups: translate, scale, rotate, composed in any order.

use crate::Rect;

/// A 2D affine transform mapping `(x, y)` to `(a*x + c*y + e, b*x + d*y + f)`, in pixels.
///
/// Transforms compose with [`Transform::then`]: `t.then(u)` applies `t` first, then `u`.
///
/// ```
/// use ggp_render::Transform;
/// let t = Transform::scale(2.0, 2.0).then(Transform::translate(10.0, 0.0));
/// assert_eq!(t.apply(1.0, 1.0), (12.0, 2.0));
/// let spin = Transform::rotate_degrees(90.0).about(100.0, 100.0);
/// let (x, y) = spin.apply(110.0, 100.0);
/// assert!((x - 100.0).abs() < 1e-4 && (y - 110.0).abs() < 1e-4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// x scale / rotation cosine term.
    pub a: f32,
    /// y shear from x / rotation sine term.
    pub b: f32,
    /// x shear from y / minus the rotation sine term.
    pub c: f32,
    /// y scale / rotation cosine term.
    pub d: f32,
    /// x translation in pixels.
    pub e: f32,
    /// y translation in pixels.
    pub f: f32,
}

impl Default for Transform {
    fn default() -> Self {
        Self::IDENTITY
    }
}

impl Transform {
    /// The transform that changes nothing.
    pub const IDENTITY: Transform = Transform {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    /// The transform that changes nothing.
    pub const fn identity() -> Self {
        Self::IDENTITY
    }

    /// A move by (`dx`, `dy`) pixels.
    pub const fn translate(dx: f32, dy: f32) -> Self {
        Self {
            e: dx,
            f: dy,
            ..Self::IDENTITY
        }
    }

    /// A scale about the origin; use [`Transform::about`] to scale about another point.
    pub const fn scale(sx: f32, sy: f32) -> Self {
        Self {
            a: sx,
            d: sy,
            ..Self::IDENTITY
        }
    }

    /// A clockwise rotation on screen (y points down) about the origin.
    pub fn rotate_degrees(degrees: f32) -> Self {
        let (sin, cos) = degrees.to_radians().sin_cos();
        Self {
            a: cos,
            b: sin,
            c: -sin,
            d: cos,
            e: 0.0,
            f: 0.0,
        }
    }

    /// The same transform applied about (`x`, `y`) instead of the origin: that point stays put
    /// under a pure rotation or scale.
    pub fn about(self, x: f32, y: f32) -> Self {
        Self::translate(-x, -y)
            .then(self)
            .then(Self::translate(x, y))
    }

    /// `self` followed by `next`.
    pub fn then(self, next: Transform) -> Self {
        Self {
            a: next.a * self.a + next.c * self.b,
            b: next.b * self.a + next.d * self.b,
            c: next.a * self.c + next.c * self.d,
            d: next.b * self.c + next.d * self.d,
            e: next.a * self.e + next.c * self.f + next.e,
            f: next.b * self.e + next.d * self.f + next.f,
        }
    }

    /// Where the point (`x`, `y`) lands.
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    /// The transform that undoes this one, or `None` when it collapses the plane (a zero scale).
    pub fn inverse(&self) -> Option<Self> {
        let det = self.a * self.d - self.b * self.c;
        if !det.is_finite() || det.abs() < 1e-12 {
            return None;
        }
        let (a, b, c, d) = (self.d / det, -self.b / det, -self.c / det, self.a / det);
        Some(Self {
            a,
            b,
            c,
            d,
            e: -(a * self.e + c * self.f),
            f: -(b * self.e + d * self.f),
        })
    }

    /// The largest factor by which the transform stretches a length.
    pub(crate) fn max_scale(&self) -> f32 {
        self.a.hypot(self.b).max(self.c.hypot(self.d))
    }

    /// True when the transform only moves and scales both axes by the same positive factor,
    /// which every layer kind can be drawn with directly.
    pub(crate) fn is_uniform_scale_translate(&self) -> bool {
        const EPS: f32 = 1e-5;
        self.b.abs() < EPS && self.c.abs() < EPS && self.a > 0.0 && (self.a - self.d).abs() < EPS
    }

    /// The axis-aligned box around `rect` once transformed.
    pub(crate) fn bounds_of(&self, rect: Rect) -> Rect {
        let corners = [
            self.apply(rect.x, rect.y),
            self.apply(rect.right(), rect.y),
            self.apply(rect.x, rect.bottom()),
            self.apply(rect.right(), rect.bottom()),
        ];
        let (mut x0, mut y0) = corners[0];
        let (mut x1, mut y1) = corners[0];
        for (x, y) in corners {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-3 && (a.1 - b.1).abs() < 1e-3
    }

    #[test]
    fn rotation_is_clockwise_on_screen() {
        assert!(close(
            Transform::rotate_degrees(90.0).apply(1.0, 0.0),
            (0.0, 1.0)
        ));
    }

    #[test]
    fn inverse_undoes() {
        let t = Transform::rotate_degrees(30.0)
            .then(Transform::scale(2.0, 0.5))
            .then(Transform::translate(5.0, -3.0));
        let inv = t.inverse().expect("invertible");
        let (x, y) = t.apply(7.0, 11.0);
        assert!(close(inv.apply(x, y), (7.0, 11.0)));
        assert!(Transform::scale(0.0, 1.0).inverse().is_none());
    }

    #[test]
    fn about_keeps_the_pivot() {
        let t = Transform::scale(3.0, 3.0).about(50.0, 40.0);
        assert!(close(t.apply(50.0, 40.0), (50.0, 40.0)));
        assert!(t.is_uniform_scale_translate());
        assert!(!Transform::rotate_degrees(10.0).is_uniform_scale_translate());
    }

    #[test]
    fn bounds_of_rotated_square() {
        let b = Transform::rotate_degrees(45.0).bounds_of(Rect::new(-1.0, -1.0, 2.0, 2.0));
        assert!((b.width - 2.0 * 2f32.sqrt()).abs() < 1e-4);
    }
}
