//! Hand evaluation across the ABI.

use std::ffi::c_char;

use ggp_core::{HandCategory, eval::high};

use crate::boundary::{guard, out_arg, write_c_string};
use crate::cards::{cards_arg, ggp_card};
use crate::status::{ggp_error, ggp_status};

/// The category of a high hand, weakest first.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_hand_category {
    /// No pair.
    HighCard = 0,
    /// One pair.
    OnePair = 1,
    /// Two pairs.
    TwoPair = 2,
    /// Three of a kind.
    ThreeOfAKind = 3,
    /// Five ranks in sequence.
    Straight = 4,
    /// Five cards of one suit.
    Flush = 5,
    /// Three of a kind and a pair.
    FullHouse = 6,
    /// Four of a kind.
    FourOfAKind = 7,
    /// A straight in one suit.
    StraightFlush = 8,
}

impl From<HandCategory> for ggp_hand_category {
    fn from(category: HandCategory) -> ggp_hand_category {
        match category {
            HandCategory::HighCard => ggp_hand_category::HighCard,
            HandCategory::OnePair => ggp_hand_category::OnePair,
            HandCategory::TwoPair => ggp_hand_category::TwoPair,
            HandCategory::ThreeOfAKind => ggp_hand_category::ThreeOfAKind,
            HandCategory::Straight => ggp_hand_category::Straight,
            HandCategory::Flush => ggp_hand_category::Flush,
            HandCategory::FullHouse => ggp_hand_category::FullHouse,
            HandCategory::FourOfAKind => ggp_hand_category::FourOfAKind,
            HandCategory::StraightFlush => ggp_hand_category::StraightFlush,
        }
    }
}

/// Bytes in `ggp_hand_value`'s description, the terminating NUL included.
pub const GGP_DESCRIPTION_CAPACITY: usize = 64;

/// The value of a high hand.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_hand_value {
    /// The category.
    pub category: ggp_hand_category,
    /// The strength: the stronger hand has the greater value; equal hands, equal values.
    pub strength: u32,
    /// The five cards that make the hand, most significant first.
    pub best_five: [ggp_card; 5],
    /// How a commentator says it, NUL-terminated UTF-8: "Full House, Sevens full of Twos".
    pub description: [c_char; GGP_DESCRIPTION_CAPACITY],
}

/// Evaluates the best high hand of 5 to 7 distinct cards.
///
/// # Safety
/// `cards` must point to `cards_len` readable cards; `out_value` to a writable
/// `ggp_hand_value`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_evaluate(
    cards: *const ggp_card,
    cards_len: usize,
    out_value: *mut ggp_hand_value,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let cards = unsafe { cards_arg(cards, cards_len, "cards") }?;
        // SAFETY: as above.
        let out_value = unsafe { out_arg(out_value, "out_value") }?;
        let value = high::evaluate(&cards)?;
        let mut description = [0; GGP_DESCRIPTION_CAPACITY];
        write_c_string(&value.description(), &mut description);
        *out_value = ggp_hand_value {
            category: value.category.into(),
            strength: value.strength.value(),
            best_five: value.best_five.map(|c| c.index()),
            description,
        };
        Ok(())
    })
}

/// The snake_case code of a category, e.g. "full_house", or NULL for a number that is no
/// category. The string is static: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn ggp_hand_category_name(category: u32) -> *const c_char {
    const NAMES: [&std::ffi::CStr; 9] = [
        c"high_card",
        c"one_pair",
        c"two_pair",
        c"three_of_a_kind",
        c"straight",
        c"flush",
        c"full_house",
        c"four_of_a_kind",
        c"straight_flush",
    ];
    NAMES
        .get(category as usize)
        .map_or(std::ptr::null(), |name| name.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_names_match_the_core_codes() {
        for category in HandCategory::ALL {
            let name = ggp_hand_category_name(ggp_hand_category::from(category) as u32);
            // SAFETY: non-NULL static C strings.
            let name = unsafe { std::ffi::CStr::from_ptr(name) };
            assert_eq!(name.to_str().unwrap(), category.code());
        }
        assert!(ggp_hand_category_name(9).is_null());
    }
}
