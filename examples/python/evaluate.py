"""Evaluates two high hands and prints one JSON line per hand.

The same program exists in Rust, C, Node and Kotlin beside this one; the test suite runs
all five and checks that they print the same bytes.

Run: python examples/python/evaluate.py (with the ``ggp`` wheel installed; see
bindings/python/test.sh)
"""

import json

import ggp

HANDS = ["As Ks Qs Js Ts 2c 3d", "7h 7d 7c 2s 2h"]


def main() -> None:
    for hand in HANDS:
        value = ggp.evaluate(hand)
        # Key order is part of the line's format.
        line = {
            "hand": hand,
            "category": value.category,
            "strength": value.strength,
            "best_five": [str(card) for card in value.best_five],
            "description": value.description,
        }
        print(json.dumps(line, separators=(",", ":"), ensure_ascii=False))


if __name__ == "__main__":
    main()
