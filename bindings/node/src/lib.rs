//! Node.js bindings for GGP-GFX (napi-rs): the native addon behind the `ggp-gfx` package.
//!
//! Every call goes straight to `ggp-core`; this crate only converts arguments and results.
//! A `ggp_core::Error` becomes a JS `Error` whose `code` is `GGP_` and the upper-cased
//! [`ggp_core::ErrorKind::code`] (e.g. `GGP_INVALID_CARD`) and whose `message` is the core
//! error's text. Arguments of the wrong type are rejected by napi with its own `code`.

use ggp_core::Chips;
use ggp_core::rules::{HandConfig, Mode};
use ggp_core::view::TableInfo;
use napi::bindgen_prelude::{AsyncTask, BigInt, ClassInstance};
use napi::{Either, Env, JsValue, Status, Task};
use napi_derive::napi;

pub mod equity;
mod feed;
mod pipeline;
mod render;
pub mod rfid;
pub mod vision;

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

// --- The rules engine -------------------------------------------------------------------
//
// Amounts of chips are exact: arguments are strings ("10112.5") or numbers (read by their
// shortest text, so 0.1 is 0.1), results are decimal strings. The JSON documents (events
// and views) are the core's JSON as plain objects, amounts as numbers.

/// The JS error thrown for a core error by the rules engine: `code` `GGP_<KIND>`, the core's
/// message, and for a rule violation `rule`, the broken rule's code (e.g. "bet_too_small").
fn rules_error(env: &Env, err: &ggp_core::Error) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let mut error =
            env.create_error(napi::Error::new(Status::GenericFailure, err.to_string()))?;
        error.set(
            "code",
            format!("GGP_{}", err.kind().code().to_ascii_uppercase()),
        )?;
        if let ggp_core::Error::Rule { rule, .. } = err {
            error.set("rule", rule.code())?;
        }
        Ok(napi::Error::from(error.to_unknown()))
    };
    // Creating the error object fails only if the engine is shutting down: then a plain
    // error still carries the message.
    build().unwrap_or_else(|_| napi::Error::new(Status::GenericFailure, err.to_string()))
}

/// An amount argument: a decimal string or a finite number.
fn chips_from(env: &Env, what: &str, value: &Either<String, f64>) -> napi::Result<Chips> {
    let text = match value {
        Either::A(text) => text.clone(),
        Either::B(number) if number.is_finite() => number.to_string(),
        Either::B(number) => {
            return Err(napi::Error::new(
                Status::InvalidArg,
                format!("{what} must be a finite number or a decimal string, not {number}"),
            ));
        }
    };
    Chips::parse(&text).map_err(|err| rules_error(env, &err))
}

fn chips_list(env: &Env, what: &str, values: &[Either<String, f64>]) -> napi::Result<Vec<Chips>> {
    values
        .iter()
        .map(|value| chips_from(env, what, value))
        .collect()
}

fn chips_text(chips: &[Chips]) -> Vec<String> {
    chips.iter().map(ToString::to_string).collect()
}

fn index(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A variant of the registry.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct VariantInfo {
    /// The code: PHH's where PHH has one ("NT", "PO", "F7S/8").
    pub code: String,
    /// The name as a broadcast shows it, e.g. "No-Limit Texas Hold'em".
    pub name: String,
    /// Other names accepted for it.
    pub aliases: Vec<String>,
}

/// Every variant of the registry.
#[napi]
pub fn variants() -> Vec<VariantInfo> {
    ggp_core::rules::registry()
        .iter()
        .map(|variant| VariantInfo {
            code: variant.code.clone(),
            name: variant.name.clone(),
            aliases: variant.aliases.clone(),
        })
        .collect()
}

/// How to start a `Hand`. Amounts are decimal strings or numbers.
#[napi(object, object_to_js = false)]
#[derive(Debug)]
pub struct HandOptions {
    /// The variant's code, name or alias, e.g. "NT" or "nlhe".
    pub variant: String,
    /// Each player's stack; player 0 is the first seat to the left of the button.
    pub starting_stacks: Vec<Either<String, f64>>,
    /// Blinds and straddles from player 0 on.
    pub blinds_or_straddles: Option<Vec<Either<String, f64>>>,
    /// Antes from player 0 on (a big-blind ante: `[0, ante]`); or give `ante`.
    pub antes: Option<Vec<Either<String, f64>>>,
    /// Every player's ante.
    pub ante: Option<Either<String, f64>>,
    /// The minimum bet of a no-limit or pot-limit game; or give `smallBet` and `bigBet`.
    pub min_bet: Option<Either<String, f64>>,
    /// The small bet of a fixed-limit game.
    pub small_bet: Option<Either<String, f64>>,
    /// The big bet of a fixed-limit game.
    pub big_bet: Option<Either<String, f64>>,
    /// The bring-in of a stud game.
    pub bring_in: Option<Either<String, f64>>,
    /// "tournament" (the default) or "cash_game".
    pub mode: Option<String>,
    /// Whether an all-in player's ante is trimmed to what others match.
    pub ante_trimming: Option<bool>,
}

/// What a hand waits for next.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct NextMove {
    /// "deal_hole", "deal_board", "draw", "discard", "bet", "select_runout_count",
    /// "show_or_muck" or "complete".
    pub kind: String,
    /// The player concerned, if any.
    pub player: Option<u32>,
    /// Cards still owed, for a deal or discard.
    pub count: Option<u32>,
    /// The betting options, when a player is to act in a betting round.
    pub betting: Option<BettingOptions>,
}

/// What the player to act may do in a betting round; amounts are decimal strings, absent
/// where the move is not allowed.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct BettingOptions {
    /// The player to act.
    pub player: u32,
    /// Whether folding is allowed.
    pub can_fold: bool,
    /// The cost of checking or calling.
    pub check_or_call: Option<String>,
    /// The bring-in, if due.
    pub bring_in: Option<String>,
    /// The smallest total a completion, bet or raise may come to.
    pub min_bet_or_raise: Option<String>,
    /// The largest total a completion, bet or raise may come to.
    pub max_bet_or_raise: Option<String>,
}

/// A pot and the players who can win it.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct Pot {
    /// The chips in it, as a decimal string.
    pub amount: String,
    /// The players in contention for it, by index.
    pub players: Vec<u32>,
}

/// What a view shows besides the hand.
#[napi(object, object_to_js = false)]
#[derive(Debug, Default)]
pub struct ViewOptions {
    /// Player names by index; missing names show as "Player N".
    pub names: Option<Vec<String>>,
    /// The hand number shown on screen.
    pub hand_number: Option<u32>,
    /// The button's player index.
    pub button: Option<u32>,
    /// The blind level's label.
    pub level: Option<String>,
}

fn table_info(options: Option<ViewOptions>) -> TableInfo {
    let options = options.unwrap_or_default();
    TableInfo {
        hand_number: u64::from(options.hand_number.unwrap_or(0)),
        names: options.names.unwrap_or_default(),
        button: options.button.map(|button| button as usize),
        level: options.level,
    }
}

fn json_value(text: &str) -> napi::Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|err| {
        napi::Error::new(
            Status::GenericFailure,
            format!("cannot read the view: {err}"),
        )
    })
}

/// A hand of poker played by the rules engine: its configuration plus the actions taken,
/// in PHH notation. Amounts come back as exact decimal strings ("200", "10112.5").
#[napi]
#[derive(Debug)]
#[repr(C)]
pub struct Hand {
    /// Always [`HAND_BRAND`]; first, like [`Deck::brand`].
    brand: u8,
    inner: ggp_core::rules::Hand,
}

/// The first byte of every `Hand`: neither a card index (0..52) nor [`DECK_BRAND`] (see
/// [`DECK_BRAND`] for why).
const HAND_BRAND: u8 = 0xA7;

#[napi]
impl Hand {
    /// Starts a hand; antes and blinds are posted at once.
    #[napi(constructor)]
    pub fn new(env: Env, options: HandOptions) -> napi::Result<Self> {
        let fail = |err: ggp_core::Error| rules_error(&env, &err);
        let game = ggp_core::rules::variant(&options.variant).map_err(fail)?;
        let stacks = chips_list(&env, "startingStacks", &options.starting_stacks)?;
        let mut config = HandConfig::new(game, stacks);
        if let Some(blinds) = &options.blinds_or_straddles {
            config = config.with_blinds(&chips_list(&env, "blindsOrStraddles", blinds)?);
        }
        let bad_option = |message: &str| napi::Error::new(Status::InvalidArg, message.to_owned());
        match (&options.antes, &options.ante) {
            (Some(_), Some(_)) => return Err(bad_option("give antes or ante, not both")),
            (Some(antes), None) => config = config.with_antes(&chips_list(&env, "antes", antes)?),
            (None, Some(ante)) => config = config.with_ante(chips_from(&env, "ante", ante)?),
            (None, None) => {}
        }
        match (&options.min_bet, &options.small_bet, &options.big_bet) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(bad_option("give minBet, or smallBet and bigBet, not both"));
            }
            (Some(min_bet), None, None) => {
                config = config.with_min_bet(chips_from(&env, "minBet", min_bet)?);
            }
            (None, Some(small_bet), Some(big_bet)) => {
                config = config.with_limits(
                    chips_from(&env, "smallBet", small_bet)?,
                    chips_from(&env, "bigBet", big_bet)?,
                );
            }
            (None, Some(_), None) | (None, None, Some(_)) => {
                return Err(bad_option("give smallBet and bigBet together"));
            }
            (None, None, None) => {}
        }
        if let Some(bring_in) = &options.bring_in {
            config = config.with_bring_in(chips_from(&env, "bringIn", bring_in)?);
        }
        config.mode = match options.mode.as_deref() {
            None | Some("tournament") => Mode::Tournament,
            Some("cash_game") => Mode::CashGame,
            Some(other) => {
                return Err(bad_option(&format!(
                    "mode must be \"tournament\" or \"cash_game\", not {other:?}"
                )));
            }
        };
        config.ante_trimming = options.ante_trimming.unwrap_or(false);
        let inner = ggp_core::rules::Hand::new(config).map_err(fail)?;
        Ok(Hand::from(inner))
    }

    /// Replays a PHH hand history given as text; a showdown the file leaves out is
    /// completed.
    #[napi(factory)]
    pub fn from_phh(env: Env, text: String) -> napi::Result<Self> {
        ggp_core::rules::Hand::from_phh(&text)
            .map(Hand::from)
            .map_err(|err| rules_error(&env, &err))
    }

    /// Applies one action in PHH notation: "d dh p1 AsKs", "d db AhKh3c", "p2 cbr 300",
    /// "p1 cc", "p1 f", "p1 sm AsKs", "p1 sd 2c3d". A broken rule throws an error with
    /// `code` "GGP_RULE_VIOLATION" and `rule`, and changes nothing.
    #[napi]
    pub fn apply(&mut self, env: Env, notation: String) -> napi::Result<()> {
        self.hand_mut()?
            .apply_phh(&notation)
            .map_err(|err| rules_error(&env, &err))
    }

    /// Takes back the last action and returns it in PHH notation.
    #[napi]
    pub fn undo(&mut self, env: Env) -> napi::Result<String> {
        self.hand_mut()?
            .undo()
            .map(|action| action.to_string())
            .map_err(|err| rules_error(&env, &err))
    }

    /// Applies the last undone action again and returns it in PHH notation.
    #[napi]
    pub fn redo(&mut self, env: Env) -> napi::Result<String> {
        self.hand_mut()?
            .redo()
            .map(|action| action.to_string())
            .map_err(|err| rules_error(&env, &err))
    }

    /// What the hand waits for, with the betting options when a player is to act.
    #[napi]
    pub fn next_move(&self) -> napi::Result<NextMove> {
        let next = self.hand()?.next_move();
        let pending = serde_json::to_value(&next.pending)?;
        let number = |field: &str| {
            pending
                .get(field)
                .and_then(serde_json::Value::as_u64)
                .map(|value| u32::try_from(value).unwrap_or(u32::MAX))
        };
        let text = |chips: Option<Chips>| chips.map(|chips| chips.to_string());
        Ok(NextMove {
            kind: pending
                .get("kind")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            player: number("player"),
            count: number("count"),
            betting: next.betting.map(|options| {
                let (min, max) = options.bet_or_raise.unzip();
                BettingOptions {
                    player: index(options.player),
                    can_fold: options.can_fold,
                    check_or_call: text(options.check_or_call),
                    bring_in: text(options.bring_in),
                    min_bet_or_raise: text(min),
                    max_bet_or_raise: text(max),
                }
            }),
        })
    }

    /// Whether the hand is over (pots awarded).
    #[napi(getter)]
    pub fn is_complete(&self) -> napi::Result<bool> {
        Ok(self.hand()?.state().is_complete())
    }

    /// Each player's stack, as a decimal string.
    #[napi(getter)]
    pub fn stacks(&self) -> napi::Result<Vec<String>> {
        Ok(chips_text(self.hand()?.state().stacks()))
    }

    /// Each player's bet on the current street, as a decimal string.
    #[napi(getter)]
    pub fn bets(&self) -> napi::Result<Vec<String>> {
        Ok(chips_text(self.hand()?.state().bets()))
    }

    /// Each player's net result so far (final once the hand is complete).
    #[napi(getter)]
    pub fn payoffs(&self) -> napi::Result<Vec<String>> {
        Ok(chips_text(self.hand()?.state().payoffs()))
    }

    /// Every chip in the middle: the pots and the bets of the street.
    #[napi(getter)]
    pub fn total_pot(&self) -> napi::Result<String> {
        Ok(self.hand()?.state().total_pot().to_string())
    }

    /// The pots.
    #[napi]
    pub fn pots(&self) -> napi::Result<Vec<Pot>> {
        Ok(self
            .hand()?
            .state()
            .pots()
            .into_iter()
            .map(|pot| Pot {
                amount: pot.amount.to_string(),
                players: pot.players.into_iter().map(index).collect(),
            })
            .collect())
    }

    /// The actions applied so far, in PHH notation.
    #[napi]
    pub fn actions(&self) -> napi::Result<Vec<String>> {
        Ok(self
            .hand()?
            .actions()
            .iter()
            .map(ToString::to_string)
            .collect())
    }

    /// The events after `seq` (all of them for 0 or none), as the core's JSON: objects
    /// with `seq` and `event`.
    #[napi(ts_return_type = "Array<Record<string, any>>")]
    pub fn events_since(&self, seq: Option<f64>) -> napi::Result<serde_json::Value> {
        let seq = whole_number("seq", seq.unwrap_or(0.0))
            .map_err(|err| napi::Error::new(Status::InvalidArg, err.reason.clone()))?;
        Ok(serde_json::to_value(self.hand()?.events_since(seq))?)
    }

    /// The full view of the table (every card known to the production).
    #[napi(ts_return_type = "Record<string, any>")]
    pub fn view(&self, options: Option<ViewOptions>) -> napi::Result<serde_json::Value> {
        json_value(&self.hand()?.view_json(&table_info(options)))
    }

    /// The public view: no hidden hole cards, equities or outs.
    #[napi(ts_return_type = "Record<string, any>")]
    pub fn public_view(&self, options: Option<ViewOptions>) -> napi::Result<serde_json::Value> {
        json_value(&self.hand()?.public_view_json(&table_info(options)))
    }
}

impl From<ggp_core::rules::Hand> for Hand {
    fn from(inner: ggp_core::rules::Hand) -> Self {
        Hand {
            brand: HAND_BRAND,
            inner,
        }
    }
}

impl Hand {
    /// The core hand, after checking that `self` really is a `Hand` (see [`DECK_BRAND`]).
    fn hand(&self) -> napi::Result<&ggp_core::rules::Hand> {
        if self.brand == HAND_BRAND {
            Ok(&self.inner)
        } else {
            Err(not_a_hand())
        }
    }

    /// [`Hand::hand`], mutably.
    fn hand_mut(&mut self) -> napi::Result<&mut ggp_core::rules::Hand> {
        if self.brand == HAND_BRAND {
            Ok(&mut self.inner)
        } else {
            Err(not_a_hand())
        }
    }
}

fn not_a_hand() -> napi::Error {
    napi::Error::new(Status::InvalidArg, "the object is not a ggp-gfx Hand")
}

/// Why a hand of a `.phhs` file did not replay.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct ReplayError {
    /// `GGP_<KIND>`, as on a thrown error.
    pub code: String,
    /// The broken rule's code, for a rule violation.
    pub rule: Option<String>,
    /// The core's message.
    pub message: String,
}

/// One hand of a `.phhs` file as `replayPhhs` replayed it: `hand` if it replayed, else
/// `error`.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct PhhReplay {
    /// The hand's 1-based position in the file.
    pub index: u32,
    /// The name of its table header: "1" for "[1]".
    pub name: String,
    /// The replayed hand.
    pub hand: Option<Hand>,
    /// Why the hand did not replay.
    pub error: Option<ReplayError>,
}

/// The work of `replayPhhs`, done on the libuv thread pool.
#[derive(Debug)]
pub struct ReplayPhhs {
    text: String,
}

type Replayed = Vec<(usize, String, ggp_core::Result<ggp_core::rules::Hand>)>;

impl Task for ReplayPhhs {
    type Output = ggp_core::Result<Replayed>;
    type JsValue = Vec<PhhReplay>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(ggp_core::phh::parse_phhs(&self.text).map(|entries| {
            entries
                .into_iter()
                .map(|entry| (entry.index, entry.name, entry.hand.replay()))
                .collect()
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let replayed = output.map_err(|err| rules_error(&env, &err))?;
        Ok(replayed
            .into_iter()
            .map(|(position, name, result)| {
                let (hand, error) = match result {
                    Ok(hand) => (Some(Hand::from(hand)), None),
                    Err(err) => (
                        None,
                        Some(ReplayError {
                            code: format!("GGP_{}", err.kind().code().to_ascii_uppercase()),
                            rule: match &err {
                                ggp_core::Error::Rule { rule, .. } => Some(rule.code().to_owned()),
                                _ => None,
                            },
                            message: err.to_string(),
                        }),
                    ),
                };
                PhhReplay {
                    index: index(position),
                    name,
                    hand,
                    error,
                }
            })
            .collect())
    }
}

/// Replays every hand of a `.phhs` file on a worker thread. The promise rejects with
/// `GGP_HAND_HISTORY` for a file that cannot be read; a hand that does not replay is
/// reported in its result's `error`.
#[napi(ts_return_type = "Promise<Array<PhhReplay>>")]
pub fn replay_phhs(text: String) -> AsyncTask<ReplayPhhs> {
    AsyncTask::new(ReplayPhhs { text })
}
