import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

// bin/node-version.cjs: bin/run.cjs refuses a node older than package.json's engines in one line
// and a hint, before it loads anything, instead of failing later on a missing API.
const require = createRequire(import.meta.url)
const {MINIMUM, tooOld} = require('../../../bin/node-version.cjs') as {MINIMUM: number[]; tooOld: (version: string) => string | undefined}
const BIN = new URL('../../../bin/run.cjs', import.meta.url).pathname

test("the minimum is package.json's engines", () => {
  const {engines} = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {engines: {node: string}}
  assert.is(engines.node, `>=${MINIMUM[0]}.${MINIMUM[1]}`)
  assert.is(MINIMUM[2], 0)
})

test('older versions are refused in one line and a hint; the minimum, later ones and unplain ones run', () => {
  for (const version of ['v20.16.9', 'v20.0.0', 'v18.20.4', 'v19.99.99', 'v8.0.0']) {
    const lines = tooOld(version)?.trimEnd().split('\n')
    assert.equal(
      lines,
      [`clokta: Node.js ${version} is too old: clokta needs 20.17.0 or later.`, '  Install a newer Node.js, then run clokta again.'],
      version,
    )
  }
  for (const version of ['v20.17.0', 'v20.17.1', 'v20.20.2', 'v21.0.0', 'v22.11.0', 'v100.0.0', 'v24.0.0-nightly20250101', 'weird'])
    assert.is(tooOld(version), undefined, version)
})

test('bin/run.cjs, on a node without process.getBuiltinModule, says so and exits 1 before loading oclif or the fast path, whatever the command', () => {
  for (const args of [['-p', 'website'], ['credential-process', '-p', 'website'], ['--help']]) {
    const script = `delete process.getBuiltinModule; Object.defineProperty(process, 'version', {value: 'v20.15.1'}); process.argv = [process.execPath, ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}]; require(${JSON.stringify(BIN)}); process.on('exit', () => { if (Object.keys(require.cache).some((f) => /oclif|fast/.test(f))) process.stderr.write('loaded more\\n') })`
    const run = spawnSync(process.execPath, ['-e', script], {encoding: 'utf8', env: {PATH: process.env.PATH ?? ''}})
    assert.is(run.status, 1, args.join(' '))
    assert.is(run.stdout, '')
    assert.is(run.stderr, 'clokta: Node.js v20.15.1 is too old: clokta needs 20.17.0 or later.\n  Install a newer Node.js, then run clokta again.\n')
  }
})

test('on a node that has process.getBuiltinModule, bin/run.cjs reads no file for the check', () => {
  const script = `process.argv = [process.execPath, ${JSON.stringify(BIN)}, '--version']; require(${JSON.stringify(BIN)}); process.on('exit', () => { if (Object.keys(require.cache).some((f) => f.endsWith('node-version.cjs'))) process.stderr.write('read node-version.cjs\\n') })`
  const run = spawnSync(process.execPath, ['-e', script], {encoding: 'utf8', env: {PATH: process.env.PATH ?? '', HOME: '/nonexistent'}})
  assert.is(run.stderr, '')
  assert.is(run.status, 0)
  assert.match(run.stdout, /^clokta\//)
})

test.run()
