import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname} from 'node:path'
import {compileFunction} from 'node:vm'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

// scripts/oclif-runtime.cjs: what the build puts in @oclif/core's place in dist/cli/oclif.cjs
// (scripts/oclif-patches.mjs); each must do what the oclif code it replaces did.
interface Runtime {
  lazy(load: () => object): Record<string, unknown>
  compareIds(a: string, b: string): number
  plainIdsInCodePointOrder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean
  packageJsonPath(name: string, root: string): string | undefined
  matchesDependency(name: string, pattern: string, minimatch: (name: string, pattern: string) => boolean): boolean
}
const require = createRequire(import.meta.url)
const runtime = require('../../../scripts/oclif-runtime.cjs') as Runtime
interface Patches {
  patches: {file: string; from: string; to: string}[]
  patchModules: (path: string, source: string, applied: Map<object, number>) => string
}
const patchesModule: string = '../../../scripts/oclif-patches.mjs'
const {patches, patchModules} = (await import(patchesModule)) as Patches
const root = new URL('../../..', import.meta.url).pathname

/** Ids of '-', ':' and a-z, with shared prefixes so that every position gets compared. */
function someIds(count: number): string[] {
  const alphabet = 'ab-:c'
  let seed = 7
  const next = (): number => (seed = (seed * 48271) % 2147483647)
  return Array.from({length: count}, () => Array.from({length: next() % 6}, () => alphabet[next() % alphabet.length]).join(''))
}

test("compareIds orders plain ids as ICU's root, English and POSIX collations do, and any id as localeCompare does", () => {
  const ids = [...someIds(300), 'autocomplete', 'autocomplete:create', 'sso:accounts', 'sso', 'credential-process', 'credentials']
  const codePoints = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  for (const locale of ['und', 'en', 'en-US', 'en-US-u-va-posix']) {
    const collator = new Intl.Collator(locale)
    for (const a of ids) for (const b of ids) assert.is(Math.sign(codePoints(a, b)), Math.sign(collator.compare(a, b)), `${locale}: ${a} ${b}`)
  }
  for (const [a, b] of [...ids.map((id, i) => [id, ids[(i * 7) % ids.length]]), ['Login', 'login'], ['a1', 'a:b'], ['a_b', 'a-b']])
    assert.is(Math.sign(runtime.compareIds(a, b)), Math.sign(a.localeCompare(b)), `${a} ${b}`)
  // where the shortcut would be wrong, and is not taken
  assert.is(new Intl.Collator('cs').compare('ch', 'h'), 1)
  assert.is(new Intl.Collator('da').compare('aa', 'z'), 1)
})

test('plainIdsInCodePointOrder: ICU takes the first of LC_ALL, LC_MESSAGES, LANG that is set; only C, POSIX, English or none qualify', () => {
  const linux = (env: NodeJS.ProcessEnv): boolean => runtime.plainIdsInCodePointOrder(env, 'linux')
  for (const env of [
    {},
    {LANG: 'C.UTF-8'},
    {LANG: 'C'},
    {LC_ALL: 'POSIX'},
    {LANG: 'en_GB.UTF-8'},
    {LANG: 'en'},
    {LC_ALL: '', LANG: 'cs_CZ.UTF-8'},
    {LC_MESSAGES: 'en_US', LANG: 'da_DK'},
  ])
    assert.ok(linux(env), JSON.stringify(env))
  for (const env of [
    {LANG: 'cs_CZ.UTF-8'},
    {LC_ALL: 'da_DK.UTF-8', LANG: 'en_US.UTF-8'},
    {LC_MESSAGES: 'lt_LT', LANG: 'C'},
    {LANG: 'eo'},
    {LANG: 'Czech'},
  ])
    assert.not.ok(linux(env), JSON.stringify(env))
  assert.not.ok(runtime.plainIdsInCodePointOrder({LANG: 'en_US.UTF-8'}, 'win32'), 'Windows ICU reads the locale from the system')
})

test("matchesDependency says what minimatch says for oclif's core plugin patterns, and asks it only about patterns with syntax", async () => {
  const {minimatch} = (await import('minimatch')) as {minimatch: (name: string, pattern: string) => boolean}
  const names = [
    '@oclif/plugin-help',
    '@oclif/plugin-autocomplete',
    '@oclif/core',
    'got',
    'plugin-help',
    '@oclif/plugin-help2',
    '@OCLIF/plugin-help',
    '.hidden',
    'a/b',
  ]
  const plain = ['@oclif/plugin-help', '@oclif/plugin-autocomplete', 'got', 'a/b', '.hidden', 'plugin-help']
  const globs = ['@oclif/plugin-*', '@oclif/*', '!@oclif/core', '#comment', '{got,a/b}', '@oclif/plugin-hel?', '@oclif/plugin-[h]elp', '**', '+(got)']
  for (const pattern of [...plain, ...globs]) {
    let asked = 0
    for (const name of names) {
      const matched = runtime.matchesDependency(name, pattern, (n, p) => (asked++, minimatch(n, p)))
      assert.is(matched, minimatch(name, pattern), `${name} ${pattern}`)
    }
    assert.is(asked > 0, globs.includes(pattern), pattern)
  }
})

test("packageJsonPath finds the plugin folder require.resolve's file is in, and nothing for a package that is not installed", () => {
  for (const name of ['@oclif/plugin-help', '@oclif/plugin-autocomplete']) {
    const found = runtime.packageJsonPath(name, root)
    assert.ok(found)
    assert.ok(require.resolve(name, {paths: [root]}).startsWith(dirname(found) + '/'), name)
  }
  assert.is(runtime.packageJsonPath('@oclif/no-such-plugin', root), undefined)
})

test('lazy requires the module on first use only', () => {
  let loads = 0
  const exports = runtime.lazy(() => {
    loads++
    return {answer: 42}
  })
  assert.is(loads, 0)
  assert.is(exports.answer, 42)
  assert.ok('answer' in exports)
  assert.is(loads, 1)
})

test("string-width with the build's patch measures every string as string-width does", () => {
  const file = require.resolve('string-width')
  const source = patchModules(file, readFileSync(file, 'utf8'), new Map())
  assert.ok(patches.some((p) => source.includes(p.to)))
  const module = {exports: {} as unknown}
  compileFunction(source, ['module', 'exports', 'require'])(module, module.exports, createRequire(file))
  const patched = module.exports as (s: string) => number
  const original = require('string-width') as (s: string) => number
  const ascii = Array.from({length: 95}, (_, i) => String.fromCharCode(32 + i)).join('')
  for (const s of [ascii, '', 'login', '#1 *2 0', 'tab\there', '\u001b[1mbold\u001b[22m', 'héllo', '日本語', '👍 ok', 'a\u0301', '\u009b31m'])
    assert.is(patched(s), original(s), JSON.stringify(s))
  for (const c of ascii) assert.is(patched(c), original(c), c)
})

test.run()
