import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'
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

test.run()
