//! Importing PokerStars text hand histories into [`PhhHand`] values.
//!
//! A PokerStars file holds many hands, each starting with a header line such as
//! `PokerStars Hand #245812345678:  Hold'em No Limit ($0.50/$1 USD) - ...`. Each hand
//! is converted on its own, so that one damaged hand does not stop the rest: an error
//! ([`crate::Error::Import`]) names the hand's PokerStars id and the line of the text.
//!
//! Players are ordered as PHH orders them: from the seat left of the button (the small
//! blind) to the button; heads-up, the big blind first and the button second. The
//! betting actions are played through the rules engine while they are converted, so
//! that the showdown is written in the order the engine asks for and a hand the engine
//! cannot play is reported here, at its line, rather than on replay.
//!
//! What is converted: no-limit and fixed-limit hold'em, pot-limit Omaha and fixed-limit
//! Omaha hi/lo (the games PHH has codes for), cash games, Zoom and tournaments; seats,
//! names, stacks and the button; antes (every player's, or the big blind's alone),
//! blinds, straddles, a dead small blind (as dead money, an ante) and a big blind posted
//! out of position (negative, as pokerkit writes it); the hero's hole cards, shown cards
//! (unknown cards are `????`), boards, folds, checks, calls, bets, raises and all-ins.
//! Uncalled bets need no action: the engine returns them. The metadata goes to `hand`,
//! `table`, `seat_count`, `seats`, `players`, `event`, `level`, `venue`, the date, time
//! and time zone, `currency` and `winnings` (what PokerStars says each player collected,
//! after rake), and to the user-defined fields `_button_seat`, `_rake`, `_buy_in` and
//! `_zoom`.
//!
//! What PHH cannot say: the rake (the engine awards whole pots), a second run of the
//! board (the first run is played; the second board's cards are kept in
//! `_second_board`), and an odd whole-number pot that PokerStars splits into cents
//! ($13 as $6.50 each: the engine splits a whole-number pot in whole units, as pokerkit
//! does). Games without a PHH code (pot-limit
//! hold'em, no-limit and pot-limit Omaha hi/lo, fixed-limit Omaha hi, stud, draw) are
//! errors.
//!
//! ```
//! use ggp_core::pokerstars::parse_pokerstars;
//! let text = "\
//! PokerStars Hand #1001: Hold'em No Limit ($1/$2 USD) - 2024/03/01 20:15:00 ET
//! Table 'Vega' 6-max Seat #1 is the button
//! Seat 1: Ann ($200 in chips)
//! Seat 2: Bo ($150 in chips)
//! Seat 3: Cy ($300 in chips)
//! Bo: posts small blind $1
//! Cy: posts big blind $2
//! *** HOLE CARDS ***
//! Dealt to Ann [As Ah]
//! Ann: raises $4 to $6
//! Bo: folds
//! Cy: folds
//! Uncalled bet ($4) returned to Ann
//! Ann collected $5 from pot
//! *** SUMMARY ***
//! Total pot $5 | Rake $0
//! ";
//! let hands = parse_pokerstars(text);
//! let hand = hands[0].as_ref().map_err(Clone::clone)?;
//! assert_eq!(hand.players.as_deref(), Some(&["Bo".to_owned(), "Cy".into(), "Ann".into()][..]));
//! assert_eq!(hand.actions[2].to_string(), "d dh p3 AsAh");
//! let replayed = hand.replay()?;
//! assert_eq!(replayed.state().stacks()[2], "203".parse()?);
//! # Ok::<(), ggp_core::Error>(())
//! ```

use std::collections::HashMap;

use crate::card::Card;
use crate::chips::Chips;
use crate::error::{Error, Result};
use crate::phh::{
    PhhAction, PhhActionKind, PhhCard, PhhHand, PhhLabel, PhhShowdown, PhhStack, PhhTime, PhhValue,
    PhhVariant,
};
use crate::rules::{Action, Hand, Pending};

const FORMAT: &str = "PokerStars";

/// The largest amount read: a quadrillion.
const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Converts every hand of a PokerStars text hand-history file, in file order.
///
/// A hand starts at a line beginning with `PokerStars` that names a hand (`Hand #`,
/// `Zoom Hand #`, `Home Game Hand #`, `Game #`); text before the first such line is
/// skipped. Each entry is the hand or the error that stopped its conversion.
pub fn parse_pokerstars(text: &str) -> Vec<Result<PhhHand>> {
    split_hands(text)
        .into_iter()
        .map(|lines| convert_hand(&lines))
        .collect()
}

/// Converts one PokerStars hand (its header line first).
pub fn parse_pokerstars_hand(text: &str) -> Result<PhhHand> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .collect();
    convert_hand(&lines)
}

fn is_header(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}').trim_start();
    line.starts_with("PokerStars ") && (line.contains("Hand #") || line.contains("Game #"))
}

fn split_hands(text: &str) -> Vec<Vec<(usize, &str)>> {
    let mut hands: Vec<Vec<(usize, &str)>> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if is_header(line) {
            hands.push(Vec::new());
        }
        if let Some(current) = hands.last_mut() {
            current.push((i + 1, line));
        }
    }
    hands
}

struct Ctx {
    hand: String,
    line: usize,
}

impl Ctx {
    fn err(&self, message: impl Into<String>) -> Error {
        self.err_at(self.line, message)
    }
    fn err_at(&self, line: usize, message: impl Into<String>) -> Error {
        Error::Import {
            source_format: FORMAT,
            hand: self.hand.clone(),
            line,
            message: message.into(),
        }
    }
}

fn parse_amount(ctx: &Ctx, text: &str) -> Result<Chips> {
    let trimmed = text.trim().trim_start_matches(['$', '€', '£']);
    trimmed
        .parse::<Chips>()
        .ok()
        // Far above any real stake, and far below where exact arithmetic would overflow.
        .filter(|c| !c.is_negative() && *c <= Chips::from(MAX_AMOUNT))
        .ok_or_else(|| ctx.err(format!("invalid amount {:?}", text.trim())))
}

/// The cards inside the first `[...]` of `text`.
fn bracket_cards(ctx: &Ctx, text: &str) -> Result<Vec<Card>> {
    let inner = first_bracket(text).ok_or_else(|| ctx.err("expected cards in [...]"))?;
    parse_card_words(ctx, inner)
}

fn first_bracket(text: &str) -> Option<&str> {
    let start = text.find('[')?;
    let end = start + text[start..].find(']')?;
    Some(&text[start + 1..end])
}

fn last_bracket(text: &str) -> Option<&str> {
    let start = text.rfind('[')?;
    let end = start + text[start..].find(']')?;
    Some(&text[start + 1..end])
}

fn parse_card_words(ctx: &Ctx, inner: &str) -> Result<Vec<Card>> {
    inner
        .split_whitespace()
        .map(|word| {
            word.parse::<Card>()
                .map_err(|e| ctx.err(format!("invalid card {word:?}: {e}")))
        })
        .collect()
}

struct Header {
    hand_id: String,
    variant: PhhVariant,
    small_stake: Chips,
    big_stake: Chips,
    currency: Option<(&'static str, &'static str)>,
    tournament: Option<String>,
    buy_in: Option<String>,
    level: Option<i64>,
    date: Option<(i64, i64, i64)>,
    time: Option<PhhTime>,
    zone: Option<String>,
    zoom: bool,
}

fn roman(text: &str) -> Option<i64> {
    let mut total = 0i64;
    let mut prev = 0i64;
    for c in text.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

fn parse_header(ctx: &mut Ctx, line: &str) -> Result<Header> {
    let line = line.trim_start_matches('\u{feff}').trim();
    let hash = line
        .find('#')
        .ok_or_else(|| ctx.err("the header has no hand number"))?;
    let after = &line[hash + 1..];
    let colon = after
        .find(':')
        .ok_or_else(|| ctx.err("the header has no ':' after the hand number"))?;
    let hand_id = after[..colon].trim().to_owned();
    ctx.hand = hand_id.clone();
    if hand_id.is_empty() || !hand_id.chars().all(|c| c.is_ascii_digit()) {
        return Err(ctx.err(format!("invalid hand number {hand_id:?}")));
    }
    let rest = &after[colon + 1..];
    let zoom = line.contains("Zoom Hand");

    let mut parts = rest.split(" - ").map(str::trim);
    let game_part = parts.next().unwrap_or_default();
    let mut tournament = None;
    let mut buy_in = None;
    let mut level = None;
    let mut stakes_text: Option<&str> = None;
    let mut date_text: Option<&str> = None;
    let mut game_text = game_part;
    if let Some(t) = game_part.strip_prefix("Tournament #") {
        let comma = t.find(',').unwrap_or(t.len());
        tournament = Some(t[..comma].trim().to_owned());
        let rest = t.get(comma + 1..).unwrap_or("").trim();
        // `$10+$1 USD Hold'em No Limit`: the buy-in ends where the game's name begins.
        let game_start = ["Hold'em", "Omaha"]
            .iter()
            .filter_map(|g| rest.find(g))
            .min()
            .unwrap_or(0);
        let bi = rest[..game_start].trim();
        if !bi.is_empty() {
            buy_in = Some(bi.to_owned());
        }
        game_text = &rest[game_start..];
    }
    for part in parts {
        // `Level IV (50/100)`, or `Match Round I, Level I (10/20)` in heads-up matches.
        if let Some(lv) = part.find("Level ").map(|at| &part[at + "Level ".len()..]) {
            let (name, stakes) = match lv.find('(') {
                Some(i) => (lv[..i].trim(), Some(&lv[i..])),
                None => (lv.trim(), None),
            };
            level = roman(name).or_else(|| name.parse().ok());
            stakes_text = stakes;
        } else if part.len() >= 10 && part.as_bytes()[4] == b'/' {
            date_text.get_or_insert(part);
        }
    }
    if stakes_text.is_none() {
        if let Some(i) = game_text.find('(') {
            stakes_text = Some(&game_text[i..]);
            game_text = game_text[..i].trim();
        }
    }
    let game_text = game_text.trim();
    let limit = if game_text.contains("No Limit") {
        "NL"
    } else if game_text.contains("Pot Limit") {
        "PL"
    } else if game_text.contains("Limit") {
        "FL"
    } else {
        return Err(ctx.err(format!("unknown betting structure in {game_text:?}")));
    };
    let game = if game_text.starts_with("Hold'em") {
        "holdem"
    } else if game_text.starts_with("Omaha Hi/Lo") {
        "omaha8"
    } else if game_text.starts_with("Omaha") {
        "omaha"
    } else {
        return Err(ctx.err(format!("unsupported game {game_text:?}")));
    };
    let variant = match (game, limit) {
        ("holdem", "NL") => PhhVariant::NoLimitTexasHoldem,
        ("holdem", "FL") => PhhVariant::FixedLimitTexasHoldem,
        ("omaha", "PL") => PhhVariant::PotLimitOmahaHoldem,
        ("omaha8", "FL") => PhhVariant::FixedLimitOmahaHoldemHighLowSplitEightOrBetter,
        _ => {
            return Err(ctx.err(format!(
                "{game_text:?} has no PHH variant (PHH has no-limit and fixed-limit \
                 hold'em, pot-limit Omaha and fixed-limit Omaha hi/lo)"
            )));
        }
    };
    let stakes_text = stakes_text.ok_or_else(|| ctx.err("the header gives no stakes"))?;
    let inner = stakes_text
        .trim_start_matches('(')
        .split(')')
        .next()
        .unwrap_or_default();
    let mut words = inner.split_whitespace();
    let pair = words.next().unwrap_or_default();
    let code = words.next();
    let mut amounts = pair.split('/');
    let small_stake = parse_amount(ctx, amounts.next().unwrap_or_default())?;
    let big_stake = parse_amount(ctx, amounts.next().unwrap_or_default())?;
    let currency = if tournament.is_some() {
        None
    } else {
        match code {
            Some("USD") => Some(("USD", "$")),
            Some("EUR") => Some(("EUR", "€")),
            Some("GBP") => Some(("GBP", "£")),
            Some("CAD") => Some(("CAD", "$")),
            _ if pair.starts_with('$') => Some(("USD", "$")),
            _ if pair.starts_with('€') => Some(("EUR", "€")),
            _ => None,
        }
    };
    let (mut date, mut time, mut zone) = (None, None, None);
    if let Some(dt) = date_text {
        let mut words = dt.split_whitespace();
        let ymd: Vec<i64> = words
            .next()
            .unwrap_or_default()
            .split('/')
            .filter_map(|p| p.parse().ok())
            .collect();
        if let [y, m, d] = ymd[..] {
            date = Some((y, m, d));
        }
        let hms: Vec<u8> = words
            .next()
            .unwrap_or_default()
            .split(':')
            .filter_map(|p| p.parse().ok())
            .collect();
        if let [hour, minute, second] = hms[..] {
            if hour < 24 && minute < 60 && second <= 60 {
                time = Some(PhhTime {
                    hour,
                    minute,
                    second,
                    nanosecond: 0,
                });
            }
        }
        zone = words
            .next()
            .filter(|z| z.chars().all(|c| c.is_ascii_uppercase()))
            .map(str::to_owned);
    }
    Ok(Header {
        hand_id,
        variant,
        small_stake,
        big_stake,
        currency,
        tournament,
        buy_in,
        level,
        date,
        time,
        zone,
        zoom,
    })
}

struct Seat {
    number: i64,
    name: String,
    stack: Chips,
    sitting_out: bool,
}

fn parse_seat(ctx: &Ctx, line: &str) -> Result<Option<Seat>> {
    let Some(rest) = line.strip_prefix("Seat ") else {
        return Ok(None);
    };
    let Some(colon) = rest.find(": ") else {
        return Ok(None);
    };
    let Ok(number) = rest[..colon].parse::<i64>() else {
        return Ok(None);
    };
    let body = &rest[colon + 2..];
    // `Name ($200 in chips)`, `Name (1500 in chips, $5 bounty)`; names may hold parentheses,
    // so take the last `(` before ` in chips`.
    let Some(chips_at) = body.find(" in chips") else {
        return Ok(None);
    };
    let open = body[..chips_at]
        .rfind('(')
        .ok_or_else(|| ctx.err("a seat line without '(' before its chips"))?;
    let name = body[..open].trim_end().to_owned();
    let stack = parse_amount(ctx, &body[open + 1..chips_at])?;
    let tail = &body[chips_at..];
    let sitting_out = tail.contains("is sitting out") || tail.contains("out of hand");
    Ok(Some(Seat {
        number,
        name,
        stack,
        sitting_out,
    }))
}

/// The player whose name starts `text` followed by `sep` (the longest such name).
fn who<'a>(names: &[String], text: &'a str, sep: &str) -> Option<(usize, &'a str)> {
    names
        .iter()
        .enumerate()
        .filter(|(_, name)| text.starts_with(name.as_str()) && text[name.len()..].starts_with(sep))
        .max_by_key(|(_, name)| name.len())
        .map(|(i, name)| (i, &text[name.len() + sep.len()..]))
}

struct Converter {
    engine: Hand,
    actions: Vec<PhhAction>,
    shown: HashMap<usize, Vec<Card>>,
}

impl Converter {
    fn apply(&mut self, ctx: &Ctx, kind: PhhActionKind) -> Result<()> {
        let engine = PhhHand::engine_action(&self.engine, &kind)
            .map_err(|e| ctx.err(format!("cannot convert: {e}")))?;
        if let Some(action) = engine {
            self.engine.apply(action).map_err(|e| {
                ctx.err(format!(
                    "the rules engine refuses `{}`: {e}",
                    PhhAction::new(kind.clone())
                ))
            })?;
        }
        self.actions.push(PhhAction::new(kind));
        Ok(())
    }

    /// Plays what the text does not write as an action: the runout count (PHH runs the
    /// board once) and, when `showdown` is set, the shows and mucks the engine asks for.
    fn settle(&mut self, ctx: &Ctx, showdown: bool) -> Result<()> {
        loop {
            match self.engine.state().pending() {
                Pending::SelectRunoutCount { player } => {
                    self.engine
                        .apply(Action::SelectRunoutCount { player, count: 1 })
                        .map_err(|e| ctx.err(e.to_string()))?;
                }
                Pending::ShowOrMuck { player } if showdown => {
                    let showdown = match self.shown.get(&player) {
                        Some(cards) => {
                            PhhShowdown::Show(cards.iter().copied().map(PhhCard::Known).collect())
                        }
                        None => PhhShowdown::Muck,
                    };
                    self.apply(
                        ctx,
                        PhhActionKind::ShowOrMuck {
                            player_idx: player,
                            showdown,
                        },
                    )?;
                }
                _ => return Ok(()),
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Seats,
    Play,
    Summary,
}

fn convert_hand(lines: &[(usize, &str)]) -> Result<PhhHand> {
    let (first_line, header_line) = lines.first().copied().unwrap_or((1, ""));
    let mut ctx = Ctx {
        hand: "?".to_owned(),
        line: first_line,
    };
    let header = parse_header(&mut ctx, header_line)?;

    // Seats and the button.
    let mut button: Option<i64> = None;
    let mut seat_count: Option<i64> = None;
    let mut table: Option<String> = None;
    let mut seats: Vec<Seat> = Vec::new();
    let mut body_start = lines.len();
    for (idx, &(number, line)) in lines.iter().enumerate().skip(1) {
        ctx.line = number;
        if let Some(rest) = line.strip_prefix("Table '") {
            if let Some(end) = rest.rfind('\'') {
                table = Some(rest[..end].to_owned());
                let tail = &rest[end + 1..];
                seat_count = tail
                    .split_whitespace()
                    .find_map(|w| w.strip_suffix("-max"))
                    .and_then(|n| n.parse().ok());
                button = tail
                    .split('#')
                    .nth(1)
                    .and_then(|t| t.split_whitespace().next())
                    .and_then(|n| n.parse().ok());
            }
            continue;
        }
        match parse_seat(&ctx, line)? {
            Some(seat) => seats.push(seat),
            None => {
                if !line.trim().is_empty() {
                    body_start = idx;
                    break;
                }
            }
        }
    }
    let button =
        button.ok_or_else(|| ctx.err_at(first_line, "no button seat in the table line"))?;
    if seats.is_empty() {
        return Err(ctx.err_at(first_line, "no seat lines"));
    }
    let body = &lines[body_start.min(lines.len())..];

    // A seat marked sitting out plays only if it posts or acts.
    let seated_names: Vec<String> = seats.iter().map(|s| s.name.clone()).collect();
    let mut acting = vec![false; seats.len()];
    for &(_, line) in body {
        if line.starts_with("*** SUMMARY") {
            break;
        }
        if let Some((i, what)) = who(&seated_names, line, ": ") {
            // `Kim: is sitting out` and chat are not play.
            const PLAY: [&str; 8] = [
                "posts ", "folds", "checks", "calls ", "bets ", "raises ", "shows ", "mucks",
            ];
            acting[i] |= PLAY.iter().any(|verb| what.starts_with(verb));
        }
    }
    let mut dealt: Vec<&Seat> = seats
        .iter()
        .zip(&acting)
        .filter(|(seat, acts)| !seat.sitting_out || **acts)
        .map(|(seat, _)| seat)
        .collect();
    // PHH order: from the seat after the button round to the button.
    dealt.sort_by_key(|seat| (seat.number <= button, seat.number));
    if dealt.len() < 2 {
        return Err(ctx.err_at(first_line, "fewer than two players are dealt in"));
    }
    // Heads-up, this lists the big blind first and the button (the small blind) second,
    // as PHH does.
    let heads_up = dealt.len() == 2;
    let names: Vec<String> = dealt.iter().map(|s| s.name.clone()).collect();
    let n = names.len();

    // Forced bets, the hero's cards, the shown cards and what each player collected.
    let mut antes = vec![Chips::ZERO; n];
    let mut blinds = vec![Chips::ZERO; n];
    let mut hero: Option<(usize, Vec<Card>)> = None;
    let mut shown: HashMap<usize, Vec<Card>> = HashMap::new();
    let mut collected = vec![Chips::ZERO; n];
    let mut rake: Option<String> = None;
    let mut section = Section::Seats;
    let mut big_blind_posted = false;
    for &(number, line) in body {
        ctx.line = number;
        if line.starts_with("*** ") {
            section = if line.starts_with("*** SUMMARY") {
                Section::Summary
            } else {
                Section::Play
            };
            continue;
        }
        if section == Section::Summary {
            if let Some(rest) = line.strip_prefix("Total pot ") {
                if let Some(r) = rest.split("Rake ").nth(1) {
                    let r = r.split_whitespace().next().unwrap_or_default();
                    rake = Some(parse_amount(&ctx, r)?.to_string());
                }
            } else if let Some(rest) = line.strip_prefix("Seat ") {
                let body = rest.split_once(": ").map_or("", |(_, b)| b);
                if let Some((i, tail)) = who(&names, body, " ") {
                    if let Some(at) = tail.find("showed [") {
                        shown.insert(i, bracket_cards(&ctx, &tail[at..])?);
                    }
                }
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("Dealt to ") {
            if let Some((i, tail)) = who(&names, rest, " [") {
                let cards = parse_card_words(&ctx, tail.split(']').next().unwrap_or_default())?;
                hero = Some((i, cards));
            }
            continue;
        }
        if let Some((i, what)) = who(&names, line, ": ") {
            if section == Section::Seats {
                if let Some(amount) = what.strip_prefix("posts the ante ") {
                    antes[i] += parse_amount(&ctx, first_amount(amount))?;
                } else if let Some(amount) = what.strip_prefix("posts small & big blinds ") {
                    // The dead small blind is dead money, as an ante is; the big blind is live.
                    let total = parse_amount(&ctx, first_amount(amount))?;
                    let dead = header_blinds(&header).0;
                    antes[i] += dead.min(total);
                    let live = total - dead.min(total);
                    blinds[i] = if big_blind_posted { -live } else { live };
                    big_blind_posted = true;
                } else if let Some(amount) = what.strip_prefix("posts small blind ") {
                    blinds[i] = parse_amount(&ctx, first_amount(amount))?;
                } else if let Some(amount) = what.strip_prefix("posts big blind ") {
                    let amount = parse_amount(&ctx, first_amount(amount))?;
                    // A big blind from a seat other than the big blind's (a new player
                    // posting in) does not change who acts first: PHH writes it negative.
                    if big_blind_posted {
                        blinds[i] = -amount;
                    } else {
                        blinds[i] = amount;
                        big_blind_posted = true;
                    }
                } else if let Some(amount) = what.strip_prefix("posts straddle ") {
                    blinds[i] = parse_amount(&ctx, first_amount(amount))?;
                }
            } else if let Some(rest) = what.strip_prefix("shows [") {
                shown.insert(i, bracket_cards(&ctx, &format!("[{rest}"))?);
            }
            continue;
        }
        if let Some((i, rest)) = who(&names, line, " collected ") {
            collected[i] += parse_amount(&ctx, first_amount(rest))?;
        }
    }
    if heads_up {
        // The engine reads heads-up forced bets from the other player's slot.
        blinds.swap(0, 1);
        antes.swap(0, 1);
    }

    let mut phh = PhhHand::new(header.variant);
    phh.antes = antes;
    phh.blinds_or_straddles = Some(blinds);
    if header.variant.betting() == crate::phh::PhhBetting::FixedLimit {
        phh.small_bet = Some(header.small_stake);
        phh.big_bet = Some(header.big_stake);
    } else {
        phh.min_bet = Some(header.big_stake);
    }
    phh.starting_stacks = dealt.iter().map(|s| PhhStack::Chips(s.stack)).collect();
    phh.event = header
        .tournament
        .as_ref()
        .map(|t| format!("PokerStars Tournament #{t}"));
    phh.venue = Some("PokerStars".to_owned());
    phh.time = header.time;
    if let Some(zone) = &header.zone {
        if zone == "ET" {
            phh.time_zone = Some("America/New_York".to_owned());
        }
        phh.time_zone_abbreviation = Some(zone.clone());
    }
    if let Some((year, month, day)) = header.date {
        phh.year = Some(year);
        phh.month = Some(month);
        phh.day = Some(day);
    }
    phh.hand = Some(match header.hand_id.parse::<i64>() {
        Ok(id) => PhhLabel::Number(id),
        Err(_) => PhhLabel::Name(header.hand_id.clone()),
    });
    phh.level = header.level;
    phh.seats = Some(dealt.iter().map(|s| s.number).collect());
    phh.seat_count = seat_count;
    phh.table = table.map(PhhLabel::Name);
    phh.players = Some(names.clone());
    phh.winnings = Some(collected);
    if let Some((code, symbol)) = header.currency {
        phh.currency = Some(code.to_owned());
        phh.currency_symbol = Some(symbol.to_owned());
    }
    let mut user = vec![("_button_seat".to_owned(), PhhValue::Integer(button))];
    if let Some(buy_in) = &header.buy_in {
        user.push(("_buy_in".to_owned(), PhhValue::String(buy_in.clone())));
    }
    if let Some(rake) = rake {
        user.push(("_rake".to_owned(), PhhValue::String(rake)));
    }
    if header.zoom {
        user.push(("_zoom".to_owned(), PhhValue::Boolean(true)));
    }

    // The actions, played through the engine as they are converted.
    ctx.line = first_line;
    let engine = phh
        .to_config()
        .and_then(Hand::new)
        .map_err(|e| ctx.err(e.to_string()))?;
    let mut conv = Converter {
        engine,
        actions: Vec::new(),
        shown,
    };
    let deal_holes = |conv: &mut Converter, ctx: &Ctx| -> Result<()> {
        while let Pending::DealHole { player, count } = conv.engine.state().pending() {
            let cards = match &hero {
                Some((i, cards)) if *i == player => {
                    cards.iter().copied().map(PhhCard::Known).collect()
                }
                _ => vec![PhhCard::Unknown; count],
            };
            conv.apply(
                ctx,
                PhhActionKind::DealHole {
                    player_idx: player,
                    cards,
                },
            )?;
        }
        Ok(())
    };
    let mut second_board: Vec<Card> = Vec::new();
    let mut last_line = first_line;
    for &(number, line) in body {
        ctx.line = number;
        last_line = number;
        if line.starts_with("*** SUMMARY") {
            break;
        }
        if let Some(street) = line.strip_prefix("*** ") {
            let name = street.split(" ***").next().unwrap_or_default();
            match name {
                "HOLE CARDS" => {
                    conv.settle(&ctx, false)?;
                    deal_holes(&mut conv, &ctx)?;
                }
                "FLOP" | "TURN" | "RIVER" | "FIRST FLOP" | "FIRST TURN" | "FIRST RIVER" => {
                    conv.settle(&ctx, true)?;
                    deal_holes(&mut conv, &ctx)?;
                    let new = if name.ends_with("FLOP") {
                        first_bracket(street)
                    } else {
                        last_bracket(street)
                    };
                    let cards = parse_card_words(
                        &ctx,
                        new.ok_or_else(|| ctx.err("a street without its cards"))?,
                    )?;
                    conv.apply(
                        &ctx,
                        PhhActionKind::DealBoard {
                            cards: cards.into_iter().map(PhhCard::Known).collect(),
                        },
                    )?;
                }
                "SECOND FLOP" | "SECOND TURN" | "SECOND RIVER" => {
                    let new = if name.ends_with("FLOP") {
                        first_bracket(street)
                    } else {
                        last_bracket(street)
                    };
                    if let Some(new) = new {
                        second_board.extend(parse_card_words(&ctx, new)?);
                    }
                }
                _ => {}
            }
            continue;
        }
        let Some((i, what)) = who(&names, line, ": ") else {
            continue;
        };
        let what = what.trim_end();
        let kind = if what == "folds" || what.starts_with("folds [") {
            PhhActionKind::Fold { player_idx: i }
        } else if what == "checks" {
            PhhActionKind::CheckOrCall { player_idx: i }
        } else if let Some(amount) = what.strip_prefix("calls ") {
            parse_amount(&ctx, first_amount(amount))?;
            PhhActionKind::CheckOrCall { player_idx: i }
        } else if let Some(amount) = what.strip_prefix("bets ") {
            PhhActionKind::CompleteBetOrRaiseTo {
                player_idx: i,
                amount: parse_amount(&ctx, first_amount(amount))?,
            }
        } else if let Some(rest) = what.strip_prefix("raises ") {
            let to = rest
                .split_once(" to ")
                .map(|(_, to)| to)
                .ok_or_else(|| ctx.err(format!("a raise without 'to': {what:?}")))?;
            PhhActionKind::CompleteBetOrRaiseTo {
                player_idx: i,
                amount: parse_amount(&ctx, first_amount(to))?,
            }
        } else {
            // Posts, shows, mucks and chat-like lines: the posts are forced bets, the
            // shows are written when the engine reaches the showdown.
            continue;
        };
        conv.settle(&ctx, true)?;
        deal_holes(&mut conv, &ctx)?;
        conv.apply(&ctx, kind)?;
    }
    ctx.line = last_line;
    conv.settle(&ctx, true)?;
    if !conv.engine.state().is_complete() {
        return Err(ctx.err(format!(
            "the hand stops before it is over: the rules engine waits for {:?}",
            conv.engine.state().pending()
        )));
    }
    if !second_board.is_empty() {
        let cards: Vec<PhhCard> = second_board.into_iter().map(PhhCard::Known).collect();
        user.push((
            "_second_board".to_owned(),
            PhhValue::String(PhhCard::format_list(&cards)),
        ));
    }
    phh.actions = conv.actions;
    phh.user_defined_fields = user;
    Ok(phh)
}

/// The amount at the start of `text`: `$3 and is all-in` gives `$3`.
fn first_amount(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or_default()
}

/// The header's blinds: in limit games the stakes are the bets, and the blinds half of
/// each.
fn header_blinds(header: &Header) -> (Chips, Chips) {
    if header.variant.betting() == crate::phh::PhhBetting::FixedLimit {
        let half = |c: Chips| Chips::from(c.as_decimal() / rust_decimal::Decimal::TWO);
        (half(header.small_stake), header.small_stake)
    } else {
        (header.small_stake, header.big_stake)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(line: &str) -> Result<Header> {
        let mut ctx = Ctx {
            hand: "?".to_owned(),
            line: 1,
        };
        parse_header(&mut ctx, line)
    }

    #[test]
    fn roman_levels() {
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("XII"), Some(12));
        assert_eq!(roman("XXIX"), Some(29));
        assert_eq!(roman("Q"), None);
        assert_eq!(roman(""), None);
    }

    #[test]
    fn headers_of_each_kind() -> Result<()> {
        let cash = header(
            "PokerStars Hand #1: Hold'em No Limit (€0.05/€0.10 EUR) - 2024/01/02 03:04:05 CET",
        )?;
        assert_eq!(cash.currency, Some(("EUR", "€")));
        assert_eq!(cash.big_stake, "0.10".parse()?);
        assert_eq!(cash.zone.as_deref(), Some("CET"));
        let matched = header(
            "PokerStars Hand #2: Tournament #9, $50+$2.50 USD Hold'em No Limit - \
             Match Round I, Level II (15/30) - 2024/01/02 03:04:05 ET",
        )?;
        assert_eq!(
            (matched.level, matched.small_stake),
            (Some(2), Chips::from(15))
        );
        assert_eq!(matched.buy_in.as_deref(), Some("$50+$2.50 USD"));
        let old =
            header("PokerStars Game #3: Omaha Pot Limit ($0.25/$0.50) - 2009/01/02 03:04:05 ET")?;
        assert_eq!(old.variant, PhhVariant::PotLimitOmahaHoldem);
        let Err(Error::Import {
            hand,
            line,
            message,
            ..
        }) = header("PokerStars Hand #4: 7 Card Stud Limit ($1/$2 USD) - 2024/01/02 03:04:05 ET")
        else {
            panic!("stud converted")
        };
        assert_eq!((hand.as_str(), line), ("4", 1));
        assert!(message.contains("7 Card Stud"), "{message}");
        Ok(())
    }
}
