import {existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs'
import {spawnSync} from 'node:child_process'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {inspectWriteLock, parseLockHolder, withFileLock, WriteLock} from '../../../src/io/file-lock.js'

const dir = mkdtempSync(join(tmpdir(), 'clokta-lock-'))
test.after(() => rmSync(dir, {recursive: true, force: true}))
let n = 0
const lockPath = () => join(dir, `${++n}.lock`)

/** The PID of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid ?? 0

async function rejection(promise: Promise<unknown>): Promise<CloktaError> {
  try {
    await promise
  } catch (error) {
    assert.instance(error, CloktaError)
    return error as CloktaError
  }
  throw new Error('expected a rejection')
}

test('bodies under one lock never overlap, and the lock is gone afterwards', async () => {
  const lock = lockPath()
  let inside = 0
  let overlapped = false
  const body = async () => {
    inside++
    if (inside > 1) overlapped = true
    await new Promise((r) => setTimeout(r, 20))
    inside--
  }
  const quiet = {say: () => {}}
  await Promise.all([withFileLock(lock, body, quiet), withFileLock(lock, body, quiet), withFileLock(lock, body, quiet)])
  assert.not.ok(overlapped)
  assert.not.ok(existsSync(lock))
})

test("one run's writes go one at a time under its lock, which stays held between them until released", async () => {
  const path = lockPath()
  const run = new WriteLock(path)
  const order: string[] = []
  const write = (name: string) => async () => {
    order.push(`${name}+`)
    await new Promise((r) => setTimeout(r, 10))
    order.push(`${name}-`)
  }
  await Promise.all([run.writing(write('a')), run.writing(write('b'))])
  assert.equal(order, ['a+', 'a-', 'b+', 'b-'])
  assert.is((await inspectWriteLock(path)).state, 'held')
  await run.release()
  assert.is((await inspectWriteLock(path)).state, 'free')
})

test('while another clokta holds it: the file names it (never empty), the waiter says so once, and gives up after the wait with one line naming it', async () => {
  const path = lockPath()
  const holder = new WriteLock(path)
  await holder.hold(['dev'])
  assert.equal(parseLockHolder(readFileSync(path, 'utf8'))?.profiles, ['dev'])
  await holder.hold(['prod'])
  const line = readFileSync(path, 'utf8')
  assert.equal(parseLockHolder(line), {
    pid: process.pid,
    profiles: ['dev', 'prod'],
    host: parseLockHolder(line)?.host,
    since: parseLockHolder(line)?.since,
  })
  const said: string[] = []
  const waiter = new WriteLock(path, {say: (l) => said.push(l), waitMs: 400})
  const error = await rejection(waiter.hold(['qa']))
  assert.equal(said, [`Waiting for another clokta (PID ${process.pid}, profiles dev, prod) to finish writing credentials (up to 1 s)...`])
  assert.match(
    error.message,
    `Gave up after 1 s: another clokta (PID ${process.pid}, profiles dev, prod) is still writing credentials (lock ${path}).`,
  )
  assert.match(error.hint ?? '', `kill ${process.pid}`)
  // given up once, a later write of the same run fails at once rather than waiting again
  const started = Date.now()
  assert.is(await rejection(waiter.writing(async () => 'x')), error)
  assert.ok(Date.now() - started < 100)
  await holder.release()
})

test('a waiter takes the lock as soon as the holder releases it (and removes the file), and names itself in a new file', async () => {
  const path = lockPath()
  const holder = new WriteLock(path)
  await holder.hold(['a'])
  const waiter = new WriteLock(path)
  const waiting = waiter.hold(['b'])
  await new Promise((r) => setTimeout(r, 150))
  await holder.release()
  await waiting
  assert.equal(parseLockHolder(readFileSync(path, 'utf8'))?.profiles, ['b'])
  assert.is((await inspectWriteLock(path)).state, 'held')
  await waiter.release()
  assert.not.ok(existsSync(path))
})

test("an older clokta's bare-PID lock: taken at once when its process is gone or it is older than 30 s; waited for while fresh and its process lives", async () => {
  const dead = lockPath()
  writeFileSync(dead, String(deadPid()))
  assert.is((await inspectWriteLock(dead)).state, 'legacy-leftover')
  assert.is(await withFileLock(dead, async () => 'ran', {waitMs: 0}), 'ran')

  const stale = lockPath()
  writeFileSync(stale, String(process.ppid))
  const old = (Date.now() - 60_000) / 1000
  utimesSync(stale, old, old)
  assert.is(await withFileLock(stale, async () => 'ran', {waitMs: 0}), 'ran')

  const live = lockPath()
  writeFileSync(live, String(process.ppid))
  assert.equal(await inspectWriteLock(live), {state: 'legacy-held', pid: process.ppid})
  const error = await rejection(withFileLock(live, async () => 'ran', {waitMs: 200}))
  assert.match(error.message, `an older clokta (PID ${process.ppid}) is still writing`)
  assert.is(readFileSync(live, 'utf8'), String(process.ppid), 'left as the older clokta has it')
})

test('inspectWriteLock: free without a file, and free when the file names a clokta that has died (the OS dropped its lock)', async () => {
  assert.equal(await inspectWriteLock(join(dir, 'none.lock')), {state: 'free'})
  const path = lockPath()
  writeFileSync(path, JSON.stringify({pid: deadPid(), profiles: ['x']}) + '\n')
  const state = await inspectWriteLock(path)
  assert.is(state.state, 'free')
  assert.equal(state.profiles, ['x'])
})

test('a lock file clokta cannot open: one line naming it', async () => {
  const path = lockPath()
  const {mkdirSync} = await import('node:fs')
  mkdirSync(path)
  const error = await rejection(withFileLock(path, async () => 'ran'))
  assert.match(error.message, /^Cannot open the lock file .*: it is a directory \(EISDIR\)\.$/)
})

test('the lock is released when the body fails', async () => {
  const lock = lockPath()
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
