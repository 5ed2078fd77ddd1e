import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

/**
 * The architecture's one rule, checked so it cannot rot: a folder of src/ imports only
 * from folders to its left (data flows config → login → assertion → STS → writers).
 */
const ORDER = ['errors', 'io', 'config', 'model', 'idp', 'saml', 'sts', 'signin', 'output', 'exec', 'flow', 'serve', 'cli', 'fast', 'commands']
const src = new URL('../../src/', import.meta.url).pathname

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

const layer = (path: string) => ORDER.indexOf(relative(src, path).split('/')[0].replace(/\.ts$/, ''))

test('every import points left (or within its own folder)', () => {
  const violations: string[] = []
  for (const file of files(src)) {
    const from = layer(file)
    assert.ok(from >= 0, `${relative(src, file)} is in no known layer`)
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const target = join(file, '..', m[1]).replace(/\.js$/, '.ts')
      const to = layer(target)
      if (to > from) violations.push(`${relative(src, file)} imports ${relative(src, target)}`)
    }
  }
  assert.equal(violations, [])
})

/**
 * src/fast is what bin/run.cjs loads for every `credential-process` the AWS CLI runs: its
 * static imports, followed through src/, must reach node's file and path modules and pure
 * modules only, never a package (oclif, the SDK, got, enquirer) nor the prompts or HTTP.
 * A package imported with import() inside a function that the fast path never calls (the write
 * lock's fs-native-extensions) is not loaded.
 */
test('src/fast loads no package and nothing that asks or talks to the network', () => {
  const allowed = new Set(['node:fs', 'node:fs/promises', 'node:path', 'node:os', 'node:crypto'])
  const seen = new Set<string>()
  const outside: string[] = []
  const walk = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^import\s+(?!type\s)([^;]*?)\s+from\s+'([^']+)'/gms)) {
      if (
        /^\{[^}]*\}$/.test(m[1]) &&
        m[1]
          .slice(1, -1)
          .split(',')
          .every((name) => name.trim().startsWith('type ') || name.trim() === '')
      )
        continue
      const spec = m[2]
      if (spec.startsWith('.')) walk(join(file, '..', spec).replace(/\.js$/, '.ts'))
      else if (!allowed.has(spec)) outside.push(`${relative(src, file)} imports ${spec}`)
    }
  }
  for (const file of files(join(src, 'fast'))) walk(file)
  assert.equal(outside, [])
  const forbidden = [...seen]
    .map((f) => relative(src, f))
    // the fast login prints what the login command prints, with its two pure formatters
    .filter((f) =>
      /^(idp|commands)\/|^cli\/(?!summary\.ts$|login-json\.ts$)|^io\/(http|prompter|terminal|keychain|spinner|proxy)\.ts$|^sts\/sts-client\.ts$/.test(
        f,
      ),
    )
  assert.equal(forbidden, [])
})

test.run()
