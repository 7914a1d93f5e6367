#!/usr/bin/env python3
"""Plays random hands through pokerkit and writes, for each, every step's legal options
and the action taken, and how the hand ended: the record the Rust engine is checked
against (`cargo run -p ggp-examples --example rules_diff`).

Usage: generate.py --seed S --hands N [--variants NT,FT,...] > hands.jsonl

The hands are random but fixed by the seed: stacks (some short, for all-ins and side
pots), 2 to 9 players (8 in stud), blinds with or without a straddle, antes per player
or a big-blind ante, and random legal actions, with bets from the minimum to all in.
"""

import argparse
import json
import random
import sys
import warnings

import pokerkit as pk
from pokerkit import Automation

warnings.simplefilter("ignore")

AUTOMATIONS = (
    Automation.ANTE_POSTING,
    Automation.BET_COLLECTION,
    Automation.BLIND_OR_STRADDLE_POSTING,
    Automation.CARD_BURNING,
    Automation.HAND_KILLING,
    Automation.CHIPS_PUSHING,
    Automation.CHIPS_PULLING,
)

BLINDS_GAMES = {
    "NT": pk.NoLimitTexasHoldem,
    "NS": pk.NoLimitShortDeckHoldem,
    "PO": pk.PotLimitOmahaHoldem,
    "N2L1D": pk.NoLimitDeuceToSevenLowballSingleDraw,
}
LIMIT_GAMES = {
    "FT": pk.FixedLimitTexasHoldem,
    "FO/8": pk.FixedLimitOmahaHoldemHighLowSplitEightOrBetter,
    "F2L3D": pk.FixedLimitDeuceToSevenLowballTripleDraw,
    "FB": pk.FixedLimitBadugi,
}
STUD_GAMES = {
    "F7S": pk.FixedLimitSevenCardStud,
    "F7S/8": pk.FixedLimitSevenCardStudHighLowSplitEightOrBetter,
    "FR": pk.FixedLimitRazz,
}
ALL = list(BLINDS_GAMES) + list(LIMIT_GAMES) + list(STUD_GAMES)


def cards_text(cards):
    return "".join("??" if not c else repr(c) for c in cards)


def random_config(rng, variant):
    stud = variant in STUD_GAMES
    players = rng.randint(2, 8 if stud else 9)
    stacks = [rng.choice([rng.randint(1, 30), rng.randint(30, 400), rng.randint(100, 2000)]) for _ in range(players)]
    ante_kind = rng.choice(["none", "none", "each", "bb"]) if not stud else rng.choice(["each", "each", "none"])
    if ante_kind == "each":
        antes = [rng.choice([1, 2])] * players
    elif ante_kind == "bb" and players > 2:
        antes = [0] * players
        antes[1] = 2
    else:
        antes = [0] * players
    blinds = []
    if not stud:
        blinds = [1, 2]
        if players > 3 and rng.random() < 0.2:
            blinds.append(4)
        blinds += [0] * (players - len(blinds))
        blinds = blinds[:players]
    return {
        "variant": variant,
        "players": players,
        "starting_stacks": stacks,
        "antes": antes,
        "blinds_or_straddles": blinds,
        "bring_in": 1 if stud else 0,
        "small_bet": 2,
        "big_bet": 4,
        "min_bet": 2,
        "ante_trimming": rng.random() < 0.3,
    }


def create_state(config):
    v = config["variant"]
    args = (AUTOMATIONS, config["ante_trimming"], config["antes"])
    if v in BLINDS_GAMES:
        return BLINDS_GAMES[v].create_state(*args, config["blinds_or_straddles"], config["min_bet"], config["starting_stacks"], config["players"])
    if v in LIMIT_GAMES:
        return LIMIT_GAMES[v].create_state(*args, config["blinds_or_straddles"], config["small_bet"], config["big_bet"], config["starting_stacks"], config["players"])
    return STUD_GAMES[v].create_state(*args, config["bring_in"], config["small_bet"], config["big_bet"], config["starting_stacks"], config["players"])


def options(state):
    """What the Rust engine must agree on before each action."""
    if state.actor_index is not None:
        return {
            "kind": "bet",
            "player": state.actor_index,
            "can_fold": state.can_fold(),
            "check_or_call": state.checking_or_calling_amount,
            "bring_in": state.effective_bring_in_amount,
            "min_to": state.min_completion_betting_or_raising_to_amount,
            "max_to": state.max_completion_betting_or_raising_to_amount,
        }
    if state.stand_patter_or_discarder_index is not None:
        return {"kind": "draw", "player": state.stand_patter_or_discarder_index}
    if state.hole_dealee_index is not None:
        return {"kind": "deal_hole", "player": state.hole_dealee_index}
    if state.board_dealing_count is not None:
        return {"kind": "deal_board", "count": state.board_dealing_count}
    if state.showdown_index is not None:
        return {"kind": "show_or_muck", "player": state.showdown_index}
    return {"kind": "none"}


def step(rng, state):
    """Takes one random legal action and returns it in PHH notation."""
    if state.actor_index is not None:
        p = state.actor_index
        choices = []
        if state.can_fold():
            choices += ["f"] * 2
        if state.can_post_bring_in():
            choices += ["pb"] * 3
        if state.can_check_or_call():
            choices += ["cc"] * 5
        if state.can_complete_bet_or_raise_to():
            choices += ["cbr"] * 3
        move = rng.choice(choices)
        if move == "f":
            state.fold()
        elif move == "pb":
            state.post_bring_in()
        elif move == "cc":
            state.check_or_call()
        else:
            low = state.min_completion_betting_or_raising_to_amount
            high = state.max_completion_betting_or_raising_to_amount
            amount = rng.choice([low, high, rng.randint(low, high)])
            state.complete_bet_or_raise_to(amount)
            return f"p{p + 1} cbr {amount}"
        return f"p{p + 1} {move}"
    if state.stand_patter_or_discarder_index is not None:
        p = state.stand_patter_or_discarder_index
        hole = list(state.hole_cards[p])
        discards = rng.sample(hole, rng.randint(0, len(hole)))
        state.stand_pat_or_discard(discards)
        return f"p{p + 1} sd {cards_text(discards)}".rstrip()
    if state.hole_dealee_index is not None:
        p = state.hole_dealee_index
        op = state.deal_hole()
        return f"d dh p{p + 1} {cards_text(op.cards)}"
    if state.board_dealing_count is not None:
        op = state.deal_board()
        return f"d db {cards_text(op.cards)}"
    if state.showdown_index is not None:
        p = state.showdown_index
        op = state.show_or_muck_hole_cards()
        # PHH: "sm" alone is a muck ("sm -" would show the cards dealt).
        return f"p{p + 1} sm {cards_text(op.hole_cards)}".rstrip()
    raise AssertionError("no action possible in a running hand")


def play(rng, variant):
    config = random_config(rng, variant)
    random.seed(rng.random())  # pokerkit shuffles its deck with the global generator
    state = create_state(config)
    steps = []
    while state.status:
        expect = options(state)
        action = step(rng, state)
        steps.append({"expect": expect, "action": action})
        if len(steps) > 500:
            raise AssertionError("hand did not end")
    awards = []
    for op in state.operations:
        if isinstance(op, pk.ChipsPushing):
            awards.append({"pot": op.pot_index, "board": op.board_index, "hand_type": op.hand_type_index, "amounts": list(op.amounts)})
    return {"config": config, "steps": steps, "final_stacks": list(state.stacks), "awards": awards}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--hands", type=int, required=True, help="hands per variant")
    parser.add_argument("--variants", default=",".join(ALL))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for variant in args.variants.split(","):
        for _ in range(args.hands):
            print(json.dumps(play(rng, variant), separators=(",", ":")))
    print(f"generated {args.hands} hands per variant for {args.variants} (pokerkit {pk.__version__ if hasattr(pk, '__version__') else '?'})", file=sys.stderr)


if __name__ == "__main__":
    main()
