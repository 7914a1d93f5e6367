//! The view's equity slots, filled from the view alone.

use ggp_core::CardSet;
use ggp_core::equity::live::{EquityMode, EquityOptions};
use ggp_core::rules::Hand;
use ggp_core::view::{TableInfo, TableView};

fn view_after(actions: &str) -> TableView {
    let text = format!(
        "variant = 'NT'\nantes = [0, 0, 0]\nblinds_or_straddles = [1, 2, 0]\nmin_bet = 2\n\
         starting_stacks = [200, 200, 200]\nactions = [{actions}]\n"
    );
    let hand = Hand::from_phh(&text).expect("a valid hand");
    TableView::of(&hand, &TableInfo::default())
}

#[test]
fn a_folded_seat_gets_no_figure_and_outs_are_listed() {
    let mut view = view_after(
        "'d dh p1 AhKh', 'd dh p2 QsQd', 'd dh p3 Ac3c', 'p3 f', 'p1 cc', 'p2 cc', 'd db 2d7cJs'",
    );
    assert!(view.fill_equity(&EquityOptions::default()).expect("equity"));
    assert!(view.seats[2].equity.is_none());
    let ace_king = view.seats[0].equity.clone().expect("live seat");
    let queens = view.seats[1].equity.clone().expect("live seat");
    assert!(ace_king.exact);
    assert!((ace_king.equity + queens.equity - 1.0).abs() < 1e-9);
    // A folded hand leaves the view, so its cards are unseen again: ace-king's outs are
    // the three other aces and the three other kings.
    assert!(
        view.seats[2].hole_cards.iter().all(|card| card.is_none())
            || view.seats[2].hole_cards.is_empty()
    );
    let outs: CardSet = ace_king.outs.iter().copied().collect();
    assert_eq!(outs, CardSet::parse("Ac Ad As Kc Kd Ks").expect("cards"));
    assert!(queens.outs.is_empty(), "the leader has no outs");
}

#[test]
fn unknown_hole_cards_or_one_live_player_give_no_figures() {
    let mut view = view_after("'d dh p1 AhKh', 'd dh p2 ????', 'd dh p3 Ac2c'");
    assert!(
        !view
            .fill_equity(&EquityOptions::default())
            .expect("no error")
    );
    assert!(view.seats.iter().all(|seat| seat.equity.is_none()));

    let mut view = view_after("'d dh p1 AhKh', 'd dh p2 QsQd', 'd dh p3 Ac2c', 'p3 f', 'p1 f'");
    assert!(
        !view
            .fill_equity(&EquityOptions::default())
            .expect("no error")
    );
}

#[test]
fn sampled_figures_are_reproducible_and_marked_inexact() {
    let mut one = view_after("'d dh p1 AhKh', 'd dh p2 QsQd', 'd dh p3 Ac2c'");
    let mut two = one.clone();
    let options = EquityOptions {
        mode: EquityMode::MonteCarlo {
            samples: 20_000,
            seed: 9,
        },
        threads: 1,
        outs: false,
    };
    one.fill_equity(&options).expect("equity");
    two.fill_equity(&EquityOptions {
        threads: 2,
        ..options
    })
    .expect("equity");
    assert_eq!(one, two);
    assert!(
        one.seats
            .iter()
            .all(|seat| seat.equity.as_ref().is_some_and(|e| !e.exact))
    );
}
