// Evaluates two high hands and prints one JSON line per hand.
//
// The same program exists in Rust, C, Python and Kotlin beside this one; the test suite
// runs all five and checks that they print the same bytes.
//
// Run: `bash bindings/node/test.sh` (or `npm run build` in bindings/node), then
// `node examples/node/evaluate.mjs` from any directory.

import { evaluate } from '../../bindings/node/index.js'

const HANDS = ['As Ks Qs Js Ts 2c 3d', '7h 7d 7c 2s 2h']

for (const hand of HANDS) {
  const value = evaluate(hand)
  // The key order is part of the line's format.
  const line = {
    hand,
    category: value.category,
    strength: value.strength,
    best_five: value.bestFive.map(String),
    description: value.description,
  }
  console.log(JSON.stringify(line))
}
