import {readFileSync} from 'node:fs'
import {Script} from 'node:vm'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

// What bin/run.cjs loads for every still-valid run (npm test builds it first): it stays cheap
// to load only while it requires nothing but node's always-loaded modules and V8 takes the
// code cache made for it.
const file = new URL('../../../dist/fast/fast.cjs', import.meta.url).pathname

test('the fast bundle requires only node:fs, node:path and node:os (no fs/promises, no package)', () => {
  const required = new Set([...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))
  assert.equal([...required].sort(), ['node:fs', 'node:os', 'node:path'])
})

test('V8 accepts the code cache built with it', () => {
  const script = new Script(readFileSync(file, 'utf8'), {filename: file, cachedData: readFileSync(`${file}.cache`)})
  assert.is(script.cachedDataRejected, false)
  const stale = new Script(readFileSync(file, 'utf8') + '\n', {filename: file, cachedData: readFileSync(`${file}.cache`)})
  assert.is(stale.cachedDataRejected, true, 'a cache for other source would be accepted too')
})

test.run()
