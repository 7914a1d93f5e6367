//! The example programs live in this package's example targets; see `rust/`.
//!
//! What several examples share lives here: playing a seeded hand through the rules engine.

use ggp_core::rules::{Action, Hand, Pending};
use ggp_core::{Deck, Result};

/// Plays `hand` to the end, dealing from `deck` and asking `decide` for each bet
/// (`decide(hand, player)`); at showdown every player shows with `show_all`, else those
/// who can win show and the others muck; a board runs once. `after_deal` sees the hand
/// after each deal.
/// A decision the rules refuse is replaced by a check or call.
pub fn play_out(
    hand: &mut Hand,
    deck: &mut Deck,
    show_all: bool,
    mut decide: impl FnMut(&Hand, usize) -> Action,
    mut after_deal: impl FnMut(&Hand) -> Result<()>,
) -> Result<()> {
    loop {
        match hand.state().pending() {
            Pending::DealHole { .. } | Pending::DealBoard { .. } => {
                hand.deal_next(deck)?;
                after_deal(hand)?;
            }
            Pending::Bet { player } => {
                let action = decide(hand, player);
                if hand.apply(action).is_err() {
                    hand.apply(Action::CheckOrCall { player })?;
                }
            }
            Pending::ShowOrMuck { player } => {
                let state = hand.state();
                let shows = show_all || state.default_show(player);
                let cards =
                    shows.then(|| state.hole_cards(player).iter().map(|h| h.card).collect());
                hand.apply(Action::ShowOrMuck { player, cards })?;
            }
            Pending::SelectRunoutCount { player } => {
                hand.apply(Action::SelectRunoutCount { player, count: 1 })?;
            }
            Pending::Draw { .. } | Pending::Discard { .. } | Pending::Complete => return Ok(()),
        }
    }
}
