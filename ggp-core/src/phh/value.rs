//! The typed values of PHH fields that are more than a number or a string.

use std::fmt;

use rust_decimal::Decimal;

use crate::chips::Chips;

/// A stack in `starting_stacks` or `finishing_stacks`: an amount, or unknown.
///
/// The specification writes an unknown stack as `inf`; pokerkit plays it as an infinite
/// stack.
///
/// ```
/// use ggp_core::{Chips, phh::PhhStack};
/// assert_eq!(PhhStack::from(Chips::from(200)).to_string(), "200");
/// assert_eq!(PhhStack::Unknown.to_string(), "inf");
/// assert_eq!(PhhStack::Unknown.chips(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhhStack {
    /// A known amount.
    Chips(Chips),
    /// An unknown stack, written `inf`.
    Unknown,
}

impl PhhStack {
    /// The amount, if known.
    pub fn chips(self) -> Option<Chips> {
        match self {
            PhhStack::Chips(chips) => Some(chips),
            PhhStack::Unknown => None,
        }
    }
}

impl From<Chips> for PhhStack {
    fn from(chips: Chips) -> PhhStack {
        PhhStack::Chips(chips)
    }
}

impl fmt::Display for PhhStack {
    /// As written in a PHH file: the amount with its decimal places as given, or `inf`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhhStack::Chips(chips) => fmt::Display::fmt(&chips.as_decimal(), f),
            PhhStack::Unknown => f.write_str("inf"),
        }
    }
}

/// The `time_limit` field: seconds per action, or no limit.
///
/// ```
/// use ggp_core::phh::PhhTimeLimit;
/// assert_eq!(PhhTimeLimit::Seconds(30.into()).to_string(), "30");
/// assert_eq!(PhhTimeLimit::Unlimited.to_string(), "inf");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhhTimeLimit {
    /// This many seconds, exact as written (`30`, `12.5`).
    Seconds(Decimal),
    /// No limit, written `inf`.
    Unlimited,
}

impl fmt::Display for PhhTimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhhTimeLimit::Seconds(seconds) => fmt::Display::fmt(seconds, f),
            PhhTimeLimit::Unlimited => f.write_str("inf"),
        }
    }
}

/// The `hand` and `table` fields: a number or a name.
///
/// ```
/// use ggp_core::phh::PhhLabel;
/// assert_eq!(PhhLabel::Number(51).to_string(), "51");
/// assert_eq!(PhhLabel::Name("Final table".into()).to_string(), "Final table");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PhhLabel {
    /// A TOML integer.
    Number(i64),
    /// A TOML string.
    Name(String),
}

impl fmt::Display for PhhLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhhLabel::Number(number) => write!(f, "{number}"),
            PhhLabel::Name(name) => f.write_str(name),
        }
    }
}

/// The `time` field: a local time of day, without a date or time zone.
///
/// ```
/// use ggp_core::phh::PhhTime;
/// let time = PhhTime { hour: 21, minute: 5, second: 0, nanosecond: 0 };
/// assert_eq!(time.to_string(), "21:05:00");
/// let precise = PhhTime { nanosecond: 500_000_000, ..time };
/// assert_eq!(precise.to_string(), "21:05:00.500000");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhhTime {
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 60 (60 for a leap second).
    pub second: u8,
    /// 0 to 999 999 999.
    pub nanosecond: u32,
}

impl fmt::Display for PhhTime {
    /// As TOML and Python's `datetime.time` write it: `HH:MM:SS`, with six decimal places
    /// of seconds when there is a fraction, or nine when microseconds are not enough.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        if self.nanosecond == 0 {
            Ok(())
        } else if self.nanosecond.is_multiple_of(1000) {
            write!(f, ".{:06}", self.nanosecond / 1000)
        } else {
            write!(f, ".{:09}", self.nanosecond)
        }
    }
}

/// The value of a user-defined field (or of a field this version does not know): any
/// TOML value, kept so that it is written back as it was read.
///
/// Floats and date-times keep their TOML text, so that `2.50` stays `2.50` and no value
/// ever passes through a binary float.
///
/// ```
/// use ggp_core::phh::PhhValue;
/// let value = PhhValue::Array(vec![
///     PhhValue::String("GGPoker".into()),
///     PhhValue::Integer(3),
///     PhhValue::Float("2.50".into()),
/// ]);
/// assert_eq!(value.to_toml(), "['GGPoker', 3, 2.50]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhhValue {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A float, as its TOML text (`2.50`, `1e3`, `inf`).
    Float(String),
    /// A boolean.
    Boolean(bool),
    /// An offset or local date-time, date or time, as its TOML text.
    Datetime(String),
    /// An array.
    Array(Vec<PhhValue>),
    /// A table, in the order its keys were written.
    Table(Vec<(String, PhhValue)>),
}

impl PhhValue {
    /// The value as TOML text, in pokerkit's layout (inline arrays and tables).
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        super::write::write_value(&mut out, self);
        out
    }
}
