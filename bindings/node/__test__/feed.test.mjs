// HandFeed through the Node binding: cards read in any order dealt as the hand expects
// them, hole cards read late filled in, and conflicts thrown with a GGP_FEED_ code.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { Hand, HandFeed, parseCard } from '../index.js'

const headsUp = () =>
  new HandFeed(
    new Hand({ variant: 'NT', startingStacks: [100, 100], blindsOrStraddles: [1, 2], minBet: 2 }),
  )

describe('HandFeed', () => {
  it('deals cards in the order the hand expects them', () => {
    const feed = headsUp()
    assert.equal(feed.applyCard('Kd', 'player 2 hole card 1'), 'waiting')
    assert.deepEqual(feed.waiting(), [['Kd', 'player 2 hole card 1']])
    assert.equal(feed.applyCard(parseCard('As'), 'player 1 hole card 1'), 'dealt')
    assert.deepEqual(feed.waiting(), [])
    assert.deepEqual(feed.hand.actions(), ['d dh p1 As', 'd dh p2 Kd'])
  })

  it('fills in a hole card read late', () => {
    const feed = headsUp()
    assert.deepEqual(feed.applyAction('p2 cc', 5), ['d dh p1 ????', 'd dh p2 ????', 'p2 cc'])
    assert.equal(feed.applyCard('Qd', 'player 1 hole card 2', { timestampNs: 9 }), 'revealed')
    assert.equal(feed.hand.actions()[0], 'd dh p1 ??Qd')
  })

  it('throws conflicts with a code and changes nothing', () => {
    const feed = headsUp()
    feed.applyCard('As', 'player 1 hole card 1')
    assert.throws(() => feed.applyCard('As', 'board 1 card 1', { timestampNs: 7 }), {
      code: 'GGP_FEED_CARD_CONFLICT',
      message: /As seen at board 1 card 1 \(7 ns\) is already at player 1 hole card 1/,
    })
    assert.throws(() => feed.applyCard('Ks', 'player 3 hole card 1'), {
      code: 'GGP_FEED_NO_SUCH_LOCATION',
    })
    assert.throws(() => feed.applyCard('Ks', 'seat 3'), { code: 'GGP_UNKNOWN_NAME' })
    assert.throws(() => feed.applyCard('Zz', 'board 1'), { code: 'GGP_INVALID_CARD' })
    assert.throws(() => feed.applyCard('Ks', 'board 1', { source: 'radar' }), {
      code: 'InvalidArg',
    })
    assert.deepEqual(feed.hand.actions(), ['d dh p1 As'])
  })

  it('reports mucked cards as dead', () => {
    const feed = headsUp()
    assert.equal(feed.applyCard('2c', 'the muck'), 'noted')
    assert.deepEqual(feed.deadCards(), ['2c'])
    assert.throws(() => feed.applyCard('2c', 'player 1 hole card 1'), {
      code: 'GGP_FEED_DEAD_CARD',
    })
    assert.equal(feed.applyCard('2c', 'the muck', { present: false }), 'noted')
  })

  it('refuses an object that is not a Hand', () => {
    const feed = headsUp()
    const fake = Object.create(Hand.prototype)
    assert.throws(() => new HandFeed(fake))
    assert.throws(() => HandFeed.prototype.waiting.call(Object.create(HandFeed.prototype)))
    assert.ok(feed instanceof HandFeed)
  })
})
