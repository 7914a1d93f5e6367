//! The hands pokerkit wrote (tests/data/gen_phh_samples.py): every one must read, and
//! the file must write back to exactly the text pokerkit wrote.

use std::collections::BTreeSet;

use ggp_core::phh::{
    PhhActionKind, PhhCard, PhhHand, PhhShowdown, PhhStack, PhhVariant, parse_phhs, to_phhs_string,
};

const SAMPLES: &str = include_str!("data/phh/pokerkit_samples.phhs");

#[test]
fn every_sample_reads_and_the_file_writes_back_byte_for_byte() {
    let entries = parse_phhs(SAMPLES).unwrap();
    assert_eq!(entries.len(), 299);
    for (position, entry) in entries.iter().enumerate() {
        assert_eq!(entry.index, position + 1);
        assert_eq!(entry.name, (position + 1).to_string());
    }
    let written = to_phhs_string(entries.iter().map(|entry| &entry.hand));
    if written != SAMPLES {
        let first_difference = written
            .lines()
            .zip(SAMPLES.lines())
            .enumerate()
            .find(|(_, (ours, theirs))| ours != theirs);
        panic!("the samples do not write back exactly: {first_difference:?}");
    }
}

#[test]
fn every_sample_round_trips_alone() {
    for entry in parse_phhs(SAMPLES).unwrap() {
        let text = entry.hand.to_phh_string();
        let again = PhhHand::parse(&text).unwrap_or_else(|err| panic!("{err}\n{text}"));
        assert_eq!(again, entry.hand, "hand {}", entry.index);
        assert_eq!(again.to_phh_string(), text, "hand {}", entry.index);
    }
}

#[test]
fn the_samples_cover_what_a_reader_meets() {
    let hands: Vec<PhhHand> = parse_phhs(SAMPLES)
        .unwrap()
        .into_iter()
        .map(|entry| entry.hand)
        .collect();
    let variants: BTreeSet<PhhVariant> = hands.iter().map(|hand| hand.variant).collect();
    assert_eq!(variants.len(), PhhVariant::ALL.len());

    let actions = || hands.iter().flat_map(|hand| &hand.actions);
    let count = |test: &dyn Fn(&PhhActionKind) -> bool| {
        actions().filter(|action| test(&action.kind)).count()
    };
    assert!(count(&|kind| matches!(kind, PhhActionKind::PostBringIn { .. })) > 10);
    assert!(
        count(
            &|kind| matches!(kind, PhhActionKind::StandPatOrDiscard { discarded, .. } if discarded.is_empty())
        ) > 10
    );
    assert!(
        count(
            &|kind| matches!(kind, PhhActionKind::StandPatOrDiscard { discarded, .. } if discarded.contains(&PhhCard::Unknown))
        ) > 5
    );
    assert!(
        count(&|kind| matches!(
            kind,
            PhhActionKind::ShowOrMuck {
                showdown: PhhShowdown::Muck,
                ..
            }
        )) > 5
    );
    assert!(
        count(&|kind| matches!(
            kind,
            PhhActionKind::ShowOrMuck {
                showdown: PhhShowdown::ShowDealt,
                ..
            }
        )) > 5
    );
    assert!(
        count(
            &|kind| matches!(kind, PhhActionKind::DealHole { cards, .. } if cards.contains(&PhhCard::Unknown))
        ) > 50
    );
    assert!(count(&|kind| matches!(kind, PhhActionKind::NoOp)) == 0);
    assert!(
        actions()
            .filter(|action| action.commentary.is_some())
            .count()
            > 20
    );
    assert!(
        count(
            &|kind| matches!(kind, PhhActionKind::CompleteBetOrRaiseTo { amount, .. } if !amount.is_integer())
        ) > 50
    );

    assert!(
        hands
            .iter()
            .any(|hand| hand.time_zone_abbreviation.is_some())
    );
    assert!(
        hands
            .iter()
            .any(|hand| hand.time.is_some_and(|time| time.nanosecond > 0))
    );
    assert!(
        hands
            .iter()
            .any(|hand| !hand.user_defined_fields.is_empty())
    );
    assert!(
        hands.iter().any(
            |hand| hand.finishing_stacks.as_ref().is_some_and(|stacks| stacks
                .iter()
                .any(|stack| matches!(stack, PhhStack::Chips(chips) if !chips.is_integer())))
        )
    );
}
