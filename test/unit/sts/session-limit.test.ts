import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Logger} from '../../../src/io/log.js'
import {assumeRoleWithSaml} from '../../../src/sts/assume-role-with-saml.js'
import {durationAttempts, learnLimit, RELEARN_AFTER_MS, type SessionLimit} from '../../../src/sts/session-limit.js'
import type {StsApi} from '../../../src/sts/sts-client.js'

const NOW = Date.parse('2026-03-10T12:00:00Z')
const H = 3600
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString()
const limit = (granted: number, refused: number, learnedAt = at(60_000)): SessionLimit => ({
  grantedSeconds: granted,
  refusedSeconds: refused,
  learnedAt,
})
const stale = (granted: number, refused: number) => limit(granted, refused, at(RELEARN_AFTER_MS + 1))

test('without a limit: what is asked, then 4h and 1h below it', () => {
  assert.equal(durationAttempts(12 * H, undefined, NOW), [12 * H, 4 * H, H])
  assert.equal(durationAttempts(2 * H, undefined, NOW), [2 * H, H])
  assert.equal(durationAttempts(1800, undefined, NOW), [1800])
})

test('a fresh limit: straight to what works, skipping what STS refused; a shorter ask is used as it is', () => {
  assert.equal(durationAttempts(12 * H, limit(H, 4 * H), NOW), [H])
  assert.equal(durationAttempts(12 * H, limit(4 * H, 12 * H), NOW), [4 * H, H])
  assert.equal(durationAttempts(2 * H, limit(H, 4 * H), NOW), [2 * H, H], 'between what works and what was refused: tried')
  assert.equal(durationAttempts(1800, limit(H, 4 * H), NOW), [1800])
})

test('a limit older than a week is probed again from what is asked', () => {
  assert.equal(durationAttempts(12 * H, stale(H, 4 * H), NOW), [12 * H, 4 * H, H])
  assert.equal(durationAttempts(12 * H, stale(2 * H, 4 * H), NOW), [12 * H, 4 * H, 2 * H, H])
})

test('what a run teaches, and whether the user hears of it', () => {
  const now = new Date(NOW).toISOString()
  assert.equal(learnLimit(undefined, H, 4 * H, NOW), {learned: limit(H, 4 * H, now), tell: true})
  assert.equal(learnLimit(undefined, 12 * H, undefined, NOW), {learned: undefined, tell: false})
  assert.equal(learnLimit(limit(H, 4 * H), H, undefined, NOW), {learned: undefined, tell: false}, 'the remembered duration worked')
  assert.equal(learnLimit(limit(H, 4 * H), 2 * H, undefined, NOW), {learned: limit(2 * H, 4 * H), tell: false}, 'a longer one worked')
  assert.equal(learnLimit(limit(4 * H, 12 * H), H, 4 * H, NOW), {learned: limit(H, 4 * H, now), tell: true}, 'the maximum went down')
  assert.equal(learnLimit(limit(H, 4 * H), H, 2 * H, NOW), {learned: limit(H, 2 * H, now), tell: true}, 'a duration asked for was refused')
  assert.equal(learnLimit(stale(H, 4 * H), H, 4 * H, NOW), {learned: limit(H, 4 * H, now), tell: false}, 'the weekly probe found the same maximum')
  assert.equal(
    learnLimit(stale(H, 4 * H), 4 * H, 12 * H, NOW),
    {learned: limit(4 * H, 12 * H, now), tell: true},
    'the weekly probe found it raised, still short of the ask',
  )
  assert.equal(learnLimit(stale(H, 4 * H), 12 * H, undefined, NOW), {learned: null, tell: false}, 'raised to what is asked: forgotten')
})

/** STS with a role whose maximum is `max`, answering as the real one does above it. */
function fakeSts(max: number) {
  const asked: number[] = []
  const sts: StsApi = {
    endpoint: 'https://sts.example',
    assumeRole: async () => ({$metadata: {}}),
    assumeRoleWithWebIdentity: async () => ({$metadata: {}}),
    assumeRoleWithSaml: async ({durationSeconds}) => {
      asked.push(durationSeconds)
      if (durationSeconds > max) {
        throw Object.assign(new Error('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'), {
          name: 'ValidationError',
          $metadata: {httpStatusCode: 400},
        })
      }
      const Credentials = {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret-key',
        SessionToken: 'session-token',
        Expiration: new Date(NOW + durationSeconds * 1000),
      }
      return {$metadata: {}, Credentials}
    },
  }
  return {sts, asked}
}

function logger() {
  const lines: string[] = []
  const log: Logger = {info: (m) => lines.push(m), warn: (m) => lines.push(m), debug: () => undefined, secret: () => undefined, debugEnabled: false}
  return {log, lines}
}

const role = {
  roleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
  principalArn: 'arn:aws:iam::123456789012:saml-provider/Okta',
  accountId: '123456789012',
  roleName: 'ReadOnly',
}

test('assumeRoleWithSaml: learns once and says so once; then one call and silence; a lowered maximum is found and said', async () => {
  const first = fakeSts(H)
  const said = logger()
  const learned = await assumeRoleWithSaml({role, assertion: 'x', durationSeconds: 12 * H, now: NOW}, first.sts, said.log)
  assert.equal(first.asked, [12 * H, 4 * H, H])
  assert.equal(said.lines, ['The role ReadOnly in 123456789012 allows less than 12h; got 1h instead.'])
  assert.ok(learned.learned)

  const second = fakeSts(H)
  const quiet = logger()
  const again = await assumeRoleWithSaml(
    {role, assertion: 'x', durationSeconds: 12 * H, limit: learned.learned!, now: NOW + 1000},
    second.sts,
    quiet.log,
  )
  assert.equal(second.asked, [H])
  assert.equal(quiet.lines, [])
  assert.is(again.learned, undefined)

  const lowered = fakeSts(H)
  const told = logger()
  const down = await assumeRoleWithSaml({role, assertion: 'x', durationSeconds: 12 * H, limit: limit(4 * H, 12 * H), now: NOW}, lowered.sts, told.log)
  assert.equal(lowered.asked, [4 * H, H])
  assert.equal(told.lines, ['The role ReadOnly in 123456789012 allows less than 12h; got 1h instead.'])
  assert.equal(down.learned, limit(H, 4 * H, new Date(NOW).toISOString()))
})

test.run()
