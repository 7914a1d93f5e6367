//! The bundled SVG deck (Saul Spatz's jumbo-index deck, public domain, stored as svgz by
//! `tools/shrink-deck`) and SVG rasterising.

use crate::{CardFace, DeckId, ImageProblem, RenderError};

/// Faces indexed like [`ggp_core::Card::index`]: `rank * 4 + suit`, clubs first, twos first.
const FACES: [&[u8]; 52] = [
    include_bytes!("../assets/card-decks/jumbo-index/club2.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond2.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart2.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade2.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club3.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond3.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart3.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade3.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club4.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond4.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart4.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade4.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club5.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond5.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart5.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade5.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club6.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond6.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart6.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade6.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club7.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond7.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart7.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade7.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club8.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond8.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart8.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade8.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club9.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond9.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart9.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade9.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/club10.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamond10.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heart10.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spade10.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/clubJack.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamondJack.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heartJack.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spadeJack.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/clubQueen.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamondQueen.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heartQueen.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spadeQueen.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/clubKing.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamondKing.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heartKing.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spadeKing.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/clubAce.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/diamondAce.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/heartAce.svgz"),
    include_bytes!("../assets/card-decks/jumbo-index/spadeAce.svgz"),
];
const RED_BACK: &[u8] = include_bytes!("../assets/card-decks/jumbo-index/redBack.svgz");
const BLUE_BACK: &[u8] = include_bytes!("../assets/card-decks/jumbo-index/blueBack.svgz");

/// The SVG document for `face` in `deck`.
pub(crate) fn card_svg(deck: DeckId, face: CardFace) -> &'static [u8] {
    match (face, deck) {
        (CardFace::Up(card), _) => FACES[usize::from(card.index()) % FACES.len()],
        (CardFace::Back, DeckId::JumboIndex) => RED_BACK,
        (CardFace::Back, DeckId::JumboIndexBlueBack) => BLUE_BACK,
    }
}

/// Parses an SVG document; `what` names it in the error.
pub(crate) fn parse_svg(data: &[u8], what: &str) -> Result<resvg::usvg::Tree, RenderError> {
    resvg::usvg::Tree::from_data(data, &resvg::usvg::Options::default()).map_err(|e| {
        RenderError::Image {
            source_name: what.to_owned(),
            kind: ImageProblem::Corrupt,
            detail: format!("not a usable SVG document: {e}"),
        }
    })
}

/// Rasterises `tree` stretched to `width` x `height` pixels; premultiplied RGBA8 rows.
pub(crate) fn rasterize(
    tree: &resvg::usvg::Tree,
    width: u32,
    height: u32,
    what: &str,
) -> Result<Vec<u8>, RenderError> {
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(width, height).ok_or_else(|| RenderError::Image {
            source_name: what.to_owned(),
            kind: ImageProblem::BadSize,
            detail: format!("cannot rasterise at {width}x{height} pixels"),
        })?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(tree, transform, &mut pixmap.as_mut());
    Ok(pixmap.take())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ggp_core::Card;

    #[test]
    fn every_face_parses_and_the_ace_of_spades_is_where_expected() {
        for card in Card::all() {
            let svg = card_svg(DeckId::JumboIndex, CardFace::Up(card));
            parse_svg(svg, "deck").expect("bundled card parses");
        }
        let ace: Card = "As".parse().expect("card");
        // Gzip-compressed SVG, as tools/shrink-deck writes it.
        assert_eq!(
            card_svg(DeckId::JumboIndex, CardFace::Up(ace))[..2],
            [0x1f, 0x8b]
        );
    }

    #[test]
    fn garbage_is_not_svg() {
        let err = parse_svg(b"<not svg", "test.svgz").expect_err("rejected");
        assert!(err.to_string().contains("test.svgz"));
    }

    #[test]
    fn rasterises_at_the_asked_size() {
        let tree = parse_svg(card_svg(DeckId::JumboIndex, CardFace::Back), "back").expect("parses");
        let pixels = rasterize(&tree, 40, 60, "back").expect("rasterises");
        assert_eq!(pixels.len(), 40 * 60 * 4);
        // The middle of a back is opaque paint.
        let mid = (30 * 40 + 20) * 4;
        assert_eq!(pixels[mid + 3], 255);
    }
}
