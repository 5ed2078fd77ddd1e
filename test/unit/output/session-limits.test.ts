import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {readSessionLimit, saveSessionLimit, sessionLimitsPath} from '../../../src/output/session-limits.js'

const A = 'arn:aws:iam::123456789012:role/ReadOnly'
const B = 'arn:aws:iam::210987654321:role/Admin'
const limit = {grantedSeconds: 3600, refusedSeconds: 14400, learnedAt: '2026-03-10T12:00:00.000Z'}

/** ~/.clokta follows $HOME: each test gets its own. */
async function inHome(body: () => Promise<void>): Promise<void> {
  const saved = process.env.HOME
  const home = mkdtempSync(join(tmpdir(), 'clokta-limits-'))
  process.env.HOME = home
  try {
    await body()
  } finally {
    process.env.HOME = saved
    rmSync(home, {recursive: true, force: true})
  }
}

test('kept per role, private, and forgotten one role at a time', () =>
  inHome(async () => {
    assert.is(await readSessionLimit(A), undefined)
    await saveSessionLimit(A, limit)
    await saveSessionLimit(B, {...limit, grantedSeconds: 14400, refusedSeconds: 43200})
    assert.equal(await readSessionLimit(A), limit)
    assert.is(statSync(sessionLimitsPath()).mode & 0o777, 0o600)
    await saveSessionLimit(A, null)
    assert.is(await readSessionLimit(A), undefined)
    assert.is((await readSessionLimit(B))?.grantedSeconds, 14400)
  }))

test('a damaged or foreign file is as good as none, and the next lesson replaces it', () =>
  inHome(async () => {
    mkdirSync(join(process.env.HOME!, '.clokta'), {recursive: true})
    for (const text of ['{not json', '[]', '{"version":2,"roles":{}}', JSON.stringify({version: 1, roles: {[A]: {grantedSeconds: '1h'}}})]) {
      writeFileSync(sessionLimitsPath(), text)
      assert.is(await readSessionLimit(A), undefined, text)
    }
    await saveSessionLimit(B, limit)
    assert.equal(JSON.parse(readFileSync(sessionLimitsPath(), 'utf8')).roles[B], limit)
    assert.is(await readSessionLimit('toString'), undefined)
  }))

test.run()
