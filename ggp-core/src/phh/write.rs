//! [`PhhHand`] to text, in the layout pokerkit's `HandHistory.dumps` writes.
//!
//! pokerkit writes one `key = value` line per field, in its field order, then the
//! user-defined fields; strings in single quotes (triple when they hold a quote); arrays
//! and tables inline; numbers as Python prints them (`Decimal` keeps its decimal places);
//! and no final newline. Where pokerkit's output would not be TOML (a newline in a
//! string without quotes, a key with a dot), this writer uses the TOML form that is.

use std::fmt::Write as _;

use crate::chips::Chips;

use super::PhhHand;
use super::value::{PhhLabel, PhhStack, PhhValue};
use super::variant::PhhField;

pub(crate) fn write_hand(hand: &PhhHand) -> String {
    let mut out = String::with_capacity(512 + 16 * hand.actions.len());
    for field in PhhField::ALL {
        let start = out.len();
        if start > 0 {
            out.push('\n');
        }
        out.push_str(field.name());
        out.push_str(" = ");
        if !write_field(&mut out, hand, field) {
            out.truncate(start);
        }
    }
    for (key, value) in &hand.user_defined_fields {
        out.push('\n');
        write_key(&mut out, key);
        out.push_str(" = ");
        write_value(&mut out, value);
    }
    out
}

pub(crate) fn write_phhs<'a>(hands: impl IntoIterator<Item = &'a PhhHand>) -> String {
    let mut out = String::new();
    for (i, hand) in hands.into_iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        // Writing to a String cannot fail.
        let _ = writeln!(out, "[{}]", i + 1);
        out.push_str(&write_hand(hand));
    }
    out
}

/// Writes the value of `field`; false when the hand does not have the field.
fn write_field(out: &mut String, hand: &PhhHand, field: PhhField) -> bool {
    fn some<T>(out: &mut String, value: &Option<T>, write: impl FnOnce(&mut String, &T)) -> bool {
        match value {
            Some(value) => {
                write(out, value);
                true
            }
            None => false,
        }
    }
    let string = |out: &mut String, text: &String| write_string(out, text);
    let integer = |out: &mut String, number: &i64| {
        let _ = write!(out, "{number}");
    };
    let amount = |out: &mut String, chips: &Chips| write_amount(out, *chips);
    let amounts = |out: &mut String, list: &Vec<Chips>| {
        write_array(out, list, |out, chips| write_amount(out, *chips))
    };
    let stacks = |out: &mut String, list: &Vec<PhhStack>| {
        write_array(out, list, |out, stack| {
            let _ = write!(out, "{stack}");
        })
    };
    let label = |out: &mut String, label: &PhhLabel| match label {
        PhhLabel::Number(number) => {
            let _ = write!(out, "{number}");
        }
        PhhLabel::Name(name) => write_string(out, name),
    };
    match field {
        PhhField::Variant => {
            write_string(out, hand.variant.code());
            true
        }
        PhhField::AnteTrimmingStatus => some(out, &hand.ante_trimming_status, |out, flag| {
            out.push_str(if *flag { "true" } else { "false" })
        }),
        PhhField::Antes => {
            amounts(out, &hand.antes);
            true
        }
        PhhField::BlindsOrStraddles => some(out, &hand.blinds_or_straddles, amounts),
        PhhField::BringIn => some(out, &hand.bring_in, amount),
        PhhField::SmallBet => some(out, &hand.small_bet, amount),
        PhhField::BigBet => some(out, &hand.big_bet, amount),
        PhhField::MinBet => some(out, &hand.min_bet, amount),
        PhhField::StartingStacks => {
            stacks(out, &hand.starting_stacks);
            true
        }
        PhhField::Actions => {
            write_array(out, &hand.actions, |out, action| {
                write_string(out, &action.to_string())
            });
            true
        }
        PhhField::Author => some(out, &hand.author, string),
        PhhField::Event => some(out, &hand.event, string),
        PhhField::Url => some(out, &hand.url, string),
        PhhField::Venue => some(out, &hand.venue, string),
        PhhField::Address => some(out, &hand.address, string),
        PhhField::City => some(out, &hand.city, string),
        PhhField::Region => some(out, &hand.region, string),
        PhhField::PostalCode => some(out, &hand.postal_code, string),
        PhhField::Country => some(out, &hand.country, string),
        PhhField::Time => some(out, &hand.time, |out, time| {
            let _ = write!(out, "{time}");
        }),
        PhhField::TimeZone => some(out, &hand.time_zone, string),
        PhhField::Day => some(out, &hand.day, integer),
        PhhField::Month => some(out, &hand.month, integer),
        PhhField::Year => some(out, &hand.year, integer),
        PhhField::Hand => some(out, &hand.hand, label),
        PhhField::Level => some(out, &hand.level, integer),
        PhhField::Seats => some(out, &hand.seats, |out, seats| {
            write_array(out, seats, integer)
        }),
        PhhField::SeatCount => some(out, &hand.seat_count, integer),
        PhhField::Table => some(out, &hand.table, label),
        PhhField::Players => some(out, &hand.players, |out, players| {
            write_array(out, players, string)
        }),
        PhhField::FinishingStacks => some(out, &hand.finishing_stacks, stacks),
        PhhField::Winnings => some(out, &hand.winnings, amounts),
        PhhField::Currency => some(out, &hand.currency, string),
        PhhField::CurrencySymbol => some(out, &hand.currency_symbol, string),
        PhhField::TimeLimit => some(out, &hand.time_limit, |out, limit| {
            let _ = write!(out, "{limit}");
        }),
        PhhField::TimeBanks => some(out, &hand.time_banks, |out, banks| {
            write_array(out, banks, |out, seconds| {
                let _ = write!(out, "{seconds}");
            })
        }),
        PhhField::TimeZoneAbbreviation => some(out, &hand.time_zone_abbreviation, string),
    }
}

/// An amount with the decimal places it was read with (`0.50`), as Python's `Decimal`
/// prints it; whole amounts read from integers print as integers.
fn write_amount(out: &mut String, chips: Chips) {
    let _ = write!(out, "{}", chips.as_decimal());
}

fn write_array<T>(out: &mut String, items: &[T], mut write: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(out, item);
    }
    out.push(']');
}

pub(crate) fn write_value(out: &mut String, value: &PhhValue) {
    match value {
        PhhValue::String(text) => write_string(out, text),
        PhhValue::Integer(number) => {
            let _ = write!(out, "{number}");
        }
        PhhValue::Float(text) | PhhValue::Datetime(text) => out.push_str(text),
        PhhValue::Boolean(flag) => out.push_str(if *flag { "true" } else { "false" }),
        PhhValue::Array(items) => write_array(out, items, write_value),
        PhhValue::Table(entries) => {
            out.push('{');
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_key(out, key);
                out.push_str(" = ");
                write_value(out, value);
            }
            out.push('}');
        }
    }
}

/// A key: bare when TOML allows it, else in single quotes as pokerkit quotes keys with
/// spaces, else in double quotes with escapes.
fn write_key(out: &mut String, key: &str) {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        out.push_str(key);
    } else if fits_literal(key) && !key.contains('\'') {
        out.push('\'');
        out.push_str(key);
        out.push('\'');
    } else {
        write_basic_string(out, key);
    }
}

/// A string as pokerkit writes it: `'text'`, or `'''text'''` when it holds a `'`. Text
/// that no literal string can hold (control characters, `'''`, a leading newline, a
/// newline without a quote) goes in a basic string with escapes.
fn write_string(out: &mut String, text: &str) {
    let has_quote = text.contains('\'');
    let has_newline = text.contains('\n');
    if !has_quote && !has_newline && fits_literal(text) {
        out.push('\'');
        out.push_str(text);
        out.push('\'');
    } else if has_quote
        && !text.contains("'''")
        && !text.starts_with('\n')
        && fits_literal(&text.replace('\n', ""))
    {
        // A multi-line literal string drops a newline right after its opening quotes,
        // hence no leading newline; newlines elsewhere are kept.
        out.push_str("'''");
        out.push_str(text);
        out.push_str("'''");
    } else {
        write_basic_string(out, text);
    }
}

/// Whether a literal string can hold `text` on one line: no control characters but tab.
fn fits_literal(text: &str) -> bool {
    !text.chars().any(|c| c != '\t' && c.is_control())
}

fn write_basic_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, text);
        out
    }

    fn key(text: &str) -> String {
        let mut out = String::new();
        write_key(&mut out, text);
        out
    }

    #[test]
    fn strings_are_quoted_as_pokerkit_quotes_them() {
        assert_eq!(string("Phil Ivey"), "'Phil Ivey'");
        assert_eq!(string("it's"), "'''it's'''");
        assert_eq!(string("'quoted'"), "''''quoted''''");
        assert_eq!(string(""), "''");
        assert_eq!(string("a\tb"), "'a\tb'");
    }

    #[test]
    fn strings_no_literal_can_hold_are_escaped() {
        assert_eq!(string("two\nlines"), "\"two\\nlines\"");
        assert_eq!(string("it's\ntwo"), "'''it's\ntwo'''");
        assert_eq!(string("\nit's"), "\"\\nit's\"");
        assert_eq!(string("a''' b"), "\"a''' b\"");
        assert_eq!(string("bell\u{7}"), "\"bell\\u0007\"");
        assert_eq!(string("c:\\ \"q\"\r"), r#""c:\\ \"q\"\r""#);
    }

    #[test]
    fn keys_are_bare_when_they_can_be() {
        assert_eq!(key("_sponsors"), "_sponsors");
        assert_eq!(key("a-b_9"), "a-b_9");
        assert_eq!(key("a b"), "'a b'");
        assert_eq!(key("a.b"), "'a.b'");
        assert_eq!(key(""), "''");
        assert_eq!(key("it's"), "\"it's\"");
    }
}
