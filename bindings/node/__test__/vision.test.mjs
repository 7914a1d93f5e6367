// Card recognition and RFID through the Node binding: detection on Buffers off the event
// loop (structure and errors only: the shipped models are still being trained), a
// missing ONNX Runtime, and signed RFID lines checked with the table key (signed here
// with Node's own crypto).

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'

import { CardDetector, RfidVerifier } from '../index.js'

const felt = (width, height, channels) => {
  const pixels = Buffer.alloc(width * height * channels)
  for (let i = 0; i < width * height; i++) {
    pixels[i * channels + 1] = 110
    if (channels === 4) pixels[i * channels + 3] = 255
  }
  return pixels
}

describe('CardDetector', () => {
  it('reports a missing ONNX Runtime with a code', () => {
    // The runtime loads once per process: try a wrong path in a fresh one.
    const index = fileURLToPath(new URL('../index.js', import.meta.url))
    const script = `
      const { CardDetector } = require(${JSON.stringify(index)})
      try { new CardDetector() } catch (e) { console.log(e.code, /ONNX Runtime/.test(e.message)) }`
    const out = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, ORT_DYLIB_PATH: '/nonexistent/libonnxruntime.so.1.31.1' },
      encoding: 'utf8',
    })
    assert.equal(out.stdout.trim(), 'GGP_VISION_RUNTIME true')
  })

  it('detects on RGBA, BGRA and RGB frames and resolves a list', async () => {
    const detector = new CardDetector({ threads: 2 })
    for (const [format, channels] of [['rgba', 4], ['bgra', 4], ['rgb', 3]]) {
      const found = await detector.detect(felt(640, 360, channels), 640, 360, { format })
      assert.ok(Array.isArray(found))
      for (const d of found) {
        assert.match(d.card, /^[2-9TJQKA][cdhs]$/)
        assert.equal(d.box.length, 4)
        assert.ok(d.confidence >= 0 && d.confidence <= 1)
      }
    }
    // Padded rows.
    const padded = await detector.detect(felt(700, 360, 4), 640, 360, { stride: 700 * 4 })
    assert.ok(Array.isArray(padded))
  })

  it('rejects bad frames, zones and formats with codes', async () => {
    const detector = new CardDetector()
    await assert.rejects(detector.detect(Buffer.alloc(100), 640, 360), { code: 'GGP_INVALID_FRAME' })
    detector.setZones([{ name: 'board', x: 1000, y: 1000, width: 10, height: 10 }])
    await assert.rejects(detector.detect(felt(640, 360, 4), 640, 360), {
      code: 'GGP_INVALID_ZONE',
    })
    assert.throws(() => detector.detect(felt(8, 8, 4), 8, 8, { format: 'yuv' }), {
      code: 'InvalidArg',
    })
    assert.throws(() => new CardDetector({ detectorModel: '/nonexistent.onnx' }), {
      code: 'InvalidArg',
    })
    assert.throws(
      () => new CardDetector({ detectorModel: '/nonexistent/d.onnx', classifierModel: '/nonexistent/c.onnx' }),
      { code: 'GGP_VISION_MODEL' },
    )
  })
})

const KEY = '000102030405060708090a0b0c0d0e0f'
const signed = (body, key = KEY) =>
  `${body} ${createHmac('sha256', Buffer.from(key, 'hex')).update(body).digest('hex')}`

describe('RfidVerifier', () => {
  it('accepts a line signed with the table key once', () => {
    const verifier = new RfidVerifier(KEY, ['r1'])
    const line = signed('GGP1 TAG r1 1 1000 3 E2806894000040130000C033 ON')
    assert.deepEqual(
      { ...verifier.check(line, 1000) },
      {
        kind: 'tag',
        reader: 'r1',
        counter: 1,
        timestampMs: 1000,
        antenna: 3,
        tag: 'E2806894000040130000C033',
        present: true,
      },
    )
    assert.throws(() => verifier.check(line, 1000), { code: 'GGP_RFID_REPLAY' })
    assert.equal(verifier.check(signed('GGP1 HB r1 2 1001'), 1001).kind, 'heartbeat')
  })

  it('refuses forged, stale, unknown and malformed lines with their codes', () => {
    const verifier = new RfidVerifier(KEY, ['r1'])
    const cases = [
      [signed('GGP1 HB r1 1 1000', 'ff'.repeat(16)), 'GGP_RFID_BAD_SIGNATURE'],
      [signed('GGP1 HB r2 1 1000'), 'GGP_RFID_UNKNOWN_READER'],
      [signed('GGP1 HB r1 1 999000'), 'GGP_RFID_STALE'],
      ['GGP1 HB r1 1 1000 nonsense', 'GGP_RFID_MALFORMED'],
    ]
    for (const [line, code] of cases) assert.throws(() => verifier.check(line, 1000), { code })
    assert.throws(() => new RfidVerifier('abc', ['r1']), { code: 'GGP_RFID_INVALID_KEY' })
  })
})
