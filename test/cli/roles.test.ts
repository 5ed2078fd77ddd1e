import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const stsDurations = (h: {fake: {requests: {service: string; body: string}[]}}) =>
  h.fake.requests.filter((r) => r.service === 'sts').map((r) => Number(new URLSearchParams(r.body).get('DurationSeconds')))

test('--role by name, by ARN and by <account>/<name>; not remembered', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    for (const [flag, arn] of [
      ['Developer', 'arn:aws:iam::123456789012:role/Developer'],
      ['arn:aws:iam::210987654321:role/Admin', 'arn:aws:iam::210987654321:role/Admin'],
      ['123456789012/readonly', 'arn:aws:iam::123456789012:role/ReadOnly'],
    ]) {
      const r = await h.run(['-p', 'website', '--role', flag], withPassword)
      assert.is(r.code, 0, r.stderr)
      assert.is(h.fake.issued.at(-1)!.roleArn, arn)
    }
    assert.not.ok(h.read('.clokta/clokta.cfg').includes('okta_aws_role_to_assume'))
  })
})

test('--role that is not offered: one line listing the roles, nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.run(['-p', 'website', '--role', 'Nope'], withPassword)
    assert.is(r.code, 1)
    assert.match(
      r.stderr,
      /^clokta: The role "Nope" \(from --role\) is not among your roles: 123456789012\/Developer, 123456789012\/ReadOnly, 210987654321\/Admin\.$/m,
    )
    assert.is(h.fake.count({service: 'sts'}), 0)
    assert.throws(() => h.read('.aws/credentials'))
  })
})

test("a role prompt left open past the assertion's 5 minutes: a new one through the run's Okta session, no second login", async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.pty(
      ['-p', 'website'],
      [
        {
          expect: /Choose a role/,
          send: () => {
            h.fake.expireAssertions()
            return KEY.enter
          },
        },
        {expect: /The SAML assertion expired while clokta waited; got a new one with your Okta session for website\./},
        {expect: /valid until/},
      ],
      withPassword,
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
    assert.is(h.fake.count({path: /^\/home\//}), 2)
    assert.equal(
      h.fake.requests.filter((q) => q.action === 'AssumeRoleWithSAML').map((q) => q.status),
      [400, 200],
    )
    assert.is(h.fake.issued.length, 1)
  })
})

test('the remembered role is used without asking; --no-default-role asks again and remembers the new choice', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'}))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.is(h.fake.issued.at(-1)!.roleArn, 'arn:aws:iam::123456789012:role/Developer')

    const again = await h.pty(
      ['-p', 'website', '--no-default-role'],
      [{expect: /Choose a role/, send: `${KEY.down}${KEY.enter}`}, {expect: /valid until/}],
      withPassword,
    )
    assert.is(again.code, 0, again.screen)
    assert.match(again.screen, /123456789012 \/ Developer[\s\S]*123456789012 \/ ReadOnly[\s\S]*210987654321 \/ Admin/)
    assert.is(h.fake.issued.at(-1)!.roleArn, 'arn:aws:iam::123456789012:role/ReadOnly')
    assert.is(parseIniSection(h.read('.clokta/clokta.cfg'), 'website').okta_aws_role_to_assume, 'arn:aws:iam::123456789012:role/ReadOnly')
  })
})

test('several roles and no terminal: fails at once naming --role', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: Cannot ask for the AWS role without a terminal: pass --role with one of: 123456789012\/Developer, /m)
  })
})

test('a single role is used directly', async () => {
  await withHarness({...pushOnly, accounts: [{id: '333333333333', roles: [{name: 'Only', maxSessionDuration: 43200}]}]}, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.is(h.fake.issued[0].roleArn, 'arn:aws:iam::333333333333:role/Only')
    assert.equal(stsDurations(h), [43200], 'no SessionDuration: 12h')
  })
})

test("the assertion's SessionDuration is what is asked for, and caps --duration", async () => {
  await withHarness({...pushOnly, sessionDuration: 7200}, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.run(['-p', 'website', '--role', 'Developer'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.equal(stsDurations(h), [7200])
    assert.match(r.stderr, /valid until (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \(2h\)/)
    const capped = await h.run(['-p', 'website', '--role', 'Developer', '--duration', '10h'], withPassword)
    assert.is(capped.code, 0, capped.stderr)
    assert.match(capped.stderr, /The Okta app limits sessions to 2h \(SessionDuration\); asking for that instead of 10h\./)
    assert.equal(stsDurations(h), [7200, 7200])
  })
})

test('a SessionDuration outside what STS accepts is brought into 15m..12h', async () => {
  for (const [sessionDuration, asked] of [
    [86400, 43200],
    [600, 900],
  ]) {
    await withHarness({...pushOnly, sessionDuration}, async (h) => {
      h.cfg(returningUserCfg(h.fake))
      const r = await h.run(['-p', 'website', '--role', 'Developer'], withPassword)
      assert.is(r.code, 0, r.stderr)
      assert.equal(stsDurations(h), [asked])
    })
  }
})

test('12h → 4h → 1h when the role allows less, saying what was granted', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.run(['-p', 'website', '--role', 'ReadOnly'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.equal(stsDurations(h), [43200, 14400, 3600])
    assert.match(r.stderr, /The role ReadOnly in 123456789012 allows less than 12h; got 1h instead\./)
    assert.match(r.stderr, /valid until (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \(1h\)/)
    assert.is(h.fake.issued.length, 1)
  })
})

test("a role's shorter maximum is remembered: the next login asks for it at once and says nothing; a shorter --duration is used as it is", async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const first = await h.run(['-p', 'website', '--role', 'ReadOnly'], withPassword)
    assert.is(first.code, 0, first.stderr)
    assert.match(first.stderr, /allows less than 12h; got 1h instead/)
    assert.is(h.mode('.clokta/session-limits.json'), 0o600)
    assert.ok(h.read('.clokta/session-limits.json').includes('"arn:aws:iam::123456789012:role/ReadOnly"'))

    const second = await h.run(['-p', 'website', '--role', 'ReadOnly', '--force'], withPassword)
    assert.is(second.code, 0, second.stderr)
    assert.equal(stsDurations(h).slice(3), [3600], 'one AssumeRoleWithSAML, for the remembered 1h')
    assert.not.match(second.stderr, /allows less|Warning/)
    assert.match(second.stderr, /valid until (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \(1h\)/)

    const shorter = await h.run(['-p', 'website', '--role', 'ReadOnly', '--duration', '30m'], withPassword)
    assert.is(shorter.code, 0, shorter.stderr)
    assert.equal(stsDurations(h).slice(4), [1800])
  })
})

test('a remembered maximum that STS now refuses is probed down again; one older than a week is probed from what is asked', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const ADMIN = 'arn:aws:iam::210987654321:role/Admin'
    const admin = h.fake.scenario.accounts.find((a) => a.id === '210987654321')!.roles[0]
    const run = () => h.run(['-p', 'website', '--role', ADMIN, '--force'], withPassword)
    assert.is((await run()).code, 0)
    assert.equal(stsDurations(h), [43200, 14400])

    admin.maxSessionDuration = 3600 // an administrator lowers it
    const lowered = await run()
    assert.is(lowered.code, 0, lowered.stderr)
    assert.equal(stsDurations(h).slice(2), [14400, 3600])
    assert.match(lowered.stderr, /The role Admin in 210987654321 allows less than 12h; got 1h instead\./)

    admin.maxSessionDuration = 43200 // and later raises it: noticed once the lesson is a week old
    assert.is((await run()).code, 0)
    assert.equal(stsDurations(h).slice(4), [3600])
    const file = JSON.parse(h.read('.clokta/session-limits.json'))
    file.roles[ADMIN].learnedAt = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString()
    h.home.write('.clokta/session-limits.json', JSON.stringify(file))
    const raised = await run()
    assert.is(raised.code, 0, raised.stderr)
    assert.equal(stsDurations(h).slice(5), [43200])
    assert.not.match(raised.stderr, /allows less/)
    assert.equal(JSON.parse(h.read('.clokta/session-limits.json')).roles, {}, 'forgotten')
  })
})

test('--duration and the cfg duration key; out of range refused before any request', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: 'duration = 90m\n'}))
    const r = await h.run(['-p', 'website', '--role', 'Developer'], withPassword)
    assert.is(r.code, 0, r.stderr)
    const flag = await h.run(['-p', 'website', '--role', 'Developer', '--duration', '2h'], withPassword)
    assert.is(flag.code, 0, flag.stderr)
    assert.equal(stsDurations(h), [5400, 7200])
    const before = h.fake.requests.length
    for (const [value, message] of [
      ['13h', /^clokta: The duration from --duration is 13h; AWS allows 15m to 12h \(900 to 43200 seconds\)\.$/m],
      ['60', /^clokta: The duration from --duration is 1m; AWS allows 15m to 12h/m],
      ['soon', /^clokta: The duration from --duration is "soon", which is not a duration/m],
    ] as const) {
      const bad = await h.run(['-p', 'website', '--duration', value], withPassword)
      assert.is(bad.code, 1, value)
      assert.match(bad.stderr, message)
    }
    assert.is(h.fake.requests.length, before)
  })
})

test.run()
