//! Image layers: PNG, JPEG, SVG or caller pixels, decoded once, uploaded once, cached.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::deck::parse_svg;
use crate::{AlphaMode, ImageProblem, Rect, RenderError};

/// The largest side of an image, in pixels; larger images are refused when made.
pub const MAX_IMAGE_SIDE: u32 = 8192;

/// Gives every image a distinct identity for the texture cache.
static NEXT_IMAGE_ID: AtomicU64 = AtomicU64::new(1);

/// How an image fills its layer's box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageFit {
    /// Stretched to the box, ignoring the image's aspect.
    Fill,
    /// As large as fits inside the box, keeping its aspect, centred (letterboxed).
    #[default]
    Contain,
    /// Covers the whole box, keeping its aspect, centred, the overflow cropped.
    Cover,
}

pub(crate) enum Content {
    /// RGBA8 rows, `width * 4` bytes each.
    Raster { pixels: Vec<u8>, alpha: AlphaMode },
    /// A vector document, rasterised at the size it is drawn.
    Svg(Box<resvg::usvg::Tree>),
}

pub(crate) struct ImageData {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) content: Content,
}

/// A decoded picture. Cloning is cheap (shared); two images are equal when they are the
/// same decoded picture, so a scene that keeps its images compares equal from frame to frame.
///
/// ```
/// use ggp_render::{AlphaMode, Image};
/// let dot = Image::from_rgba(1, 1, vec![255, 0, 0, 255], AlphaMode::Straight)?;
/// assert_eq!(dot.size(), (1, 1));
/// assert_eq!(dot, dot.clone());
/// let err = Image::open("missing/logo.png").unwrap_err();
/// assert!(err.to_string().contains("missing/logo.png"));
/// # Ok::<(), ggp_render::RenderError>(())
/// ```
#[derive(Clone)]
pub struct Image(pub(crate) Arc<ImageData>);

impl PartialEq for Image {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("name", &self.0.name)
            .field("width", &self.0.width)
            .field("height", &self.0.height)
            .field("vector", &self.is_vector())
            .finish()
    }
}

fn error(name: &str, kind: ImageProblem, detail: impl Into<String>) -> RenderError {
    RenderError::Image {
        source_name: name.to_owned(),
        kind,
        detail: detail.into(),
    }
}

/// True for SVG text or gzip-compressed SVG: what `<svg` documents start with.
fn looks_like_svg(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("<svg")
        || (text.starts_with("<?xml") && text.contains("<svg"))
        || (text.starts_with("<!") && text.contains("<svg"))
}

impl Image {
    fn new(name: String, width: u32, height: u32, content: Content) -> Result<Self, RenderError> {
        if width == 0 || height == 0 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
            return Err(error(
                &name,
                ImageProblem::BadSize,
                format!("{width}x{height} pixels; each side must be 1 to {MAX_IMAGE_SIDE}"),
            ));
        }
        Ok(Self(Arc::new(ImageData {
            id: NEXT_IMAGE_ID.fetch_add(1, Ordering::Relaxed),
            name,
            width,
            height,
            content,
        })))
    }

    /// Reads and decodes a PNG, JPEG or SVG (or gzipped SVG) file, whatever its extension.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, RenderError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|e| error(&name, ImageProblem::Unreadable, e.to_string()))?;
        Self::decode(&bytes, name)
    }

    /// Decodes PNG, JPEG or SVG bytes held in memory.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, RenderError> {
        Self::decode(bytes, format!("in-memory image ({} bytes)", bytes.len()))
    }

    /// Parses an SVG document (plain or gzipped); it is rasterised at the size it is drawn.
    pub fn from_svg(data: &[u8]) -> Result<Self, RenderError> {
        Self::svg(data, format!("in-memory SVG ({} bytes)", data.len()))
    }

    /// Wraps caller pixels: `width * height` RGBA8 pixels, rows top to bottom, no padding.
    pub fn from_rgba(
        width: u32,
        height: u32,
        pixels: Vec<u8>,
        alpha: AlphaMode,
    ) -> Result<Self, RenderError> {
        let name = format!("caller RGBA {width}x{height}");
        let expected = u64::from(width) * u64::from(height) * 4;
        if pixels.len() as u64 != expected {
            return Err(error(
                &name,
                ImageProblem::BadSize,
                format!("{} bytes given, {expected} expected", pixels.len()),
            ));
        }
        Self::new(name, width, height, Content::Raster { pixels, alpha })
    }

    /// Width and height in pixels (for SVG, the document's size in user units).
    pub fn size(&self) -> (u32, u32) {
        (self.0.width, self.0.height)
    }

    /// True for SVG images, which are rasterised at the drawn size.
    pub fn is_vector(&self) -> bool {
        matches!(self.0.content, Content::Svg(_))
    }

    fn decode(bytes: &[u8], name: String) -> Result<Self, RenderError> {
        if looks_like_svg(bytes) {
            return Self::svg(bytes, name);
        }
        let format = image::guess_format(bytes).map_err(|_| {
            error(
                &name,
                ImageProblem::UnsupportedFormat,
                "the data is not PNG, JPEG or SVG",
            )
        })?;
        if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
            return Err(error(
                &name,
                ImageProblem::UnsupportedFormat,
                format!("{format:?} images are not supported"),
            ));
        }
        let decoded = image::load_from_memory_with_format(bytes, format).map_err(|e| {
            let kind = match &e {
                image::ImageError::Limits(_) => ImageProblem::BadSize,
                image::ImageError::Unsupported(_) => ImageProblem::UnsupportedFormat,
                _ => ImageProblem::Corrupt,
            };
            error(&name, kind, e.to_string())
        })?;
        let rgba = decoded.into_rgba8();
        let (width, height) = rgba.dimensions();
        Self::new(
            name,
            width,
            height,
            Content::Raster {
                pixels: rgba.into_raw(),
                alpha: AlphaMode::Straight,
            },
        )
    }

    fn svg(data: &[u8], name: String) -> Result<Self, RenderError> {
        let tree = parse_svg(data, &name)?;
        let size = tree.size();
        let (width, height) = (size.width().ceil(), size.height().ceil());
        if !(width >= 1.0 && height >= 1.0) {
            return Err(error(&name, ImageProblem::BadSize, "the SVG has no area"));
        }
        Self::new(
            name,
            width as u32,
            height as u32,
            Content::Svg(Box::new(tree)),
        )
    }
}

/// A picture in a box.
///
/// ```
/// use ggp_render::{AlphaMode, Image, ImageFit, ImageLayer, Rect};
/// let logo = Image::from_rgba(2, 1, vec![255; 8], AlphaMode::Straight)?;
/// let layer = ImageLayer::new(Rect::new(0.0, 0.0, 200.0, 100.0), logo).with_fit(ImageFit::Cover);
/// assert_eq!(layer.fit, ImageFit::Cover);
/// # Ok::<(), ggp_render::RenderError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ImageLayer {
    /// The box.
    pub rect: Rect,
    /// The picture.
    pub image: Image,
    /// How the picture fills the box.
    pub fit: ImageFit,
    /// 0.0 (invisible) to 1.0.
    pub opacity: f32,
}

impl ImageLayer {
    /// An opaque image contained in `rect`.
    pub fn new(rect: Rect, image: Image) -> Self {
        Self {
            rect,
            image,
            fit: ImageFit::Contain,
            opacity: 1.0,
        }
    }

    /// Sets the fit.
    pub fn with_fit(mut self, fit: ImageFit) -> Self {
        self.fit = fit;
        self
    }

    /// Sets the opacity (clamped to 0.0-1.0 when drawn).
    pub fn with_opacity(mut self, opacity: f32) -> Self {
        self.opacity = opacity;
        self
    }
}

/// Where a `source_w` x `source_h` picture lands in `rect` under `fit`: the drawn box and
/// the texture coordinates (u0, v0, u1, v1) it shows.
pub(crate) fn fit_rect(
    rect: Rect,
    source_w: f32,
    source_h: f32,
    fit: ImageFit,
) -> (Rect, [f32; 4]) {
    let full = [0.0, 0.0, 1.0, 1.0];
    if !(source_w > 0.0 && source_h > 0.0 && rect.width > 0.0 && rect.height > 0.0) {
        return (rect, full);
    }
    let (sx, sy) = (rect.width / source_w, rect.height / source_h);
    match fit {
        ImageFit::Fill => (rect, full),
        ImageFit::Contain => {
            let s = sx.min(sy);
            let (w, h) = (source_w * s, source_h * s);
            let drawn = Rect::new(
                rect.x + (rect.width - w) / 2.0,
                rect.y + (rect.height - h) / 2.0,
                w,
                h,
            );
            (drawn, full)
        }
        ImageFit::Cover => {
            let s = sx.max(sy);
            let (u_span, v_span) = (rect.width / (source_w * s), rect.height / (source_h * s));
            let (u0, v0) = ((1.0 - u_span) / 2.0, (1.0 - v_span) / 2.0);
            (rect, [u0, v0, u0 + u_span, v0 + v_span])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contain_letterboxes_and_cover_crops() {
        let rect = Rect::new(0.0, 0.0, 200.0, 100.0);
        let (drawn, uv) = fit_rect(rect, 100.0, 100.0, ImageFit::Contain);
        assert_eq!((drawn.x, drawn.width, drawn.height), (50.0, 100.0, 100.0));
        assert_eq!(uv, [0.0, 0.0, 1.0, 1.0]);
        let (drawn, uv) = fit_rect(rect, 100.0, 100.0, ImageFit::Cover);
        assert_eq!(drawn, rect);
        assert_eq!(uv, [0.0, 0.25, 1.0, 0.75]);
        let (drawn, _) = fit_rect(rect, 100.0, 100.0, ImageFit::Fill);
        assert_eq!(drawn, rect);
    }

    #[test]
    fn svg_is_recognised_by_content() {
        assert!(looks_like_svg(
            b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        ));
        assert!(looks_like_svg(b"  <svg width=\"1\"/>"));
        assert!(!looks_like_svg(b"\x89PNG\r\n\x1a\n"));
    }

    #[test]
    fn bad_inputs_are_named_errors() {
        let err = Image::from_bytes(b"GIF89a....").expect_err("gif refused");
        assert!(
            matches!(
                err,
                RenderError::Image {
                    kind: ImageProblem::UnsupportedFormat,
                    ..
                }
            ),
            "{err}"
        );
        let err = Image::from_bytes(b"\x89PNG\r\n\x1a\nbroken").expect_err("corrupt");
        assert!(
            matches!(
                err,
                RenderError::Image {
                    kind: ImageProblem::Corrupt,
                    ..
                }
            ),
            "{err}"
        );
        let err = Image::from_svg(b"<svg width=\"10\" height=\"10\"").expect_err("bad svg");
        assert!(
            matches!(
                err,
                RenderError::Image {
                    kind: ImageProblem::Corrupt,
                    ..
                }
            ),
            "{err}"
        );
        let err = Image::from_rgba(0, 5, Vec::new(), AlphaMode::Straight).expect_err("zero");
        assert!(
            matches!(
                err,
                RenderError::Image {
                    kind: ImageProblem::BadSize,
                    ..
                }
            ),
            "{err}"
        );
        let err = Image::from_rgba(2, 2, vec![0; 15], AlphaMode::Straight).expect_err("short");
        assert!(
            err.to_string().contains("15 bytes given, 16 expected"),
            "{err}"
        );
        let err = Image::from_rgba(9000, 1, vec![0; 36000], AlphaMode::Straight).expect_err("huge");
        assert!(
            matches!(
                err,
                RenderError::Image {
                    kind: ImageProblem::BadSize,
                    ..
                }
            ),
            "{err}"
        );
        let err = Image::open("/nonexistent/logo.png").expect_err("missing");
        assert!(matches!(
            err,
            RenderError::Image {
                kind: ImageProblem::Unreadable,
                ..
            }
        ));
        assert!(err.to_string().contains("/nonexistent/logo.png"), "{err}");
    }
}
