import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

/**
 * The architecture's one rule, checked so it cannot rot: a folder of src/ imports only
 * from folders to its left (data flows config → login → assertion → STS → writers).
 */
const ORDER = ['errors', 'io', 'config', 'model', 'idp', 'saml', 'sts', 'signin', 'output', 'flow', 'cli', 'commands']
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

test.run()
