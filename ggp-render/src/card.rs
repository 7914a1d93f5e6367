//! Card layers: faces and backs, drawn flat from rank and suit or from a bundled SVG deck.

use ggp_core::{Card, Rank, Suit};

use crate::{
    Border, Color, Fill, FontWeight, Group, Layer, Rect, ShapeLayer, TextAlign, TextLayer,
};

/// Which side of a card is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardFace {
    /// The face of this card.
    Up(Card),
    /// The back.
    Back,
}

/// A bundled public-domain SVG deck (see `assets/card-decks/README.md`).
///
/// Deck art is 2:3 (210 x 315 units); give card layers that aspect to avoid stretching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DeckId {
    /// Saul Spatz's jumbo-index deck (large corner index, broadcast friendly), red back.
    #[default]
    JumboIndex,
    /// The same deck with its blue back.
    JumboIndexBlueBack,
}

/// The look of a flat card: a white rounded card with a big rank and suit symbol.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlatCardStyle {
    /// Four-colour deck: diamonds blue and clubs green, as many broadcasts use.
    pub four_color: bool,
    /// The face's paper colour.
    pub face: Color,
    /// The thin outline around the card.
    pub outline: Color,
    /// Colour of spades (and clubs unless four-colour).
    pub black: Color,
    /// Colour of hearts (and diamonds unless four-colour).
    pub red: Color,
    /// Colour of diamonds in four-colour mode.
    pub blue: Color,
    /// Colour of clubs in four-colour mode.
    pub green: Color,
    /// The back's gradient, top-left to bottom-right.
    pub back_from: Color,
    /// The back's gradient end colour.
    pub back_to: Color,
    /// Corner radius as a share of the card's width.
    pub corner_ratio: f32,
}

impl Default for FlatCardStyle {
    fn default() -> Self {
        Self {
            four_color: false,
            face: Color::rgb(250, 250, 247),
            outline: Color::rgb(170, 170, 176),
            black: Color::rgb(22, 22, 28),
            red: Color::rgb(206, 22, 36),
            blue: Color::rgb(24, 84, 196),
            green: Color::rgb(22, 130, 54),
            back_from: Color::rgb(150, 20, 36),
            back_to: Color::rgb(70, 8, 20),
            corner_ratio: 0.1,
        }
    }
}

impl FlatCardStyle {
    /// The default style with four-colour suits.
    pub fn four_color() -> Self {
        Self {
            four_color: true,
            ..Self::default()
        }
    }

    /// The ink colour of `suit`.
    pub fn suit_color(&self, suit: Suit) -> Color {
        match (suit, self.four_color) {
            (Suit::Spades, _) | (Suit::Clubs, false) => self.black,
            (Suit::Hearts, _) | (Suit::Diamonds, false) => self.red,
            (Suit::Diamonds, true) => self.blue,
            (Suit::Clubs, true) => self.green,
        }
    }
}

/// How a card is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CardStyle {
    /// Drawn with shapes and text: crisp at any size, readable at 40 px wide.
    Flat(FlatCardStyle),
    /// Rasterised from a bundled SVG deck, once per card and pixel size, then cached.
    Deck(DeckId),
}

impl Default for CardStyle {
    fn default() -> Self {
        CardStyle::Flat(FlatCardStyle::default())
    }
}

/// A playing card, face up or down, in a box.
///
/// ```
/// use ggp_render::{CardFace, CardLayer, CardStyle, DeckId, Rect};
/// let card: ggp_core::Card = "Ah".parse()?;
/// let flat = CardLayer::new(Rect::new(10.0, 10.0, 50.0, 70.0), CardFace::Up(card));
/// let deck = CardLayer::new(Rect::new(70.0, 10.0, 50.0, 75.0), CardFace::Back)
///     .with_style(CardStyle::Deck(DeckId::JumboIndex))
///     .with_opacity(0.5);
/// assert_ne!(flat, deck);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardLayer {
    /// The card's box; flat cards look best at 5:7, deck cards at 2:3.
    pub rect: Rect,
    /// Face or back.
    pub face: CardFace,
    /// Flat or a bundled deck.
    pub style: CardStyle,
    /// 0.0 (invisible) to 1.0.
    pub opacity: f32,
}

impl CardLayer {
    /// An opaque card in the default flat style.
    pub fn new(rect: Rect, face: CardFace) -> Self {
        Self {
            rect,
            face,
            style: CardStyle::default(),
            opacity: 1.0,
        }
    }

    /// Sets the style.
    pub fn with_style(mut self, style: CardStyle) -> Self {
        self.style = style;
        self
    }

    /// Sets the opacity (clamped to 0.0-1.0 when drawn).
    pub fn with_opacity(mut self, opacity: f32) -> Self {
        self.opacity = opacity;
        self
    }
}

/// The rank as printed on a card: "10", not "T".
fn rank_label(rank: Rank) -> String {
    match rank {
        Rank::Ten => "10".to_owned(),
        other => other.letter().to_string(),
    }
}

/// A flat card as a group of shapes and text; the group carries the opacity so that the
/// ink does not show the paper through it when the card fades.
pub(crate) fn flat_card(rect: Rect, face: CardFace, style: &FlatCardStyle, opacity: f32) -> Group {
    let (w, h) = (rect.width, rect.height);
    let radius = w * style.corner_ratio;
    let outline = Border {
        width: (w * 0.02).max(1.0),
        color: style.outline,
    };
    let paper = ShapeLayer::new(rect, Fill::Solid(style.face))
        .with_corner_radius(radius)
        .with_border(outline);
    let mut layers: Vec<Layer> = vec![paper.into()];
    match face {
        CardFace::Up(card) => {
            let ink = style.suit_color(card.suit());
            let pad = w * 0.06;
            let rank_box = Rect::new(rect.x + pad, rect.y + h * 0.02, w - 2.0 * pad, h * 0.5);
            layers.push(
                TextLayer::new(rank_label(card.rank()), rank_box, h * 0.44, ink)
                    .with_weight(FontWeight::Bold)
                    .with_align(TextAlign::Center)
                    .with_fit_to_width(true)
                    .into(),
            );
            let suit_box = Rect::new(rect.x + pad, rect.y + h * 0.47, w - 2.0 * pad, h * 0.5);
            layers.push(
                TextLayer::new(card.suit().symbol().to_string(), suit_box, h * 0.46, ink)
                    .with_align(TextAlign::Center)
                    .with_fit_to_width(true)
                    .into(),
            );
        }
        CardFace::Back => {
            let inset = w * 0.08;
            let inner = Rect::new(
                rect.x + inset,
                rect.y + inset,
                w - 2.0 * inset,
                h - 2.0 * inset,
            );
            let gradient = Fill::LinearGradient {
                from: style.back_from,
                to: style.back_to,
                angle_deg: 55.0,
            };
            layers.push(
                ShapeLayer::new(inner, gradient)
                    .with_corner_radius((radius - inset).max(radius * 0.4))
                    .into(),
            );
            let line = (w * 0.025).max(1.0);
            let frame = Rect::new(
                inner.x + line * 2.0,
                inner.y + line * 2.0,
                inner.width - line * 4.0,
                inner.height - line * 4.0,
            );
            layers.push(
                ShapeLayer::new(frame, Fill::Solid(Color::TRANSPARENT))
                    .with_corner_radius((radius - inset).max(radius * 0.3))
                    .with_border(Border {
                        width: line,
                        color: style.face.with_alpha(150),
                    })
                    .into(),
            );
        }
    }
    Group::new(layers).with_opacity(opacity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_colour_changes_diamonds_and_clubs_only() {
        let two = FlatCardStyle::default();
        let four = FlatCardStyle::four_color();
        assert_eq!(two.suit_color(Suit::Diamonds), two.red);
        assert_eq!(four.suit_color(Suit::Diamonds), four.blue);
        assert_eq!(four.suit_color(Suit::Clubs), four.green);
        assert_eq!(four.suit_color(Suit::Hearts), four.red);
        assert_eq!(four.suit_color(Suit::Spades), two.suit_color(Suit::Spades));
    }

    #[test]
    fn flat_face_prints_ten_as_10() {
        let card = Card::new(Rank::Ten, Suit::Hearts);
        let group = flat_card(
            Rect::new(0.0, 0.0, 50.0, 70.0),
            CardFace::Up(card),
            &FlatCardStyle::default(),
            1.0,
        );
        let texts: Vec<&str> = group
            .layers
            .iter()
            .filter_map(|l| match l {
                Layer::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["10", "♥"]);
    }
}
