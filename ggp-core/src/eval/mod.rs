//! Hand evaluation.
//!
//! Each hand type a showdown needs has one evaluator here. So far: [`high`], the standard
//! high hand from 5 to 7 cards.

pub mod high;

// TEMPORARY (rules branch only): replaced by the evaluators branch at merge.
#[allow(missing_docs)]
mod shim {
    use crate::card::Card;
    use crate::card_set::CardSet;
    use crate::error::{Error, Result};

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
    pub enum ShortDeckRules {
        Triton,
        Standard,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
    pub enum HandType {
        StandardHigh,
        ShortDeckHigh(ShortDeckRules),
        AceToFiveLow,
        EightOrBetterLow,
        DeuceToSevenLow,
        AceToFiveBadugi,
        DeuceToSevenBadugi,
        OmahaHigh,
        OmahaEightOrBetterLow,
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Ranked {
        pub strength: u32,
    }

    pub fn evaluate(hand_type: HandType, hole: &[Card], board: &[Card]) -> Result<Option<Ranked>> {
        let cards: Vec<Card> = hole.iter().chain(board).copied().collect();
        match hand_type {
            HandType::StandardHigh if cards.len() >= 5 => {
                let set = CardSet::from_distinct(&cards)?;
                Ok(Some(Ranked {
                    strength: super::high::strength(set).value(),
                }))
            }
            _ => Err(Error::WrongCardCount {
                what: "shim",
                count: cards.len(),
                min: 5,
                max: 7,
            }),
        }
    }
}
pub use shim::{HandType, Ranked, ShortDeckRules, evaluate};
