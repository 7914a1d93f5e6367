//! Ranks, suits and cards, with parsing and formatting.
//!
//! Cards parse from the forms operators and files use: `"As"`, `"Td"`, `"10d"`, `"ah"`,
//! and suit symbols (`"A♠"`, `"10♥"`). They always format as rank letter then suit letter
//! (`"Td"`), the form PHH hand histories use.

use std::fmt;
use std::str::FromStr;

use crate::error::{CardTextProblem, Error, Result};

/// A card rank, from Two (lowest index) to Ace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Rank {
    /// 2
    Two = 0,
    /// 3
    Three,
    /// 4
    Four,
    /// 5
    Five,
    /// 6
    Six,
    /// 7
    Seven,
    /// 8
    Eight,
    /// 9
    Nine,
    /// 10, written `T`
    Ten,
    /// Jack
    Jack,
    /// Queen
    Queen,
    /// King
    King,
    /// Ace
    Ace,
}

impl Rank {
    /// All ranks from Two to Ace.
    pub const ALL: [Rank; 13] = [
        Rank::Two,
        Rank::Three,
        Rank::Four,
        Rank::Five,
        Rank::Six,
        Rank::Seven,
        Rank::Eight,
        Rank::Nine,
        Rank::Ten,
        Rank::Jack,
        Rank::Queen,
        Rank::King,
        Rank::Ace,
    ];

    /// The rank with this index (0 = Two … 12 = Ace).
    pub const fn from_index(index: u8) -> Option<Rank> {
        if index < 13 {
            Some(Self::ALL[index as usize])
        } else {
            None
        }
    }

    /// 0 for Two up to 12 for Ace.
    pub const fn index(self) -> u8 {
        self as u8
    }

    /// The letter used in card text: `2`-`9`, `T`, `J`, `Q`, `K`, `A`.
    pub const fn letter(self) -> char {
        b"23456789TJQKA"[self as usize] as char
    }

    /// The English name, e.g. "Ace".
    pub const fn name(self) -> &'static str {
        [
            "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Jack",
            "Queen", "King", "Ace",
        ][self as usize]
    }

    /// The English plural, e.g. "Sixes".
    pub const fn plural(self) -> &'static str {
        [
            "Twos", "Threes", "Fours", "Fives", "Sixes", "Sevens", "Eights", "Nines", "Tens",
            "Jacks", "Queens", "Kings", "Aces",
        ][self as usize]
    }

    /// Parses a rank token: `2`-`9`, `T`/`t`, `10`, `J`, `Q`, `K`, `A` in either case.
    pub fn from_token(token: &str) -> Option<Rank> {
        if token == "10" {
            return Some(Rank::Ten);
        }
        let mut chars = token.chars();
        let first = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
        let index = match first.to_ascii_uppercase() {
            c @ '2'..='9' => c as u8 - b'2',
            'T' => 8,
            'J' => 9,
            'Q' => 10,
            'K' => 11,
            'A' => 12,
            _ => return None,
        };
        Rank::from_index(index)
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// A card suit. The order (clubs, diamonds, hearts, spades, lowest first) is the one stud
/// uses to break bring-in ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Suit {
    /// ♣
    Clubs = 0,
    /// ♦
    Diamonds,
    /// ♥
    Hearts,
    /// ♠
    Spades,
}

impl Suit {
    /// All suits, lowest first.
    pub const ALL: [Suit; 4] = [Suit::Clubs, Suit::Diamonds, Suit::Hearts, Suit::Spades];

    /// The suit with this index (0 = clubs … 3 = spades).
    pub const fn from_index(index: u8) -> Option<Suit> {
        if index < 4 {
            Some(Self::ALL[index as usize])
        } else {
            None
        }
    }

    /// 0 for clubs up to 3 for spades.
    pub const fn index(self) -> u8 {
        self as u8
    }

    /// The lowercase letter used in card text: `c`, `d`, `h`, `s`.
    pub const fn letter(self) -> char {
        b"cdhs"[self as usize] as char
    }

    /// The suit symbol: ♣ ♦ ♥ ♠.
    pub const fn symbol(self) -> char {
        ['♣', '♦', '♥', '♠'][self as usize]
    }

    /// The English name, e.g. "spades".
    pub const fn name(self) -> &'static str {
        ["clubs", "diamonds", "hearts", "spades"][self as usize]
    }

    /// True for hearts and diamonds.
    pub const fn is_red(self) -> bool {
        matches!(self, Suit::Diamonds | Suit::Hearts)
    }

    /// Parses a suit token: a letter in either case, or a black or white suit symbol.
    pub fn from_token(token: &str) -> Option<Suit> {
        let mut chars = token.chars();
        let first = chars.next()?;
        if chars.next().is_some() {
            // A symbol may be followed by the emoji presentation selector.
            if !token.ends_with('\u{FE0F}') || token.chars().count() != 2 {
                return None;
            }
        }
        match first {
            'c' | 'C' | '♣' | '♧' => Some(Suit::Clubs),
            'd' | 'D' | '♦' | '♢' => Some(Suit::Diamonds),
            'h' | 'H' | '♥' | '♡' => Some(Suit::Hearts),
            's' | 'S' | '♠' | '♤' => Some(Suit::Spades),
            _ => None,
        }
    }
}

impl fmt::Display for Suit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// A playing card: a rank and a suit, stored as one byte `rank * 4 + suit` (0..52).
///
/// ```
/// use ggp_core::{Card, Rank, Suit};
/// let card: Card = "10♦".parse()?;
/// assert_eq!(card, Card::new(Rank::Ten, Suit::Diamonds));
/// assert_eq!(card.to_string(), "Td");
/// # Ok::<(), ggp_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Card(u8);

impl Card {
    /// The card of this rank and suit.
    pub const fn new(rank: Rank, suit: Suit) -> Card {
        Card(rank as u8 * 4 + suit as u8)
    }

    /// The card with this index (`rank * 4 + suit`, 0..52).
    pub fn from_index(index: u32) -> Result<Card> {
        if index < 52 {
            Ok(Card(index as u8))
        } else {
            Err(Error::CardIndexOutOfRange { index })
        }
    }

    /// All 52 cards in index order (Two of clubs first, Ace of spades last).
    pub fn all() -> impl DoubleEndedIterator<Item = Card> + Clone {
        (0u8..52).map(Card)
    }

    /// `rank * 4 + suit`, in 0..52.
    pub const fn index(self) -> u8 {
        self.0
    }

    /// The rank.
    pub const fn rank(self) -> Rank {
        Rank::ALL[(self.0 / 4) as usize]
    }

    /// The suit.
    pub const fn suit(self) -> Suit {
        Suit::ALL[(self.0 % 4) as usize]
    }

    /// The card as text with a suit symbol, e.g. "A♠", for display on screen.
    pub fn to_symbol_string(self) -> String {
        format!("{}{}", self.rank().letter(), self.suit().symbol())
    }

    /// Parses one card; see the module documentation for the accepted forms.
    pub fn parse(text: &str) -> Result<Card> {
        parse_card_token(text.trim()).map_err(|problem| Error::InvalidCard {
            text: text.to_owned(),
            position: None,
            problem,
        })
    }
}

fn parse_card_token(token: &str) -> std::result::Result<Card, CardTextProblem> {
    if token.is_empty() {
        return Err(CardTextProblem::Empty);
    }
    let rank_len = if token.starts_with("10") {
        2
    } else {
        token.chars().next().map_or(0, char::len_utf8)
    };
    let (rank_text, suit_text) = token.split_at(rank_len);
    let rank = Rank::from_token(rank_text)
        .ok_or_else(|| CardTextProblem::UnknownRank(rank_text.to_owned()))?;
    if suit_text.is_empty() {
        return Err(CardTextProblem::MissingSuit);
    }
    let suit = Suit::from_token(suit_text)
        .ok_or_else(|| CardTextProblem::UnknownSuit(suit_text.to_owned()))?;
    Ok(Card::new(rank, suit))
}

impl fmt::Display for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.rank().letter(), self.suit().letter())
    }
}

impl fmt::Debug for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Card {
    type Err = Error;
    fn from_str(text: &str) -> Result<Card> {
        Card::parse(text)
    }
}

impl serde::Serialize for Card {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Card {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Card, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Card::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Parses a list of cards, separated by spaces or commas or written together:
/// `"As Ks Qs"`, `"As,Ks,Qs"`, `"AsKsQs"`, `"10d 10♥"`.
///
/// Duplicates are allowed here; [`crate::CardSet::from_distinct`] rejects them.
///
/// ```
/// let cards = ggp_core::parse_cards("AhKh 10c")?;
/// assert_eq!(cards.len(), 3);
/// # Ok::<(), ggp_core::Error>(())
/// ```
pub fn parse_cards(text: &str) -> Result<Vec<Card>> {
    let mut cards = Vec::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        let mut rest = word;
        while !rest.is_empty() {
            let token = next_card_token(rest);
            rest = &rest[token.len()..];
            let card = parse_card_token(token).map_err(|problem| Error::InvalidCard {
                text: token.to_owned(),
                position: Some(cards.len() + 1),
                problem,
            })?;
            cards.push(card);
        }
    }
    Ok(cards)
}

/// The first card-sized token of `text`: a rank (`10` or one character) and one suit
/// character, with an optional emoji variation selector after a suit symbol.
pub(crate) fn next_card_token(text: &str) -> &str {
    let rank_len = if text.starts_with("10") {
        2
    } else {
        text.chars().next().map_or(0, char::len_utf8)
    };
    let mut end = rank_len;
    let mut suit = text[rank_len..].chars();
    if let Some(c) = suit.next() {
        end += c.len_utf8();
        if suit.next() == Some('\u{FE0F}') {
            end += '\u{FE0F}'.len_utf8();
        }
    }
    &text[..end]
}

/// Formats cards as space-separated text, e.g. "As Ks".
pub fn format_cards(cards: &[Card]) -> String {
    let mut out = String::with_capacity(cards.len() * 3);
    for (i, card) in cards.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&card.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_accepted_form() {
        let ace_spades = Card::new(Rank::Ace, Suit::Spades);
        for text in ["As", "as", "AS", "A♠", "A♤", "A♠\u{FE0F}", " As "] {
            assert_eq!(Card::parse(text), Ok(ace_spades), "{text}");
        }
        let ten_diamonds = Card::new(Rank::Ten, Suit::Diamonds);
        for text in ["Td", "td", "10d", "10D", "10♦", "T♢"] {
            assert_eq!(Card::parse(text), Ok(ten_diamonds), "{text}");
        }
    }

    #[test]
    fn formats_rank_letter_then_suit_letter() {
        for index in 0..52 {
            let card = Card::from_index(index).unwrap();
            assert_eq!(Card::parse(&card.to_string()), Ok(card));
            assert_eq!(Card::parse(&card.to_symbol_string()), Ok(card));
        }
        assert_eq!(Card::new(Rank::Ten, Suit::Hearts).to_string(), "Th");
    }

    #[test]
    fn bad_cards_say_what_is_wrong() {
        let err = Card::parse("1x").unwrap_err();
        assert_eq!(
            err,
            Error::InvalidCard {
                text: "1x".into(),
                position: None,
                problem: CardTextProblem::UnknownRank("1".into())
            }
        );
        assert!(err.to_string().contains("unknown rank \"1\""), "{err}");
        assert!(matches!(
            Card::parse("Ax"),
            Err(Error::InvalidCard { problem: CardTextProblem::UnknownSuit(s), .. }) if s == "x"
        ));
        assert!(matches!(
            Card::parse("A"),
            Err(Error::InvalidCard {
                problem: CardTextProblem::MissingSuit,
                ..
            })
        ));
        assert!(matches!(
            Card::parse(""),
            Err(Error::InvalidCard {
                problem: CardTextProblem::Empty,
                ..
            })
        ));
        assert!(matches!(
            Card::parse("Ass"),
            Err(Error::InvalidCard { problem: CardTextProblem::UnknownSuit(s), .. }) if s == "ss"
        ));
        assert_eq!(
            Card::from_index(52),
            Err(Error::CardIndexOutOfRange { index: 52 })
        );
    }

    #[test]
    fn parses_lists_in_every_layout() {
        let expected = vec![
            Card::new(Rank::Ace, Suit::Hearts),
            Card::new(Rank::King, Suit::Hearts),
            Card::new(Rank::Ten, Suit::Clubs),
        ];
        for text in [
            "Ah Kh Tc",
            "AhKhTc",
            "Ah,Kh, 10c",
            "A♥K♥10♣",
            "  ah\tkh\n10C ",
        ] {
            assert_eq!(parse_cards(text), Ok(expected.clone()), "{text}");
        }
        assert_eq!(parse_cards(""), Ok(vec![]));
        assert_eq!(format_cards(&expected), "Ah Kh Tc");
    }

    #[test]
    fn list_errors_give_the_position() {
        let err = parse_cards("As Ks 1x Qs").unwrap_err();
        assert_eq!(
            err,
            Error::InvalidCard {
                text: "1x".into(),
                position: Some(3),
                problem: CardTextProblem::UnknownRank("1".into())
            }
        );
        assert!(err.to_string().contains("card 3 of the list"), "{err}");
    }

    #[test]
    fn serializes_as_text() {
        let card = Card::new(Rank::Queen, Suit::Clubs);
        assert_eq!(serde_json::to_string(&card).unwrap(), "\"Qc\"");
        assert_eq!(
            serde_json::from_str::<Card>("\"10♣\"").unwrap(),
            Card::new(Rank::Ten, Suit::Clubs)
        );
        assert!(serde_json::from_str::<Card>("\"Zz\"").is_err());
    }
}
