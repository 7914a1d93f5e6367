//! Differential check against pokerkit: every hand type orders pokerkit's ranked hands
//! exactly as pokerkit does.
//!
//! `tests/data/eval_vectors_<hand type>.txt` holds a few thousand random hands per hand
//! type, each with its dense rank among the file's hands by pokerkit 0.7's own hand class
//! (or "-" where pokerkit forms no hand). `tests/data/gen_eval_vectors.py` wrote them; CI
//! needs only the files, not pokerkit.

use ggp_core::eval::{HandType, Ranked, evaluate};
use ggp_core::parse_cards;

struct Row {
    line: String,
    pokerkit_rank: u32,
    ranked: Ranked,
}

/// Checks one hand type's vectors; returns how many hands had a hand.
fn check(hand_type: HandType) -> usize {
    let path = format!(
        "{}/tests/data/eval_vectors_{}.txt",
        env!("CARGO_MANIFEST_DIR"),
        hand_type.code()
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut rows = Vec::new();
    let mut total = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        total += 1;
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [hole, board, rank] = fields[..] else {
            panic!("{path}: malformed line {line:?}");
        };
        let hole = parse_cards(hole).expect("hole cards");
        let board = match board {
            "-" => Vec::new(),
            board => parse_cards(board).expect("board cards"),
        };
        let ranked = evaluate(hand_type, &hole, &board)
            .unwrap_or_else(|e| panic!("{hand_type}: {line}: {e}"));
        match (rank, ranked) {
            ("-", None) => {}
            ("-", Some(r)) => panic!(
                "{hand_type}: {line}: pokerkit has no hand, we have {}",
                r.description()
            ),
            (_, None) => panic!("{hand_type}: {line}: pokerkit has a hand, we have none"),
            (rank, Some(ranked)) => rows.push(Row {
                line: line.to_owned(),
                pokerkit_rank: rank.parse().expect("a rank"),
                ranked,
            }),
        }
    }
    assert!(total >= 3000, "{path}: only {total} hands");

    // Sorted by pokerkit's rank, equal ranks must have equal strengths and each step up
    // a greater strength: then every pair of hands compares as pokerkit compares it.
    rows.sort_by_key(|row| row.pokerkit_rank);
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (sa, sb) = (a.ranked.strength, b.ranked.strength);
        if a.pokerkit_rank == b.pokerkit_rank {
            assert_eq!(
                sa,
                sb,
                "{hand_type}: pokerkit ties {:?} ({}) and {:?} ({})",
                a.line,
                a.ranked.description(),
                b.line,
                b.ranked.description()
            );
        } else {
            assert!(
                sa < sb,
                "{hand_type}: pokerkit ranks {:?} ({}) below {:?} ({})",
                a.line,
                a.ranked.description(),
                b.line,
                b.ranked.description()
            );
        }
    }
    rows.len()
}

#[test]
fn standard_high_matches_pokerkit() {
    assert_eq!(check(HandType::StandardHigh), 4000);
}

#[test]
fn short_deck_high_matches_pokerkit() {
    use ggp_core::ShortDeckRules;
    assert_eq!(
        check(HandType::ShortDeckHigh(ShortDeckRules::Standard)),
        4000
    );
    // pokerkit has no Triton ranking; these vectors come from its lookup machinery with
    // the two categories swapped (see the generator).
    assert_eq!(check(HandType::ShortDeckHigh(ShortDeckRules::Triton)), 4000);
}

#[test]
fn lows_match_pokerkit() {
    assert_eq!(check(HandType::AceToFiveLow), 4000);
    assert_eq!(check(HandType::DeuceToSevenLow), 4000);
    let qualifying = check(HandType::EightOrBetterLow);
    assert!((1000..3000).contains(&qualifying), "{qualifying}");
}

#[test]
fn badugi_matches_pokerkit() {
    assert_eq!(check(HandType::AceToFiveBadugi), 4000);
    assert_eq!(check(HandType::DeuceToSevenBadugi), 4000);
}

#[test]
fn omaha_matches_pokerkit() {
    assert_eq!(check(HandType::OmahaHigh), 3000);
    let qualifying = check(HandType::OmahaEightOrBetterLow);
    assert!((500..2500).contains(&qualifying), "{qualifying}");
}

#[test]
fn every_hand_type_has_vectors() {
    for hand_type in HandType::ALL {
        let path = format!(
            "{}/tests/data/eval_vectors_{}.txt",
            env!("CARGO_MANIFEST_DIR"),
            hand_type.code()
        );
        assert!(std::path::Path::new(&path).exists(), "{path}");
    }
}
