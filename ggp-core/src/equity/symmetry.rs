//! Suit symmetry: deals that differ only by a renaming of suits have the same equity.
//!
//! Every evaluator is blind to which suit is which, so renaming the suits of a whole
//! situation (every hand, the board, the dead cards) changes no result. The renamings
//! that leave the known cards where they are (each known hand, the board and the dead
//! cards mapped onto themselves) therefore map each deal of the random hands onto a deal
//! with the same tally. Exact enumeration with random hands enumerates one deal of each
//! class and counts it as many times as the class has deals: against one random hand
//! preflop, a hero of two suits leaves two of the 24 renamings and a suited hero six, so
//! the 1,225 deals shrink to 757 or 367 (Burnside's count: the deals each renaming
//! fixes, averaged over the renamings).

use std::collections::HashMap;

use crate::card_set::CardSet;

/// The suit renamings that map each of a list of card sets onto itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SuitSymmetry {
    /// Each renaming as the new suit of each suit (clubs first); the identity first.
    renamings: Vec<[usize; 4]>,
}

impl SuitSymmetry {
    /// The renamings that leave every set in `fixed` as it is.
    pub(super) fn fixing(fixed: &[CardSet]) -> SuitSymmetry {
        let mut renamings = Vec::new();
        for a in 0..4 {
            for b in 0..4 {
                for c in 0..4 {
                    for d in 0..4 {
                        let renaming = [a, b, c, d];
                        let is_permutation = (0..4).all(|s| renaming.contains(&s));
                        if is_permutation && fixed.iter().all(|&set| rename(set, renaming) == set) {
                            renamings.push(renaming);
                        }
                    }
                }
            }
        }
        // [0, 1, 2, 3] comes first in this order and fixes everything.
        SuitSymmetry { renamings }
    }

    /// The renaming that changes nothing, alone: every deal its own class.
    pub(super) fn identity() -> SuitSymmetry {
        SuitSymmetry {
            renamings: vec![[0, 1, 2, 3]],
        }
    }

    /// How many renamings there are (1 when the known cards break every symmetry).
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.renamings.len()
    }

    /// One deal of each class, with the number of deals in its class, in the order each
    /// class first appears in `deals`.
    pub(super) fn classes(&self, deals: Vec<Vec<CardSet>>) -> Vec<(Vec<CardSet>, u64)> {
        if self.renamings.len() <= 1 {
            return deals.into_iter().map(|deal| (deal, 1)).collect();
        }
        let mut index_of: HashMap<Vec<u64>, usize> = HashMap::new();
        let mut classes: Vec<(Vec<CardSet>, u64)> = Vec::new();
        for deal in deals {
            // The class's name: the least of its renamed deals, as raw bits.
            let canonical = self
                .renamings
                .iter()
                .map(|&renaming| {
                    deal.iter()
                        .map(|&hand| rename(hand, renaming).bits())
                        .collect::<Vec<u64>>()
                })
                .min()
                .unwrap_or_default();
            match index_of.get(&canonical) {
                Some(&index) => {
                    if let Some(class) = classes.get_mut(index) {
                        class.1 += 1;
                    }
                }
                None => {
                    index_of.insert(canonical, classes.len());
                    classes.push((deal, 1));
                }
            }
        }
        classes
    }
}

/// The set with each suit `s` renamed `renaming[s]`.
fn rename(set: CardSet, renaming: [usize; 4]) -> CardSet {
    let bits = set.bits();
    let renamed = (0..4).fold(0u64, |out, suit| {
        let lane = (bits >> (16 * suit)) & 0xFFFF;
        out | lane << (16 * (renaming[suit] & 3))
    });
    CardSet::from_bits(renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> CardSet {
        CardSet::parse(text).unwrap()
    }

    #[test]
    fn renamings_that_fix_the_known_cards() {
        assert_eq!(SuitSymmetry::fixing(&[]).len(), 24);
        assert_eq!(SuitSymmetry::fixing(&[set("Ah Kh")]).len(), 6);
        assert_eq!(SuitSymmetry::fixing(&[set("Ah Kd")]).len(), 2);
        // A pair of two suits is fixed by swapping them too.
        assert_eq!(SuitSymmetry::fixing(&[set("Ah Ad")]).len(), 4);
        assert_eq!(SuitSymmetry::fixing(&[set("Ah Kd"), set("2c")]).len(), 1);
        assert_eq!(
            rename(set("Ah 2c"), [3, 2, 1, 0]),
            set("Ad 2s"),
            "clubs become spades, hearts diamonds"
        );
    }

    #[test]
    fn classes_count_every_deal_once() {
        let symmetry = SuitSymmetry::fixing(&[set("Ah Kh")]);
        let unseen: Vec<_> = (CardSet::FULL - set("Ah Kh")).iter().collect();
        let mut deals = Vec::new();
        for (i, &a) in unseen.iter().enumerate() {
            for &b in &unseen[i + 1..] {
                deals.push(vec![CardSet::EMPTY.with(a).with(b)]);
            }
        }
        let classes = symmetry.classes(deals);
        assert_eq!(classes.iter().map(|c| c.1).sum::<u64>(), 1225);
        // (1,225 + 3 x 289 + 2 x 55) / 6: the identity, three swaps of two suits, two
        // cycles of three.
        assert_eq!(classes.len(), 367);
        // Each class holds as many deals as renamings of its representative differ.
        for (deal, count) in &classes {
            let mut images: Vec<u64> = symmetry
                .renamings
                .iter()
                .map(|&r| rename(deal[0], r).bits())
                .collect();
            images.sort_unstable();
            images.dedup();
            assert_eq!(images.len() as u64, *count, "{}", deal[0]);
        }
    }
}
