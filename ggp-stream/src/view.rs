//! What each output's graphics are drawn from.
//!
//! The live output is drawn from `Option<PublicTableView>` alone: that type has no field
//! that can hold a hidden hole card, an equity or an out. The program output is drawn from
//! a [`ProgramView`]: the full [`TableView`] known when the frame leaves the delay, and
//! the state of the delay for the countdown.

use ggp_core::view::TableView;

/// The program output's view of a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramView {
    /// The hand on the table at the frame's time, with every hole card known by the time
    /// the frame is released; `None` between hands.
    pub table: Option<TableView>,
    /// The delay, for the countdown shown while it shrinks.
    pub delay: DelayStatus,
}

/// The program delay now and where it is heading, in whole seconds (so that a countdown
/// changes, and the overlay re-renders, once a second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DelayStatus {
    /// The delay of the frame being shown.
    pub current_s: u32,
    /// The delay being moved to (smaller during a break, larger when it grows).
    pub target_s: u32,
    /// The delay when the change started, to show progress.
    pub from_s: u32,
}

impl DelayStatus {
    /// While the delay shrinks or grows, the share of the change still to go (1 at the
    /// start, 0 when reached); `None` when the delay is steady.
    pub fn countdown_fraction(&self) -> Option<f64> {
        let (current, target, from) = (
            i64::from(self.current_s),
            i64::from(self.target_s),
            i64::from(self.from_s),
        );
        let (left, total) = ((current - target).abs(), (from - target).abs());
        // Steady, or already past the target on the side it moved to.
        if left == 0 || total == 0 || (current - target).signum() != (from - target).signum() {
            return None;
        }
        Some(left as f64 / total as f64)
    }

    /// The countdown as text, e.g. "DELAY 4:32 -> 0:30"; `None` when the delay is steady.
    pub fn countdown_text(&self) -> Option<String> {
        self.countdown_fraction()?;
        let clock = |s: u32| format!("{}:{:02}", s / 60, s % 60);
        Some(format!(
            "DELAY {} -> {}",
            clock(self.current_s),
            clock(self.target_s)
        ))
    }
}
