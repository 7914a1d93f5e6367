"""No input crashes the interpreter.

The inputs run in a child interpreter, so that a crash (a segfault or an abort) fails this
test instead of killing pytest. Every call must return or raise an ordinary exception: for
any `str`, a result or a GgpError; a Rust panic would surface as pyo3's PanicException,
which derives from BaseException and is reported as a failure.
"""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    r'''
    import itertools
    import random

    import ggp

    failures = []
    calls = 0

    def check(label, call, allowed):
        global calls
        calls += 1
        try:
            call()
        except allowed:
            pass
        except BaseException as error:  # PanicException included
            failures.append(f"{label}: {type(error).__name__}: {error!a}")

    def text_calls(text):
        label = ascii(text)[:60]
        for name, call in [
            ("parse_card", lambda: ggp.parse_card(text)),
            ("parse_cards", lambda: ggp.parse_cards(text)),
            ("evaluate", lambda: ggp.evaluate(text)),
            ("Card", lambda: ggp.Card(text)),
            ("Deck", lambda: ggp.Deck(text)),
        ]:
            check(f"{name}({label})", call, ggp.GgpError)
        check(f"evaluate(list({label}))", lambda: ggp.evaluate(list(text)), ggp.GgpError)

    alphabet = "0123456789TJQKAtjqkacdhsCDHSxX ,\t\n♠♥♦♣♤♡♢♧\ufe0f\ud800\udfff\x00é😀"
    texts = ["", " ", ",", "10", "100", "1", "♠", "\ufe0f", "A♠\ufe0f\ufe0f", "10\ufe0f"]
    texts += ["".join(p) for n in (1, 2) for p in itertools.product(alphabet, repeat=n)]
    rng = random.Random(2024)
    for _ in range(3000):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))))
    texts += ["As" * 52, "A" * 100_000, "10" * 50_000, "😀" * 10_000, "\ud800" * 1000]
    texts += [" ".join(str(c) for c in ggp.Deck(seed=s).draw(n)) for s in range(50) for n in range(9)]
    for text in texts:
        text_calls(text)

    type_or_value = (TypeError, ValueError, OverflowError, ggp.GgpError)
    odd_values = [
        None, 0, -1, 2**63, 2**64, 2**64 - 1, -(2**64), 10**100, 1.5, float("nan"), True,
        b"As", bytearray(b"As"), [], [None], [[]], {}, {"As": 1}, set(), object(), ggp,
        ggp.Card, ggp.Card("As"), ggp.Deck(), range(5), iter([]),
        [ggp.Card("As")] * 5, ["As"] * 7, list(range(52)),
    ]
    for value in odd_values:
        label = type(value).__name__
        check(f"evaluate({label})", lambda: ggp.evaluate(value), type_or_value)
        check(f"parse_card({label})", lambda: ggp.parse_card(value), type_or_value)
        check(f"parse_cards({label})", lambda: ggp.parse_cards(value), type_or_value)
        check(f"Card({label})", lambda: ggp.Card(value), type_or_value)
        check(f"Deck(kind={label})", lambda: ggp.Deck(value), type_or_value)
        check(f"Deck(seed={label})", lambda: ggp.Deck(seed=value), type_or_value)
        check(f"draw({label})", lambda: ggp.Deck().draw(value), type_or_value)
        check(f"shuffle({label})", lambda: ggp.Deck().shuffle(value), type_or_value)

    deck = ggp.Deck(seed=5)
    for n in [0, 1, 60, 51, 1, 0, 1, 2**32, 2**63 - 1]:
        check(f"draw({n})", lambda: deck.draw(n), ggp.GgpError)
    check("remaining", lambda: deck.remaining, ())

    print(f"calls={calls} failures={len(failures)}")
    for failure in failures[:50]:
        print(failure)
    '''
)


def test_no_input_crashes_the_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "failures=0" in result.stdout, result.stdout
    assert result.stderr == "", result.stderr
