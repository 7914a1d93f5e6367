//! Node.js bindings for GGP-GFX (napi-rs): the native addon behind the `ggp-gfx` package.
//!
//! Every call goes straight to `ggp-core`; this crate only converts arguments and results.
//! A `ggp_core::Error` becomes a JS `Error` whose `code` is `GGP_` and the upper-cased
//! [`ggp_core::ErrorKind::code`] (e.g. `GGP_INVALID_CARD`) and whose `message` is the core
//! error's text. Arguments of the wrong type are rejected by napi with its own `code`.

use napi::Either;
use napi::bindgen_prelude::{BigInt, ClassInstance};
use napi_derive::napi;

/// Results thrown to JS: the status string becomes the JS error's `code`. (Named `Result`
/// because `#[napi]` recognises fallible functions by that name.)
type Result<T> = napi::Result<T, String>;

/// The JS error for a core error: `code` `GGP_<KIND>`, message the core's text.
fn core_error(err: ggp_core::Error) -> napi::Error<String> {
    napi::Error::new(
        format!("GGP_{}", err.kind().code().to_ascii_uppercase()),
        err.to_string(),
    )
}

/// The JS error for an argument of the right type but an unusable value (a negative
/// count, a fractional seed): napi's own `InvalidArg` code, as for other bad arguments.
fn invalid_arg(message: String) -> napi::Error<String> {
    napi::Error::new(napi::Status::InvalidArg.as_ref().to_owned(), message)
}

/// `Number.MAX_SAFE_INTEGER`: the largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JS number that must be a whole number from 0 to `Number.MAX_SAFE_INTEGER`.
fn whole_number(what: &str, value: f64) -> Result<u64> {
    if value.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&value) {
        // Exact: a whole number in the safe range converts without loss.
        Ok(value as u64)
    } else {
        Err(invalid_arg(format!(
            "{what} must be a whole number from 0 to {MAX_SAFE_INTEGER}, but {value} was given"
        )))
    }
}

/// The SDK version, e.g. "0.1.0".
#[napi]
pub fn version() -> &'static str {
    ggp_core::VERSION
}

/// A playing card. Cards come from `parseCard`, `parseCards`, `Deck.draw` and
/// `HandValue.bestFive`; they cannot be constructed directly.
#[napi]
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct Card {
    inner: ggp_core::Card,
}

#[napi]
impl Card {
    /// The rank letter: "2"-"9", "T", "J", "Q", "K", "A".
    #[napi(getter)]
    pub fn rank(&self) -> Result<String> {
        Ok(self.card()?.rank().letter().to_string())
    }

    /// The suit letter: "c", "d", "h", "s".
    #[napi(getter)]
    pub fn suit(&self) -> Result<String> {
        Ok(self.card()?.suit().letter().to_string())
    }

    /// `rank * 4 + suit`, 0 to 51 (suits ordered clubs, diamonds, hearts, spades).
    #[napi(getter)]
    pub fn index(&self) -> Result<u32> {
        Ok(u32::from(self.card()?.index()))
    }

    /// The card as text, e.g. "As" or "Td".
    #[napi(getter)]
    pub fn text(&self) -> Result<String> {
        Ok(self.card()?.to_string())
    }

    /// The card as text, e.g. "As" or "Td".
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> Result<String> {
        Ok(self.card()?.to_string())
    }
}

impl Card {
    /// The core card, after checking that `self` really is a `Card` (see [`DECK_BRAND`]).
    fn card(&self) -> Result<ggp_core::Card> {
        ggp_core::Card::from_index(u32::from(self.inner.index()))
            .map_err(|_| invalid_arg("the object is not a ggp-gfx Card".to_owned()))
    }
}

impl From<ggp_core::Card> for Card {
    fn from(inner: ggp_core::Card) -> Self {
        Card { inner }
    }
}

fn to_js_cards(cards: impl IntoIterator<Item = ggp_core::Card>) -> Vec<Card> {
    cards.into_iter().map(Card::from).collect()
}

/// Parses one card: "As", "Td", "10d", "ah", "A♠".
#[napi]
pub fn parse_card(text: String) -> Result<Card> {
    ggp_core::Card::parse(&text)
        .map(Card::from)
        .map_err(core_error)
}

/// Parses a list of cards: "As Ks", "AsKs", "As,Ks".
#[napi]
pub fn parse_cards(text: String) -> Result<Vec<Card>> {
    ggp_core::parse_cards(&text)
        .map(to_js_cards)
        .map_err(core_error)
}

/// The value of a high hand, as `evaluate` returns it.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct HandValue {
    /// The category as a snake_case code: "high_card", "one_pair", "two_pair",
    /// "three_of_a_kind", "straight", "flush", "full_house", "four_of_a_kind",
    /// "straight_flush".
    pub category: String,
    /// The strength: the stronger hand has the greater value, equal hands equal values.
    pub strength: u32,
    /// The five cards that make the hand, most significant first, as `Card` objects.
    pub best_five: Vec<Card>,
    /// How a commentator says it, e.g. "Full House, Sevens full of Twos".
    pub description: String,
}

/// Evaluates the best high hand of 5 to 7 distinct cards, given as text ("As Ks Qs Js Ts")
/// or as an array of card texts and `Card` objects.
#[napi]
pub fn evaluate(
    cards: Either<String, Vec<Either<String, ClassInstance<Card>>>>,
) -> Result<HandValue> {
    let cards = match cards {
        Either::A(text) => ggp_core::parse_cards(&text).map_err(core_error)?,
        Either::B(list) => list
            .iter()
            .map(|card| match card {
                Either::A(text) => ggp_core::Card::parse(text).map_err(core_error),
                Either::B(card) => card.card(),
            })
            .collect::<Result<Vec<_>>>()?,
    };
    let value = ggp_core::eval::high::evaluate(&cards).map_err(core_error)?;
    Ok(HandValue {
        category: value.category.code().to_owned(),
        strength: value.strength.value(),
        best_five: to_js_cards(value.best_five),
        description: value.description(),
    })
}

/// A deck dealt from the top: `new Deck()` is a standard deck in order,
/// `new Deck("short", 7)` a short deck shuffled from seed 7.
#[napi]
#[derive(Debug)]
#[repr(C)]
pub struct Deck {
    /// Always [`DECK_BRAND`]; first, so that it overlays a `Card`'s index byte.
    brand: u8,
    inner: ggp_core::Deck,
}

/// The first byte of every `Deck`: never a card index (0..52).
///
/// napi-rs 3.4 unwraps class instances after an `instanceof` test only, and Node does not
/// check the receiver of property getters, so script can hand a `Deck` whose prototype was
/// set to `Card.prototype` to a `Card` getter or to `evaluate`, and the reverse. Both
/// structs are `repr(C)` and start with one byte (a card index, or this brand), so each
/// side reads only that byte before deciding whether the object is what it claims to be.
const DECK_BRAND: u8 = 0xDE;

#[napi]
impl Deck {
    /// A `"standard"` (52 cards, the default) or `"short"` (36 cards) deck, shuffled from
    /// `seed` (a whole number from 0 to `Number.MAX_SAFE_INTEGER`, or a bigint from 0 to
    /// 2^64 - 1) if one is given, else in order. The same seed deals the same cards in
    /// every version and language.
    #[napi(constructor)]
    pub fn new(kind: Option<String>, seed: Option<Either<f64, BigInt>>) -> Result<Self> {
        let kind = match kind {
            Some(name) => name.parse().map_err(core_error)?,
            None => ggp_core::DeckKind::Standard,
        };
        let seed = match seed {
            None => None,
            Some(Either::A(number)) => Some(whole_number("the seed", number)?),
            Some(Either::B(bigint)) => match bigint.get_u64() {
                (false, value, true) => Some(value),
                _ => {
                    return Err(invalid_arg(
                        "the seed must be a bigint from 0 to 2^64 - 1".to_owned(),
                    ));
                }
            },
        };
        let inner = match seed {
            Some(seed) => ggp_core::Deck::shuffled(kind, seed),
            None => ggp_core::Deck::new(kind),
        };
        Ok(Deck {
            brand: DECK_BRAND,
            inner,
        })
    }

    /// Deals `count` cards from the top, top card first; nothing is dealt if fewer are left.
    #[napi]
    pub fn draw(&mut self, count: f64) -> Result<Vec<Card>> {
        let count = whole_number("the count", count)?;
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        self.deck_mut()?
            .draw(count)
            .map(to_js_cards)
            .map_err(core_error)
    }

    /// Cards left to deal.
    #[napi(getter)]
    pub fn remaining(&self) -> Result<u32> {
        Ok(u32::try_from(self.deck()?.remaining()).unwrap_or(u32::MAX))
    }

    /// The kind of deck: "standard" or "short".
    #[napi(getter)]
    pub fn kind(&self) -> Result<&'static str> {
        Ok(self.deck()?.kind().name())
    }
}

impl Deck {
    /// The core deck, after checking that `self` really is a `Deck` (see [`DECK_BRAND`]).
    fn deck(&self) -> Result<&ggp_core::Deck> {
        if self.brand == DECK_BRAND {
            Ok(&self.inner)
        } else {
            Err(not_a_deck())
        }
    }

    /// [`Deck::deck`], mutably.
    fn deck_mut(&mut self) -> Result<&mut ggp_core::Deck> {
        if self.brand == DECK_BRAND {
            Ok(&mut self.inner)
        } else {
            Err(not_a_deck())
        }
    }
}

fn not_a_deck() -> napi::Error<String> {
    invalid_arg("the object is not a ggp-gfx Deck".to_owned())
}
