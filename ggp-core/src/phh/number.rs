//! Numbers as PHH files write them, read exactly from their text.

use std::str::FromStr;

use rust_decimal::Decimal;

/// A number as a file wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    Finite(Decimal),
    Infinite,
    NegativeInfinite,
    Nan,
}

/// Reads a number from its text, exactly: `10112.5` is ten thousand one hundred and
/// twelve and a half, not the binary float nearest to it, and `0.50` keeps its two
/// decimal places, as pokerkit's `Decimal` does.
///
/// Accepts what TOML floats and Python's `Decimal` (which pokerkit uses for action
/// amounts) both write: an optional sign, digits with an optional decimal point, an
/// optional exponent, underscores between digits, and `inf` and `nan`. A number that
/// does not fit a decimal of 28 significant digits is an error rather than rounded.
pub(crate) fn parse_number(text: &str) -> Result<Number, &'static str> {
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let (negative, unsigned) = match cleaned.as_bytes().first() {
        Some(b'-') => (true, &cleaned[1..]),
        Some(b'+') => (false, &cleaned[1..]),
        _ => (false, cleaned.as_str()),
    };
    match unsigned.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => {
            return Ok(if negative {
                Number::NegativeInfinite
            } else {
                Number::Infinite
            });
        }
        "nan" => return Ok(Number::Nan),
        _ => {}
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    if whole.len() + fraction.len() == 0 || !digits(whole) || !digits(fraction) || !exponent_ok {
        return Err("not a number: write digits with an optional decimal point, such as 0.25");
    }
    const TOO_PRECISE: &str = "too many digits for an exact amount (at most 28 significant digits)";
    let base = Decimal::from_str(mantissa).map_err(|_| TOO_PRECISE)?;
    // The decimal type rounds what does not fit; a changed scale shows that it did.
    if base.scale() as usize != fraction.len() {
        return Err(TOO_PRECISE);
    }
    let value = match exponent {
        None => base,
        Some(_) => Decimal::from_scientific(unsigned).map_err(|_| TOO_PRECISE)?,
    };
    Ok(Number::Finite(if negative { -value } else { value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        match parse_number(text) {
            Ok(Number::Finite(value)) => value.to_string(),
            Ok(other) => format!("{other:?}"),
            Err(reason) => reason.split(':').next().unwrap_or_default().to_owned(),
        }
    }

    #[test]
    fn numbers_are_read_exactly_with_their_places() {
        assert_eq!(read("10112.5"), "10112.5");
        assert_eq!(read("0.50"), "0.50");
        assert_eq!(read("+1.25"), "1.25");
        assert_eq!(read("-0.5"), "-0.5");
        assert_eq!(read("1_000.5"), "1000.5");
        assert_eq!(read("1e3"), "1000");
        assert_eq!(read("1.5E+3"), "1500");
        assert_eq!(read("2.5e-2"), "0.025");
        assert_eq!(read(".5"), "0.5");
        assert_eq!(read("5."), "5");
        assert_eq!(read("1e-28"), "0.0000000000000000000000000001");
    }

    #[test]
    fn special_values() {
        assert_eq!(read("inf"), "Infinite");
        assert_eq!(read("+inf"), "Infinite");
        assert_eq!(read("-inf"), "NegativeInfinite");
        assert_eq!(read("Infinity"), "Infinite");
        assert_eq!(read("nan"), "Nan");
        assert_eq!(read("-nan"), "Nan");
    }

    #[test]
    fn numbers_that_would_be_rounded_are_refused() {
        let too_precise = "too many digits for an exact amount (at most 28 significant digits)";
        assert_eq!(read("0.00000000000000000000000000001"), too_precise);
        assert_eq!(read("1.0000000000000000000000000001234"), too_precise);
        assert_eq!(read("79228162514264337593543950336"), too_precise);
        assert_eq!(read("1e99"), too_precise);
        assert_eq!(read("1e-29"), too_precise);
    }

    #[test]
    fn text_that_is_not_a_number_is_refused() {
        for text in [
            "", "-", ".", "abc", "1.2.3", "1e", "1e+", "e5", "1,000", "0x10", "1 0",
        ] {
            assert_eq!(read(text), "not a number", "{text:?}");
        }
    }
}
