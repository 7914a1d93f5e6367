//! Equity and outs across the ABI: exact, seeded Monte Carlo, or the best answer within
//! a time budget, for every variant the rules engine knows.

use std::ffi::c_char;
use std::time::Duration;

use ggp_core::CardSet;
use ggp_core::equity::{CancelToken, EquityMode, EquityQuery, EquityResult};

use crate::boundary::{FfiError, FfiResult, guard, out_arg, slice_arg, utf8_arg};
use crate::cards::{cards_arg, ggp_card};
use crate::rules::write_text;
use crate::status::{ggp_error, ggp_status};

/// How `ggp_equity_compute` computes.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_equity_mode {
    /// Every deal and board.
    Exact = 0,
    /// `samples` random deals from `seed`: the same answer on any thread count.
    MonteCarlo = 1,
    /// The best answer within `budget_ms` (or until `cancel` is cancelled): exact when
    /// small, Monte Carlo from `seed` otherwise.
    BestWithin = 2,
}

/// A flag that stops a `GGP_EQUITY_MODE_BEST_WITHIN` computation early (opaque). Made by
/// `ggp_cancel_token_new`, released by `ggp_cancel_token_free`. The one handle that may be
/// used from two threads at once: `ggp_cancel_token_cancel` from one while a computation
/// holding it runs on another.
#[derive(Debug)]
pub struct ggp_cancel_token {
    token: CancelToken,
}

/// The question: a variant and the cards. Each array is (pointer, length); a pointer may
/// be NULL when its length is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_equity_input {
    /// A PHH code or readable name, UTF-8: "NT", "plo", "FO/8", "razz", "F7S/8", "badugi".
    pub variant: *const c_char,
    /// Bytes in `variant`.
    pub variant_len: usize,
    /// Every seat's cards, one seat after another. In board games a seat's hole cards;
    /// in stud and draw games the cards known to end in its hand (up-cards and seen
    /// down-cards, or the cards kept), the rest dealt from the unseen cards.
    pub hand_cards: *const ggp_card,
    /// How many of `hand_cards` each seat has, `players` entries; 0 is a random hand.
    pub hand_lens: *const usize,
    /// Seats: 2 to 10.
    pub players: usize,
    /// The board so far (board games).
    pub board: *const ggp_card,
    /// Cards on the board.
    pub board_len: usize,
    /// Cards out of play: mucked hands, folded up-cards, discards.
    pub dead: *const ggp_card,
    /// Dead cards.
    pub dead_len: usize,
}

/// How to compute.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_equity_options {
    /// A `ggp_equity_mode` value; any other number is `GGP_STATUS_INVALID_ARGUMENT`.
    pub mode: u32,
    /// Monte Carlo samples.
    pub samples: u64,
    /// The Monte Carlo seed.
    pub seed: u64,
    /// The time budget of `GGP_EQUITY_MODE_BEST_WITHIN`, in milliseconds.
    pub budget_ms: u64,
    /// Threads: 0 for every core.
    pub threads: u32,
    /// NULL, or a token that stops a best-within computation early.
    pub cancel: *const ggp_cancel_token,
}

/// One seat's share.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ggp_equity_player {
    /// Boards (or samples) on which the seat took the whole pot alone.
    pub win: u64,
    /// Boards on which it took part of the pot.
    pub tie: u64,
    /// Boards on which it took nothing.
    pub lose: u64,
    /// Its average share of the pot, 0 to 1.
    pub equity: f64,
    /// The standard error of `equity`; 0 for an exact answer.
    pub std_error: f64,
    /// Hi-lo games: the average share won with the high hand (0 otherwise).
    pub high: f64,
    /// Hi-lo games: the average share won with the low hand (0 otherwise).
    pub low: f64,
    /// Hi-lo games: the fraction of boards on which it took the whole pot (0 otherwise).
    pub scoop: f64,
}

/// What the computation covered.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ggp_equity_summary {
    /// Boards (or deals, or samples) counted.
    pub boards: u64,
    /// Whether every one was enumerated (no sampling error).
    pub exact: bool,
    /// Whether the game splits the pot high and low (`high`, `low`, `scoop` are set).
    pub hi_lo: bool,
}

/// Makes a cancel token. Release it with `ggp_cancel_token_free`.
///
/// # Safety
/// `out_token` must point to a writable `ggp_cancel_token *`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_cancel_token_new(
    out_token: *mut *mut ggp_cancel_token,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let out_token = unsafe { out_arg(out_token, "out_token") }?;
        *out_token = Box::into_raw(Box::new(ggp_cancel_token {
            token: CancelToken::new(),
        }));
        Ok(())
    })
}

/// Asks every computation holding `token` to stop; they return the estimate so far.
///
/// # Safety
/// `token` must be a live handle; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_cancel_token_cancel(
    token: *const ggp_cancel_token,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: the caller passes NULL or a live handle.
        let token = unsafe { token.as_ref() }.ok_or_else(|| FfiError::null("token"))?;
        token.token.cancel();
        Ok(())
    })
}

/// Releases a cancel token; NULL is a no-op.
///
/// # Safety
/// `token` must be NULL or a handle from `ggp_cancel_token_new` not yet freed, and no
/// computation may still hold it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_cancel_token_free(token: *mut ggp_cancel_token) {
    if token.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: the pointer came from Box::into_raw in ggp_cancel_token_new and is
        // freed once.
        drop(unsafe { Box::from_raw(token) });
    });
}

/// Reads a card array into a set.
///
/// # Safety
/// `cards` must be NULL or point to `len` readable cards.
unsafe fn card_set_arg(cards: *const ggp_card, len: usize, name: &str) -> FfiResult<CardSet> {
    // SAFETY: forwarded from this function's contract.
    let cards = unsafe { cards_arg(cards, len, name) }?;
    Ok(CardSet::from_distinct(&cards)?)
}

/// Reads the question.
///
/// # Safety
/// Every pointer in `input` must be NULL or valid for its length.
pub(crate) unsafe fn query_arg(
    input: &ggp_equity_input,
    mode: EquityMode,
    threads: usize,
) -> FfiResult<EquityQuery> {
    // SAFETY: forwarded from this function's contract.
    let variant = unsafe { utf8_arg(input.variant, input.variant_len, "input.variant") }?;
    // SAFETY: as above.
    let lens = unsafe { slice_arg(input.hand_lens, input.players, "input.hand_lens") }?;
    let total = lens
        .iter()
        .try_fold(0usize, |sum, &len| sum.checked_add(len));
    let total = total
        .ok_or_else(|| FfiError::new(ggp_status::InvalidArgument, "input.hand_lens overflow"))?;
    // SAFETY: as above; `total` is the length the caller's hand_lens describe.
    let cards = unsafe { cards_arg(input.hand_cards, total, "input.hand_cards") }?;
    let mut hands = Vec::with_capacity(lens.len());
    let mut start = 0;
    for &len in lens {
        let hand = &cards[start..start + len];
        start += len;
        hands.push(if len == 0 {
            None
        } else {
            Some(CardSet::from_distinct(hand)?)
        });
    }
    Ok(EquityQuery {
        variant: variant.to_owned(),
        hands,
        // SAFETY: as above.
        board: unsafe { card_set_arg(input.board, input.board_len, "input.board") }?,
        // SAFETY: as above.
        dead: unsafe { card_set_arg(input.dead, input.dead_len, "input.dead") }?,
        mode,
        threads,
    })
}

fn player_out(result: &EquityResult, seat: usize) -> ggp_equity_player {
    result
        .players
        .get(seat)
        .map_or_else(ggp_equity_player::default, |p| ggp_equity_player {
            win: p.win,
            tie: p.tie,
            lose: p.lose,
            equity: p.equity,
            std_error: p.std_error.unwrap_or(0.0),
            high: p.high.unwrap_or(0.0),
            low: p.low.unwrap_or(0.0),
            scoop: p.scoop.unwrap_or(0.0),
        })
}

/// Computes every seat's equity. `out_players` receives one `ggp_equity_player` per seat
/// (it must have room for `input->players`), `out_summary` the boards counted.
///
/// # Safety
/// `input` and `options` must point to readable structs whose pointers are valid for
/// their lengths; `out_players` to `out_capacity` writable players; `out_summary` to a
/// writable summary; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_equity_compute(
    input: *const ggp_equity_input,
    options: *const ggp_equity_options,
    out_players: *mut ggp_equity_player,
    out_capacity: usize,
    out_summary: *mut ggp_equity_summary,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let input = unsafe { input.as_ref() }.ok_or_else(|| FfiError::null("input"))?;
        // SAFETY: as above.
        let options = unsafe { options.as_ref() }.ok_or_else(|| FfiError::null("options"))?;
        // SAFETY: as above.
        let out_summary = unsafe { out_arg(out_summary, "out_summary") }?;
        if out_players.is_null() {
            return Err(FfiError::null("out_players"));
        }
        if out_capacity < input.players {
            return Err(FfiError::new(
                ggp_status::BufferTooSmall,
                format!(
                    "out_players has room for {out_capacity} players; the input has {}",
                    input.players
                ),
            ));
        }
        let mode = match options.mode {
            0 => EquityMode::Exact,
            1 => EquityMode::MonteCarlo {
                samples: options.samples,
                seed: options.seed,
            },
            2 => EquityMode::BestWithin {
                budget: Duration::from_millis(options.budget_ms),
                seed: options.seed,
            },
            other => {
                return Err(FfiError::new(
                    ggp_status::InvalidArgument,
                    format!("options.mode {other} is not a ggp_equity_mode"),
                ));
            }
        };
        // SAFETY: the caller passes NULL or a live token.
        let cancel = unsafe { options.cancel.as_ref() }.map(|t| &t.token);
        // SAFETY: forwarded from this function's contract.
        let query = unsafe { query_arg(input, mode, options.threads as usize) }?;
        let result = query.compute(cancel)?;
        for seat in 0..input.players {
            // SAFETY: seat < players <= out_capacity writable players, non-NULL above.
            unsafe { out_players.add(seat).write(player_out(&result, seat)) };
        }
        *out_summary = ggp_equity_summary {
            boards: result.boards,
            exact: result.exact,
            hi_lo: result.players.iter().any(|p| p.high.is_some()),
        };
        Ok(())
    })
}

/// Outs for the next board card, as JSON: `{"equities": [...], "leaders": [...],
/// "cards": [{"card": "Th", "equities": [...], "leaders": [...]}, ...], "outs":
/// [["Th", ...], ...]}`. Board games with known hands on the flop or turn; `threads` 0
/// for every core.
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL`, `buffer` is left alone and `*out_len` still receives
/// the length: allocate `*out_len + 1` bytes and call again. `buffer` may be NULL when
/// `buffer_len` is 0, to ask for the size.
///
/// # Safety
/// `input` must point to a readable struct whose pointers are valid for their lengths;
/// `buffer` must be NULL or point to `buffer_len` writable bytes; `out_len` must point to
/// a writable `size_t`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_equity_outs_json(
    input: *const ggp_equity_input,
    threads: u32,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let input = unsafe { input.as_ref() }.ok_or_else(|| FfiError::null("input"))?;
        // SAFETY: as above.
        let query = unsafe { query_arg(input, EquityMode::Exact, threads as usize) }?;
        let outs = query.outs()?;
        let json = serde_json::to_string(&outs).map_err(|e| {
            FfiError::new(ggp_status::Panic, format!("outs did not serialize: {e}"))
        })?;
        // SAFETY: forwarded from this function's contract.
        unsafe { write_text(&json, buffer, buffer_len, out_len) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(variant: &str, cards: &[u8], lens: &[usize], board: &[u8]) -> ggp_equity_input {
        ggp_equity_input {
            variant: variant.as_ptr().cast(),
            variant_len: variant.len(),
            hand_cards: cards.as_ptr(),
            hand_lens: lens.as_ptr(),
            players: lens.len(),
            board: board.as_ptr(),
            board_len: board.len(),
            dead: std::ptr::null(),
            dead_len: 0,
        }
    }

    fn card(text: &str) -> u8 {
        ggp_core::Card::parse(text).unwrap().index()
    }

    #[test]
    fn exact_heads_up_is_the_published_count() {
        let cards = ["Ah", "Kh", "Qs", "Qd"].map(card);
        let input = input("NT", &cards, &[2, 2], &[]);
        let options = ggp_equity_options {
            mode: ggp_equity_mode::Exact as u32,
            samples: 0,
            seed: 0,
            budget_ms: 0,
            threads: 1,
            cancel: std::ptr::null(),
        };
        let mut players = [ggp_equity_player::default(); 2];
        let mut summary = ggp_equity_summary::default();
        // SAFETY: every pointer is valid for its length.
        let status = unsafe {
            ggp_equity_compute(
                &input,
                &options,
                players.as_mut_ptr(),
                2,
                &mut summary,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(status, ggp_status::Ok);
        assert_eq!(summary.boards, 1_712_304);
        assert!(summary.exact && !summary.hi_lo);
        assert_eq!(
            (players[0].win, players[0].tie, players[0].lose),
            (787_966, 6_732, 917_606)
        );
        assert_eq!(players[0].std_error, 0.0);
    }

    #[test]
    fn monte_carlo_random_hands_and_a_cancelled_budget() {
        let cards = ["As", "Ks", "Qd", "Jd"].map(card);
        let board = ["2h", "3h", "4c"].map(card);
        let input = input("FO/8", &cards, &[4, 0], &board);
        let mut token = std::ptr::null_mut();
        // SAFETY: valid out pointer.
        assert_eq!(
            unsafe { ggp_cancel_token_new(&mut token, std::ptr::null_mut()) },
            ggp_status::Ok
        );
        // SAFETY: a live token.
        unsafe { ggp_cancel_token_cancel(token, std::ptr::null_mut()) };
        for (mode, samples) in [
            (ggp_equity_mode::MonteCarlo, 4096),
            (ggp_equity_mode::BestWithin, 0),
        ] {
            let options = ggp_equity_options {
                mode: mode as u32,
                samples,
                seed: 7,
                budget_ms: 10_000,
                threads: 2,
                cancel: token,
            };
            let mut players = [ggp_equity_player::default(); 2];
            let mut summary = ggp_equity_summary::default();
            // SAFETY: every pointer is valid for its length.
            let status = unsafe {
                ggp_equity_compute(
                    &input,
                    &options,
                    players.as_mut_ptr(),
                    2,
                    &mut summary,
                    std::ptr::null_mut(),
                )
            };
            assert_eq!(status, ggp_status::Ok);
            assert!(!summary.exact && summary.hi_lo && summary.boards > 0);
            assert!(players[0].std_error > 0.0);
            assert!((players[0].equity + players[1].equity - 1.0).abs() < 1e-9);
        }
        // SAFETY: the token is freed once; NULL is a no-op.
        unsafe {
            ggp_cancel_token_free(token);
            ggp_cancel_token_free(std::ptr::null_mut());
        }
    }

    #[test]
    fn errors_are_statuses() {
        let cards = ["Ah", "Kh", "Qs", "Qd"].map(card);
        let good = input("NT", &cards, &[2, 2], &[]);
        let options = ggp_equity_options {
            mode: 9,
            samples: 0,
            seed: 0,
            budget_ms: 0,
            threads: 1,
            cancel: std::ptr::null(),
        };
        let mut players = [ggp_equity_player::default(); 2];
        let mut summary = ggp_equity_summary::default();
        // SAFETY: every pointer is valid for its length.
        let call = |input: &ggp_equity_input,
                    options: &ggp_equity_options,
                    players: &mut [ggp_equity_player; 2],
                    summary: &mut ggp_equity_summary| unsafe {
            ggp_equity_compute(
                input,
                options,
                players.as_mut_ptr(),
                2,
                summary,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(
            call(&good, &options, &mut players, &mut summary),
            ggp_status::InvalidArgument
        );
        let options = ggp_equity_options { mode: 0, ..options };
        let unknown = input("nonsense", &cards, &[2, 2], &[]);
        assert_eq!(
            call(&unknown, &options, &mut players, &mut summary),
            ggp_status::UnknownName
        );
        let twice = ["Ah", "Kh", "Ah", "Qd"].map(card);
        let twice = input("NT", &twice, &[2, 2], &[]);
        assert_eq!(
            call(&twice, &options, &mut players, &mut summary),
            ggp_status::DuplicateCard
        );
        assert_eq!(
            summary,
            ggp_equity_summary::default(),
            "nothing written on failure"
        );
    }

    #[test]
    fn outs_as_json() {
        let cards = ["Ah", "Kh", "Qs", "Qd"].map(card);
        let board = ["2h", "7h", "9c"].map(card);
        let input = input("NT", &cards, &[2, 2], &board);
        let mut len = 0;
        // SAFETY: asking for the size with a NULL buffer of length 0.
        let status = unsafe {
            ggp_equity_outs_json(
                &input,
                1,
                std::ptr::null_mut(),
                0,
                &mut len,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(status, ggp_status::BufferTooSmall);
        let mut buffer = vec![0 as c_char; len + 1];
        // SAFETY: a buffer of len + 1 bytes.
        let status = unsafe {
            ggp_equity_outs_json(
                &input,
                1,
                buffer.as_mut_ptr(),
                buffer.len(),
                &mut len,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(status, ggp_status::Ok);
        let bytes: Vec<u8> = buffer[..len].iter().map(|&c| c as u8).collect();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["cards"].as_array().unwrap().len(), 45);
        assert_eq!(json["outs"].as_array().unwrap().len(), 2);
    }
}
