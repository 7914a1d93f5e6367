//! `HandFeed`: card events (from RFID, vision or an operator) and actions fed into a hand.
//! Glue only: every call goes to `ggp_core::feed::HandFeed`.

use ggp_core::feed::{CardEvent, CardLocation, CardSource, FeedError};
use napi::bindgen_prelude::ClassInstance;
use napi::{Either, Env, JsValue, Status};
use napi_derive::napi;

use crate::{Card, Hand};

/// The first byte of every `HandFeed`: neither a card index (0..52) nor another class's
/// brand (see `DECK_BRAND` in lib.rs for why classes carry one).
const FEED_BRAND: u8 = 0xFE;

/// The JS error for a feed error: `code` `GGP_FEED_<CODE>` (e.g.
/// `GGP_FEED_CARD_CONFLICT`), the core's message.
fn feed_error(env: &Env, err: &FeedError) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let mut error =
            env.create_error(napi::Error::new(Status::GenericFailure, err.to_string()))?;
        error.set(
            "code",
            format!("GGP_FEED_{}", err.code().to_ascii_uppercase()),
        )?;
        Ok(napi::Error::from(error.to_unknown()))
    };
    // Creating the error object fails only if the engine is shutting down: then a plain
    // error still carries the message.
    build().unwrap_or_else(|_| napi::Error::new(Status::GenericFailure, err.to_string()))
}

fn invalid(message: String) -> napi::Error {
    napi::Error::new(Status::InvalidArg, message)
}

/// How a card event is described: where, and whether it arrived or left.
#[napi(object)]
#[derive(Debug, Default)]
pub struct CardEventOptions {
    /// `false` when the card was taken away (default `true`).
    pub present: Option<bool>,
    /// When, in nanoseconds on the source's clock (default 0).
    pub timestamp_ns: Option<i64>,
    /// "rfid" (the default), "vision", "operator" or "hand_history".
    pub source: Option<String>,
    /// The source's confidence, 0 to 1 (default 1).
    pub confidence: Option<f64>,
}

/// A hand fed by card events and actions: cards are dealt in the order the hand expects
/// them whatever order they are read in, hole cards read late are filled in, and every
/// conflict throws an error whose `code` is `GGP_FEED_<REASON>`. Feeds a copy of the hand
/// it is given.
#[napi]
#[derive(Debug)]
#[repr(C)]
pub struct HandFeed {
    /// Always [`FEED_BRAND`]; first, like `Deck::brand`.
    brand: u8,
    inner: ggp_core::feed::HandFeed,
}

#[napi]
impl HandFeed {
    /// Feeds a copy of `hand`.
    #[napi(constructor)]
    pub fn new(hand: ClassInstance<Hand>) -> napi::Result<Self> {
        let hand = hand.hand()?.clone();
        Ok(HandFeed {
            brand: FEED_BRAND,
            inner: ggp_core::feed::HandFeed::new(hand),
        })
    }

    fn feed_mut(&mut self) -> napi::Result<&mut ggp_core::feed::HandFeed> {
        if self.brand == FEED_BRAND {
            Ok(&mut self.inner)
        } else {
            Err(invalid("the object is not a ggp-gfx HandFeed".to_owned()))
        }
    }

    fn feed(&self) -> napi::Result<&ggp_core::feed::HandFeed> {
        if self.brand == FEED_BRAND {
            Ok(&self.inner)
        } else {
            Err(invalid("the object is not a ggp-gfx HandFeed".to_owned()))
        }
    }

    /// Applies a card seen (or, with `present: false`, taken away) at `location`, written
    /// "player 1 hole card 2", "player 1 hole card", "board 1 card 3", "board 1" or
    /// "the muck" (counted from 1). Returns what it did: "dealt", "waiting",
    /// "already_known", "revealed", "noted" or "withdrawn".
    #[napi]
    pub fn apply_card(
        &mut self,
        env: Env,
        card: Either<String, ClassInstance<Card>>,
        location: String,
        options: Option<CardEventOptions>,
    ) -> napi::Result<String> {
        let core = |err: ggp_core::Error| crate::rules_error(&env, &err);
        let card = match card {
            Either::A(text) => ggp_core::Card::parse(&text).map_err(core)?,
            Either::B(card) => card
                .card()
                .map_err(|err| napi::Error::new(Status::InvalidArg, err.reason.clone()))?,
        };
        let location = location.parse::<CardLocation>().map_err(core)?;
        let options = options.unwrap_or_default();
        let source = match options.source.as_deref().unwrap_or("rfid") {
            "rfid" => CardSource::Rfid,
            "vision" => CardSource::Vision,
            "operator" => CardSource::Operator,
            "hand_history" => CardSource::HandHistory,
            other => {
                return Err(invalid(format!(
                    "source must be \"rfid\", \"vision\", \"operator\" or \"hand_history\", not {other:?}"
                )));
            }
        };
        let event = CardEvent {
            timestamp_ns: options.timestamp_ns.unwrap_or(0),
            card,
            location,
            present: options.present.unwrap_or(true),
            source,
            // Confidences are 0 to 1: f32 keeps every digit that matters.
            confidence: options.confidence.unwrap_or(1.0) as f32,
        };
        self.feed_mut()?
            .apply_card(&event)
            .map(|outcome| outcome.code().to_owned())
            .map_err(|err| feed_error(&env, &err))
    }

    /// Applies an action in PHH notation ("p2 cbr 300", "p1 f", "d db Ah8d3c"); hole cards
    /// still owed are dealt first (unknown where unread). Returns the actions applied, in
    /// PHH notation.
    #[napi]
    pub fn apply_action(
        &mut self,
        env: Env,
        notation: String,
        timestamp_ns: Option<i64>,
    ) -> napi::Result<Vec<String>> {
        self.feed_mut()?
            .apply_phh(&notation, timestamp_ns.unwrap_or(0))
            .map(|actions| actions.iter().map(ToString::to_string).collect())
            .map_err(|err| feed_error(&env, &err))
    }

    /// A copy of the hand as fed so far.
    #[napi(getter)]
    pub fn hand(&self) -> napi::Result<Hand> {
        Ok(Hand::from(self.feed()?.hand().clone()))
    }

    /// The cards read but not dealt yet: `[card, location]` each.
    #[napi]
    pub fn waiting(&self) -> napi::Result<Vec<Vec<String>>> {
        Ok(self
            .feed()?
            .waiting()
            .into_iter()
            .map(|(card, location)| vec![card.to_string(), location.to_string()])
            .collect())
    }

    /// The cards that left play (folded, mucked, seen in the muck), as text.
    #[napi]
    pub fn dead_cards(&self) -> napi::Result<Vec<String>> {
        Ok(self
            .feed()?
            .dead_cards()
            .iter()
            .map(|card| card.to_string())
            .collect())
    }
}
