// HandOverlay through the Node binding: the default skin rendered off the event loop on
// the CPU adapter, frames as Buffers (straight, premultiplied, key and fill), stills and
// frames on a running clock, and errors with a code.

import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import { Hand, HandFeed, HandOverlay } from '../index.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const headsUp = readFileSync(join(root, 'examples', 'data', 'heads_up.phh'), 'utf8')
const [width, height] = [320, 180]

// The default skin's landscape layout, scaled from 1920x1080 to 320x180: the first seat
// panel covers (7..113, 22..35); the middle right of the frame is empty.
const seatPanel = [60, 28]
const empty = [250, 90]

const alphaAt = (frame, [x, y]) => frame.pixels[(y * frame.width + x) * 4 + 3]

describe('HandOverlay', () => {
  let overlay
  let scratch

  before(async () => {
    overlay = await HandOverlay.open({ width, height, adapter: 'cpu' })
    scratch = mkdtempSync(join(tmpdir(), 'ggp-node-render-'))
  })

  after(() => rmSync(scratch, { recursive: true, force: true }))

  it('renders a PHH hand off the event loop into an RGBA Buffer', async () => {
    assert.equal(overlay.width, width)
    assert.equal(overlay.height, height)
    const promise = overlay.renderPhh(headsUp, 6)
    assert.ok(promise instanceof Promise)
    let ranMeanwhile = false
    setImmediate(() => {
      ranMeanwhile = true
    })
    const frame = await promise
    assert.ok(ranMeanwhile)
    assert.equal(frame.width, width)
    assert.equal(frame.height, height)
    assert.equal(frame.alpha, 'straight')
    assert.ok(Buffer.isBuffer(frame.pixels))
    assert.equal(frame.pixels.length, width * height * 4)
    assert.ok(alphaAt(frame, seatPanel) >= 240, `seat panel alpha ${alphaAt(frame, seatPanel)}`)
    assert.equal(alphaAt(frame, empty), 0)
    assert.equal(frame.key, undefined)
  })

  it('shows hole cards in the full view only', async () => {
    const full = await overlay.renderPhh(headsUp, 6)
    const live = await overlay.renderPhh(headsUp, 6, { public: true })
    assert.notDeepEqual(full.pixels, live.pixels)
  })

  it('renders a Hand, a HandFeed and a view', async () => {
    const hand = new Hand({
      variant: 'NT',
      startingStacks: [10000, 8500],
      blindsOrStraddles: [50, 100],
      minBet: 100,
    })
    const feed = new HandFeed(hand)
    feed.applyCard('Ah', 'player 1 hole card 1')
    feed.applyCard('Qh', 'player 1 hole card 2')
    feed.applyCard('9s', 'player 2 hole card 1')
    feed.applyCard('9d', 'player 2 hole card 2')
    feed.applyAction('p2 cbr 250')
    const fromFeed = await overlay.renderFeed(feed)
    const fromHand = await overlay.renderHand(feed.hand)
    assert.deepEqual(fromFeed.pixels, fromHand.pixels)
    const fromView = await overlay.renderView(feed.hand.publicView())
    const fromText = await overlay.renderView(JSON.stringify(feed.hand.publicView()))
    assert.equal(fromView.pixels.length, width * height * 4)
    assert.deepEqual(fromView.pixels, fromText.pixels)
  })

  it('splits a frame into key and fill', async () => {
    const frame = await overlay.renderPhh(headsUp, 6, { keyFill: true })
    assert.equal(frame.key.length, frame.pixels.length)
    assert.equal(frame.fill.length, frame.pixels.length)
    for (let i = 0; i < frame.pixels.length; i += 4) {
      const alpha = frame.pixels[i + 3]
      assert.deepEqual([...frame.key.subarray(i, i + 4)], [alpha, alpha, alpha, 255])
      assert.equal(frame.fill[i + 3], 255)
      if (alpha === 255) {
        assert.deepEqual(frame.fill.subarray(i, i + 3), frame.pixels.subarray(i, i + 3))
      }
    }
  })

  it('gives premultiplied frames when asked', async () => {
    const premultiplied = await HandOverlay.open({
      width,
      height,
      adapter: 'cpu',
      alpha: 'premultiplied',
    })
    const frame = await premultiplied.renderPhh(headsUp, 6)
    assert.equal(frame.alpha, 'premultiplied')
    let translucent = 0
    for (let i = 0; i < frame.pixels.length; i += 4) {
      const alpha = frame.pixels[i + 3]
      for (let c = 0; c < 3; c++) assert.ok(frame.pixels[i + c] <= alpha)
      if (alpha > 0 && alpha < 255) translucent++
    }
    assert.ok(translucent > 0, 'the panels are translucent')
  })

  it('plays transitions on a running clock and settles on the still', async () => {
    await overlay.renderPhh(headsUp, 5, { timestampNs: 0 })
    // The flop (action 6) enters at 1 s: mid-transition soon after, settled 5 s later.
    const entering = await overlay.renderPhh(headsUp, 6, { timestampNs: 1_100_000_000 })
    const settled = await overlay.renderPhh(headsUp, 6, { timestampNs: 6_000_000_000 })
    assert.notDeepEqual(entering.pixels, settled.pixels)
    const still = await overlay.renderPhh(headsUp, 6)
    // Everything above the ticker, which scrolls with the clock and so never settles.
    const rows = Math.floor(settled.height * 0.9) * settled.width * 4
    assert.deepEqual(settled.pixels.subarray(0, rows), still.pixels.subarray(0, rows))
  })

  it('rejects bad skins, sizes, views and hands with a code', async () => {
    const broken = join(scratch, 'broken.toml')
    writeFileSync(broken, '[skin]\nname = "broken"\n[[element]]\nkind = "nonsense"\n')
    await assert.rejects(HandOverlay.open({ width, height, adapter: 'cpu', skin: broken }), {
      code: 'GGP_SKIN',
      message: /broken\.toml/,
    })
    await assert.rejects(
      HandOverlay.open({ adapter: 'cpu', skin: join(scratch, 'missing.toml') }),
      { code: 'GGP_SKIN', message: /missing\.toml/ },
    )
    await assert.rejects(HandOverlay.open({ width: 0, height, adapter: 'cpu' }), {
      code: 'GGP_INVALID_FRAME_SIZE',
    })
    assert.throws(() => HandOverlay.open({ adapter: 'quantum' }), { code: 'InvalidArg' })
    assert.throws(() => HandOverlay.open({ alpha: 'both' }), { code: 'InvalidArg' })
    await assert.rejects(overlay.renderView({ seats: 'none' }), { code: 'GGP_INVALID_VIEW' })
    await assert.rejects(overlay.renderPhh('variant = ', 3), { code: 'GGP_HAND_HISTORY' })
    await assert.rejects(overlay.reloadSkin(broken), { code: 'GGP_SKIN' })
    // The skin in use stays after a failed reload.
    const frame = await overlay.renderPhh(headsUp, 6)
    assert.ok(alphaAt(frame, seatPanel) >= 240)
  })
})
