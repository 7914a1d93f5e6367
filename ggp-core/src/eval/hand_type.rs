//! One entry point for every hand type a showdown needs: [`evaluate`] a [`HandType`] from
//! hole and board cards, get a [`Ranked`] hand whose [`Strength`] compares greater-is-better
//! for every hand type, lows included.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::card::{Card, Rank, Suit};
use crate::card_set::CardSet;
use crate::deck::DeckKind;
use crate::error::{Error, Result};
use crate::eval::badugi::{self, BadugiRanking, BadugiStrength};
use crate::eval::bits::FiveCards;
use crate::eval::high::{self, HandStrength};
use crate::eval::low::{self, AceToFiveLow, DeuceToSevenLow};
use crate::eval::omaha;
use crate::eval::short_deck::{self, ShortDeckRules, ShortDeckStrength};

/// A way of ranking hands at a showdown, with the cards it uses.
///
/// Each names the pokerkit 0.7 hand class it matches (see the evaluator modules for the
/// details). Hold'em-style types take the best five of hole and board together; the Omaha
/// types take exactly two hole cards with exactly three board cards.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum HandType {
    /// The standard high hand, best five of 5 to 7 cards (hold'em, stud, the high half of
    /// stud hi-lo): pokerkit's `StandardHighHand`. See [`crate::eval::high`].
    StandardHigh,
    /// The short-deck high hand, best five of 5 to 7 cards from Six to Ace: pokerkit's
    /// `ShortDeckHoldemHand` under [`ShortDeckRules::Standard`]. See
    /// [`crate::eval::short_deck`].
    ShortDeckHigh(ShortDeckRules),
    /// The A-5 low, best five of 5 to 7 cards (razz, A-5 triple draw): pokerkit's
    /// `RegularLowHand`. See [`crate::eval::low`].
    AceToFiveLow,
    /// The 8-or-better low, best five of 5 to 7 cards (stud hi-lo), or none: pokerkit's
    /// `EightOrBetterLowHand`.
    EightOrBetterLow,
    /// The 2-7 low, best five of 5 to 7 cards (2-7 single and triple draw): pokerkit's
    /// `StandardLowHand`.
    DeuceToSevenLow,
    /// Badugi with the ace low, from 4 cards (badugi, badacey): pokerkit's `BadugiHand`.
    /// See [`crate::eval::badugi`].
    AceToFiveBadugi,
    /// Badugi with the ace high, from 4 cards (badeucy): pokerkit's `StandardBadugiHand`.
    DeuceToSevenBadugi,
    /// The Omaha high hand: two of 4 to 6 hole cards with three of 3 to 5 board cards
    /// (Omaha, 5- and 6-card PLO, Courchevel): pokerkit's `OmahaHoldemHand`. See
    /// [`crate::eval::omaha`].
    OmahaHigh,
    /// The Omaha 8-or-better low, two hole cards with three board cards, or none:
    /// pokerkit's `OmahaEightOrBetterLowHand`.
    OmahaEightOrBetterLow,
}

impl HandType {
    /// Every hand type.
    pub const ALL: [HandType; 10] = [
        HandType::StandardHigh,
        HandType::ShortDeckHigh(ShortDeckRules::Triton),
        HandType::ShortDeckHigh(ShortDeckRules::Standard),
        HandType::AceToFiveLow,
        HandType::EightOrBetterLow,
        HandType::DeuceToSevenLow,
        HandType::AceToFiveBadugi,
        HandType::DeuceToSevenBadugi,
        HandType::OmahaHigh,
        HandType::OmahaEightOrBetterLow,
    ];

    /// The stable snake_case name, e.g. "short_deck_high_triton", "omaha_high".
    ///
    /// ```
    /// use ggp_core::eval::HandType;
    /// for hand_type in HandType::ALL {
    ///     assert_eq!(hand_type.code().parse::<HandType>()?, hand_type);
    /// }
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            HandType::StandardHigh => "standard_high",
            HandType::ShortDeckHigh(ShortDeckRules::Triton) => "short_deck_high_triton",
            HandType::ShortDeckHigh(ShortDeckRules::Standard) => "short_deck_high_standard",
            HandType::AceToFiveLow => "ace_to_five_low",
            HandType::EightOrBetterLow => "eight_or_better_low",
            HandType::DeuceToSevenLow => "deuce_to_seven_low",
            HandType::AceToFiveBadugi => "ace_to_five_badugi",
            HandType::DeuceToSevenBadugi => "deuce_to_seven_badugi",
            HandType::OmahaHigh => "omaha_high",
            HandType::OmahaEightOrBetterLow => "omaha_eight_or_better_low",
        }
    }

    /// Whether a hand of this type can fail to qualify, so that [`evaluate`] gives `None`.
    pub const fn may_not_qualify(self) -> bool {
        matches!(
            self,
            HandType::EightOrBetterLow | HandType::OmahaEightOrBetterLow
        )
    }
}

impl fmt::Display for HandType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for HandType {
    type Err = Error;

    fn from_str(name: &str) -> Result<HandType> {
        HandType::ALL
            .into_iter()
            .find(|hand_type| hand_type.code() == name)
            .ok_or_else(|| Error::UnknownName {
                what: "hand type",
                name: name.to_owned(),
                expected: "standard_high, short_deck_high_triton, short_deck_high_standard, \
                           ace_to_five_low, eight_or_better_low, deuce_to_seven_low, \
                           ace_to_five_badugi, deuce_to_seven_badugi, omaha_high, \
                           omaha_eight_or_better_low",
            })
    }
}

/// A hand's strength: the greater value is the better hand, lows and badugi included.
///
/// Values are comparable only between hands of the same [`HandType`] (a low's value is not
/// a high's). The value is the one the type's own evaluator gives (for example
/// [`crate::HandStrength::value`] for [`HandType::StandardHigh`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Strength(u32);

impl Strength {
    /// The raw value, for comparing and storing.
    pub const fn value(self) -> u32 {
        self.0
    }
}

/// A ranked hand: its type, strength and the cards that make it.
///
/// ```
/// use ggp_core::{eval::{evaluate, HandType}, format_cards, parse_cards};
/// let ranked = evaluate(HandType::DeuceToSevenLow, &parse_cards("7s 5d 4c 3h 2s")?, &[])?
///     .expect("a 2-7 low always qualifies");
/// assert_eq!(ranked.description(), "Seven-Five Low");
/// assert_eq!(format_cards(ranked.best_cards()), "7s 5d 4c 3h 2s");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ranked {
    /// The hand type it was ranked as.
    pub hand_type: HandType,
    /// The strength; compare these (within one hand type) to compare hands.
    pub strength: Strength,
    best: FiveCards,
}

impl Ranked {
    /// The cards that make the hand, most significant first: five, or one to four for
    /// badugi.
    pub fn best_cards(&self) -> &[Card] {
        self.best.as_slice()
    }

    /// How a commentator says it: "Full House, Sevens full of Twos", "Eight-Six Low",
    /// "Seven-Five Low", "Four-card Badugi, Seven high".
    pub fn description(&self) -> String {
        let value = self.strength.value();
        match self.hand_type {
            HandType::StandardHigh | HandType::OmahaHigh => {
                HandStrength::from_value(value).description()
            }
            HandType::ShortDeckHigh(_) => ShortDeckStrength::from_value(value).description(),
            HandType::AceToFiveLow
            | HandType::EightOrBetterLow
            | HandType::OmahaEightOrBetterLow => AceToFiveLow::from_value(value).description(),
            HandType::DeuceToSevenLow => DeuceToSevenLow::from_value(value).description(),
            HandType::AceToFiveBadugi | HandType::DeuceToSevenBadugi => {
                BadugiStrength::from_value(value).description()
            }
        }
    }

    /// How this hand compares with another: `None` when they are of different hand types,
    /// whose strengths do not compare.
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// use ggp_core::{eval::{evaluate, HandType}, parse_cards};
    /// let board = parse_cards("Kh Ks 2c 3d 4h")?;
    /// let rank = |hole: &str| -> ggp_core::Result<_> {
    ///     Ok(evaluate(HandType::StandardHigh, &parse_cards(hole)?, &board)?.expect("a high hand"))
    /// };
    /// // The wheel straight beats trip kings.
    /// assert_eq!(rank("Ac 5c")?.compare(&rank("Kd Qd")?), Some(Ordering::Greater));
    /// # Ok::<(), ggp_core::Error>(())
    /// ```
    pub fn compare(&self, other: &Ranked) -> Option<Ordering> {
        (self.hand_type == other.hand_type).then(|| self.strength.cmp(&other.strength))
    }
}

/// Ranks a hand of `hole` and `board` cards as `hand_type`; `None` when it does not
/// qualify (no 8-or-better low).
///
/// Hold'em-style types use hole and board together (5 to 7 cards; 4 for badugi, usually
/// all in the hole). The Omaha types need 4 to 6 hole cards and 3 to 5 board cards.
///
/// # Errors
///
/// [`Error::WrongCardCount`] for a count outside those, [`Error::DuplicateCard`] for a
/// card given twice (within or across hole and board), and [`Error::CardNotInDeck`] for a
/// card below Six in a short-deck hand.
///
/// ```
/// use ggp_core::{eval::{evaluate, HandType}, parse_cards};
/// let hole = parse_cards("As 2d Kc Kh")?;
/// let board = parse_cards("3c 5h 8s Qd Ks")?;
/// let high = evaluate(HandType::OmahaHigh, &hole, &board)?.expect("a high hand");
/// assert_eq!(high.description(), "Three of a Kind, Kings");
/// let low = evaluate(HandType::OmahaEightOrBetterLow, &hole, &board)?.expect("a low");
/// assert_eq!(low.description(), "Eight-Five Low");
/// assert_eq!(high.compare(&low), None);
///
/// let no_low_board = parse_cards("3c 5h 9s Qd Ks")?;
/// assert_eq!(evaluate(HandType::OmahaEightOrBetterLow, &hole, &no_low_board)?, None);
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn evaluate(hand_type: HandType, hole: &[Card], board: &[Card]) -> Result<Option<Ranked>> {
    let total = hole.len() + board.len();
    let ranked = |strength: u32, best: FiveCards| {
        Some(Ranked {
            hand_type,
            strength: Strength(strength),
            best,
        })
    };
    match hand_type {
        HandType::StandardHigh => {
            check_count("a high hand", total, 5, 7)?;
            let (_, all) = card_sets(hole, board)?;
            let mut buffer = [Card::new(Rank::Two, Suit::Clubs); 7];
            let cards = fill(&mut buffer, all);
            let value = high::evaluate(cards)?;
            Ok(ranked(
                value.strength.value(),
                FiveCards::from_slice(&value.best_five),
            ))
        }
        HandType::ShortDeckHigh(rules) => {
            check_count("a short-deck hand", total, 5, 7)?;
            let (_, all) = card_sets(hole, board)?;
            if let Some(card) = all.iter().find(|card| card.rank() < Rank::Six) {
                return Err(Error::CardNotInDeck {
                    card,
                    deck: DeckKind::Short.name(),
                });
            }
            let strength = short_deck::strength(all, rules);
            Ok(ranked(
                strength.value(),
                short_deck::best_cards(all, strength),
            ))
        }
        HandType::AceToFiveLow => {
            check_count("a low hand", total, 5, 7)?;
            let (_, all) = card_sets(hole, board)?;
            let strength = low::ace_to_five(all);
            Ok(ranked(
                strength.value(),
                low::best_cards_ace_to_five(all, strength),
            ))
        }
        HandType::EightOrBetterLow => {
            check_count("a low hand", total, 5, 7)?;
            let (_, all) = card_sets(hole, board)?;
            Ok(low::eight_or_better(all).and_then(|strength| {
                ranked(strength.value(), low::best_cards_ace_to_five(all, strength))
            }))
        }
        HandType::DeuceToSevenLow => {
            check_count("a low hand", total, 5, 7)?;
            let (_, all) = card_sets(hole, board)?;
            let strength = low::deuce_to_seven(all);
            Ok(ranked(
                strength.value(),
                low::best_cards_deuce_to_seven(all),
            ))
        }
        HandType::AceToFiveBadugi | HandType::DeuceToSevenBadugi => {
            check_count("a badugi hand", total, 4, 4)?;
            let (_, all) = card_sets(hole, board)?;
            let ranking = match hand_type {
                HandType::DeuceToSevenBadugi => BadugiRanking::DeuceToSeven,
                _ => BadugiRanking::AceToFive,
            };
            let strength = badugi::strength(all, ranking);
            let kept = badugi::best_cards(all, ranking);
            let mut best = FiveCards::EMPTY;
            for rank in strength.ranks() {
                best.extend(kept.cards_of_rank(rank));
            }
            Ok(ranked(strength.value(), best))
        }
        HandType::OmahaHigh | HandType::OmahaEightOrBetterLow => {
            check_count("an Omaha hole", hole.len(), 4, 6)?;
            check_count("an Omaha board", board.len(), 3, 5)?;
            let (hole_set, all) = card_sets(hole, board)?;
            let board_set = all - hole_set;
            if hand_type == HandType::OmahaHigh {
                let strength = omaha::high(hole_set, board_set);
                return Ok(ranked(
                    strength.value(),
                    omaha::best_cards_high(hole_set, board_set),
                ));
            }
            Ok(
                omaha::eight_or_better(hole_set, board_set).and_then(|strength| {
                    ranked(
                        strength.value(),
                        omaha::best_cards_eight_or_better(hole_set, board_set),
                    )
                }),
            )
        }
    }
}

fn check_count(what: &'static str, count: usize, min: usize, max: usize) -> Result<()> {
    if (min..=max).contains(&count) {
        Ok(())
    } else {
        Err(Error::WrongCardCount {
            what,
            count,
            min,
            max,
        })
    }
}

/// The hole as a set, and hole and board together; a card given twice is an error.
fn card_sets(hole: &[Card], board: &[Card]) -> Result<(CardSet, CardSet)> {
    let hole_set = CardSet::from_distinct(hole)?;
    let mut all = hole_set;
    for &card in board {
        if !all.insert(card) {
            return Err(Error::DuplicateCard { card });
        }
    }
    Ok((hole_set, all))
}

/// The cards of a set of at most seven, written into `buffer`.
fn fill(buffer: &mut [Card; 7], set: CardSet) -> &[Card] {
    let mut count = 0;
    for (slot, card) in buffer.iter_mut().zip(set.iter()) {
        *slot = card;
        count += 1;
    }
    &buffer[..count]
}
