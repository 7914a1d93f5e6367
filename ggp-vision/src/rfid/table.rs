//! From authenticated tag messages to card events: antenna mapping, and duplicate and
//! dead-card detection. Anything that is not a clean card event is reported as its own
//! event, never resolved by a guess.

use std::collections::{BTreeMap, HashMap, HashSet};

use ggp_core::Card;
use ggp_core::feed::{CardEvent, CardLocation, CardSource};

use super::deck::DeckRegistry;
use super::error::RfidError;
use super::message::{Message, TagId, TagState};

/// Which table place each antenna of each reader watches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AntennaMap {
    places: HashMap<(String, u16), CardLocation>,
}

impl AntennaMap {
    /// An empty map.
    pub fn new() -> AntennaMap {
        AntennaMap::default()
    }

    /// The same map with `reader`'s `antenna` watching `location`.
    pub fn with(mut self, reader: &str, antenna: u16, location: CardLocation) -> AntennaMap {
        self.places.insert((reader.to_owned(), antenna), location);
        self
    }

    /// Where an antenna is.
    pub fn location(&self, reader: &str, antenna: u16) -> Option<CardLocation> {
        self.places.get(&(reader.to_owned(), antenna)).copied()
    }

    /// Every antenna and its place.
    pub fn antennas(&self) -> impl Iterator<Item = (&str, u16, CardLocation)> {
        self.places
            .iter()
            .map(|((reader, antenna), location)| (reader.as_str(), *antenna, *location))
    }

    /// The map as a file: one `READER ANTENNA PLACE` a line, the place written as
    /// `CardLocation` writes it (`player 1 hole card 2`, `board 1 card 3`, `the muck`;
    /// counted from 1), sorted by reader and antenna.
    pub fn to_file_string(&self) -> String {
        let mut rows: Vec<_> = self.antennas().collect();
        rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut out = String::from("# GGP-GFX RFID antennas: reader antenna place\n");
        for (reader, antenna, location) in rows {
            out.push_str(&format!("{reader} {antenna} {location}\n"));
        }
        out
    }

    /// Reads an antenna file (see [`AntennaMap::to_file_string`]; `#` starts a comment
    /// line); an error names the line.
    ///
    /// ```
    /// use ggp_core::feed::CardLocation;
    /// use ggp_vision::rfid::AntennaMap;
    /// let map = AntennaMap::parse("r1 1 player 1 hole card 1\nr1 9 the muck\n")?;
    /// assert_eq!(map.location("r1", 9), Some(CardLocation::Muck));
    /// assert_eq!(AntennaMap::parse(&map.to_file_string())?, map);
    /// # Ok::<(), ggp_vision::rfid::RfidError>(())
    /// ```
    pub fn parse(text: &str) -> Result<AntennaMap, RfidError> {
        let mut map = AntennaMap::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |reason: String| RfidError::ConfigFile {
                line: index + 1,
                reason,
            };
            let mut fields = line.splitn(3, char::is_whitespace);
            let (Some(reader), Some(antenna), Some(place)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(fail(format!(
                    "expected `READER ANTENNA PLACE`, found {line:?}"
                )));
            };
            let antenna = antenna
                .parse::<u16>()
                .map_err(|_| fail(format!("antenna {antenna:?} is not 0 to 65535")))?;
            let location = place
                .trim()
                .parse::<CardLocation>()
                .map_err(|error| fail(error.to_string()))?;
            if let Some(known) = map.location(reader, antenna) {
                return Err(fail(format!(
                    "antenna {antenna} of {reader} is already at {known}"
                )));
            }
            map = map.with(reader, antenna, location);
        }
        Ok(map)
    }
}

/// What the table's readers saw, after mapping.
#[derive(Debug, Clone, PartialEq)]
pub enum RfidEvent {
    /// A card arrived at or left a place: feed it to the hand.
    Card(CardEvent),
    /// A tag no registered deck has.
    UnknownTag {
        /// The reader.
        reader: String,
        /// The antenna.
        antenna: u16,
        /// The tag.
        tag: TagId,
        /// When, in ns on the reader's clock.
        timestamp_ns: i64,
    },
    /// An antenna the map does not place.
    UnmappedAntenna {
        /// The reader.
        reader: String,
        /// The antenna.
        antenna: u16,
        /// When, in ns on the reader's clock.
        timestamp_ns: i64,
    },
    /// Two tags for one card are on the table at once (two decks mixed, or a marked card).
    DuplicateCard {
        /// The card.
        card: Card,
        /// Where the first tag is.
        first: CardLocation,
        /// Where the second tag was just read.
        second: CardLocation,
        /// When, in ns on the reader's clock.
        timestamp_ns: i64,
    },
    /// One tag read at two places at once (antennas that overlap, or a card between them).
    CardAtTwoPlaces {
        /// The card.
        card: Card,
        /// Where it already was.
        first: CardLocation,
        /// Where it was also read.
        second: CardLocation,
        /// When, in ns on the reader's clock.
        timestamp_ns: i64,
    },
    /// A card that went to the muck this hand came back into play.
    DeadCard {
        /// The card.
        card: Card,
        /// Where it was read.
        location: CardLocation,
        /// When, in ns on the reader's clock.
        timestamp_ns: i64,
    },
}

/// Follows which tags are at which antennas and turns tag messages into [`RfidEvent`]s.
#[derive(Debug, Clone)]
pub struct RfidTable {
    deck: DeckRegistry,
    antennas: AntennaMap,
    /// For each tag read now, the places reading it, in the order they started.
    present: BTreeMap<TagId, Vec<CardLocation>>,
    dead: HashSet<Card>,
}

impl RfidTable {
    /// A table with a registered deck and its antennas.
    pub fn new(deck: DeckRegistry, antennas: AntennaMap) -> RfidTable {
        RfidTable {
            deck,
            antennas,
            present: BTreeMap::new(),
            dead: HashSet::new(),
        }
    }

    /// A new hand: the deck was gathered and shuffled, no card is dead any more.
    pub fn new_hand(&mut self) {
        self.dead.clear();
    }

    /// Marks a card dead (folded, as the game state says), so that it is reported if it
    /// is read again at a seat or on the board.
    pub fn mark_dead(&mut self, card: Card) {
        self.dead.insert(card);
    }

    /// The events one authenticated message gives (none for a heartbeat or a repeat).
    pub fn handle(&mut self, message: &Message) -> Vec<RfidEvent> {
        let Message::Tag {
            header,
            antenna,
            tag,
            state,
        } = message
        else {
            return Vec::new();
        };
        let timestamp_ns = i64::try_from(header.timestamp_ms)
            .unwrap_or(i64::MAX)
            .saturating_mul(1_000_000);
        let Some(location) = self.antennas.location(&header.reader, *antenna) else {
            return vec![RfidEvent::UnmappedAntenna {
                reader: header.reader.clone(),
                antenna: *antenna,
                timestamp_ns,
            }];
        };
        let Some(card) = self.deck.card(tag) else {
            return vec![RfidEvent::UnknownTag {
                reader: header.reader.clone(),
                antenna: *antenna,
                tag: tag.clone(),
                timestamp_ns,
            }];
        };
        let card_event = |present| {
            RfidEvent::Card(CardEvent {
                timestamp_ns,
                card,
                location,
                present,
                source: CardSource::Rfid,
                confidence: 1.0,
            })
        };
        match state {
            TagState::Off => {
                let Some(places) = self.present.get_mut(tag) else {
                    return Vec::new();
                };
                let Some(index) = places.iter().position(|&p| p == location) else {
                    return Vec::new();
                };
                places.remove(index);
                if places.is_empty() {
                    self.present.remove(tag);
                }
                vec![card_event(false)]
            }
            TagState::On => {
                let places = self.present.get(tag).cloned().unwrap_or_default();
                if places.contains(&location) {
                    return Vec::new();
                }
                self.present.entry(tag.clone()).or_default().push(location);
                if location == CardLocation::Muck {
                    // A card swept into the muck may still be read at its old place for a
                    // moment; going to the muck is never a conflict.
                    self.dead.insert(card);
                    return vec![card_event(true)];
                }
                if let Some(&first) = places.iter().find(|&&p| p != CardLocation::Muck) {
                    return vec![RfidEvent::CardAtTwoPlaces {
                        card,
                        first,
                        second: location,
                        timestamp_ns,
                    }];
                }
                if self.dead.contains(&card) {
                    return vec![RfidEvent::DeadCard {
                        card,
                        location,
                        timestamp_ns,
                    }];
                }
                let twin = self.present.iter().find_map(|(other, places)| {
                    let first = places.first().copied()?;
                    (other != tag && self.deck.card(other) == Some(card)).then_some(first)
                });
                if let Some(first) = twin {
                    return vec![RfidEvent::DuplicateCard {
                        card,
                        first,
                        second: location,
                        timestamp_ns,
                    }];
                }
                vec![card_event(true)]
            }
        }
    }
}
