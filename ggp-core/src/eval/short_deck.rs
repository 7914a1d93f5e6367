//! Short-deck (six-plus) hold'em high hands: the best five of 5 to 7 cards from the
//! 36-card deck, Six to Ace.
//!
//! Two things differ from the standard high hand, and one depends on the house:
//! - the ace also plays low *below the Six*: A-6-7-8-9 is the lowest straight (a Nine-high
//!   straight), and there is no A-2-3-4-5;
//! - a flush beats a full house (flushes are rarer with only nine cards per suit);
//! - under [`ShortDeckRules::Triton`] three of a kind beats a straight; under
//!   [`ShortDeckRules::Standard`] a straight beats three of a kind.
//!
//! # Matching pokerkit
//!
//! pokerkit 0.7 (`ShortDeckHoldemHand`, `ShortDeckHoldemLookup`, used by its
//! `NoLimitShortDeckHoldem` and so by PHH's `NS` variant) implements only
//! [`ShortDeckRules::Standard`]: high card, pair, two pair, three of a kind, straight, full
//! house, flush, four of a kind, straight flush, with ranks ordered Six to Ace and the
//! straight A-6-7-8-9 added below 6-7-8-9-T. Within a category, hands compare like standard
//! high hands (group ranks, then kickers). A card below Six makes a pokerkit hand invalid;
//! here the checked entry point ([`crate::eval::evaluate`]) rejects it with
//! [`crate::Error::CardNotInDeck`].
//!
//! pokerkit even scores its own "Triton London 2019" hand history (Xuan's queens making a
//! straight against Phua's set of kings) with the straight winning, so a Triton-rules
//! showdown must ask for [`ShortDeckRules::Triton`] explicitly.

use std::fmt;

use crate::card::{Card, Rank, Suit};
use crate::card_set::CardSet;
use crate::eval::bits::{
    self, FiveCards, bit, highest, pack, rank_from_index, suit_masks, top_ranks, unpack_category,
    unpack_rank,
};
use crate::eval::high::{HandCategory, HandStrength};

/// The ranks of the short deck, Six (bit 4) to Ace (bit 12), in a standard rank mask.
const SHORT_RANKS: u32 = 0x1FF0;

/// Which of two house rules ranks three of a kind against a straight.
///
/// ```
/// use ggp_core::{eval::short_deck::{strength, ShortDeckRules}, CardSet};
/// let set = CardSet::parse("Kh Ks Kc 9h Jh Ts Qd")?;
/// // Trips and a straight in the same seven cards: each rule set takes its better one.
/// assert_eq!(strength(set, ShortDeckRules::Triton).description(), "Three of a Kind, Kings");
/// assert_eq!(strength(set, ShortDeckRules::Standard).description(), "Straight, King high");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ShortDeckRules {
    /// Three of a kind beats a straight (the rule Triton Poker's events made popular).
    Triton,
    /// A straight beats three of a kind: pokerkit's and PHH's `NS` ranking.
    Standard,
}

impl ShortDeckRules {
    /// Both rule sets.
    pub const ALL: [ShortDeckRules; 2] = [ShortDeckRules::Triton, ShortDeckRules::Standard];

    /// The stable snake_case name: "triton" or "standard".
    pub const fn code(self) -> &'static str {
        match self {
            ShortDeckRules::Triton => "triton",
            ShortDeckRules::Standard => "standard",
        }
    }

    /// The categories under these rules, weakest first.
    ///
    /// ```
    /// use ggp_core::{eval::short_deck::ShortDeckRules, HandCategory};
    /// let order = ShortDeckRules::Standard.categories();
    /// assert_eq!(order[5], HandCategory::FullHouse);
    /// assert_eq!(order[6], HandCategory::Flush);
    /// ```
    pub const fn categories(self) -> [HandCategory; 9] {
        let (fourth, fifth) = match self {
            ShortDeckRules::Triton => (HandCategory::Straight, HandCategory::ThreeOfAKind),
            ShortDeckRules::Standard => (HandCategory::ThreeOfAKind, HandCategory::Straight),
        };
        [
            HandCategory::HighCard,
            HandCategory::OnePair,
            HandCategory::TwoPair,
            fourth,
            fifth,
            HandCategory::FullHouse,
            HandCategory::Flush,
            HandCategory::FourOfAKind,
            HandCategory::StraightFlush,
        ]
    }

    /// The place of a category in [`ShortDeckRules::categories`] (0 = weakest).
    const fn category_order(self, category: HandCategory) -> u32 {
        match (self, category) {
            (_, HandCategory::HighCard) => 0,
            (_, HandCategory::OnePair) => 1,
            (_, HandCategory::TwoPair) => 2,
            (ShortDeckRules::Triton, HandCategory::Straight)
            | (ShortDeckRules::Standard, HandCategory::ThreeOfAKind) => 3,
            (ShortDeckRules::Triton, HandCategory::ThreeOfAKind)
            | (ShortDeckRules::Standard, HandCategory::Straight) => 4,
            (_, HandCategory::FullHouse) => 5,
            (_, HandCategory::Flush) => 6,
            (_, HandCategory::FourOfAKind) => 7,
            (_, HandCategory::StraightFlush) => 8,
        }
    }
}

impl fmt::Display for ShortDeckRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A short-deck hand's strength: greater is stronger, within one rule set.
///
/// Layout: bits 24-27 hold the category's place under the rule set
/// ([`ShortDeckRules::categories`]), and bits 0-23 are exactly a [`HandStrength`] value
/// (category, then the group ranks). A straight stores its top rank, Nine for A-6-7-8-9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShortDeckStrength(u32);

impl ShortDeckStrength {
    fn new(rules: ShortDeckRules, high_value: u32) -> ShortDeckStrength {
        let order = rules.category_order(unpack_category(high_value));
        ShortDeckStrength(order << 24 | high_value)
    }

    pub(crate) const fn from_value(value: u32) -> ShortDeckStrength {
        ShortDeckStrength(value)
    }

    /// The raw value, for comparing and storing.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The category.
    pub fn category(self) -> HandCategory {
        unpack_category(self.0)
    }

    /// The same hand as a standard [`HandStrength`], for its descriptions; its order is
    /// the standard one, not the short deck's.
    fn as_high(self) -> HandStrength {
        HandStrength::from_value(self.0 & 0xFF_FFFF)
    }

    /// How a commentator says it: "Flush, Ace high", "Straight, Nine high" (A-6-7-8-9).
    pub fn description(self) -> String {
        self.as_high().description()
    }
}

/// The strength of the best five-card short-deck hand in `set` (5 to 7 cards).
///
/// The hot path: it allocates nothing and never fails. Cards below Six are not part of
/// the short deck and are ignored.
///
/// ```
/// use ggp_core::{eval::short_deck::{strength, ShortDeckRules}, CardSet, HandCategory};
/// let rules = ShortDeckRules::Standard;
/// let wheel = strength(CardSet::parse("Ac 6d 7h 8s 9c")?, rules);
/// let six_high = strength(CardSet::parse("6d 7h 8s 9c Tc")?, rules);
/// assert_eq!(wheel.category(), HandCategory::Straight);
/// assert!(wheel < six_high);
/// let flush = strength(CardSet::parse("6h 8h 9h Jh Kh")?, rules);
/// let boat = strength(CardSet::parse("As Ah Ad Ks Kh")?, rules);
/// assert!(flush > boat);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn strength(set: CardSet, rules: ShortDeckRules) -> ShortDeckStrength {
    ShortDeckStrength::new(rules, high_value(set, rules))
}

/// The best hand of `set` in the [`pack`] layout, chosen under the rule set's order.
#[inline]
fn high_value(set: CardSet, rules: ShortDeckRules) -> u32 {
    let suits = suit_masks(set).map(|mask| mask & SHORT_RANKS);
    let [c, d, h, s] = suits;
    let ranks = c | d | h | s;

    // Straight flush, then four of a kind, then flush, then full house: the same in both
    // rule sets.
    let flush = best_flush(suits);
    if let Some(value) = flush.filter(|&v| unpack_category(v) == HandCategory::StraightFlush) {
        return value;
    }
    let quads = c & d & h & s;
    if quads != 0 {
        let quad = highest(quads);
        return pack(
            HandCategory::FourOfAKind,
            &[quad, highest(ranks & !bit(quad))],
        );
    }
    if let Some(value) = flush {
        return value;
    }
    let at_least_3 = (c & d & h) | (c & d & s) | (c & h & s) | (d & h & s);
    let at_least_2 = (c & d) | (c & h) | (c & s) | (d & h) | (d & s) | (h & s);
    let pairs = at_least_2 & !at_least_3;
    if at_least_3 != 0 {
        let trip = highest(at_least_3);
        // A second set of trips plays as the pair.
        let pair_candidates = (at_least_3 & !bit(trip)) | pairs;
        if pair_candidates != 0 {
            return pack(HandCategory::FullHouse, &[trip, highest(pair_candidates)]);
        }
    }

    let straight = straight_top(ranks).map(|top| pack(HandCategory::Straight, &[top]));
    let trips = (at_least_3 != 0).then(|| {
        let trip = highest(at_least_3);
        let [k1, k2] = top_ranks::<2>(ranks & !bit(trip));
        pack(HandCategory::ThreeOfAKind, &[trip, k1, k2])
    });
    let middle = match rules {
        ShortDeckRules::Triton => trips.or(straight),
        ShortDeckRules::Standard => straight.or(trips),
    };
    if let Some(value) = middle {
        return value;
    }

    if pairs.count_ones() >= 2 {
        let [p1, p2] = top_ranks::<2>(pairs);
        let kicker = highest(ranks & !bit(p1) & !bit(p2));
        return pack(HandCategory::TwoPair, &[p1, p2, kicker]);
    }
    if pairs != 0 {
        let pair = highest(pairs);
        let [k1, k2, k3] = top_ranks::<3>(ranks & !bit(pair));
        return pack(HandCategory::OnePair, &[pair, k1, k2, k3]);
    }
    pack(HandCategory::HighCard, &top_ranks::<5>(ranks))
}

/// The best flush or straight flush among the suits, in the [`pack`] layout.
#[inline]
fn best_flush(suits: [u32; 4]) -> Option<u32> {
    let mut best = None;
    for mask in suits {
        if mask.count_ones() >= 5 {
            let value = match straight_top(mask) {
                Some(top) => pack(HandCategory::StraightFlush, &[top]),
                None => pack(HandCategory::Flush, &top_ranks::<5>(mask)),
            };
            best = best.max(Some(value));
        }
    }
    best
}

/// The top rank of the highest straight in a short-deck rank mask, the ace also playing
/// just below the Six.
#[inline]
fn straight_top(mask: u32) -> Option<u32> {
    // The Five's bit is free in the short deck: the ace copied there makes A-6-7-8-9 five
    // in a row, with its top (the Nine) where it belongs.
    let with_low_ace = (mask & SHORT_RANKS) | ((mask >> 12) & 1) << 3;
    let runs = with_low_ace
        & (with_low_ace >> 1)
        & (with_low_ace >> 2)
        & (with_low_ace >> 3)
        & (with_low_ace >> 4);
    (runs != 0).then(|| highest(runs) + 4)
}

/// The five cards of `set` that make `strength` (which must come from `set`), most
/// significant first: a straight from its top card down, ending with the ace in
/// A-6-7-8-9.
///
/// ```
/// use ggp_core::{eval::short_deck::{best_five, strength, ShortDeckRules}, format_cards, CardSet};
/// let set = CardSet::parse("9c 8s 7h 6d Ac Kd Kh")?;
/// let value = strength(set, ShortDeckRules::Standard);
/// assert_eq!(format_cards(&best_five(set, value)), "9c 8s 7h 6d Ac");
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn best_five(set: CardSet, strength: ShortDeckStrength) -> [Card; 5] {
    let mut five = [Card::new(Rank::Six, Suit::Clubs); 5];
    let cards = best_cards(set, strength);
    for (slot, &card) in five.iter_mut().zip(cards.as_slice()) {
        *slot = card;
    }
    five
}

pub(crate) fn best_cards(set: CardSet, strength: ShortDeckStrength) -> FiveCards {
    let category = strength.category();
    let value = strength.value();
    let rank = |i: usize| rank_from_index(unpack_rank(value, i));
    match category {
        HandCategory::Straight | HandCategory::StraightFlush => {
            let suit = (category == HandCategory::StraightFlush)
                .then(|| flush_suit(set))
                .flatten();
            let top = unpack_rank(value, 0);
            let mut out = FiveCards::EMPTY;
            for step in 0..5 {
                // Below the Six comes the ace (the Five's place in A-6-7-8-9).
                let index = top.saturating_sub(step);
                let rank = if index < Rank::Six.index().into() {
                    Rank::Ace
                } else {
                    rank_from_index(index)
                };
                match suit {
                    Some(suit) => out.push(Card::new(rank, suit)),
                    None => out.extend(set.cards_of_rank(rank).take(1)),
                }
            }
            out
        }
        HandCategory::Flush => {
            let mut out = FiveCards::EMPTY;
            if let Some(suit) = flush_suit(set) {
                out.extend((0..5).map(|i| Card::new(rank(i), suit)));
            }
            out
        }
        _ => bits::group_cards(set, category, rank),
    }
}

/// The suit with the best flush or straight flush, if any suit has five cards.
fn flush_suit(set: CardSet) -> Option<Suit> {
    let suits = suit_masks(set).map(|mask| mask & SHORT_RANKS);
    Suit::ALL
        .into_iter()
        .zip(suits)
        .filter(|&(_, mask)| mask.count_ones() >= 5)
        .max_by_key(|&(_, mask)| best_flush([mask, 0, 0, 0]))
        .map(|(suit, _)| suit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::format_cards;

    fn eval(text: &str, rules: ShortDeckRules) -> (ShortDeckStrength, String) {
        let set = CardSet::parse(text).unwrap();
        let value = strength(set, rules);
        (value, format_cards(&best_five(set, value)))
    }

    #[test]
    fn descriptions_and_best_cards() {
        for rules in ShortDeckRules::ALL {
            for (hand, description, best) in [
                ("Ac 6d 7h 8s 9c Kd", "Straight, Nine high", "9c 8s 7h 6d Ac"),
                (
                    "Ah 6h 7h 8h 9h Kd",
                    "Straight Flush, Nine high",
                    "9h 8h 7h 6h Ah",
                ),
                ("As Ks Qs Js Ts 9s", "Royal Flush", "As Ks Qs Js Ts"),
                ("6h 8h 9h Jh Kh Ks Kd", "Flush, King high", "Kh Jh 9h 8h 6h"),
                (
                    "7c 7d 7h 8s 8d Ac",
                    "Full House, Sevens full of Eights",
                    "7h 7d 7c 8s 8d",
                ),
                (
                    "Ac Ad Ah As 6c 7c",
                    "Four of a Kind, Aces",
                    "As Ah Ad Ac 7c",
                ),
            ] {
                let (value, cards) = eval(hand, rules);
                assert_eq!(value.description(), description, "{hand}");
                assert_eq!(cards, best, "{hand}");
            }
        }
    }

    #[test]
    fn the_rule_sets_differ_only_on_trips_against_a_straight() {
        let trips = "8c 8d 8h Ac Kd";
        let straight = "6c 7d 8h 9s Tc";
        let [t_trips, t_straight] = [trips, straight].map(|h| eval(h, ShortDeckRules::Triton).0);
        let [s_trips, s_straight] = [trips, straight].map(|h| eval(h, ShortDeckRules::Standard).0);
        assert!(t_trips > t_straight);
        assert!(s_trips < s_straight);
        // The same seven cards hold both; each rule set picks its better one.
        let both = "8c 8d 8h 6s 7d 9c Tc";
        assert_eq!(
            eval(both, ShortDeckRules::Triton).0.category(),
            HandCategory::ThreeOfAKind
        );
        assert_eq!(
            eval(both, ShortDeckRules::Standard).0.category(),
            HandCategory::Straight
        );
    }

    #[test]
    fn a_flush_beats_a_full_house_in_the_same_seven_cards() {
        let (value, best) = eval("Kh Ks Kd 9h 9c 6h 7h", ShortDeckRules::Standard);
        assert_eq!(value.category(), HandCategory::FullHouse);
        assert_eq!(best, "Ks Kh Kd 9h 9c");
        let (value, best) = eval("Kh Ks Kd 9h 9c 6h 7h 8h", ShortDeckRules::Triton);
        assert_eq!(value.category(), HandCategory::Flush);
        assert_eq!(best, "Kh 9h 8h 7h 6h");
    }
}
