import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {listProfiles} from '../../../src/flow/configure-profile.js'
import {DEFAULT_PROFILE_TEMPLATE} from '../../../src/flow/login-all-roles.js'
import {cfgFor, withFlow, type FlowHarness, type StsCall} from '../../support/flow.js'
import {parseIniSection} from '../../support/harness.js'

// Moved from the CLI tests (many-profiles): what several profiles share, and what --all-roles remembers.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const ADMIN = 'arn:aws:iam::210987654321:role/Admin'
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
const read = (f: FlowHarness, path: string) => readFileSync(f.home.path(path), 'utf8')
const sts = {stsServer: true}

test('-p chained -p base: the base keeps its own duration whatever order they come in', async () => {
  const SVC = 'arn:aws:iam::444455556666:role/svc1'
  await withFlow(
    {...pushOnly, chainRoles: [{roleArn: SVC, trusts: ['arn:aws:iam::123456789012:role/Developer']}]},
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = ${ADMIN}\n`))
      f.home.write('.aws/config', `[profile svc1]\nrole_arn = ${SVC}\nsource_profile = website\nsession_ttl = 2h\n`)
      await f.login(['svc1', 'website'], {}, PASSWORD)
      assert.equal(f.fake.requests.filter((r) => r.action === 'AssumeRoleWithSAML').length, 1)
      assert.equal(
        f.fake.issued.filter((i) => i.via === 'AssumeRoleWithSAML').map((i) => i.durationSeconds),
        [43200],
      )
      assert.is((await f.login(['website'])).outcomes[0].kind, 'still-valid')
    },
    sts,
  )
})

test("--all-roles: what the profile's own section gave is copied, what [DEFAULT] or the environment gives is not", async () => {
  await withFlow(
    {...pushOnly, ...twelveHourRoles},
    async (f) => {
      f.home.write(
        '.clokta/clokta.cfg',
        `[DEFAULT]
okta_username = someone.else@example.com
multifactor_preference = Okta Verify with Push

[website]
okta_aws_app_url = ${f.fake.appUrl}
okta_username = jdoe@example.com
duration = 2h

[prod-Admin]
# kept by hand
okta_aws_app_url = ${f.fake.oktaUrl}/home/amazon_aws/0oaOTHER/272
`,
      )
      await f.login(['website'], {}, PASSWORD, {template: 'prod-{role}'})
      const cfg = read(f, '.clokta/clokta.cfg')
      assert.equal(parseIniSection(cfg, 'prod-Ops'), {
        okta_aws_app_url: f.fake.appUrl,
        okta_username: 'jdoe@example.com',
        duration: '2h',
        okta_aws_role_to_assume: 'arn:aws:iam::123456789012:role/Ops',
      })
      assert.is(
        parseIniSection(cfg, 'prod-Admin').okta_aws_app_url,
        f.fake.appUrl,
        "a section's own other app is replaced: its credentials now come from this one",
      )
      assert.match(cfg, /\[prod-Admin\]\n# kept by hand\n/)
      assert.is((await f.login(['prod-Ops'], {}, PASSWORD)).outcomes[0].kind, 'still-valid')

      // from the environment: nothing but the role is saved, and the refresh needs the environment again
      const fromEnv = {...PASSWORD, okta_aws_app_url: f.fake.appUrl, okta_username: 'jdoe@example.com'}
      await f.login(['website'], {}, fromEnv, {template: 'env-{role}'})
      assert.equal(parseIniSection(read(f, '.clokta/clokta.cfg'), 'env-Admin'), {duration: '2h', okta_aws_role_to_assume: ADMIN})
      await f.login(['env-Admin'], {force: true}, fromEnv)
      assert.is(f.fake.issued.at(-1)!.roleArn, ADMIN)
    },
    sts,
  )
})

test('--all-roles: a role the template cannot name, or names like another, is skipped and said; the rest are written (moved from the CLI tests)', async () => {
  const roles = ['team..ops', 'Dev+Ops', 'Dev=Ops', 'Developer'].map((name) => ({name, maxSessionDuration: 43200}))
  await withFlow({...pushOnly, accounts: [{id: '123456789012', roles}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const r = await f.login(['website'], {}, PASSWORD, {template: '{account}-{role}'})
    const failed = r.failures.map((x) => [x.profile, (x.error as Error).message])
    assert.is(failed.length, 2, JSON.stringify(failed))
    assert.ok(
      failed.some(
        ([profile, message]) =>
          profile === '123456789012-Dev-Ops' &&
          message ===
            'The profile template "{account}-{role}" makes "123456789012-Dev-Ops" for arn:aws:iam::123456789012:role/Dev+Ops, which also names arn:aws:iam::123456789012:role/Dev=Ops; skipped.',
      ),
      JSON.stringify(failed),
    )
    assert.is(r.failures.length + r.outcomes.length, 4, '2 of 4 profiles failed')
    const creds = read(f, '.aws/credentials')
    assert.ok(parseIniSection(creds, '123456789012-team.ops').aws_access_key_id)
    assert.ok(parseIniSection(creds, '123456789012-Developer').aws_access_key_id)
    assert.is(f.sts.length, 2)
  })
})

test('-p a -p b: an app link Okta does not know costs no second password or push, whichever comes first (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write(
      '.clokta/clokta.cfg',
      cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.oktaUrl}/home/amazon_aws/0oaNOPE/272\nokta_aws_role_to_assume = ${ADMIN}\n`),
    )
    const after = await f.login(['website', 'billing'], {}, PASSWORD)
    assert.equal(
      after.outcomes.map((o) => o.profile),
      ['website'],
    )
    assert.equal(
      after.failures.map((x) => x.profile),
      ['billing'],
    )
    assert.match((after.failures[0].error as Error).message, /^Okta has no app at .*0oaNOPE\/272 \(404 Not Found\)\.$/)
    assert.ok(parseIniSection(read(f, '.aws/credentials'), 'website').aws_access_key_id, 'website is written')
    assert.is(f.fake.pushSentCount, 1)
    const first = await f.login(['billing', 'website'], {force: true}, PASSWORD).then(
      () => undefined,
      (e: Error) => e,
    )
    assert.ok(first, 'the first profile failing fails the run')
    assert.match(first.message, /^Okta has no app at .*0oaNOPE\/272 \(404 Not Found\)\.$/)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 2, 'one login per run')
    assert.is(f.fake.pushSentCount, 2)
  })
})

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const allRoles = {template: DEFAULT_PROFILE_TEMPLATE}
const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: CloktaError) => e,
  )
/** clokta.cfg for website, with no remembered role, as the first run leaves it */
const noRoleCfg = (f: FlowHarness, extra = '') =>
  `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[website]\nokta_aws_app_url = ${f.fake.appUrl}\n${extra}`
const keyOf = (f: FlowHarness, profile: string) => parseIniSection(read(f, '.aws/credentials'), profile).aws_access_key_id

test('--all-roles: each profile remembers its role and app; -p on one refreshes that role without asking, and configure --list shows them (moved from the CLI tests)', async () => {
  await withFlow({...pushOnly, ...twelveHourRoles}, async (f) => {
    f.home.write('.clokta/clokta.cfg', noRoleCfg(f, '\n[accounts]\n210987654321 = prod\n'))
    const r = await f.login(['website'], {}, PASSWORD, allRoles)
    assert.equal(
      r.outcomes.map((o) => o.profile),
      ['123456789012-Developer', '123456789012-Ops', 'prod-Admin'],
    )
    const cfg = read(f, '.clokta/clokta.cfg')
    assert.equal(
      parseIniSection(cfg, 'prod-Admin'),
      {okta_aws_app_url: f.fake.appUrl, okta_aws_role_to_assume: ADMIN},
      'the username comes from [DEFAULT]',
    )
    assert.equal(parseIniSection(cfg, '123456789012-Ops'), {
      okta_aws_app_url: f.fake.appUrl,
      okta_aws_role_to_assume: 'arn:aws:iam::123456789012:role/Ops',
    })
    assert.is(parseIniSection(cfg, 'website').okta_aws_role_to_assume, undefined, 'the profile logged in through is left as it was')

    assert.is((await f.login(['prod-Admin'], {}, PASSWORD)).outcomes[0].kind, 'still-valid')
    assert.is(f.sts.length, 3)
    // no answers queued: a run that had to ask which role would fail
    const forced = await f.login(['prod-Admin'], {force: true}, PASSWORD)
    assert.equal(f.sts.map((c) => c.roleArn).slice(3), [ADMIN])
    assert.is(keyOf(f, 'prod-Admin'), forced.outcomes[0].credentials.accessKeyId)
    assert.equal(f.asked, [])

    const {rows} = await listProfiles(f.world())
    // in the assertion's order, whichever STS call answered first
    assert.equal(
      rows.map((row) => row.profile),
      ['website', '123456789012-Developer', '123456789012-Ops', 'prod-Admin'],
    )
  })
})

test('--all-roles without -p: the app URL from the environment or [DEFAULT]; with neither, one message saying where it goes; several -p refused (moved from the CLI tests)', async () => {
  await withFlow({...pushOnly, ...twelveHourRoles}, async (f) => {
    f.home.write('.clokta/clokta.cfg', '[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n')
    const none = await failure(f.login([], {}, PASSWORD, allRoles))
    assert.is(
      none?.message,
      'Which Okta app? Without -p, --all-roles uses okta_aws_app_url from the environment or from [DEFAULT] in ~/.clokta/clokta.cfg.',
    )
    assert.is(none?.exitCode, 2)
    assert.is(f.fake.requests.length, 0)

    await f.login([], {}, {...PASSWORD, okta_aws_app_url: f.fake.appUrl}, allRoles)
    assert.equal(parseIniSection(read(f, '.clokta/clokta.cfg'), '210987654321-Admin'), {okta_aws_role_to_assume: ADMIN})
    assert.is(f.sts.length, 3)

    f.home.write('.clokta/clokta.cfg', read(f, '.clokta/clokta.cfg').replace('[DEFAULT]\n', `[DEFAULT]\nokta_aws_app_url = ${f.fake.appUrl}\n`))
    await f.login([], {force: true}, PASSWORD, allRoles)
    assert.is(f.sts.length, 6)
    assert.equal(
      parseIniSection(read(f, '.clokta/clokta.cfg'), '123456789012-Ops'),
      {okta_aws_role_to_assume: 'arn:aws:iam::123456789012:role/Ops'},
      '[DEFAULT] gives the rest',
    )
    assert.is((await f.login(['123456789012-Ops'], {}, PASSWORD)).outcomes[0].kind, 'still-valid')
    const requests = f.fake.requests.length
    const two = await failure(f.login(['a', 'b'], {}, PASSWORD, allRoles))
    assert.is(two?.message, '--all-roles logs in through one profile: give one -p, or none to use [DEFAULT] and the environment.')
    assert.is(two?.exitCode, 2)
    assert.is(f.fake.requests.length, requests)
  })
})

test('--all-roles: a role STS refuses is reported, the others are still written (moved from the CLI tests)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      f.home.write('.clokta/clokta.cfg', noRoleCfg(f))
      const denied =
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithSAML</Message></Error><RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId></ErrorResponse>'
      f.fake.scenario.inject.sts = [{status: 403, headers: {'content-type': 'text/xml'}, body: denied}]
      const r = await f.login(['website'], {duration: '1h'}, PASSWORD, allRoles)
      assert.is(r.failures.length, 1)
      assert.is(r.outcomes.length, 2)
      const [{profile: failed, error}] = r.failures
      const [account, role] = failed.split('-')
      assert.is(
        (error as Error).message,
        `AWS STS refused role ${role} in ${account}: Not authorized to perform sts:AssumeRoleWithSAML (AccessDenied).`,
      )
      for (const profile of ['123456789012-Developer', '123456789012-ReadOnly', '210987654321-Admin']) {
        assert.is(!!keyOf(f, profile), profile !== failed, profile)
      }
    },
    sts,
  )
})

test('-p a -p b of chained profiles: one SAML role under both, their hops in flight together; a shared base assumed once even with --force (moved from the CLI tests)', async () => {
  const svc = (n: number) => `arn:aws:iam::444455556666:role/svc${n}`
  await withFlow({...pushOnly, chainRoles: [1, 2].map((n) => ({roleArn: svc(n), trusts: [DEVELOPER]}))}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = ${ADMIN}\n`))
    f.home.write('.aws/config', [1, 2].map((n) => `[profile svc${n}]\nrole_arn = ${svc(n)}\nsource_profile = website\n`).join('\n'))
    // at each hop's call, the hops already written: none, when every hop is sent before any is written
    const writtenAtCall: string[][] = []
    const push = f.sts.push.bind(f.sts)
    f.sts.push = (...calls: StsCall[]) => {
      if (calls.some((c) => c.kind === 'role')) writtenAtCall.push(['svc1', 'svc2'].filter((p) => existsSync(f.home.path(`.clokta/${p}.env`))))
      return push(...calls)
    }
    const r = await f.login(['svc1', 'svc2'], {}, PASSWORD)
    assert.equal(
      r.outcomes.map((o) => [o.profile, o.roleArn]),
      [
        ['svc1', svc(1)],
        ['svc2', svc(2)],
      ],
    )
    const saml = f.sts.filter((c) => c.kind === 'saml')
    const hops = f.sts.filter((c) => c.kind === 'role')
    assert.equal(
      saml.map((c) => c.roleArn),
      [DEVELOPER],
    )
    assert.equal(
      hops.map((c) => [c.roleArn, c.as]),
      [svc(1), svc(2)].map((arn) => [arn, keyOf(f, 'website')]),
    )
    assert.equal(writtenAtCall, [[], []], 'the hops were sent one after another')
    for (const p of ['website', 'svc1', 'svc2']) assert.ok(keyOf(f, p), p)

    const forced = await f.login(['website', 'svc1'], {force: true}, PASSWORD)
    assert.is(f.sts.filter((c) => c.kind === 'saml').length, 2, 'website assumed once for itself and svc1')
    assert.is(keyOf(f, 'website'), forced.outcomes[0].credentials.accessKeyId)
    assert.is((f.sts.at(-1) as {as: string}).as, keyOf(f, 'website'))
  })
})

test('-p a -p b: a profile that cannot be planned is reported after the others are written (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\n`))
    const r = await f.login(['website', 'billing'], {}, PASSWORD)
    assert.equal(
      r.outcomes.map((o) => o.profile),
      ['website'],
    )
    assert.equal(
      r.failures.map((x) => [x.profile, (x.error as Error).message]),
      [
        [
          'billing',
          'Cannot ask for the AWS role without a terminal: pass --role with one of: 123456789012/Developer, 123456789012/ReadOnly, 210987654321/Admin.',
        ],
      ],
    )
    assert.ok(keyOf(f, 'website'))
    assert.is(keyOf(f, 'billing'), undefined)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1)

    f.home.write('.clokta/clokta.cfg', read(f, '.clokta/clokta.cfg').replace(/okta_aws_role_to_assume = .*\n/, ''))
    const none = await f.login(['website', 'billing'], {force: true}, PASSWORD)
    assert.equal(none.outcomes, [])
    assert.equal(
      none.failures.map((x) => x.profile),
      ['website', 'billing'],
    )
  })
})

test('[accounts] names accounts in the role prompt (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', noRoleCfg(f, '\n[accounts]\n123456789012 = production\n210987654321 = sandbox\n'))
    f.answer(DEVELOPER)
    const r = await f.login(['website'], {}, PASSWORD)
    assert.equal(
      f.asked.map((q) => [q.kind, q.message]),
      [['select', 'Choose a role']],
    )
    assert.equal(
      f.asked[0].choices!.map((c) => c.message),
      ['production (123456789012) / Developer', 'production (123456789012) / ReadOnly', 'sandbox (210987654321) / Admin'],
    )
    assert.is(r.outcomes[0].roleArn, DEVELOPER)
  })
})

test('profile names from IAM are made valid; --role with several -p is refused (moved from the CLI tests)', async () => {
  await withFlow({...pushOnly, accounts: [{id: '123456789012', roles: [{name: 'Dev+Ops@team', maxSessionDuration: 43200}]}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\n`))
    const r = await f.login(['website'], {}, PASSWORD, allRoles)
    assert.equal(
      r.outcomes.map((o) => o.profile),
      ['123456789012-Dev-Ops-team'],
    )
    assert.ok(keyOf(f, '123456789012-Dev-Ops-team'))
    const requests = f.fake.requests.length
    const both = await failure(f.login(['website', 'billing'], {role: 'Developer'}, PASSWORD))
    assert.is(both?.message, '--role picks one role, so it goes with one -p; with several, each profile uses its remembered role.')
    assert.is(both?.exitCode, 2)
    assert.is(f.fake.requests.length, requests)
  })
})

test.run()
