import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const twoProfiles = (h: Harness) =>
  h.cfg(
    returningUserCfg(h.fake, {profile: 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'}) +
      `\n[billing]\nokta_aws_app_url = ${h.fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::210987654321:role/Admin\n`,
  )
const samlCalls = (h: Harness) => h.fake.requests.filter((r) => r.action === 'AssumeRoleWithSAML')

test('-p a -p b: one Okta login and one SAML assertion for both, each with its own role', async () => {
  await withHarness(pushOnly, async (h) => {
    twoProfiles(h)
    const r = await h.run(['-p', 'website', '-p', 'billing'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
    assert.is(h.fake.count({path: /^\/home\//}), 1)
    assert.is(h.fake.pushSentCount, 1)
    const creds = h.read('.aws/credentials')
    assert.ok(parseIniSection(creds, 'website').aws_access_key_id && parseIniSection(creds, 'billing').aws_access_key_id)
    assert.equal(h.fake.issued.map((i) => i.roleArn).sort(), ['arn:aws:iam::123456789012:role/Developer', 'arn:aws:iam::210987654321:role/Admin'])
    assert.match(
      r.stderr,
      /profile website \(Developer in 123456789012\) are valid until[\s\S]*profile billing \(Admin in 210987654321\) are valid until/,
    )
  })
})

test('--all-roles: every role a profile, one authn and one app link, the STS calls in flight together', async () => {
  await withHarness(
    {
      ...pushOnly,
      accounts: [
        {
          id: '123456789012',
          roles: [
            {name: 'Developer', maxSessionDuration: 43200},
            {name: 'Ops', maxSessionDuration: 43200},
          ],
        },
        {id: '210987654321', roles: [{name: 'Admin', maxSessionDuration: 43200}]},
      ],
    },
    async (h) => {
      h.cfg(returningUserCfg(h.fake) + '\n[accounts]\n123456789012 = production\n')
      // each STS answer takes 400 ms, so calls made one after another could not overlap
      h.fake.scenario.inject.sts = [1, 2, 3].map(() => ({status: 0, body: '', passThrough: true, delayMs: 400}))
      const r = await h.run(['-p', 'website', '--all-roles'], withPassword)
      assert.is(r.code, 0, r.stderr)
      assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
      assert.is(h.fake.count({path: /^\/home\//}), 1)
      const calls = samlCalls(h)
      assert.is(calls.length, 3)
      const latestStart = Math.max(...calls.map((c) => c.startedAt))
      const earliestEnd = Math.min(...calls.map((c) => c.endedAt))
      assert.ok(latestStart < earliestEnd, `the STS calls did not overlap: ${JSON.stringify(calls.map((c) => [c.startedAt, c.endedAt]))}`)
      const creds = h.read('.aws/credentials')
      for (const profile of ['production-Developer', 'production-Ops', '210987654321-Admin']) {
        assert.ok(parseIniSection(creds, profile).aws_access_key_id, profile)
        assert.ok(h.read(`.clokta/${profile}.env`).includes('AWS_SESSION_TOKEN='))
      }
      assert.match(r.stderr, /^AWS credentials for profile production-Ops \(Ops in 123456789012\) are valid until /m)
      const templated = await h.run(['-p', 'website', '--all-roles', '--force', '--profile-template', 'okta-{account_id}-{role}'], withPassword)
      assert.is(templated.code, 0, templated.stderr)
      assert.ok(parseIniSection(h.read('.aws/credentials'), 'okta-123456789012-Ops').aws_access_key_id)
    },
  )
})

const twelveHourRoles = {
  accounts: [
    {
      id: '123456789012',
      roles: [
        {name: 'Developer', maxSessionDuration: 43200},
        {name: 'Ops', maxSessionDuration: 43200},
      ],
    },
    {id: '210987654321', roles: [{name: 'Admin', maxSessionDuration: 43200}]},
  ],
}
const ADMIN = 'arn:aws:iam::210987654321:role/Admin'

test('--all-roles: each profile remembers its role and app; -p on one refreshes that role without asking, and configure --list shows them', async () => {
  await withHarness({...pushOnly, ...twelveHourRoles}, async (h) => {
    h.cfg(returningUserCfg(h.fake) + '\n[accounts]\n210987654321 = prod\n')
    const r = await h.run(['-p', 'website', '--all-roles'], withPassword)
    assert.is(r.code, 0, r.stderr)
    const cfg = h.read('.clokta/clokta.cfg')
    assert.equal(
      parseIniSection(cfg, 'prod-Admin'),
      {okta_aws_app_url: h.fake.appUrl, okta_aws_role_to_assume: ADMIN},
      'the username comes from [DEFAULT]',
    )
    assert.equal(parseIniSection(cfg, '123456789012-Ops'), {
      okta_aws_app_url: h.fake.appUrl,
      okta_aws_role_to_assume: 'arn:aws:iam::123456789012:role/Ops',
    })
    assert.is(parseIniSection(cfg, 'website').okta_aws_role_to_assume, undefined, 'the profile logged in through is left as it was')

    const valid = await h.run(['-p', 'prod-Admin'], withPassword)
    assert.is(valid.code, 0, valid.stderr)
    assert.match(valid.stderr, /profile prod-Admin \([^)]*\) are still valid/)
    assert.is(samlCalls(h).length, 3)
    // no terminal: a run that had to ask which role would fail
    const forced = await h.run(['-p', 'prod-Admin', '--force'], withPassword)
    assert.is(forced.code, 0, forced.stderr)
    assert.is(samlCalls(h).length, 4)
    assert.is(h.fake.issued.at(-1)!.roleArn, ADMIN)
    assert.is(parseIniSection(h.read('.aws/credentials'), 'prod-Admin').aws_access_key_id, h.fake.issued.at(-1)!.accessKeyId)

    const list = await h.run(['configure', '--list'])
    assert.is(list.code, 0, list.stderr)
    for (const profile of ['website', '123456789012-Developer', '123456789012-Ops', 'prod-Admin'])
      assert.match(list.stdout, new RegExp(`^${profile}\\b`, 'm'), profile)
  })
})

test('--all-roles without -p: the app URL from the environment or [DEFAULT]; with neither, one line saying where it goes', async () => {
  await withHarness({...pushOnly, ...twelveHourRoles}, async (h) => {
    h.cfg('[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n')
    const none = await h.run(['--all-roles'], withPassword)
    assert.is(none.code, 2)
    assert.match(
      none.stderr,
      /^clokta: Which Okta app\? Without -p, --all-roles uses okta_aws_app_url from the environment or from \[DEFAULT\] in ~\/\.clokta\/clokta\.cfg\.$/m,
    )
    assert.is(h.fake.requests.length, 0)

    const env = await h.run(['--all-roles'], {...withPassword, okta_aws_app_url: h.fake.appUrl})
    assert.is(env.code, 0, env.stderr)
    assert.equal(parseIniSection(h.read('.clokta/clokta.cfg'), '210987654321-Admin'), {okta_aws_role_to_assume: ADMIN})
    assert.is(samlCalls(h).length, 3)

    h.cfg(h.read('.clokta/clokta.cfg').replace('[DEFAULT]\n', `[DEFAULT]\nokta_aws_app_url = ${h.fake.appUrl}\n`))
    const fromDefault = await h.run(['--all-roles', '--force'], withPassword)
    assert.is(fromDefault.code, 0, fromDefault.stderr)
    assert.is(samlCalls(h).length, 6)
    assert.equal(
      parseIniSection(h.read('.clokta/clokta.cfg'), '123456789012-Ops'),
      {okta_aws_role_to_assume: 'arn:aws:iam::123456789012:role/Ops'},
      '[DEFAULT] gives the rest',
    )
    assert.match((await h.run(['-p', '123456789012-Ops'], withPassword)).stderr, /profile 123456789012-Ops \([^)]*\) are still valid/)
    const two = await h.run(['-p', 'a', '-p', 'b', '--all-roles'], withPassword)
    assert.is(two.code, 2)
    assert.match(two.stderr, /^clokta: --all-roles logs in through one profile: give one -p, or none/m)
  })
})

test('--all-roles: a role STS refuses is reported, the others are still written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const denied =
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithSAML</Message></Error><RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId></ErrorResponse>'
    h.fake.scenario.inject.sts = [{status: 403, headers: {'content-type': 'text/xml'}, body: denied}]
    const r = await h.run(['-p', 'website', '--all-roles', '--duration', '1h'], withPassword)
    assert.is(r.code, 1)
    const failures = r.stderr.split('\n').filter((l) => /^clokta: profile \S+: AWS STS refused role/.test(l))
    assert.is(failures.length, 1, r.stderr)
    assert.match(r.stderr, /^clokta: 1 of 3 profiles failed; the others were written\.$/m)
    const failed = /^clokta: profile (\S+):/.exec(failures[0])![1]
    const creds = h.read('.aws/credentials')
    for (const profile of ['123456789012-Developer', '123456789012-ReadOnly', '210987654321-Admin']) {
      assert.is(!!parseIniSection(creds, profile).aws_access_key_id, profile !== failed, profile)
    }
  })
})

test('-p a -p b of chained profiles: one SAML role under both, their hops in flight together; a shared base assumed once even with --force', async () => {
  const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
  const svc = (n: number) => `arn:aws:iam::444455556666:role/svc${n}`
  await withHarness({...pushOnly, chainRoles: [1, 2].map((n) => ({roleArn: svc(n), trusts: [DEVELOPER]}))}, async (h) => {
    twoProfiles(h)
    h.home.write('.aws/config', [1, 2].map((n) => `[profile svc${n}]\nrole_arn = ${svc(n)}\nsource_profile = website\n`).join('\n'))
    h.fake.scenario.inject.sts = [1, 2, 3].map(() => ({status: 0, body: '', passThrough: true, delayMs: 400}))
    const r = await h.run(['-p', 'svc1', '-p', 'svc2'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.is(samlCalls(h).length, 1)
    const hops = h.fake.requests.filter((q) => q.action === 'AssumeRole')
    assert.is(hops.length, 2)
    assert.ok(Math.max(...hops.map((c) => c.startedAt)) < Math.min(...hops.map((c) => c.endedAt)), 'the hops did not overlap')
    const creds = h.read('.aws/credentials')
    for (const p of ['website', 'svc1', 'svc2']) assert.ok(parseIniSection(creds, p).aws_access_key_id, p)
    assert.match(r.stderr, /profile svc1 \(svc1 in 444455556666\) are valid until[\s\S]*profile svc2 \(svc2 in 444455556666\) are valid until/)
    const forced = await h.run(['-p', 'website', '-p', 'svc1', '--force'], withPassword)
    assert.is(forced.code, 0, forced.stderr)
    assert.is(samlCalls(h).length, 2, 'website assumed once for itself and svc1')
    assert.is(
      parseIniSection(h.read('.aws/credentials'), 'website').aws_access_key_id,
      h.fake.issued.filter((i) => i.via === 'AssumeRoleWithSAML').at(-1)!.accessKeyId,
    )
  })
})

test('-p a -p b: a profile that cannot be planned is reported after the others are written', async () => {
  await withHarness(pushOnly, async (h) => {
    twoProfiles(h)
    h.cfg(h.read('.clokta/clokta.cfg').replace('okta_aws_role_to_assume = arn:aws:iam::210987654321:role/Admin\n', ''))
    const r = await h.run(['-p', 'website', '-p', 'billing'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: profile billing: Cannot ask for the AWS role without a terminal/m)
    assert.match(r.stderr, /^clokta: 1 of 2 profiles failed; the others were written\.$/m)
    assert.ok(parseIniSection(h.read('.aws/credentials'), 'website').aws_access_key_id)
    assert.is(parseIniSection(h.read('.aws/credentials'), 'billing').aws_access_key_id, undefined)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
    h.cfg(h.read('.clokta/clokta.cfg').replace(/okta_aws_role_to_assume = .*\n/, ''))
    const none = await h.run(['-p', 'website', '-p', 'billing', '--force'], withPassword)
    assert.is(none.code, 1)
    assert.match(none.stderr, /^clokta: All 2 profiles failed\.$/m)
  })
})

test('[accounts] names accounts in the role prompt', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake) + '\n[accounts]\n123456789012 = production\n210987654321 = sandbox\n')
    const r = await h.pty(
      ['-p', 'website'],
      [{expect: /production \(123456789012\) \/ Developer[\s\S]*sandbox \(210987654321\) \/ Admin/, send: KEY.enter}, {expect: /valid until/}],
      withPassword,
    )
    assert.is(r.code, 0, r.screen)
  })
})

test('profile names from IAM are made valid; --role with several -p is refused', async () => {
  await withHarness({...pushOnly, accounts: [{id: '123456789012', roles: [{name: 'Dev+Ops@team', maxSessionDuration: 43200}]}]}, async (h) => {
    twoProfiles(h)
    const r = await h.run(['-p', 'website', '--all-roles'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.ok(parseIniSection(h.read('.aws/credentials'), '123456789012-Dev-Ops-team').aws_access_key_id)
    const both = await h.run(['-p', 'website', '-p', 'billing', '--role', 'Developer'], withPassword)
    assert.is(both.code, 2)
    assert.match(both.stderr, /^clokta: --role picks one role, so it goes with one -p/m)
  })
})

test.run()
