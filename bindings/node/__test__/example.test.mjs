// The Node example prints the same bytes as the Rust one (examples/rust/evaluate.rs).

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { it } from 'node:test'

const EXPECTED =
  '{"hand":"As Ks Qs Js Ts 2c 3d","category":"straight_flush","strength":9175040,' +
  '"best_five":["As","Ks","Qs","Js","Ts"],"description":"Royal Flush"}\n' +
  '{"hand":"7h 7d 7c 2s 2h","category":"full_house","strength":6619136,' +
  '"best_five":["7h","7d","7c","2s","2h"],"description":"Full House, Sevens full of Twos"}\n'

it('examples/node/evaluate.mjs prints the pinned lines from any directory', () => {
  const example = fileURLToPath(new URL('../../../examples/node/evaluate.mjs', import.meta.url))
  const output = execFileSync(process.execPath, [example], { cwd: tmpdir(), encoding: 'utf8' })
  assert.equal(output, EXPECTED)
})
