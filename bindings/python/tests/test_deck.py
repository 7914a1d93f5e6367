"""Decks: seeded reproducibility, order, drawing and shuffling."""

import pytest

import ggp
from ggp import Deck


def names(cards: list[ggp.Card]) -> list[str]:
    return [str(card) for card in cards]


def test_seed_2024_is_pinned() -> None:
    # Pinned by the core: the same seed deals the same cards in every language.
    assert names(Deck("standard", seed=2024).draw(5)) == ["9d", "4c", "Qc", "2c", "8s"]
    assert names(Deck(seed=2024).draw(5)) == ["9d", "4c", "Qc", "2c", "8s"]


def test_same_seed_same_cards() -> None:
    for kind in ["standard", "short"]:
        a, b = Deck(kind, seed=7), Deck(kind, seed=7)
        assert names(a.draw(10)) == names(b.draw(10))
        assert names(a.draw(a.remaining)) == names(b.draw(b.remaining))
    assert names(Deck(seed=1).draw(52)) != names(Deck(seed=2).draw(52))


def test_a_shuffled_deck_holds_every_card_once() -> None:
    cards = Deck(seed=99).draw(52)
    assert len(set(cards)) == 52
    assert sorted(c.index for c in cards) == list(range(52))
    short = Deck("short", seed=99).draw(36)
    assert len(set(short)) == 36
    assert all(c.rank not in "2345" for c in short)


def test_unseeded_deck_is_in_order() -> None:
    deck = Deck()
    assert deck.kind == "standard"
    assert deck.remaining == 52
    assert names(deck.draw(3)) == ["As", "Ah", "Ad"]
    assert deck.remaining == 49
    assert names(Deck("short").draw(36)[-1:]) == ["6c"]


def test_kinds() -> None:
    assert Deck("short").remaining == 36
    assert Deck("short").kind == "short"
    assert Deck(kind="Standard").kind == "standard"
    assert repr(Deck("short")) == "Deck('short', remaining=36)"


def test_draw_zero_and_all() -> None:
    deck = Deck(seed=3)
    assert deck.draw(0) == []
    assert len(deck.draw(52)) == 52
    assert deck.remaining == 0
    assert deck.draw(0) == []


def test_drawing_too_many_deals_nothing() -> None:
    deck = Deck("short", seed=9)
    deck.draw(30)
    with pytest.raises(ggp.DeckExhaustedError):
        deck.draw(7)
    assert deck.remaining == 6


def test_shuffle_is_seeded_and_keeps_the_cards() -> None:
    a, b = Deck(), Deck()
    a.draw(2)
    b.draw(2)
    a.shuffle(11)
    b.shuffle(11)
    assert a.remaining == b.remaining == 50
    drawn = a.draw(50)
    assert names(drawn) == names(b.draw(50))
    assert {str(c) for c in drawn}.isdisjoint({"As", "Ah"})
    # Shuffling an ordered deck from a seed is what Deck(kind, seed) does.
    c = Deck()
    c.shuffle(2024)
    assert names(c.draw(5)) == ["9d", "4c", "Qc", "2c", "8s"]


def test_largest_seed() -> None:
    assert len(Deck(seed=2**64 - 1).draw(52)) == 52
