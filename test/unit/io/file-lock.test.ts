import {existsSync, mkdtempSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {withFileLock} from '../../../src/io/file-lock.js'

const dir = mkdtempSync(join(tmpdir(), 'clokta-lock-'))

test('bodies under one lock never overlap, and the lock is gone afterwards', async () => {
  const lock = join(dir, 'a.lock')
  let inside = 0
  let overlapped = false
  const body = async () => {
    inside++
    if (inside > 1) overlapped = true
    await new Promise((r) => setTimeout(r, 20))
    inside--
  }
  await Promise.all([withFileLock(lock, body), withFileLock(lock, body), withFileLock(lock, body)])
  assert.not.ok(overlapped)
  assert.not.ok(existsSync(lock))
})

test('a lock left by a run that died is taken over', async () => {
  const lock = join(dir, 'stale.lock')
  writeFileSync(lock, '99999')
  const old = (Date.now() - 60_000) / 1000
  utimesSync(lock, old, old)
  assert.is(await withFileLock(lock, async () => 'ran'), 'ran')
})

test('the lock is released when the body fails', async () => {
  const lock = join(dir, 'fail.lock')
  try {
    await withFileLock(lock, async () => {
      throw new Error('boom')
    })
  } catch {
    // expected
  }
  assert.not.ok(existsSync(lock))
})

test.run()
