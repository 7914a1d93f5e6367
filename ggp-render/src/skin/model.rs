//! What a skin file describes, once read: layouts of regions, and elements bound to the view.

use std::collections::HashMap;
use std::sync::Arc;

use crate::{Color, FontWeight, NumberFormat, Rect, TextAlign, Transition, VerticalAlign};

use super::binding::{Binding, Flag, Repeat, Scope};

/// A skin: fonts, colours, number style, layouts and elements. Read one with
/// [`Skin::parse`] or [`Skin::load`]; the bundled one is [`Skin::default_skin`].
#[derive(Debug, Clone)]
pub struct Skin {
    /// The skin's name.
    pub name: String,
    /// The file it came from (for messages), e.g. `default.toml`.
    pub file: String,
    /// How amounts are written.
    pub numbers: NumberFormat,
    /// Decimal places of equity percentages.
    pub equity_decimals: u32,
    /// The palette: names to colours.
    pub colors: HashMap<String, Color>,
    /// Extra fonts the skin ships, as bytes.
    pub fonts: Vec<SkinFont>,
    /// The text family used where an element names none (`None`: the bundled DejaVu Sans).
    pub font: Option<String>,
    /// The ticker's text when the caller gives none.
    pub ticker: Option<String>,
    /// A folder of player photos, `<name>.png` (or `.jpg`, `.jpeg`, `.svg`), relative to
    /// the skin file; image elements without `src` draw them (see `SKINS.md`).
    pub photos: Option<std::path::PathBuf>,
    /// Layouts, first match wins.
    pub layouts: Vec<Layout>,
    /// Elements, back to front.
    pub elements: Vec<Element>,
}

/// A font file a skin ships.
#[derive(Debug, Clone)]
pub struct SkinFont {
    /// Where it was read from.
    pub path: String,
    /// The line of the skin file that names it.
    pub line: usize,
    /// Its bytes.
    pub bytes: Arc<Vec<u8>>,
}

/// Which frame shapes a layout is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// Any frame.
    Any,
    /// Wider than tall (16:9, 4:3).
    Landscape,
    /// Taller than wide (9:16).
    Portrait,
}

/// Where a region sits on the frame, in a layout's reference units.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Which point of the frame (and of the region) it is pinned to, each 0, 0.5 or 1.
    pub anchor: [f32; 2],
    /// Offset of the region's anchor point from the frame's, in reference units.
    pub at: [f32; 2],
    /// The region's size (one slot, for repeated regions).
    pub size: [f32; 2],
    /// For repeated regions: what repeats, and the offset between slots.
    pub repeat: Option<Repeat>,
    /// Offset from one slot to the next.
    pub step: [f32; 2],
    /// The most room all slots together may take along `step`; the step shrinks to fit.
    pub span: Option<f32>,
    /// The most slots shown.
    pub max: Option<usize>,
    /// Dims a slot where this holds (folded seats).
    pub dim_when: Option<Condition>,
    /// Opacity of a dimmed slot.
    pub dim_opacity: f32,
}

/// Regions and per-element boxes for some frame shapes, seat counts and hole-card counts.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Its name, for messages.
    pub name: String,
    /// The line it starts on.
    pub line: usize,
    /// Frame shapes it applies to.
    pub aspect: Aspect,
    /// Seat counts it applies to, inclusive.
    pub seats: (usize, usize),
    /// Hole-card counts it applies to, inclusive.
    pub hole_cards: (usize, usize),
    /// The frame size its numbers are in; it scales to the real frame.
    pub reference: [f32; 2],
    /// Named regions.
    pub regions: HashMap<String, Region>,
    /// Element boxes that differ from the element's own `rect`, by element id.
    pub rects: HashMap<String, Rect>,
}

impl Layout {
    /// Whether the layout applies to a frame and a table.
    pub fn matches(&self, width: u32, height: u32, seats: usize, hole_cards: usize) -> bool {
        let aspect_ok = match self.aspect {
            Aspect::Any => true,
            Aspect::Landscape => width >= height,
            Aspect::Portrait => height > width,
        };
        aspect_ok
            && (self.seats.0..=self.seats.1).contains(&seats)
            && (self.hole_cards.0..=self.hole_cards.1).contains(&hole_cards)
    }
}

/// A colour: a fixed one, or a palette name that may contain a binding
/// (`action_{seat.action_kind}`), looked up when drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// A fixed colour.
    Fixed(Color),
    /// A palette name with bindings; falls back to `fallback` when the name is missing.
    Dynamic {
        /// The name, split into text and bindings.
        name: Template,
        /// The colour to use when the resolved name is not in the palette.
        fallback: Color,
    },
}

/// Text with bindings, such as `POT {pot}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    /// Literal text and bindings, in order.
    pub parts: Vec<TemplatePart>,
}

/// A piece of a [`Template`].
#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    /// Text as written.
    Literal(String),
    /// A value from the view.
    Binding(Binding),
}

impl Template {
    /// The bindings it uses.
    pub fn bindings(&self) -> impl Iterator<Item = Binding> + '_ {
        self.parts.iter().filter_map(|p| match p {
            TemplatePart::Binding(b) => Some(*b),
            TemplatePart::Literal(_) => None,
        })
    }
}

/// A condition on the view: a flag, or its negation (`!seat.folded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// The flag.
    pub flag: Flag,
    /// Whether it must be false rather than true.
    pub negated: bool,
}

/// Which cards an element shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardSource {
    /// The seat's hole cards.
    Hole,
    /// The first board's cards.
    Board,
}

/// What an element draws.
#[derive(Debug, Clone, PartialEq)]
pub enum ElementKind {
    /// A rounded rectangle.
    Panel {
        /// Fill, or the gradient's start.
        fill: Paint,
        /// The gradient's end, if a gradient.
        fill_to: Option<Paint>,
        /// Gradient direction in degrees.
        angle_deg: f32,
        /// Corner radius.
        radius: f32,
        /// Border width and colour.
        border: Option<(f32, Paint)>,
        /// Shadow offset, blur and colour.
        shadow: Option<([f32; 2], f32, Paint)>,
    },
    /// Text with bindings.
    Text(TextStyle),
    /// A panel sized to its text, hidden when the text is empty.
    Badge {
        /// Text and its style.
        text: TextStyle,
        /// Background.
        fill: Paint,
        /// Corner radius.
        radius: f32,
    },
    /// A bar filled to a share.
    Bar {
        /// The share, 0..1.
        value: Binding,
        /// The filled part.
        fill: Paint,
        /// The unfilled part.
        track: Paint,
        /// Corner radius.
        radius: f32,
        /// Seconds a change of value takes to slide in (0: at once).
        tween_s: f32,
    },
    /// A row of cards, face up where known and backs elsewhere.
    Cards {
        /// Which cards.
        source: CardSource,
        /// Slots drawn (the board's five); `None`: as many as the seat holds.
        slots: Option<usize>,
        /// Gap between cards in reference units.
        gap: f32,
        /// Whether empty board slots show as faint outlines.
        show_empty: bool,
    },
    /// A picture: a fixed file (PNG, JPEG, SVG), or a placeholder panel showing the seat's
    /// initials (player photos).
    Image {
        /// A fixed file, as written in the skin.
        src: Option<String>,
        /// That file, decoded when the skin is read.
        picture: Option<crate::Image>,
        /// Background of the placeholder.
        fill: Paint,
        /// Colour of the placeholder's initials.
        color: Paint,
        /// Corner radius.
        radius: f32,
    },
    /// A box other elements (`group = "id"`) are placed in and animate with.
    Group,
}

/// How a text or badge element sets its text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// The text.
    pub text: Template,
    /// Size in reference units.
    pub size: f32,
    /// Colour.
    pub color: Paint,
    /// Family (`None`: the skin's).
    pub font: Option<String>,
    /// Weight.
    pub weight: FontWeight,
    /// Horizontal alignment.
    pub align: TextAlign,
    /// Vertical alignment.
    pub valign: VerticalAlign,
    /// Shrink to fit the box width.
    pub fit: bool,
    /// Write the text in capitals.
    pub upper: bool,
    /// Scroll speed in reference units a second, right to left in a seamless loop (a
    /// ticker); 0 keeps the text still.
    pub scroll: f32,
}

/// One element of a skin.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Its id, unique in the skin (`seat.stack`).
    pub id: String,
    /// The line it starts on.
    pub line: usize,
    /// What it draws.
    pub kind: ElementKind,
    /// The region it is placed in.
    pub region: String,
    /// The group it belongs to, if any.
    pub group: Option<String>,
    /// Its box relative to the region (or group), in reference units.
    pub rect: Rect,
    /// Shown only where all of these hold.
    pub when: Vec<Condition>,
    /// Opacity multiplier.
    pub opacity: f32,
    /// Played when it appears (or its content changes, for cards and badges).
    pub enter: Option<Transition>,
    /// Played when it goes.
    pub exit: Option<Transition>,
}

impl Element {
    /// The font family it names, if any.
    pub fn font_family(&self) -> Option<&str> {
        match &self.kind {
            ElementKind::Text(style) | ElementKind::Badge { text: style, .. } => {
                style.font.as_deref()
            }
            _ => None,
        }
    }

    /// Whether a change of content counts as a new appearance (cards flip, badges pop).
    pub fn keyed_by_content(&self) -> bool {
        matches!(
            self.kind,
            ElementKind::Badge { .. } | ElementKind::Cards { .. }
        )
    }

    /// The scope its bindings need.
    pub fn scope_needed(&self) -> Option<(Scope, String)> {
        let mut needs: Vec<Binding> = Vec::new();
        match &self.kind {
            ElementKind::Text(style) => needs.extend(style.text.bindings()),
            ElementKind::Badge { text, .. } => needs.extend(text.text.bindings()),
            ElementKind::Bar { value, .. } => needs.push(*value),
            _ => {}
        }
        let flags = self.when.iter().map(|c| (c.flag.scope(), c.flag.name()));
        needs
            .iter()
            .map(|b| (b.scope(), b.name()))
            .chain(flags)
            .find(|(scope, _)| *scope != Scope::Table)
            .map(|(scope, name)| (scope, name.to_owned()))
    }
}
