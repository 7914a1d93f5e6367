// Equity and outs from Node: promises computed off the event loop.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { CancelToken, LiveEquity, equity, outs } from '../index.js'

describe('equity', () => {
  it('counts the published heads-up boards off the event loop', async () => {
    const promise = equity(['AhKh', 'QsQd'], { threads: 1 })
    assert.ok(promise instanceof Promise)
    let ranMeanwhile = false
    setImmediate(() => {
      ranMeanwhile = true
    })
    const result = await promise
    assert.ok(ranMeanwhile)
    assert.equal(result.boards, 1712304)
    assert.equal(result.exact, true)
    const [aces] = result.players
    assert.deepEqual([aces.win, aces.tie, aces.lose], [787966, 6732, 917606])
    assert.equal(aces.stdError, undefined)
  })

  it('is seeded, the same on any thread count, and covers hi-lo, stud and draw', async () => {
    const one = await equity(['AhKh', 'QsQd', null], { samples: 20000, seed: 3, threads: 1 })
    const two = await equity(['AhKh', 'QsQd', 'random'], { samples: 20000, seed: 3, threads: 2 })
    assert.deepEqual(one, two)
    assert.ok(one.players.every((p) => p.stdError > 0))
    const omaha = await equity(['As2sKdQd', '9h9c8h7c'], { variant: 'FO/8', board: '2h6dKc' })
    const [first] = omaha.players
    assert.ok(Math.abs(first.high + first.low - first.equity) < 1e-9)
    const razz = await equity(['Ah2c3d4sKdKc', 'As2d3h6c7h8d'], { variant: 'razz' })
    assert.equal(razz.boards, 40 * 39)
  })

  it('stops a budgeted run when cancelled', async () => {
    const token = new CancelToken()
    const promise = equity(['AhKh', 'QsQd', 'JcTc'], { budgetMs: 60000 }, token)
    setTimeout(() => token.cancel(), 50)
    const result = await promise
    assert.ok(token.cancelled)
    assert.equal(result.exact, false)
    assert.ok(result.boards > 0)
  })

  it('gives outs on the flop', async () => {
    const result = await outs(['AhKh', 'QsQd'], { board: '2c7d9s', threads: 1 })
    assert.equal(result.cards.length, 45)
    assert.deepEqual(result.leaders, [1])
    assert.deepEqual([...result.outs[0]].sort(), ['Ac', 'Ad', 'As', 'Kc', 'Kd', 'Ks'])
    assert.equal(result.cards[0].card, '2d')
  })

  it('rejects with GGP codes', async () => {
    await assert.rejects(equity(['AhKh', 'QsQd'], { variant: 'nonsense' }), { code: 'GGP_UNKNOWN_NAME' })
    await assert.rejects(equity(['AhKh', 'AhQd']), { code: 'GGP_DUPLICATE_CARD' })
    assert.throws(() => equity(['AhKx', 'QsQd']), { code: 'GGP_INVALID_CARD' })
    assert.throws(() => equity(['AhKh', 'QsQd'], { samples: 10, budgetMs: 5 }), { code: 'InvalidArg' })
  })

  it('follows the board with LiveEquity, each deal a promise', async () => {
    const live = new LiveEquity(['AhKh', 'QsQd'], { board: '2h7h9c', threads: 1 })
    assert.equal(live.result.boards, 990)
    const flop = await equity(['AhKh', 'QsQd'], { board: '2h7h9c', threads: 1 })
    assert.deepEqual(live.result, flop)
    const promise = live.deal('Th')
    assert.ok(promise instanceof Promise)
    const turn = await promise
    assert.equal(turn.boards, 44)
    assert.equal(turn.players[0].equity, 1)
    assert.deepEqual(live.board, ['2h', '7h', '9c', 'Th'])
    await assert.rejects(live.deal('Th'), (err) => err.code.startsWith('GGP_'))
    assert.equal(live.result.boards, 44)
    assert.throws(() => new LiveEquity(['Ah2c3d4sKdKc', 'As2d3h6c7h8d'], { variant: 'razz' }), {
      code: 'GGP_INVALID_CONFIG',
    })
  })
})
