import {copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
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

test('a code cache older than its bundle is not used: V8 would take it for a same-length edit and run the old code', () => {
  const {freshCodeCache} = createRequire(import.meta.url)('../../../bin/code-cache.cjs') as {freshCodeCache: (file: string) => Buffer | undefined}
  const dir = mkdtempSync(join(tmpdir(), 'clokta-code-cache-'))
  try {
    const copy = join(dir, 'fast.cjs')
    copyFileSync(file, copy)
    copyFileSync(`${file}.cache`, `${copy}.cache`)
    assert.ok(freshCodeCache(copy), 'the cache written after its bundle')
    const original = readFileSync(copy, 'utf8')
    const edited = original.replace('AccessKeyId', 'AccessKeyID')
    assert.is.not(edited, original)
    writeFileSync(copy, edited)
    const later = new Date(Date.now() + 2000)
    utimesSync(copy, later, later)
    const sameLength = new Script(edited, {filename: copy, cachedData: readFileSync(`${copy}.cache`)})
    assert.is(sameLength.cachedDataRejected, false, 'V8 now checks more than the length: this guard may go')
    assert.is(freshCodeCache(copy), undefined)
    utimesSync(`${copy}.cache`, later, later)
    assert.ok(freshCodeCache(copy), 'tarballs give both files one time')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test.run()
