//! Skins: declarative TOML templates of broadcast graphics bound to the game's views.
//!
//! A [`Skin`] names regions placed by anchors on a reference frame (so that one skin
//! scales to 720p, 1080p, 4K and 9:16), and elements (panels, text, badges, bars, cards,
//! images, groups) bound to an [`OverlayView`]: names, stacks, hole cards, equity, actions,
//! pots, the board, the leaderboard. An [`Overlay`] renders a skin over views with enter
//! and exit transitions driven by frame timestamps, reusing the last frame while nothing
//! changes, and reloads the skin while running. The format is documented in `SKINS.md`.
//!
//! ```
//! use ggp_render::skin::Skin;
//! let err = Skin::parse("[[layout]]\n[layout.regions.seat]\nrepeat = \"seats\"\n\
//!     [[element]]\nid = \"seat.stack\"\nkind = \"text\"\nregion = \"seat\"\ntext = \"{seat.stak}\"\n",
//!     "mine.toml", None).unwrap_err();
//! assert!(err.to_string().starts_with("mine.toml:8: element `seat.stack`: unknown binding `seat.stak`"));
//! ```

mod binding;
mod build;
#[cfg(test)]
mod geometry_tests;
mod model;
mod motion;
mod node;
mod overlay;
mod parse;
mod photos;
mod still;
mod view;

use std::path::Path;

pub use binding::{Binding, Flag, Repeat, Scope};
pub use model::{
    Aspect, CardSource, Condition, Element, ElementKind, Layout, Paint, Region, Skin, SkinFont,
    Template, TemplatePart, TextStyle,
};
pub use overlay::Overlay;
pub use still::{HandOverlay, HandOverlayOptions};
pub use view::{CardFace, OverlaySeat, OverlayView};

use crate::RenderError;

/// The bundled default skin's file.
const DEFAULT_SKIN: &str = include_str!("../../skins/default.toml");

/// A skin that could not be read or used; each message names the file and line.
#[derive(Debug, thiserror::Error)]
pub enum SkinError {
    /// The file could not be read.
    #[error("{file}: cannot read the skin: {reason}")]
    Read {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// A mistake outside any element (TOML syntax, layouts, colours, numbers).
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A mistake in an element.
    #[error("{file}:{line}: element `{element}`: {message}")]
    Element {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// The element's id.
        element: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A font or image file the skin names is missing or unusable.
    #[error(
        "{file}:{line}: {what} file `{path}` cannot be used: {reason}; fix the path (relative to the skin file)"
    )]
    File {
        /// The skin file.
        file: String,
        /// The line naming it.
        line: usize,
        /// "font" or "image".
        what: &'static str,
        /// The path as resolved.
        path: String,
        /// Why.
        reason: String,
    },
    /// A font family that no loaded font provides.
    #[error(
        "{file}:{line}: element `{element}`: font family `{family}` is not loaded; add its file under [[fonts]] or use one of: {known}"
    )]
    UnknownFont {
        /// The skin file.
        file: String,
        /// The line.
        line: usize,
        /// The element (or "[skin] font").
        element: String,
        /// The family asked for.
        family: String,
        /// The families available.
        known: String,
    },
    /// No layout covers the frame and the table.
    #[error(
        "{file}: no [[layout]] fits a {width}x{height} frame with {seats} seats and {hole_cards} hole cards; add one whose aspect, seats and hole_cards cover it"
    )]
    NoLayout {
        /// The skin file.
        file: String,
        /// Frame width.
        width: u32,
        /// Frame height.
        height: u32,
        /// Seats in the view.
        seats: usize,
        /// Most hole cards a seat holds.
        hole_cards: usize,
    },
    /// A view given as JSON that is neither a table view nor a public table view.
    #[error("the view JSON is not a TableView or a PublicTableView: {reason}")]
    InvalidView {
        /// serde_json's explanation (against TableView).
        reason: String,
    },
    /// Rendering failed (bad size, GPU error).
    #[error(transparent)]
    Render(#[from] RenderError),
}

impl Skin {
    /// Reads a skin from TOML text; `file` names it in messages and `base` is the folder
    /// its font and image paths are relative to (`None`: the working directory).
    pub fn parse(text: &str, file: &str, base: Option<&Path>) -> Result<Skin, SkinError> {
        parse::Reader::new(file, base).read(text)
    }

    /// Reads a skin file.
    pub fn load(path: &Path) -> Result<Skin, SkinError> {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let text = std::fs::read_to_string(path).map_err(|e| SkinError::Read {
            file: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Skin::parse(&text, &file, path.parent())
    }

    /// The bundled default skin: seat panels, hole cards, board, pots, equity bars, action
    /// badges, a lower third, a chip-count leaderboard and a ticker.
    pub fn default_skin() -> Result<Skin, SkinError> {
        Skin::parse(DEFAULT_SKIN, "default.toml", None)
    }

    /// The bundled default skin's TOML, to copy and edit.
    pub fn default_skin_source() -> &'static str {
        DEFAULT_SKIN
    }
}
