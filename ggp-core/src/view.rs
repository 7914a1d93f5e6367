//! The views graphics read: everything a broadcast shows about a table, as plain data.
//!
//! Two types, on purpose. [`TableView`] is the whole truth, for the delayed program feed
//! and the production. [`PublicTableView`] is what the venue may see right now: hole
//! cards appear only once public (dealt face up, shown at showdown or tabled all-in), and
//! there are no equities or outs, which would reveal them. Its types have no field that
//! could carry a hidden hole card, so the live path cannot leak one by mistake: it never
//! has it. Both serialize to JSON with a versioned schema ([`VIEW_SCHEMA_VERSION`]).

use crate::card::Card;
use crate::chips::Chips;
use crate::rules::{Action, Hand, HandState, Operation, Pending};

/// The version of the JSON schema of the views; bumped on any incompatible change.
pub const VIEW_SCHEMA_VERSION: u32 = 1;

/// Where a player stands in the hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatStatus {
    /// Still in, with chips behind.
    Active,
    /// Still in, with no chips behind.
    AllIn,
    /// Out of this hand.
    Folded,
}

/// A player's last action, as a badge shows it ("CHECK", "BET 1,200", "ALL-IN").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LastAction {
    /// Checked.
    Check,
    /// Called, for this many chips.
    Call {
        /// Chips put in by the call.
        amount: Chips,
    },
    /// Bet (or completed) to this total.
    Bet {
        /// The street total.
        to: Chips,
    },
    /// Raised to this total.
    Raise {
        /// The street total.
        to: Chips,
    },
    /// Posted the bring-in.
    BringIn {
        /// How much.
        amount: Chips,
    },
    /// Folded.
    Fold,
    /// Drew this many cards (0: stood pat).
    Draw {
        /// Cards drawn.
        count: usize,
    },
    /// Showed their cards.
    Show,
    /// Mucked their cards.
    Muck,
}

/// Per-player live numbers filled in by the equity code (full view only).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, Default)]
pub struct EquityView {
    /// Share of the pot the player wins on average, 0 to 1.
    pub equity: f64,
    /// Chance to win outright.
    pub win: f64,
    /// Chance to tie.
    pub tie: f64,
    /// The next cards that put this player ahead.
    pub outs: Vec<Card>,
    /// Whether the figures are exact or still a Monte Carlo estimate.
    pub exact: bool,
}

/// One seat in the full view.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SeatView {
    /// The player's index in the hand (PHH's p1 is 0).
    pub player: usize,
    /// The name shown on screen.
    pub name: String,
    /// Chips behind.
    pub stack: Chips,
    /// Chips bet on this street.
    pub bet: Chips,
    /// Active, all in or folded.
    pub status: SeatStatus,
    /// Hole cards in order; `None` for a card nobody entered.
    pub hole_cards: Vec<Option<Card>>,
    /// Which hole cards the table can see.
    pub face_up: Vec<bool>,
    /// The last thing the player did on this street, if anything.
    pub last_action: Option<LastAction>,
    /// Equity and outs, once computed.
    pub equity: Option<EquityView>,
    /// Whether it is this player's turn.
    pub to_act: bool,
    /// Chips won at the end of the hand.
    pub won: Chips,
}

/// A hole card as the public may see it: face down, with nothing to know about it, or
/// face up with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "face", content = "card", rename_all = "snake_case")]
pub enum PublicCard {
    /// A card whose value is not public.
    Down,
    /// A card everyone can see.
    Up(Card),
}

/// One seat in the public view: no hidden hole card, no equity, no outs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublicSeatView {
    /// The player's index in the hand.
    pub player: usize,
    /// The name shown on screen.
    pub name: String,
    /// Chips behind.
    pub stack: Chips,
    /// Chips bet on this street.
    pub bet: Chips,
    /// Active, all in or folded.
    pub status: SeatStatus,
    /// The hole cards as the public sees them.
    pub hole_cards: Vec<PublicCard>,
    /// The last thing the player did on this street.
    pub last_action: Option<LastAction>,
    /// Whether it is this player's turn.
    pub to_act: bool,
    /// Chips won at the end of the hand.
    pub won: Chips,
}

/// A pot as graphics show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PotView {
    /// The chips in it.
    pub amount: Chips,
    /// Who can still win it.
    pub players: Vec<usize>,
}

/// What lasts across hands and frames the view: the table's identity and stakes.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct TableInfo {
    /// The hand number shown on screen.
    pub hand_number: u64,
    /// Player names by index; missing names show as "Player N".
    pub names: Vec<String>,
    /// The button's player index, for games with a button.
    pub button: Option<usize>,
    /// The blind level's label, e.g. "Level 12: 2,000/4,000 (4,000)".
    pub level: Option<String>,
}

/// Everything graphics need to draw a table, with every card known to the production.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TableView {
    /// [`VIEW_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The hand number.
    pub hand_number: u64,
    /// The variant's code, e.g. "NT".
    pub variant: String,
    /// The variant's name, e.g. "No-Limit Texas Hold'em".
    pub variant_name: String,
    /// The street index, if a street is running.
    pub street: Option<usize>,
    /// The button's player index.
    pub button: Option<usize>,
    /// The blind level's label.
    pub level: Option<String>,
    /// Blinds and straddles by player.
    pub blinds: Vec<Chips>,
    /// The seats.
    pub seats: Vec<SeatView>,
    /// Each board's cards (more than one when run twice).
    pub boards: Vec<Vec<Card>>,
    /// The pots, main first.
    pub pots: Vec<PotView>,
    /// All chips in the middle, this street's bets included.
    pub total_pot: Chips,
    /// Whether the hand is over.
    pub complete: bool,
}

/// What the venue and the live feed may see now: see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublicTableView {
    /// [`VIEW_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The hand number.
    pub hand_number: u64,
    /// The variant's code.
    pub variant: String,
    /// The variant's name.
    pub variant_name: String,
    /// The street index, if a street is running.
    pub street: Option<usize>,
    /// The button's player index.
    pub button: Option<usize>,
    /// The blind level's label.
    pub level: Option<String>,
    /// Blinds and straddles by player.
    pub blinds: Vec<Chips>,
    /// The seats, without hidden hole cards.
    pub seats: Vec<PublicSeatView>,
    /// Each board's cards.
    pub boards: Vec<Vec<Card>>,
    /// The pots, main first.
    pub pots: Vec<PotView>,
    /// All chips in the middle.
    pub total_pot: Chips,
    /// Whether the hand is over.
    pub complete: bool,
}

impl TableView {
    /// The full view of a hand now.
    pub fn of(hand: &Hand, table: &TableInfo) -> TableView {
        let state = hand.state();
        let players = state.player_count();
        let last_actions = last_actions(state, players);
        let won = winnings(state, players);
        let to_act = match state.pending() {
            Pending::Bet { player }
            | Pending::Draw { player }
            | Pending::Discard { player, .. } => Some(player),
            _ => None,
        };
        let seats = (0..players)
            .map(|player| {
                let hole = state.hole_cards(player);
                let status = if !state.active()[player] {
                    SeatStatus::Folded
                } else if state.stacks()[player].is_zero() && state.street_index().is_some() {
                    SeatStatus::AllIn
                } else {
                    SeatStatus::Active
                };
                SeatView {
                    player,
                    name: table
                        .names
                        .get(player)
                        .cloned()
                        .unwrap_or_else(|| format!("Player {}", player + 1)),
                    stack: state.stacks()[player] + state.behind()[player],
                    bet: state.bets()[player],
                    status,
                    hole_cards: hole.iter().map(|h| h.card).collect(),
                    face_up: hole.iter().map(|h| h.face_up).collect(),
                    last_action: last_actions[player].clone(),
                    equity: None,
                    to_act: to_act == Some(player),
                    won: won[player],
                }
            })
            .collect();
        TableView {
            schema_version: VIEW_SCHEMA_VERSION,
            hand_number: table.hand_number,
            variant: state.variant().code.clone(),
            variant_name: state.variant().name.clone(),
            street: state.street_index(),
            button: table.button,
            level: table.level.clone(),
            blinds: state.config().blinds_or_straddles.clone(),
            seats,
            boards: (0..state.board_count())
                .map(|b| state.board_cards(b))
                .collect(),
            pots: state
                .pots()
                .into_iter()
                .map(|p| PotView {
                    amount: p.amount,
                    players: p.players,
                })
                .collect(),
            total_pot: state.total_pot(),
            complete: state.is_complete(),
        }
    }

    /// The public view: hole cards only where face up, no equity, no outs.
    pub fn to_public(&self) -> PublicTableView {
        PublicTableView {
            schema_version: self.schema_version,
            hand_number: self.hand_number,
            variant: self.variant.clone(),
            variant_name: self.variant_name.clone(),
            street: self.street,
            button: self.button,
            level: self.level.clone(),
            blinds: self.blinds.clone(),
            seats: self
                .seats
                .iter()
                .map(|seat| PublicSeatView {
                    player: seat.player,
                    name: seat.name.clone(),
                    stack: seat.stack,
                    bet: seat.bet,
                    status: seat.status,
                    hole_cards: seat
                        .hole_cards
                        .iter()
                        .zip(&seat.face_up)
                        .map(|(card, &up)| match (card, up) {
                            (Some(card), true) => PublicCard::Up(*card),
                            _ => PublicCard::Down,
                        })
                        .collect(),
                    last_action: seat.last_action.clone(),
                    to_act: seat.to_act,
                    won: seat.won,
                })
                .collect(),
            boards: self.boards.clone(),
            pots: self.pots.clone(),
            total_pot: self.total_pot,
            complete: self.complete,
        }
    }
}

/// Each player's last action on the current street (all streets once the hand is over).
fn last_actions(state: &HandState, players: usize) -> Vec<Option<LastAction>> {
    let mut last = vec![None; players];
    let mut street_max = Chips::ZERO;
    // Blinds are posted before the first street starts, and make the first bet a raise.
    let mut largest_blind = Chips::ZERO;
    for operation in state.operations() {
        match operation {
            Operation::StreetStarted { street } => {
                last.iter_mut().for_each(|l| *l = None);
                street_max = if *street == 0 {
                    largest_blind
                } else {
                    Chips::ZERO
                };
            }
            Operation::BlindPosted { amount, .. } => largest_blind = largest_blind.max(*amount),
            Operation::CheckedOrCalled { player, amount } => {
                last[*player] = Some(if amount.is_zero() {
                    LastAction::Check
                } else {
                    LastAction::Call { amount: *amount }
                });
            }
            Operation::BringInPosted { player, amount } => {
                street_max = street_max.max(*amount);
                last[*player] = Some(LastAction::BringIn { amount: *amount });
            }
            Operation::Applied { action } => match action {
                Action::BetOrRaiseTo { player, amount } => {
                    last[*player] = Some(if street_max.is_zero() {
                        LastAction::Bet { to: *amount }
                    } else {
                        LastAction::Raise { to: *amount }
                    });
                    street_max = street_max.max(*amount);
                }
                Action::Fold { player } => last[*player] = Some(LastAction::Fold),
                Action::Draw { player, discards } => {
                    last[*player] = Some(LastAction::Draw {
                        count: discards.len(),
                    })
                }
                Action::ShowOrMuck { player, cards } => {
                    last[*player] = Some(if cards.is_some() {
                        LastAction::Show
                    } else {
                        LastAction::Muck
                    });
                }
                _ => {}
            },
            _ => {}
        }
    }
    last
}

fn winnings(state: &HandState, players: usize) -> Vec<Chips> {
    let mut won = vec![Chips::ZERO; players];
    for operation in state.operations() {
        if let Operation::PotAwarded { amounts, .. } = operation {
            for (total, amount) in won.iter_mut().zip(amounts) {
                *total += *amount;
            }
        }
    }
    won
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::parse_cards;
    use crate::rules::{HandConfig, variant};

    fn dealt(text: &str) -> Vec<Option<Card>> {
        parse_cards(text).unwrap().into_iter().map(Some).collect()
    }

    fn heads_up() -> Hand {
        let config = HandConfig::new(variant("NT").unwrap(), vec![Chips::from(100); 2])
            .with_blinds(&[Chips::from(1), Chips::from(2)])
            .with_min_bet(Chips::from(2));
        let mut hand = Hand::new(config).unwrap();
        hand.apply(Action::DealHole {
            player: 0,
            cards: dealt("AsKs"),
        })
        .unwrap();
        hand.apply(Action::DealHole {
            player: 1,
            cards: dealt("7h7d"),
        })
        .unwrap();
        hand
    }

    #[test]
    fn the_public_view_holds_no_hidden_hole_card() {
        let mut hand = heads_up();
        hand.apply(Action::BetOrRaiseTo {
            player: 1,
            amount: Chips::from(6),
        })
        .unwrap();
        let full = TableView::of(&hand, &TableInfo::default());
        assert_eq!(full.seats[0].hole_cards, dealt("AsKs"));
        let public = full.to_public();
        assert!(
            public
                .seats
                .iter()
                .all(|s| s.hole_cards == [PublicCard::Down, PublicCard::Down])
        );
        let json = serde_json::to_string(&public).unwrap();
        for card in ["As", "Ks", "7h", "7d"] {
            assert!(!json.contains(card), "{card} leaked into {json}");
        }
        assert_eq!(
            public.seats[1].last_action,
            Some(LastAction::Raise { to: Chips::from(6) })
        );
        assert!(public.seats[0].to_act);
    }

    #[test]
    fn cards_shown_at_showdown_become_public() {
        let mut hand = heads_up();
        hand.apply(Action::BetOrRaiseTo {
            player: 1,
            amount: Chips::from(100),
        })
        .unwrap();
        hand.apply(Action::CheckOrCall { player: 0 }).unwrap();
        // All in: both show, then the board runs out.
        hand.apply(Action::ShowOrMuck {
            player: 1,
            cards: Some(dealt("7h7d")),
        })
        .unwrap();
        hand.apply(Action::ShowOrMuck {
            player: 0,
            cards: Some(dealt("AsKs")),
        })
        .unwrap();
        let public = TableView::of(&hand, &TableInfo::default()).to_public();
        assert_eq!(
            public.seats[0].hole_cards,
            dealt("AsKs")
                .into_iter()
                .flatten()
                .map(PublicCard::Up)
                .collect::<Vec<_>>()
        );
        assert_eq!(public.seats[0].status, SeatStatus::AllIn);
    }
}
