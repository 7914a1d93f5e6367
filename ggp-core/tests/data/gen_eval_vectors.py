#!/usr/bin/env python3
"""Writes the pokerkit-ranked evaluation vectors that ggp-core/tests/eval_vectors.rs checks.

For each hand type of ggp_core::eval::HandType this deals a few thousand random hands,
ranks them all with pokerkit's own hand class, and writes one line per hand:

    <hole cards> <board cards or -> <rank>

where cards are written together ("As2d3c"), and <rank> is the hand's dense rank among
the file's hands by pokerkit's comparison (0 = weakest; equal hands share a rank; a low
hand comes out greater when it is better, as ggp-core's strengths do), or "-" when
pokerkit forms no hand (no 8-or-better low). The Rust test checks that ggp-core orders the
same hands exactly so, which keeps CI independent of pokerkit while checking against it.

Run it from anywhere with a Python that has pokerkit installed (kept outside the repo):

    python3 -m venv /tmp/pk && /tmp/pk/bin/pip install pokerkit==0.7.7
    /tmp/pk/bin/python ggp-core/tests/data/gen_eval_vectors.py

The output is a pure function of the pokerkit version and the seeds below.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from pokerkit import (
    BadugiHand,
    EightOrBetterLowHand,
    OmahaEightOrBetterLowHand,
    OmahaHoldemHand,
    RegularLowHand,
    ShortDeckHoldemHand,
    StandardBadugiHand,
    StandardHighHand,
    StandardLowHand,
)
from pokerkit.hands import CombinationHand
from pokerkit.lookups import Label, Lookup
from pokerkit.utilities import RankOrder

OUT_DIR = Path(__file__).resolve().parent
RANKS = "23456789TJQKA"
SUITS = "cdhs"
DECK = [r + s for r in RANKS for s in SUITS]
SHORT_DECK = [c for c in DECK if RANKS.index(c[0]) >= RANKS.index("6")]
# Ranks A-8 and 2-8: decks that force the pairs, straights and flushes a low must avoid.
LOW_RANKS = ["A2345678", "2345678", "A2345", "23456789", "A23456"]


@dataclass
class TritonShortDeckLookup(Lookup):
    """pokerkit's ShortDeckHoldemLookup with three of a kind above the straight.

    pokerkit has no Triton ranking; this builds one from its own lookup machinery (same
    rank order, same wrap-around A-6-7-8-9, same flush-over-full-house), changing only the
    order in which the two categories are added.
    """

    rank_order = RankOrder.SHORT_DECK_HOLDEM

    def _add_entries(self) -> None:
        self._add_multisets(Counter({1: 5}), (False,), Label.HIGH_CARD)
        self._add_multisets(Counter({2: 1, 1: 3}), (False,), Label.ONE_PAIR)
        self._add_multisets(Counter({2: 2, 1: 1}), (False,), Label.TWO_PAIR)
        self._add_straights(5, (False,), Label.STRAIGHT)
        self._add_multisets(Counter({3: 1, 1: 2}), (False,), Label.THREE_OF_A_KIND)
        self._add_multisets(Counter({3: 1, 2: 1}), (False,), Label.FULL_HOUSE)
        self._add_multisets(Counter({1: 5}), (True,), Label.FLUSH)
        self._add_multisets(Counter({4: 1, 1: 1}), (False,), Label.FOUR_OF_A_KIND)
        self._add_straights(5, (True,), Label.STRAIGHT_FLUSH)


class TritonShortDeckHand(CombinationHand):
    """Short-deck hold'em hands under Triton rules (see TritonShortDeckLookup)."""

    lookup = TritonShortDeckLookup()
    low = False
    card_count = 5


def deal(rng: random.Random, deck: list[str], count: int) -> list[str]:
    return rng.sample(deck, count)


def low_heavy_deck(rng: random.Random) -> list[str]:
    """A deck of a few low ranks in one to four suits, so that pairs, straights and
    flushes are common."""
    ranks = rng.choice(LOW_RANKS)
    suits = rng.sample(SUITS, rng.randint(1, 4))
    deck = [r + s for r in ranks for s in suits]
    return deck


def holdem(rng: random.Random, deck: list[str]) -> tuple[list[str], list[str]]:
    """Two hole cards and a board of 3 to 5."""
    cards = deal(rng, deck, 2 + rng.randint(3, 5))
    return cards[:2], cards[2:]


def stud_or_draw(rng: random.Random) -> tuple[list[str], list[str]]:
    """5 to 7 cards, all in the hole, from the full deck or a low-heavy one."""
    count = rng.randint(5, 7)
    deck = DECK
    if rng.random() < 0.5:
        deck = low_heavy_deck(rng)
        while len(deck) < count:
            deck = low_heavy_deck(rng)
    return deal(rng, deck, count), []


def badugi(rng: random.Random) -> tuple[list[str], list[str]]:
    """Four cards, from the full deck or one with few suits or ranks."""
    deck = DECK
    roll = rng.random()
    if roll < 0.3:
        deck = [c for c in DECK if c[1] in rng.sample(SUITS, rng.randint(2, 3))]
    elif roll < 0.6:
        ranks = rng.sample(RANKS, rng.randint(2, 6))
        deck = [c for c in DECK if c[0] in ranks]
    return deal(rng, deck, 4), []


def omaha(rng: random.Random) -> tuple[list[str], list[str]]:
    """4 to 6 hole cards and a board of 3 to 5, sometimes from a low-heavy deck."""
    hole_count = rng.randint(4, 6)
    board_count = rng.randint(3, 5)
    deck = DECK
    if rng.random() < 0.3:
        deck = [c for c in DECK if c[0] in "A23456789T"]
    cards = deal(rng, deck, hole_count + board_count)
    return cards[:hole_count], cards[hole_count:]


# (HandType code, pokerkit hand class, dealer, hand count, seed)
TYPES = [
    ("standard_high", StandardHighHand, lambda rng: holdem(rng, DECK), 4000, 1),
    (
        "short_deck_high_standard",
        ShortDeckHoldemHand,
        lambda rng: holdem(rng, SHORT_DECK),
        4000,
        2,
    ),
    (
        "short_deck_high_triton",
        TritonShortDeckHand,
        lambda rng: holdem(rng, SHORT_DECK),
        4000,
        3,
    ),
    ("ace_to_five_low", RegularLowHand, stud_or_draw, 4000, 4),
    ("eight_or_better_low", EightOrBetterLowHand, stud_or_draw, 4000, 5),
    ("deuce_to_seven_low", StandardLowHand, stud_or_draw, 4000, 6),
    ("ace_to_five_badugi", BadugiHand, badugi, 4000, 7),
    ("deuce_to_seven_badugi", StandardBadugiHand, badugi, 4000, 8),
    ("omaha_high", OmahaHoldemHand, omaha, 3000, 9),
    ("omaha_eight_or_better_low", OmahaEightOrBetterLowHand, omaha, 3000, 10),
]


def dense_ranks(hands: list) -> list[int | None]:
    """Each hand's dense rank by pokerkit's own comparison (None stays None)."""
    indexed = [(i, h) for i, h in enumerate(hands) if h is not None]
    indexed.sort(key=functools.cmp_to_key(lambda a, b: (a[1] > b[1]) - (a[1] < b[1])))
    ranks: list[int | None] = [None] * len(hands)
    rank = -1
    previous = None
    for i, hand in indexed:
        if previous is None or hand != previous:
            rank += 1
            previous = hand
        ranks[i] = rank
    return ranks


def main() -> None:
    pokerkit_version = version("pokerkit")
    for code, hand_class, dealer, count, seed in TYPES:
        rng = random.Random(seed)
        deals = [dealer(rng) for _ in range(count)]
        hands = [
            hand_class.from_game_or_none("".join(hole), "".join(board))
            for hole, board in deals
        ]
        ranks = dense_ranks(hands)
        path = OUT_DIR / f"eval_vectors_{code}.txt"
        with path.open("w") as out:
            out.write(
                f"# {code}: {hand_class.__name__} from pokerkit {pokerkit_version},"
                f" {count} hands, seed {seed}\n"
                "# Written by gen_eval_vectors.py; do not edit.\n"
                "# <hole> <board or -> <dense rank by pokerkit, 0 = weakest, - = no hand>\n"
            )
            for (hole, board), rank in zip(deals, ranks):
                out.write(
                    f"{''.join(hole)} {''.join(board) or '-'}"
                    f" {'-' if rank is None else rank}\n"
                )
        qualifying = sum(r is not None for r in ranks)
        distinct = len({r for r in ranks if r is not None})
        print(
            f"{path.name}: {count} hands, {qualifying} with a hand,"
            f" {distinct} distinct, {path.stat().st_size} bytes"
        )


if __name__ == "__main__":
    main()
