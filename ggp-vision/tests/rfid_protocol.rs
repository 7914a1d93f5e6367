//! The RFID line protocol: valid, forged, replayed, stale and malformed lines, the test
//! vectors of docs/rfid-protocol.md, and random input that must never panic.

use ggp_vision::rfid::{
    Header, MAX_LINE_BYTES, Message, RfidError, TableKey, TagId, TagState, Verifier,
};
use proptest::prelude::*;

/// The key of the documented test vectors: bytes 0x00 to 0x1f.
const KEY_HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const NOW_MS: u64 = 1_763_800_000_000;

/// The documented test vectors (signatures checked against Python's `hmac` module too).
const VECTOR_TAG: &str = "GGP1 TAG table1-r1 1 1763800000000 3 E280689400004013F2A1B2C3 ON \
SIG_TAG";
const VECTOR_HB: &str = "GGP1 HB table1-r1 2 1763800000500 SIG_HB";
const SIG_TAG: &str = "fbac34679493d843a434083dfb05297fe5d538de9e8e8852a4e43d8265105a30";
const SIG_HB: &str = "7db9a1f2c9d6aac602c69bbfc5e65ebe3a6838e92e97762603a6a778646fb854";

fn key() -> TableKey {
    TableKey::from_hex(KEY_HEX).expect("key")
}

fn verifier() -> Verifier {
    Verifier::new(key(), ["table1-r1", "table1-r2"])
}

fn tag(counter: u64, timestamp_ms: u64, antenna: u16, tag_hex: &str, state: TagState) -> Message {
    Message::Tag {
        header: Header {
            reader: "table1-r1".to_owned(),
            counter,
            timestamp_ms,
        },
        antenna,
        tag: TagId::parse(tag_hex).expect("tag"),
        state,
    }
}

fn vectors() -> (String, String) {
    (
        VECTOR_TAG.replace("SIG_TAG", SIG_TAG),
        VECTOR_HB.replace("SIG_HB", SIG_HB),
    )
}

#[test]
fn the_documented_test_vectors_verify() {
    let message = tag(1, NOW_MS, 3, "e280689400004013f2a1b2c3", TagState::On);
    let heartbeat = Message::Heartbeat {
        header: Header {
            reader: "table1-r1".to_owned(),
            counter: 2,
            timestamp_ms: NOW_MS + 500,
        },
    };
    let (tag_line, hb_line) = vectors();
    assert_eq!(message.encode(&key()), tag_line);
    assert_eq!(heartbeat.encode(&key()), hb_line);
    let mut verifier = verifier();
    assert_eq!(verifier.check(&tag_line, NOW_MS).expect("tag"), message);
    assert_eq!(
        verifier
            .check(&format!("{hb_line}\r\n"), NOW_MS)
            .expect("hb"),
        heartbeat
    );
    // What docs/rfid-protocol.md says of them.
    assert!(matches!(
        verifier.check(&tag_line, NOW_MS),
        Err(RfidError::Replay { .. })
    ));
    let changed = tag_line.replacen("table1-r1 1 ", "table1-r1 9 ", 1);
    assert!(matches!(
        self::verifier().check(&changed, NOW_MS),
        Err(RfidError::BadSignature { .. })
    ));
    let mut restarted = self::verifier().with_window_ms(1_000);
    assert!(matches!(
        restarted.check(&tag_line, 1_763_800_060_000),
        Err(RfidError::Stale { .. })
    ));
}

#[test]
fn a_line_signed_with_another_key_or_altered_is_forged() {
    let other = TableKey::new(b"not the table key, a rogue one").expect("key");
    let line = tag(1, NOW_MS, 3, "AABBCCDD", TagState::On).encode(&other);
    let mut verifier = verifier();
    let error = verifier.check(&line, NOW_MS).expect_err("forged");
    assert!(
        matches!(error, RfidError::BadSignature { counter: 1, .. }),
        "{error}"
    );
    // A genuine line with one field changed (another antenna) no longer verifies.
    let genuine = tag(1, NOW_MS, 3, "AABBCCDD", TagState::On).encode(&key());
    let altered = genuine.replacen(" 3 AABBCCDD", " 4 AABBCCDD", 1);
    assert!(matches!(
        verifier.check(&altered, NOW_MS),
        Err(RfidError::BadSignature { .. })
    ));
    // The forged lines did not advance the counter: the genuine one is still accepted.
    assert!(verifier.check(&genuine, NOW_MS).is_ok());
}

#[test]
fn a_replayed_or_stale_line_is_refused() {
    let mut verifier = verifier();
    let first = tag(5, NOW_MS, 1, "AABBCCDD", TagState::On).encode(&key());
    let older = tag(4, NOW_MS, 1, "AABBCCDD", TagState::On).encode(&key());
    verifier.check(&first, NOW_MS).expect("first");
    let error = verifier.check(&first, NOW_MS + 10).expect_err("replay");
    assert!(
        matches!(
            error,
            RfidError::Replay {
                counter: 5,
                last: 5,
                ..
            }
        ),
        "{error}"
    );
    assert!(matches!(
        verifier.check(&older, NOW_MS),
        Err(RfidError::Replay { counter: 4, .. })
    ));
    // A receiver that restarted has no counters: the time window refuses old lines.
    let mut restarted = verifier_with_window(1_000);
    let error = restarted.check(&first, NOW_MS + 60_000).expect_err("stale");
    assert!(
        matches!(
            error,
            RfidError::Stale {
                window_ms: 1_000,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("table1-r1"), "{error}");
    // Counters are per reader.
    let other = Message::Heartbeat {
        header: Header {
            reader: "table1-r2".to_owned(),
            counter: 1,
            timestamp_ms: NOW_MS,
        },
    };
    verifier
        .check(&other.encode(&key()), NOW_MS)
        .expect("other reader");
}

fn verifier_with_window(window_ms: u64) -> Verifier {
    verifier().with_window_ms(window_ms)
}

#[test]
fn an_unknown_reader_is_refused_even_with_the_right_key() {
    let line = Message::Heartbeat {
        header: Header {
            reader: "rogue".to_owned(),
            counter: 1,
            timestamp_ms: NOW_MS,
        },
    }
    .encode(&key());
    let error = verifier().check(&line, NOW_MS).expect_err("unknown");
    assert!(matches!(&error, RfidError::UnknownReader { reader } if reader == "rogue"));
}

#[test]
fn malformed_lines_are_typed_errors() {
    let good = tag(1, NOW_MS, 3, "AABBCCDD", TagState::On).encode(&key());
    let sig = good.rsplit_once(' ').expect("sig").1.to_owned();
    let cases = [
        String::new(),
        "GGP1".to_owned(),
        format!("GGP2 HB r1 1 1 {sig}"),
        format!("GGP1 XX table1-r1 1 1 {sig}"),
        format!("GGP1 HB table1-r1 1 {sig}"),
        format!("GGP1 HB table1-r1 -1 1 {sig}"),
        format!("GGP1 HB table1-r1 +1 1 {sig}"),
        format!("GGP1 HB table1-r1 99999999999999999999 1 {sig}"),
        format!("GGP1 HB  table1-r1 1 1 {sig}"),
        format!("GGP1 HB bad/reader 1 1 {sig}"),
        format!("GGP1 TAG table1-r1 1 1 70000 AABBCCDD ON {sig}"),
        format!("GGP1 TAG table1-r1 1 1 3 XYZ1 ON {sig}"),
        format!("GGP1 TAG table1-r1 1 1 3 AABBCCDD MAYBE {sig}"),
        format!("GGP1 TAG table1-r1 1 1 3 AABBCCDD ON {}", &sig[..62]),
        format!("GGP1 TAG table1-r1 1 1 3 AABBCCDD ON {}zz", &sig[..62]),
        "GGP1 HB table1-r1 1 1 é".to_owned(),
    ];
    let mut verifier = verifier();
    for line in &cases {
        let error = verifier.check(line, NOW_MS).expect_err(line);
        assert!(
            matches!(error, RfidError::Malformed { .. }),
            "{line:?}: {error}"
        );
    }
    let long = format!("GGP1 HB {} 1 1 {sig}", "r".repeat(MAX_LINE_BYTES));
    assert!(matches!(
        verifier.check(&long, NOW_MS),
        Err(RfidError::TooLong { .. })
    ));
    // None of that disturbed the reader's state.
    verifier.check(&good, NOW_MS).expect("good");
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let line = String::from_utf8_lossy(&bytes);
        prop_assert!(verifier().check(&line, NOW_MS).is_err());
    }

    #[test]
    fn mutated_lines_never_panic_and_never_verify(position in 0usize..200, byte in any::<u8>()) {
        let good = tag(1, NOW_MS, 3, "AABBCCDD", TagState::On).encode(&key());
        let mut bytes = good.clone().into_bytes();
        let position = position % bytes.len();
        prop_assume!(bytes[position] != byte);
        bytes[position] = byte;
        let line = String::from_utf8_lossy(&bytes);
        // Hex digits are read in either case, so changing only the case of a signature
        // digit keeps the line valid; anything else must fail.
        if line.to_ascii_lowercase() != good.to_ascii_lowercase() {
            prop_assert!(verifier().check(&line, NOW_MS).is_err(), "{}", line);
        }
    }
}
