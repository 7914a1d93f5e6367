//! The standard high hand: the best five of 5 to 7 cards.
//!
//! Works on rank masks per suit (see [`CardSet`]): quads, trips and pairs fall out of
//! AND/OR of the four suit masks, and straights out of shifted ANDs, with no sorting.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use crate::card::{Card, Rank, Suit};
use crate::card_set::CardSet;
use crate::error::{Error, Result};

mod walk;

/// The category of a high hand, weakest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum HandCategory {
    /// No pair.
    HighCard = 0,
    /// One pair.
    OnePair,
    /// Two pairs.
    TwoPair,
    /// Three of a kind (trips or a set).
    ThreeOfAKind,
    /// Five ranks in sequence.
    Straight,
    /// Five cards of one suit.
    Flush,
    /// Three of a kind and a pair.
    FullHouse,
    /// Four of a kind.
    FourOfAKind,
    /// A straight in one suit; the ace-high one is the royal flush.
    StraightFlush,
}

impl HandCategory {
    /// All categories, weakest first.
    pub const ALL: [HandCategory; 9] = [
        HandCategory::HighCard,
        HandCategory::OnePair,
        HandCategory::TwoPair,
        HandCategory::ThreeOfAKind,
        HandCategory::Straight,
        HandCategory::Flush,
        HandCategory::FullHouse,
        HandCategory::FourOfAKind,
        HandCategory::StraightFlush,
    ];

    /// The stable snake_case name used in JSON and by the bindings, e.g. "two_pair".
    pub const fn code(self) -> &'static str {
        [
            "high_card",
            "one_pair",
            "two_pair",
            "three_of_a_kind",
            "straight",
            "flush",
            "full_house",
            "four_of_a_kind",
            "straight_flush",
        ][self as usize]
    }

    /// The name as a broadcast shows it, e.g. "Two Pair".
    pub const fn name(self) -> &'static str {
        [
            "High Card",
            "One Pair",
            "Two Pair",
            "Three of a Kind",
            "Straight",
            "Flush",
            "Full House",
            "Four of a Kind",
            "Straight Flush",
        ][self as usize]
    }

    /// The category with this number (0 = high card … 8 = straight flush).
    pub const fn from_index(index: u8) -> Option<HandCategory> {
        if index < 9 {
            Some(Self::ALL[index as usize])
        } else {
            None
        }
    }
}

impl fmt::Display for HandCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A totally ordered hand strength: the stronger hand has the greater value, equal hands
/// have equal values.
///
/// Layout (stable, part of the ABI): bits 20-23 hold the category, then five 4-bit rank
/// indices, most significant first: the rank of each group in [`HandCategory`]'s order
/// (quads then kicker, trips then pair, …), zero-filled. A straight or straight flush
/// stores only its top rank (Five for the wheel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HandStrength(u32);

impl HandStrength {
    fn new(category: HandCategory, ranks: &[u32]) -> HandStrength {
        let mut value = (category as u32) << 20;
        for (i, &rank) in ranks.iter().enumerate() {
            value |= rank << (16 - 4 * i);
        }
        HandStrength(value)
    }

    /// The strength with this raw value, as [`HandStrength::value`] gives it; lets the
    /// other evaluators, which share this layout, reuse the descriptions.
    pub(crate) const fn from_value(value: u32) -> HandStrength {
        HandStrength(value)
    }

    /// The raw value, for comparing and storing.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The category.
    pub fn category(self) -> HandCategory {
        HandCategory::from_index((self.0 >> 20) as u8).unwrap_or(HandCategory::HighCard)
    }

    /// The rank of the `i`-th group (see the type's documentation).
    fn group_rank(self, i: usize) -> Rank {
        Rank::from_index(((self.0 >> (16 - 4 * i)) & 0xF) as u8).unwrap_or(Rank::Two)
    }

    /// How a commentator says it: "Two Pair, Aces and Kings", "Royal Flush".
    pub fn description(self) -> String {
        let r = |i| self.group_rank(i);
        match self.category() {
            HandCategory::StraightFlush if r(0) == Rank::Ace => "Royal Flush".to_owned(),
            HandCategory::StraightFlush => format!("Straight Flush, {} high", r(0).name()),
            HandCategory::FourOfAKind => format!("Four of a Kind, {}", r(0).plural()),
            HandCategory::FullHouse => {
                format!("Full House, {} full of {}", r(0).plural(), r(1).plural())
            }
            HandCategory::Flush => format!("Flush, {} high", r(0).name()),
            HandCategory::Straight => format!("Straight, {} high", r(0).name()),
            HandCategory::ThreeOfAKind => format!("Three of a Kind, {}", r(0).plural()),
            HandCategory::TwoPair => format!("Two Pair, {} and {}", r(0).plural(), r(1).plural()),
            HandCategory::OnePair => format!("Pair of {}", r(0).plural()),
            HandCategory::HighCard => format!("High Card, {}", r(0).name()),
        }
    }
}

/// A high hand's value: its category, strength and the five cards that make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HandValue {
    /// The category.
    pub category: HandCategory,
    /// The strength; compare these to compare hands.
    pub strength: HandStrength,
    /// The five cards that make the hand, most significant first (the trips before the
    /// pair in a full house; a straight from its top card down).
    pub best_five: [Card; 5],
}

impl HandValue {
    /// How a commentator says it, e.g. "Full House, Sevens full of Twos".
    pub fn description(&self) -> String {
        self.strength.description()
    }
}

/// Evaluates a high hand of 5 to 7 distinct cards.
///
/// ```
/// use ggp_core::{eval::high::{evaluate, HandCategory}, parse_cards};
/// let value = evaluate(&parse_cards("7h 7d 7c 2s 2h")?)?;
/// assert_eq!(value.category, HandCategory::FullHouse);
/// assert_eq!(value.description(), "Full House, Sevens full of Twos");
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn evaluate(cards: &[Card]) -> Result<HandValue> {
    if !(5..=7).contains(&cards.len()) {
        return Err(Error::WrongCardCount {
            what: "a high hand",
            count: cards.len(),
            min: 5,
            max: 7,
        });
    }
    let set = CardSet::from_distinct(cards)?;
    let strength = strength(set);
    Ok(HandValue {
        category: strength.category(),
        strength,
        best_five: best_five(set, strength),
    })
}

/// The strength of the best five-card high hand in `set`, which should hold 5 to 7 cards.
///
/// This is the hot path of showdowns and equity: it allocates nothing and never fails.
/// Two table lookups (built on first use, see [`HighHand`]) give the value the rules in
/// the private `strength_by_masks` give; sets of more than seven cards are scored by
/// those rules directly.
///
/// ```
/// use ggp_core::{eval::high::strength, CardSet};
/// let set = CardSet::parse("As Ks Qs Js Ts 2c 3d")?;
/// assert_eq!(strength(set).description(), "Royal Flush");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[inline]
pub fn strength(set: CardSet) -> HandStrength {
    let bits = set.bits();
    let counts = suit_counts(bits);
    // The four counts summed into the top lane.
    if counts.wrapping_mul(0x0001_0001_0001_0001) >> 48 > 7 {
        return strength_by_masks(set);
    }
    let tables = tables();
    // A lane of five or more cards carries into its bit 4 once 11 is added.
    let flush = (counts + 0x000B_000B_000B_000B) & 0x0010_0010_0010_0010;
    let class = if flush != 0 {
        // Five of one suit among at most seven cards leave too few others for a full
        // house or quads, so the flush (or straight flush) is the hand.
        let suit = flush.trailing_zeros() / 16;
        tables.flush[((bits >> (16 * suit)) & 0x1FFF) as usize]
    } else {
        let key = tables.rank_sum[(bits & 0x1FFF) as usize]
            .wrapping_add(tables.rank_sum[((bits >> 16) & 0x1FFF) as usize])
            .wrapping_add(tables.rank_sum[((bits >> 32) & 0x1FFF) as usize])
            .wrapping_add(tables.rank_sum[((bits >> 48) & 0x1FFF) as usize]);
        tables.class_of_key(key)
    };
    HandStrength(tables.strength_of_class[usize::from(class) & (CLASS_SLOTS - 1)])
}

/// The number of cards in each 16-bit suit lane of a card mask, one count per lane: a
/// population count done on all four lanes at once, as the baseline x86-64 target has
/// no popcount instruction.
#[inline(always)]
const fn suit_counts(bits: u64) -> u64 {
    let pairs = bits - ((bits >> 1) & 0x5555_5555_5555_5555);
    let nibbles = (pairs & 0x3333_3333_3333_3333) + ((pairs >> 2) & 0x3333_3333_3333_3333);
    let bytes = (nibbles + (nibbles >> 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    (bytes + (bytes >> 8)) & 0x001F_001F_001F_001F
}

/// A high hand built a card at a time, for enumerations: adding a card or another
/// disjoint hand is one addition, and [`HighHand::strength`] is two table lookups.
///
/// The key is the sum of per-card keys: in the low 32 bits a rank key whose sums
/// identify every multiset of up to seven ranks (the constants of Zach Wahlberg's
/// OMPEval), in the high 32 bits one 4-bit counter per suit. At most seven cards.
///
/// ```
/// use ggp_core::{eval::high::{self, HighHand}, CardSet};
/// let board = HighHand::of(CardSet::parse("Ah Kh 2c 7d 9h")?);
/// let hole = CardSet::parse("Qh Jh")?;
/// let hand = board.combine(HighHand::of(hole));
/// assert_eq!(hand.strength(), high::strength(CardSet::parse("Ah Kh 2c 7d 9h Qh Jh")?));
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct HighHand {
    key: u64,
    cards: u64,
}

/// Rank keys whose sums tell apart every multiset of at most seven ranks with at most
/// four of each (OMPEval's; the tests check the property over all 76,155 multisets).
const RANK_KEYS: [u32; 13] = [
    0x2000, 0x8001, 0x11000, 0x3a000, 0x91000, 0x176005, 0x366000, 0x41a013, 0x47802e, 0x479068,
    0x48c0e4, 0x48f211, 0x494493,
];
/// Each suit counter starts at 3, so that a fifth card of a suit sets its bit 3.
const SUIT_COUNTERS_START: u64 = 0x3333 << 32;
const FLUSH_BITS: u64 = 0x8888 << 32;
/// The perfect hash's row: the rank key's bits above this shift.
const ROW_SHIFT: u32 = 12;
const COLUMN_MASK: u32 = (1 << ROW_SHIFT) - 1;
/// Rows of the perfect hash: the largest key of seven cards, 4 * 0x494493 + 3 * 0x48f211,
/// is below 2^25.
const ROWS: usize = 1 << (25 - ROW_SHIFT);
/// Slots of the perfect hash's table: a power of two above the packed table's length
/// plus one row, so that a masked index needs no bounds check and every row's columns
/// fit (the build checks that the 76,155 keys pack below it).
const SLOTS: usize = 1 << 17;

/// A high hand's class: its rank among the 7,462 distinct five-card high hands, 1 for the
/// weakest (7-5-4-3-2) to 7,462 for a royal flush, and 0 for fewer than five cards.
/// Classes compare as the strengths do; [`HighEvaluator::strength_of`] turns one back
/// into its [`HandStrength`]. Hot loops compare classes: they come from smaller tables.
pub type HandClass = u16;

impl HighHand {
    /// The hand with no cards.
    pub const EMPTY: HighHand = HighHand { key: 0, cards: 0 };

    /// The hand of one card.
    #[inline]
    pub const fn card(card: Card) -> HighHand {
        let rank = card.rank() as usize;
        let suit = card.suit() as u64;
        HighHand {
            key: RANK_KEYS[rank] as u64 + (1u64 << (32 + 4 * suit)),
            cards: 1u64 << (suit * 16 + rank as u64),
        }
    }

    /// The hand of a set of at most seven cards.
    pub fn of(set: CardSet) -> HighHand {
        set.iter()
            .fold(HighHand::EMPTY, |hand, card| hand.with(card))
    }

    /// The hand with one more card, which it must not hold yet.
    #[inline]
    #[must_use]
    pub const fn with(self, card: Card) -> HighHand {
        self.combine(HighHand::card(card))
    }

    /// The hand of both hands' cards, which must be disjoint.
    #[inline]
    #[must_use]
    pub const fn combine(self, other: HighHand) -> HighHand {
        HighHand {
            key: self.key + other.key,
            cards: self.cards | other.cards,
        }
    }

    /// The cards held.
    pub const fn cards(self) -> CardSet {
        CardSet::from_bits(self.cards)
    }

    /// The sum of the held cards' rank keys: what [`HighEvaluator::class_without_flush`]
    /// scores. Sums of disjoint hands' keys add.
    #[inline(always)]
    pub const fn rank_key(self) -> u32 {
        self.key as u32
    }

    /// Whether `extra` more cards (at most four) could give this hand five cards of one
    /// suit: some suit already holds at least `5 - extra`.
    #[inline(always)]
    pub const fn may_flush_with(self, extra: u32) -> bool {
        // Each 4-bit suit counter starts at 3 + extra, so 5 - extra cards set its bit 3;
        // at most seven cards keep every counter below 16.
        let start = (3 + extra as u64) * (0x1111 << 32);
        (self.key + start) & FLUSH_BITS != 0
    }

    /// The suit (0..4, clubs first) of which the hand holds at least four cards, when
    /// [`HighHand::may_flush_with`]`(1)` says there is one; otherwise the highest such
    /// count's lane, which means nothing.
    #[inline(always)]
    const fn four_flush_suit(self) -> u8 {
        let flush = (self.key + SUIT_COUNTERS_START + (0x1111 << 32)) & FLUSH_BITS;
        ((flush.trailing_zeros().saturating_sub(35)) / 4) as u8
    }

    /// The rank mask of the hand's cards of one suit (0..4).
    #[inline(always)]
    const fn suit_ranks(self, suit: u8) -> u32 {
        ((self.cards >> (16 * (suit as u32 & 3))) & 0x1FFF) as u32
    }

    /// The class, as [`HighEvaluator::class`] gives it.
    #[inline]
    pub fn class(self) -> HandClass {
        HighEvaluator::get().class(self)
    }

    /// The strength, as [`strength`] gives it for the same cards.
    #[inline]
    pub fn strength(self) -> HandStrength {
        HighEvaluator::get().strength(self)
    }
}

/// The evaluator's tables, fetched once for a hot loop: [`HighEvaluator::strength`] is
/// [`HighHand::strength`] without the check that the tables are built.
///
/// ```
/// use ggp_core::{eval::high::{HighEvaluator, HighHand}, CardSet};
/// let evaluator = HighEvaluator::get();
/// let hand = HighHand::of(CardSet::parse("7h 7d 7c 2s 2h")?);
/// assert_eq!(evaluator.strength(hand), hand.strength());
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct HighEvaluator {
    tables: &'static Tables,
}

impl fmt::Debug for HighEvaluator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HighEvaluator")
    }
}

impl HighEvaluator {
    /// The evaluator, building its tables on first use (well under a second, once per
    /// process).
    #[inline]
    pub fn get() -> HighEvaluator {
        HighEvaluator { tables: tables() }
    }

    /// The strength of a hand of at most seven cards.
    #[inline(always)]
    pub fn strength(self, hand: HighHand) -> HandStrength {
        self.strength_of(self.class(hand))
    }

    /// The class of a hand of at most seven cards: a flush test on the suit counters,
    /// then one table lookup for a flush or two for anything else.
    #[inline(always)]
    pub fn class(self, hand: HighHand) -> HandClass {
        let counters = hand.key + SUIT_COUNTERS_START;
        let flush = counters & FLUSH_BITS;
        if flush != 0 {
            let suit = (flush.trailing_zeros() - 35) / 4;
            let mask = (hand.cards >> (16 * suit)) & 0x1FFF;
            return self.tables.flush[mask as usize];
        }
        self.tables.class_of_key(hand.key as u32)
    }

    /// The class of the best flush in a rank mask of one suit's cards (five to seven).
    #[inline(always)]
    fn flush_class(self, suit_ranks: u32) -> HandClass {
        self.tables.flush[(suit_ranks & 0x1FFF) as usize]
    }

    /// The class of at most seven cards of which no five share a suit, from the sum of
    /// their rank keys ([`HighHand::rank_key`]) alone. Enumerations call this once
    /// [`HighHand::may_flush_with`] has ruled a flush out for a whole loop.
    #[inline(always)]
    pub fn class_without_flush(self, rank_key: u32) -> HandClass {
        self.tables.class_of_key(rank_key)
    }

    /// The strength of a class.
    #[inline(always)]
    pub fn strength_of(self, class: HandClass) -> HandStrength {
        HandStrength(self.tables.strength_of_class[usize::from(class) & (CLASS_SLOTS - 1)])
    }
}

/// Entries of the class-to-strength table: a power of two above 7,462.
const CLASS_SLOTS: usize = 1 << 13;

/// The lookup tables behind [`strength`] and [`HighHand`], built on first use.
struct Tables {
    /// The class of the best flush (or straight flush) in each 13-bit suit mask of five
    /// or more ranks.
    flush: Box<[HandClass; 1 << 13]>,
    /// The sum of the rank keys of each 13-bit rank mask.
    rank_sum: Box<[u32; 1 << 13]>,
    /// Each perfect-hash row's displacement (keys of at most seven cards stay below
    /// 2^25, so their rows fit).
    row_offsets: Box<[u32; ROWS]>,
    /// The class of each rank multiset without a flush, at its perfect-hash slot.
    rank: Box<[HandClass; SLOTS]>,
    /// Each class's strength.
    strength_of_class: Box<[u32; CLASS_SLOTS]>,
}

impl Tables {
    /// The class of a non-flush rank key. Every key of at most seven cards has a row
    /// and a slot (see `build`); anything else reads as some class, never out of bounds.
    #[inline(always)]
    fn class_of_key(&self, key: u32) -> HandClass {
        let row = (key >> ROW_SHIFT) as usize & (ROWS - 1);
        let slot = (key & COLUMN_MASK) as usize + self.row_offsets[row] as usize;
        self.rank[slot & (SLOTS - 1)]
    }

    fn build() -> Tables {
        let mut flush_values = vec![0u32; 1 << 13];
        let mut rank_sum = Box::new([0u32; 1 << 13]);
        for (mask, (flush, rank_sum)) in
            flush_values.iter_mut().zip(rank_sum.iter_mut()).enumerate()
        {
            let mask = mask as u32;
            if mask.count_ones() >= 5 {
                *flush = strength_by_masks(CardSet::from_bits(u64::from(mask))).value();
            }
            *rank_sum = (0..13)
                .filter(|r| mask >> r & 1 == 1)
                .map(|r| RANK_KEYS[r])
                .sum();
        }

        // Every multiset of at most seven ranks, at most four of each, with the strength
        // of cards of those ranks spread over the suits so that none makes a flush.
        let mut entries: Vec<(u32, u32)> = Vec::with_capacity(76_155);
        for_each_rank_multiset(&mut [0; 13], 0, 7, &mut |counts| {
            let mut set = CardSet::EMPTY;
            let mut next_suit = 0;
            let mut key = 0;
            for (rank, &count) in counts.iter().enumerate() {
                for _ in 0..count {
                    set = set.with(Card::new(Rank::ALL[rank], Suit::ALL[next_suit % 4]));
                    next_suit += 1;
                }
                key += u32::from(count) * RANK_KEYS[rank];
            }
            // Fewer than five cards make no hand: they keep a slot, scored as nothing.
            let value = if set.len() >= 5 {
                strength_by_masks(set).value()
            } else {
                0
            };
            entries.push((key, value));
        });

        // Classes: the distinct strengths in order, from 1; 0 stays "no hand".
        let mut values: Vec<u32> = flush_values
            .iter()
            .chain(entries.iter().map(|(_, value)| value))
            .copied()
            .filter(|&value| value != 0)
            .collect();
        values.sort_unstable();
        values.dedup();
        let class_of = |value: u32| -> HandClass {
            if value == 0 {
                return 0;
            }
            values
                .binary_search(&value)
                .map_or(0, |index| (index + 1) as HandClass)
        };
        let mut strength_of_class = Box::new([0u32; CLASS_SLOTS]);
        for (index, &value) in values.iter().enumerate() {
            if let Some(slot) = strength_of_class.get_mut(index + 1) {
                *slot = value;
            }
        }
        let mut flush = Box::new([0 as HandClass; 1 << 13]);
        for (class, &value) in flush.iter_mut().zip(&flush_values) {
            *class = class_of(value);
        }

        // Displacement: rows with the most keys first, each at the lowest offset where
        // none of its columns lands on a taken slot.
        let mut by_row: Vec<Vec<(u32, HandClass)>> = vec![Vec::new(); ROWS];
        for &(key, value) in &entries {
            by_row[(key >> ROW_SHIFT) as usize % ROWS].push((key & COLUMN_MASK, class_of(value)));
        }
        let mut order: Vec<usize> = (0..ROWS).filter(|&r| !by_row[r].is_empty()).collect();
        order.sort_by_key(|&r| std::cmp::Reverse(by_row[r].len()));
        let mut taken: Vec<bool> = Vec::new();
        let mut rank = Box::new([0 as HandClass; SLOTS]);
        let mut row_offsets = Box::new([0u32; ROWS]);
        // The free slots below the end of the table: a row's lowest column goes to one of
        // these, or past the end, where everything is free.
        let mut holes: BTreeSet<usize> = BTreeSet::new();
        for row in order {
            let columns = &by_row[row];
            let min_column = columns.iter().map(|c| c.0 as usize).min().unwrap_or(0);
            let fits = |offset: usize| {
                columns
                    .iter()
                    .all(|&(c, _)| !taken.get(offset + c as usize).copied().unwrap_or(false))
            };
            let offset = holes
                .range(min_column..)
                .map(|&hole| hole - min_column)
                .find(|&offset| fits(offset))
                .unwrap_or_else(|| taken.len().max(min_column) - min_column);
            row_offsets[row] = offset as u32;
            for &(column, class) in columns {
                let slot = offset + column as usize;
                if slot >= taken.len() {
                    holes.extend(taken.len()..slot);
                    taken.resize(slot + 1, false);
                }
                holes.remove(&slot);
                taken[slot] = true;
                // The packing stays far below SLOTS (the tests check every key), so
                // nothing is dropped here.
                if let Some(entry) = rank.get_mut(slot) {
                    *entry = class;
                }
            }
        }
        Tables {
            flush,
            rank_sum,
            row_offsets,
            rank,
            strength_of_class,
        }
    }
}

/// Calls `visit` with every count vector from rank `rank` on (earlier ranks as given)
/// holding at most `left` more cards, at most four of a rank.
fn for_each_rank_multiset(
    counts: &mut [u8; 13],
    rank: usize,
    left: u8,
    visit: &mut impl FnMut(&[u8; 13]),
) {
    if rank == 13 {
        visit(counts);
        return;
    }
    for count in 0..=left.min(4) {
        counts[rank] = count;
        for_each_rank_multiset(counts, rank + 1, left - count, visit);
    }
    counts[rank] = 0;
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(Tables::build)
}

/// The strength computed from the suit masks alone: the rules, written out. It builds the
/// lookup tables behind [`strength`] and scores sets of more than seven cards.
fn strength_by_masks(set: CardSet) -> HandStrength {
    let [c, d, h, s] = Suit::ALL.map(|suit| u32::from(set.suit_mask(suit)));
    let ranks = c | d | h | s;

    let mut flush: Option<HandStrength> = None;
    for mask in [c, d, h, s] {
        if mask.count_ones() >= 5 {
            let candidate = match straight_top(mask) {
                Some(top) => HandStrength::new(HandCategory::StraightFlush, &[top]),
                None => HandStrength::new(HandCategory::Flush, &top_ranks::<5>(mask)),
            };
            flush = flush.max(Some(candidate));
        }
    }
    if let Some(f) = flush.filter(|f| f.category() == HandCategory::StraightFlush) {
        return f;
    }

    let quads = c & d & h & s;
    let at_least_3 = (c & d & h) | (c & d & s) | (c & h & s) | (d & h & s);
    let at_least_2 = (c & d) | (c & h) | (c & s) | (d & h) | (d & s) | (h & s);
    if quads != 0 {
        let quad = highest(quads);
        let kicker = highest(ranks & !(1 << quad));
        return HandStrength::new(HandCategory::FourOfAKind, &[quad, kicker]);
    }
    let trips = at_least_3;
    let pairs = at_least_2 & !at_least_3;
    if trips != 0 {
        let trip = highest(trips);
        // A second set of trips plays as the pair.
        let pair_candidates = (trips & !(1 << trip)) | pairs;
        if pair_candidates != 0 {
            return HandStrength::new(HandCategory::FullHouse, &[trip, highest(pair_candidates)]);
        }
    }
    if let Some(f) = flush {
        return f;
    }
    if let Some(top) = straight_top(ranks) {
        return HandStrength::new(HandCategory::Straight, &[top]);
    }
    if trips != 0 {
        let trip = highest(trips);
        let [k1, k2] = top_ranks::<2>(ranks & !(1 << trip));
        return HandStrength::new(HandCategory::ThreeOfAKind, &[trip, k1, k2]);
    }
    if pairs.count_ones() >= 2 {
        let [p1, p2] = top_ranks::<2>(pairs);
        let kicker = highest(ranks & !(1 << p1) & !(1 << p2));
        return HandStrength::new(HandCategory::TwoPair, &[p1, p2, kicker]);
    }
    if pairs != 0 {
        let pair = highest(pairs);
        let [k1, k2, k3] = top_ranks::<3>(ranks & !(1 << pair));
        return HandStrength::new(HandCategory::OnePair, &[pair, k1, k2, k3]);
    }
    HandStrength::new(HandCategory::HighCard, &top_ranks::<5>(ranks))
}

/// The top rank of the highest straight in a rank mask, the ace also playing low.
#[inline]
fn straight_top(mask: u32) -> Option<u32> {
    // Shift one place up and put the ace in bit 0, so that A-2-3-4-5 is five in a row.
    let with_low_ace = (mask << 1) | ((mask >> 12) & 1);
    let runs = with_low_ace
        & (with_low_ace >> 1)
        & (with_low_ace >> 2)
        & (with_low_ace >> 3)
        & (with_low_ace >> 4);
    // Bit p of `runs` means shifted bits p..p+4 are set: ranks p-1..p+3.
    (runs != 0).then(|| 31 - runs.leading_zeros() + 3)
}

#[inline]
fn highest(mask: u32) -> u32 {
    31 - mask.leading_zeros()
}

/// The `N` highest ranks in a mask that holds at least `N`.
#[inline]
fn top_ranks<const N: usize>(mut mask: u32) -> [u32; N] {
    let mut out = [0; N];
    for slot in &mut out {
        *slot = highest(mask | 1);
        mask &= !(1 << *slot);
    }
    out
}

/// The five cards of `set` that make `strength`.
fn best_five(set: CardSet, strength: HandStrength) -> [Card; 5] {
    let category = strength.category();
    let mut out = Vec::with_capacity(5);
    match category {
        HandCategory::Straight | HandCategory::StraightFlush => {
            let top = strength.group_rank(0).index();
            let suit = (category == HandCategory::StraightFlush)
                .then(|| flush_suit(set))
                .flatten();
            for step in 0..5u8 {
                // The wheel (top card Five) ends with the ace playing low.
                let rank = match Rank::from_index(top.wrapping_sub(step)) {
                    Some(rank) if !(top == Rank::Five.index() && step == 4) => rank,
                    _ => Rank::Ace,
                };
                let card = match suit {
                    Some(suit) => Some(Card::new(rank, suit)),
                    None => set.cards_of_rank(rank).next(),
                };
                out.extend(card);
            }
        }
        HandCategory::Flush => {
            if let Some(suit) = flush_suit(set) {
                out.extend((0..5).map(|i| Card::new(strength.group_rank(i), suit)));
            }
        }
        _ => {
            for (i, &size) in super::bits::group_sizes(category).iter().enumerate() {
                out.extend(set.cards_of_rank(strength.group_rank(i)).take(size));
            }
        }
    }
    // Every branch above yields exactly five cards for a strength computed from `set`.
    let mut five = [Card::new(Rank::Two, Suit::Clubs); 5];
    for (slot, card) in five.iter_mut().zip(out) {
        *slot = card;
    }
    five
}

/// The suit with five or more cards, preferring the one with the best flush.
fn flush_suit(set: CardSet) -> Option<Suit> {
    Suit::ALL
        .into_iter()
        .filter(|&s| set.suit_mask(s).count_ones() >= 5)
        .max_by_key(|&s| {
            let mask = u32::from(set.suit_mask(s));
            match straight_top(mask) {
                Some(top) => HandStrength::new(HandCategory::StraightFlush, &[top]),
                None => HandStrength::new(HandCategory::Flush, &top_ranks::<5>(mask)),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{format_cards, parse_cards};

    fn eval(text: &str) -> HandValue {
        evaluate(&parse_cards(text).unwrap()).unwrap()
    }

    #[test]
    fn the_example_hands() {
        let royal = eval("As Ks Qs Js Ts 2c 3d");
        assert_eq!(royal.category, HandCategory::StraightFlush);
        assert_eq!(format_cards(&royal.best_five), "As Ks Qs Js Ts");
        assert_eq!(royal.description(), "Royal Flush");

        let boat = eval("7h 7d 7c 2s 2h");
        assert_eq!(boat.category, HandCategory::FullHouse);
        assert_eq!(format_cards(&boat.best_five), "7h 7d 7c 2s 2h");
        assert_eq!(boat.description(), "Full House, Sevens full of Twos");
    }

    #[test]
    fn descriptions() {
        for (hand, description, best) in [
            (
                "As Ad Ks Kd 2c",
                "Two Pair, Aces and Kings",
                "As Ad Ks Kd 2c",
            ),
            ("5c 4d 3h 2s Ah Kd", "Straight, Five high", "5c 4d 3h 2s Ah"),
            (
                "5d 4d 3d 2d Ad Kd",
                "Straight Flush, Five high",
                "5d 4d 3d 2d Ad",
            ),
            (
                "9h 9c 9s 9d 2c 3c",
                "Four of a Kind, Nines",
                "9s 9h 9d 9c 3c",
            ),
            (
                "Qh 8h 6h 4h 2h 2c 2d",
                "Flush, Queen high",
                "Qh 8h 6h 4h 2h",
            ),
            (
                "6s 6h 6d Ks Kh Kd 2c",
                "Full House, Kings full of Sixes",
                "Ks Kh Kd 6s 6h",
            ),
            ("Js Jh 4d 8c 9c", "Pair of Jacks", "Js Jh 9c 8c 4d"),
            ("Js Th 4d 8c 2c", "High Card, Jack", "Js Th 8c 4d 2c"),
            (
                "3s 3h 3d Ac Kc",
                "Three of a Kind, Threes",
                "3s 3h 3d Ac Kc",
            ),
        ] {
            let value = eval(hand);
            assert_eq!(value.description(), description, "{hand}");
            assert_eq!(format_cards(&value.best_five), best, "{hand}");
        }
    }

    #[test]
    fn tables_agree_with_the_rules() {
        let mut rng = crate::SeededRng::new(11);
        let mut deck: Vec<Card> = Card::all().collect();
        for round in 0..50_000 {
            rng.shuffle(&mut deck);
            let count = 5 + round % 3;
            let set: CardSet = deck[..count].iter().copied().collect();
            let by_rules = strength_by_masks(set);
            assert_eq!(strength(set), by_rules, "{set}");
            let built = deck[..count]
                .iter()
                .fold(HighHand::EMPTY, |hand, &card| hand.with(card));
            assert_eq!(built.strength(), by_rules, "{set}");
            assert_eq!(HighHand::of(set), built);
        }
        // More than seven cards still score by the rules.
        let eight = CardSet::parse("As Ks Qs Js 9s 8s 7d 7c").unwrap();
        assert_eq!(strength(eight).description(), "Flush, Ace high");
    }

    /// Release mode only (`cargo test --release -p ggp-core -- exhaustive`).
    #[test]
    fn exhaustive_tables_agree_with_the_rules_on_every_seven_card_hand() {
        let cards: Vec<HighHand> = Card::all().map(HighHand::card).collect();
        let mut hands = 0u64;
        for a in 0..52 {
            for b in a + 1..52 {
                let ab = cards[a].combine(cards[b]);
                for c in b + 1..52 {
                    let abc = ab.combine(cards[c]);
                    for d in c + 1..52 {
                        let abcd = abc.combine(cards[d]);
                        for e in d + 1..52 {
                            let five = abcd.combine(cards[e]);
                            for f in e + 1..52 {
                                let six = five.combine(cards[f]);
                                for &card in &cards[f + 1..] {
                                    let seven = six.combine(card);
                                    let by_rules = strength_by_masks(seven.cards());
                                    assert_eq!(seven.strength(), by_rules, "{}", seven.cards());
                                    hands += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(hands, 133_784_560);
    }

    #[test]
    fn classes_number_the_7462_distinct_hands_in_order() {
        let tables = tables();
        let classes = &tables.strength_of_class[..];
        let last = classes.iter().rposition(|&v| v != 0).unwrap();
        assert_eq!(last, 7462);
        assert!(classes[1..=last].windows(2).all(|w| w[0] < w[1]));
        let evaluator = HighEvaluator::get();
        let weakest = HighHand::of(CardSet::parse("7c 5d 4h 3s 2c").unwrap());
        let royal = HighHand::of(CardSet::parse("As Ks Qs Js Ts").unwrap());
        assert_eq!(
            (evaluator.class(weakest), evaluator.class(royal)),
            (1, 7462)
        );
        assert_eq!(evaluator.strength_of(7462).description(), "Royal Flush");
    }

    #[test]
    fn flush_checks_on_partial_hands() {
        let four_hearts = HighHand::of(CardSet::parse("Ah 7h 4h 2h Kc").unwrap());
        assert!(four_hearts.may_flush_with(1));
        let three_hearts = HighHand::of(CardSet::parse("Ah 7h 4h 2c Kc").unwrap());
        assert!(!three_hearts.may_flush_with(1));
        assert!(three_hearts.may_flush_with(2));
        let rainbow = HighHand::of(CardSet::parse("Ah 7d 4s").unwrap());
        assert!(!rainbow.may_flush_with(3));
        assert!(rainbow.may_flush_with(4));
        let evaluator = HighEvaluator::get();
        let hand = HighHand::of(CardSet::parse("Ah Ad 7c 7s 2h Kd 9c").unwrap());
        assert_eq!(
            evaluator.class_without_flush(hand.rank_key()),
            evaluator.class(hand)
        );
    }

    #[test]
    fn rank_keys_tell_every_multiset_apart() {
        let mut sums = std::collections::HashSet::new();
        for_each_rank_multiset(&mut [0; 13], 0, 7, &mut |counts| {
            let key: u32 = counts
                .iter()
                .zip(RANK_KEYS)
                .map(|(&c, k)| u32::from(c) * k)
                .sum();
            assert!(sums.insert(key), "{counts:?}");
        });
        assert_eq!(sums.len(), 76_155);
    }

    #[test]
    fn ordering_within_categories() {
        assert!(eval("As Ad Ks Kd 2c").strength > eval("As Ad Qs Qd Jc").strength);
        assert!(eval("6c 5d 4h 3s 2s").strength > eval("5c 4d 3h 2s As").strength);
        assert_eq!(
            eval("As Ks Qs Js 9d").strength,
            eval("Ah Kh Qh Jh 9c").strength
        );
        assert!(eval("2c 2d 3h 4s 6s").strength < eval("2c 2d 3h 4s 7s").strength);
    }

    #[test]
    fn wrong_counts_and_duplicates_are_errors() {
        let four = parse_cards("As Ks Qs Js").unwrap();
        assert_eq!(
            evaluate(&four),
            Err(Error::WrongCardCount {
                what: "a high hand",
                count: 4,
                min: 5,
                max: 7
            })
        );
        let eight = parse_cards("As Ks Qs Js Ts 9s 8s 7s").unwrap();
        assert!(matches!(
            evaluate(&eight),
            Err(Error::WrongCardCount { count: 8, .. })
        ));
        let twice = parse_cards("As Ks Qs Js As").unwrap();
        assert_eq!(
            evaluate(&twice),
            Err(Error::DuplicateCard { card: twice[0] })
        );
    }
}
