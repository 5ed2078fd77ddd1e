import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import type {Credentials} from '../../../src/model/credentials.js'
import {refreshingCredentials, type Held, type RefreshingCredentials} from '../../../src/serve/refreshing-credentials.js'

const MIN = 60_000
const T0 = Date.parse('2026-12-05T08:00:00Z')

/** A clock whose sleeps end only when a test moves it past their end. */
function fakeClock() {
  let now = T0
  let sleepers: {at: number; resolve(): void}[] = []
  return {
    now: () => now,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        sleepers.push({at: now + ms, resolve})
        signal?.addEventListener('abort', () => reject(new Error('aborted')))
      }),
    async advance(ms: number) {
      now += ms
      const due = sleepers.filter((s) => s.at <= now)
      sleepers = sleepers.filter((s) => s.at > now)
      for (const s of due) s.resolve()
      await settle()
    },
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

let serial = 0
const creds = (expiresAt: number): Credentials => {
  serial++
  return {accessKeyId: `ASIA${serial}`, secretAccessKey: `secret-${serial}`, sessionToken: `token-${serial}`, expiration: new Date(expiresAt)}
}

/** A source whose answers the test gives when it likes: each call waits for `answer` or `fail`. */
function heldSource() {
  const calls: number[] = []
  const pending: {resolve(c: Credentials): void; reject(e: unknown): void}[] = []
  return {
    calls,
    source: (atLeastSeconds: number) => {
      calls.push(atLeastSeconds)
      return new Promise<Credentials>((resolve, reject) => pending.push({resolve, reject}))
    },
    async answer(c: Credentials) {
      pending.shift()!.resolve(c)
      await settle()
    },
    async fail(e: unknown) {
      pending.shift()!.reject(e)
      await settle()
    },
  }
}

function start(lifetimeMs: number) {
  const clock = fakeClock()
  const src = heldSource()
  const said: string[] = []
  const initial = creds(T0 + lifetimeMs)
  const held = refreshingCredentials({profile: 'website', initial, source: src.source, clock, say: (line) => said.push(line)})
  return {clock, src, said, initial, held}
}

const keyOf = (h: Held) => ('credentials' in h ? h.credentials.accessKeyId : undefined)
const unavailable = (r: RefreshingCredentials) => {
  const h = r.current()
  return 'unavailable' in h ? h.unavailable : undefined
}

test('an hour of credentials is renewed 15 minutes before it ends, in the background, asking for ones that outlast those held', async () => {
  const {clock, src, said, initial, held} = start(60 * MIN)
  await clock.advance(44 * MIN)
  assert.equal(src.calls, [], 'not yet')
  assert.is(keyOf(held.current()), initial.accessKeyId)
  await clock.advance(MIN)
  assert.equal(src.calls, [15 * 60 + 1], 'at 45 minutes, with no request to prompt it')
  const fresh = creds(clock.now() + 60 * MIN)
  await src.answer(fresh)
  assert.is(keyOf(held.current()), fresh.accessKeyId)
  assert.equal(said, ['Renewed the credentials of profile website: valid until 2026-12-05T09:45:00Z.'])
  await clock.advance(44 * MIN)
  assert.is(src.calls.length, 1, 'the next renewal is timed from the new expiry')
  await clock.advance(MIN)
  assert.is(src.calls.length, 2)
  held.close()
})

test('short-lived credentials are renewed halfway through their life', async () => {
  const {clock, src, held} = start(10 * MIN)
  await clock.advance(5 * MIN - 1)
  assert.is(src.calls.length, 0)
  await clock.advance(1)
  assert.equal(src.calls, [5 * 60 + 1])
  held.close()
})

test('one refresh at a time: requests while it runs are answered at once with what is held', async () => {
  const {clock, src, initial, held} = start(60 * MIN)
  await clock.advance(50 * MIN) // the timer fired and the refresh is under way
  for (let i = 0; i < 20; i++) assert.is(keyOf(held.current()), initial.accessKeyId)
  await clock.advance(MIN)
  assert.is(src.calls.length, 1)
  const fresh = creds(clock.now() + 60 * MIN)
  await src.answer(fresh)
  assert.is(keyOf(held.current()), fresh.accessKeyId)
  assert.is(src.calls.length, 1)
  held.close()
})

test('a refresh that needs a prompt keeps the valid credentials served, says so once, retries with back-off; once expired, 503 with the reason, said once; a later success serves again', async () => {
  const {clock, src, said, initial, held} = start(60 * MIN)
  await clock.advance(45 * MIN)
  const needsPrompt = new CloktaError('Cannot ask for the Okta password without a terminal: set okta_password in the environment.', 'input-missing')
  await src.fail(needsPrompt)
  assert.is(keyOf(held.current()), initial.accessKeyId, 'still valid: still served')
  assert.equal(said, [
    'Could not renew the credentials of profile website: Cannot ask for the Okta password without a terminal: set okta_password in the environment. The current ones are served until 2026-12-05T09:00:00Z.',
  ])
  await clock.advance(30_000 - 1)
  assert.is(src.calls.length, 1)
  await clock.advance(1)
  assert.is(src.calls.length, 2, 'retried after 30 s')
  await src.fail(needsPrompt)
  await clock.advance(60_000)
  assert.is(src.calls.length, 3, 'then after 60 s')
  await src.fail(needsPrompt)
  assert.is(said.length, 1, 'the same failure again is no news')

  await clock.advance(13.5 * MIN) // 09:00:00: the expiry, and the retry due since 08:48:30 fails too
  assert.is(src.calls.length, 4)
  await src.fail(needsPrompt)
  const message = unavailable(held)
  assert.match(
    message!,
    /^The credentials of profile website expired at 2026-12-05T09:00:00Z; run clokta -p website in a terminal \(Cannot ask for the Okta password/,
  )
  assert.ok(unavailable(held), 'and so for every request')
  assert.is(said.length, 2)
  assert.match(
    said[1],
    /expired at 2026-12-05T09:00:00Z and could not be renewed: Cannot ask .* Requests get 503 until a login succeeds: run clokta -p website/,
  )

  await clock.advance(4 * MIN)
  assert.is(src.calls.length, 5)
  const fresh = creds(clock.now() + 60 * MIN)
  await src.answer(fresh)
  assert.is(keyOf(held.current()), fresh.accessKeyId)
  assert.match(said[2], /^Renewed again the credentials of profile website/)
  held.close()
})

test('a refresh that brings nothing fresher counts as a failure, not a success to loop on', async () => {
  const {clock, src, said, initial, held} = start(60 * MIN)
  await clock.advance(45 * MIN)
  await src.answer({...initial})
  assert.match(said[0], /expire no later than those held/)
  await clock.advance(10_000)
  assert.is(src.calls.length, 1, 'no retry before the back-off')
  held.close()
})

test('a request after a timer that fired late (a machine asleep) starts the refresh, and is told to retry, not made to wait', async () => {
  const clock = fakeClock()
  const src = heldSource()
  const frozen = {...clock, sleep: () => new Promise<void>(() => {})} // its timer never fires
  const held = refreshingCredentials({profile: 'website', initial: creds(T0 + 60 * MIN), source: src.source, clock: frozen, say: () => {}})
  await clock.advance(61 * MIN)
  assert.is(src.calls.length, 0)
  assert.match(unavailable(held)!, /expired at 2026-12-05T09:00:00Z; they are being renewed; try again in a moment\.$/)
  assert.is(src.calls.length, 1)
  const fresh = creds(clock.now() + 60 * MIN)
  await src.answer(fresh)
  assert.is(keyOf(held.current()), fresh.accessKeyId)
})

test('closed, it renews nothing more', async () => {
  const {clock, src, held} = start(60 * MIN)
  held.close()
  await clock.advance(60 * MIN)
  assert.is(src.calls.length, 0)
})

test.run()
