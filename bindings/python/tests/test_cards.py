"""Cards: parsing every accepted form, formatting, equality and hashing."""

import pytest

import ggp
from ggp import Card


@pytest.mark.parametrize("text", ["As", "as", "AS", "aS", "A♠", "A♤", "A♠\ufe0f", " As "])
def test_ace_of_spades_in_every_form(text: str) -> None:
    card = ggp.parse_card(text)
    assert str(card) == "As"
    assert (card.rank, card.suit, card.index) == ("A", "s", 51)


@pytest.mark.parametrize("text", ["Td", "td", "10d", "10D", "10♦", "T♢"])
def test_ten_of_diamonds_in_every_form(text: str) -> None:
    card = ggp.parse_card(text)
    assert str(card) == "Td"
    assert (card.rank, card.suit, card.index) == ("T", "d", 8 * 4 + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ah", "Ah"), ("2c", "2c"), ("9h", "9h"), ("Jc", "Jc"), ("q♥", "Qh"), ("K♣", "Kc")],
)
def test_other_forms(text: str, expected: str) -> None:
    assert str(ggp.parse_card(text)) == expected


def test_index_is_rank_times_four_plus_suit() -> None:
    ranks = "23456789TJQKA"
    suits = "cdhs"
    for rank_index, rank in enumerate(ranks):
        for suit_index, suit in enumerate(suits):
            card = ggp.parse_card(rank + suit)
            assert card.index == rank_index * 4 + suit_index
            assert card.rank == rank
            assert card.suit == suit


def test_card_constructor_and_parse_agree() -> None:
    assert Card("10♥") == Card.parse("Th") == ggp.parse_card("th")


def test_str_and_repr() -> None:
    card = Card("10d")
    assert str(card) == "Td"
    assert repr(card) == "Card('Td')"
    assert eval(repr(card), {"Card": Card}) == card


def test_equality_and_hashing() -> None:
    assert Card("As") == Card("A♠")
    assert Card("As") != Card("Ah")
    assert Card("As") != "As"
    assert len({Card("As"), Card("as"), Card("A♠"), Card("Ks")}) == 2
    assert {Card("As"): 1}[ggp.parse_card("AS")] == 1


def test_cards_are_immutable() -> None:
    card = Card("As")
    with pytest.raises(AttributeError):
        card.rank = "K"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        card.anything = 1  # type: ignore[attr-defined]


def test_cards_cannot_be_subclassed() -> None:
    with pytest.raises(TypeError):
        type("MyCard", (Card,), {})


@pytest.mark.parametrize("text", ["As Ks Qs", "AsKsQs", "As,Ks,Qs", "as, ks\tqs\n", "A♠K♠Q♠"])
def test_parse_cards_in_every_layout(text: str) -> None:
    cards = ggp.parse_cards(text)
    assert [str(c) for c in cards] == ["As", "Ks", "Qs"]
    assert all(isinstance(c, Card) for c in cards)


def test_parse_cards_allows_duplicates_and_empty_text() -> None:
    assert [str(c) for c in ggp.parse_cards("As as")] == ["As", "As"]
    assert ggp.parse_cards("") == []
    assert ggp.parse_cards(" , ") == []


def test_version() -> None:
    from importlib.metadata import version

    assert ggp.version() == ggp.__version__ == version("ggp")
    assert ggp.version().count(".") == 2


def test_public_names() -> None:
    for name in ggp.__all__:
        assert getattr(ggp, name) is getattr(ggp._ggp, name)
    assert set(ggp.__all__) == set(ggp._ggp.__all__)
    assert Card.__module__ == "ggp"
    assert ggp.InvalidCardError.__module__ == "ggp"
