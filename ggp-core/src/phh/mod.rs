//! PHH, the Poker Hand History file format (Kim et al., published with pokerkit), as
//! data: reading and writing `.phh` files (one hand) and `.phhs` files (many hands).
//!
//! A PHH file is TOML with fixed field names: the variant code, the forced bets and
//! stacks, the actions in a small notation (`d dh p1 AsKs`, `p2 cbr 200`), and optional
//! facts about the event, venue, players and time. This module reads every field into
//! typed values ([`PhhHand`], [`PhhAction`]) and writes them back in the layout pokerkit
//! writes, so that a file pokerkit wrote reads and writes back to the same text.
//! Amounts are [`Chips`] read from the number's text: `10112.5` and `0.25`
//! are exact, and `0.50` is written back as `0.50`.
//!
//! Nothing here plays the hand: whether the actions are legal, and what the pots and
//! stacks become, is the rules engine's work. Reading checks the format only: TOML
//! syntax, field types, the fields the variant requires, the variant code, the action
//! grammar, cards outside the variant's deck, and amounts that cannot be negative or
//! that no exact decimal holds. It does not check that per-player arrays are as long
//! as `starting_stacks` (pokerkit pads and cuts them) nor that a card is dealt once.
//!
//! ```
//! use ggp_core::{Chips, phh::{PhhActionKind, PhhHand, PhhVariant}};
//! let text = "\
//! variant = 'NT'
//! antes = [0, 0]
//! blinds_or_straddles = [0.25, 0.50]
//! min_bet = 0.50
//! starting_stacks = [10112.5, 50]
//! actions = ['d dh p1 AsKs', 'd dh p2 ????', 'p2 cbr 1.50', 'p1 f']";
//! let hand = PhhHand::parse(text)?;
//! assert_eq!(hand.variant, PhhVariant::NoLimitTexasHoldem);
//! assert_eq!(hand.starting_stacks[0].chips(), Some("10112.5".parse::<Chips>()?));
//! assert_eq!(
//!     hand.actions[2].kind,
//!     PhhActionKind::CompleteBetOrRaiseTo { player_idx: 1, amount: "1.5".parse()? }
//! );
//! assert_eq!(hand.to_phh_string(), text);
//! # Ok::<(), ggp_core::Error>(())
//! ```

mod action;
mod error;
mod number;
mod read;
mod replay;
mod value;
mod variant;
mod write;

use crate::chips::Chips;
use crate::error::Result;

pub use action::{PhhAction, PhhActionKind, PhhCard, PhhShowdown};
pub use error::{PhhError, PhhLocation, PhhProblem};
pub use replay::UNKNOWN_STACK;
pub use value::{PhhLabel, PhhStack, PhhTime, PhhTimeLimit, PhhValue};
pub use variant::{PhhBetting, PhhField, PhhVariant};

use rust_decimal::Decimal;

/// One hand history: every field of the PHH specification, typed.
///
/// Per-player arrays (`antes`, `starting_stacks`, `players`, ...) list the players in
/// the specification's order: in button games the small blind first and the button
/// last. Fields that a file leaves out are `None` (or empty, for the user-defined
/// fields); reading does not fill in defaults, so that what is written back is what was
/// read.
///
/// ```
/// use ggp_core::{Chips, phh::{PhhAction, PhhHand, PhhStack, PhhVariant}};
/// let mut hand = PhhHand::new(PhhVariant::FixedLimitRazz);
/// hand.antes = vec![Chips::from(1); 2];
/// hand.bring_in = Some(Chips::from(1));
/// hand.small_bet = Some(Chips::from(2));
/// hand.big_bet = Some(Chips::from(4));
/// hand.starting_stacks = vec![PhhStack::Chips(Chips::from(100)); 2];
/// hand.actions = vec!["d dh p1 Ac2d3h".parse()?, "d dh p2 ????Kc".parse()?, "p2 pb".parse()?];
/// hand.players = Some(vec!["Alice".into(), "Bob".into()]);
/// let text = hand.to_phh_string();
/// assert!(text.starts_with("variant = 'FR'\nantes = [1, 1]\nbring_in = 1\n"));
/// assert_eq!(PhhHand::parse(&text)?, hand);
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhhHand {
    /// `variant`: which game.
    pub variant: PhhVariant,
    /// `ante_trimming_status`: whether a player who cannot pay the full ante can win only
    /// in proportion to what they paid. Absent means `false`.
    pub ante_trimming_status: Option<bool>,
    /// `antes`: each player's ante.
    pub antes: Vec<Chips>,
    /// `blinds_or_straddles`: each player's blind or straddle (button games).
    ///
    /// The specification allows only non-negative values, but pokerkit's converters write
    /// a negative value for a blind posted out of position (a post that does not change
    /// who acts first), so negatives are kept as they are.
    pub blinds_or_straddles: Option<Vec<Chips>>,
    /// `bring_in`: the bring-in (stud games).
    pub bring_in: Option<Chips>,
    /// `small_bet`: the bet of the early rounds (fixed-limit games).
    pub small_bet: Option<Chips>,
    /// `big_bet`: the bet of the late rounds (fixed-limit games).
    pub big_bet: Option<Chips>,
    /// `min_bet`: the minimum bet (no-limit and pot-limit games).
    pub min_bet: Option<Chips>,
    /// `starting_stacks`: each player's stack before the hand.
    pub starting_stacks: Vec<PhhStack>,
    /// `actions`: what happened, in order.
    pub actions: Vec<PhhAction>,
    /// `author`: who wrote the hand history.
    pub author: Option<String>,
    /// `event`: the event's name.
    pub event: Option<String>,
    /// `url`: a URL for the event or its organizer.
    pub url: Option<String>,
    /// `venue`: where the hand was played (a casino, an online room).
    pub venue: Option<String>,
    /// `address`: the venue's street address.
    pub address: Option<String>,
    /// `city`: the venue's city.
    pub city: Option<String>,
    /// `region`: the venue's region, state or province.
    pub region: Option<String>,
    /// `postal_code`: the venue's postal code.
    pub postal_code: Option<String>,
    /// `country`: the venue's country.
    pub country: Option<String>,
    /// `time`: the local time the hand began.
    pub time: Option<PhhTime>,
    /// `time_zone`: the IANA time zone of `time`, e.g. `America/Toronto`.
    pub time_zone: Option<String>,
    /// `time_zone_abbreviation`: the abbreviation of the time zone, e.g. `EDT`.
    pub time_zone_abbreviation: Option<String>,
    /// `day`: the day of the month.
    pub day: Option<i64>,
    /// `month`: the month, 1 for January.
    pub month: Option<i64>,
    /// `year`: the year.
    pub year: Option<i64>,
    /// `hand`: the hand's number or name.
    pub hand: Option<PhhLabel>,
    /// `level`: the tournament level.
    pub level: Option<i64>,
    /// `seats`: each player's seat number.
    pub seats: Option<Vec<i64>>,
    /// `seat_count`: how many seats the table has (possibly more than players).
    pub seat_count: Option<i64>,
    /// `table`: the table's number or name.
    pub table: Option<PhhLabel>,
    /// `players`: each player's name; an empty string for an anonymous player.
    pub players: Option<Vec<String>>,
    /// `finishing_stacks`: each player's stack after the actions.
    pub finishing_stacks: Option<Vec<PhhStack>>,
    /// `winnings`: what each player collected, after rake.
    pub winnings: Option<Vec<Chips>>,
    /// `currency`: the ISO 4217 code of the currency the amounts are in.
    pub currency: Option<String>,
    /// `currency_symbol`: the currency's symbol, e.g. `$`.
    pub currency_symbol: Option<String>,
    /// `time_limit`: the time allowed per action.
    pub time_limit: Option<PhhTimeLimit>,
    /// `time_banks`: each player's time bank at the start of the hand, in seconds, exact
    /// as written.
    pub time_banks: Option<Vec<Decimal>>,
    /// Every other field, in the order read: user-defined fields (whose names start with
    /// `_`) and fields this version does not know, which the specification tells readers
    /// to keep going past. They are written back after the known fields.
    pub user_defined_fields: Vec<(String, PhhValue)>,
}

impl PhhHand {
    /// A hand of this variant with no players, no actions and no optional fields.
    pub fn new(variant: PhhVariant) -> PhhHand {
        PhhHand {
            variant,
            ante_trimming_status: None,
            antes: Vec::new(),
            blinds_or_straddles: None,
            bring_in: None,
            small_bet: None,
            big_bet: None,
            min_bet: None,
            starting_stacks: Vec::new(),
            actions: Vec::new(),
            author: None,
            event: None,
            url: None,
            venue: None,
            address: None,
            city: None,
            region: None,
            postal_code: None,
            country: None,
            time: None,
            time_zone: None,
            time_zone_abbreviation: None,
            day: None,
            month: None,
            year: None,
            hand: None,
            level: None,
            seats: None,
            seat_count: None,
            table: None,
            players: None,
            finishing_stacks: None,
            winnings: None,
            currency: None,
            currency_symbol: None,
            time_limit: None,
            time_banks: None,
            user_defined_fields: Vec::new(),
        }
    }

    /// Reads one hand from the text of a `.phh` file.
    ///
    /// A file that is not one hand fails with [`crate::Error::HandHistory`], whose
    /// [`PhhError`] names the field, the action or element, and the line.
    ///
    /// ```
    /// use ggp_core::{Error, phh::{PhhHand, PhhProblem}};
    /// let text = "variant = 'NT'\nantes = [0, 0]\nblinds_or_straddles = [1, 2]\n\
    ///             min_bet = 2\nstarting_stacks = [200, -5]\nactions = []\n";
    /// let Err(Error::HandHistory(err)) = PhhHand::parse(text) else { panic!() };
    /// assert_eq!(err.location.field.as_deref(), Some("starting_stacks"));
    /// assert_eq!(err.location.position, Some(2));
    /// assert_eq!(err.location.line, Some(5));
    /// assert!(matches!(err.problem, PhhProblem::InvalidAmount { .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid PHH hand history at field `starting_stacks`, element 2, line 5: \
    ///      invalid amount -5: a stack cannot be negative"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<PhhHand> {
        Ok(read::parse_hand(text)?)
    }

    /// The hand as `.phh` text, in pokerkit's layout: one `key = value` line per field in
    /// the specification's order, then the user-defined fields; strings in single quotes;
    /// arrays on one line; amounts with their decimal places as read; no final newline.
    pub fn to_phh_string(&self) -> String {
        write::write_hand(self)
    }

    /// The fields the variant requires that the hand lacks; empty when it can be written
    /// as a valid file. (The writer writes what the hand holds; reading a file written
    /// from a hand that lacks a required field fails.)
    ///
    /// ```
    /// use ggp_core::{Chips, phh::{PhhField, PhhHand, PhhVariant}};
    /// let mut hand = PhhHand::new(PhhVariant::NoLimitTexasHoldem);
    /// assert_eq!(hand.missing_fields(), [PhhField::BlindsOrStraddles, PhhField::MinBet]);
    /// hand.blinds_or_straddles = Some(vec![Chips::from(1), Chips::from(2)]);
    /// hand.min_bet = Some(Chips::from(2));
    /// assert!(hand.missing_fields().is_empty());
    /// ```
    pub fn missing_fields(&self) -> Vec<PhhField> {
        let present = |field: PhhField| match field {
            PhhField::BlindsOrStraddles => self.blinds_or_straddles.is_some(),
            PhhField::BringIn => self.bring_in.is_some(),
            PhhField::SmallBet => self.small_bet.is_some(),
            PhhField::BigBet => self.big_bet.is_some(),
            PhhField::MinBet => self.min_bet.is_some(),
            // Variant, antes, starting stacks and actions are always there.
            _ => true,
        };
        self.variant
            .required_fields()
            .iter()
            .copied()
            .filter(|&field| !present(field))
            .collect()
    }

    /// The number of players: the length of `starting_stacks`.
    pub fn player_count(&self) -> usize {
        self.starting_stacks.len()
    }

    /// The value of a user-defined field, by its full name (with the `_`).
    pub fn user_defined_field(&self, name: &str) -> Option<&PhhValue> {
        self.user_defined_fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }
}

impl std::str::FromStr for PhhHand {
    type Err = crate::Error;
    fn from_str(text: &str) -> Result<PhhHand> {
        PhhHand::parse(text)
    }
}

/// One hand of a `.phhs` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhhsEntry {
    /// The hand's 1-based position in the file.
    pub index: usize,
    /// The name of its table header: `1` for `[1]`.
    pub name: String,
    /// The hand.
    pub hand: PhhHand,
}

/// Reads every hand of a `.phhs` file: TOML with one table per hand (`[1]`, `[2]`, ...),
/// in file order.
///
/// An error names the hand by its 1-based position ([`PhhLocation::hand_index`]).
///
/// ```
/// use ggp_core::phh::{parse_phhs, to_phhs_string};
/// let text = "\
/// [1]
/// variant = 'FT'
/// antes = [0, 0]
/// blinds_or_straddles = [1, 2]
/// small_bet = 2
/// big_bet = 4
/// starting_stacks = [100, 100]
/// actions = ['d dh p1 ????', 'd dh p2 ????', 'p2 f']
///
/// [2]
/// variant = 'FT'
/// antes = [0, 0]
/// blinds_or_straddles = [1, 2]
/// small_bet = 2
/// big_bet = 4
/// starting_stacks = [99, 101]
/// actions = ['d dh p1 ????', 'd dh p2 ????', 'p2 cc', 'p1 cc']";
/// let entries = parse_phhs(text)?;
/// assert_eq!(entries.len(), 2);
/// assert_eq!((entries[1].index, entries[1].name.as_str()), (2, "2"));
/// assert_eq!(to_phhs_string(entries.iter().map(|entry| &entry.hand)), text);
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn parse_phhs(text: &str) -> Result<Vec<PhhsEntry>> {
    Ok(read::parse_phhs(text)?)
}

/// Writes hands as a `.phhs` file, as pokerkit does: each hand under a header numbering
/// it from `[1]`, hands separated by a blank line, no final newline.
pub fn to_phhs_string<'a>(hands: impl IntoIterator<Item = &'a PhhHand>) -> String {
    write::write_phhs(hands)
}
