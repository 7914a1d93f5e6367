//! Properties of the rules engine over random legal play in every variant: chips are
//! conserved at every step, every hand ends, and undo restores exactly the earlier state.

use ggp_core::rules::{Action, BettingStructure, Hand, HandConfig, Pending, registry};
use ggp_core::{Card, CardSet, Chips, SeededRng};
use proptest::prelude::*;

fn random_config(rng: &mut SeededRng, variant_index: usize) -> HandConfig {
    let variants = registry();
    let variant = variants[variant_index % variants.len()].clone();
    let max_players =
        HandConfig::new(variant.clone(), vec![Chips::from(1); 2]).max_players() as u32;
    let players = 2 + rng.below(max_players - 1) as usize;
    let stacks = (0..players)
        .map(|_| Chips::from(1 + rng.below(300)))
        .collect();
    let fixed = variant.betting == BettingStructure::FixedLimit;
    let stud = variant.uses_bring_in();
    let config = HandConfig::new(variant, stacks);
    let config = if stud {
        config
            .with_bring_in(Chips::from(1))
            .with_ante(Chips::from(1))
    } else {
        config.with_blinds(&[Chips::from(1), Chips::from(2)])
    };
    if fixed {
        config.with_limits(Chips::from(2), Chips::from(4))
    } else {
        config.with_min_bet(Chips::from(2))
    }
}

/// A random legal action for whatever the hand waits for, dealing from `deck`.
fn random_action(hand: &Hand, rng: &mut SeededRng, deck: &mut Vec<Card>) -> Option<Action> {
    let state = hand.state();
    if rng.below(60) == 0 && !state.is_complete() {
        // Now and then the dealer kills a hand, whoever's turn it is.
        if let Some(player) = (0..state.player_count()).find(|&p| state.active()[p]) {
            return Some(Action::KillHand { player });
        }
    }
    let in_play = state.cards_in_play();
    deck.retain(|c| !in_play.contains(*c));
    let live = state.live_cards();
    let all = state.variant().deck.cards();
    let mut take = |n: usize| -> Vec<Card> {
        let mut cards = Vec::new();
        for _ in 0..n {
            if deck.is_empty() {
                // The stub is used up: the mucked and discarded cards are shuffled back.
                let held: CardSet = live | cards.iter().copied().collect();
                *deck = (all - held).iter().collect();
                rng.shuffle(deck);
            }
            cards.extend(deck.pop());
        }
        cards
    };
    Some(match state.pending() {
        Pending::DealHole { player, count } => {
            let n = count;
            Action::DealHole {
                player,
                cards: take(n).into_iter().map(Some).collect(),
            }
        }
        Pending::DealBoard { count } => Action::DealBoard { cards: take(count) },
        Pending::Draw { player } => {
            let hole: Vec<Option<Card>> = state.hole_cards(player).iter().map(|h| h.card).collect();
            let n = rng.below(hole.len() as u32 + 1) as usize;
            Action::Draw {
                player,
                discards: hole[..n].to_vec(),
            }
        }
        Pending::Discard { player, count } => {
            let hole: Vec<Option<Card>> = state.hole_cards(player).iter().map(|h| h.card).collect();
            Action::Discard {
                player,
                cards: hole[..count].to_vec(),
            }
        }
        Pending::Bet { player } => {
            let options = state.betting_options()?;
            let mut moves = Vec::new();
            if options.can_fold {
                moves.push(Action::Fold { player });
            }
            if options.check_or_call.is_some() {
                moves.push(Action::CheckOrCall { player });
                moves.push(Action::CheckOrCall { player });
            }
            if options.bring_in.is_some() {
                moves.push(Action::PostBringIn { player });
            }
            if let Some((min, max)) = options.bet_or_raise {
                let amount = if rng.below(2) == 0 { min } else { max };
                moves.push(Action::BetOrRaiseTo { player, amount });
            }
            moves.swap_remove(rng.below(moves.len() as u32) as usize)
        }
        Pending::SelectRunoutCount { player } => Action::SelectRunoutCount { player, count: 1 },
        Pending::ShowOrMuck { player } => {
            let show = state.default_show(player);
            let cards: Vec<Option<Card>> =
                state.hole_cards(player).iter().map(|h| h.card).collect();
            Action::ShowOrMuck {
                player,
                cards: show.then_some(cards),
            }
        }
        Pending::Complete => return None,
    })
}

fn chips_on_table(hand: &Hand) -> Chips {
    let state = hand.state();
    let in_pots: Chips = if state.is_complete() {
        Chips::ZERO
    } else {
        state.pots().iter().map(|p| p.amount).sum()
    };
    state.stacks().iter().copied().sum::<Chips>()
        + state.bets().iter().copied().sum::<Chips>()
        + in_pots
}

fn play(seed: u64, variant_index: usize, check_undo: bool) -> Result<(), TestCaseError> {
    let mut rng = SeededRng::new(seed);
    let config = random_config(&mut rng, variant_index);
    let total: Chips = config.starting_stacks.iter().copied().sum();
    let deck_cards = config.variant.deck.cards();
    let mut deck: Vec<Card> = deck_cards.iter().collect();
    rng.shuffle(&mut deck);
    let mut hand = Hand::new(config).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for _ in 0..400 {
        prop_assert_eq!(chips_on_table(&hand), total, "chips changed");
        let Some(action) = random_action(&hand, &mut rng, &mut deck) else {
            break;
        };
        let before = format!("{:?}", hand.state());
        hand.apply(action.clone())
            .map_err(|e| TestCaseError::fail(format!("{action}: {e}")))?;
        if check_undo {
            hand.undo()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(
                format!("{:?}", hand.state()),
                before,
                "undo of {} differs",
                action
            );
            hand.redo()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }
    let state = hand.state();
    prop_assert!(
        state.is_complete(),
        "the hand did not end: waits for {:?}",
        state.pending()
    );
    prop_assert_eq!(
        state.stacks().iter().copied().sum::<Chips>(),
        total,
        "chips not conserved"
    );
    prop_assert!(CardSet::from_distinct(&state.cards_in_play().iter().collect::<Vec<_>>()).is_ok());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn chips_are_conserved_and_every_hand_ends(seed in any::<u64>(), variant in 0usize..64) {
        play(seed, variant, false)?;
    }

    #[test]
    fn undo_restores_exactly_the_earlier_state(seed in any::<u64>(), variant in 0usize..64) {
        play(seed, variant, true)?;
    }
}

/// Plays a random hand, writes it as PHH, reads it back and replays it: the file
/// round-trips and the replay ends with the same stacks, in every variant.
fn phh_round_trip(seed: u64, variant_index: usize) -> Result<(), TestCaseError> {
    use ggp_core::phh::PhhHand;
    let mut rng = SeededRng::new(seed);
    let mut config = random_config(&mut rng, variant_index);
    config.bomb_pot = false;
    let mut deck: Vec<Card> = config.variant.deck.cards().iter().collect();
    rng.shuffle(&mut deck);
    let mut hand = Hand::new(config).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for _ in 0..400 {
        let Some(action) = random_action(&hand, &mut rng, &mut deck) else {
            break;
        };
        hand.apply(action.clone())
            .map_err(|e| TestCaseError::fail(format!("{action}: {e}")))?;
    }
    let phh = PhhHand::from_hand(&hand).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let text = phh.to_phh_string();
    let read: PhhHand = text
        .parse()
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&read, &phh, "the PHH text does not read back");
    let replayed = read
        .replay()
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(replayed.state().stacks(), hand.state().stacks(), "{}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_variant_round_trips_through_phh(seed in any::<u64>(), variant in 0usize..64) {
        phh_round_trip(seed, variant)?;
    }
}
