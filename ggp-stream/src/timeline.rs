//! The game on the video's clock: hands with timestamped events, and the views they give
//! at any instant.
//!
//! Events carry nanoseconds on the video's timeline (a live source maps its own clock onto
//! it before pushing). The state at time `t` is the hand that started last at or before
//! `t`, with every action stamped at or before `t`: graphics for an event therefore appear
//! on the first frame at or after its timestamp. Hole cards read by RFID or vision arrive
//! as card events and are only merged into the program's view, with the cards known by
//! the time the frame leaves the delay (`known_until_ns`): a hole card entered late still
//! shows from the start of the hand in the delayed output. The live view is built from the
//! actions alone and redacted by ggp-core before it leaves this module.

use ggp_core::equity::live::EquityOptions;
use ggp_core::feed::{ActionEvent, CardEvent, CardLocation, FeedEvent};
use ggp_core::phh::PhhHand;
use ggp_core::rules::{Action, Hand, HandConfig, Pending};
use ggp_core::view::{PublicTableView, TableInfo, TableView};

use crate::StreamError;

/// One hand laid on the video: its configuration, when it starts and its events.
#[derive(Debug, Clone)]
pub struct HandScript {
    /// The rules configuration.
    pub config: HandConfig,
    /// Names, hand number, button.
    pub table: TableInfo,
    /// When the hand appears, in nanoseconds on the video's timeline.
    pub start_ns: i64,
    /// Actions and cards, in any order (they are sorted by time).
    pub events: Vec<FeedEvent>,
}

impl HandScript {
    /// A hand with no events yet.
    pub fn new(config: HandConfig, table: TableInfo, start_ns: i64) -> Self {
        HandScript {
            config,
            table,
            start_ns,
            events: Vec::new(),
        }
    }

    /// A hand played in the engine (`actions` as `Hand::actions` gives them) laid on the
    /// video from `start_ns`, at the same pace as [`HandScript::from_phh`]. Returns the
    /// script and when its last step is.
    pub fn from_actions(
        config: HandConfig,
        actions: &[Action],
        table: TableInfo,
        start_ns: i64,
        pace_ns: i64,
    ) -> (Self, i64) {
        let mut script = HandScript::new(config, table, start_ns);
        let mut time_ns = start_ns;
        let mut dealing = true;
        for action in actions {
            let hole_deal = matches!(action, Action::DealHole { .. });
            if !(dealing && hole_deal) {
                time_ns += pace_ns;
            }
            dealing = hole_deal;
            script.events.push(FeedEvent::Action(ActionEvent {
                timestamp_ns: time_ns,
                action: action.clone(),
            }));
        }
        (script, time_ns)
    }

    /// A hand history laid on the video from `start_ns`, one step every `pace_ns`: the
    /// hole-card deals of the first round together, then each action (a board deal, a bet,
    /// a show) its own step. A showdown the file leaves out is completed as PHH replay
    /// does (players who can win show). Returns the script and when its last step is.
    pub fn from_phh(
        phh: &PhhHand,
        table: TableInfo,
        start_ns: i64,
        pace_ns: i64,
    ) -> Result<(Self, i64), StreamError> {
        let invalid = |error: ggp_core::Error| StreamError::InvalidConfig {
            target: "hand history".into(),
            reason: error.to_string(),
        };
        let config = phh.to_config().map_err(invalid)?;
        let mut hand = Hand::new(config.clone()).map_err(invalid)?;
        let mut script = HandScript::new(config, table, start_ns);
        let mut time_ns = start_ns;
        let mut dealing = true;
        let mut push = |hand: &mut Hand, action: Action, time_ns: i64| {
            hand.apply(action.clone()).map_err(invalid)?;
            script.events.push(FeedEvent::Action(ActionEvent {
                timestamp_ns: time_ns,
                action,
            }));
            Ok::<(), StreamError>(())
        };
        for phh_action in &phh.actions {
            while let Pending::SelectRunoutCount { player } = hand.state().pending() {
                push(
                    &mut hand,
                    Action::SelectRunoutCount { player, count: 1 },
                    time_ns,
                )?;
            }
            let Some(action) = PhhHand::engine_action(&hand, &phh_action.kind).map_err(invalid)?
            else {
                continue;
            };
            let hole_deal = matches!(action, Action::DealHole { .. });
            if !(dealing && hole_deal) {
                time_ns += pace_ns;
            }
            dealing = hole_deal;
            push(&mut hand, action, time_ns)?;
        }
        loop {
            let action = match hand.state().pending() {
                Pending::SelectRunoutCount { player } => {
                    Action::SelectRunoutCount { player, count: 1 }
                }
                Pending::ShowOrMuck { player } => {
                    let state = hand.state();
                    let shows = state.default_show(player);
                    Action::ShowOrMuck {
                        player,
                        cards: shows
                            .then(|| state.hole_cards(player).iter().map(|h| h.card).collect()),
                    }
                }
                _ => break,
            };
            time_ns += pace_ns;
            push(&mut hand, action, time_ns)?;
        }
        Ok((script, time_ns))
    }
}

/// A cached view and what it was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ViewKey {
    hand: usize,
    actions: usize,
    hole_cards: usize,
}

/// The hands of a session and the views they give over time.
#[derive(Debug)]
pub struct Timeline {
    hands: Vec<HandScript>,
    equity: Option<EquityOptions>,
    /// Per hand, the most actions refused by one replay (a hand is replayed on every
    /// change, so refusals are not summed across replays).
    rejected_actions: Vec<u64>,
    public_cache: Option<(ViewKey, Option<PublicTableView>)>,
    program_cache: Option<(ViewKey, Option<TableView>)>,
}

impl Timeline {
    /// A timeline of `hands`; the program view carries equity computed with `equity`
    /// (`None`: no equity).
    pub fn new(hands: Vec<HandScript>, equity: Option<EquityOptions>) -> Self {
        let mut timeline = Timeline {
            hands: Vec::new(),
            equity,
            rejected_actions: Vec::new(),
            public_cache: None,
            program_cache: None,
        };
        for hand in hands {
            timeline.push_hand(hand);
        }
        timeline
    }

    /// Adds a hand (e.g. when a live dealer starts one).
    pub fn push_hand(&mut self, mut hand: HandScript) {
        hand.events.sort_by_key(FeedEvent::timestamp_ns);
        let at = self.hands.partition_point(|h| h.start_ns <= hand.start_ns);
        self.hands.insert(at, hand);
        self.rejected_actions.insert(at, 0);
        self.public_cache = None;
        self.program_cache = None;
    }

    /// Adds an event to the hand running at its timestamp; `false` when no hand was.
    pub fn push_event(&mut self, event: FeedEvent) -> bool {
        let Some(index) = self.hand_index_at(event.timestamp_ns()) else {
            return false;
        };
        let events = &mut self.hands[index].events;
        let at = events.partition_point(|e| e.timestamp_ns() <= event.timestamp_ns());
        events.insert(at, event);
        self.public_cache = None;
        self.program_cache = None;
        true
    }

    /// Actions the rules refused (skipped, and counted here).
    pub fn rejected_actions(&self) -> u64 {
        self.rejected_actions.iter().sum()
    }

    /// When the last event of the last hand happens (`None` without hands).
    pub fn end_ns(&self) -> Option<i64> {
        self.hands
            .iter()
            .map(|h| {
                h.events
                    .last()
                    .map_or(h.start_ns, |e| e.timestamp_ns().max(h.start_ns))
            })
            .max()
    }

    fn hand_index_at(&self, time_ns: i64) -> Option<usize> {
        let after = self.hands.partition_point(|h| h.start_ns <= time_ns);
        after.checked_sub(1)
    }

    fn key(&self, time_ns: i64, known_until_ns: i64) -> Option<ViewKey> {
        let hand = self.hand_index_at(time_ns)?;
        let events = &self.hands[hand].events;
        let actions = events
            .iter()
            .filter(|e| matches!(e, FeedEvent::Action(a) if a.timestamp_ns <= time_ns))
            .count();
        let hole_cards = events
            .iter()
            .filter(|e| matches!(e, FeedEvent::Card(c) if c.timestamp_ns <= known_until_ns))
            .count();
        Some(ViewKey {
            hand,
            actions,
            hole_cards,
        })
    }

    /// The hand `index` after its actions stamped at or before `time_ns`.
    fn hand_at(&mut self, index: usize, time_ns: i64) -> Result<Hand, StreamError> {
        let script = &self.hands[index];
        let mut hand =
            Hand::new(script.config.clone()).map_err(|e| StreamError::InvalidConfig {
                target: format!("hand {}", script.table.hand_number),
                reason: e.to_string(),
            })?;
        let mut rejected = 0;
        for event in &script.events {
            if let FeedEvent::Action(action) = event
                && action.timestamp_ns <= time_ns
                && hand.apply(action.action.clone()).is_err()
            {
                rejected += 1;
            }
        }
        if let Some(count) = self.rejected_actions.get_mut(index) {
            *count = (*count).max(rejected);
        }
        Ok(hand)
    }

    /// The public view at `time_ns`: what the live output may show.
    pub fn public_view_at(&mut self, time_ns: i64) -> Result<Option<PublicTableView>, StreamError> {
        let key = self.key(time_ns, i64::MIN);
        if let (Some((cached, view)), Some(key)) = (&self.public_cache, &key)
            && cached == key
        {
            return Ok(view.clone());
        }
        let Some(key) = key else {
            return Ok(None);
        };
        let hand = self.hand_at(key.hand, time_ns)?;
        // The full view lives only inside this call; only its redaction leaves.
        let view = Some(TableView::of(&hand, &self.hands[key.hand].table).to_public());
        self.public_cache = Some((key, view.clone()));
        Ok(view)
    }

    /// The full view at `time_ns` with every hole card known by `known_until_ns`, and the
    /// equity: what the program output shows once the frame at `time_ns` is released.
    pub fn program_view_at(
        &mut self,
        time_ns: i64,
        known_until_ns: i64,
    ) -> Result<Option<TableView>, StreamError> {
        let key = self.key(time_ns, known_until_ns);
        if let (Some((cached, view)), Some(key)) = (&self.program_cache, &key)
            && cached == key
        {
            return Ok(view.clone());
        }
        let Some(key) = key else {
            return Ok(None);
        };
        let hand = self.hand_at(key.hand, time_ns)?;
        let script = &self.hands[key.hand];
        let mut view = TableView::of(&hand, &script.table);
        for event in &script.events {
            if let FeedEvent::Card(card) = event
                && card.timestamp_ns <= known_until_ns
            {
                merge_hole_card(&mut view, card);
            }
        }
        if let Some(options) = &self.equity {
            // A view the equity engine cannot take (a card twice after a misread) keeps
            // its cards and simply shows no equity.
            if view.fill_equity(options).is_err() {
                for seat in &mut view.seats {
                    seat.equity = None;
                }
            }
        }
        let view = Some(view);
        self.program_cache = Some((key, view.clone()));
        Ok(view)
    }
}

/// Puts a hole card read by a reader into the view where the hand has none.
fn merge_hole_card(view: &mut TableView, event: &CardEvent) {
    let CardLocation::Hole { seat, slot } = event.location else {
        return;
    };
    if !event.present {
        return;
    }
    let Some(seat) = view.seats.get_mut(seat) else {
        return;
    };
    if seat.hole_cards.contains(&Some(event.card)) {
        return;
    }
    let target = match slot {
        Some(slot) => seat.hole_cards.get_mut(slot).filter(|c| c.is_none()),
        None => seat.hole_cards.iter_mut().find(|c| c.is_none()),
    };
    if let Some(target) = target {
        *target = Some(event.card);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ggp_core::Card;
    use ggp_core::feed::CardSource;

    const SECOND: i64 = 1_000_000_000;

    fn phh(actions: &str) -> PhhHand {
        let text = format!(
            "variant = 'NT'\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\nmin_bet = 2\n\
             starting_stacks = [200, 200]\nactions = [{actions}]\n"
        );
        PhhHand::parse(&text).expect("parses")
    }

    fn card(text: &str) -> Card {
        Card::parse(text).expect("card")
    }

    #[test]
    fn an_action_shows_from_its_timestamp_on() {
        let hand = phh("'d dh p1 AhKh', 'd dh p2 QsQd', 'p2 cbr 6', 'p1 f'");
        let (script, end) =
            HandScript::from_phh(&hand, TableInfo::default(), SECOND, SECOND).expect("script");
        assert_eq!(end, 3 * SECOND, "deals at 1 s, raise at 2 s, fold at 3 s");
        let mut timeline = Timeline::new(vec![script], None);
        assert!(timeline.public_view_at(SECOND - 1).expect("view").is_none());
        let before = timeline.public_view_at(2 * SECOND - 1).expect("view");
        let at = timeline.public_view_at(2 * SECOND).expect("view");
        assert_eq!(before.expect("hand").total_pot, ggp_core::Chips::from(3));
        assert_eq!(at.expect("hand").total_pot, ggp_core::Chips::from(8));
    }

    #[test]
    fn an_action_the_rules_refuse_is_skipped_and_counted_once() {
        let hand = phh("'d dh p1 AhKh', 'd dh p2 QsQd'");
        let (mut script, _) =
            HandScript::from_phh(&hand, TableInfo::default(), 0, SECOND).expect("script");
        // p1 may not act first preflop here: refused, the hand goes on without it.
        script.events.push(FeedEvent::Action(ActionEvent {
            timestamp_ns: SECOND,
            action: Action::BetOrRaiseTo {
                player: 0,
                amount: ggp_core::Chips::from(6),
            },
        }));
        let mut timeline = Timeline::new(vec![script], None);
        for t in [SECOND, 2 * SECOND, 3 * SECOND] {
            let view = timeline.public_view_at(t).expect("view").expect("hand");
            assert_eq!(view.total_pot, ggp_core::Chips::from(3));
            timeline.program_view_at(t, t).expect("view");
        }
        assert_eq!(timeline.rejected_actions(), 1);
    }

    #[test]
    fn late_hole_cards_reach_the_program_view_from_the_start_only_after_the_delay() {
        let hand = phh("'d dh p1 ????', 'd dh p2 ????', 'p2 cc', 'p1 cc'");
        let (script, _) =
            HandScript::from_phh(&hand, TableInfo::default(), 0, SECOND).expect("script");
        let mut timeline = Timeline::new(vec![script], None);
        // The reader reports p1's cards 5 s into the hand.
        for (slot, text) in ["Ah", "Kh"].into_iter().enumerate() {
            assert!(timeline.push_event(FeedEvent::Card(CardEvent {
                timestamp_ns: 5 * SECOND,
                card: card(text),
                location: CardLocation::Hole {
                    seat: 0,
                    slot: Some(slot),
                },
                present: true,
                source: CardSource::Rfid,
                confidence: 1.0,
            })));
        }
        // A frame at 1 s released with a 10 s delay knows the cards...
        let delayed = timeline
            .program_view_at(SECOND, 11 * SECOND)
            .expect("view")
            .expect("hand");
        assert_eq!(
            delayed.seats[0].hole_cards,
            vec![Some(card("Ah")), Some(card("Kh"))]
        );
        // ... without a delay it does not, and the live view never does.
        let undelayed = timeline
            .program_view_at(SECOND, SECOND)
            .expect("view")
            .expect("hand");
        assert_eq!(undelayed.seats[0].hole_cards, vec![None, None]);
        assert_eq!(timeline.rejected_actions(), 0);
        let live = timeline
            .public_view_at(10 * SECOND)
            .expect("view")
            .expect("hand");
        let json = serde_json::to_string(&live).expect("json");
        assert!(!json.contains("Ah") && !json.contains("Kh"), "{json}");
    }
}
