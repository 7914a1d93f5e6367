"""Generate varied PHH hand histories with pokerkit, for ggp-core's PHH reader tests.

pokerkit (the reference implementation of the PHH format) plays random hands of every
variant it supports, writes each with its own ``HandHistory.dumps``, and checks that it
reads each file back to the same text and can replay it. The result is one ``.phhs``
file that ``ggp-core/tests/phh_pokerkit_samples.rs`` must read and write back exactly.

The hands vary what a reader meets: every variant code; 2 to 9 players; integer and
decimal stakes (``0.25``, ``0.50``); straddles, antes and bring-ins; folds, calls,
bets, raises and all-ins; stand-pats and discards; shown, mucked (``sm``) and
already-dealt (``sm -``) showdowns; unknown cards (``????``, and stud down cards);
commentaries with quotes and ``#``; every optional field; and user-defined fields of
every TOML type.

Run it with pokerkit 0.7.7 and Python 3.11 or later, outside the repository:

    python3 -m venv /tmp/pkphh && /tmp/pkphh/bin/pip install pokerkit==0.7.7
    /tmp/pkphh/bin/python ggp-core/tests/data/gen_phh_samples.py

The seed is fixed, so the output is the same on every run.

It also checks the hand-written test files next to the samples: pokerkit must read
every one and replay each hand to its end, and those in canonical form (every file but
``hand_written.phh``, which is laid out as a person would type it) must be exactly what
pokerkit writes for them.
"""

from __future__ import annotations

import datetime
import random
import re
import sys
import warnings
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path

from pokerkit import (
    Automation,
    ChipsPushing,
    FixedLimitBadugi,
    FixedLimitDeuceToSevenLowballTripleDraw,
    FixedLimitOmahaHoldemHighLowSplitEightOrBetter,
    FixedLimitRazz,
    FixedLimitSevenCardStud,
    FixedLimitSevenCardStudHighLowSplitEightOrBetter,
    FixedLimitTexasHoldem,
    HandHistory,
    Mode,
    NoLimitDeuceToSevenLowballSingleDraw,
    NoLimitShortDeckHoldem,
    NoLimitTexasHoldem,
    PotLimitOmahaHoldem,
)

SEED = 20240917
HAND_COUNT = 300
OUTPUT = Path(__file__).parent / 'phh' / 'pokerkit_samples.phhs'
EXPECTED_POKERKIT = '0.7.7'

AUTOMATIONS = (
    Automation.ANTE_POSTING,
    Automation.BET_COLLECTION,
    Automation.BLIND_OR_STRADDLE_POSTING,
    Automation.CARD_BURNING,
    Automation.RUNOUT_COUNT_SELECTION,
    Automation.HAND_KILLING,
    Automation.CHIPS_PUSHING,
    Automation.CHIPS_PULLING,
)

# Variant code -> (game class, betting kind, whether it is a stud game, most players).
VARIANTS = {
    'FT': (FixedLimitTexasHoldem, 'fixed', False, 9),
    'NT': (NoLimitTexasHoldem, 'min', False, 9),
    'NS': (NoLimitShortDeckHoldem, 'min', False, 6),
    'PO': (PotLimitOmahaHoldem, 'min', False, 6),
    'FO/8': (FixedLimitOmahaHoldemHighLowSplitEightOrBetter, 'fixed', False, 6),
    'F7S': (FixedLimitSevenCardStud, 'fixed', True, 7),
    'F7S/8': (FixedLimitSevenCardStudHighLowSplitEightOrBetter, 'fixed', True, 7),
    'FR': (FixedLimitRazz, 'fixed', True, 7),
    'N2L1D': (NoLimitDeuceToSevenLowballSingleDraw, 'min', False, 6),
    'F2L3D': (FixedLimitDeuceToSevenLowballTripleDraw, 'fixed', False, 6),
    'FB': (FixedLimitBadugi, 'fixed', False, 6),
}

COMMENTARIES = [
    'tank',
    "it's a big pot",
    'says "nice hand"',
    'table talk # not a TOML comment',
    'señor ♠',
    'snap',
]

CITIES = [
    ('Las Vegas', 'Nevada', 'United States of America', 'America/Los_Angeles', 'PDT'),
    ('Toronto', 'Ontario', 'Canada', 'America/Toronto', 'EDT'),
    ('Seoul', '', 'South Korea', 'Asia/Seoul', 'KST'),
]

NAMES = [
    'Alice', 'Bob', 'Carol', 'Dave', "Eve O'Hara", 'Frank', 'Grace', 'Heidi', 'Ivan',
    '',
]


class Stakes:
    """Amounts of one hand: whole chips, or cents."""

    def __init__(self, rng: random.Random) -> None:
        self.decimal = rng.random() < 0.35

    def amount(self, whole: int) -> int | Decimal:
        """``whole`` hundredths of a dollar in a decimal game, else ``whole`` chips."""
        if self.decimal:
            return (Decimal(whole) / 100).quantize(Decimal('0.01'))
        return whole

    def between(self, rng: random.Random, low, high):
        if low >= high:
            return low
        if self.decimal:
            cents = rng.randint(int(low * 100), int(high * 100))
            return (Decimal(cents) / 100).quantize(Decimal('0.01'))
        return rng.randint(int(low), int(high))


def make_game(rng: random.Random, code: str, player_count: int, stakes: Stakes):
    game_type, betting, stud, _ = VARIANTS[code]
    small = rng.choice([1, 2, 5, 10, 25, 50, 100])
    ante = stakes.amount(small // 5 or 1) if rng.random() < 0.4 else 0
    if ante and rng.random() < 0.3 and not stud:
        # A big-blind ante.
        antes = [0] * player_count
        antes[1 if player_count > 2 else 0] = stakes.amount(small * 2)
    else:
        antes = [ante] * player_count
    if stud:
        bring_in = stakes.amount(small)
        forced = {'bring_in': bring_in}
        if not any(antes):
            antes = [stakes.amount(small // 2 or 1)] * player_count
    else:
        blinds = [stakes.amount(small), stakes.amount(2 * small)]
        if player_count > 3 and rng.random() < 0.2:
            blinds.append(stakes.amount(4 * small))
        forced = {'raw_blinds_or_straddles': blinds + [0] * (player_count - len(blinds))}
    if betting == 'fixed':
        sizes = {'small_bet': stakes.amount(2 * small), 'big_bet': stakes.amount(4 * small)}
    else:
        sizes = {'min_bet': stakes.amount(2 * small)}
    trimming = rng.random() < 0.1
    if stud:
        game = game_type(
            AUTOMATIONS, trimming, antes, forced['bring_in'], sizes['small_bet'],
            sizes['big_bet'], mode=Mode.CASH_GAME,
        )
    elif betting == 'fixed':
        game = game_type(
            AUTOMATIONS, trimming, antes, forced['raw_blinds_or_straddles'],
            sizes['small_bet'], sizes['big_bet'], mode=Mode.CASH_GAME,
        )
    else:
        game = game_type(
            AUTOMATIONS, trimming, antes, forced['raw_blinds_or_straddles'],
            sizes['min_bet'], mode=Mode.CASH_GAME,
        )
    stacks = []
    for _ in range(player_count):
        whole = small * rng.randint(10, 400) + rng.choice([0, 0, 0, 1, 50])
        stacks.append(stakes.amount(whole))
    return game, stacks


def commentary(rng: random.Random) -> str | None:
    return rng.choice(COMMENTARIES) if rng.random() < 0.06 else None


def play(rng: random.Random, state, stakes: Stakes) -> None:
    """Play random legal actions until the hand is over."""
    while state.status:
        if state.can_post_bring_in():
            if rng.random() < 0.7:
                state.post_bring_in(commentary=commentary(rng))
            else:
                state.complete_bet_or_raise_to(commentary=commentary(rng))
        elif state.can_deal_hole():
            state.deal_hole()
        elif state.can_deal_board():
            state.deal_board()
        elif state.can_stand_pat_or_discard():
            index = state.stand_patter_or_discarder_index
            hole = list(state.hole_cards[index])
            count = rng.choice([0, 0, 1, 1, 2, 3])
            state.stand_pat_or_discard(rng.sample(hole, min(count, len(hole))),
                                       commentary=commentary(rng))
        elif state.actor_index is not None:
            choice = rng.random()
            if state.can_fold() and choice < 0.22:
                state.fold(commentary=commentary(rng))
            elif state.can_complete_bet_or_raise_to() and choice > 0.72:
                low = state.min_completion_betting_or_raising_to_amount
                high = state.max_completion_betting_or_raising_to_amount
                pick = rng.random()
                if pick < 0.1:
                    amount = high
                elif pick < 0.5:
                    amount = low
                else:
                    amount = stakes.between(rng, low, min(high, low * 3))
                state.complete_bet_or_raise_to(amount, commentary=commentary(rng))
            else:
                state.check_or_call(commentary=commentary(rng))
        elif state.can_show_or_muck_hole_cards():
            if rng.random() < 0.15 and state.can_show_or_muck_hole_cards(False):
                state.show_or_muck_hole_cards(False, commentary=commentary(rng))
            else:
                state.show_or_muck_hole_cards(True, commentary=commentary(rng))
        elif state.can_no_operate():
            state.no_operate(commentary='dealer error, hand continues')
        else:
            raise RuntimeError('the hand is stuck')


DEAL = re.compile(r'^d dh p(\d+) (\S+)(.*)$')
DISCARD = re.compile(r'^p(\d+) sd (\S+)(.*)$')
SHOW = re.compile(r'^p(\d+) sm (\S+)(.*)$')


def hide_cards(rng: random.Random, actions: list[str], stud: bool) -> list[str]:
    """Write the cards of players who never showed as unknown (``??``), as a broadcast
    hand history would: all of them in flop and draw games, only the down cards (the
    first two and the seventh) in stud games."""
    shown = {int(m.group(1)) for a in actions if (m := SHOW.match(a))}
    dealt = {}
    hidden = []
    for action in actions:
        deal = DEAL.match(action)
        discard = DISCARD.match(action)
        if deal and int(deal.group(1)) not in shown:
            player, cards, rest = int(deal.group(1)), deal.group(2), deal.group(3)
            pairs = [cards[i:i + 2] for i in range(0, len(cards), 2)]
            masked = []
            for pair in pairs:
                dealt[player] = dealt.get(player, 0) + 1
                down = dealt[player] in (1, 2, 7)
                masked.append('??' if (down or not stud) else pair)
            action = f'd dh p{player} {"".join(masked)}{rest}'
        elif discard and int(discard.group(1)) not in shown and not stud:
            player, cards, rest = discard.group(1), discard.group(2), discard.group(3)
            action = f'p{player} sd {"??" * (len(cards) // 2)}{rest}'
        hidden.append(action)
    return hidden


def show_dealt(rng: random.Random, actions: list[str]) -> list[str]:
    """Write some showdowns as ``sm -`` (show the cards already dealt)."""
    out = []
    for action in actions:
        show = SHOW.match(action)
        if show and rng.random() < 0.5:
            action = f'p{show.group(1)} sm -{show.group(3)}'
        out.append(action)
    return out


def winnings_of(state) -> list:
    won = [0] * state.player_count
    for operation in state.operations:
        if isinstance(operation, ChipsPushing):
            for index, amount in enumerate(operation.amounts):
                won[index] += amount
    return won


def metadata(rng: random.Random, number: int, state, player_count: int, stakes) -> dict:
    """Optional and user-defined fields, in the order pokerkit writes them back."""
    fields = {}
    if rng.random() < 0.3:
        fields['author'] = rng.choice(['GGP-GFX tests', 'Juho Kim'])
    if rng.random() < 0.3:
        fields['event'] = rng.choice(['Sunday Special', "Players' Championship"])
    if rng.random() < 0.2:
        fields['url'] = 'https://example.invalid/events/42'
    city = rng.choice(CITIES)
    if rng.random() < 0.25:
        fields['venue'] = rng.choice(['Main Casino', 'Online'])
        fields['address'] = '1 Example Street, Room 12'
        fields['city'], fields['region'], fields['country'] = city[0], city[1], city[2]
        fields['postal_code'] = 'A1B 2C3'
    if rng.random() < 0.3:
        fields['time'] = datetime.time(
            rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
            rng.choice([0, 0, 0, 500000, 123456]),
        )
        fields['time_zone'] = city[3]
    if rng.random() < 0.3:
        fields['day'], fields['month'], fields['year'] = (
            rng.randint(1, 28), rng.randint(1, 12), rng.randint(2009, 2025),
        )
    if rng.random() < 0.4:
        fields['hand'] = number if rng.random() < 0.7 else f'Hand #{number}'
    if rng.random() < 0.2:
        fields['level'] = rng.randint(1, 40)
    if rng.random() < 0.3:
        seat_count = max(player_count, rng.choice([6, 9, 10]))
        fields['seats'] = sorted(rng.sample(range(1, seat_count + 1), player_count))
        fields['seat_count'] = seat_count
    if rng.random() < 0.2:
        fields['table'] = rng.randint(1, 50) if rng.random() < 0.6 else 'Final Table'
    if rng.random() < 0.5:
        fields['players'] = [rng.choice(NAMES) for _ in range(player_count)]
    if rng.random() < 0.4:
        fields['finishing_stacks'] = list(state.stacks)
    if rng.random() < 0.3:
        fields['winnings'] = winnings_of(state)
    if stakes.decimal and rng.random() < 0.6:
        fields['currency'], fields['currency_symbol'] = rng.choice(
            [('USD', '$'), ('EUR', '€'), ('KRW', '₩')],
        )
    if rng.random() < 0.15:
        fields['time_limit'] = rng.choice([30, Decimal('12.5'), Decimal('Infinity')])
        fields['time_banks'] = [rng.choice([0, 30, 60, Decimal('7.5')])
                                for _ in range(player_count)]
    # pokerkit 0.7 does not know this field of the specification: it keeps it with the
    # user-defined fields (with a warning), after the fields it knows.
    if 'time_zone' in fields and rng.random() < 0.5:
        fields['time_zone_abbreviation'] = city[4]
    if rng.random() < 0.25:
        fields['_sponsors'] = [rng.choice(['', 'GGPoker', 'Example Co.'])
                               for _ in range(player_count)]
    if rng.random() < 0.15:
        fields['_stream'] = {
            'delay_s': rng.choice([30, 300]),
            'rake': Decimal('0.05'),
            'live': rng.random() < 0.5,
            'camera names': ['hole', 'table'],
        }
    if rng.random() < 0.1:
        fields['_note'] = rng.choice(["Dealer's choice", 'plain note'])
    if rng.random() < 0.1:
        fields['_clock'] = datetime.time(12, 0, 0)
    return fields


NOT_CANONICAL = {'hand_written.phh'}


def check_hand_written() -> None:
    for path in sorted(OUTPUT.parent.glob('*.phh*')):
        if path == OUTPUT:
            continue
        text = path.read_text(encoding='utf-8')
        if path.suffix == '.phhs':
            hands = list(HandHistory.loads_all(text))
            written = HandHistory.dumps_all(hands)
        else:
            hands = [HandHistory.loads(text)]
            written = hands[0].dumps()
        for hand in hands:
            if list(hand)[-1].status:
                sys.exit(f'{path.name}: a hand does not reach its end')
        if path.name not in NOT_CANONICAL and written != text:
            sys.exit(f'{path.name} is not what pokerkit writes:\n{written}')
        print(f'checked {path.name} ({len(hands)} hands)')


def main() -> None:
    if version('pokerkit') != EXPECTED_POKERKIT:
        sys.exit(f'pokerkit {EXPECTED_POKERKIT} is needed, not {version("pokerkit")}')
    warnings.simplefilter('ignore')
    # pokerkit shuffles its decks with the random module's global generator.
    random.seed(SEED)
    rng = random.Random(SEED)
    codes = list(VARIANTS)
    hands = []
    for number in range(1, HAND_COUNT + 1):
        code = codes[(number - 1) % len(codes)]
        game_type, betting, stud, most = VARIANTS[code]
        player_count = rng.randint(2, most)
        stakes = Stakes(rng)
        game, stacks = make_game(rng, code, player_count, stakes)
        state = game(stacks, player_count)
        try:
            play(rng, state, stakes)
        except (AssertionError, ValueError) as error:
            # pokerkit 0.7.7 fails an internal assertion in push_chips in a rare hand
            # (one of the 300 with this seed, a razz hand); it is left out.
            print(f'skipped hand {number} ({code}): {error!r}', file=sys.stderr)
            continue
        fields = metadata(rng, number, state, player_count, stakes)
        hand = HandHistory.from_game_state(game, state, **fields)
        actions = list(hand.actions)
        if rng.random() < 0.4:
            actions = hide_cards(rng, actions, stud)
        if rng.random() < 0.3:
            actions = show_dealt(rng, actions)
        hand.actions = actions
        text = hand.dumps()
        again = HandHistory.loads(text)
        if again.dumps() != text:
            sys.exit(f'hand {number} does not read back to the same text:\n{text}')
        try:
            list(again)
        except Exception as error:  # pokerkit raises several types when replay fails
            sys.exit(f'hand {number} does not replay: {error!r}\n{text}')
        hands.append(again)
    OUTPUT.write_text(HandHistory.dumps_all(hands), encoding='utf-8')
    print(f'wrote {len(hands)} hands to {OUTPUT} ({OUTPUT.stat().st_size} bytes)')
    check_hand_written()


if __name__ == '__main__':
    main()
