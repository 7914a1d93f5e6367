use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::*;
use crate::card::Card;
use crate::eval::{Ranked, evaluate};

fn set(text: &str) -> CardSet {
    CardSet::parse(text).unwrap()
}

fn request(game: BoardGame, hands: &[&str], board: &str) -> EquityRequest {
    let hands: Vec<CardSet> = hands.iter().map(|h| set(h)).collect();
    EquityRequest::new(game, &hands).with_board(if board.is_empty() {
        CardSet::EMPTY
    } else {
        set(board)
    })
}

/// An independent count: every completion, each hand ranked by the checked evaluator,
/// shares split in floating point.
fn brute_force(request: &EquityRequest) -> (u64, Vec<f64>, Vec<u64>) {
    let hands: Vec<Vec<Card>> = request
        .players
        .iter()
        .map(|h| match h {
            Holding::Known(hand) => hand.iter().collect(),
            Holding::Random => unreachable!(),
        })
        .collect();
    let unseen: Vec<Card> = request.unseen().iter().collect();
    let left = 5 - request.board.len();
    let mut boards = 0;
    let mut shares = vec![0.0; hands.len()];
    let mut wins = vec![0; hands.len()];
    let mut subset = Vec::new();
    fn each(
        unseen: &[Card],
        start: usize,
        left: usize,
        subset: &mut Vec<Card>,
        visit: &mut dyn FnMut(&[Card]),
    ) {
        if left == 0 {
            visit(subset);
            return;
        }
        for i in start..unseen.len() {
            subset.push(unseen[i]);
            each(unseen, i + 1, left - 1, subset, visit);
            subset.pop();
        }
    }
    let types = request.game.hand_types();
    each(&unseen, 0, left, &mut subset, &mut |extra| {
        let mut board: Vec<Card> = request.board.iter().collect();
        board.extend_from_slice(extra);
        boards += 1;
        let mut pot = vec![0.0; hands.len()];
        let halves: Vec<Vec<Option<Ranked>>> = types
            .iter()
            .map(|&t| {
                hands
                    .iter()
                    .map(|h| evaluate(t, h, &board).unwrap())
                    .collect()
            })
            .collect();
        let qualifying: Vec<&Vec<Option<Ranked>>> = halves
            .iter()
            .filter(|half| half.iter().any(Option::is_some))
            .collect();
        for half in &qualifying {
            let best = half.iter().flatten().map(|r| r.strength).max().unwrap();
            let winners: Vec<usize> = (0..hands.len())
                .filter(|&i| half[i].is_some_and(|r| r.strength == best))
                .collect();
            for &w in &winners {
                pot[w] += 1.0 / qualifying.len() as f64 / winners.len() as f64;
            }
        }
        for (i, share) in pot.iter().enumerate() {
            shares[i] += share;
            if *share > 0.999_999 {
                wins[i] += 1;
            }
        }
    });
    let equities = shares.iter().map(|s| s / boards as f64).collect();
    (boards, equities, wins)
}

fn assert_matches_brute_force(request: &EquityRequest) {
    let exact = request.exact(1).unwrap();
    let (boards, equities, wins) = brute_force(request);
    assert_eq!(exact.boards, boards);
    for (i, player) in exact.players.iter().enumerate() {
        assert!(
            (player.equity - equities[i]).abs() < 1e-9,
            "{request:?} {i}"
        );
        assert_eq!(player.win, wins[i], "{request:?} {i}");
        assert_eq!(player.win + player.tie + player.lose, boards);
    }
    let total: f64 = exact.players.iter().map(|p| p.equity).sum();
    assert!((total - 1.0).abs() < 1e-9);
}

#[test]
fn ak_suited_against_queens_preflop_is_the_published_count() {
    let request = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "");
    let result = request.exact(1).unwrap();
    assert!(result.exact);
    assert_eq!(result.boards, 1_712_304);
    let [ak, queens] = [result.players[0], result.players[1]];
    assert_eq!((ak.win, ak.tie, ak.lose), (787_966, 6_732, 917_606));
    assert_eq!(
        (queens.win, queens.tie, queens.lose),
        (917_606, 6_732, 787_966)
    );
    assert!((ak.equity - (787_966.0 + 6_732.0 / 2.0) / 1_712_304.0).abs() < 1e-12);
    assert_eq!(ak.std_error, None);
    // Any number of threads counts the same boards.
    assert_eq!(request.exact(2).unwrap(), result);
    assert_eq!(request.exact(0).unwrap(), result);
}

#[test]
fn dead_cards_leave_the_deck() {
    let with_dead = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "").with_dead(set("Qc 2h"));
    let result = with_dead.exact(2).unwrap();
    assert_eq!(result.boards, 1_370_754); // C(46, 5)
    let live = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "")
        .exact(1)
        .unwrap();
    // A dead queen hurts the queens.
    assert!(result.players[0].equity > live.players[0].equity);
}

#[test]
fn exact_counts_match_a_brute_force_on_partial_boards() {
    for (game, hands, board) in [
        (
            BoardGame::Holdem,
            vec!["Ah Kh", "Qs Qd", "7c 8c"],
            "2h 9c Td",
        ),
        (
            BoardGame::Holdem,
            vec!["As Ad", "Ks Kd", "Qs Qd", "Js Jd"],
            "2c 3c 4d",
        ),
        (BoardGame::Holdem, vec!["5h 5d", "5c 5s"], "Ah Kd Qc Jc"),
        (
            BoardGame::ShortDeck(ShortDeckRules::Triton),
            vec!["Ah Kh", "9s 9d"],
            "6h 7h 8c",
        ),
        (
            BoardGame::ShortDeck(ShortDeckRules::Standard),
            vec!["Ah Kh", "9s 9d", "Tc Jc"],
            "6h 7h 8c",
        ),
        (
            BoardGame::Omaha,
            vec!["As Ks Qd Jd", "9h 9c 8h 7c", "2s 3s 4d 5d"],
            "2h 3h 4c",
        ),
        (
            BoardGame::OmahaHiLo,
            vec!["As 2s Qd Jd", "Ah 3c 8h 7c", "2d 3s 4d 5d"],
            "6h 7h Kc",
        ),
        (
            BoardGame::OmahaHiLo,
            vec!["As 2s 3d Jd Td", "Ah 3c 8h 7c Kh"],
            "9h Kc Qs 4s",
        ),
    ] {
        assert_matches_brute_force(&request(game, &hands, board));
    }
}

#[test]
fn hi_lo_shares_add_up() {
    let request = request(
        BoardGame::OmahaHiLo,
        &["As 2s Qd Jd", "Ah 3c 8h 7c"],
        "6h 7h Kc",
    );
    let result = request.exact(1).unwrap();
    for player in &result.players {
        let (high, low) = (player.high.unwrap(), player.low.unwrap());
        assert!((high + low - player.equity).abs() < 1e-12);
        assert!((player.scoop.unwrap() - player.win as f64 / result.boards as f64).abs() < 1e-12);
    }
}

#[test]
fn monte_carlo_is_within_three_standard_errors_and_reproducible() {
    let request = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "");
    let exact = request.exact(0).unwrap();
    let sampled = request.monte_carlo(200_000, 42, 1).unwrap();
    assert!(!sampled.exact);
    assert_eq!(sampled.boards, 200_000);
    for (e, s) in exact.players.iter().zip(&sampled.players) {
        let se = s.std_error.unwrap();
        assert!(se > 0.0 && se < 0.002);
        assert!((e.equity - s.equity).abs() < 3.0 * se, "{e:?} {s:?}");
    }
    assert_eq!(request.monte_carlo(200_000, 42, 2).unwrap(), sampled);
    assert_eq!(request.monte_carlo(200_000, 42, 0).unwrap(), sampled);
    assert_ne!(request.monte_carlo(200_000, 43, 1).unwrap(), sampled);

    let plo = self::request(
        BoardGame::OmahaHiLo,
        &["As 2s Qd Jd", "Ah 3c 8h 7c", "Kd Ks 4c 5c"],
        "6h 7h Kc",
    );
    let exact = plo.exact(1).unwrap();
    let sampled = plo.monte_carlo(50_000, 1, 0).unwrap();
    for (e, s) in exact.players.iter().zip(&sampled.players) {
        assert!((e.equity - s.equity).abs() < 3.0 * s.std_error.unwrap());
    }
}

#[test]
fn random_hands_are_dealt_from_the_unseen_cards() {
    // Aces against one random hand: about 85.2%.
    let request = EquityRequest::new(BoardGame::Holdem, &[set("Ah Ad")]).with_random_players(1);
    assert_eq!(request.board_count(), 1225 * 1_712_304);
    // Nine random hands preflop are far too many deals to enumerate.
    let nine = request.clone().with_random_players(8);
    assert!(matches!(nine.exact(1), Err(Error::InvalidConfig { .. })));
    let result = request.monte_carlo(100_000, 3, 0).unwrap();
    let aces = result.players[0];
    assert!((aces.equity - 0.8520).abs() < 3.0 * aces.std_error.unwrap() + 0.001);
    // Against eight random hands, aces fall to about 35%.
    let crowded = EquityRequest::new(BoardGame::Holdem, &[set("Ah Ad")])
        .with_random_players(8)
        .monte_carlo(50_000, 3, 0)
        .unwrap();
    assert!((0.33..0.37).contains(&crowded.players[0].equity));
}

#[test]
fn exact_with_a_random_hand_is_the_sum_over_every_hand_it_can_be() {
    let board = set("2h 7h Qc 9d");
    let hero = set("Ah Kh");
    let request = EquityRequest::new(BoardGame::Holdem, &[hero])
        .with_board(board)
        .with_random_players(1);
    let result = request.exact(1).unwrap();
    assert!(result.exact);
    assert_eq!(result.boards, request.board_count());
    assert_eq!(result.boards, 1035 * 44);
    // The same count by hand: every opponent holding, each an exact known-hand run.
    let unseen: Vec<Card> = request.unseen().iter().collect();
    let (mut wins, mut ties, mut boards, mut share) = (0, 0, 0, 0.0);
    for i in 0..unseen.len() {
        for j in i + 1..unseen.len() {
            let opponent = CardSet::EMPTY.with(unseen[i]).with(unseen[j]);
            let one = EquityRequest::new(BoardGame::Holdem, &[hero, opponent])
                .with_board(board)
                .exact(1)
                .unwrap();
            wins += one.players[0].win;
            ties += one.players[0].tie;
            boards += one.boards;
            share += one.players[0].equity * one.boards as f64;
        }
    }
    assert_eq!((result.players[0].win, result.players[0].tie), (wins, ties));
    assert_eq!(result.boards, boards);
    assert!((result.players[0].equity - share / boards as f64).abs() < 1e-12);
    assert_eq!(request.exact(2).unwrap(), result);
    // Monte Carlo agrees within its error.
    let sampled = request.monte_carlo(40_000, 5, 2).unwrap();
    let error = sampled.players[0].std_error.unwrap();
    assert!((sampled.players[0].equity - result.players[0].equity).abs() < 4.0 * error);
}

#[test]
fn a_time_budget_gives_an_estimate_and_a_cancel_stops_early() {
    let request = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd", "Jc Tc"], "");
    let result = request
        .best_within(Duration::from_millis(20), 9, 1, None)
        .unwrap();
    assert!(!result.exact && result.boards > 0);
    let cancelled = AtomicBool::new(true);
    let stopped = request
        .best_within(Duration::from_secs(60), 9, 1, Some(&cancelled))
        .unwrap();
    assert!(stopped.boards > 0);
    // A flop is small enough to enumerate inside any budget.
    let flop = self::request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "2h 7h 9c");
    assert!(
        flop.best_within(Duration::from_millis(50), 9, 1, None)
            .unwrap()
            .exact
    );
}

#[test]
fn outs_on_the_turn() {
    let request = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "2h 7h 9c Jd");
    let outs = request.outs(1).unwrap();
    assert_eq!(outs.leaders, [1]);
    assert_eq!(outs.cards.len(), 44);
    // Nine hearts, three aces, three kings.
    assert_eq!(outs.outs[0].len(), 15);
    assert!(outs.outs[1].is_empty());
    let ace = outs
        .cards
        .iter()
        .find(|c| c.card.to_string() == "As")
        .unwrap();
    assert_eq!(ace.leaders, [0]);
    assert_eq!(ace.equities, [1.0, 0.0]);
    assert_eq!(request.outs(2).unwrap(), outs);
    assert!(
        self::request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "")
            .outs(1)
            .is_err()
    );
}

#[test]
fn bad_requests_name_the_problem() {
    let one = request(BoardGame::Holdem, &["Ah Kh"], "");
    assert!(matches!(one.validate(), Err(Error::InvalidConfig { .. })));
    let twice = request(BoardGame::Holdem, &["Ah Kh", "Ah Qd"], "");
    assert!(matches!(twice.validate(), Err(Error::DuplicateCard { .. })));
    let three = request(BoardGame::Holdem, &["Ah Kh 2c", "Qs Qd"], "");
    assert!(matches!(
        three.validate(),
        Err(Error::WrongCardCount { count: 3, .. })
    ));
    let short = request(
        BoardGame::ShortDeck(ShortDeckRules::Standard),
        &["Ah 2h", "Qs Qd"],
        "",
    );
    assert!(matches!(short.validate(), Err(Error::CardNotInDeck { .. })));
    let omaha = request(BoardGame::Omaha, &["Ah Kh", "Qs Qd"], "");
    assert!(matches!(
        omaha.validate(),
        Err(Error::WrongCardCount { .. })
    ));
}

#[test]
fn variants_map_to_board_games() {
    use crate::rules::variant::{registry, variant};
    assert_eq!(
        BoardGame::for_variant(&variant("NT").unwrap()).unwrap(),
        BoardGame::Holdem
    );
    assert_eq!(
        BoardGame::for_variant(&variant("FO/8").unwrap()).unwrap(),
        BoardGame::OmahaHiLo
    );
    for v in registry() {
        if let Ok(game) = BoardGame::for_variant(v) {
            assert_eq!(game.hand_types(), v.hand_types, "{}", v.code);
        }
    }
    assert!(BoardGame::for_variant(&variant("F7S").unwrap()).is_err());
}

#[test]
fn live_equity_reads_each_street_from_the_one_before() {
    let cases: [(BoardGame, &[&str], &str, &str, &str); 2] = [
        (
            BoardGame::Holdem,
            &["Ah Kh", "Qs Qd"],
            "2h 7h 9c",
            "Th",
            "3c",
        ),
        (
            BoardGame::OmahaHiLo,
            &["As 2s Kd Qd", "9h 9c 8h 7c", "Ah 3h 4c 5c"],
            "2h 6d Kc",
            "8d",
            "Js",
        ),
    ];
    for (game, hands, flop, turn, river) in cases {
        let preflop = request(game, hands, "");
        let mut live = LiveEquity::new(preflop.clone(), 1).unwrap();
        assert_eq!(live.result(), &preflop.exact(1).unwrap());
        let on_flop = request(game, hands, flop);
        assert_eq!(
            live.deal_cards(set(flop), 2).unwrap(),
            &on_flop.exact(1).unwrap()
        );
        let turn_board = set(flop).with(turn.parse().unwrap());
        let on_turn = on_flop.clone().with_board(turn_board);
        assert_eq!(
            live.deal(turn.parse().unwrap(), 1).unwrap(),
            &on_turn.exact(1).unwrap()
        );
        let on_river = on_turn
            .clone()
            .with_board(turn_board.with(river.parse().unwrap()));
        assert_eq!(
            live.deal(river.parse().unwrap(), 1).unwrap(),
            &on_river.exact(1).unwrap()
        );
        assert!(matches!(
            live.deal("2c".parse().unwrap(), 1),
            Err(Error::WrongCardCount { .. })
        ));
        // A card already in play is refused and changes nothing.
        let mut again = LiveEquity::new(on_flop.clone(), 1).unwrap();
        assert!(again.deal(set(flop).iter().next().unwrap(), 1).is_err());
        assert_eq!(again.request().board, set(flop));
    }
    // With a random hand too.
    let random = EquityRequest::new(BoardGame::Holdem, &[set("Ah Kh")])
        .with_board(set("2h 7h 9c"))
        .with_random_players(1);
    let mut live = LiveEquity::new(random.clone(), 2).unwrap();
    assert_eq!(live.result(), &random.exact(2).unwrap());
    let turn = random.clone().with_board(set("2h 7h 9c Td"));
    assert_eq!(
        live.deal("Td".parse().unwrap(), 1).unwrap(),
        &turn.exact(1).unwrap()
    );
}

#[test]
fn a_cancel_token_stops_an_exact_run() {
    let request = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd"], "");
    let token = CancelToken::new();
    let done = request.exact_or_cancel(2, &token).unwrap();
    assert_eq!(done, Some(request.exact(1).unwrap()));
    let stopper = token.clone();
    stopper.cancel();
    assert!(token.is_cancelled());
    assert_eq!(request.exact_or_cancel(2, &token).unwrap(), None);
}

#[test]
fn best_within_takes_the_samples_monte_carlo_takes_on_any_thread_count() {
    let request = request(BoardGame::Holdem, &["Ah Kh", "Qs Qd", "Jc Tc"], "");
    for threads in [1, 2] {
        let within = request
            .best_within(Duration::from_millis(15), 4, threads, None)
            .unwrap();
        assert!(!within.exact);
        assert_eq!(within, request.monte_carlo(within.boards, 4, 1).unwrap());
    }
}

#[test]
fn a_query_reads_any_variant() {
    let query = |variant: &str, hands: &[Option<&str>], board: &str, mode| EquityQuery {
        variant: variant.to_owned(),
        hands: hands.iter().map(|h| h.map(set)).collect(),
        board: if board.is_empty() {
            CardSet::EMPTY
        } else {
            set(board)
        },
        dead: CardSet::EMPTY,
        mode,
        threads: 1,
    };
    let holdem = query("NT", &[Some("Ah Kh"), Some("Qs Qd")], "", EquityMode::Exact);
    assert_eq!(holdem.compute(None).unwrap().players[0].win, 787_966);
    let sampled = query(
        "plo",
        &[Some("As Ks Qd Jd"), None],
        "2h 3h 4c",
        EquityMode::MonteCarlo {
            samples: 4096,
            seed: 2,
        },
    );
    assert_eq!(sampled.compute(None).unwrap().boards, 4096);
    let razz = query(
        "razz",
        &[Some("Ah 2c 3d 4s Kd Kc"), None],
        "",
        EquityMode::MonteCarlo {
            samples: 2048,
            seed: 2,
        },
    );
    let razz = razz.compute(None).unwrap();
    assert!(razz.players[0].equity > 0.5, "{razz:?}");
    let budget = query(
        "F7S/8",
        &[Some("Ah 2h 5h"), Some("Qs Qd 4c")],
        "",
        EquityMode::BestWithin {
            budget: Duration::from_millis(10),
            seed: 1,
        },
    );
    let token = CancelToken::new();
    token.cancel();
    assert!(!budget.compute(Some(&token)).unwrap().exact);
    let outs = query(
        "NT",
        &[Some("Ah Kh"), Some("Qs Qd")],
        "2h 7h 9c",
        EquityMode::Exact,
    );
    assert_eq!(outs.outs().unwrap().cards.len(), 45);
    assert!(
        query(
            "razz",
            &[Some("Ah 2c"), None],
            "2h 7h 9c",
            EquityMode::Exact
        )
        .compute(None)
        .is_err()
    );
    assert!(matches!(
        query("nonsense", &[None, None], "", EquityMode::Exact).compute(None),
        Err(Error::UnknownName { .. })
    ));
}

/// The exact tally with random hands, enumerated with and without the suit symmetry.
fn random_hands_both_ways(request: &EquityRequest) -> (Tally, Tally) {
    let with = request.exact_with_random_hands_by(1, None, true).unwrap();
    let without = request.exact_with_random_hands_by(1, None, false).unwrap();
    assert!(with.1 && without.1, "both complete");
    (with.0, without.0)
}

#[test]
fn suit_symmetry_changes_no_random_hand_tally() {
    // A suited hero on a flop of three deuces: the three other suits may be renamed.
    let holdem = request(BoardGame::Holdem, &["Ah Kh"], "2c 2d 2s").with_random_players(1);
    let (with, without) = random_hands_both_ways(&holdem);
    assert_eq!(with, without);
    assert_eq!(with.boards, 1081 * 990);
    // Omaha hi-lo on the turn, a whole band of ranks dead: clubs and diamonds swap.
    let omaha = request(BoardGame::OmahaHiLo, &["Ah Kh 2h 3h"], "4c 4d 7s Ks")
        .with_random_players(1)
        .with_dead(set(
            "9c 9d 9h 9s Tc Td Th Ts Jc Jd Jh Js Qc Qd Qh Qs 5c 5d 5h 5s 6c 6d 6h 6s",
        ));
    let (with, without) = random_hands_both_ways(&omaha);
    assert_eq!(with, without);
    // Two random hands on the turn.
    let three_way = request(BoardGame::Holdem, &["As Ah"], "Kc Kd 7c 7d")
        .with_random_players(2)
        .with_dead(set(
            "3c 3d 3h 3s 4c 4d 4h 4s 5c 5d 5h 5s 6c 6d 6h 6s 8c 8d 8h 8s",
        ));
    let (with, without) = random_hands_both_ways(&three_way);
    assert_eq!(with, without);
}

/// Release mode only (`cargo test --release -p ggp-core -- exhaustive`): the bench's
/// question, a hero against one random hand preflop, both ways.
#[test]
fn exhaustive_hero_against_a_random_hand_preflop_matches_the_plain_enumeration() {
    for hero in ["Ah Kh", "Qs Jd", "7c 7d"] {
        let request = request(BoardGame::Holdem, &[hero], "").with_random_players(1);
        let (with, without) = random_hands_both_ways(&request);
        assert_eq!(with, without, "{hero}");
        assert_eq!(with.boards, 1225 * 1_712_304);
    }
}
