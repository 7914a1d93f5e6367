//! Omaha on random deals (4, 5 or 6 hole cards; 3, 4 or 5 board cards) against a brute
//! force over every two-hole-plus-three-board combination scored by the standard
//! evaluators (`high::evaluate`, `low::eight_or_better`).
//!
//! The `exhaustive_` test runs 200,000 deals in release mode (`cargo test --release -p
//! ggp-core --test omaha_random`); the other runs a few thousand in the debug test run.

use ggp_core::eval::{HandType, evaluate, high, low, omaha};
use ggp_core::{Card, CardSet, Rank, SeededRng};

fn combinations(cards: &[Card], k: usize) -> Vec<Vec<Card>> {
    let n = cards.len();
    (0u32..1 << n)
        .filter(|mask| mask.count_ones() as usize == k)
        .map(|mask| {
            (0..n)
                .filter(|&i| mask & (1 << i) != 0)
                .map(|i| cards[i])
                .collect()
        })
        .collect()
}

fn check_deal(hole: &[Card], board: &[Card]) {
    let mut best_high = None;
    let mut best_low = None;
    for two in combinations(hole, 2) {
        for three in combinations(board, 3) {
            let five: Vec<Card> = two.iter().chain(&three).copied().collect();
            let strength = high::evaluate(&five).expect("five distinct cards").strength;
            best_high = best_high.max(Some(strength));
            let set = CardSet::from_distinct(&five).expect("distinct");
            best_low = best_low.max(low::eight_or_better(set));
        }
    }
    let hole_set = CardSet::from_distinct(hole).expect("distinct");
    let board_set = CardSet::from_distinct(board).expect("distinct");
    let deal = format!("{hole:?} / {board:?}");

    let strength = omaha::high(hole_set, board_set);
    assert_eq!(Some(strength), best_high, "{deal}");
    let five = CardSet::from_distinct(&omaha::best_five_high(hole_set, board_set))
        .expect("distinct best five");
    assert_eq!((five & hole_set).len(), 2, "{deal}");
    assert_eq!((five & board_set).len(), 3, "{deal}");
    assert_eq!(high::strength(five), strength, "{deal}");

    let low_strength = omaha::eight_or_better(hole_set, board_set);
    assert_eq!(low_strength, best_low, "{deal}");
    match omaha::best_five_eight_or_better(hole_set, board_set) {
        Some(cards) => {
            let five = CardSet::from_distinct(&cards).expect("distinct best five");
            assert_eq!((five & hole_set).len(), 2, "{deal}");
            assert_eq!((five & board_set).len(), 3, "{deal}");
            assert_eq!(low::eight_or_better(five), low_strength, "{deal}");
        }
        None => assert_eq!(low_strength, None, "{deal}"),
    }

    // The checked front gives the same.
    let front = evaluate(HandType::OmahaHigh, hole, board)
        .expect("a valid deal")
        .expect("a high hand");
    assert_eq!(front.strength.value(), strength.value(), "{deal}");
    let front_low = evaluate(HandType::OmahaEightOrBetterLow, hole, board).expect("a valid deal");
    assert_eq!(
        front_low.map(|r| r.strength.value()),
        low_strength.map(|l| l.value()),
        "{deal}"
    );
}

fn random_deals(seed: u64, deals: usize) -> usize {
    let mut rng = SeededRng::new(seed);
    let full: Vec<Card> = Card::all().collect();
    // A deck without Jacks to Kings makes low hands, and counterfeits, common.
    let lowish: Vec<Card> = Card::all()
        .filter(|c| c.rank() <= Rank::Ten || c.rank() == Rank::Ace)
        .collect();
    let mut decks = [full, lowish];
    let mut with_low = 0;
    for i in 0..deals {
        let deck = &mut decks[i % 2];
        rng.shuffle(deck);
        let hole_count = 4 + rng.below(3) as usize;
        let board_count = 3 + rng.below(3) as usize;
        let (hole, rest) = deck.split_at(hole_count);
        let board = &rest[..board_count];
        check_deal(hole, board);
        let sets = (
            CardSet::from_distinct(hole).expect("distinct"),
            CardSet::from_distinct(board).expect("distinct"),
        );
        with_low += usize::from(omaha::eight_or_better(sets.0, sets.1).is_some());
    }
    with_low
}

#[test]
fn random_deals_match_the_brute_force() {
    let with_low = random_deals(4, 3_000);
    assert!(with_low > 300, "{with_low}");
}

#[test]
fn exhaustive_random_deals_match_the_brute_force() {
    let with_low = random_deals(5, 200_000);
    assert!(with_low > 20_000, "{with_low}");
}
