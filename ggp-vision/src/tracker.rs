//! The temporal card tracker: per-frame detections in, card events out once they are
//! stable, and every doubt (a card seen twice at once, a card the game has elsewhere) as
//! its own event, never resolved by a guess.
//!
//! Deterministic: the output depends only on the detections and the frame timestamps
//! given, in order, never on the wall clock.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use ggp_core::Card;
use ggp_core::feed::{CardEvent, CardLocation, CardSource};
use ggp_core::rules::state::HandState;

use crate::detection::Detection;

/// When a card counts as present, and as gone.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackerConfig {
    /// Consecutive frames a card must be seen at one place, above `min_confidence`,
    /// before it is reported.
    pub stable_frames: u32,
    /// Detections less sure than this are ignored.
    pub min_confidence: f32,
    /// Consecutive frames a reported card must be missing before its removal is reported.
    pub absent_frames: u32,
    /// Zone names to table places; detections in a zone not named here (or in no zone)
    /// are not placed, and count only for duplicate detection. See [`zone_location`].
    pub zones: HashMap<String, CardLocation>,
}

impl Default for TrackerConfig {
    /// 5 frames to appear, 15 to disappear (at 30 fps: 1/6 s and 1/2 s), confidence 0.8,
    /// zones named as [`zone_location`] reads them.
    fn default() -> TrackerConfig {
        TrackerConfig {
            stable_frames: 5,
            min_confidence: 0.8,
            absent_frames: 15,
            zones: HashMap::new(),
        }
    }
}

/// The place a zone name stands for when the configuration does not say: `board` (or
/// `board0`, `board1`...) is a board, `seat0`, `seat1`... a player's hole cards (0-based
/// like [`CardLocation::Hole`]), `muck` the muck.
pub fn zone_location(name: &str) -> Option<CardLocation> {
    let number = |rest: &str| -> Option<usize> {
        if rest.is_empty() {
            Some(0)
        } else {
            rest.parse().ok()
        }
    };
    if name == "muck" {
        Some(CardLocation::Muck)
    } else if let Some(rest) = name.strip_prefix("board") {
        Some(CardLocation::Board {
            board: number(rest)?,
            slot: None,
        })
    } else if let Some(rest) = name.strip_prefix("seat") {
        (!rest.is_empty()).then_some(())?;
        Some(CardLocation::Hole {
            seat: number(rest)?,
            slot: None,
        })
    } else {
        None
    }
}

/// What the tracker reports.
#[derive(Debug, Clone, PartialEq)]
pub enum TrackerEvent {
    /// A card became stable at a place (stamped with the first frame of its run), or was
    /// gone long enough (stamped with the first frame it was missing from).
    Card(CardEvent),
    /// The same card was seen more than once in one frame: reported when it starts; the
    /// card's tracks stand still while it lasts.
    Duplicate {
        /// The card.
        card: Card,
        /// Every box it was seen in, `[x, y, w, h]`.
        boxes: Vec<[f32; 4]>,
        /// The zones of those boxes.
        zones: Vec<Option<String>>,
        /// The frame.
        timestamp_ns: i64,
    },
    /// A card became stable at a place, but the game has it elsewhere (on the board, in
    /// another player's hand, or dead): not reported as a card.
    Conflict {
        /// The card.
        card: Card,
        /// Where the camera sees it.
        seen: CardLocation,
        /// Where the game has it.
        held: CardLocation,
        /// The first frame of its run.
        timestamp_ns: i64,
    },
}

/// Where the game already has each card, to check sightings against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GameCards {
    places: HashMap<Card, CardLocation>,
}

impl GameCards {
    /// No cards known.
    pub fn new() -> GameCards {
        GameCards::default()
    }

    /// The cards of a hand: hole cards, boards, and dead cards (in the muck).
    pub fn from_state(state: &HandState) -> GameCards {
        let mut places = HashMap::new();
        for card in state.cards_in_play().iter() {
            places.insert(card, CardLocation::Muck);
        }
        for seat in 0..state.player_count() {
            for (slot, hole) in state.hole_cards(seat).iter().enumerate() {
                if let Some(card) = hole.card {
                    let slot = Some(slot);
                    places.insert(card, CardLocation::Hole { seat, slot });
                }
            }
        }
        for board in 0..state.board_count() {
            for (slot, card) in state.board_cards(board).into_iter().enumerate() {
                places.insert(
                    card,
                    CardLocation::Board {
                        board,
                        slot: Some(slot),
                    },
                );
            }
        }
        GameCards { places }
    }

    /// The same, with `card` at `location`.
    pub fn with(mut self, card: Card, location: CardLocation) -> GameCards {
        self.places.insert(card, location);
        self
    }

    /// Where the game has `card`.
    pub fn location(&self, card: Card) -> Option<CardLocation> {
        self.places.get(&card).copied()
    }
}

/// Whether two places are the same, ignoring a slot only one of them knows.
fn same_place(a: CardLocation, b: CardLocation) -> bool {
    match (a, b) {
        (CardLocation::Hole { seat: x, .. }, CardLocation::Hole { seat: y, .. }) => x == y,
        (CardLocation::Board { board: x, .. }, CardLocation::Board { board: y, .. }) => x == y,
        (CardLocation::Muck, CardLocation::Muck) => true,
        _ => false,
    }
}

#[derive(Debug, Clone)]
struct Track {
    first_seen_ns: i64,
    seen_frames: u32,
    missing_frames: u32,
    first_missing_ns: i64,
    reported: bool,
    conflicted: bool,
    /// The lowest confidence in the run, reported with the card.
    confidence: f32,
}

/// Follows cards over frames; see the module documentation.
#[derive(Debug, Clone)]
pub struct Tracker {
    config: TrackerConfig,
    tracks: BTreeMap<(Card, LocationKey), (CardLocation, Track)>,
    duplicated: BTreeSet<Card>,
    last_frame_ns: Option<i64>,
}

/// A sortable form of a location, so that events come out in a fixed order.
type LocationKey = (u8, usize, usize);

fn location_key(location: CardLocation) -> LocationKey {
    match location {
        CardLocation::Hole { seat, .. } => (0, seat, 0),
        CardLocation::Board { board, .. } => (1, board, 0),
        CardLocation::Muck => (2, 0, 0),
    }
}

/// A frame older than the last one given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("frame at {timestamp_ns} ns is older than the last frame, at {last_ns} ns")]
pub struct FrameOutOfOrder {
    /// The frame's timestamp.
    pub timestamp_ns: i64,
    /// The last frame's.
    pub last_ns: i64,
}

impl Tracker {
    /// A tracker with `config`.
    pub fn new(config: TrackerConfig) -> Tracker {
        Tracker {
            config,
            tracks: BTreeMap::new(),
            duplicated: BTreeSet::new(),
            last_frame_ns: None,
        }
    }

    fn place(&self, detection: &Detection) -> Option<CardLocation> {
        let zone = detection.zone.as_deref()?;
        self.config
            .zones
            .get(zone)
            .copied()
            .or_else(|| zone_location(zone))
    }

    /// Takes one frame's detections; returns what changed, in a fixed order (by card,
    /// then place). Frames must come in timestamp order.
    ///
    /// ```
    /// use ggp_vision::detection::Detection;
    /// use ggp_vision::tracker::{GameCards, Tracker, TrackerConfig, TrackerEvent};
    /// let config = TrackerConfig { stable_frames: 2, ..TrackerConfig::default() };
    /// let mut tracker = Tracker::new(config);
    /// let seen = [Detection {
    ///     card: "As".parse()?,
    ///     bbox: [0.0, 0.0, 10.0, 14.0],
    ///     confidence: 0.95,
    ///     zone: Some("board".into()),
    /// }];
    /// assert!(tracker.update(0, &seen, &GameCards::new())?.is_empty());
    /// let events = tracker.update(33_000_000, &seen, &GameCards::new())?;
    /// assert!(matches!(&events[..], [TrackerEvent::Card(e)] if e.present && e.timestamp_ns == 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn update(
        &mut self,
        timestamp_ns: i64,
        detections: &[Detection],
        game: &GameCards,
    ) -> Result<Vec<TrackerEvent>, FrameOutOfOrder> {
        if let Some(last_ns) = self.last_frame_ns.filter(|&last| timestamp_ns < last) {
            return Err(FrameOutOfOrder {
                timestamp_ns,
                last_ns,
            });
        }
        self.last_frame_ns = Some(timestamp_ns);
        let mut events = Vec::new();
        let mut by_card: BTreeMap<Card, Vec<&Detection>> = BTreeMap::new();
        for detection in detections {
            if detection.confidence >= self.config.min_confidence {
                by_card.entry(detection.card).or_default().push(detection);
            }
        }
        let mut seen: Seen = BTreeMap::new();
        for (&card, sightings) in &by_card {
            if sightings.len() > 1 {
                if self.duplicated.insert(card) {
                    events.push(TrackerEvent::Duplicate {
                        card,
                        boxes: sightings.iter().map(|d| d.bbox).collect(),
                        zones: sightings.iter().map(|d| d.zone.clone()).collect(),
                        timestamp_ns,
                    });
                }
                continue;
            }
            self.duplicated.remove(&card);
            if let Some(detection) = sightings.first() {
                if let Some(location) = self.place(detection) {
                    let key = (card, location_key(location));
                    seen.insert(key, (location, detection.confidence));
                }
            }
        }
        self.duplicated.retain(|card| by_card.contains_key(card));
        self.advance_missing(timestamp_ns, &seen, &mut events);
        self.advance_seen(timestamp_ns, &seen, game, &mut events);
        Ok(events)
    }

    /// Tracks not seen this frame: an unreported run is broken; a reported card counts
    /// towards its removal. Duplicated cards stand still.
    fn advance_missing(&mut self, timestamp_ns: i64, seen: &Seen, events: &mut Vec<TrackerEvent>) {
        let absent_frames = self.config.absent_frames.max(1);
        let duplicated = &self.duplicated;
        let mut removed = Vec::new();
        self.tracks.retain(|key, (location, track)| {
            if seen.contains_key(key) || duplicated.contains(&key.0) {
                return true;
            }
            if !track.reported {
                return false;
            }
            if track.missing_frames == 0 {
                track.first_missing_ns = timestamp_ns;
            }
            track.missing_frames += 1;
            if track.missing_frames < absent_frames {
                return true;
            }
            let at = (*location, track.first_missing_ns);
            removed.push(card_event(key.0, at, false, track.confidence));
            false
        });
        events.extend(removed);
    }

    fn advance_seen(
        &mut self,
        timestamp_ns: i64,
        seen: &Seen,
        game: &GameCards,
        events: &mut Vec<TrackerEvent>,
    ) {
        let stable_frames = self.config.stable_frames.max(1);
        for (&key, &(location, confidence)) in seen {
            let (_, track) = self.tracks.entry(key).or_insert_with(|| {
                (
                    location,
                    Track {
                        first_seen_ns: timestamp_ns,
                        seen_frames: 0,
                        missing_frames: 0,
                        first_missing_ns: timestamp_ns,
                        reported: false,
                        conflicted: false,
                        confidence,
                    },
                )
            });
            track.missing_frames = 0;
            if !track.reported {
                track.confidence = track.confidence.min(confidence);
            }
            track.seen_frames = track.seen_frames.saturating_add(1);
            if track.reported || track.conflicted || track.seen_frames < stable_frames {
                continue;
            }
            let card = key.0;
            let (first_seen_ns, confidence) = (track.first_seen_ns, track.confidence);
            if let Some(held) = game.location(card).filter(|&h| !same_place(h, location)) {
                track.conflicted = true;
                events.push(TrackerEvent::Conflict {
                    card,
                    seen: location,
                    held,
                    timestamp_ns: first_seen_ns,
                });
                continue;
            }
            track.reported = true;
            // The card is stable here and was not seen anywhere else in these frames, so
            // it moved: its old place is reported gone first.
            let moved_from: Vec<_> = self
                .tracks
                .iter()
                .filter(|((c, k), (_, t))| *c == card && *k != key.1 && t.reported)
                .map(|(k, (l, t))| (*k, *l, t.confidence))
                .collect();
            for (old_key, old_location, old_confidence) in moved_from {
                self.tracks.remove(&old_key);
                let at = (old_location, first_seen_ns);
                events.push(card_event(card, at, false, old_confidence));
            }
            events.push(card_event(
                card,
                (location, first_seen_ns),
                true,
                confidence,
            ));
        }
    }
}

/// One frame's placed sightings: card and place to (place, confidence).
type Seen = BTreeMap<(Card, LocationKey), (CardLocation, f32)>;

fn card_event(
    card: Card,
    (location, timestamp_ns): (CardLocation, i64),
    present: bool,
    confidence: f32,
) -> TrackerEvent {
    TrackerEvent::Card(CardEvent {
        timestamp_ns,
        card,
        location,
        present,
        source: CardSource::Vision,
        confidence,
    })
}
