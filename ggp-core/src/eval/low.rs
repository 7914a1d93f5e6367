//! Low hands, the best (lowest) five of 5 to 7 cards, in the three rankings showdowns use:
//!
//! - **A-5 low** ([`ace_to_five`]; razz, A-5 triple draw): the ace is the lowest card,
//!   straights and flushes do not count, and pairs are bad. The best hand is A-2-3-4-5,
//!   and 6-5-4-3-A beats 6-5-4-3-2 (the ace is the lower last card).
//! - **8-or-better low** ([`eight_or_better`]; the low half of hi-lo games): an A-5 low of
//!   five distinct ranks, all Eight or under; anything else has no qualifying low.
//! - **2-7 low** ([`deuce_to_seven`]; deuce-to-seven single and triple draw): the ace is
//!   only high, straights and flushes count against the hand, and A-2-3-4-5 is merely
//!   Ace high. The best hand is 7-5-4-3-2 (2-3-4-5-6 is a straight).
//!
//! A low strength compares like every other strength in this crate: **greater is better**,
//! so one comparison rule serves every hand type. Internally each low is first scored as
//! a "badness" in the shared high-hand layout (category in bits 20-23, then the group ranks)
//! and stored as its complement within 24 bits, which reverses the order.
//!
//! # Matching pokerkit
//!
//! These follow pokerkit 0.7's lookups exactly:
//! - A-5 is `RegularLowHand` (`RegularLookup`, used by `FixedLimitRazz`): ranks ordered
//!   A, 2 … K; high card (suited or not: flushes are ignored), one pair, two pair, three
//!   of a kind, full house, four of a kind, with no straights; within a category, group
//!   ranks then kickers, highest first. pokerkit has no A-5 triple draw game; it would use
//!   the same hand.
//! - 8-or-better is `EightOrBetterLowHand` (`EightOrBetterLookup`, used by seven-card stud
//!   hi-lo) and, two-plus-three, `OmahaEightOrBetterLowHand` (see [`crate::eval::omaha`]):
//!   the lookup holds only five distinct ranks from A to 8, suited or not, so a hand that
//!   needs a pair or a Nine has no low at all.
//! - 2-7 is `StandardLowHand` (`Standard2Lookup`, used by pokerkit's 2-7 single and
//!   triple draw games): the standard high ranking, flushes included, with straights that
//!   do not wrap (A-2-3-4-5 is no straight, A-K-Q-J-T is one), and the lowest hand wins.
//!
//! In all three, suits never break ties: equal ranks tie.

use crate::card::{Card, Rank, Suit};
use crate::card_set::CardSet;
use crate::eval::bits::{
    FiveCards, Subsets, ace_low, bit, bottom_ranks, group_cards, highest, lowest, pack,
    rank_from_ace_low, rank_from_index, suit_masks, top_ranks, unpack_category, unpack_rank,
};
use crate::eval::high::{self, HandCategory, HandStrength};

/// The greatest badness (the 24-bit layout's maximum); a strength is its complement.
const WORST: u32 = 0xFF_FFFF;

/// The ace-low ranks from Ace to Eight (bits 0-7 of an [`ace_low`] mask).
const EIGHT_OR_UNDER: u32 = 0xFF;

/// The Eight's ace-low index.
const EIGHT_ACE_LOW: u32 = 7;

/// An A-5 low's strength (also the strength of a qualifying 8-or-better low): greater is
/// better.
///
/// ```
/// use ggp_core::{eval::low::ace_to_five, CardSet};
/// let wheel = ace_to_five(CardSet::parse("As 2d 3c 4h 5s")?);
/// let six_four = ace_to_five(CardSet::parse("6s 4d 3c 2h As")?);
/// assert!(wheel > six_four);
/// assert_eq!(six_four.description(), "Six-Four Low");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AceToFiveLow(u32);

impl AceToFiveLow {
    const fn from_badness(badness: u32) -> AceToFiveLow {
        AceToFiveLow(WORST - (badness & WORST))
    }

    pub(crate) const fn from_value(value: u32) -> AceToFiveLow {
        AceToFiveLow(value)
    }

    /// The badness in the shared layout, ranks indexed ace-low (Ace = 0 … King = 12).
    const fn badness(self) -> u32 {
        WORST - (self.0 & WORST)
    }

    /// The raw value, for comparing and storing.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The category: [`HandCategory::HighCard`] for five distinct ranks, or the pairs and
    /// sets the hand is forced to keep (never a straight or a flush).
    pub fn category(self) -> HandCategory {
        unpack_category(self.badness())
    }

    /// The `i`-th rank of the hand, most significant first (the pair before its kickers).
    fn rank(self, i: usize) -> Rank {
        rank_from_ace_low(unpack_rank(self.badness(), i))
    }

    /// Whether this low is also an 8-or-better low: five distinct ranks, Eight or under.
    ///
    /// ```
    /// use ggp_core::{eval::low::ace_to_five, CardSet};
    /// assert!(ace_to_five(CardSet::parse("8s 7d 3c 2h As Kd Kh")?).is_eight_or_better());
    /// assert!(!ace_to_five(CardSet::parse("9s 7d 3c 2h As")?).is_eight_or_better());
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn is_eight_or_better(self) -> bool {
        self.category() == HandCategory::HighCard && unpack_rank(self.badness(), 0) <= EIGHT_ACE_LOW
    }

    /// How a commentator says it: "Eight-Six Low", "Pair of Aces".
    pub fn description(self) -> String {
        let category = self.category();
        if category == HandCategory::HighCard {
            return format!("{}-{} Low", self.rank(0).name(), self.rank(1).name());
        }
        let ranks = [0, 1, 2, 3, 4].map(|i| u32::from(self.rank(i).index()));
        HandStrength::from_value(pack(category, &ranks)).description()
    }
}

/// A 2-7 low's strength: greater is better.
///
/// ```
/// use ggp_core::{eval::low::deuce_to_seven, CardSet};
/// let number_one = deuce_to_seven(CardSet::parse("7s 5d 4c 3h 2s")?);
/// let wheel = deuce_to_seven(CardSet::parse("As 2d 3c 4h 5s")?);
/// assert!(number_one > wheel);
/// assert_eq!(number_one.description(), "Seven-Five Low");
/// assert_eq!(wheel.description(), "Ace-Five Low");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeuceToSevenLow(u32);

impl DeuceToSevenLow {
    const fn from_badness(badness: u32) -> DeuceToSevenLow {
        DeuceToSevenLow(WORST - (badness & WORST))
    }

    pub(crate) const fn from_value(value: u32) -> DeuceToSevenLow {
        DeuceToSevenLow(value)
    }

    /// The badness: a [`HandStrength`] value in which A-2-3-4-5 is no straight.
    const fn badness(self) -> u32 {
        WORST - (self.0 & WORST)
    }

    /// The raw value, for comparing and storing.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The category, as a high hand would have it (a straight or a flush counts).
    pub fn category(self) -> HandCategory {
        unpack_category(self.badness())
    }

    /// How a commentator says it: "Seven-Five Low", "Pair of Twos", "Straight, Six high".
    pub fn description(self) -> String {
        let badness = self.badness();
        if self.category() == HandCategory::HighCard {
            let rank = |i| rank_from_index(unpack_rank(badness, i)).name();
            return format!("{}-{} Low", rank(0), rank(1));
        }
        HandStrength::from_value(badness).description()
    }
}

/// The best A-5 low of `set` (5 to 7 cards).
///
/// The hot path: it allocates nothing and never fails. It reads the answer off the rank
/// masks: with five or more distinct ranks the five lowest make the hand; with fewer, every
/// distinct rank plays and the lowest ranks that can be paired (or set) are.
///
/// ```
/// use ggp_core::{eval::low::ace_to_five, CardSet, HandCategory};
/// let razz = ace_to_five(CardSet::parse("Ks Kd 4c 4h 2s 2d Ac")?);
/// assert_eq!(razz.category(), HandCategory::OnePair);
/// assert_eq!(razz.description(), "Pair of Twos");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn ace_to_five(set: CardSet) -> AceToFiveLow {
    AceToFiveLow::from_badness(ace_to_five_badness(set))
}

#[inline]
fn ace_to_five_badness(set: CardSet) -> u32 {
    let [c, d, h, s] = suit_masks(set).map(ace_low);
    let ranks = c | d | h | s;
    let at_least_2 = (c & d) | (c & h) | (c & s) | (d & h) | (d & s) | (h & s);
    let at_least_3 = (c & d & h) | (c & d & s) | (c & h & s) | (d & h & s);
    let quads = c & d & h & s;
    match ranks.count_ones() {
        5.. => pack(HandCategory::HighCard, &bottom_ranks::<5>(ranks)),
        4 => {
            // Five cards from four ranks: exactly one pair, the lowest that can be made.
            let pair = lowest(at_least_2);
            let [k1, k2, k3] = top_ranks::<3>(ranks & !bit(pair));
            pack(HandCategory::OnePair, &[pair, k1, k2, k3])
        }
        3 => {
            if at_least_2.count_ones() >= 2 {
                // Two pair beats trips; the two lowest pairable ranks keep the top pair low.
                let [high_pair, low_pair] = bottom_ranks::<2>(at_least_2);
                let kicker = highest(ranks & !bit(high_pair) & !bit(low_pair));
                pack(HandCategory::TwoPair, &[high_pair, low_pair, kicker])
            } else {
                let trip = lowest(at_least_3);
                let [k1, k2] = top_ranks::<2>(ranks & !bit(trip));
                pack(HandCategory::ThreeOfAKind, &[trip, k1, k2])
            }
        }
        _ => {
            // Two ranks: a full house if one can be trips and the other a pair (the lower
            // trips preferred), otherwise four of a kind.
            let low = lowest(ranks);
            let high = highest(ranks);
            let full = |trip: u32, pair: u32| {
                (trip != pair && at_least_3 & bit(trip) != 0 && at_least_2 & bit(pair) != 0)
                    .then(|| pack(HandCategory::FullHouse, &[trip, pair]))
            };
            full(low, high)
                .or_else(|| full(high, low))
                .unwrap_or_else(|| {
                    let quad = lowest(quads);
                    pack(
                        HandCategory::FourOfAKind,
                        &[quad, highest(ranks & !bit(quad))],
                    )
                })
        }
    }
}

/// The best 8-or-better low of `set` (5 to 7 cards), or `None` when it has no five
/// distinct ranks from Ace to Eight.
///
/// The hot path: it allocates nothing and never fails. A qualifying low's strength is its
/// A-5 strength ([`ace_to_five`]), so the two compare directly.
///
/// ```
/// use ggp_core::{eval::low::{ace_to_five, eight_or_better}, CardSet};
/// let set = CardSet::parse("8s 6d 4c 3h 2s Kd Kh")?;
/// assert_eq!(eight_or_better(set), Some(ace_to_five(set)));
/// assert_eq!(eight_or_better(set).map(|low| low.description()).as_deref(), Some("Eight-Six Low"));
/// assert_eq!(eight_or_better(CardSet::parse("9s 6d 4c 3h 2s Kd 2h")?), None);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn eight_or_better(set: CardSet) -> Option<AceToFiveLow> {
    let low_ranks = ace_low(u32::from(set.rank_mask())) & EIGHT_OR_UNDER;
    (low_ranks.count_ones() >= 5).then(|| {
        AceToFiveLow::from_badness(pack(HandCategory::HighCard, &bottom_ranks::<5>(low_ranks)))
    })
}

/// The best 2-7 low of `set` (5 to 7 cards).
///
/// The hot path: it allocates nothing and never fails. Usually the five lowest distinct
/// ranks make the hand; when they form a straight, or all their cards share one suit,
/// or there are fewer than five ranks, it keeps the lowest of every five-card subset (at
/// most 21), since which card breaks a straight or a flush best is not a local choice.
///
/// ```
/// use ggp_core::{eval::low::deuce_to_seven, CardSet, HandCategory};
/// let straight = deuce_to_seven(CardSet::parse("2s 3d 4c 5h 6s")?);
/// assert_eq!(straight.category(), HandCategory::Straight);
/// assert!(deuce_to_seven(CardSet::parse("Ks Qd Jc 9h 8s")?) > straight);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn deuce_to_seven(set: CardSet) -> DeuceToSevenLow {
    let suits = suit_masks(set);
    let ranks = suits[0] | suits[1] | suits[2] | suits[3];
    if ranks.count_ones() >= 5 {
        // Five distinct ranks beat every pair, and among them the lowest five are the
        // lowest hand, if they are neither a straight nor forced into a flush (they are
        // only when every card of those ranks is of one suit).
        let mut lowest_five = 0;
        let mut rest = ranks;
        for _ in 0..5 {
            let lowest_bit = rest & rest.wrapping_neg();
            lowest_five |= lowest_bit;
            rest ^= lowest_bit;
        }
        let straight = lowest_five >> lowest_five.trailing_zeros() == 0b1_1111;
        let suits_used = suits
            .iter()
            .filter(|&&mask| mask & lowest_five != 0)
            .count();
        if !straight && suits_used > 1 {
            return DeuceToSevenLow::from_badness(pack(
                HandCategory::HighCard,
                &top_ranks::<5>(lowest_five),
            ));
        }
    }
    DeuceToSevenLow::from_badness(best_deuce_to_seven(set).0)
}

/// The lowest five-card badness of `set` and the five cards (as raw bits) that make it.
fn best_deuce_to_seven(set: CardSet) -> (u32, u64) {
    if set.len() <= 5 {
        return (deuce_to_seven_five(set), set.bits());
    }
    Subsets::new(set, 5)
        .map(|five| (deuce_to_seven_five(CardSet::from_bits(five)), five))
        .min()
        .unwrap_or((WORST, 0))
}

/// The badness of exactly five cards: their high-hand value, with A-2-3-4-5 turned from a
/// straight (flush) into an Ace-high hand (flush).
#[inline]
fn deuce_to_seven_five(five: CardSet) -> u32 {
    let value = high::strength(five).value();
    let wheel_top = u32::from(Rank::Five.index());
    match unpack_category(value) {
        HandCategory::Straight if unpack_rank(value, 0) == wheel_top => {
            pack(HandCategory::HighCard, &[12, 3, 2, 1, 0])
        }
        HandCategory::StraightFlush if unpack_rank(value, 0) == wheel_top => {
            pack(HandCategory::Flush, &[12, 3, 2, 1, 0])
        }
        _ => value,
    }
}

/// The five cards of `set` that make the A-5 low `low` (which must come from `set`), most
/// significant first: a pair before its kickers, otherwise from the highest card down.
///
/// ```
/// use ggp_core::{eval::low::{ace_to_five, best_five_ace_to_five}, format_cards, CardSet};
/// let set = CardSet::parse("Ks 7d 4c 3h 2s Ac 2d")?;
/// let low = ace_to_five(set);
/// assert_eq!(format_cards(&best_five_ace_to_five(set, low)), "7d 4c 3h 2s Ac");
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn best_five_ace_to_five(set: CardSet, low: AceToFiveLow) -> [Card; 5] {
    to_array(best_cards_ace_to_five(set, low))
}

pub(crate) fn best_cards_ace_to_five(set: CardSet, low: AceToFiveLow) -> FiveCards {
    group_cards(set, low.category(), |i| low.rank(i))
}

/// The five cards of `set` that make its best 2-7 low, most significant first (A-5-4-3-2
/// starts with its ace).
///
/// ```
/// use ggp_core::{eval::low::best_five_deuce_to_seven, format_cards, CardSet};
/// let set = CardSet::parse("Ks 7d 4c 3h 2s 6c 5d")?;
/// assert_eq!(format_cards(&best_five_deuce_to_seven(set)), "7d 5d 4c 3h 2s");
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn best_five_deuce_to_seven(set: CardSet) -> [Card; 5] {
    to_array(best_cards_deuce_to_seven(set))
}

pub(crate) fn best_cards_deuce_to_seven(set: CardSet) -> FiveCards {
    let (badness, bits) = best_deuce_to_seven(set);
    let five = CardSet::from_bits(bits);
    let category = unpack_category(badness);
    let straight = matches!(
        category,
        HandCategory::Straight | HandCategory::StraightFlush
    );
    group_cards(five, category, |i| {
        // A straight stores only its top rank; it never wraps here.
        let index = if straight {
            unpack_rank(badness, 0).saturating_sub(i as u32)
        } else {
            unpack_rank(badness, i)
        };
        rank_from_index(index)
    })
}

fn to_array(cards: FiveCards) -> [Card; 5] {
    let mut five = [Card::new(Rank::Two, Suit::Clubs); 5];
    for (slot, &card) in five.iter_mut().zip(cards.as_slice()) {
        *slot = card;
    }
    five
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::format_cards;

    fn set(text: &str) -> CardSet {
        CardSet::parse(text).unwrap()
    }

    #[test]
    fn ace_to_five_picks_the_lowest_pairs() {
        for (hand, description, best) in [
            ("As 2d 3c 4h 5s Kd Kh", "Five-Four Low", "5s 4h 3c 2d As"),
            ("Ks Kd 4c 4h 2s 2d Ac", "Pair of Twos", "2s 2d Ks 4h Ac"),
            (
                "Ks Kd Kc 4h 4s 2d 2h",
                "Two Pair, Fours and Twos",
                "4s 4h 2h 2d Ks",
            ),
            (
                "Ks Kd Kc Kh 4s 4d 4h",
                "Full House, Fours full of Kings",
                "4s 4h 4d Ks Kh",
            ),
            ("Ks Kd Kc Kh 4s", "Four of a Kind, Kings", "Ks Kh Kd Kc 4s"),
            (
                "Qs Qd Qc 4h 2s",
                "Three of a Kind, Queens",
                "Qs Qd Qc 4h 2s",
            ),
        ] {
            let low = ace_to_five(set(hand));
            assert_eq!(low.description(), description, "{hand}");
            assert_eq!(
                format_cards(&best_five_ace_to_five(set(hand), low)),
                best,
                "{hand}"
            );
        }
    }

    #[test]
    fn deuce_to_seven_breaks_straights_and_flushes() {
        for (hand, description, best) in [
            ("7s 5d 4c 3h 2s Kd Kh", "Seven-Five Low", "7s 5d 4c 3h 2s"),
            ("6s 5d 4c 3h 2s Kd", "King-Five Low", "Kd 5d 4c 3h 2s"),
            ("6s 5d 4c 3h 2s", "Straight, Six high", "6s 5d 4c 3h 2s"),
            ("As 5d 4c 3h 2s", "Ace-Five Low", "As 5d 4c 3h 2s"),
            ("As 5s 4s 3s 2s", "Flush, Ace high", "As 5s 4s 3s 2s"),
            ("8h 6h 4h 3h 2h 2c", "Eight-Six Low", "8h 6h 4h 3h 2c"),
            ("2h 3h 4h 5h 6h 2c", "Pair of Twos", "2h 2c 5h 4h 3h"),
        ] {
            let low = deuce_to_seven(set(hand));
            assert_eq!(low.description(), description, "{hand}");
            assert_eq!(
                format_cards(&best_five_deuce_to_seven(set(hand))),
                best,
                "{hand}"
            );
        }
    }

    #[test]
    fn eight_or_better_needs_five_low_ranks() {
        assert_eq!(eight_or_better(set("8s 8d 4c 3h 3s Ad")), None);
        assert_eq!(eight_or_better(set("9s 7d 4c 3h 2s")), None);
        let low = eight_or_better(set("8s 8d 7c 3h 2s Ad")).unwrap();
        assert_eq!(low.description(), "Eight-Seven Low");
        assert!(low.is_eight_or_better());
    }
}
