//! The one shape of table the overlay draws, made from the full or the public view.
//!
//! The public view has no hidden hole card, no equity and no outs; its conversion keeps it
//! that way (hidden cards become [`CardFace::Down`]), so a skin cannot show what the view
//! does not carry.

use ggp_core::view::{
    EquityView, LastAction, PotView, PublicCard, PublicTableView, SeatStatus, TableView,
};
use ggp_core::{Card, Chips};

/// A card as drawn: its face, or its back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardFace {
    /// Face up.
    Up(Card),
    /// Face down (or unknown).
    Down,
}

/// One seat as the overlay draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlaySeat {
    /// The player's index in the hand.
    pub player: usize,
    /// Name.
    pub name: String,
    /// Chips behind.
    pub stack: Chips,
    /// Chips bet on this street.
    pub bet: Chips,
    /// Active, all in or folded.
    pub status: SeatStatus,
    /// Hole cards.
    pub cards: Vec<CardFace>,
    /// Last action on this street.
    pub last_action: Option<LastAction>,
    /// Equity and outs (full view only).
    pub equity: Option<EquityView>,
    /// Whether it is this player's turn.
    pub to_act: bool,
    /// Chips won at the end of the hand.
    pub won: Chips,
}

/// A table as the overlay draws it, from a [`TableView`] or a [`PublicTableView`], with
/// the broadcast's own ticker text.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayView {
    /// Hand number.
    pub hand_number: u64,
    /// Variant code.
    pub variant: String,
    /// Variant name.
    pub variant_name: String,
    /// Street index.
    pub street: Option<usize>,
    /// Button's player index.
    pub button: Option<usize>,
    /// Blind level label.
    pub level: Option<String>,
    /// Blinds and straddles.
    pub blinds: Vec<Chips>,
    /// Seats.
    pub seats: Vec<OverlaySeat>,
    /// The first board.
    pub board: Vec<Card>,
    /// Pots, main first.
    pub pots: Vec<PotView>,
    /// Everything in the middle.
    pub total_pot: Chips,
    /// Whether the hand is over.
    pub complete: bool,
    /// Ticker text (`None`: the skin's).
    pub ticker: Option<String>,
}

impl OverlayView {
    /// The same view with a ticker text.
    pub fn with_ticker(mut self, ticker: impl Into<String>) -> Self {
        self.ticker = Some(ticker.into());
        self
    }

    /// The most hole cards any seat holds.
    pub fn hole_card_count(&self) -> usize {
        self.seats.iter().map(|s| s.cards.len()).max().unwrap_or(0)
    }

    /// The big blind: the largest forced bet.
    pub fn big_blind(&self) -> Chips {
        self.blinds.iter().copied().max().unwrap_or(Chips::ZERO)
    }

    /// The seat the lower third is about: the biggest winner once the hand is over,
    /// otherwise the player to act.
    pub fn focus(&self) -> Option<&OverlaySeat> {
        if self.complete {
            self.seats
                .iter()
                .filter(|s| s.won.is_positive())
                .max_by(|a, b| a.won.cmp(&b.won).then(b.player.cmp(&a.player)))
        } else {
            self.seats.iter().find(|s| s.to_act)
        }
    }

    /// Seats by stack, largest first (ties by seat).
    pub fn leaderboard(&self) -> Vec<&OverlaySeat> {
        let mut seats: Vec<&OverlaySeat> = self.seats.iter().collect();
        seats.sort_by(|a, b| b.stack.cmp(&a.stack).then(a.player.cmp(&b.player)));
        seats
    }

    /// Side pots: every pot after the main one.
    pub fn side_pots(&self) -> &[PotView] {
        self.pots.get(1..).unwrap_or(&[])
    }
}

impl From<&TableView> for OverlayView {
    fn from(view: &TableView) -> Self {
        OverlayView {
            hand_number: view.hand_number,
            variant: view.variant.clone(),
            variant_name: view.variant_name.clone(),
            street: view.street,
            button: view.button,
            level: view.level.clone(),
            blinds: view.blinds.clone(),
            seats: view
                .seats
                .iter()
                .map(|seat| OverlaySeat {
                    player: seat.player,
                    name: seat.name.clone(),
                    stack: seat.stack,
                    bet: seat.bet,
                    status: seat.status,
                    cards: seat
                        .hole_cards
                        .iter()
                        .map(|card| card.map_or(CardFace::Down, CardFace::Up))
                        .collect(),
                    last_action: seat.last_action.clone(),
                    equity: seat.equity.clone(),
                    to_act: seat.to_act,
                    won: seat.won,
                })
                .collect(),
            board: view.boards.first().cloned().unwrap_or_default(),
            pots: view.pots.clone(),
            total_pot: view.total_pot,
            complete: view.complete,
            ticker: None,
        }
    }
}

impl From<&PublicTableView> for OverlayView {
    fn from(view: &PublicTableView) -> Self {
        OverlayView {
            hand_number: view.hand_number,
            variant: view.variant.clone(),
            variant_name: view.variant_name.clone(),
            street: view.street,
            button: view.button,
            level: view.level.clone(),
            blinds: view.blinds.clone(),
            seats: view
                .seats
                .iter()
                .map(|seat| OverlaySeat {
                    player: seat.player,
                    name: seat.name.clone(),
                    stack: seat.stack,
                    bet: seat.bet,
                    status: seat.status,
                    cards: seat
                        .hole_cards
                        .iter()
                        .map(|card| match card {
                            PublicCard::Up(card) => CardFace::Up(*card),
                            PublicCard::Down => CardFace::Down,
                        })
                        .collect(),
                    last_action: seat.last_action.clone(),
                    equity: None,
                    to_act: seat.to_act,
                    won: seat.won,
                })
                .collect(),
            board: view.boards.first().cloned().unwrap_or_default(),
            pots: view.pots.clone(),
            total_pot: view.total_pot,
            complete: view.complete,
            ticker: None,
        }
    }
}

impl From<TableView> for OverlayView {
    fn from(view: TableView) -> Self {
        OverlayView::from(&view)
    }
}

impl From<PublicTableView> for OverlayView {
    fn from(view: PublicTableView) -> Self {
        OverlayView::from(&view)
    }
}
