//! Deck registration: which tag is sewn into which card, learned by reading a deck in a
//! known order, and kept as a small text file.
//!
//! The file has one `TAG CARD` pair a line (`E280689400004013F2A1B2C3 As`); blank lines
//! and lines starting with `#` are ignored. Several decks may be registered at once (a
//! table rotates decks): then one card has several tags.

use std::collections::{BTreeMap, HashMap};

use ggp_core::Card;

use super::error::RfidError;
use super::message::TagId;

/// Tag ids to cards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeckRegistry {
    cards: BTreeMap<TagId, Card>,
}

impl DeckRegistry {
    /// An empty registry.
    pub fn new() -> DeckRegistry {
        DeckRegistry::default()
    }

    /// Registers `tag` as `card`. A tag already registered as another card is refused: a
    /// tag stands for one card, whatever deck it is in.
    pub fn register(&mut self, tag: TagId, card: Card) -> Result<(), RfidError> {
        match self.cards.get(&tag) {
            Some(&known) if known != card => Err(RfidError::TagRegistered {
                tag: tag.to_string(),
                known,
                card,
            }),
            _ => {
                self.cards.insert(tag, card);
                Ok(())
            }
        }
    }

    /// The card a tag stands for.
    pub fn card(&self, tag: &TagId) -> Option<Card> {
        self.cards.get(tag).copied()
    }

    /// The tags registered for `card` (one per registered deck that has it).
    pub fn tags_of(&self, card: Card) -> Vec<&TagId> {
        self.cards
            .iter()
            .filter(|(_, c)| **c == card)
            .map(|(tag, _)| tag)
            .collect()
    }

    /// How many tags are registered.
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    /// Whether no tag is registered.
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// The registry as a deck file, sorted by tag.
    pub fn to_file_string(&self) -> String {
        let mut out = String::from("# GGP-GFX RFID deck: tag card\n");
        for (tag, card) in &self.cards {
            out.push_str(&format!("{tag} {card}\n"));
        }
        out
    }

    /// Writes the deck file at `path`.
    pub fn save(&self, path: &std::path::Path) -> Result<(), RfidError> {
        std::fs::write(path, self.to_file_string()).map_err(|source| RfidError::File {
            path: path.display().to_string(),
            source,
        })
    }

    /// Reads the deck file at `path`.
    pub fn load(path: &std::path::Path) -> Result<DeckRegistry, RfidError> {
        let text = std::fs::read_to_string(path).map_err(|source| RfidError::File {
            path: path.display().to_string(),
            source,
        })?;
        DeckRegistry::parse(&text)
    }

    /// Reads a deck file; an error names the line.
    ///
    /// ```
    /// use ggp_vision::rfid::DeckRegistry;
    /// let deck = DeckRegistry::parse("# two cards\nAABB0001 As\naabb0002 Kd\n")?;
    /// assert_eq!(deck.len(), 2);
    /// assert_eq!(DeckRegistry::parse(&deck.to_file_string())?, deck);
    /// # Ok::<(), ggp_vision::rfid::RfidError>(())
    /// ```
    pub fn parse(text: &str) -> Result<DeckRegistry, RfidError> {
        let mut registry = DeckRegistry::new();
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |reason: String| RfidError::DeckFile {
                line: line_no,
                reason,
            };
            let mut fields = line.split_whitespace();
            let (Some(tag), Some(card), None) = (fields.next(), fields.next(), fields.next())
            else {
                return Err(fail(format!("expected `TAG CARD`, found {line:?}")));
            };
            let tag = TagId::parse(tag)
                .ok_or_else(|| fail(format!("{tag:?} is not a tag id (4 to 64 hex digits)")))?;
            let card = card
                .parse::<Card>()
                .map_err(|error| fail(format!("{card:?} is not a card: {error}")))?;
            registry
                .register(tag, card)
                .map_err(|error| fail(error.to_string()))?;
        }
        Ok(registry)
    }
}

/// Learns a deck by reading its cards one by one in a known order: the first new tag read
/// is the order's first card, and so on. Reading a tag again changes nothing, so a card
/// lingering on the antenna is harmless.
#[derive(Debug, Clone)]
pub struct DeckLearner {
    order: Vec<Card>,
    learned: Vec<TagId>,
    seen: HashMap<TagId, Card>,
}

impl DeckLearner {
    /// Learns the cards of `order`, in that order.
    pub fn new(order: Vec<Card>) -> DeckLearner {
        DeckLearner {
            order,
            learned: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// Reads a tag: returns the card it was registered as (the same one on a repeat), or
    /// `None` once every card of the order has a tag.
    pub fn read(&mut self, tag: &TagId) -> Option<Card> {
        if let Some(&card) = self.seen.get(tag) {
            return Some(card);
        }
        let card = *self.order.get(self.learned.len())?;
        self.learned.push(tag.clone());
        self.seen.insert(tag.clone(), card);
        Some(card)
    }

    /// The card the next new tag will be registered as.
    pub fn next_card(&self) -> Option<Card> {
        self.order.get(self.learned.len()).copied()
    }

    /// Whether every card has its tag.
    pub fn is_complete(&self) -> bool {
        self.learned.len() == self.order.len()
    }

    /// The registry learned so far.
    pub fn registry(&self) -> DeckRegistry {
        DeckRegistry {
            cards: self.seen.iter().map(|(t, c)| (t.clone(), *c)).collect(),
        }
    }
}
