//! The names a skin can bind to, and their values for a view.

use ggp_core::Chips;
use ggp_core::view::{LastAction, PotView, SeatStatus};

use super::model::Skin;
use super::view::{OverlaySeat, OverlayView};

/// What a repeated region repeats over, and so which bindings its elements may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The whole table: usable anywhere.
    Table,
    /// One seat: regions repeated over `seats` or `leaderboard`.
    Seat,
    /// One side pot: regions repeated over `side_pots`.
    SidePot,
    /// Any repeated region's slot number.
    Slot,
}

/// What a region repeats over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Repeat {
    /// Every seat in seat order.
    Seats,
    /// Every seat, largest stack first.
    Leaderboard,
    /// Every side pot.
    SidePots,
}

impl Repeat {
    /// The repeat with this skin-file name: `seats`, `leaderboard` or `side_pots`.
    pub fn from_name(name: &str) -> Option<Repeat> {
        match name {
            "seats" => Some(Repeat::Seats),
            "leaderboard" => Some(Repeat::Leaderboard),
            "side_pots" => Some(Repeat::SidePots),
            _ => None,
        }
    }

    /// Whether bindings of `scope` are available in this repeat.
    pub fn provides(self, scope: Scope) -> bool {
        match scope {
            Scope::Table | Scope::Slot => true,
            Scope::Seat => matches!(self, Repeat::Seats | Repeat::Leaderboard),
            Scope::SidePot => self == Repeat::SidePots,
        }
    }
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal, $scope:ident, $doc:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = $doc] $variant,)*
        }

        impl $name {
            /// Every name a skin file may use, with its meaning.
            pub const ALL: &'static [($name, &'static str, &'static str)] =
                &[$(($name::$variant, $text, $doc),)*];

            /// The value with this skin-file name.
            pub fn from_name(name: &str) -> Option<$name> {
                Self::ALL.iter().find(|(_, n, _)| *n == name).map(|(v, _, _)| *v)
            }

            /// Its skin-file name.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Where it may be used.
            pub fn scope(self) -> Scope {
                match self { $($name::$variant => Scope::$scope,)* }
            }
        }
    };
}

vocabulary! {
    /// A text value bound from the view, written `{name}` in a skin's text.
    Binding {
        SeatName = "seat.name", Seat, "The player's name.";
        SeatInitials = "seat.initials", Seat, "The name's initials, for photo placeholders.";
        SeatNumber = "seat.number", Seat, "The seat number, from 1.";
        SeatStack = "seat.stack", Seat, "Chips behind.";
        SeatStackBb = "seat.stack_bb", Seat, "Chips behind in big blinds (24.5 BB).";
        SeatBet = "seat.bet", Seat, "Chips bet on this street (empty when none).";
        SeatAction = "seat.action", Seat, "The last action as a badge says it: CHECK, CALL 400, BET 1,200, RAISE TO 3,000, ALL-IN, FOLD.";
        SeatActionKind = "seat.action_kind", Seat, "check, call, bet, raise, allin, fold, bring_in, draw, show or muck (empty when none); for palette names.";
        SeatEquity = "seat.equity", Seat, "Equity as a percentage (empty without equity); as a bar value, the share.";
        SeatWin = "seat.win", Seat, "Chance to win outright as a percentage.";
        SeatOuts = "seat.outs", Seat, "How many outs (empty without).";
        SeatWon = "seat.won", Seat, "Chips won at the end of the hand (empty when none).";
        SeatPhoto = "seat.photo", Seat, "The photo file name the skin looks for: the name, lower case, spaces as _.";
        SlotNumber = "slot.number", Slot, "The slot's number in its repeated region, from 1 (leaderboard rank).";
        SidePotAmount = "side_pot.amount", SidePot, "The side pot's chips.";
        SidePotLabel = "side_pot.label", SidePot, "SIDE POT 1, SIDE POT 2, ...";
        Pot = "pot", Table, "Every chip in the middle, this street's bets included.";
        MainPot = "pot.main", Table, "The main pot.";
        HandNumber = "hand.number", Table, "The hand number.";
        Variant = "hand.variant", Table, "The variant's code (NT).";
        VariantName = "hand.variant_name", Table, "The variant's name.";
        Level = "hand.level", Table, "The blind level's label.";
        Blinds = "hand.blinds", Table, "The blinds, 1,000/2,000.";
        Street = "hand.street", Table, "PREFLOP, FLOP, TURN, RIVER, SHOWDOWN (or STREET n).";
        FocusLabel = "focus.label", Table, "ACTION ON while a player is to act, WINNER once the hand is over.";
        FocusName = "focus.name", Table, "The name of the player to act, or of the winner.";
        FocusStack = "focus.stack", Table, "Their stack.";
        FocusDetail = "focus.detail", Table, "What they face (TO CALL 400) or won (WINS 24,500).";
        Ticker = "ticker", Table, "The ticker text (the caller's, else the skin's).";
    }
}

vocabulary! {
    /// A yes/no fact about the view, for `when` and `dim_when` (`!` negates).
    Flag {
        SeatFolded = "seat.folded", Seat, "The player folded.";
        SeatAllIn = "seat.all_in", Seat, "The player is all in.";
        SeatActive = "seat.active", Seat, "The player is in with chips behind.";
        SeatToAct = "seat.to_act", Seat, "It is the player's turn.";
        SeatWinner = "seat.winner", Seat, "The hand is over and the player won chips.";
        SeatButton = "seat.button", Seat, "The player has the dealer button.";
        SeatHasAction = "seat.has_action", Seat, "The player acted on this street.";
        SeatHasBet = "seat.has_bet", Seat, "The player has chips bet on this street.";
        SeatHasEquity = "seat.has_equity", Seat, "The view carries the player's equity (full view, live player).";
        SeatHasOuts = "seat.has_outs", Seat, "The player has outs.";
        SeatHasCards = "seat.has_cards", Seat, "The player holds cards.";
        HandComplete = "hand.complete", Table, "The hand is over.";
        HasLevel = "hand.has_level", Table, "The view has a blind level label.";
        BoardAny = "board.any", Table, "Board cards are out.";
        PotAny = "pot.any", Table, "There are chips in the middle.";
        SidePotsAny = "side_pots.any", Table, "There are side pots.";
        FocusAny = "focus.any", Table, "A player is to act, or the hand has a winner.";
        TickerAny = "ticker.any", Table, "There is ticker text.";
    }
}

/// What bindings are evaluated against: the view, and the slot of a repeated region.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub view: &'a OverlayView,
    pub skin: &'a Skin,
    pub seat: Option<&'a OverlaySeat>,
    pub side_pot: Option<(usize, &'a PotView)>,
    pub slot: usize,
}

impl Ctx<'_> {
    fn chips(&self, amount: Chips) -> String {
        self.skin.numbers.chips(amount)
    }

    fn percent(&self, share: f64) -> String {
        self.skin.numbers.percent(share, self.skin.equity_decimals)
    }

    /// The text of a binding; empty where the view has nothing to show.
    pub fn text(&self, binding: Binding) -> String {
        let seat = self.seat;
        let view = self.view;
        let or_empty = |s: Option<String>| s.unwrap_or_default();
        match binding {
            Binding::SeatName => or_empty(seat.map(|s| s.name.clone())),
            Binding::SeatInitials => or_empty(seat.map(|s| initials(&s.name))),
            Binding::SeatNumber => or_empty(seat.map(|s| (s.player + 1).to_string())),
            Binding::SeatStack => or_empty(seat.map(|s| self.chips(s.stack))),
            Binding::SeatStackBb => or_empty(
                seat.and_then(|s| self.skin.numbers.big_blinds(s.stack, view.big_blind())),
            ),
            Binding::SeatBet => or_empty(
                seat.filter(|s| s.bet.is_positive())
                    .map(|s| self.chips(s.bet)),
            ),
            Binding::SeatAction => or_empty(seat.and_then(|s| self.action_text(s))),
            Binding::SeatActionKind => or_empty(seat.and_then(action_kind).map(str::to_owned)),
            Binding::SeatEquity => or_empty(
                seat.and_then(|s| s.equity.as_ref())
                    .map(|e| self.percent(e.equity)),
            ),
            Binding::SeatWin => or_empty(
                seat.and_then(|s| s.equity.as_ref())
                    .map(|e| self.percent(e.win)),
            ),
            Binding::SeatOuts => or_empty(
                seat.and_then(|s| s.equity.as_ref())
                    .filter(|e| !e.outs.is_empty())
                    .map(|e| e.outs.len().to_string()),
            ),
            Binding::SeatWon => or_empty(
                seat.filter(|s| s.won.is_positive())
                    .map(|s| self.chips(s.won)),
            ),
            Binding::SeatPhoto => or_empty(seat.map(|s| photo_name(&s.name))),
            Binding::SlotNumber => (self.slot + 1).to_string(),
            Binding::SidePotAmount => or_empty(self.side_pot.map(|(_, p)| self.chips(p.amount))),
            Binding::SidePotLabel => or_empty(
                self.side_pot
                    .map(|(i, _)| format!("SIDE POT {}", i + 1)),
            ),
            Binding::Pot => self.chips(view.total_pot),
            Binding::MainPot => or_empty(view.pots.first().map(|p| self.chips(p.amount))),
            Binding::HandNumber => view.hand_number.to_string(),
            Binding::Variant => view.variant.clone(),
            Binding::VariantName => view.variant_name.clone(),
            Binding::Level => or_empty(view.level.clone()),
            Binding::Blinds => view
                .blinds
                .iter()
                .filter(|b| b.is_positive())
                .map(|b| self.chips(*b))
                .collect::<Vec<_>>()
                .join("/"),
            Binding::Street => street_name(view),
            Binding::FocusLabel => or_empty(view.focus().map(|_| {
                if view.complete { "WINNER" } else { "ACTION ON" }.to_owned()
            })),
            Binding::FocusName => or_empty(view.focus().map(|s| s.name.clone())),
            Binding::FocusStack => or_empty(view.focus().map(|s| self.chips(s.stack))),
            Binding::FocusDetail => or_empty(view.focus().and_then(|s| self.focus_detail(s))),
            Binding::Ticker => or_empty(view.ticker.clone().or_else(|| self.skin.ticker.clone())),
        }
    }

    /// The share a bar shows, 0..1.
    pub fn share(&self, binding: Binding) -> f32 {
        let equity = self.seat.and_then(|s| s.equity.as_ref());
        let value = match binding {
            Binding::SeatEquity => equity.map_or(0.0, |e| e.equity),
            Binding::SeatWin => equity.map_or(0.0, |e| e.win),
            _ => 0.0,
        };
        if value.is_finite() {
            value.clamp(0.0, 1.0) as f32
        } else {
            0.0
        }
    }

    /// Whether a flag holds.
    pub fn flag(&self, flag: Flag) -> bool {
        let seat = self.seat;
        let view = self.view;
        let on_seat = |f: &dyn Fn(&OverlaySeat) -> bool| seat.is_some_and(f);
        match flag {
            Flag::SeatFolded => on_seat(&|s| s.status == SeatStatus::Folded),
            Flag::SeatAllIn => on_seat(&|s| s.status == SeatStatus::AllIn),
            Flag::SeatActive => on_seat(&|s| s.status == SeatStatus::Active),
            Flag::SeatToAct => on_seat(&|s| s.to_act),
            Flag::SeatWinner => on_seat(&|s| view.complete && s.won.is_positive()),
            Flag::SeatButton => on_seat(&|s| view.button == Some(s.player)),
            Flag::SeatHasAction => on_seat(&|s| self.action_text(s).is_some()),
            Flag::SeatHasBet => on_seat(&|s| s.bet.is_positive()),
            Flag::SeatHasEquity => on_seat(&|s| {
                s.equity.is_some() && s.status != SeatStatus::Folded
            }),
            Flag::SeatHasOuts => on_seat(&|s| s.equity.as_ref().is_some_and(|e| !e.outs.is_empty())),
            Flag::SeatHasCards => on_seat(&|s| !s.cards.is_empty()),
            Flag::HandComplete => view.complete,
            Flag::HasLevel => view.level.is_some(),
            Flag::BoardAny => !view.board.is_empty(),
            Flag::PotAny => view.total_pot.is_positive(),
            Flag::SidePotsAny => !view.side_pots().is_empty(),
            Flag::FocusAny => view.focus().is_some(),
            Flag::TickerAny => view.ticker.is_some() || self.skin.ticker.is_some(),
        }
    }

    fn action_text(&self, seat: &OverlaySeat) -> Option<String> {
        let all_in = seat.status == SeatStatus::AllIn;
        let text = match seat.last_action.as_ref()? {
            LastAction::Check => "CHECK".to_owned(),
            LastAction::Call { .. } | LastAction::Bet { .. } | LastAction::Raise { .. }
                if all_in =>
            {
                "ALL-IN".to_owned()
            }
            LastAction::Call { amount } => format!("CALL {}", self.chips(*amount)),
            LastAction::Bet { to } => format!("BET {}", self.chips(*to)),
            LastAction::Raise { to } => format!("RAISE TO {}", self.chips(*to)),
            LastAction::BringIn { amount } => format!("BRING-IN {}", self.chips(*amount)),
            LastAction::Fold => "FOLD".to_owned(),
            LastAction::Draw { count: 0 } => "STAND PAT".to_owned(),
            LastAction::Draw { count } => format!("DRAW {count}"),
            LastAction::Show => "SHOW".to_owned(),
            LastAction::Muck => "MUCK".to_owned(),
        };
        Some(text)
    }

    fn focus_detail(&self, seat: &OverlaySeat) -> Option<String> {
        if self.view.complete {
            return Some(format!("WINS {}", self.chips(seat.won)));
        }
        let highest = self.view.seats.iter().map(|s| s.bet).max()?;
        let to_call = (highest - seat.bet).min(seat.stack);
        Some(if to_call.is_positive() {
            format!("TO CALL {}", self.chips(to_call))
        } else {
            format!("STACK {}", self.chips(seat.stack))
        })
    }
}

fn action_kind(seat: &OverlaySeat) -> Option<&'static str> {
    let all_in = seat.status == SeatStatus::AllIn;
    Some(match seat.last_action.as_ref()? {
        LastAction::Call { .. } | LastAction::Bet { .. } | LastAction::Raise { .. } if all_in => {
            "allin"
        }
        LastAction::Check => "check",
        LastAction::Call { .. } => "call",
        LastAction::Bet { .. } => "bet",
        LastAction::Raise { .. } => "raise",
        LastAction::BringIn { .. } => "bring_in",
        LastAction::Fold => "fold",
        LastAction::Draw { .. } => "draw",
        LastAction::Show => "show",
        LastAction::Muck => "muck",
    })
}

fn street_name(view: &OverlayView) -> String {
    if view.complete {
        return "SHOWDOWN".to_owned();
    }
    let Some(street) = view.street else {
        return String::new();
    };
    // Board games name their streets by the board; others by number.
    match (view.board.len(), street) {
        (0, 0) => "PREFLOP".to_owned(),
        (3, _) => "FLOP".to_owned(),
        (4, _) => "TURN".to_owned(),
        (5, _) => "RIVER".to_owned(),
        (_, n) => format!("STREET {}", n + 1),
    }
}

/// "Phil Ivey" -> "PI"; one word gives its first two letters.
pub(crate) fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let text: String = match words.as_slice() {
        [] => String::new(),
        [one] => one.chars().take(2).collect(),
        [first, .., last] => first.chars().take(1).chain(last.chars().take(1)).collect(),
    };
    text.to_uppercase()
}

/// The file stem a photo of `name` is looked up by.
pub(crate) fn photo_name(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for (binding, name, _) in Binding::ALL {
            assert!(seen.insert(*name), "{name} twice");
            assert_eq!(Binding::from_name(name), Some(*binding));
        }
        for (flag, name, _) in Flag::ALL {
            assert!(seen.insert(*name), "{name} twice");
            assert_eq!(Flag::from_name(name), Some(*flag));
        }
        assert_eq!(Binding::from_name("seat.stak"), None);
    }

    #[test]
    fn initials_and_photo_names() {
        assert_eq!(initials("Phil Ivey"), "PI");
        assert_eq!(initials("Daniel  Negreanu Jr"), "DJ");
        assert_eq!(initials("ike"), "IK");
        assert_eq!(initials(""), "");
        assert_eq!(photo_name(" Phil  Ivey "), "phil_ivey");
    }
}
