//! Walking the boards: every run-out (exact) or random ones (Monte Carlo).

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::card::Card;
use crate::card_set::CardSet;
use crate::eval::high::HighHand;
use crate::rng::SeededRng;

use super::heads_up::{HeadsUp, HeadsUpCounts};
use super::showdown::Showdown;
use super::{EquityRequest, Holding, POT_UNITS, Tally};

/// Every completion of `board` from `unseen`, settled into one tally. Work is split by
/// the first two cards dealt; when `cancel` is set, chunks not yet started are skipped
/// and the flag returned is false.
pub(super) fn exact(
    showdown: &Showdown,
    board: CardSet,
    unseen: CardSet,
    parallel: bool,
    cancel: Option<&AtomicBool>,
) -> (Tally, bool) {
    let left = 5usize.saturating_sub(board.len());
    let live: Vec<HighHand> = unseen.iter().map(HighHand::card).collect();
    let base = HighHand::of(board);
    // Prefixes of up to two cards, each a chunk of work.
    let prefix_len = left.min(2);
    let mut prefixes: Vec<(HighHand, usize)> = Vec::new();
    walk_prefixes(&live, 0, prefix_len, base, &mut prefixes);
    let rest = left - prefix_len;
    let skipped = AtomicBool::new(false);
    if let Some(holes) = showdown.heads_up_holdem_holes() {
        let heads_up = HeadsUp::new(holes, live);
        let chunk = |&(hand, start): &(HighHand, usize)| {
            if cancel.is_some_and(|flag| flag.load(Ordering::Relaxed)) {
                skipped.store(true, Ordering::Relaxed);
                return HeadsUpCounts::default();
            }
            heads_up.count(hand, start, rest)
        };
        let counts = if parallel {
            prefixes
                .par_iter()
                .map(chunk)
                .reduce(HeadsUpCounts::default, HeadsUpCounts::merge)
        } else {
            prefixes
                .iter()
                .map(chunk)
                .fold(HeadsUpCounts::default(), HeadsUpCounts::merge)
        };
        return (heads_up_tally(counts), !skipped.load(Ordering::Relaxed));
    }
    let chunk = |&(hand, start): &(HighHand, usize)| {
        let mut tally = Tally::default();
        if cancel.is_some_and(|flag| flag.load(Ordering::Relaxed)) {
            skipped.store(true, Ordering::Relaxed);
            return tally;
        }
        walk(&live, start, rest, hand, &mut |board| {
            showdown.settle(board, &mut tally);
        });
        tally
    };
    let tally = if parallel {
        prefixes
            .par_iter()
            .map(chunk)
            .reduce(Tally::default, Tally::merge)
    } else {
        prefixes
            .iter()
            .map(chunk)
            .fold(Tally::default(), Tally::merge)
    };
    (tally, !skipped.load(Ordering::Relaxed))
}

/// The tally of heads-up counts: a win is the pot, a tie half of it.
fn heads_up_tally(counts: HeadsUpCounts) -> Tally {
    let mut tally = Tally {
        boards: counts.wins[0] + counts.wins[1] + counts.ties,
        ..Tally::default()
    };
    let half = POT_UNITS / 2;
    for seat in 0..2 {
        tally.win[seat] = counts.wins[seat];
        tally.tie[seat] = counts.ties;
        tally.units[seat] = counts.wins[seat] * POT_UNITS + counts.ties * half;
        tally.units_squared[seat] =
            counts.wins[seat] * POT_UNITS * POT_UNITS + counts.ties * half * half;
    }
    tally
}

fn walk_prefixes(
    live: &[HighHand],
    start: usize,
    left: usize,
    hand: HighHand,
    out: &mut Vec<(HighHand, usize)>,
) {
    if left == 0 {
        out.push((hand, start));
        return;
    }
    for i in start..live.len() {
        walk_prefixes(live, i + 1, left - 1, hand.combine(live[i]), out);
    }
}

/// Visits `hand` plus every `left`-card subset of `live[start..]`: loops written out
/// up to three cards (the turn and river after a two-card prefix, or a flop's three),
/// recursion beyond.
#[inline]
fn walk(
    live: &[HighHand],
    start: usize,
    left: usize,
    hand: HighHand,
    visit: &mut impl FnMut(HighHand),
) {
    let rest = live.get(start..).unwrap_or(&[]);
    match left {
        0 => visit(hand),
        1 => {
            for &card in rest {
                visit(hand.combine(card));
            }
        }
        2 => {
            for (i, &first) in rest.iter().enumerate() {
                let with_first = hand.combine(first);
                for &second in &rest[i + 1..] {
                    visit(with_first.combine(second));
                }
            }
        }
        3 => {
            for (i, &first) in rest.iter().enumerate() {
                let with_first = hand.combine(first);
                for (j, &second) in rest.iter().enumerate().skip(i + 1) {
                    let with_second = with_first.combine(second);
                    for &third in &rest[j + 1..] {
                        visit(with_second.combine(third));
                    }
                }
            }
        }
        _ => {
            for i in start..live.len() {
                walk(live, i + 1, left - 1, hand.combine(live[i]), visit);
            }
        }
    }
}

/// Deals random run-outs (and random hands) for a request.
#[derive(Debug, Clone)]
pub(super) struct Sampler {
    showdown: Showdown,
    random_seats: Vec<usize>,
    random_hole_cards: usize,
    board_left: usize,
    board: HighHand,
    unseen: Vec<Card>,
}

impl Sampler {
    pub(super) fn new(request: &EquityRequest) -> Sampler {
        let hands: Vec<CardSet> = request
            .players
            .iter()
            .map(|holding| match holding {
                Holding::Known(hand) => *hand,
                Holding::Random => CardSet::EMPTY,
            })
            .collect();
        Sampler {
            showdown: Showdown::new(request.game, &hands),
            random_seats: (0..request.players.len())
                .filter(|&seat| request.players[seat] == Holding::Random)
                .collect(),
            random_hole_cards: request.random_hole_cards,
            board_left: 5usize.saturating_sub(request.board.len()),
            board: HighHand::of(request.board),
            unseen: request.unseen().iter().collect(),
        }
    }

    /// `count` samples from a generator seeded `seed`.
    pub(super) fn run(&self, count: u64, seed: u64) -> Tally {
        let mut rng = SeededRng::new(seed);
        let mut deck = self.unseen.clone();
        let mut showdown = self.showdown.clone();
        let needed = self.board_left + self.random_seats.len() * self.random_hole_cards;
        let mut tally = Tally::default();
        for _ in 0..count {
            // A partial Fisher-Yates shuffle deals the first `needed` cards.
            for i in 0..needed.min(deck.len()) {
                let j = i + rng.below((deck.len() - i) as u32) as usize;
                deck.swap(i, j);
            }
            let mut dealt = deck.iter();
            let mut board = self.board;
            for _ in 0..self.board_left {
                if let Some(&card) = dealt.next() {
                    board = board.with(card);
                }
            }
            for &seat in &self.random_seats {
                let hole: CardSet = dealt
                    .by_ref()
                    .take(self.random_hole_cards)
                    .copied()
                    .collect();
                showdown.set_hole(seat, hole);
            }
            showdown.settle(board, &mut tally);
        }
        tally
    }
}
