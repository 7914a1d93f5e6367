// The frame pipeline through the Node binding: a generated 320x180 clip to two files with
// the software overlay, a hand and an event pushed, frames in a JS callback, metrics,
// stop and wait off the event loop, and errors with a code.

import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'

import { Pipeline } from '../index.js'

const hand = `
variant = "NT"
antes = [0, 0]
blinds_or_straddles = [50, 100]
min_bet = 100
starting_stacks = [10000, 8500]
actions = ["d dh p1 AhQh", "d dh p2 9s9d", "p2 cbr 250", "p1 cc"]
`

const event = {
  type: 'card',
  timestamp_ns: 500_000_000,
  card: 'Ah',
  location: { kind: 'hole', seat: 0, slot: 0 },
  present: true,
  source: 'rfid',
  confidence: 1.0,
}

const settings = (dir, seconds, frames = '') => `
graphics = "basic"
[source]
kind = "test_pattern"
width = 320
height = 180
duration_s = ${seconds}
tone_hz = 0
[outputs]
program = ["${join(dir, 'program.mp4')}"]
live = ["${join(dir, 'live.mkv')}"]
[encoder]
preset = "ultrafast"
[frames]
${frames}
`

// Lets callbacks queued by the pipeline's threads run.
const drain = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('Pipeline', () => {
  let scratch

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ggp-node-pipeline-'))
  })

  after(() => rmSync(scratch, { recursive: true, force: true }))

  it('runs a clip with a hand, an event, frames and metrics, then stops', async () => {
    const dir = mkdtempSync(join(scratch, 'run-'))
    const frames = []
    let pipeline
    let stopped = false
    const onFrame = (frame) => {
      frames.push(frame)
      if (frames.length === 10 && !stopped) {
        stopped = true
        pipeline.stop()
      }
    }
    pipeline = await Pipeline.open(
      settings(dir, 60.0, 'live = false\npolicy = "block"'),
      undefined,
      onFrame,
    )
    assert.ok(pipeline.pushHand(hand, 0) > 0)
    assert.equal(pipeline.pushEvent(event), true)
    assert.equal(pipeline.pushEvent(JSON.stringify(event)), true)
    const metrics = pipeline.metrics()
    assert.equal(metrics.events, 2)
    assert.ok(pipeline.prometheus().includes('ggp_pipeline_frames_in_total'))

    const report = await pipeline.wait()
    await drain()
    assert.ok(stopped, 'the callback saw ten frames and stopped the pipeline')
    assert.ok(pipeline.isFinished)
    assert.ok(report.program_frames_out > 0)
    assert.ok(report.program_frames_out < 1800, 'stopped long before the 60 s end')
    assert.equal(report.rejected_actions, 0)
    assert.deepEqual(pipeline.metrics().program_frames_out, report.program_frames_out)
    for (const file of ['program.mp4', 'live.mkv']) {
      assert.ok(existsSync(join(dir, file)), file)
      assert.ok(statSync(join(dir, file)).size > 0, file)
    }

    const [first] = frames
    assert.equal(first.feed, 'program')
    assert.equal(first.format, 'rgba')
    assert.equal(first.width, 320)
    assert.equal(first.height, 180)
    assert.equal(first.planes.length, 1)
    assert.ok(first.strides[0] >= 320 * 4)
    assert.equal(first.planes[0].length, first.strides[0] * 180)
    assert.ok(frames.every((frame, i) => i === 0 || frame.ptsNs > frames[i - 1].ptsNs))

    // A second wait gives the same report; a finished pipeline takes no more events.
    assert.deepEqual(await pipeline.wait(), report)
    assert.throws(() => pipeline.pushEvent(event), { code: 'GGP_PIPELINE_FINISHED' })
  })

  it('runs a short clip to its end with JSON settings', async () => {
    const dir = mkdtempSync(join(scratch, 'json-'))
    const text = JSON.stringify({
      graphics: 'basic',
      source: { kind: 'test_pattern', width: 320, height: 180, duration_s: 1.0, tone_hz: 0 },
      outputs: { program: [join(dir, 'program.mp4')] },
      encoder: { preset: 'ultrafast' },
    })
    const pipeline = await Pipeline.open(text)
    const frames = []
    pipeline.setFrameCallback((frame) => frames.push(frame.feed))
    const report = await pipeline.wait()
    await drain()
    assert.ok(report.frames_in > 0)
    assert.equal(report.program_frames_out, report.frames_in)
    assert.ok(statSync(join(dir, 'program.mp4')).size > 0)
  })

  it('rejects bad settings and bad input with a code', async () => {
    await assert.rejects(Pipeline.open('[source]\nkind = "nonsense"\n'), {
      code: 'GGP_PIPELINE_SETTINGS',
      message: /source\.kind|line 2/,
    })
    await assert.rejects(Pipeline.open('{"source": {}}', 'yaml'), {
      code: 'GGP_PIPELINE_SETTINGS',
    })
    const dir = mkdtempSync(join(scratch, 'bad-'))
    const pipeline = await Pipeline.open(settings(dir, 30.0))
    assert.throws(() => pipeline.pushEvent({ type: 'nonsense' }), { code: 'GGP_PIPELINE_INPUT' })
    assert.throws(() => pipeline.pushHand('variant = '), { code: 'GGP_PIPELINE_INPUT' })
    pipeline.stop()
    await pipeline.wait()
  })
})
