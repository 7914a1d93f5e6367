//! A small software overlay: seat boxes, card backs and faces, the board, equity bars and
//! the delay countdown, drawn as rectangles without text.
//!
//! It needs no GPU and no font, so tests and headless tools can render graphics whose
//! card regions are known exactly ([`BasicLayout`]); the on-air look is a ggp-render skin
//! drawn by [`super::SkinOverlay`].

use std::sync::Arc;

use ggp_core::Card;
use ggp_core::view::{PublicCard, PublicTableView, TableView};

use super::{Overlay, OverlayImage};
use crate::StreamError;
use crate::view::ProgramView;

/// The colour of a card back (a deep red), what the live output shows for a hidden card.
pub const CARD_BACK_RGB: [u8; 3] = [150, 20, 40];
/// The colour of a card face (white); a suit mark sits in its lower half.
pub const CARD_FACE_RGB: [u8; 3] = [250, 250, 250];
const PANEL_RGBA: [u8; 4] = [10, 20, 30, 200];
const EQUITY_RGB: [u8; 3] = [40, 200, 90];
const COUNTDOWN_RGB: [u8; 3] = [240, 180, 20];

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// Where [`BasicOverlay`] puts things for a frame size and a number of seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasicLayout {
    width: u32,
    height: u32,
    seats: usize,
}

impl BasicLayout {
    /// The layout of `seats` seat boxes on a `width` x `height` frame.
    pub fn new(width: u32, height: u32, seats: usize) -> Self {
        BasicLayout {
            width,
            height,
            seats: seats.max(1),
        }
    }

    /// The seat box of `seat`: a row of boxes along the bottom of the frame.
    pub fn seat_rect(&self, seat: usize) -> PixelRect {
        let box_width = self.width / self.seats as u32;
        let height = self.height * 3 / 20;
        PixelRect {
            x: box_width * seat as u32 + box_width / 20,
            y: self.height - height - self.height / 40,
            width: box_width * 9 / 10,
            height,
        }
    }

    /// The rectangle of hole card `slot` of `cards` at `seat`.
    pub fn hole_card_rect(&self, seat: usize, slot: usize, cards: usize) -> PixelRect {
        let seat_rect = self.seat_rect(seat);
        let height = seat_rect.height * 8 / 10;
        let width = (height * 5 / 7).min(seat_rect.width / (cards.max(1) as u32 + 1));
        let gap = width / 8;
        PixelRect {
            x: seat_rect.x + gap + (width + gap) * slot as u32,
            y: seat_rect.y + seat_rect.height / 10,
            width,
            height,
        }
    }

    /// The rectangle of board card `slot` (of five), centred near the top.
    pub fn board_card_rect(&self, slot: usize) -> PixelRect {
        let height = self.height / 8;
        let width = height * 5 / 7;
        let gap = width / 6;
        let total = 5 * width + 4 * gap;
        PixelRect {
            x: self.width.saturating_sub(total) / 2 + (width + gap) * slot as u32,
            y: self.height / 20,
            width,
            height,
        }
    }
}

/// What a card position shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CardFace {
    Back,
    Face(Card),
}

/// The software overlay; it renders both public and program views.
#[derive(Debug, Clone)]
pub struct BasicOverlay {
    width: u32,
    height: u32,
}

impl BasicOverlay {
    /// An overlay for `width` x `height` video.
    pub fn new(width: u32, height: u32) -> Self {
        BasicOverlay { width, height }
    }

    fn draw(
        &self,
        seats: &[Vec<CardFace>],
        board: &[Card],
        equity: &[Option<f64>],
        countdown: Option<f64>,
    ) -> OverlayImage {
        let mut image = OverlayImage::transparent(self.width, self.height);
        let layout = BasicLayout::new(self.width, self.height, seats.len());
        for (seat, cards) in seats.iter().enumerate() {
            fill(&mut image, layout.seat_rect(seat), PANEL_RGBA);
            for (slot, face) in cards.iter().enumerate() {
                let rect = layout.hole_card_rect(seat, slot, cards.len());
                draw_card(&mut image, rect, *face);
            }
            if let Some(Some(share)) = equity.get(seat) {
                let seat_rect = layout.seat_rect(seat);
                let bar = PixelRect {
                    x: seat_rect.x,
                    y: seat_rect.y + seat_rect.height - seat_rect.height / 12,
                    width: (f64::from(seat_rect.width) * share.clamp(0.0, 1.0)) as u32,
                    height: seat_rect.height / 12,
                };
                fill(&mut image, bar, opaque(EQUITY_RGB));
            }
        }
        for (slot, card) in board.iter().take(5).enumerate() {
            draw_card(
                &mut image,
                layout.board_card_rect(slot),
                CardFace::Face(*card),
            );
        }
        if let Some(fraction) = countdown {
            let bar = PixelRect {
                x: 0,
                y: 0,
                width: (f64::from(self.width) * fraction.clamp(0.0, 1.0)) as u32,
                height: (self.height / 60).max(1),
            };
            fill(&mut image, bar, opaque(COUNTDOWN_RGB));
        }
        image
    }
}

fn opaque(rgb: [u8; 3]) -> [u8; 4] {
    [rgb[0], rgb[1], rgb[2], 255]
}

fn suit_rgb(card: Card) -> [u8; 3] {
    match card.suit().letter() {
        'h' => [210, 20, 20],
        'd' => [20, 90, 220],
        'c' => [20, 150, 40],
        _ => [20, 20, 20],
    }
}

fn draw_card(image: &mut OverlayImage, rect: PixelRect, face: CardFace) {
    match face {
        CardFace::Back => fill(image, rect, opaque(CARD_BACK_RGB)),
        CardFace::Face(card) => {
            fill(image, rect, opaque(CARD_FACE_RGB));
            // The suit mark: its colour tells the suit, its height the rank.
            let rank = u32::from(card.rank().index()) + 1;
            let mark_height = rect.height / 2 * rank / 13;
            let mark = PixelRect {
                x: rect.x + rect.width / 4,
                y: rect.y + rect.height - rect.height / 10 - mark_height,
                width: rect.width / 2,
                height: mark_height,
            };
            fill(image, mark, opaque(suit_rgb(card)));
        }
    }
}

/// Fills `rect` with a premultiplied colour, clipped to the image.
fn fill(image: &mut OverlayImage, rect: PixelRect, rgba: [u8; 4]) {
    let alpha = u32::from(rgba[3]);
    let premultiplied = [
        (u32::from(rgba[0]) * alpha / 255) as u8,
        (u32::from(rgba[1]) * alpha / 255) as u8,
        (u32::from(rgba[2]) * alpha / 255) as u8,
        rgba[3],
    ];
    let x_end = (rect.x + rect.width).min(image.width);
    let y_end = (rect.y + rect.height).min(image.height);
    for y in rect.y.min(y_end)..y_end {
        let row = (y * image.width) as usize * 4;
        for x in rect.x.min(x_end)..x_end {
            let p = row + x as usize * 4;
            image.rgba[p..p + 4].copy_from_slice(&premultiplied);
        }
    }
}

impl Overlay<Option<PublicTableView>> for BasicOverlay {
    fn render(
        &mut self,
        view: &Option<PublicTableView>,
        _time_ns: i64,
    ) -> Result<Arc<OverlayImage>, StreamError> {
        let Some(view) = view else {
            return Ok(Arc::new(OverlayImage::transparent(self.width, self.height)));
        };
        let seats: Vec<Vec<CardFace>> = view
            .seats
            .iter()
            .map(|seat| {
                seat.hole_cards
                    .iter()
                    .map(|card| match card {
                        PublicCard::Down => CardFace::Back,
                        PublicCard::Up(card) => CardFace::Face(*card),
                    })
                    .collect()
            })
            .collect();
        let board = view.boards.first().cloned().unwrap_or_default();
        Ok(Arc::new(self.draw(&seats, &board, &[], None)))
    }
}

impl Overlay<ProgramView> for BasicOverlay {
    fn render(
        &mut self,
        view: &ProgramView,
        _time_ns: i64,
    ) -> Result<Arc<OverlayImage>, StreamError> {
        let countdown = view.delay.countdown_fraction();
        let Some(table) = &view.table else {
            return Ok(Arc::new(self.draw(&[], &[], &[], countdown)));
        };
        let (seats, equity) = program_seats(table);
        let board = table.boards.first().cloned().unwrap_or_default();
        Ok(Arc::new(self.draw(&seats, &board, &equity, countdown)))
    }
}

fn program_seats(table: &TableView) -> (Vec<Vec<CardFace>>, Vec<Option<f64>>) {
    let seats = table
        .seats
        .iter()
        .map(|seat| {
            seat.hole_cards
                .iter()
                .map(|card| match card {
                    Some(card) => CardFace::Face(*card),
                    None => CardFace::Back,
                })
                .collect()
        })
        .collect();
    let equity = table
        .seats
        .iter()
        .map(|seat| seat.equity.as_ref().map(|e| e.equity))
        .collect();
    (seats, equity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hole_cards_sit_inside_their_seat_box_and_do_not_overlap() {
        let layout = BasicLayout::new(1920, 1080, 6);
        for seat in 0..6 {
            let boxed = layout.seat_rect(seat);
            let first = layout.hole_card_rect(seat, 0, 2);
            let second = layout.hole_card_rect(seat, 1, 2);
            assert!(first.x >= boxed.x && second.x + second.width <= boxed.x + boxed.width);
            assert!(first.x + first.width <= second.x);
            assert!(first.y + first.height <= boxed.y + boxed.height);
        }
    }
}
