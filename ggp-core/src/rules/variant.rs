//! Variants as data: the deck, the streets (cards dealt, draws, who opens, bet sizes),
//! the hand types a showdown compares and the betting structure.
//!
//! A new variant is a new [`Variant`] value, not new code. The registry holds every
//! variant a televised table plays, found by its PHH code or a readable name.

use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::deck::DeckKind;
use crate::error::{Error, Result};
use crate::eval::HandType;

/// How much a player may bet or raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BettingStructure {
    /// Any amount up to the whole stack.
    NoLimit,
    /// Up to the size of the pot after calling.
    PotLimit,
    /// Exactly the street's bet size, with a cap on the number of raises.
    FixedLimit,
}

impl BettingStructure {
    /// The stable name.
    pub const fn code(self) -> &'static str {
        match self {
            BettingStructure::NoLimit => "no_limit",
            BettingStructure::PotLimit => "pot_limit",
            BettingStructure::FixedLimit => "fixed_limit",
        }
    }
}

/// Who acts first on a street.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opening {
    /// By position: the player after the largest blind or straddle, or the first player
    /// (left of the button) once the blinds are in the pot.
    Position,
    /// The lowest up card, aces high, suits breaking ties (stud's bring-in).
    LowCard,
    /// The highest up card, aces low, suits breaking ties (razz's bring-in).
    HighCard,
    /// The best low hand showing, aces low (razz after third street).
    LowHand,
    /// The best high hand showing (stud after third street).
    HighHand,
}

/// Which configured amount sets a street's minimum bet (and the fixed bet in limit games).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BetSize {
    /// The small bet (the minimum bet in no-limit and pot-limit games).
    Small,
    /// The big bet.
    Big,
}

/// One street: what is dealt, whether players draw, who opens and the bet size.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Street {
    /// Whether a card is burned before the street's cards.
    pub burn: bool,
    /// The hole cards each player is dealt, in order; `true` for a card dealt face up.
    pub hole_cards: Vec<bool>,
    /// Cards dealt to the board.
    pub board_cards: u8,
    /// Whether players discard and draw replacements on this street.
    pub draw: bool,
    /// How many hole cards each player must discard without replacement (Pineapple).
    pub discard: u8,
    /// Who opens the betting.
    pub opening: Opening,
    /// Which amount sets the bet size.
    pub bet_size: BetSize,
}

impl Street {
    fn new(
        burn: bool,
        hole_cards: &[bool],
        board_cards: u8,
        opening: Opening,
        bet_size: BetSize,
    ) -> Street {
        Street {
            burn,
            hole_cards: hole_cards.to_vec(),
            board_cards,
            draw: false,
            discard: 0,
            opening,
            bet_size,
        }
    }

    fn draw(bet_size: BetSize) -> Street {
        Street {
            burn: true,
            hole_cards: vec![],
            board_cards: 0,
            draw: true,
            discard: 0,
            opening: Opening::Position,
            bet_size,
        }
    }
}

/// A poker variant, as data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Variant {
    /// The code: PHH's where PHH has one (`NT`, `PO`, `F7S/8`), ours otherwise.
    pub code: String,
    /// The name as a broadcast shows it.
    pub name: String,
    /// Other names the registry accepts.
    pub aliases: Vec<String>,
    /// The deck.
    pub deck: DeckKind,
    /// The hand types the pot is split between: one for high-only games, two for hi-lo.
    pub hand_types: Vec<HandType>,
    /// The betting structure.
    pub betting: BettingStructure,
    /// The most completions, bets and raises on one street (the cap), if any.
    pub max_raises: Option<u8>,
    /// The streets, in order.
    pub streets: Vec<Street>,
}

impl Variant {
    /// Whether the variant deals a board.
    pub fn has_board(&self) -> bool {
        self.streets.iter().any(|s| s.board_cards > 0)
    }

    /// Whether the variant opens with a bring-in (the stud games).
    pub fn uses_bring_in(&self) -> bool {
        matches!(
            self.streets.first().map(|s| s.opening),
            Some(Opening::LowCard | Opening::HighCard)
        )
    }

    /// Whether the pot is split between a high and a low hand.
    pub fn is_split(&self) -> bool {
        self.hand_types.len() > 1
    }

    /// Hole cards each player holds once all are dealt.
    pub fn hole_card_count(&self) -> usize {
        self.streets
            .iter()
            .map(|s| s.hole_cards.len())
            .sum::<usize>()
            - self
                .streets
                .iter()
                .map(|s| usize::from(s.discard))
                .sum::<usize>()
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// Looks a variant up by PHH code or readable name, ignoring case, spaces, dashes and
/// apostrophes: `"NT"`, `"nlhe"`, `"no-limit hold'em"`, `"plo"`, `"razz"`.
///
/// ```
/// let plo = ggp_core::rules::variant("plo")?;
/// assert_eq!(plo.code, "PO");
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn variant(name: &str) -> Result<Arc<Variant>> {
    let wanted = normalize(name);
    registry()
        .iter()
        .find(|v| {
            normalize(&v.code) == wanted
                || normalize(&v.name) == wanted
                || v.aliases.iter().any(|a| normalize(a) == wanted)
        })
        .cloned()
        .ok_or_else(|| Error::UnknownName {
            what: "variant",
            name: name.to_owned(),
            expected: "a PHH code (NT, PO, F7S, ...) or a name from ggp_core::rules::registry()",
        })
}

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\'' | '’'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every built-in variant.
pub fn registry() -> &'static [Arc<Variant>] {
    static REGISTRY: OnceLock<Vec<Arc<Variant>>> = OnceLock::new();
    REGISTRY.get_or_init(|| built_in_variants().into_iter().map(Arc::new).collect())
}

/// Mixed games as sequences of variant codes, one hand (or one orbit) each.
pub fn rotation(name: &str) -> Result<Vec<Arc<Variant>>> {
    let codes: &[&str] = match normalize(name).as_str() {
        "horse" => &["FT", "FO/8", "FR", "F7S", "F7S/8"],
        "8game" | "eightgame" => &["F2L3D", "FT", "FO/8", "FR", "F7S", "F7S/8", "NT", "PO"],
        _ => {
            return Err(Error::UnknownName {
                what: "rotation",
                name: name.to_owned(),
                expected: "HORSE, 8-Game",
            });
        }
    };
    codes.iter().map(|code| variant(code)).collect()
}

fn holdem_streets(hole: usize, first_board: u8) -> Vec<Street> {
    let down = vec![false; hole];
    vec![
        Street::new(false, &down, 0, Opening::Position, BetSize::Small),
        Street::new(true, &[], first_board, Opening::Position, BetSize::Small),
        Street::new(true, &[], 1, Opening::Position, BetSize::Big),
        Street::new(true, &[], 1, Opening::Position, BetSize::Big),
    ]
}

fn stud_streets(low: bool) -> Vec<Street> {
    let (bring_in, later) = if low {
        (Opening::HighCard, Opening::LowHand)
    } else {
        (Opening::LowCard, Opening::HighHand)
    };
    vec![
        Street::new(false, &[false, false, true], 0, bring_in, BetSize::Small),
        Street::new(true, &[true], 0, later, BetSize::Small),
        Street::new(true, &[true], 0, later, BetSize::Big),
        Street::new(true, &[true], 0, later, BetSize::Big),
        Street::new(true, &[false], 0, later, BetSize::Big),
    ]
}

fn draw_streets(hole: usize, draws: usize) -> Vec<Street> {
    let mut streets = vec![Street::new(
        false,
        &vec![false; hole],
        0,
        Opening::Position,
        BetSize::Small,
    )];
    for i in 0..draws {
        // In triple draw the last two rounds use the big bet.
        let size = if draws == 3 && i >= 1 {
            BetSize::Big
        } else {
            BetSize::Small
        };
        streets.push(Street::draw(size));
    }
    streets
}

#[allow(clippy::too_many_arguments)]
fn variant_of(
    code: &str,
    name: &str,
    aliases: &[&str],
    deck: DeckKind,
    hand_types: &[HandType],
    betting: BettingStructure,
    streets: Vec<Street>,
) -> Variant {
    Variant {
        code: code.to_owned(),
        name: name.to_owned(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        deck,
        hand_types: hand_types.to_vec(),
        betting,
        max_raises: (betting == BettingStructure::FixedLimit).then_some(4),
        streets,
    }
}

fn built_in_variants() -> Vec<Variant> {
    use BettingStructure::{FixedLimit, NoLimit, PotLimit};
    use DeckKind::{Short, Standard};
    use HandType as H;
    let hi_lo_omaha = [H::OmahaHigh, H::OmahaEightOrBetterLow];
    let pineapple = |crazy: bool| {
        let mut streets = holdem_streets(3, 3);
        // Pineapple discards before the flop; Crazy Pineapple after the flop's betting.
        streets[if crazy { 2 } else { 1 }].discard = 1;
        streets
    };
    let courchevel = || {
        let mut streets = holdem_streets(5, 2);
        // The first flop card is dealt face up before the first betting round.
        streets[0].board_cards = 1;
        streets
    };
    vec![
        variant_of(
            "NT",
            "No-Limit Texas Hold'em",
            &["nlhe", "nl holdem", "holdem", "hold'em", "texas holdem"],
            Standard,
            &[H::StandardHigh],
            NoLimit,
            holdem_streets(2, 3),
        ),
        variant_of(
            "PT",
            "Pot-Limit Texas Hold'em",
            &["plhe"],
            Standard,
            &[H::StandardHigh],
            PotLimit,
            holdem_streets(2, 3),
        ),
        variant_of(
            "FT",
            "Fixed-Limit Texas Hold'em",
            &["lhe", "limit holdem", "fl holdem"],
            Standard,
            &[H::StandardHigh],
            FixedLimit,
            holdem_streets(2, 3),
        ),
        variant_of(
            "NS",
            "No-Limit Short-Deck Hold'em",
            &[
                "short deck",
                "6+ holdem",
                "six plus holdem",
                "nl short deck",
            ],
            Short,
            &[H::ShortDeckHigh(
                crate::eval::short_deck::ShortDeckRules::Standard,
            )],
            NoLimit,
            holdem_streets(2, 3),
        ),
        variant_of(
            "NS-TRITON",
            "No-Limit Short-Deck Hold'em (Triton rules)",
            &["triton short deck", "short deck triton", "6+ holdem triton"],
            Short,
            &[H::ShortDeckHigh(
                crate::eval::short_deck::ShortDeckRules::Triton,
            )],
            NoLimit,
            holdem_streets(2, 3),
        ),
        variant_of(
            "NP",
            "No-Limit Pineapple Hold'em",
            &["pineapple"],
            Standard,
            &[H::StandardHigh],
            NoLimit,
            pineapple(false),
        ),
        variant_of(
            "NCP",
            "No-Limit Crazy Pineapple Hold'em",
            &["crazy pineapple"],
            Standard,
            &[H::StandardHigh],
            NoLimit,
            pineapple(true),
        ),
        variant_of(
            "PO",
            "Pot-Limit Omaha",
            &["plo", "omaha", "plo4", "pot limit omaha"],
            Standard,
            &[H::OmahaHigh],
            PotLimit,
            holdem_streets(4, 3),
        ),
        variant_of(
            "PO5",
            "Pot-Limit 5-Card Omaha",
            &["plo5", "5 card omaha", "5card plo"],
            Standard,
            &[H::OmahaHigh],
            PotLimit,
            holdem_streets(5, 3),
        ),
        variant_of(
            "PO6",
            "Pot-Limit 6-Card Omaha",
            &["plo6", "6 card omaha", "6card plo"],
            Standard,
            &[H::OmahaHigh],
            PotLimit,
            holdem_streets(6, 3),
        ),
        variant_of(
            "PO/8",
            "Pot-Limit Omaha Hi-Lo",
            &["plo8", "plo hi lo", "omaha hi lo"],
            Standard,
            &hi_lo_omaha,
            PotLimit,
            holdem_streets(4, 3),
        ),
        variant_of(
            "FO/8",
            "Fixed-Limit Omaha Hi-Lo",
            &["o8", "limit omaha hi lo", "omaha 8"],
            Standard,
            &hi_lo_omaha,
            FixedLimit,
            holdem_streets(4, 3),
        ),
        variant_of(
            "PO5/8",
            "Pot-Limit 5-Card Omaha Hi-Lo",
            &["plo5 hi lo", "big o"],
            Standard,
            &hi_lo_omaha,
            PotLimit,
            holdem_streets(5, 3),
        ),
        variant_of(
            "PC",
            "Pot-Limit Courchevel",
            &["courchevel"],
            Standard,
            &[H::OmahaHigh],
            PotLimit,
            courchevel(),
        ),
        variant_of(
            "PC/8",
            "Pot-Limit Courchevel Hi-Lo",
            &["courchevel hi lo"],
            Standard,
            &hi_lo_omaha,
            PotLimit,
            courchevel(),
        ),
        variant_of(
            "F7S",
            "Seven-Card Stud",
            &["stud", "7 card stud", "seven card stud"],
            Standard,
            &[H::StandardHigh],
            FixedLimit,
            stud_streets(false),
        ),
        variant_of(
            "F7S/8",
            "Seven-Card Stud Hi-Lo",
            &["stud8", "stud hi lo", "stud 8"],
            Standard,
            &[H::StandardHigh, H::EightOrBetterLow],
            FixedLimit,
            stud_streets(false),
        ),
        variant_of(
            "FR",
            "Razz",
            &["razz", "seven card razz"],
            Standard,
            &[H::AceToFiveLow],
            FixedLimit,
            stud_streets(true),
        ),
        variant_of(
            "N5CD",
            "No-Limit Five-Card Draw",
            &["5 card draw", "five card draw"],
            Standard,
            &[H::StandardHigh],
            NoLimit,
            draw_streets(5, 1),
        ),
        variant_of(
            "F5CD",
            "Fixed-Limit Five-Card Draw",
            &["limit 5 card draw"],
            Standard,
            &[H::StandardHigh],
            FixedLimit,
            draw_streets(5, 1),
        ),
        variant_of(
            "N2L1D",
            "No-Limit 2-7 Single Draw",
            &["2-7 single draw", "deuce to seven single draw", "nl 2-7"],
            Standard,
            &[H::DeuceToSevenLow],
            NoLimit,
            draw_streets(5, 1),
        ),
        variant_of(
            "F2L3D",
            "Fixed-Limit 2-7 Triple Draw",
            &["2-7 triple draw", "deuce to seven triple draw", "27td"],
            Standard,
            &[H::DeuceToSevenLow],
            FixedLimit,
            draw_streets(5, 3),
        ),
        variant_of(
            "FA5L3D",
            "Fixed-Limit A-5 Triple Draw",
            &["a-5 triple draw", "ace to five triple draw"],
            Standard,
            &[H::AceToFiveLow],
            FixedLimit,
            draw_streets(5, 3),
        ),
        variant_of(
            "FB",
            "Fixed-Limit Badugi",
            &["badugi"],
            Standard,
            &[H::AceToFiveBadugi],
            FixedLimit,
            draw_streets(4, 3),
        ),
        variant_of(
            "FBD",
            "Fixed-Limit Badeucy",
            &["badeucy"],
            Standard,
            &[H::DeuceToSevenBadugi, H::DeuceToSevenLow],
            FixedLimit,
            draw_streets(5, 3),
        ),
        variant_of(
            "FBA",
            "Fixed-Limit Badacey",
            &["badacey"],
            Standard,
            &[H::AceToFiveBadugi, H::AceToFiveLow],
            FixedLimit,
            draw_streets(5, 3),
        ),
    ]
}
