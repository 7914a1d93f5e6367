"""RFID through the binding: lines signed here with Python's own hmac checked by the
verifier (valid, forged, replayed, stale, unknown reader, malformed), and the simulated
reader driving a whole hand into a HandFeed."""

import hashlib
import hmac

import pytest

import ggp
from ggp import HandFeed, RfidError, RfidTable, RfidVerifier, rfid_simulate

KEY = "000102030405060708090a0b0c0d0e0f"


def signed(body: str, key: str = KEY) -> str:
    mac = hmac.new(bytes.fromhex(key), body.encode(), hashlib.sha256).hexdigest()
    return f"{body} {mac}"


def test_a_line_signed_with_the_table_key_is_accepted_once() -> None:
    verifier = RfidVerifier(KEY, ["r1"])
    line = signed("GGP1 TAG r1 1 1000 3 E2806894000040130000C033 ON")
    message = verifier.check(line, now_ms=1000)
    assert message == {
        "kind": "tag",
        "reader": "r1",
        "counter": 1,
        "timestamp_ms": 1000,
        "antenna": 3,
        "tag": "E2806894000040130000C033",
        "present": True,
    }
    with pytest.raises(RfidError) as caught:
        verifier.check(line, now_ms=1000)
    assert caught.value.code == "replay"
    assert verifier.check(signed("GGP1 HB r1 2 1001"), now_ms=1001)["kind"] == "heartbeat"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (signed("GGP1 HB r1 1 1000", key="ff" * 16), "bad_signature"),
        (signed("GGP1 HB r2 1 1000"), "unknown_reader"),
        (signed("GGP1 HB r1 1 999000"), "stale"),
        ("GGP1 HB r1 1 1000 nonsense", "malformed"),
        ("", "malformed"),
    ],
)
def test_refused_lines_have_their_code(line: str, code: str) -> None:
    verifier = RfidVerifier(KEY, ["r1"])
    with pytest.raises(RfidError) as caught:
        verifier.check(line, now_ms=1000)
    assert caught.value.code == code
    assert isinstance(caught.value, ggp.GgpError)


def test_a_bad_key_is_refused() -> None:
    with pytest.raises(RfidError) as caught:
        RfidVerifier("abc", ["r1"])
    assert caught.value.code == "invalid_key"


def test_the_simulated_reader_drives_a_whole_hand() -> None:
    steps = rfid_simulate(KEY, reader="r1", players=3, seed=7, start_ms=1_000_000, step_ms=10,
                          inject_every=4)
    verifier = RfidVerifier(KEY, ["r1"], window_ms=10**9)
    table = RfidTable.simulated("r1", 3)
    hand = ggp.Hand(variant="NT", starting_stacks=[500] * 3, blinds_or_straddles=[5, 10],
                    min_bet=10)
    feed = HandFeed(hand)
    refused, cards = 0, 0
    for step in steps:
        if "action" in step:
            feed.apply_action(str(step["action"]))
            continue
        if not step["genuine"]:
            with pytest.raises(RfidError) as caught:
                table.handle_line(verifier, str(step["line"]), now_ms=1_000_000)
            assert caught.value.code in ("bad_signature", "replay", "malformed")
            refused += 1
            continue
        for event in table.handle_line(verifier, str(step["line"]), now_ms=1_000_000):
            assert event["type"] == "card", event
            cards += 1
            feed.apply_card(event["card"], event["place"], present=event["present"],
                            timestamp_ns=event["timestamp_ns"])
    assert refused > 0 and cards > 10
    assert feed.hand.is_complete
    assert len(feed.hand.actions()) > 8
