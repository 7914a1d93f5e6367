//! The variant codes and fields of the PHH format, and which fields each variant needs.

use std::fmt;
use std::str::FromStr;

use crate::deck::DeckKind;
use crate::error::{Error, Result};

/// A field of the PHH format: every required and optional field of the specification,
/// in the order pokerkit writes them.
///
/// Fields a file has that are not listed here (user-defined fields, whose names start
/// with `_`, and fields of later versions of the format) are kept in
/// [`PhhHand::user_defined_fields`](crate::phh::PhhHand::user_defined_fields).
///
/// ```
/// use ggp_core::phh::PhhField;
/// assert_eq!(PhhField::StartingStacks.name(), "starting_stacks");
/// assert_eq!(PhhField::from_name("min_bet"), Some(PhhField::MinBet));
/// assert_eq!(PhhField::from_name("_sponsor"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PhhField {
    /// `variant`: the variant code.
    Variant,
    /// `ante_trimming_status`: whether a short-stacked player's ante limits what they can win.
    AnteTrimmingStatus,
    /// `antes`: one ante per player.
    Antes,
    /// `blinds_or_straddles`: one blind or straddle per player (button games).
    BlindsOrStraddles,
    /// `bring_in`: the bring-in (stud games).
    BringIn,
    /// `small_bet`: the bet of the early rounds (fixed-limit games).
    SmallBet,
    /// `big_bet`: the bet of the late rounds (fixed-limit games).
    BigBet,
    /// `min_bet`: the minimum bet (no-limit and pot-limit games).
    MinBet,
    /// `starting_stacks`: one stack per player.
    StartingStacks,
    /// `actions`: the action notations, in order.
    Actions,
    /// `author`: who wrote the hand history.
    Author,
    /// `event`: the event's name.
    Event,
    /// `url`: a URL for the event or organizer.
    Url,
    /// `venue`: where the hand was played.
    Venue,
    /// `address`: the venue's street address.
    Address,
    /// `city`: the venue's city.
    City,
    /// `region`: the venue's region, state or province.
    Region,
    /// `postal_code`: the venue's postal code.
    PostalCode,
    /// `country`: the venue's country.
    Country,
    /// `time`: the local time the hand began.
    Time,
    /// `time_zone`: an IANA time zone such as `America/Toronto`.
    TimeZone,
    /// `day`: the day of the month.
    Day,
    /// `month`: the month, 1 for January.
    Month,
    /// `year`: the year.
    Year,
    /// `hand`: the hand's name or number.
    Hand,
    /// `level`: the tournament level.
    Level,
    /// `seats`: each player's seat number.
    Seats,
    /// `seat_count`: how many seats the table has.
    SeatCount,
    /// `table`: the table's name or number.
    Table,
    /// `players`: each player's name.
    Players,
    /// `finishing_stacks`: each player's stack after the actions.
    FinishingStacks,
    /// `winnings`: what each player collected.
    Winnings,
    /// `currency`: an ISO 4217 currency code.
    Currency,
    /// `currency_symbol`: a currency symbol such as `$`.
    CurrencySymbol,
    /// `time_limit`: seconds allowed per action.
    TimeLimit,
    /// `time_banks`: each player's time bank at the start of the hand, in seconds.
    TimeBanks,
    /// `time_zone_abbreviation`: a time zone abbreviation such as `EDT`.
    ///
    /// Last because pokerkit 0.7 does not know this field (the specification added it
    /// in version 0.0.1) and writes it after the others, with the user-defined fields.
    TimeZoneAbbreviation,
}

impl PhhField {
    /// Every field, in the order pokerkit writes them.
    pub const ALL: [PhhField; 37] = [
        PhhField::Variant,
        PhhField::AnteTrimmingStatus,
        PhhField::Antes,
        PhhField::BlindsOrStraddles,
        PhhField::BringIn,
        PhhField::SmallBet,
        PhhField::BigBet,
        PhhField::MinBet,
        PhhField::StartingStacks,
        PhhField::Actions,
        PhhField::Author,
        PhhField::Event,
        PhhField::Url,
        PhhField::Venue,
        PhhField::Address,
        PhhField::City,
        PhhField::Region,
        PhhField::PostalCode,
        PhhField::Country,
        PhhField::Time,
        PhhField::TimeZone,
        PhhField::Day,
        PhhField::Month,
        PhhField::Year,
        PhhField::Hand,
        PhhField::Level,
        PhhField::Seats,
        PhhField::SeatCount,
        PhhField::Table,
        PhhField::Players,
        PhhField::FinishingStacks,
        PhhField::Winnings,
        PhhField::Currency,
        PhhField::CurrencySymbol,
        PhhField::TimeLimit,
        PhhField::TimeBanks,
        PhhField::TimeZoneAbbreviation,
    ];

    /// The field's key in a PHH file, e.g. `"starting_stacks"`.
    pub const fn name(self) -> &'static str {
        match self {
            PhhField::Variant => "variant",
            PhhField::AnteTrimmingStatus => "ante_trimming_status",
            PhhField::Antes => "antes",
            PhhField::BlindsOrStraddles => "blinds_or_straddles",
            PhhField::BringIn => "bring_in",
            PhhField::SmallBet => "small_bet",
            PhhField::BigBet => "big_bet",
            PhhField::MinBet => "min_bet",
            PhhField::StartingStacks => "starting_stacks",
            PhhField::Actions => "actions",
            PhhField::Author => "author",
            PhhField::Event => "event",
            PhhField::Url => "url",
            PhhField::Venue => "venue",
            PhhField::Address => "address",
            PhhField::City => "city",
            PhhField::Region => "region",
            PhhField::PostalCode => "postal_code",
            PhhField::Country => "country",
            PhhField::Time => "time",
            PhhField::TimeZone => "time_zone",
            PhhField::Day => "day",
            PhhField::Month => "month",
            PhhField::Year => "year",
            PhhField::Hand => "hand",
            PhhField::Level => "level",
            PhhField::Seats => "seats",
            PhhField::SeatCount => "seat_count",
            PhhField::Table => "table",
            PhhField::Players => "players",
            PhhField::FinishingStacks => "finishing_stacks",
            PhhField::Winnings => "winnings",
            PhhField::Currency => "currency",
            PhhField::CurrencySymbol => "currency_symbol",
            PhhField::TimeLimit => "time_limit",
            PhhField::TimeBanks => "time_banks",
            PhhField::TimeZoneAbbreviation => "time_zone_abbreviation",
        }
    }

    /// The field with this key, if the specification defines one.
    pub fn from_name(name: &str) -> Option<PhhField> {
        PhhField::ALL.into_iter().find(|field| field.name() == name)
    }
}

impl fmt::Display for PhhField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How bets are sized in a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhhBetting {
    /// Bets and raises of exactly the small bet, then the big bet.
    FixedLimit,
    /// Raises up to the size of the pot.
    PotLimit,
    /// Raises up to the whole stack.
    NoLimit,
}

/// The variants of the PHH format: the codes pokerkit 0.7 reads and writes (the
/// specification's table of variant codes).
///
/// Only the data layer lives here; the rules engine maps each code to its own variant
/// definition.
///
/// ```
/// use ggp_core::phh::{PhhField, PhhVariant};
/// let variant: PhhVariant = "F7S/8".parse()?;
/// assert_eq!(variant, PhhVariant::FixedLimitSevenCardStudHighLowSplitEightOrBetter);
/// assert_eq!(variant.name(), "Fixed-limit seven card stud high/low-split eight or better");
/// assert!(variant.required_fields().contains(&PhhField::BringIn));
/// assert_eq!(PhhVariant::NoLimitTexasHoldem.code(), "NT");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PhhVariant {
    /// `FT`: fixed-limit Texas hold 'em.
    FixedLimitTexasHoldem,
    /// `NT`: no-limit Texas hold 'em.
    NoLimitTexasHoldem,
    /// `NS`: no-limit short-deck hold 'em.
    NoLimitShortDeckHoldem,
    /// `PO`: pot-limit Omaha hold 'em.
    PotLimitOmahaHoldem,
    /// `FO/8`: fixed-limit Omaha hold 'em high/low-split eight or better.
    FixedLimitOmahaHoldemHighLowSplitEightOrBetter,
    /// `F7S`: fixed-limit seven card stud.
    FixedLimitSevenCardStud,
    /// `F7S/8`: fixed-limit seven card stud high/low-split eight or better.
    FixedLimitSevenCardStudHighLowSplitEightOrBetter,
    /// `FR`: fixed-limit razz.
    FixedLimitRazz,
    /// `N2L1D`: no-limit deuce-to-seven lowball single draw.
    NoLimitDeuceToSevenLowballSingleDraw,
    /// `F2L3D`: fixed-limit deuce-to-seven lowball triple draw.
    FixedLimitDeuceToSevenLowballTripleDraw,
    /// `FB`: fixed-limit badugi.
    FixedLimitBadugi,
    /// A GGP-GFX extension: a variant of the engine's registry that the PHH
    /// specification has no code for (`PO5`, `NP`, `PC/8`, `FBD`, ...), by its code.
    Extension(&'static str),
}

const CODES_EXPECTED: &str = "FT, NT, NS, PO, FO/8, F7S, F7S/8, FR, N2L1D, F2L3D, FB";

const BUTTON_FIXED_LIMIT: &[PhhField] = &[
    PhhField::Variant,
    PhhField::Antes,
    PhhField::BlindsOrStraddles,
    PhhField::SmallBet,
    PhhField::BigBet,
    PhhField::StartingStacks,
    PhhField::Actions,
];

const BUTTON_MIN_BET: &[PhhField] = &[
    PhhField::Variant,
    PhhField::Antes,
    PhhField::BlindsOrStraddles,
    PhhField::MinBet,
    PhhField::StartingStacks,
    PhhField::Actions,
];

const STUD_FIXED_LIMIT: &[PhhField] = &[
    PhhField::Variant,
    PhhField::Antes,
    PhhField::BringIn,
    PhhField::SmallBet,
    PhhField::BigBet,
    PhhField::StartingStacks,
    PhhField::Actions,
];

impl PhhVariant {
    /// Every variant, in the order of the specification's table.
    pub const ALL: [PhhVariant; 11] = [
        PhhVariant::FixedLimitTexasHoldem,
        PhhVariant::NoLimitTexasHoldem,
        PhhVariant::NoLimitShortDeckHoldem,
        PhhVariant::PotLimitOmahaHoldem,
        PhhVariant::FixedLimitOmahaHoldemHighLowSplitEightOrBetter,
        PhhVariant::FixedLimitSevenCardStud,
        PhhVariant::FixedLimitSevenCardStudHighLowSplitEightOrBetter,
        PhhVariant::FixedLimitRazz,
        PhhVariant::NoLimitDeuceToSevenLowballSingleDraw,
        PhhVariant::FixedLimitDeuceToSevenLowballTripleDraw,
        PhhVariant::FixedLimitBadugi,
    ];

    /// The code written in the `variant` field, e.g. `"FO/8"`.
    pub const fn code(self) -> &'static str {
        match self {
            PhhVariant::FixedLimitTexasHoldem => "FT",
            PhhVariant::NoLimitTexasHoldem => "NT",
            PhhVariant::NoLimitShortDeckHoldem => "NS",
            PhhVariant::PotLimitOmahaHoldem => "PO",
            PhhVariant::FixedLimitOmahaHoldemHighLowSplitEightOrBetter => "FO/8",
            PhhVariant::FixedLimitSevenCardStud => "F7S",
            PhhVariant::FixedLimitSevenCardStudHighLowSplitEightOrBetter => "F7S/8",
            PhhVariant::FixedLimitRazz => "FR",
            PhhVariant::NoLimitDeuceToSevenLowballSingleDraw => "N2L1D",
            PhhVariant::FixedLimitDeuceToSevenLowballTripleDraw => "F2L3D",
            PhhVariant::FixedLimitBadugi => "FB",
            PhhVariant::Extension(code) => code,
        }
    }

    /// The English name, as the specification gives it.
    pub const fn name(self) -> &'static str {
        match self {
            PhhVariant::FixedLimitTexasHoldem => "Fixed-limit Texas hold 'em",
            PhhVariant::NoLimitTexasHoldem => "No-limit Texas hold 'em",
            PhhVariant::NoLimitShortDeckHoldem => "No-limit short-deck hold 'em",
            PhhVariant::PotLimitOmahaHoldem => "Pot-limit Omaha hold 'em",
            PhhVariant::FixedLimitOmahaHoldemHighLowSplitEightOrBetter => {
                "Fixed-limit Omaha hold 'em high/low-split eight or better"
            }
            PhhVariant::FixedLimitSevenCardStud => "Fixed-limit seven card stud",
            PhhVariant::FixedLimitSevenCardStudHighLowSplitEightOrBetter => {
                "Fixed-limit seven card stud high/low-split eight or better"
            }
            PhhVariant::FixedLimitRazz => "Fixed-limit razz",
            PhhVariant::NoLimitDeuceToSevenLowballSingleDraw => {
                "No-limit deuce-to-seven lowball single draw"
            }
            PhhVariant::FixedLimitDeuceToSevenLowballTripleDraw => {
                "Fixed-limit deuce-to-seven lowball triple draw"
            }
            PhhVariant::FixedLimitBadugi => "Fixed-limit badugi",
            PhhVariant::Extension(code) => code,
        }
    }

    /// The engine's definition of an extension code.
    fn extension(code: &str) -> Option<&'static crate::rules::Variant> {
        crate::rules::registry()
            .iter()
            .map(|v| &**v)
            .find(|v| v.code == code)
    }

    /// The variant with this code (exact, case-sensitive, as pokerkit reads it): one of
    /// the specification's, or an extension code of the engine's registry.
    pub fn from_code(code: &str) -> Option<PhhVariant> {
        PhhVariant::ALL
            .into_iter()
            .find(|variant| variant.code() == code)
            .or_else(|| PhhVariant::extension(code).map(|v| PhhVariant::Extension(v.code.as_str())))
    }

    /// The fields a hand of this variant must have, in writing order.
    pub fn required_fields(self) -> &'static [PhhField] {
        match self {
            PhhVariant::Extension(code) => match PhhVariant::extension(code) {
                Some(v) if v.uses_bring_in() => STUD_FIXED_LIMIT,
                Some(v) if v.betting == crate::rules::BettingStructure::FixedLimit => {
                    BUTTON_FIXED_LIMIT
                }
                _ => BUTTON_MIN_BET,
            },
            PhhVariant::FixedLimitTexasHoldem
            | PhhVariant::FixedLimitOmahaHoldemHighLowSplitEightOrBetter
            | PhhVariant::FixedLimitDeuceToSevenLowballTripleDraw
            | PhhVariant::FixedLimitBadugi => BUTTON_FIXED_LIMIT,
            PhhVariant::NoLimitTexasHoldem
            | PhhVariant::NoLimitShortDeckHoldem
            | PhhVariant::PotLimitOmahaHoldem
            | PhhVariant::NoLimitDeuceToSevenLowballSingleDraw => BUTTON_MIN_BET,
            PhhVariant::FixedLimitSevenCardStud
            | PhhVariant::FixedLimitSevenCardStudHighLowSplitEightOrBetter
            | PhhVariant::FixedLimitRazz => STUD_FIXED_LIMIT,
        }
    }

    /// Whether a hand of this variant must have `field`.
    pub fn requires(self, field: PhhField) -> bool {
        self.required_fields().contains(&field)
    }

    /// How bets are sized.
    pub fn betting(self) -> PhhBetting {
        match self {
            PhhVariant::Extension(code) => match PhhVariant::extension(code).map(|v| v.betting) {
                Some(crate::rules::BettingStructure::NoLimit) => PhhBetting::NoLimit,
                Some(crate::rules::BettingStructure::PotLimit) => PhhBetting::PotLimit,
                _ => PhhBetting::FixedLimit,
            },
            PhhVariant::NoLimitTexasHoldem
            | PhhVariant::NoLimitShortDeckHoldem
            | PhhVariant::NoLimitDeuceToSevenLowballSingleDraw => PhhBetting::NoLimit,
            PhhVariant::PotLimitOmahaHoldem => PhhBetting::PotLimit,
            _ => PhhBetting::FixedLimit,
        }
    }

    /// The deck the variant deals from: the short deck (Six to Ace) for short-deck
    /// hold 'em, the standard deck for the others.
    pub fn deck(self) -> DeckKind {
        match self {
            PhhVariant::Extension(code) => {
                PhhVariant::extension(code).map_or(DeckKind::Standard, |v| v.deck)
            }
            PhhVariant::NoLimitShortDeckHoldem => DeckKind::Short,
            _ => DeckKind::Standard,
        }
    }

    /// Whether the forced bet is a bring-in (stud games) rather than blinds.
    pub fn has_bring_in(self) -> bool {
        match self {
            PhhVariant::Extension(code) => {
                PhhVariant::extension(code).is_some_and(|v| v.uses_bring_in())
            }
            other => matches!(
                other,
                PhhVariant::FixedLimitSevenCardStud
                    | PhhVariant::FixedLimitSevenCardStudHighLowSplitEightOrBetter
                    | PhhVariant::FixedLimitRazz
            ),
        }
    }
}

impl fmt::Display for PhhVariant {
    /// The code, e.g. `NT`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for PhhVariant {
    type Err = Error;
    fn from_str(code: &str) -> Result<PhhVariant> {
        PhhVariant::from_code(code).ok_or_else(|| Error::UnknownName {
            what: "PHH variant code",
            name: code.to_owned(),
            expected: CODES_EXPECTED,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_distinct() {
        for variant in PhhVariant::ALL {
            assert_eq!(PhhVariant::from_code(variant.code()), Some(variant));
            assert!(CODES_EXPECTED.contains(variant.code()));
        }
        assert_eq!(PhhVariant::from_code("nt"), None);
        assert!(matches!(
            "NLHE".parse::<PhhVariant>(),
            Err(Error::UnknownName { name, .. }) if name == "NLHE"
        ));
    }

    #[test]
    fn required_fields_follow_the_specification_table() {
        for variant in PhhVariant::ALL {
            let required = variant.required_fields();
            for always in [
                PhhField::Variant,
                PhhField::Antes,
                PhhField::StartingStacks,
                PhhField::Actions,
            ] {
                assert!(required.contains(&always), "{variant} {always}");
            }
            assert_ne!(
                variant.requires(PhhField::BringIn),
                variant.requires(PhhField::BlindsOrStraddles),
                "{variant}"
            );
            assert_eq!(variant.has_bring_in(), variant.requires(PhhField::BringIn));
            let fixed = variant.betting() == PhhBetting::FixedLimit;
            assert_eq!(fixed, variant.requires(PhhField::SmallBet), "{variant}");
            assert_eq!(fixed, variant.requires(PhhField::BigBet), "{variant}");
            assert_eq!(!fixed, variant.requires(PhhField::MinBet), "{variant}");
            let short = variant == PhhVariant::NoLimitShortDeckHoldem;
            assert_eq!(variant.deck() == DeckKind::Short, short, "{variant}");
        }
    }

    #[test]
    fn field_names_round_trip() {
        for field in PhhField::ALL {
            assert_eq!(PhhField::from_name(field.name()), Some(field));
        }
    }
}
