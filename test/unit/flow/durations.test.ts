import {readFileSync, statSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (roles): how long the SAML role's credentials are asked for, against the fake STS.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const stsDurations = (f: FlowHarness) =>
  f.fake.requests.filter((r) => r.service === 'sts').map((r) => Number(new URLSearchParams(r.body).get('DurationSeconds')))
const noRole = (f: FlowHarness, extra = '') => f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, extra).replace(/okta_aws_role_to_assume.*\n/, ''))
const says = (f: FlowHarness, pattern: RegExp) => assert.match(f.info.join('\n'), pattern)
const sts = {stsServer: true}

test('a single role is used directly', async () => {
  await withFlow(
    {...pushOnly, accounts: [{id: '333333333333', roles: [{name: 'Only', maxSessionDuration: 43200}]}]},
    async (f) => {
      noRole(f)
      await f.login(['website'], {}, PASSWORD)
      assert.is(f.fake.issued[0].roleArn, 'arn:aws:iam::333333333333:role/Only')
      assert.equal(stsDurations(f), [43200], 'no SessionDuration: 12h')
    },
    sts,
  )
})

test("the assertion's SessionDuration is what is asked for, and caps --duration", async () => {
  await withFlow(
    {...pushOnly, sessionDuration: 7200},
    async (f) => {
      noRole(f)
      await f.login(['website'], {role: 'Developer'}, PASSWORD)
      assert.equal(stsDurations(f), [7200])
      await f.login(['website'], {role: 'Developer', duration: '10h'}, PASSWORD)
      says(f, /The Okta app limits sessions to 2h \(SessionDuration\); asking for that instead of 10h\./)
      assert.equal(stsDurations(f), [7200, 7200])
    },
    sts,
  )
})

test('a SessionDuration outside what STS accepts is brought into 15m..12h', async () => {
  for (const [sessionDuration, asked] of [
    [86400, 43200],
    [600, 900],
  ]) {
    await withFlow(
      {...pushOnly, sessionDuration},
      async (f) => {
        noRole(f)
        await f.login(['website'], {role: 'Developer'}, PASSWORD)
        assert.equal(stsDurations(f), [asked])
      },
      sts,
    )
  }
})

test('12h → 4h → 1h when the role allows less, saying what was granted', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      noRole(f)
      const r = await f.login(['website'], {role: 'ReadOnly'}, PASSWORD)
      assert.equal(stsDurations(f), [43200, 14400, 3600])
      says(f, /The role ReadOnly in 123456789012 allows less than 12h; got 1h instead\./)
      assert.is(r.outcomes[0].credentials.expiration.getTime(), Date.parse(f.fake.issued[0].expiration))
      assert.is(f.fake.issued.length, 1)
    },
    sts,
  )
})

test("a role's shorter maximum is remembered: the next login asks for it at once and says nothing; a shorter --duration is used as it is", async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      noRole(f)
      await f.login(['website'], {role: 'ReadOnly'}, PASSWORD)
      says(f, /allows less than 12h; got 1h instead/)
      assert.is(statSync(f.home.path('.clokta/session-limits.json')).mode & 0o777, 0o600)
      assert.ok(readFileSync(f.home.path('.clokta/session-limits.json'), 'utf8').includes('"arn:aws:iam::123456789012:role/ReadOnly"'))
      f.info.length = 0
      await f.login(['website'], {role: 'ReadOnly', force: true}, PASSWORD)
      assert.equal(stsDurations(f).slice(3), [3600], 'one AssumeRoleWithSAML, for the remembered 1h')
      assert.not.match(f.info.join('\n'), /allows less|Warning/)
      await f.login(['website'], {role: 'ReadOnly', duration: '30m'}, PASSWORD)
      assert.equal(stsDurations(f).slice(4), [1800])
    },
    sts,
  )
})

test('a remembered maximum that STS now refuses is probed down again; one older than a week is probed from what is asked', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      noRole(f)
      const ADMIN = 'arn:aws:iam::210987654321:role/Admin'
      const admin = f.fake.scenario.accounts.find((a) => a.id === '210987654321')!.roles[0]
      const run = () => f.login(['website'], {role: ADMIN, force: true}, PASSWORD)
      await run()
      assert.equal(stsDurations(f), [43200, 14400])

      admin.maxSessionDuration = 3600 // an administrator lowers it
      await run()
      assert.equal(stsDurations(f).slice(2), [14400, 3600])
      says(f, /The role Admin in 210987654321 allows less than 12h; got 1h instead\./)

      admin.maxSessionDuration = 43200 // and later raises it: noticed once the lesson is a week old
      await run()
      assert.equal(stsDurations(f).slice(4), [3600])
      f.info.length = 0
      f.clock.advance(8 * 24 * 3600 * 1000)
      // STS's clock moves too: credentials expiring 8 days before clokta's now would be refused
      f.fake.advanceTime(8 * 24 * 3600 * 1000)
      await run()
      assert.equal(stsDurations(f).slice(5), [43200])
      assert.not.match(f.info.join('\n'), /allows less/)
      assert.equal(JSON.parse(readFileSync(f.home.path('.clokta/session-limits.json'), 'utf8')).roles, {}, 'forgotten')
    },
    sts,
  )
})

test('--duration and the cfg duration key; out of range refused before any request', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      noRole(f, 'duration = 90m\n')
      await f.login(['website'], {role: 'Developer'}, PASSWORD)
      await f.login(['website'], {role: 'Developer', duration: '2h'}, PASSWORD)
      assert.equal(stsDurations(f), [5400, 7200])
      const before = f.fake.requests.length
      for (const [value, message] of [
        ['13h', /^The duration from --duration is 13h; AWS allows 15m to 12h \(900 to 43200 seconds\)\.$/],
        ['60', /^The duration from --duration is 1m; AWS allows 15m to 12h/],
        ['soon', /^The duration from --duration is "soon", which is not a duration/],
      ] as const) {
        const error = await f.login(['website'], {duration: value}, PASSWORD).then(
          () => undefined,
          (e: Error) => e.message,
        )
        assert.match(error ?? '', message)
      }
      assert.is(f.fake.requests.length, before)
    },
    sts,
  )
})

test.run()
