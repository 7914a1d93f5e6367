//! TOML text to [`PhhHand`]: type checks, exact amounts, and errors that say where.

use std::ops::Range;

use rust_decimal::Decimal;
use toml_edit::{Document, InlineTable, Item, Table, Value};

use crate::chips::Chips;

use super::action::PhhAction;
use super::error::{PhhError, PhhLocation, PhhProblem};
use super::number::{Number, parse_number};
use super::value::{PhhLabel, PhhStack, PhhTime, PhhTimeLimit, PhhValue};
use super::variant::{PhhField, PhhVariant};
use super::{PhhHand, PhhsEntry};

type ReadResult<T> = std::result::Result<T, PhhError>;

pub(crate) fn parse_hand(text: &str) -> ReadResult<PhhHand> {
    let source = Source::new(text);
    let document = source.document()?;
    let root = document.as_table();
    let holds_hands = root.iter().all(|(_, item)| item.is_table())
        && root.iter().any(|(_, item)| {
            item.as_table()
                .is_some_and(|table| table.contains_key("variant"))
        });
    if holds_hands {
        // A .phhs file given where one hand was expected: say so, rather than that the
        // variant is missing.
        return Err(PhhError {
            location: PhhLocation::default(),
            problem: PhhProblem::ManyHands { count: root.len() },
        });
    }
    source.read_hand(None, &entries_of_table(root), None)
}

pub(crate) fn parse_phhs(text: &str) -> ReadResult<Vec<PhhsEntry>> {
    let source = Source::new(text);
    let document = source.document()?;
    let root = document.as_table();
    let mut hands = Vec::new();
    for (position, (name, item)) in root.iter().enumerate() {
        let index = position + 1;
        let key_span = root.key(name).and_then(|key| key.span());
        let fields = match item {
            Item::Table(table) => entries_of_table(table),
            Item::Value(Value::InlineTable(table)) => entries_of_inline_table(table),
            other => {
                return Err(PhhError {
                    location: PhhLocation {
                        hand_index: Some(index),
                        field: None,
                        position: None,
                        line: source.line(key_span),
                    },
                    problem: PhhProblem::NotAHand {
                        found: item_type(other),
                    },
                });
            }
        };
        let hand = source.read_hand(Some(index), &fields, key_span)?;
        hands.push(PhhsEntry {
            index,
            name: name.to_owned(),
            hand,
        });
    }
    Ok(hands)
}

/// A field of a hand: its key, where the key is, and its value (a table declared with a
/// header is an item, not a value, so both kinds are kept).
struct Entry<'a> {
    key: &'a str,
    key_span: Option<Range<usize>>,
    node: Node<'a>,
}

#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a Item),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    fn value(self) -> Option<&'a Value> {
        match self {
            Node::Item(Item::Value(value)) | Node::Value(value) => Some(value),
            Node::Item(_) => None,
        }
    }

    fn type_name(self) -> &'static str {
        match self {
            Node::Item(item) => item_type(item),
            Node::Value(value) => value_type(value),
        }
    }
}

fn entries_of_table(table: &Table) -> Vec<Entry<'_>> {
    table
        .iter()
        .map(|(key, item)| Entry {
            key,
            key_span: table.key(key).and_then(|key| key.span()),
            node: Node::Item(item),
        })
        .collect()
}

fn entries_of_inline_table(table: &InlineTable) -> Vec<Entry<'_>> {
    table
        .iter()
        .map(|(key, value)| Entry {
            key,
            key_span: table.key(key).and_then(|key| key.span()),
            node: Node::Value(value),
        })
        .collect()
}

fn item_type(item: &Item) -> &'static str {
    match item {
        Item::None => "nothing",
        Item::Value(value) => value_type(value),
        Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
    }
}

fn value_type(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date-time",
        Value::Array(_) => "an array",
        Value::InlineTable(_) => "a table",
    }
}

/// Which rule a number field follows.
#[derive(Clone, Copy)]
enum AmountRule {
    /// Any finite amount (blinds and straddles, see [`PhhHand::blinds_or_straddles`]).
    AnySign,
    /// Finite and not negative; the reason names what the amount is.
    NonNegative(&'static str),
    /// Not negative, or `inf`.
    NonNegativeOrInfinite(&'static str),
}

/// The file being read: its text, kept for the text of numbers (which the TOML parser
/// would turn into binary floats) and for line numbers.
struct Source<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

/// Where a value is, for errors.
#[derive(Clone)]
struct At<'a> {
    hand_index: Option<usize>,
    field: &'a str,
    position: Option<usize>,
    span: Option<Range<usize>>,
}

impl<'a> At<'a> {
    fn element(&self, position: usize, span: Option<Range<usize>>) -> At<'a> {
        At {
            position: Some(position),
            span: span.or_else(|| self.span.clone()),
            ..self.clone()
        }
    }
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Source<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Source { text, line_starts }
    }

    fn document(&self) -> ReadResult<Document<&'a str>> {
        Document::parse(self.text).map_err(|err| PhhError {
            location: PhhLocation {
                line: self.line(err.span()),
                ..PhhLocation::default()
            },
            problem: PhhProblem::Toml {
                message: err.message().trim_end().to_owned(),
            },
        })
    }

    /// The 1-based line holding the start of `span`.
    fn line(&self, span: Option<Range<usize>>) -> Option<usize> {
        let start = span?.start;
        Some(
            self.line_starts
                .partition_point(|&line_start| line_start <= start),
        )
    }

    /// The text of a value as written, when the parser kept where it is.
    fn raw(&self, value: &Value) -> Option<&'a str> {
        value.span().and_then(|span| self.text.get(span))
    }

    fn error(&self, at: &At<'_>, problem: PhhProblem) -> PhhError {
        PhhError {
            location: PhhLocation {
                hand_index: at.hand_index,
                field: Some(at.field.to_owned()),
                position: at.position,
                line: self.line(at.span.clone()),
            },
            problem,
        }
    }

    fn wrong_type(&self, at: &At<'_>, expected: &'static str, found: &'static str) -> PhhError {
        self.error(at, PhhProblem::WrongType { expected, found })
    }

    fn read_hand(
        &self,
        hand_index: Option<usize>,
        entries: &[Entry<'_>],
        table_span: Option<Range<usize>>,
    ) -> ReadResult<PhhHand> {
        // The variant is read last; until then the hand holds a placeholder, and `seen`
        // says which fields the file really has.
        let mut hand = PhhHand::new(PhhVariant::NoLimitTexasHoldem);
        let mut variant = None;
        let mut seen = Vec::new();
        for entry in entries {
            let at = At {
                hand_index,
                field: entry.key,
                position: None,
                span: entry.key_span.clone(),
            };
            let Some(field) = PhhField::from_name(entry.key) else {
                hand.user_defined_fields
                    .push((entry.key.to_owned(), self.user_value(entry.node)));
                continue;
            };
            seen.push(field);
            let value = entry
                .node
                .value()
                .ok_or_else(|| self.wrong_type(&at, expected(field), entry.node.type_name()))?;
            self.read_field(&mut hand, &mut variant, field, value, &at)?;
        }

        let missing = |field: PhhField, required_by| PhhError {
            location: PhhLocation {
                hand_index,
                field: Some(field.name().to_owned()),
                position: None,
                line: self.line(table_span.clone()),
            },
            problem: PhhProblem::MissingField {
                field: field.name(),
                required_by,
            },
        };
        let variant = variant.ok_or_else(|| missing(PhhField::Variant, None))?;
        hand.variant = variant;
        self.check_deck(&hand, hand_index, entries)?;
        for &field in variant.required_fields() {
            if !seen.contains(&field) {
                let always = matches!(
                    field,
                    PhhField::Antes | PhhField::StartingStacks | PhhField::Actions
                );
                return Err(missing(field, (!always).then_some(variant)));
            }
        }
        Ok(hand)
    }

    /// The specification makes a card outside the variant's deck (a Five in short-deck
    /// hold 'em) a violation; only the variant, read last, says which deck that is.
    fn check_deck(
        &self,
        hand: &PhhHand,
        hand_index: Option<usize>,
        entries: &[Entry<'_>],
    ) -> ReadResult<()> {
        let deck = hand.variant.deck();
        let lowest = deck.lowest_rank();
        let spans: Vec<Option<Range<usize>>> = entries
            .iter()
            .find(|entry| entry.key == PhhField::Actions.name())
            .and_then(|entry| entry.node.value())
            .and_then(Value::as_array)
            .map(|array| array.iter().map(Value::span).collect())
            .unwrap_or_default();
        for (i, action) in hand.actions.iter().enumerate() {
            let Some(card) = action
                .kind
                .cards()
                .iter()
                .filter_map(|card| card.known())
                .find(|card| card.rank() < lowest)
            else {
                continue;
            };
            let at = At {
                hand_index,
                field: PhhField::Actions.name(),
                position: Some(i + 1),
                span: spans.get(i).cloned().flatten(),
            };
            return Err(self.error(
                &at,
                PhhProblem::InvalidAction {
                    text: action.to_string(),
                    reason: format!(
                        "card {card} is not in the {deck} deck that variant {} deals from",
                        hand.variant.code()
                    ),
                },
            ));
        }
        Ok(())
    }

    fn read_field(
        &self,
        hand: &mut PhhHand,
        variant: &mut Option<PhhVariant>,
        field: PhhField,
        value: &Value,
        at: &At<'_>,
    ) -> ReadResult<()> {
        let at = &At {
            span: value.span().or_else(|| at.span.clone()),
            ..at.clone()
        };
        match field {
            PhhField::Variant => {
                let code = self.string(value, at)?;
                *variant = Some(PhhVariant::from_code(&code).ok_or_else(|| {
                    self.error(at, PhhProblem::UnknownVariant { code: code.clone() })
                })?);
            }
            PhhField::AnteTrimmingStatus => match value {
                Value::Boolean(flag) => hand.ante_trimming_status = Some(*flag.value()),
                other => return Err(self.wrong_type(at, "a boolean", value_type(other))),
            },
            PhhField::Antes => {
                hand.antes = self.chips_array(value, at, NON_NEGATIVE_ANTE)?;
            }
            PhhField::BlindsOrStraddles => {
                hand.blinds_or_straddles =
                    Some(self.chips_array(value, at, AmountRule::AnySign)?);
            }
            PhhField::BringIn => hand.bring_in = Some(self.chips(value, at, NON_NEGATIVE_BET)?),
            PhhField::SmallBet => hand.small_bet = Some(self.chips(value, at, NON_NEGATIVE_BET)?),
            PhhField::BigBet => hand.big_bet = Some(self.chips(value, at, NON_NEGATIVE_BET)?),
            PhhField::MinBet => hand.min_bet = Some(self.chips(value, at, NON_NEGATIVE_BET)?),
            PhhField::StartingStacks => hand.starting_stacks = self.stacks(value, at)?,
            PhhField::FinishingStacks => hand.finishing_stacks = Some(self.stacks(value, at)?),
            PhhField::Winnings => {
                hand.winnings = Some(self.chips_array(
                    value,
                    at,
                    AmountRule::NonNegative("winnings cannot be negative"),
                )?);
            }
            PhhField::Actions => hand.actions = self.actions(value, at)?,
            PhhField::Author => hand.author = Some(self.string(value, at)?),
            PhhField::Event => hand.event = Some(self.string(value, at)?),
            PhhField::Url => hand.url = Some(self.string(value, at)?),
            PhhField::Venue => hand.venue = Some(self.string(value, at)?),
            PhhField::Address => hand.address = Some(self.string(value, at)?),
            PhhField::City => hand.city = Some(self.string(value, at)?),
            PhhField::Region => hand.region = Some(self.string(value, at)?),
            PhhField::PostalCode => hand.postal_code = Some(self.string(value, at)?),
            PhhField::Country => hand.country = Some(self.string(value, at)?),
            PhhField::TimeZone => hand.time_zone = Some(self.string(value, at)?),
            PhhField::TimeZoneAbbreviation => {
                hand.time_zone_abbreviation = Some(self.string(value, at)?);
            }
            PhhField::Currency => hand.currency = Some(self.string(value, at)?),
            PhhField::CurrencySymbol => hand.currency_symbol = Some(self.string(value, at)?),
            PhhField::Time => hand.time = Some(self.time(value, at)?),
            PhhField::Day => hand.day = Some(self.integer(value, at)?),
            PhhField::Month => hand.month = Some(self.integer(value, at)?),
            PhhField::Year => hand.year = Some(self.integer(value, at)?),
            PhhField::Level => hand.level = Some(self.integer(value, at)?),
            PhhField::SeatCount => hand.seat_count = Some(self.integer(value, at)?),
            PhhField::Seats => {
                hand.seats = Some(self.array(value, at, "an array of integers", |value, at| {
                    self.integer(value, at)
                })?);
            }
            PhhField::Hand => hand.hand = Some(self.label(value, at)?),
            PhhField::Table => hand.table = Some(self.label(value, at)?),
            PhhField::Players => {
                hand.players =
                    Some(self.array(value, at, "an array of strings", |value, at| {
                        self.string(value, at)
                    })?);
            }
            PhhField::TimeLimit => {
                hand.time_limit = Some(
                    match self.amount(
                        value,
                        at,
                        AmountRule::NonNegativeOrInfinite(NEGATIVE_TIME),
                    )? {
                        Some(seconds) => PhhTimeLimit::Seconds(seconds),
                        None => PhhTimeLimit::Unlimited,
                    },
                );
            }
            PhhField::TimeBanks => {
                hand.time_banks =
                    Some(self.array(value, at, "an array of numbers", |value, at| {
                        Ok(self
                            .amount(value, at, AmountRule::NonNegative(NEGATIVE_TIME))?
                            .unwrap_or_default())
                    })?);
            }
        }
        Ok(())
    }

    fn string(&self, value: &Value, at: &At<'_>) -> ReadResult<String> {
        match value {
            Value::String(text) => Ok(text.value().clone()),
            other => Err(self.wrong_type(at, "a string", value_type(other))),
        }
    }

    fn integer(&self, value: &Value, at: &At<'_>) -> ReadResult<i64> {
        match value {
            Value::Integer(number) => Ok(*number.value()),
            other => Err(self.wrong_type(at, "an integer", value_type(other))),
        }
    }

    fn label(&self, value: &Value, at: &At<'_>) -> ReadResult<PhhLabel> {
        match value {
            Value::Integer(number) => Ok(PhhLabel::Number(*number.value())),
            Value::String(name) => Ok(PhhLabel::Name(name.value().clone())),
            other => Err(self.wrong_type(at, "a string or an integer", value_type(other))),
        }
    }

    fn time(&self, value: &Value, at: &At<'_>) -> ReadResult<PhhTime> {
        let Value::Datetime(datetime) = value else {
            return Err(self.wrong_type(at, "a local time such as 21:05:00", value_type(value)));
        };
        let datetime = datetime.value();
        match (datetime.date, datetime.time, datetime.offset) {
            (None, Some(time), None) => Ok(PhhTime {
                hour: time.hour,
                minute: time.minute,
                second: time.second.unwrap_or(0),
                nanosecond: time.nanosecond.unwrap_or(0),
            }),
            _ => Err(self.error(
                at,
                PhhProblem::InvalidValue {
                    text: self
                        .raw(value)
                        .map_or_else(|| datetime.to_string(), str::to_owned),
                    reason: "`time` is a local time of day such as 21:05:00, without a date \
                             or an offset (the date goes in day, month and year; the zone \
                             in time_zone)",
                },
            )),
        }
    }

    /// Reads an array element by element, naming each element's position in errors.
    fn array<T>(
        &self,
        value: &Value,
        at: &At<'_>,
        expected: &'static str,
        mut read: impl FnMut(&Value, &At<'_>) -> ReadResult<T>,
    ) -> ReadResult<Vec<T>> {
        let Value::Array(array) = value else {
            return Err(self.wrong_type(at, expected, value_type(value)));
        };
        array
            .iter()
            .enumerate()
            .map(|(i, element)| read(element, &at.element(i + 1, element.span())))
            .collect()
    }

    fn actions(&self, value: &Value, at: &At<'_>) -> ReadResult<Vec<PhhAction>> {
        self.array(value, at, "an array of strings", |element, at| {
            let text = self.string(element, at)?;
            PhhAction::parse(&text).map_err(|err| match err {
                crate::Error::HandHistory(err) => self.error(at, err.problem),
                other => self.error(
                    at,
                    PhhProblem::InvalidAction {
                        text,
                        reason: other.to_string(),
                    },
                ),
            })
        })
    }

    fn chips_array(&self, value: &Value, at: &At<'_>, rule: AmountRule) -> ReadResult<Vec<Chips>> {
        self.array(value, at, "an array of numbers", |element, at| {
            self.chips(element, at, rule)
        })
    }

    fn chips(&self, value: &Value, at: &At<'_>, rule: AmountRule) -> ReadResult<Chips> {
        Ok(Chips::from(
            self.amount(value, at, rule)?.unwrap_or_default(),
        ))
    }

    fn stacks(&self, value: &Value, at: &At<'_>) -> ReadResult<Vec<PhhStack>> {
        self.array(value, at, "an array of numbers", |element, at| {
            Ok(
                match self.amount(
                    element,
                    at,
                    AmountRule::NonNegativeOrInfinite(NEGATIVE_STACK),
                )? {
                    Some(amount) => PhhStack::Chips(Chips::from(amount)),
                    None => PhhStack::Unknown,
                },
            )
        })
    }

    /// Reads a number under a rule: `Some` amount, or `None` for an allowed `inf`.
    fn amount(&self, value: &Value, at: &At<'_>, rule: AmountRule) -> ReadResult<Option<Decimal>> {
        let text = || match value {
            Value::Integer(number) => number.value().to_string(),
            _ => self.raw(value).unwrap_or_default().to_owned(),
        };
        let invalid = |reason| {
            self.error(
                at,
                PhhProblem::InvalidAmount {
                    text: text(),
                    reason,
                },
            )
        };
        let number = match value {
            Value::Integer(number) => Number::Finite(Decimal::from(*number.value())),
            Value::Float(float) => match self.raw(value) {
                Some(raw) => parse_number(raw).map_err(invalid)?,
                None => float_number(*float.value()),
            },
            other => return Err(self.wrong_type(at, "a number", value_type(other))),
        };
        match (number, rule) {
            (Number::Nan, _) => Err(invalid("nan is not an amount")),
            (Number::Infinite, AmountRule::NonNegativeOrInfinite(_)) => Ok(None),
            (Number::Infinite, _) => Err(invalid(
                "only stacks and the time limit may be infinite (inf)",
            )),
            (Number::NegativeInfinite, AmountRule::NonNegative(reason))
            | (Number::NegativeInfinite, AmountRule::NonNegativeOrInfinite(reason)) => {
                Err(invalid(reason))
            }
            (Number::NegativeInfinite, AmountRule::AnySign) => {
                Err(invalid("an amount cannot be infinite"))
            }
            (Number::Finite(amount), AmountRule::NonNegative(reason))
            | (Number::Finite(amount), AmountRule::NonNegativeOrInfinite(reason))
                if amount.is_sign_negative() && !amount.is_zero() =>
            {
                Err(invalid(reason))
            }
            (Number::Finite(amount), _) => Ok(Some(amount)),
        }
    }

    /// Any TOML value, kept for writing back.
    fn user_value(&self, node: Node<'_>) -> PhhValue {
        match node {
            Node::Value(value) | Node::Item(Item::Value(value)) => self.plain_value(value),
            Node::Item(Item::Table(table)) => self.table_value(table),
            Node::Item(Item::ArrayOfTables(tables)) => {
                PhhValue::Array(tables.iter().map(|table| self.table_value(table)).collect())
            }
            Node::Item(Item::None) => PhhValue::Table(Vec::new()),
        }
    }

    fn table_value(&self, table: &Table) -> PhhValue {
        PhhValue::Table(
            table
                .iter()
                .map(|(key, item)| (key.to_owned(), self.user_value(Node::Item(item))))
                .collect(),
        )
    }

    fn plain_value(&self, value: &Value) -> PhhValue {
        match value {
            Value::String(text) => PhhValue::String(text.value().clone()),
            Value::Integer(number) => PhhValue::Integer(*number.value()),
            Value::Float(float) => PhhValue::Float(
                self.raw(value)
                    .map_or_else(|| float_text(*float.value()), str::to_owned),
            ),
            Value::Boolean(flag) => PhhValue::Boolean(*flag.value()),
            Value::Datetime(datetime) => PhhValue::Datetime(
                self.raw(value)
                    .map_or_else(|| datetime.value().to_string(), str::to_owned),
            ),
            Value::Array(array) => {
                PhhValue::Array(array.iter().map(|value| self.plain_value(value)).collect())
            }
            Value::InlineTable(table) => PhhValue::Table(
                table
                    .iter()
                    .map(|(key, value)| (key.to_owned(), self.plain_value(value)))
                    .collect(),
            ),
        }
    }
}

const NON_NEGATIVE_ANTE: AmountRule = AmountRule::NonNegative("an ante cannot be negative");
const NON_NEGATIVE_BET: AmountRule =
    AmountRule::NonNegative("a bring-in or bet size cannot be negative");
const NEGATIVE_STACK: &str = "a stack cannot be negative";
const NEGATIVE_TIME: &str = "a time cannot be negative";

/// What the specification allows in a field, for type errors.
fn expected(field: PhhField) -> &'static str {
    match field {
        PhhField::AnteTrimmingStatus => "a boolean",
        PhhField::Antes
        | PhhField::BlindsOrStraddles
        | PhhField::StartingStacks
        | PhhField::FinishingStacks
        | PhhField::Winnings
        | PhhField::TimeBanks => "an array of numbers",
        PhhField::BringIn
        | PhhField::SmallBet
        | PhhField::BigBet
        | PhhField::MinBet
        | PhhField::TimeLimit => "a number",
        PhhField::Actions | PhhField::Players => "an array of strings",
        PhhField::Seats => "an array of integers",
        PhhField::Time => "a local time such as 21:05:00",
        PhhField::Day
        | PhhField::Month
        | PhhField::Year
        | PhhField::Level
        | PhhField::SeatCount => "an integer",
        PhhField::Hand | PhhField::Table => "a string or an integer",
        _ => "a string",
    }
}

/// A float the parser gave without its text (it keeps the text of parsed files, so this
/// only serves values built some other way).
fn float_number(value: f64) -> Number {
    if value.is_nan() {
        Number::Nan
    } else if value.is_infinite() {
        if value > 0.0 {
            Number::Infinite
        } else {
            Number::NegativeInfinite
        }
    } else {
        // Rust writes the shortest text that reads back as the same float.
        parse_number(&format!("{value:?}")).unwrap_or(Number::Nan)
    }
}

fn float_text(value: f64) -> String {
    if value.is_nan() {
        "nan".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else {
        format!("{value:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_without_text_fall_back_exactly() {
        assert!(matches!(float_number(0.25), Number::Finite(d) if d.to_string() == "0.25"));
        assert!(matches!(float_number(f64::INFINITY), Number::Infinite));
        assert!(matches!(
            float_number(f64::NEG_INFINITY),
            Number::NegativeInfinite
        ));
        assert!(matches!(float_number(f64::NAN), Number::Nan));
        assert_eq!(float_text(2.5), "2.5");
        assert_eq!(float_text(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn lines_count_from_one() {
        let source = Source::new("a\nbc\n\nd");
        assert_eq!(source.line(Some(0..1)), Some(1));
        assert_eq!(source.line(Some(2..3)), Some(2));
        assert_eq!(source.line(Some(5..5)), Some(3));
        assert_eq!(source.line(Some(6..7)), Some(4));
        assert_eq!(source.line(None), None);
    }
}
