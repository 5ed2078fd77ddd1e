import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const twoProfiles = (h: Harness) =>
  h.cfg(
    returningUserCfg(h.fake, {profile: 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'}) +
      `\n[billing]\nokta_aws_app_url = ${h.fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::210987654321:role/Admin\n`,
  )
const samlCalls = (h: Harness) => h.fake.requests.filter((r) => r.action === 'AssumeRoleWithSAML')

test('-p a -p b: one Okta login and one SAML assertion for both, each with its own role; a profile that fails is reported after the others are written', async () => {
  await withHarness(pushOnly, async (h) => {
    twoProfiles(h)
    h.cfg(h.read('.clokta/clokta.cfg') + `\n[ops]\nokta_aws_app_url = ${h.fake.appUrl}\n`)
    const r = await h.run(['-p', 'website', '-p', 'billing', '-p', 'ops'], withPassword)
    assert.is(r.code, 1)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
    assert.is(h.fake.count({path: /^\/home\//}), 1)
    assert.is(h.fake.pushSentCount, 1)
    const creds = h.read('.aws/credentials')
    assert.ok(parseIniSection(creds, 'website').aws_access_key_id && parseIniSection(creds, 'billing').aws_access_key_id)
    assert.is(parseIniSection(creds, 'ops').aws_access_key_id, undefined)
    assert.equal(h.fake.issued.map((i) => i.roleArn).sort(), ['arn:aws:iam::123456789012:role/Developer', 'arn:aws:iam::210987654321:role/Admin'])
    assert.match(
      r.stderr,
      /profile website \(Developer in 123456789012\) are valid until[\s\S]*profile billing \(Admin in 210987654321\) are valid until/,
    )
    assert.match(r.stderr, /^clokta: profile ops: Cannot ask for the AWS role without a terminal: pass --role with one of: /m)
    assert.match(r.stderr, /^clokta: 1 of 3 profiles failed; the others were written\.$/m)
    // none planned: no Okta login at all
    const none = await h.run(['-p', 'nosuch1', '-p', 'nosuch2'])
    assert.is(none.code, 1)
    assert.match(none.stderr, /^clokta: profile nosuch1: Cannot ask for the Okta app URL without a terminal/m)
    assert.match(none.stderr, /^clokta: All 2 profiles failed\.$/m)
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

test.run()
