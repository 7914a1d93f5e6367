"""Equity and outs: exact, seeded Monte Carlo, within a budget, stud and draw games."""

import threading

import pytest

import ggp


def test_published_heads_up_count() -> None:
    result = ggp.equity(["AhKh", "QsQd"], threads=1)
    assert result.exact and result.boards == 1_712_304
    aces = result.players[0]
    assert (aces.win, aces.tie, aces.lose) == (787_966, 6_732, 917_606)
    assert aces.std_error is None and aces.high is None


def test_monte_carlo_is_seeded_and_thread_independent() -> None:
    one = ggp.equity(["AhKh", "QsQd", None], samples=20_000, seed=3, threads=1)
    two = ggp.equity(["AhKh", "QsQd", "random"], samples=20_000, seed=3, threads=2)
    assert [p.equity for p in one.players] == [p.equity for p in two.players]
    assert one.boards == 20_000 and not one.exact
    assert all(p.std_error is not None and p.std_error > 0 for p in one.players)


def test_hi_lo_stud_and_draw() -> None:
    omaha = ggp.equity(["As2sKdQd", "9h9c8h7c"], variant="FO/8", board="2h6dKc")
    high, low = omaha.players[0].high, omaha.players[0].low
    assert high is not None and low is not None
    assert abs(high + low - omaha.players[0].equity) < 1e-9
    razz = ggp.equity(["Ah2c3d4sKdKc", "As2d3h6c7h8d"], variant="razz")
    assert razz.exact and razz.boards == 40 * 39
    deuce = ggp.equity(["9c7d5h4s2c", "7s5c3d2h"], variant="F2L3D")
    assert deuce.boards == 43


def test_budget_and_cancel_from_another_thread() -> None:
    token = ggp.CancelToken()
    assert not token.cancelled
    timer = threading.Timer(0.05, token.cancel)
    timer.start()
    result = ggp.equity(["AhKh", "QsQd", "JcTc"], budget_ms=60_000, cancel=token)
    timer.join()
    assert token.cancelled and not result.exact and result.boards > 0


def test_outs_on_the_flop() -> None:
    outs = ggp.outs(["AhKh", "QsQd"], board="2c7d9s", threads=1)
    assert len(outs.cards) == 45
    assert outs.leaders == [1]
    assert sorted(str(card) for card in outs.outs[0]) == ["Ac", "Ad", "As", "Kc", "Kd", "Ks"]
    assert outs.cards[0].card == ggp.Card("2d")


def test_errors() -> None:
    with pytest.raises(ggp.UnknownNameError):
        ggp.equity(["AhKh", "QsQd"], variant="nonsense")
    with pytest.raises(ggp.DuplicateCardError):
        ggp.equity(["AhKh", "AhQd"])
    with pytest.raises(ggp.InvalidCardError):
        ggp.equity(["AhKx", "QsQd"])
    with pytest.raises(ValueError):
        ggp.equity(["AhKh", "QsQd"], samples=10, budget_ms=5)


def test_live_equity_follows_the_board() -> None:
    live = ggp.LiveEquity(["AhKh", "QsQd"], board="2h 7h 9c", threads=1)
    assert live.result.boards == 990
    flop = ggp.equity(["AhKh", "QsQd"], board="2h 7h 9c", threads=1)
    assert [p.win for p in live.result.players] == [p.win for p in flop.players]
    turn = live.deal("Th")
    assert turn.boards == 44 and turn.players[0].equity == 1.0
    assert [str(c) for c in live.board] == ["2h", "7h", "9c", "Th"]
    with pytest.raises(ggp.GgpError):
        live.deal("Th")  # already on the board: the state stays
    assert live.result.boards == 44
    # Random hands too: the same counts as a fresh exact run.
    random = ggp.LiveEquity(["AhKh", None], board="2h 7h 9c", threads=1)
    after = random.deal("2c")
    fresh = ggp.equity(["AhKh", None], board="2h 7h 9c 2c", threads=1)
    assert (after.boards, after.players[0].win) == (fresh.boards, fresh.players[0].win)
    with pytest.raises(ggp.InvalidConfigError):
        ggp.LiveEquity(["Ah2c3d4sKdKc", "As2d3h6c7h8d"], variant="razz")
