//! The PHH action notation as data: `d dh p1 AsKs`, `p2 cbr 200 # a raise`, and the rest.

use std::fmt;
use std::str::FromStr;

use crate::card::Card;
use crate::chips::Chips;
use crate::error::{Error, Result};

use super::error::{PhhError, PhhLocation, PhhProblem};
use super::number::{Number, parse_number};

/// A card in an action: known, or unknown (`??`), as when a player's hole cards were not
/// seen. Unknown cards stay unknown: nothing here guesses them.
///
/// ```
/// use ggp_core::{Card, phh::PhhCard};
/// let cards = PhhCard::parse_list("As??10d")?;
/// assert_eq!(cards[0], PhhCard::Known("As".parse::<Card>()?));
/// assert_eq!(cards[1], PhhCard::Unknown);
/// assert_eq!(PhhCard::format_list(&cards), "As??Td");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhhCard {
    /// A card whose rank and suit are known.
    Known(Card),
    /// A card nobody saw, written `??`.
    Unknown,
}

impl PhhCard {
    /// The card, if known.
    pub fn known(self) -> Option<Card> {
        match self {
            PhhCard::Known(card) => Some(card),
            PhhCard::Unknown => None,
        }
    }

    /// Parses cards written together (`AsKs`, `????`, `10dJd`), the way PHH actions write
    /// them. Cards are read as in [`Card::parse`], with `??` for an unknown card; commas
    /// between cards are allowed, as pokerkit allows them.
    pub fn parse_list(text: &str) -> Result<Vec<PhhCard>> {
        parse_card_word(text).map_err(|reason| {
            Error::from(PhhError {
                location: PhhLocation::default(),
                problem: PhhProblem::InvalidAction {
                    text: text.to_owned(),
                    reason,
                },
            })
        })
    }

    /// Writes cards together, as PHH actions do: `AsKs`, `????`.
    pub fn format_list(cards: &[PhhCard]) -> String {
        let mut out = String::with_capacity(cards.len() * 2);
        for card in cards {
            out.push_str(&card.to_string());
        }
        out
    }
}

impl From<Card> for PhhCard {
    fn from(card: Card) -> PhhCard {
        PhhCard::Known(card)
    }
}

impl fmt::Display for PhhCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhhCard::Known(card) => fmt::Display::fmt(card, f),
            PhhCard::Unknown => f.write_str("??"),
        }
    }
}

/// What a player does at showdown (`pN sm ...`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PhhShowdown {
    /// `pN sm`: the player mucks.
    Muck,
    /// `pN sm -`: the player shows the hole cards already given in their `d dh` actions.
    ShowDealt,
    /// `pN sm AsKs`: the player shows these cards; in a cash game some may be `??`
    /// (cards the player kept without showing).
    Show(Vec<PhhCard>),
}

/// What an action does, and who does it. Players are numbered from 0 here: `p1` in the
/// notation is `player_idx` 0.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PhhActionKind {
    /// `d db <cards>`: the dealer deals board cards.
    DealBoard {
        /// The cards dealt.
        cards: Vec<PhhCard>,
    },
    /// `d dh pN <cards>`: the dealer deals hole cards (down or up cards, as the variant's
    /// rules decide) to a player.
    DealHole {
        /// The player, from 0.
        player_idx: usize,
        /// The cards dealt.
        cards: Vec<PhhCard>,
    },
    /// `pN pb`: the player posts the bring-in.
    PostBringIn {
        /// The player, from 0.
        player_idx: usize,
    },
    /// `pN f`: the player folds.
    Fold {
        /// The player, from 0.
        player_idx: usize,
    },
    /// `pN cc`: the player checks or calls.
    CheckOrCall {
        /// The player, from 0.
        player_idx: usize,
    },
    /// `pN cbr <amount>`: the player completes, bets or raises to an amount (the total of
    /// their bet in this round, not the increment).
    CompleteBetOrRaiseTo {
        /// The player, from 0.
        player_idx: usize,
        /// The amount bet or raised to.
        amount: Chips,
    },
    /// `pN sd` or `pN sd <cards>`: the player stands pat (no cards) or discards.
    StandPatOrDiscard {
        /// The player, from 0.
        player_idx: usize,
        /// The cards thrown away; empty when standing pat.
        discarded: Vec<PhhCard>,
    },
    /// `pN sm`, `pN sm -` or `pN sm <cards>`: the player mucks or shows.
    ShowOrMuck {
        /// The player, from 0.
        player_idx: usize,
        /// What they did.
        showdown: PhhShowdown,
    },
    /// An empty action or a commentary alone (`# Burn card 6s is exposed`).
    /// A GGP-GFX extension: a discard without replacement (Pineapple), `pN dd <cards>`.
    Discard {
        /// Who discards, from 0.
        player_idx: usize,
        /// The cards thrown away.
        cards: Vec<PhhCard>,
    },
    /// A GGP-GFX extension: an all-in player's choice of how many times to run the
    /// board, `pN rc <count>`.
    SelectRunoutCount {
        /// Who chooses, from 0.
        player_idx: usize,
        /// 1 to 3.
        count: u8,
    },
    /// A GGP-GFX extension: the dealer kills a player's hand, `d kh pN`.
    KillHand {
        /// Whose hand, from 0.
        player_idx: usize,
    },
    NoOp,
}

impl PhhActionKind {
    /// The player acting or dealt to, from 0; `None` for board deals and no-ops.
    pub fn player_idx(&self) -> Option<usize> {
        match self {
            PhhActionKind::DealHole { player_idx, .. }
            | PhhActionKind::PostBringIn { player_idx }
            | PhhActionKind::Fold { player_idx }
            | PhhActionKind::CheckOrCall { player_idx }
            | PhhActionKind::CompleteBetOrRaiseTo { player_idx, .. }
            | PhhActionKind::StandPatOrDiscard { player_idx, .. }
            | PhhActionKind::ShowOrMuck { player_idx, .. }
            | PhhActionKind::Discard { player_idx, .. }
            | PhhActionKind::SelectRunoutCount { player_idx, .. }
            | PhhActionKind::KillHand { player_idx } => Some(*player_idx),
            PhhActionKind::DealBoard { .. } | PhhActionKind::NoOp => None,
        }
    }

    /// The cards the action names: dealt, discarded or shown. Empty for the others, and
    /// for `sm -`, which names none.
    pub fn cards(&self) -> &[PhhCard] {
        match self {
            PhhActionKind::DealBoard { cards } | PhhActionKind::DealHole { cards, .. } => cards,
            PhhActionKind::StandPatOrDiscard { discarded, .. } => discarded,
            PhhActionKind::Discard { cards, .. } => cards,
            PhhActionKind::ShowOrMuck {
                showdown: PhhShowdown::Show(cards),
                ..
            } => cards,
            _ => &[],
        }
    }
}

/// One entry of the `actions` field: what happened, and an optional commentary (the text
/// after ` # `, which is part of the action, unlike a TOML comment).
///
/// ```
/// use ggp_core::{Chips, phh::{PhhAction, PhhActionKind}};
/// let action: PhhAction = "p3 cbr 7000 # Dwan opens".parse()?;
/// assert_eq!(
///     action.kind,
///     PhhActionKind::CompleteBetOrRaiseTo { player_idx: 2, amount: Chips::from(7000) }
/// );
/// assert_eq!(action.commentary.as_deref(), Some("Dwan opens"));
/// assert_eq!(action.to_string(), "p3 cbr 7000 # Dwan opens");
///
/// let deal: PhhAction = "d dh p2 ????".parse()?;
/// assert_eq!(deal.to_string(), "d dh p2 ????");
/// assert!("p1 raise 200".parse::<PhhAction>().is_err());
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhhAction {
    /// What happened.
    pub kind: PhhActionKind,
    /// The commentary after ` # `, if any.
    pub commentary: Option<String>,
}

impl PhhAction {
    /// An action without commentary.
    pub fn new(kind: PhhActionKind) -> PhhAction {
        PhhAction {
            kind,
            commentary: None,
        }
    }

    /// Parses one action notation. The error names the action and what is wrong with it.
    pub fn parse(text: &str) -> Result<PhhAction> {
        parse_action(text).map_err(|reason| {
            Error::from(PhhError {
                location: PhhLocation::default(),
                problem: PhhProblem::InvalidAction {
                    text: text.to_owned(),
                    reason,
                },
            })
        })
    }
}

impl From<PhhActionKind> for PhhAction {
    fn from(kind: PhhActionKind) -> PhhAction {
        PhhAction::new(kind)
    }
}

impl FromStr for PhhAction {
    type Err = Error;
    fn from_str(text: &str) -> Result<PhhAction> {
        PhhAction::parse(text)
    }
}

impl fmt::Display for PhhAction {
    /// The canonical notation, as pokerkit writes it: single spaces, cards written
    /// together, amounts with their decimal places as given, ` # ` before a commentary.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let player = |idx: usize| format!("p{}", idx + 1);
        let body = match &self.kind {
            PhhActionKind::DealBoard { cards } => {
                format!("d db {}", PhhCard::format_list(cards))
            }
            PhhActionKind::DealHole { player_idx, cards } => format!(
                "d dh {} {}",
                player(*player_idx),
                PhhCard::format_list(cards)
            ),
            PhhActionKind::PostBringIn { player_idx } => format!("{} pb", player(*player_idx)),
            PhhActionKind::Fold { player_idx } => format!("{} f", player(*player_idx)),
            PhhActionKind::CheckOrCall { player_idx } => format!("{} cc", player(*player_idx)),
            PhhActionKind::CompleteBetOrRaiseTo { player_idx, amount } => {
                // The decimal's own text keeps the places written ("0.50"), as pokerkit does.
                format!("{} cbr {}", player(*player_idx), amount.as_decimal())
            }
            PhhActionKind::StandPatOrDiscard {
                player_idx,
                discarded,
            } => {
                if discarded.is_empty() {
                    format!("{} sd", player(*player_idx))
                } else {
                    format!(
                        "{} sd {}",
                        player(*player_idx),
                        PhhCard::format_list(discarded)
                    )
                }
            }
            PhhActionKind::ShowOrMuck {
                player_idx,
                showdown,
            } => match showdown {
                PhhShowdown::Muck => format!("{} sm", player(*player_idx)),
                PhhShowdown::ShowDealt => format!("{} sm -", player(*player_idx)),
                PhhShowdown::Show(cards) => {
                    format!("{} sm {}", player(*player_idx), PhhCard::format_list(cards))
                }
            },
            PhhActionKind::Discard { player_idx, cards } => {
                format!("{} dd {}", player(*player_idx), PhhCard::format_list(cards))
            }
            PhhActionKind::SelectRunoutCount { player_idx, count } => {
                format!("{} rc {count}", player(*player_idx))
            }
            PhhActionKind::KillHand { player_idx } => format!("d kh {}", player(*player_idx)),
            PhhActionKind::NoOp => String::new(),
        };
        f.write_str(&body)?;
        if let Some(commentary) = &self.commentary {
            if body.is_empty() {
                write!(f, "# {commentary}")?;
            } else {
                write!(f, " # {commentary}")?;
            }
        }
        Ok(())
    }
}

/// Splits an action into its notation and its commentary. The commentary starts at the
/// first `#` that begins a word (a `#` inside a word is a typo in the word, reported by
/// the word's parser), and loses the one space the notation puts after the `#`.
fn split_commentary(text: &str) -> (&str, Option<&str>) {
    let mut previous_is_space = true;
    for (at, c) in text.char_indices() {
        if c == '#' && previous_is_space {
            let rest = &text[at + 1..];
            return (&text[..at], Some(rest.strip_prefix(' ').unwrap_or(rest)));
        }
        previous_is_space = c.is_whitespace();
    }
    (text, None)
}

fn parse_action(text: &str) -> std::result::Result<PhhAction, String> {
    let (notation, commentary) = split_commentary(text);
    let words: Vec<&str> = notation.split_whitespace().collect();
    let kind = match words.as_slice() {
        [] => PhhActionKind::NoOp,
        ["d", rest @ ..] => parse_dealer_action(rest)?,
        [actor, verb, arguments @ ..] => {
            let player_idx = parse_player(actor)?;
            parse_player_action(player_idx, verb, arguments)?
        }
        [word] => {
            return Err(format!(
                "{word:?} alone is not an action; an action is an actor (d, or p1, p2, ...) \
                 and a verb, such as \"p1 cc\""
            ));
        }
    };
    Ok(PhhAction {
        kind,
        commentary: commentary.map(str::to_owned),
    })
}

fn parse_dealer_action(words: &[&str]) -> std::result::Result<PhhActionKind, String> {
    match words {
        ["db", cards] => Ok(PhhActionKind::DealBoard {
            cards: parse_card_word(cards)?,
        }),
        ["dh", player, cards] => Ok(PhhActionKind::DealHole {
            player_idx: parse_player(player)?,
            cards: parse_card_word(cards)?,
        }),
        ["kh", player] => Ok(PhhActionKind::KillHand {
            player_idx: parse_player(player)?,
        }),
        ["db", ..] => Err("a board deal is \"d db <cards>\", e.g. \"d db AhKh3c\"".into()),
        ["dh", ..] => Err("a hole deal is \"d dh pN <cards>\", e.g. \"d dh p1 AsKs\"".into()),
        [verb, ..] => Err(format!(
            "unknown dealer action {verb:?}; the dealer's actions are db (deal board), \
             dh (deal hole cards) and, as a GGP-GFX extension, kh (kill a hand)"
        )),
        [] => Err("the dealer \"d\" needs an action: db or dh".into()),
    }
}

fn parse_player_action(
    player_idx: usize,
    verb: &str,
    arguments: &[&str],
) -> std::result::Result<PhhActionKind, String> {
    let no_arguments = |kind: PhhActionKind| match arguments {
        [] => Ok(kind),
        [extra, ..] => Err(format!(
            "\"{verb}\" takes no argument, but {extra:?} follows it"
        )),
    };
    match verb {
        "f" => no_arguments(PhhActionKind::Fold { player_idx }),
        "cc" => no_arguments(PhhActionKind::CheckOrCall { player_idx }),
        "pb" => no_arguments(PhhActionKind::PostBringIn { player_idx }),
        "cbr" => match arguments {
            [amount] => Ok(PhhActionKind::CompleteBetOrRaiseTo {
                player_idx,
                amount: parse_bet_amount(amount)?,
            }),
            [] => Err("\"cbr\" needs the amount to complete, bet or raise to".into()),
            [_, extra, ..] => Err(format!(
                "\"cbr\" takes one amount, but {extra:?} follows it"
            )),
        },
        "sd" => match arguments {
            [] => Ok(PhhActionKind::StandPatOrDiscard {
                player_idx,
                discarded: Vec::new(),
            }),
            [cards] => Ok(PhhActionKind::StandPatOrDiscard {
                player_idx,
                discarded: parse_card_word(cards)?,
            }),
            [_, extra, ..] => Err(format!(
                "\"sd\" takes the discarded cards written together, but {extra:?} follows them"
            )),
        },
        "sm" => match arguments {
            [] => Ok(PhhActionKind::ShowOrMuck {
                player_idx,
                showdown: PhhShowdown::Muck,
            }),
            ["-"] => Ok(PhhActionKind::ShowOrMuck {
                player_idx,
                showdown: PhhShowdown::ShowDealt,
            }),
            [cards] => Ok(PhhActionKind::ShowOrMuck {
                player_idx,
                showdown: PhhShowdown::Show(parse_card_word(cards)?),
            }),
            [_, extra, ..] => Err(format!(
                "\"sm\" takes the shown cards written together, but {extra:?} follows them"
            )),
        },
        "dd" => match arguments {
            [cards] => Ok(PhhActionKind::Discard {
                player_idx,
                cards: parse_card_word(cards)?,
            }),
            _ => Err("\"dd\" takes the discarded cards written together".into()),
        },
        "rc" => match arguments {
            [count] => match count.parse::<u8>() {
                Ok(count @ 1..=3) => Ok(PhhActionKind::SelectRunoutCount { player_idx, count }),
                _ => Err(format!(
                    "\"rc\" takes a runout count of 1 to 3, not {count:?}"
                )),
            },
            _ => Err("\"rc\" takes one runout count".into()),
        },
        _ => Err(format!(
            "unknown player action {verb:?}; the player actions are f, cc, cbr, pb, sd and sm \
             (and, as GGP-GFX extensions, dd and rc)"
        )),
    }
}

/// `p1` is player 0. Digits only, as the notation writes them.
fn parse_player(word: &str) -> std::result::Result<usize, String> {
    let digits = word
        .strip_prefix('p')
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            format!("{word:?} is not an actor; players are p1, p2, ... and the dealer is d")
        })?;
    let number: usize = digits
        .parse()
        .map_err(|_| format!("player number {digits} is too large"))?;
    number
        .checked_sub(1)
        .ok_or_else(|| format!("{word:?} is not a player; players are numbered from p1"))
}

fn parse_bet_amount(word: &str) -> std::result::Result<Chips, String> {
    // pokerkit's value parser drops thousands separators ("1,000"); so does this one.
    let amount = match parse_number(&word.replace(',', "")) {
        Ok(Number::Finite(amount)) => Chips::from(amount),
        Ok(_) => return Err(format!("the amount {word} is not a finite number")),
        Err(reason) => return Err(format!("invalid amount {word:?}: {reason}")),
    };
    if amount.is_positive() {
        Ok(amount)
    } else {
        Err(format!(
            "the amount to complete, bet or raise to must be positive, not {word}"
        ))
    }
}

/// Reads cards written together, with `??` for unknown cards. Card text follows
/// [`Card::parse`]: `As`, `as`, `10d`, `A♠`.
pub(crate) fn parse_card_word(word: &str) -> std::result::Result<Vec<PhhCard>, String> {
    let mut cards = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(',') {
            rest = after;
            continue;
        }
        let position = cards.len() + 1;
        if let Some(after) = rest.strip_prefix("??") {
            cards.push(PhhCard::Unknown);
            rest = after;
            continue;
        }
        let token = crate::card::next_card_token(rest);
        rest = &rest[token.len()..];
        if token.contains('?') {
            return Err(format!(
                "card {position} ({token:?}) is partly unknown; an unknown card is written ??"
            ));
        }
        let card = Card::parse(token).map_err(|err| format!("card {position}: {err}"))?;
        cards.push(PhhCard::Known(card));
    }
    if cards.is_empty() {
        return Err(format!("{word:?} holds no cards"));
    }
    Ok(cards)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(text: &str) -> PhhAction {
        PhhAction::parse(text).unwrap()
    }

    fn cards(text: &str) -> Vec<PhhCard> {
        PhhCard::parse_list(text).unwrap()
    }

    fn reason(text: &str) -> String {
        match PhhAction::parse(text) {
            Err(Error::HandHistory(err)) => match err.problem {
                PhhProblem::InvalidAction { reason, .. } => reason,
                other => panic!("{other:?}"),
            },
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn every_notation_parses_and_formats_back() {
        for text in [
            "d dh p1 AsKs",
            "d dh p2 ????",
            "d dh p3 ????7c",
            "d db AhKh3c",
            "d db Jh",
            "p1 f",
            "p1 cc",
            "p12 cbr 200",
            "p1 cbr 0.50",
            "p1 cbr 10112.5",
            "p1 pb",
            "p1 sd",
            "p1 sd AsKs",
            "p1 sd ??",
            "p1 sm",
            "p1 sm -",
            "p1 sm AsKs",
            "p1 sm ??Ad",
            "p1 cc # a call",
            "# Burn card 6s is exposed",
            "",
            "p1 cc # it's # fine",
        ] {
            assert_eq!(action(text).to_string(), text, "{text:?}");
        }
    }

    #[test]
    fn notations_mean_what_the_specification_says() {
        assert_eq!(
            action("d dh p2 ????").kind,
            PhhActionKind::DealHole {
                player_idx: 1,
                cards: vec![PhhCard::Unknown, PhhCard::Unknown]
            }
        );
        assert_eq!(
            action("p1 sm").kind,
            PhhActionKind::ShowOrMuck {
                player_idx: 0,
                showdown: PhhShowdown::Muck
            }
        );
        assert_eq!(
            action("p1 sm -").kind,
            PhhActionKind::ShowOrMuck {
                player_idx: 0,
                showdown: PhhShowdown::ShowDealt
            }
        );
        assert_eq!(
            action("p4 sd").kind,
            PhhActionKind::StandPatOrDiscard {
                player_idx: 3,
                discarded: vec![]
            }
        );
        let noop = action("   ");
        assert_eq!(noop.kind, PhhActionKind::NoOp);
        assert_eq!(noop.commentary, None);
        assert_eq!(noop.to_string(), "");
        assert_eq!(action("#").commentary.as_deref(), Some(""));
        assert_eq!(action("p1 cc").kind.player_idx(), Some(0));
        assert_eq!(action("d db 2c").kind.player_idx(), None);
        assert_eq!(action("p1 sm ??Ad").kind.cards().len(), 2);
        assert_eq!(action("p1 sm -").kind.cards(), &[]);
        assert_eq!(action("p1 sd Ks").kind.cards().len(), 1);
        assert_eq!(action("p1 cbr 5").kind.cards(), &[]);
    }

    #[test]
    fn loose_spacing_and_card_forms_are_read_and_written_canonically() {
        assert_eq!(action("  p1   cc  ").to_string(), "p1 cc");
        assert_eq!(action("d dh p1 10dA♠").to_string(), "d dh p1 TdAs");
        assert_eq!(action("d db ah,kh,3c").to_string(), "d db AhKh3c");
        assert_eq!(action("p1 cbr 1,000").to_string(), "p1 cbr 1000");
        assert_eq!(action("p1 cc #note").to_string(), "p1 cc # note");
        assert_eq!(action("p1 cc #  two").commentary.as_deref(), Some(" two"));
    }

    #[test]
    fn card_lists() {
        assert_eq!(cards("????").len(), 2);
        assert_eq!(PhhCard::format_list(&cards("10c10d")), "TcTd");
        assert_eq!(PhhCard::Unknown.known(), None);
    }

    #[test]
    fn bad_notations_say_what_is_wrong() {
        assert!(reason("p1").contains("alone is not an action"));
        assert!(reason("p1 raise 200").contains("unknown player action \"raise\""));
        assert!(reason("p0 cc").contains("numbered from p1"));
        assert!(reason("x1 cc").contains("is not an actor"));
        assert!(reason("p1 f now").contains("takes no argument"));
        assert!(reason("p1 cbr").contains("needs the amount"));
        assert!(reason("p1 cbr 1 2").contains("takes one amount"));
        assert!(reason("p1 cbr -5").contains("must be positive"));
        assert!(reason("p1 cbr 0").contains("must be positive"));
        assert!(reason("p1 cbr abc").contains("invalid amount \"abc\": not a number"));
        assert!(reason("p1 cbr inf").contains("not a finite number"));
        assert!(reason("p1 cbr 0.00000000000000000000000000001").contains("too many digits"));
        assert!(reason("d deal p1 AsKs").contains("unknown dealer action"));
        assert!(reason("d dh AsKs").contains("d dh pN <cards>"));
        assert!(reason("d db").contains("d db <cards>"));
        assert!(reason("d").contains("needs an action"));
        assert!(reason("d dh p1 AsK").contains("card 2"));
        assert!(reason("d dh p1 AsXs").contains("unknown rank"));
        assert!(reason("d dh p1 A?Ks").contains("partly unknown"));
        assert!(reason("d db ,").contains("holds no cards"));
        assert!(reason("p1 sm As Ks").contains("written together"));
        assert!(reason("p1 sd As Ks").contains("written together"));
        assert!(reason("p1 cc#x").contains("unknown player action \"cc#x\""));
        assert!(reason("p99999999999999999999999 cc").contains("too large"));
    }
}
