use super::*;
use crate::card::Card;
use crate::eval::evaluate;
use crate::rules::variant::variant;

fn set(text: &str) -> CardSet {
    CardSet::parse(text).unwrap()
}

/// An independent count: every deal, seats filled in order, each hand ranked by the
/// checked evaluator, shares split in floating point.
fn brute_force(request: &StudDrawRequest) -> (u64, Vec<f64>, Vec<u64>) {
    fn deal(
        request: &StudDrawRequest,
        seat: usize,
        hands: &mut Vec<Vec<Card>>,
        unseen: &[Card],
        visit: &mut dyn FnMut(&[Vec<Card>]),
    ) {
        if seat == request.players.len() {
            visit(hands);
            return;
        }
        let want = request.players[seat].unknown;
        let mut chosen = Vec::new();
        fn each(
            cards: &[Card],
            start: usize,
            left: usize,
            chosen: &mut Vec<Card>,
            visit: &mut dyn FnMut(&[Card]),
        ) {
            if left == 0 {
                visit(chosen);
                return;
            }
            for i in start..cards.len() {
                chosen.push(cards[i]);
                each(cards, i + 1, left - 1, chosen, visit);
                chosen.pop();
            }
        }
        each(unseen, 0, want, &mut chosen, &mut |picked| {
            let rest: Vec<Card> = unseen
                .iter()
                .copied()
                .filter(|c| !picked.contains(c))
                .collect();
            let before = hands[seat].len();
            hands[seat].extend_from_slice(picked);
            deal(request, seat + 1, hands, &rest, visit);
            hands[seat].truncate(before);
        });
    }
    let players = request.players.len();
    let mut hands: Vec<Vec<Card>> = request
        .players
        .iter()
        .map(|s| s.known.iter().collect())
        .collect();
    let unseen: Vec<Card> = request.unseen().iter().collect();
    let mut deals = 0;
    let mut shares = vec![0.0; players];
    let mut wins = vec![0; players];
    deal(request, 0, &mut hands, &unseen, &mut |hands| {
        deals += 1;
        let halves: Vec<Vec<Option<crate::eval::Ranked>>> = request
            .game
            .hand_types
            .iter()
            .map(|&t| hands.iter().map(|h| evaluate(t, h, &[]).unwrap()).collect())
            .collect();
        let qualifying: Vec<_> = halves
            .iter()
            .filter(|half| half.iter().any(Option::is_some))
            .collect();
        let mut pot = vec![0.0; players];
        for half in &qualifying {
            let best = half.iter().flatten().map(|r| r.strength).max().unwrap();
            let winners: Vec<usize> = (0..players)
                .filter(|&i| half[i].is_some_and(|r| r.strength == best))
                .collect();
            for &w in &winners {
                pot[w] += 1.0 / qualifying.len() as f64 / winners.len() as f64;
            }
        }
        for i in 0..players {
            shares[i] += pot[i];
            if (pot[i] - 1.0).abs() < 1e-12 {
                wins[i] += 1;
            }
        }
    });
    let equities = shares.iter().map(|s| s / deals.max(1) as f64).collect();
    (deals, equities, wins)
}

fn assert_matches_brute_force(request: &StudDrawRequest) {
    let result = request.exact(1).unwrap();
    let (deals, equities, wins) = brute_force(request);
    assert_eq!(result.boards, deals);
    assert_eq!(result.boards, request.deal_count());
    for (i, player) in result.players.iter().enumerate() {
        assert!(
            (player.equity - equities[i]).abs() < 1e-9,
            "{i}: {player:?}"
        );
        assert_eq!(player.win, wins[i], "{i}");
    }
    assert_eq!(request.exact(2).unwrap(), result, "threads change nothing");
}

#[test]
fn razz_sixth_street_matches_a_brute_force() {
    let seats = [
        SeatCards::new(set("Ah 2c 3d 4s Kd Kc"), 1),
        SeatCards::new(set("As 2d 3h 6c 7h 8d"), 1),
    ];
    let request = StudDrawRequest::new(StudDrawGame::razz(), &seats).with_dead(set("5c 5d"));
    assert_matches_brute_force(&request);
}

#[test]
fn stud_hi_lo_three_way_with_a_hidden_down_card_matches_a_brute_force() {
    // Seventh street: the third seat's three down-cards are hidden, the others' known.
    let seats = [
        SeatCards::new(set("Ah 2h 5h 7c 9h Kd 3c"), 0),
        SeatCards::new(set("Qs Qd 4c 4d 8s Jc 6h"), 0),
        SeatCards::new(set("3s 6d Tc Th"), 3),
    ];
    let request = StudDrawRequest::new(StudDrawGame::stud_hi_lo(), &seats);
    assert_matches_brute_force(&request);
    let result = request.exact(0).unwrap();
    let total: f64 = result.players.iter().map(|p| p.equity).sum();
    assert!((total - 1.0).abs() < 1e-9);
    for p in &result.players {
        let (high, low) = (p.high.unwrap(), p.low.unwrap());
        assert!((high + low - p.equity).abs() < 1e-9, "{p:?}");
    }
}

#[test]
fn stud_high_with_dead_up_cards_matches_a_brute_force() {
    let seats = [
        SeatCards::new(set("Ah Ad 9c 9s 2h"), 2),
        SeatCards::new(set("Ks Kd Kh 3c 4c"), 2),
    ];
    let request = StudDrawRequest::new(StudDrawGame::stud(), &seats).with_dead(set("Ac 8d Td"));
    assert_matches_brute_force(&request);
}

#[test]
fn draw_games_pat_against_a_draw() {
    // 2-7: a pat nine against a four-card seven drawing one.
    let seats = [
        SeatCards::new(set("9c 7d 5h 4s 2c"), 0),
        SeatCards::new(set("7s 5c 3d 2h"), 1),
    ];
    let request = StudDrawRequest::new(StudDrawGame::deuce_to_seven_draw(), &seats);
    assert_matches_brute_force(&request);
    assert_eq!(request.deal_count(), 43);
    // Badugi: a pat badugi against a three-card draw.
    let seats = [
        SeatCards::new(set("Kc Qd Jh Ts"), 0),
        SeatCards::new(set("Ac 2d 3h"), 1),
    ];
    let request = StudDrawRequest::new(StudDrawGame::badugi(), &seats);
    assert_matches_brute_force(&request);
}

#[test]
fn monte_carlo_agrees_and_is_the_same_on_any_thread_count() {
    let seats = [
        SeatCards::new(set("Ah 2h 5h"), 4),
        SeatCards::new(set("Qs Qd 4c"), 4),
        SeatCards::new(set("3s 6d Tc"), 4),
    ];
    let request = StudDrawRequest::new(StudDrawGame::stud_hi_lo(), &seats);
    let one = request.monte_carlo(20_000, 3, 1).unwrap();
    assert_eq!(one, request.monte_carlo(20_000, 3, 2).unwrap());
    assert_eq!(one.boards, 20_000);
    let total: f64 = one.players.iter().map(|p| p.equity).sum();
    assert!((total - 1.0).abs() < 1e-9);
    // Fifth street exactly is too many deals for a test; a two-card look at seventh
    // street is exact and close to the sampled answer of the same spot.
    let late = [
        SeatCards::new(set("Ah 2h 5h 7c 9h Kd"), 1),
        SeatCards::new(set("Qs Qd 4c 4d 8s Jc"), 1),
    ];
    let request = StudDrawRequest::new(StudDrawGame::stud_hi_lo(), &late);
    let exact = request.exact(1).unwrap();
    let sampled = request.monte_carlo(50_000, 9, 2).unwrap();
    for (e, s) in exact.players.iter().zip(&sampled.players) {
        let error = s.std_error.unwrap();
        assert!(
            (e.equity - s.equity).abs() < 4.0 * error + 1e-9,
            "{e:?} {s:?}"
        );
    }
    let within = request
        .best_within(Duration::from_millis(50), 1, 1, None)
        .unwrap();
    assert!(within.exact);
    assert_eq!(within, exact);
}

#[test]
fn variants_map_to_stud_and_draw_games() {
    let games = [("FR", StudDrawGame::razz()), ("F7S", StudDrawGame::stud())];
    for (name, game) in games {
        assert_eq!(
            StudDrawGame::for_variant(&variant(name).unwrap()).unwrap(),
            game,
            "{name}"
        );
    }
    for name in ["F7S/8", "F2L3D", "FB"] {
        if let Ok(v) = variant(name) {
            let game = StudDrawGame::for_variant(&v).unwrap();
            assert!((4..=7).contains(&game.hand_size), "{name}");
        }
    }
    assert!(StudDrawGame::for_variant(&variant("plo").unwrap()).is_err());
}

#[test]
fn bad_stud_requests_name_the_problem() {
    let seats = [
        SeatCards::new(set("Ah 2h 5h"), 3),
        SeatCards::new(set("Kh"), 6),
    ];
    let request = StudDrawRequest::new(StudDrawGame::stud(), &seats);
    assert!(matches!(
        request.validate(),
        Err(Error::WrongCardCount { count: 6, .. })
    ));
    let seats = [
        SeatCards::new(set("Ah 2h 5h"), 4),
        SeatCards::new(set("Ah"), 6),
    ];
    let request = StudDrawRequest::new(StudDrawGame::stud(), &seats);
    assert!(matches!(
        request.validate(),
        Err(Error::DuplicateCard { .. })
    ));
    let seats = vec![SeatCards::new(CardSet::EMPTY, 7); 8];
    let request = StudDrawRequest::new(StudDrawGame::stud(), &seats);
    assert!(matches!(
        request.validate(),
        Err(Error::DeckExhausted { requested: 56, .. })
    ));
}
