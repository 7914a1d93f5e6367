//! Exact amounts of chips.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// An exact amount of chips or money: an integer, or a decimal such as a 0.25 blind or a
/// 10112.5 stack from a hand history. Never a float, so that pots add up to the cent and
/// a file's amounts come back exactly as written.
///
/// ```
/// use ggp_core::Chips;
/// let stack: Chips = "10112.5".parse()?;
/// let blind: Chips = "0.25".parse()?;
/// assert_eq!((stack - blind).to_string(), "10112.25");
/// assert_eq!(Chips::from(200) + Chips::from(50), Chips::from(250));
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Chips(Decimal);

impl Chips {
    /// No chips.
    pub const ZERO: Chips = Chips(Decimal::ZERO);

    /// Parses an amount: digits with an optional sign and decimal point ("200", "0.25",
    /// "-12.5"); no exponents, no separators.
    pub fn parse(text: &str) -> Result<Chips> {
        let invalid = |reason| Error::InvalidAmount {
            text: text.to_owned(),
            reason,
        };
        let trimmed = text.trim();
        let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
        if digits.is_empty() {
            return Err(invalid("no digits"));
        }
        if !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            || digits.matches('.').count() > 1
        {
            return Err(invalid("only digits and one decimal point are allowed"));
        }
        if !digits.bytes().any(|b| b.is_ascii_digit()) {
            return Err(invalid("no digits"));
        }
        Decimal::from_str(trimmed)
            .map(Chips)
            .map_err(|_| invalid("too many digits (at most 28 significant digits)"))
    }

    /// The amount as a decimal.
    pub const fn as_decimal(self) -> Decimal {
        self.0
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Whether the amount is above zero.
    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    /// Whether the amount is a whole number of chips.
    pub fn is_integer(self) -> bool {
        self.0.fract().is_zero()
    }

    /// The amount as an integer, if it is one that fits an `i64`.
    pub fn to_i64(self) -> Option<i64> {
        if self.is_integer() {
            i64::try_from(self.0).ok()
        } else {
            None
        }
    }

    /// The amount times a whole number.
    pub fn times(self, factor: u32) -> Chips {
        Chips(self.0 * Decimal::from(factor))
    }

    /// Splits the amount into `parts` equal shares of whole multiples of `unit` (the
    /// smallest chip in play), and the remainder (the odd chips), which is less than
    /// `parts * unit`. `parts` and `unit` must be positive.
    pub fn split(self, parts: u32, unit: Chips) -> (Chips, Chips) {
        if parts == 0 || !unit.is_positive() {
            return (Chips::ZERO, self);
        }
        let units_per_share = (self.0 / unit.0 / Decimal::from(parts)).floor();
        let share = Chips(units_per_share * unit.0);
        (share, self - share.times(parts))
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Chips) -> Chips {
        std::cmp::min(self, other)
    }

    /// The larger of two amounts.
    pub fn max(self, other: Chips) -> Chips {
        std::cmp::max(self, other)
    }
}

impl From<i64> for Chips {
    fn from(value: i64) -> Chips {
        Chips(Decimal::from(value))
    }
}

impl From<i32> for Chips {
    fn from(value: i32) -> Chips {
        Chips(Decimal::from(value))
    }
}

impl From<u32> for Chips {
    fn from(value: u32) -> Chips {
        Chips(Decimal::from(value))
    }
}

impl From<Decimal> for Chips {
    fn from(value: Decimal) -> Chips {
        Chips(value)
    }
}

impl FromStr for Chips {
    type Err = Error;
    fn from_str(text: &str) -> Result<Chips> {
        Chips::parse(text)
    }
}

impl fmt::Display for Chips {
    /// The shortest exact form: "200", "0.25", "10112.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl fmt::Debug for Chips {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Add for Chips {
    type Output = Chips;
    fn add(self, rhs: Chips) -> Chips {
        Chips(self.0 + rhs.0)
    }
}

impl AddAssign for Chips {
    fn add_assign(&mut self, rhs: Chips) {
        self.0 += rhs.0;
    }
}

impl Sub for Chips {
    type Output = Chips;
    fn sub(self, rhs: Chips) -> Chips {
        Chips(self.0 - rhs.0)
    }
}

impl SubAssign for Chips {
    fn sub_assign(&mut self, rhs: Chips) {
        self.0 -= rhs.0;
    }
}

impl Neg for Chips {
    type Output = Chips;
    fn neg(self) -> Chips {
        Chips(-self.0)
    }
}

impl Sum for Chips {
    fn sum<I: Iterator<Item = Chips>>(iter: I) -> Chips {
        iter.fold(Chips::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Chips> for Chips {
    fn sum<I: Iterator<Item = &'a Chips>>(iter: I) -> Chips {
        iter.copied().sum()
    }
}

/// JSON carries amounts as numbers: integers exactly, decimals by their shortest
/// text, which is exact for the amounts poker uses (up to 15 significant digits).
impl serde::Serialize for Chips {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_i64() {
            Some(integer) => serializer.serialize_i64(integer),
            None => {
                let text = self.to_string();
                serializer.serialize_f64(text.parse::<f64>().map_err(serde::ser::Error::custom)?)
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Chips {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Chips, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Chips;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount of chips, as a number or a decimal string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Chips, E> {
                Ok(Chips::from(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Chips, E> {
                Ok(Chips(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Chips, E> {
                // Rust prints the shortest text that reads back as the same float, which
                // is the decimal the file held.
                Chips::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Chips, E> {
                Chips::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chips(text: &str) -> Chips {
        Chips::parse(text).unwrap()
    }

    #[test]
    fn parses_and_formats_exactly() {
        for text in ["0", "200", "0.25", "10112.5", "-12.5", "1000000000000.01"] {
            assert_eq!(chips(text).to_string(), text);
        }
        assert_eq!(chips("2.50").to_string(), "2.5");
        assert_eq!(chips("2.50"), chips("2.5"));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        for text in ["", "-", ".", "1e3", "1,000", "12..5", "abc", "NaN", "inf"] {
            assert!(
                matches!(Chips::parse(text), Err(Error::InvalidAmount { .. })),
                "{text:?}"
            );
        }
    }

    #[test]
    fn arithmetic_is_exact() {
        let tenth = chips("0.1");
        let sum: Chips = std::iter::repeat_n(tenth, 10).sum();
        assert_eq!(sum, Chips::from(1));
        assert_eq!(chips("0.3") - chips("0.1") - chips("0.2"), Chips::ZERO);
    }

    #[test]
    fn splits_leave_odd_chips() {
        assert_eq!(
            Chips::from(101).split(2, Chips::from(1)),
            (Chips::from(50), Chips::from(1))
        );
        assert_eq!(
            chips("0.75").split(2, chips("0.01")),
            (chips("0.37"), chips("0.01"))
        );
        assert_eq!(
            Chips::from(90).split(3, Chips::from(5)),
            (Chips::from(30), Chips::ZERO)
        );
        assert_eq!(
            Chips::from(100).split(3, Chips::from(5)),
            (Chips::from(30), Chips::from(10))
        );
    }

    #[test]
    fn json_numbers() {
        assert_eq!(serde_json::to_string(&chips("10112.5")).unwrap(), "10112.5");
        assert_eq!(serde_json::to_string(&Chips::from(200)).unwrap(), "200");
        assert_eq!(
            serde_json::from_str::<Chips>("0.25").unwrap(),
            chips("0.25")
        );
        assert_eq!(
            serde_json::from_str::<Chips>("\"0.1\"").unwrap(),
            chips("0.1")
        );
    }
}
