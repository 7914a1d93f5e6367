// Tests of the `ggp-gfx` Node binding. Run with `node --test` after building the addon
// (see ../test.sh).

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'

import { Card, Deck, evaluate, parseCard, parseCards, version } from '../index.js'

const texts = (cards) => cards.map(String)

/** Asserts that `fn` throws a ggp-core error with this `code`, and this `message` if given. */
function assertGgpError(fn, code, message) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    assert.equal(err.code, code)
    if (message instanceof RegExp) {
      assert.match(err.message, message)
    } else if (message !== undefined) {
      assert.equal(err.message, message)
    }
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

describe('version', () => {
  it('is the workspace version', () => {
    const cargo = readFileSync(new URL('../../../Cargo.toml', import.meta.url), 'utf8')
    const workspaceVersion = cargo.match(/^\[workspace\.package\][^[]*?^version = "([^"]+)"/m)[1]
    assert.equal(version(), workspaceVersion)
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    assert.equal(pkg.version, workspaceVersion)
  })
})

describe('parseCard', () => {
  it('parses every accepted form', () => {
    for (const text of ['As', 'as', 'AS', 'A♠', 'A♤', 'A♠\uFE0F', ' As ']) {
      assert.equal(parseCard(text).text, 'As', text)
    }
    for (const text of ['Td', 'td', '10d', '10D', '10♦', 'T♢']) {
      assert.equal(parseCard(text).text, 'Td', text)
    }
    assert.equal(parseCard('ah').text, 'Ah')
  })

  it('gives a Card with rank, suit, index and text', () => {
    const card = parseCard('A♠')
    assert.ok(card instanceof Card)
    assert.equal(card.rank, 'A')
    assert.equal(card.suit, 's')
    assert.equal(card.index, 51)
    assert.equal(card.text, 'As')
    assert.equal(card.toString(), 'As')
    assert.equal(String(card), 'As')
    assert.equal(`${card}`, 'As')
    assert.equal(parseCard('2c').index, 0)
    const ten = parseCard('10d')
    assert.deepEqual([ten.rank, ten.suit, ten.index, ten.text], ['T', 'd', 33, 'Td'])
  })

  it('round-trips all 52 cards by index', () => {
    const seen = new Set()
    for (const card of new Deck().draw(52)) {
      assert.equal(parseCard(card.text).index, card.index)
      seen.add(card.index)
    }
    assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: 52 }, (_, i) => i))
  })

  it('rejects text that is not a card', () => {
    assertGgpError(
      () => parseCard('1x'),
      'GGP_INVALID_CARD',
      'invalid card "1x": unknown rank "1"; ranks are 2-9, T or 10, J, Q, K, A',
    )
    assertGgpError(() => parseCard('Ax'), 'GGP_INVALID_CARD', /unknown suit "x"/)
    assertGgpError(() => parseCard('A'), 'GGP_INVALID_CARD', /the suit is missing/)
    assertGgpError(() => parseCard(''), 'GGP_INVALID_CARD', /no card given/)
    assertGgpError(() => parseCard('As Ks'), 'GGP_INVALID_CARD')
  })

  it('cannot be constructed directly', () => {
    assertArgumentError(() => new Card())
    assertArgumentError(() => Card())
  })
})

describe('parseCards', () => {
  it('parses lists in every layout', () => {
    for (const text of ['As Ks', 'AsKs', 'As,Ks', 'A♠K♠', ' as\tks\n']) {
      const cards = parseCards(text)
      assert.ok(cards.every((c) => c instanceof Card))
      assert.deepEqual(texts(cards), ['As', 'Ks'], text)
    }
    assert.deepEqual(texts(parseCards('10d 10♥,Tc')), ['Td', 'Th', 'Tc'])
    assert.deepEqual(parseCards(''), [])
  })

  it('allows duplicates', () => {
    assert.deepEqual(texts(parseCards('As as')), ['As', 'As'])
  })

  it('says which card of the list is wrong', () => {
    assertGgpError(
      () => parseCards('As Ks 1x Qs'),
      'GGP_INVALID_CARD',
      'invalid card "1x" (card 3 of the list): unknown rank "1"; ranks are 2-9, T or 10, J, Q, K, A',
    )
  })
})

describe('evaluate', () => {
  const royal = {
    category: 'straight_flush',
    strength: 9175040,
    bestFive: ['As', 'Ks', 'Qs', 'Js', 'Ts'],
    description: 'Royal Flush',
  }
  const boat = {
    category: 'full_house',
    strength: 6619136,
    bestFive: ['7h', '7d', '7c', '2s', '2h'],
    description: 'Full House, Sevens full of Twos',
  }
  const plain = (value) => ({ ...value, bestFive: texts(value.bestFive) })

  it('evaluates the example hands', () => {
    assert.deepEqual(plain(evaluate('As Ks Qs Js Ts 2c 3d')), royal)
    assert.deepEqual(plain(evaluate('7h 7d 7c 2s 2h')), boat)
  })

  it('gives bestFive as Card objects', () => {
    const value = evaluate('7h 7d 7c 2s 2h')
    assert.equal(value.bestFive.length, 5)
    assert.ok(value.bestFive.every((c) => c instanceof Card))
  })

  it('takes an array of texts, of Cards, or of both', () => {
    assert.deepEqual(plain(evaluate(['7h', '7d', '7c', '2s', '2h'])), boat)
    assert.deepEqual(plain(evaluate(parseCards('7h 7d 7c 2s 2h'))), boat)
    assert.deepEqual(
      plain(evaluate(['As', parseCard('Ks'), 'Q♠', parseCard('js'), '10s', '2c', parseCard('3d')])),
      royal,
    )
  })

  it('orders hands by strength', () => {
    const pair = evaluate('As Ad 7c 5s 2h')
    const twoPair = evaluate('As Ad 7c 7s 2h')
    assert.equal(pair.category, 'one_pair')
    assert.equal(pair.description, 'Pair of Aces')
    assert.equal(twoPair.category, 'two_pair')
    assert.ok(twoPair.strength > pair.strength)
    assert.ok(evaluate('As Ks Qs Js Ts').strength > evaluate('7h 7d 7c 2s 2h').strength)
    assert.equal(evaluate('2c 3d 4h 5s 6c 9d').strength, evaluate('2d 3d 4h 5s 6c').strength)
  })

  it('rejects an unknown card', () => {
    assertGgpError(() => evaluate('As Ks Qs Js 1x'), 'GGP_INVALID_CARD', /card 5 of the list/)
    assertGgpError(() => evaluate(['As', 'Ks', 'Qs', 'Js', '1x']), 'GGP_INVALID_CARD', /"1x"/)
  })

  it('rejects duplicated cards', () => {
    assertGgpError(
      () => evaluate('As Ks Qs Js as'),
      'GGP_DUPLICATE_CARD',
      'card As is given more than once',
    )
    const ace = parseCard('As')
    assertGgpError(() => evaluate([ace, 'Ks', 'Qs', 'Js', ace]), 'GGP_DUPLICATE_CARD')
  })

  it('rejects 4 and 8 cards', () => {
    assertGgpError(
      () => evaluate('As Ks Qs Js'),
      'GGP_WRONG_CARD_COUNT',
      'a high hand needs 5 to 7 cards, but 4 were given',
    )
    assertGgpError(
      () => evaluate('As Ks Qs Js Ts 9s 8s 7s'),
      'GGP_WRONG_CARD_COUNT',
      'a high hand needs 5 to 7 cards, but 8 were given',
    )
    assertGgpError(() => evaluate([]), 'GGP_WRONG_CARD_COUNT')
    assertGgpError(() => evaluate(''), 'GGP_WRONG_CARD_COUNT')
  })
})

describe('Deck', () => {
  it('is a standard deck in index order by default, Ace of spades on top', () => {
    const deck = new Deck()
    assert.equal(deck.kind, 'standard')
    assert.equal(deck.remaining, 52)
    assert.deepEqual(texts(deck.draw(3)), ['As', 'Ah', 'Ad'])
    assert.equal(deck.remaining, 49)
    assert.deepEqual(deck.draw(0), [])
  })

  it('comes in the short kind', () => {
    const deck = new Deck('short')
    assert.equal(deck.kind, 'short')
    assert.equal(deck.remaining, 36)
    assert.ok(deck.draw(36).every((c) => !'2345'.includes(c.rank)))
    assert.equal(deck.remaining, 0)
    assert.equal(new Deck('short', 9).remaining, 36)
  })

  it('deals the pinned cards from seed 2024', () => {
    const deck = new Deck('standard', 2024)
    assert.deepEqual(texts(deck.draw(5)), ['9d', '4c', 'Qc', '2c', '8s'])
    assert.equal(deck.remaining, 47)
    assert.deepEqual(texts(new Deck('standard', 2024n).draw(5)), ['9d', '4c', 'Qc', '2c', '8s'])
    assert.deepEqual(texts(new Deck(undefined, 2024).draw(5)), ['9d', '4c', 'Qc', '2c', '8s'])
    assert.deepEqual(texts(new Deck(null, 2024).draw(5)), ['9d', '4c', 'Qc', '2c', '8s'])
  })

  it('deals the same cards from the same seed, and all of them', () => {
    const a = texts(new Deck('standard', 7).draw(52))
    const b = texts(new Deck('standard', 7).draw(52))
    const c = texts(new Deck('standard', 8).draw(52))
    assert.deepEqual(a, b)
    assert.notDeepEqual(a, c)
    assert.equal(new Set(a).size, 52)
    assert.deepEqual(texts(new Deck('standard', 2n ** 64n - 1n).draw(1)).length, 1)
    assert.deepEqual(
      texts(new Deck('standard', Number.MAX_SAFE_INTEGER).draw(52)),
      texts(new Deck('standard', BigInt(Number.MAX_SAFE_INTEGER)).draw(52)),
    )
  })

  it('rejects drawing more than is left, and deals nothing then', () => {
    const deck = new Deck()
    assertGgpError(
      () => deck.draw(53),
      'GGP_DECK_EXHAUSTED',
      'cannot draw 53 cards: only 52 are left in the deck',
    )
    assert.equal(deck.remaining, 52)
    deck.draw(50)
    assertGgpError(() => deck.draw(3), 'GGP_DECK_EXHAUSTED', /only 2 are left/)
    assert.equal(deck.remaining, 2)
  })

  it('rejects an unknown kind', () => {
    assertGgpError(
      () => new Deck('long'),
      'GGP_UNKNOWN_NAME',
      'unknown deck kind "long"; expected one of: standard, short',
    )
    assertGgpError(() => new Deck('', 1), 'GGP_UNKNOWN_NAME')
  })

  it('rejects seeds and counts that are not whole numbers in range', () => {
    for (const seed of [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -1n, 2n ** 64n]) {
      assertArgumentError(() => new Deck('standard', seed))
    }
    const deck = new Deck()
    for (const count of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
      assertArgumentError(() => deck.draw(count))
    }
    assert.equal(deck.remaining, 52)
  })
})

describe('wrong argument types', () => {
  it('throw and never crash', () => {
    const cases = [
      () => evaluate(42),
      () => evaluate(),
      () => evaluate(null),
      () => evaluate({}),
      () => evaluate(parseCard('As')),
      () => evaluate([1, 2, 3, 4, 5]),
      () => evaluate([{}, {}, {}, {}, {}]),
      () => evaluate([null, 'Ks', 'Qs', 'Js', 'Ts']),
      () => evaluate([new Deck(), 'Ks', 'Qs', 'Js', 'Ts']),
      () => evaluate([Object.create(Card.prototype), 'Ks', 'Qs', 'Js', 'Ts']),
      () => parseCard(null),
      () => parseCard(),
      () => parseCard(5),
      () => parseCard(['As']),
      () => parseCards(undefined),
      () => parseCards(parseCard('As')),
      () => new Deck(5),
      () => new Deck({}),
      () => new Deck('standard', '7'),
      () => new Deck().draw(),
      () => new Deck().draw('3'),
      () => new Deck().draw(3n),
    ]
    for (const fn of cases) {
      assertArgumentError(fn)
    }
  })

  it('reject objects posing as another class', () => {
    // Node does not check the receiver of native getters, and `instanceof` follows the
    // prototype: the binding must still not read one class's data as another's.
    const fakeCard = Object.setPrototypeOf(new Deck(), Card.prototype)
    assertArgumentError(() => fakeCard.rank)
    assertArgumentError(() => fakeCard.index)
    assertArgumentError(() => evaluate([fakeCard, 'Ks', 'Qs', 'Js', 'Ts']))
    const fakeDeck = Object.setPrototypeOf(parseCard('2c'), Deck.prototype)
    assertArgumentError(() => fakeDeck.remaining)
    assertArgumentError(() => fakeDeck.kind)
    assertArgumentError(() => fakeDeck.draw(1))
    const getter = (cls, name) => Object.getOwnPropertyDescriptor(cls.prototype, name).get
    assertArgumentError(() => getter(Deck, 'kind').call(parseCard('As')))
    assertArgumentError(() => getter(Card, 'text').call(new Deck('short', 1)))
    assertArgumentError(() => Card.prototype.toString.call(new Deck()))
    assertArgumentError(() => Deck.prototype.draw.call(parseCard('As'), 1))
  })

  it('random text only ever gives a value or a ggp error', () => {
    // A fixed linear congruential generator, so that a failure reproduces.
    let state = 12345
    const next = (n) => {
      state = (state * 1103515245 + 12345) % 2 ** 31
      return state % n
    }
    const alphabet = [...'0123456789TJQKAtjqkaSHDCshdcxX ,\t\n♠♥♦♣♤♡♢♧\uFE0F\u0000é😀'] // eslint-disable-line
    alphabet.push('\uD800') // a lone surrogate
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: next(24) }, () => alphabet[next(alphabet.length)]).join('')
      for (const fn of [parseCard, parseCards, evaluate]) {
        try {
          fn(text)
        } catch (err) {
          assert.ok(err instanceof Error)
          assert.match(String(err.code), /^GGP_(INVALID_CARD|DUPLICATE_CARD|WRONG_CARD_COUNT)$/, text)
        }
      }
    }
  })
})
