// Tests of the rules engine through the Node binding: hands played by PHH notation, legal
// options, rule violations, undo/redo, PHH replays, views, and errors.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'

import { Hand, replayPhhs, variants } from '../index.js'

const phh = (name) =>
  readFileSync(new URL(`../../../ggp-core/tests/data/phh/${name}`, import.meta.url), 'utf8')

const HOLE = ['d dh p1 AsKs', 'd dh p2 7h2c', 'd dh p3 QdQc']
const TO_SHOWDOWN = [
  'p3 cbr 6',
  'p1 cc',
  'p2 f',
  'd db Ah8d3c',
  'p1 cc',
  'p3 cbr 10',
  'p1 cc',
  'd db 9s',
  'p1 cc',
  'p3 cc',
  'd db 2d',
  'p1 cc',
  'p3 cc',
]

const newHand = () =>
  new Hand({ variant: 'NT', startingStacks: [200, 200, 200], blindsOrStraddles: [1, 2], minBet: 2 })

function play(hand, actions) {
  for (const action of actions) hand.apply(action)
}

/** Asserts that `fn` throws a ggp-core error with this `code` (and `rule`, if given). */
function assertGgpError(fn, code, rule) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    assert.equal(err.code, code)
    if (rule !== undefined) assert.equal(err.rule, rule)
    return true
  })
}

/** Asserts that `fn` throws an `Error` that is not a ggp-core error (a bad argument). */
function assertArgumentError(fn) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    assert.ok(!String(err.code).startsWith('GGP_'), `unexpected code ${err.code}`)
    return true
  })
}

describe('variants', () => {
  it('lists the registry', () => {
    const nt = variants().find((variant) => variant.code === 'NT')
    assert.equal(nt.name, "No-Limit Texas Hold'em")
    assert.ok(nt.aliases.includes('nlhe'))
    assert.ok(variants().some((variant) => variant.code === 'FT'))
  })
})

describe('Hand', () => {
  it('plays a hold\'em hand to showdown by notation', () => {
    const hand = newHand()
    assert.deepEqual(hand.nextMove(), { kind: 'deal_hole', player: 0, count: 2 })
    assert.deepEqual(hand.stacks, ['199', '198', '200'])
    assert.equal(hand.totalPot, '3')
    play(hand, [...HOLE, ...TO_SHOWDOWN])
    assert.deepEqual(hand.nextMove(), { kind: 'show_or_muck', player: 0 })
    hand.apply('p1 sm AsKs')
    hand.apply('p3 sm QdQc')
    assert.equal(hand.isComplete, true)
    assert.deepEqual(hand.payoffs, ['18', '-2', '-16'])
    assert.deepEqual(hand.stacks, ['218', '198', '184'])
    assert.deepEqual(hand.nextMove(), { kind: 'complete' })
    assert.deepEqual(hand.actions(), [...HOLE, ...TO_SHOWDOWN, 'p1 sm AsKs', 'p3 sm QdQc'])
  })

  it('offers the legal bets at a step', () => {
    const hand = newHand()
    play(hand, HOLE)
    assert.deepEqual(hand.nextMove(), {
      kind: 'bet',
      player: 2,
      betting: { player: 2, canFold: true, checkOrCall: '2', minBetOrRaise: '4', maxBetOrRaise: '200' },
    })
    hand.apply('p3 cbr 6')
    const { betting } = hand.nextMove()
    assert.deepEqual([betting.checkOrCall, betting.minBetOrRaise, betting.maxBetOrRaise], ['5', '10', '200'])
    assert.deepEqual(hand.bets, ['1', '2', '6'])
    play(hand, ['p1 cc', 'p2 cc', 'd db Ah8d3c'])
    assert.deepEqual(hand.pots(), [{ amount: '18', players: [0, 1, 2] }])
  })

  it('throws GGP_RULE_VIOLATION for an illegal action and changes nothing', () => {
    const hand = newHand()
    play(hand, [...HOLE, 'p3 cbr 6'])
    const snapshot = () => [hand.stacks, hand.bets, hand.actions(), hand.nextMove(), hand.eventsSince()]
    const before = snapshot()
    assertGgpError(() => hand.apply('p1 cbr 8'), 'GGP_RULE_VIOLATION', 'bet_too_small')
    assert.deepEqual(snapshot(), before)
    assertGgpError(() => hand.apply('p2 cc'), 'GGP_RULE_VIOLATION', 'not_your_turn')
  })

  it('undoes and redoes', () => {
    const hand = newHand()
    play(hand, [...HOLE, 'p3 cbr 6'])
    const stacks = hand.stacks
    assert.equal(hand.undo(), 'p3 cbr 6')
    assert.deepEqual(hand.stacks, ['199', '198', '200'])
    assert.deepEqual(hand.actions(), HOLE)
    assert.equal(hand.redo(), 'p3 cbr 6')
    assert.deepEqual(hand.stacks, stacks)
    assertGgpError(() => hand.redo(), 'GGP_RULE_VIOLATION')
    const events = hand.eventsSince(0)
    assert.equal(events.filter((event) => event.event === 'undone').length, 1)
    assert.deepEqual(events.map((event) => event.seq), events.map((_, i) => i + 1))
    assert.deepEqual(events.at(-1), {
      seq: events.length,
      event: 'redone',
      action: { action: 'bet_or_raise_to', player: 2, amount: 6 },
    })
    assert.deepEqual(hand.eventsSince(events.length), [])
  })

  it('replays a PHH file with exact decimal payoffs', () => {
    const hand = Hand.fromPhh(phh('nlhe_decimal.phh'))
    assert.equal(hand.isComplete, true)
    assert.deepEqual(hand.stacks, ['10012.5', '48.25', '200.5', '25.3'])
    assert.deepEqual(hand.payoffs, ['-100', '-0.5', '100.5', '0'])
  })

  it('keeps hidden hole cards out of the public view', () => {
    const hand = newHand()
    play(hand, [...HOLE, 'p3 cbr 6'])
    const options = { names: ['Ada', 'Brook', 'Cy'], handNumber: 7, button: 2 }
    const full = hand.view(options)
    const pub = hand.publicView(options)
    assert.equal(full.hand_number, 7)
    assert.equal(pub.button, 2)
    assert.deepEqual(pub.seats.map((seat) => seat.name), options.names)
    const fullText = JSON.stringify(full)
    const publicText = JSON.stringify(pub)
    for (const card of ['As', 'Ks', '7h', '2c', 'Qd', 'Qc']) {
      assert.ok(fullText.includes(`"${card}"`), card)
      assert.ok(!publicText.includes(card), card)
    }
  })

  it('reports bad configurations and notation with codes', () => {
    assertGgpError(() => new Hand({ variant: 'no such game', startingStacks: [10, 10] }), 'GGP_UNKNOWN_NAME')
    assertGgpError(() => new Hand({ variant: 'NT', startingStacks: ['ten', 10] }), 'GGP_INVALID_AMOUNT')
    assertGgpError(() => new Hand({ variant: 'NT', startingStacks: [10] }), 'GGP_INVALID_CONFIG')
    assertGgpError(() => newHand().apply('p1 dance'), 'GGP_HAND_HISTORY')
    assertGgpError(() => Hand.fromPhh('this is not = [a hand'), 'GGP_HAND_HISTORY')
    assertArgumentError(() => new Hand({ variant: 'NT', startingStacks: [10, 10], mode: 'casino' }))
    // Decimal strings and numbers are both exact; heads-up the button posts the small blind.
    const cash = new Hand({
      variant: 'FT',
      startingStacks: ['10.50', 10],
      blindsOrStraddles: [1, 2],
      smallBet: 2,
      bigBet: 4,
      mode: 'cash_game',
    })
    assert.deepEqual(cash.stacks, ['8.5', '9'])
    const decimal = new Hand({ variant: 'NT', startingStacks: [0.3, 0.7], blindsOrStraddles: [0.1, 0.2], minBet: 0.2 })
    assert.deepEqual(decimal.stacks, ['0.1', '0.6'])
  })

  it('rejects arguments of the wrong type', () => {
    assertArgumentError(() => new Hand({ variant: 1, startingStacks: [10, 10] }))
    assertArgumentError(() => new Hand({ variant: 'NT', startingStacks: '10 10' }))
    assertArgumentError(() => new Hand({ variant: 'NT', startingStacks: [10, Infinity] }))
    assertArgumentError(() => new Hand({ variant: 'NT', startingStacks: [true, 10] }))
    assertArgumentError(() => new Hand())
    assertArgumentError(() => newHand().apply(5))
    assertArgumentError(() => newHand().eventsSince('1'))
    assertArgumentError(() => newHand().eventsSince(-1))
    assertArgumentError(() => newHand().view({ names: 'Ada' }))
    assertArgumentError(() => Hand.fromPhh(Buffer.from("variant = 'NT'")))
    assertArgumentError(() => replayPhhs(null))
  })
})

describe('replayPhhs', () => {
  it('replays a .phhs file off the event loop', async () => {
    const promise = replayPhhs(phh('pokerkit_samples.phhs'))
    assert.ok(promise instanceof Promise)
    let ranMeanwhile = false
    setImmediate(() => {
      ranMeanwhile = true
    })
    const results = await promise
    // A blocking call would have resolved before the event loop turned.
    assert.ok(ranMeanwhile)
    assert.equal(results.length, 299)
    assert.deepEqual(results.map((result) => result.index), results.map((_, i) => i + 1))
    const replayed = results.filter((result) => result.hand)
    const failed = results.filter((result) => result.error)
    // pokerkit 0.7.7 plays "FO/8" pot-limit, so 22 of its FO/8 samples raise past the
    // fixed limit, which the engine rejects (see ggp-core/tests/phh_replay.rs).
    assert.deepEqual([replayed.length, failed.length], [277, 22])
    for (const { error, hand } of failed) {
      assert.equal(hand, undefined)
      assert.equal(error.code, 'GGP_RULE_VIOLATION')
      assert.equal(error.rule, 'bet_too_large')
    }
    for (const { hand } of replayed) {
      assert.ok(hand instanceof Hand)
      assert.equal(hand.isComplete, true)
    }
    assert.equal(results[0].name, '1')
  })

  it('rejects a file that cannot be read', async () => {
    await assert.rejects(replayPhhs("[1]\nvariant = 'NT'\n"), (err) => {
      assert.ok(err instanceof Error)
      assert.equal(err.code, 'GGP_HAND_HISTORY')
      return true
    })
  })
})
