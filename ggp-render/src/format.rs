//! Chip amounts as broadcasts show them: "12,450", "1.2M", "$1,200", "24.5 BB".
//!
//! Amounts are exact decimals ([`Chips`]) and are formatted by decimal arithmetic, never
//! through a float, so "10,112.25" is shown exactly as the hand history wrote it.

use ggp_core::Chips;
use rust_decimal::{Decimal, RoundingStrategy};

/// Separators and decimal mark of a number locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberLocale {
    /// English: `12,450.5`, `1.2M`.
    #[default]
    En,
    /// German: `12.450,5`, `1,2M`.
    De,
    /// French: `12 450,5` (narrow no-break space), `1,2M`.
    Fr,
}

impl NumberLocale {
    /// The locale with this code (`en`, `de`, `fr`, case-insensitive; `en-US` style too).
    pub fn from_code(code: &str) -> Option<NumberLocale> {
        let lang = code.split(['-', '_']).next().unwrap_or(code);
        match lang.to_ascii_lowercase().as_str() {
            "en" => Some(NumberLocale::En),
            "de" => Some(NumberLocale::De),
            "fr" => Some(NumberLocale::Fr),
            _ => None,
        }
    }

    /// The thousands separator.
    pub const fn group_separator(self) -> &'static str {
        match self {
            NumberLocale::En => ",",
            NumberLocale::De => ".",
            // U+202F NARROW NO-BREAK SPACE, what French typography (and CLDR) uses.
            NumberLocale::Fr => "\u{202f}",
        }
    }

    /// The decimal mark.
    pub const fn decimal_mark(self) -> &'static str {
        match self {
            NumberLocale::En => ".",
            NumberLocale::De | NumberLocale::Fr => ",",
        }
    }
}

/// Where a currency symbol goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SymbolPosition {
    /// Before the number: `$1,200`.
    #[default]
    Prefix,
    /// After the number, with a space: `1.200 €`.
    Suffix,
}

/// How a skin shows amounts of chips.
///
/// ```
/// use ggp_core::Chips;
/// use ggp_render::{NumberFormat, NumberLocale};
/// let full = NumberFormat::default();
/// assert_eq!(full.chips(Chips::from(12450)), "12,450");
/// let compact = NumberFormat { compact_from: Some(Chips::from(100_000)), ..full.clone() };
/// assert_eq!(compact.chips(Chips::from(1_234_567)), "1.23M");
/// let de = NumberFormat { locale: NumberLocale::De, ..full };
/// assert_eq!(de.chips("10112.5".parse()?), "10.112,5");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    /// Separators and decimal mark.
    pub locale: NumberLocale,
    /// From this amount up, show `12.5K` / `1.2M` / `3.4B` instead of every digit;
    /// `None` never.
    pub compact_from: Option<Chips>,
    /// Significant digits kept in compact form (at least 2).
    pub compact_digits: u32,
    /// A currency symbol such as `$` or `€`, or none for chips.
    pub symbol: Option<String>,
    /// Where the symbol goes.
    pub symbol_position: SymbolPosition,
    /// Decimal places kept at most in full form (exact amounts with more are rounded half
    /// away from zero); trailing zeros are dropped unless `fixed_decimals` is set.
    pub max_decimals: u32,
    /// Always show `max_decimals` places (`$12.50`), as cash games do.
    pub fixed_decimals: bool,
}

impl Default for NumberFormat {
    fn default() -> Self {
        Self {
            locale: NumberLocale::En,
            compact_from: None,
            compact_digits: 3,
            symbol: None,
            symbol_position: SymbolPosition::Prefix,
            max_decimals: 2,
            fixed_decimals: false,
        }
    }
}

impl NumberFormat {
    /// An amount as the skin shows it, symbol included.
    pub fn chips(&self, amount: Chips) -> String {
        let value = amount.as_decimal();
        let number = match self.compact_from {
            Some(from) if value.abs() >= from.as_decimal().abs() && value.abs() >= THOUSAND => {
                self.compact(value)
            }
            _ => self.full(value),
        };
        self.with_symbol(number)
    }

    /// An amount in big blinds, `24.5 BB`, with one decimal at most; `None` when the big
    /// blind is not positive.
    ///
    /// ```
    /// use ggp_core::Chips;
    /// use ggp_render::NumberFormat;
    /// let f = NumberFormat::default();
    /// assert_eq!(f.big_blinds(Chips::from(4900), Chips::from(200)).as_deref(), Some("24.5 BB"));
    /// ```
    pub fn big_blinds(&self, amount: Chips, big_blind: Chips) -> Option<String> {
        if !big_blind.is_positive() {
            return None;
        }
        let multiple = (amount.as_decimal() / big_blind.as_decimal())
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        Some(format!("{} BB", self.digits(multiple, 1, false)))
    }

    /// A share 0..1 as a percentage with `decimals` places: `0.4567` -> `45.7%`.
    ///
    /// Equity is a probability, not an amount, so a float is the right input here.
    pub fn percent(&self, share: f64, decimals: u32) -> String {
        let share = if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let text = format!("{:.*}", decimals as usize, share * 100.0);
        format!("{}%", text.replace('.', self.locale.decimal_mark()))
    }

    fn full(&self, value: Decimal) -> String {
        let rounded = value
            .round_dp_with_strategy(self.max_decimals, RoundingStrategy::MidpointAwayFromZero);
        self.digits(rounded, self.max_decimals, self.fixed_decimals)
    }

    fn compact(&self, value: Decimal) -> String {
        let magnitude = value.abs();
        let (divisor, suffix) = if magnitude >= BILLION {
            (BILLION, "B")
        } else if magnitude >= MILLION {
            (MILLION, "M")
        } else {
            (THOUSAND, "K")
        };
        let scaled = value / divisor;
        // Keep `compact_digits` significant digits: 1.23M, 12.3M, 123M.
        let integer_digits = digit_count(scaled.abs().trunc());
        let decimals = self.compact_digits.max(2).saturating_sub(integer_digits);
        let mut rounded = scaled
            .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        let mut suffix = suffix;
        // 999.95K rounds to 1000K: show it as 1M instead.
        if rounded.abs() >= THOUSAND && suffix != "B" {
            rounded = (rounded / THOUSAND).normalize();
            suffix = if suffix == "K" { "M" } else { "B" };
        }
        format!("{}{suffix}", self.digits(rounded, decimals, false))
    }

    /// Groups the integer digits and writes the decimals with the locale's marks.
    fn digits(&self, value: Decimal, decimals: u32, fixed: bool) -> String {
        let text = if fixed {
            format!("{:.*}", decimals as usize, value.abs())
        } else {
            value.abs().normalize().to_string()
        };
        let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::new();
        if value.is_sign_negative() && !value.is_zero() {
            out.push('-');
        }
        let len = integer.len();
        for (i, digit) in integer.chars().enumerate() {
            if i > 0 && (len - i) % 3 == 0 {
                out.push_str(self.locale.group_separator());
            }
            out.push(digit);
        }
        if !fraction.is_empty() {
            out.push_str(self.locale.decimal_mark());
            out.push_str(fraction);
        }
        out
    }

    fn with_symbol(&self, number: String) -> String {
        match (&self.symbol, self.symbol_position) {
            (None, _) => number,
            (Some(symbol), SymbolPosition::Prefix) => match number.strip_prefix('-') {
                Some(rest) => format!("-{symbol}{rest}"),
                None => format!("{symbol}{number}"),
            },
            (Some(symbol), SymbolPosition::Suffix) => format!("{number}\u{a0}{symbol}"),
        }
    }
}

const THOUSAND: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const BILLION: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

fn digit_count(integer: Decimal) -> u32 {
    let text = integer.normalize().to_string();
    if text == "0" { 0 } else { text.len() as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chips(text: &str) -> Chips {
        text.parse().unwrap()
    }

    fn compact() -> NumberFormat {
        NumberFormat {
            compact_from: Some(Chips::from(10_000)),
            ..NumberFormat::default()
        }
    }

    #[test]
    fn thousands_are_grouped() {
        let f = NumberFormat::default();
        assert_eq!(f.chips(chips("0")), "0");
        assert_eq!(f.chips(chips("999")), "999");
        assert_eq!(f.chips(chips("1000")), "1,000");
        assert_eq!(f.chips(chips("12450")), "12,450");
        assert_eq!(f.chips(chips("1234567")), "1,234,567");
        assert_eq!(f.chips(chips("-1200")), "-1,200");
        assert_eq!(f.chips(chips("10112.25")), "10,112.25");
        assert_eq!(f.chips(chips("0.125")), "0.13");
        assert_eq!(f.chips(chips("12.50")), "12.5");
    }

    #[test]
    fn huge_exact_amounts_keep_every_digit() {
        let f = NumberFormat::default();
        // Past f32 (and f64) integer precision: digits must still be exact.
        assert_eq!(
            f.chips(chips("123456789012345678.5")),
            "123,456,789,012,345,678.5"
        );
    }

    #[test]
    fn compact_keeps_three_significant_digits() {
        let f = compact();
        assert_eq!(f.chips(chips("9999")), "9,999");
        assert_eq!(f.chips(chips("12450")), "12.5K");
        assert_eq!(f.chips(chips("12449")), "12.4K");
        assert_eq!(f.chips(chips("125000")), "125K");
        assert_eq!(f.chips(chips("1200000")), "1.2M");
        assert_eq!(f.chips(chips("1234567")), "1.23M");
        assert_eq!(f.chips(chips("2000000000")), "2B");
        assert_eq!(f.chips(chips("-1500000")), "-1.5M");
    }

    #[test]
    fn compact_rounding_carries_into_the_next_unit() {
        let f = compact();
        assert_eq!(f.chips(chips("999950")), "1M");
        assert_eq!(f.chips(chips("999499")), "999K");
        let two = NumberFormat {
            compact_digits: 2,
            ..compact()
        };
        assert_eq!(two.chips(chips("1250000")), "1.3M");
        assert_eq!(two.chips(chips("12500")), "13K");
    }

    #[test]
    fn locales_use_their_marks() {
        let de = NumberFormat {
            locale: NumberLocale::De,
            ..NumberFormat::default()
        };
        assert_eq!(de.chips(chips("1234567.5")), "1.234.567,5");
        let fr = NumberFormat {
            locale: NumberLocale::Fr,
            ..compact()
        };
        assert_eq!(fr.chips(chips("12450")), "12,5K");
        assert_eq!(fr.chips(chips("9999")), "9\u{202f}999");
        assert_eq!(NumberLocale::from_code("de-AT"), Some(NumberLocale::De));
        assert_eq!(NumberLocale::from_code("xx"), None);
    }

    #[test]
    fn currency_symbols_and_fixed_decimals() {
        let usd = NumberFormat {
            symbol: Some("$".into()),
            fixed_decimals: true,
            ..NumberFormat::default()
        };
        assert_eq!(usd.chips(chips("12.5")), "$12.50");
        assert_eq!(usd.chips(chips("-3")), "-$3.00");
        let eur = NumberFormat {
            locale: NumberLocale::De,
            symbol: Some("€".into()),
            symbol_position: SymbolPosition::Suffix,
            ..NumberFormat::default()
        };
        assert_eq!(eur.chips(chips("1200")), "1.200\u{a0}€");
    }

    #[test]
    fn big_blind_multiples() {
        let f = NumberFormat::default();
        assert_eq!(
            f.big_blinds(chips("4900"), chips("200")).as_deref(),
            Some("24.5 BB")
        );
        assert_eq!(
            f.big_blinds(chips("400000"), chips("200")).as_deref(),
            Some("2,000 BB")
        );
        assert_eq!(
            f.big_blinds(chips("1000"), chips("300")).as_deref(),
            Some("3.3 BB")
        );
        assert_eq!(f.big_blinds(chips("1000"), Chips::ZERO), None);
    }

    #[test]
    fn percentages() {
        let f = NumberFormat::default();
        assert_eq!(f.percent(0.4567, 1), "45.7%");
        assert_eq!(f.percent(1.0, 0), "100%");
        assert_eq!(f.percent(f64::NAN, 0), "0%");
        let de = NumberFormat {
            locale: NumberLocale::De,
            ..f
        };
        assert_eq!(de.percent(0.5, 1), "50,0%");
    }
}
