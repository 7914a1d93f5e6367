//! Colours as broadcast graphics specify them: 8-bit sRGB with straight alpha.

/// An sRGB colour with straight (not premultiplied) alpha, 0-255 per channel.
///
/// Blending happens in sRGB space, as in CSS and most broadcast graphics tools.
///
/// ```
/// use ggp_render::Color;
/// let red = Color::rgb(255, 0, 0);
/// assert_eq!(red.a, 255);
/// assert_eq!(Color::rgba(0, 0, 0, 128).with_alpha(64).a, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Alpha: 0 is transparent, 255 opaque.
    pub a: u8,
}

impl Color {
    /// Fully transparent black.
    pub const TRANSPARENT: Color = Color::rgba(0, 0, 0, 0);
    /// Opaque black.
    pub const BLACK: Color = Color::rgb(0, 0, 0);
    /// Opaque white.
    pub const WHITE: Color = Color::rgb(255, 255, 255);

    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    /// A colour with alpha.
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// The same colour with another alpha.
    pub const fn with_alpha(self, a: u8) -> Self {
        Self { a, ..self }
    }

    /// Channels as 0.0-1.0 floats, straight alpha (the shader premultiplies).
    pub(crate) fn to_unit(self) -> [f32; 4] {
        [self.r, self.g, self.b, self.a].map(|c| f32::from(c) / 255.0)
    }
}
