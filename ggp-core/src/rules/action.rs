//! What happens in a hand: the actions players and the dealer take.

use std::fmt;

use crate::card::Card;
use crate::chips::Chips;

/// A card that may be unknown: a hole card dealt face down that nobody entered (`??` in
/// PHH) stays unknown to the end of the hand.
pub type MaybeCard = Option<Card>;

/// An action, by a player (`player` is the 0-based index; PHH's `p1` is 0) or the dealer.
///
/// Antes, blinds, bet collection, burns and paying the pots happen by themselves; these
/// are the actions someone takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// The dealer deals hole cards to a player (PHH `d dh`).
    DealHole {
        /// Who receives them.
        player: usize,
        /// The cards, `None` where unknown.
        cards: Vec<MaybeCard>,
    },
    /// The dealer deals board cards (PHH `d db`).
    DealBoard {
        /// The cards.
        cards: Vec<Card>,
    },
    /// A player stands pat (no cards) or discards cards to draw replacements (PHH `sd`).
    Draw {
        /// Who draws.
        player: usize,
        /// The cards thrown away, `None` where unknown.
        discards: Vec<MaybeCard>,
    },
    /// A player throws away cards without replacement (Pineapple).
    Discard {
        /// Who discards.
        player: usize,
        /// The cards thrown away.
        cards: Vec<MaybeCard>,
    },
    /// A player folds (PHH `f`).
    Fold {
        /// Who folds.
        player: usize,
    },
    /// A player checks or calls (PHH `cc`).
    CheckOrCall {
        /// Who acts.
        player: usize,
    },
    /// A player posts the bring-in (PHH `pb`).
    PostBringIn {
        /// Who posts.
        player: usize,
    },
    /// A player completes, bets or raises to a total for the street (PHH `cbr`).
    BetOrRaiseTo {
        /// Who acts.
        player: usize,
        /// The player's total bet on the street after the action.
        amount: Chips,
    },
    /// A player shows (`Some`, with the cards, `None` where unknown) or mucks (`None`)
    /// at showdown (PHH `sm` with the cards, or `sm` alone to muck).
    ShowOrMuck {
        /// Who.
        player: usize,
        /// The cards shown, or `None` to muck.
        cards: Option<Vec<MaybeCard>>,
    },
    /// The dealer kills a player's hand (a fouled or exposed hand, a player away from
    /// the table): the player is out of the hand at once, turn or not.
    KillHand {
        /// Whose hand.
        player: usize,
    },
    /// An all-in player chooses how many times to run the board (cash games only).
    SelectRunoutCount {
        /// Who chooses.
        player: usize,
        /// 1, 2 or 3; all players must agree, or the board runs once.
        count: u8,
    },
}

impl Action {
    /// The player who acts, or `None` for the dealer's board deal.
    pub fn player(&self) -> Option<usize> {
        match self {
            Action::DealBoard { .. } => None,
            Action::DealHole { player, .. }
            | Action::Draw { player, .. }
            | Action::Discard { player, .. }
            | Action::Fold { player }
            | Action::CheckOrCall { player }
            | Action::PostBringIn { player }
            | Action::BetOrRaiseTo { player, .. }
            | Action::ShowOrMuck { player, .. }
            | Action::KillHand { player }
            | Action::SelectRunoutCount { player, .. } => Some(*player),
        }
    }

    /// Whether the dealer (rather than a player) takes this action.
    pub fn is_dealing(&self) -> bool {
        matches!(self, Action::DealHole { .. } | Action::DealBoard { .. })
    }
}

fn write_cards(f: &mut fmt::Formatter<'_>, cards: &[MaybeCard]) -> fmt::Result {
    for card in cards {
        match card {
            Some(card) => write!(f, "{card}")?,
            None => f.write_str("??")?,
        }
    }
    Ok(())
}

/// PHH notation, e.g. `d dh p1 AsKs`, `p2 cbr 300`, `p1 sm` (a muck); the engine's own
/// additions, which PHH has no notation for, read `p1 dd 2c` (discard), `p1 rc 2`
/// (run it twice) and `d kh p1` (hand killed).
impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::DealHole { player, cards } => {
                write!(f, "d dh p{} ", player + 1)?;
                write_cards(f, cards)
            }
            Action::DealBoard { cards } => {
                f.write_str("d db ")?;
                cards.iter().try_for_each(|c| write!(f, "{c}"))
            }
            Action::Draw { player, discards } => {
                write!(f, "p{} sd", player + 1)?;
                if !discards.is_empty() {
                    f.write_str(" ")?;
                    write_cards(f, discards)?;
                }
                Ok(())
            }
            Action::Discard { player, cards } => {
                write!(f, "p{} dd ", player + 1)?;
                write_cards(f, cards)
            }
            Action::Fold { player } => write!(f, "p{} f", player + 1),
            Action::CheckOrCall { player } => write!(f, "p{} cc", player + 1),
            Action::PostBringIn { player } => write!(f, "p{} pb", player + 1),
            Action::BetOrRaiseTo { player, amount } => write!(f, "p{} cbr {amount}", player + 1),
            Action::ShowOrMuck {
                player,
                cards: Some(cards),
            } => {
                write!(f, "p{} sm ", player + 1)?;
                write_cards(f, cards)
            }
            Action::ShowOrMuck {
                player,
                cards: None,
            } => write!(f, "p{} sm -", player + 1),
            Action::SelectRunoutCount { player, count } => write!(f, "p{} rc {count}", player + 1),
            Action::KillHand { player } => write!(f, "d kh p{}", player + 1),
        }
    }
}
