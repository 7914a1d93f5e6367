//! Heads-up hold'em, the commonest question on a broadcast, in loops of its own.
//!
//! The board grows a card per loop level, so each level adds one card to the board so
//! far. At the last level both players' six-card hands are fixed: when neither holds
//! four of a suit, no river card can give either a flush, and each river is two lookups
//! of a rank-key sum (no suit work at all). Counts are kept in locals and compared
//! without branches; ties are what is left.

use crate::eval::high::{HighEvaluator, HighHand};

/// Wins of each player and ties, over the boards visited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct HeadsUpCounts {
    pub(super) wins: [u64; 2],
    pub(super) ties: u64,
}

impl HeadsUpCounts {
    pub(super) fn merge(self, other: HeadsUpCounts) -> HeadsUpCounts {
        HeadsUpCounts {
            wins: [self.wins[0] + other.wins[0], self.wins[1] + other.wins[1]],
            ties: self.ties + other.ties,
        }
    }
}

/// The two holdings and the live cards, prepared for the loops.
#[derive(Debug, Clone)]
pub(super) struct HeadsUp {
    evaluator: HighEvaluator,
    holes: [HighHand; 2],
    live: Vec<HighHand>,
    live_rank_keys: Vec<u32>,
}

impl HeadsUp {
    pub(super) fn new(holes: [HighHand; 2], live: Vec<HighHand>) -> HeadsUp {
        let live_rank_keys = live.iter().map(|card| card.rank_key()).collect();
        HeadsUp {
            evaluator: HighEvaluator::get(),
            holes,
            live,
            live_rank_keys,
        }
    }

    /// Every board that adds `left` cards from `live[start..]` to `board`.
    pub(super) fn count(&self, board: HighHand, start: usize, left: usize) -> HeadsUpCounts {
        let mut counts = HeadsUpCounts::default();
        match left {
            0 => self.settle(board, &mut counts),
            1 => self.rivers(board, start, &mut counts),
            _ => self.deeper(board, start, left, &mut counts),
        }
        counts
    }

    fn deeper(&self, board: HighHand, start: usize, left: usize, counts: &mut HeadsUpCounts) {
        let end = self.live.len();
        for i in start..end {
            let next = board.combine(self.live[i]);
            if left == 2 {
                self.rivers(next, i + 1, counts);
            } else {
                self.deeper(next, i + 1, left - 1, counts);
            }
        }
    }

    /// One complete board.
    fn settle(&self, board: HighHand, counts: &mut HeadsUpCounts) {
        let first = self.evaluator.class(board.combine(self.holes[0]));
        let second = self.evaluator.class(board.combine(self.holes[1]));
        counts.wins[0] += u64::from(first > second);
        counts.wins[1] += u64::from(first < second);
        counts.ties += u64::from(first == second);
    }

    /// Every last card from `live[start..]` added to a board one card short.
    #[inline(always)]
    fn rivers(&self, board: HighHand, start: usize, counts: &mut HeadsUpCounts) {
        let first = board.combine(self.holes[0]);
        let second = board.combine(self.holes[1]);
        let live = self.live.get(start..).unwrap_or(&[]);
        let keys = self.live_rank_keys.get(start..).unwrap_or(&[]);
        let evaluator = self.evaluator;
        let (mut first_wins, mut second_wins) = (0u32, 0u32);
        if first.may_flush_with(1) || second.may_flush_with(1) {
            for &card in live {
                let a = evaluator.class(first.combine(card));
                let b = evaluator.class(second.combine(card));
                first_wins += u32::from(a > b);
                second_wins += u32::from(a < b);
            }
        } else {
            let (first_key, second_key) = (first.rank_key(), second.rank_key());
            for &key in keys {
                let a = evaluator.class_without_flush(first_key.wrapping_add(key));
                let b = evaluator.class_without_flush(second_key.wrapping_add(key));
                first_wins += u32::from(a > b);
                second_wins += u32::from(a < b);
            }
        }
        counts.wins[0] += u64::from(first_wins);
        counts.wins[1] += u64::from(second_wins);
        counts.ties += (live.len() as u64) - u64::from(first_wins) - u64::from(second_wins);
    }
}
