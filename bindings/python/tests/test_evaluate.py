"""Hand evaluation of the two example hands and others."""

import pytest

import ggp
from ggp import Card

ROYAL = "As Ks Qs Js Ts 2c 3d"
BOAT = "7h 7d 7c 2s 2h"


def names(cards: list[Card]) -> list[str]:
    return [str(card) for card in cards]


def test_royal_flush() -> None:
    value = ggp.evaluate(ROYAL)
    assert value.category == "straight_flush"
    assert value.strength == 9175040
    assert names(value.best_five) == ["As", "Ks", "Qs", "Js", "Ts"]
    assert value.description == "Royal Flush"


def test_full_house() -> None:
    value = ggp.evaluate(BOAT)
    assert value.category == "full_house"
    assert value.strength == 6619136
    assert names(value.best_five) == ["7h", "7d", "7c", "2s", "2h"]
    assert value.description == "Full House, Sevens full of Twos"


def test_stronger_hand_has_greater_strength() -> None:
    hands = [
        "2c 4d 6h 8s Tc",  # high card
        "2c 2d 6h 8s Tc",  # one pair
        "2c 2d 6h 6s Tc",  # two pair
        "2c 2d 2h 8s Tc",  # three of a kind
        "Ac 2d 3h 4s 5c",  # straight (the wheel)
        "6c 7d 8h 9s Tc",  # straight
        "2c 4c 6c 8c Tc",  # flush
        BOAT,  # full house
        "9c 9d 9h 9s 2c",  # four of a kind
        "5d 4d 3d 2d Ad",  # straight flush (steel wheel)
        ROYAL,  # royal flush
    ]
    strengths = [ggp.evaluate(hand).strength for hand in hands]
    assert strengths == sorted(strengths)
    assert len(set(strengths)) == len(strengths)
    assert ggp.evaluate(ROYAL).strength > ggp.evaluate(BOAT).strength


@pytest.mark.parametrize(
    ("hand", "category", "description"),
    [
        ("As Ad Ks Kd 2c", "two_pair", "Two Pair, Aces and Kings"),
        ("5c 4d 3h 2s Ah Kd", "straight", "Straight, Five high"),
        ("9c 9d 9h 9s 2c", "four_of_a_kind", "Four of a Kind, Nines"),
        ("2c 2d 6h 8s Tc", "one_pair", "Pair of Twos"),
        ("2c 4d 6h 8s Tc", "high_card", "High Card, Ten"),
    ],
)
def test_categories_and_descriptions(hand: str, category: str, description: str) -> None:
    value = ggp.evaluate(hand)
    assert value.category == category
    assert value.description == description
    assert len(value.best_five) == 5


def test_every_input_form_gives_the_same_value() -> None:
    expected = ggp.evaluate(ROYAL)
    cards = ggp.parse_cards(ROYAL)
    texts = ROYAL.split()
    for form in [
        cards,
        tuple(cards),
        texts,
        tuple(texts),
        [str(c) for c in cards],
        [cards[0], "Ks", "Q♠", cards[3], "10s", "2c", "3d"],
        (c for c in cards),
        "AsKsQsJsTs2c3d",
        "As,Ks,Qs,Js,Ts,2c,3d",
    ]:
        assert ggp.evaluate(form) == expected


def test_hand_values_compare_and_hash() -> None:
    assert ggp.evaluate(BOAT) == ggp.evaluate("2h 2s 7c 7d 7h")
    assert ggp.evaluate(BOAT) != ggp.evaluate(ROYAL)
    assert len({ggp.evaluate(BOAT), ggp.evaluate("2h 2s 7c 7d 7h")}) == 1


def test_hand_value_repr_and_immutability() -> None:
    value = ggp.evaluate(BOAT)
    assert repr(value) == (
        "HandValue(category='full_house', strength=6619136, "
        "best_five='7h 7d 7c 2s 2h', description='Full House, Sevens full of Twos')"
    )
    with pytest.raises(AttributeError):
        value.strength = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        ggp.HandValue()  # type: ignore[call-arg]
