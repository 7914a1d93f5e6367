"""HandFeed through the binding: cards read in any order dealt as the hand expects them,
hole cards read late filled in, and conflicts raised as FeedError with a code."""

import pytest

import ggp
from ggp import FeedError, Hand, HandFeed


def heads_up() -> HandFeed:
    hand = Hand(variant="NT", starting_stacks=[100, 100], blinds_or_straddles=[1, 2], min_bet=2)
    return HandFeed(hand)


def test_cards_wait_for_their_turn_and_are_dealt_in_order() -> None:
    feed = heads_up()
    assert feed.apply_card("Kd", "player 2 hole card 1") == "waiting"
    assert feed.waiting() == [("Kd", "player 2 hole card 1")]
    assert feed.apply_card(ggp.parse_card("As"), "player 1 hole card 1") == "dealt"
    assert feed.waiting() == []
    assert feed.hand.actions() == ["d dh p1 As", "d dh p2 Kd"]


def test_a_hole_card_read_late_is_filled_in() -> None:
    feed = heads_up()
    applied = feed.apply_action("p2 cc", timestamp_ns=5)
    assert applied == ["d dh p1 ????", "d dh p2 ????", "p2 cc"]
    assert feed.apply_card("Qd", "player 1 hole card 2", timestamp_ns=9) == "revealed"
    assert feed.hand.actions()[0] == "d dh p1 ??Qd"


def test_conflicts_raise_with_a_code_and_change_nothing() -> None:
    feed = heads_up()
    feed.apply_card("As", "player 1 hole card 1")
    with pytest.raises(FeedError) as caught:
        feed.apply_card("As", "board 1 card 1", timestamp_ns=7)
    assert caught.value.code == "card_conflict"
    assert "As seen at board 1 card 1 (7 ns) is already at player 1 hole card 1" in str(
        caught.value
    )
    assert isinstance(caught.value, ggp.GgpError)
    with pytest.raises(FeedError) as caught:
        feed.apply_card("Ks", "player 3 hole card 1")
    assert caught.value.code == "no_such_location"
    with pytest.raises(ggp.UnknownNameError):
        feed.apply_card("Ks", "seat 3")
    with pytest.raises(ggp.InvalidCardError):
        feed.apply_card("Zz", "board 1")
    with pytest.raises(ValueError):
        feed.apply_card("Ks", "board 1", source="radar")
    assert feed.hand.actions() == ["d dh p1 As"]


def test_mucked_cards_are_dead() -> None:
    feed = heads_up()
    assert feed.apply_card("2c", "the muck") == "noted"
    assert [str(card) for card in feed.dead_cards()] == ["2c"]
    with pytest.raises(FeedError) as caught:
        feed.apply_card("2c", "player 1 hole card 1")
    assert caught.value.code == "dead_card"
    assert feed.apply_card("2c", "the muck", present=False) == "noted"
