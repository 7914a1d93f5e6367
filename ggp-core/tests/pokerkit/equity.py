"""Equities from pokerkit (an independent engine) for random situations, as JSON lines.

Each line: {"game": "holdem"|"omaha"|"omaha_hi_lo"|"short_deck", "hands": ["AhKh", ...],
"board": "2h7c9d", "samples": N, "equities": [...]} where equities are pokerkit's Monte Carlo
estimates from N samples. ggp-core/tests/pokerkit_equity.rs checks our exact equities
against them within sampling error.

Usage: .venv/bin/python ggp-core/tests/pokerkit/equity.py --seed 1 --count 40 --samples 20000
"""

import argparse
import json
import random
import sys

from pokerkit import (
    Card,
    Deck,
    OmahaEightOrBetterLowHand,
    OmahaHoldemHand,
    ShortDeckHoldemHand,
    StandardHighHand,
    calculate_equities,
)

GAMES = {
    # name: (deck, hole cards, hand types, player counts, board sizes)
    "holdem": (Deck.STANDARD, 2, (StandardHighHand,), (2, 3, 4, 6), (0, 3, 4)),
    "omaha": (Deck.STANDARD, 4, (OmahaHoldemHand,), (2, 3), (3, 4)),
    "omaha_hi_lo": (
        Deck.STANDARD,
        4,
        (OmahaHoldemHand, OmahaEightOrBetterLowHand),
        (2, 3),
        (3, 4),
    ),
    "short_deck": (Deck.SHORT_DECK_HOLDEM, 2, (ShortDeckHoldemHand,), (2, 3), (3, 4)),
}


def text(cards):
    return "".join(repr(card) for card in cards)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--samples", type=int, default=20000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names = sorted(GAMES)
    for index in range(args.count):
        name = names[index % len(names)]
        deck, hole, hand_types, players, boards = GAMES[name]
        count = rng.choice(players)
        board_size = rng.choice(boards)
        cards = list(deck)
        rng.shuffle(cards)
        hands = [cards[i * hole : (i + 1) * hole] for i in range(count)]
        board = cards[count * hole : count * hole + board_size]
        equities = calculate_equities(
            [[frozenset(hand)] for hand in hands],
            board,
            hole,
            5,
            deck,
            hand_types,
            sample_count=args.samples,
        )
        line = {
            "game": name,
            "hands": [text(hand) for hand in hands],
            "board": text(board),
            "samples": args.samples,
            "equities": equities,
        }
        print(json.dumps(line), flush=True)
        print(f"{index + 1}/{args.count} {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
