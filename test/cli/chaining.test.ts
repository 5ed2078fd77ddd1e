import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Scenario} from '../support/fake/types.js'
import {parseIniSection, PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {shells} from '../support/optional-programs.js'
import {sourced} from '../support/shell.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const DEEP = 'arn:aws:iam::777788889999:role/deep'
const scenario: Partial<Scenario> = {
  factors: [{type: 'push', provider: 'OKTA'}],
  chainRoles: [
    {roleArn: SERVICE, trusts: [DEVELOPER]},
    {roleArn: DEEP, trusts: [SERVICE], externalId: 'ext-123'},
  ],
}
const withPassword = {okta_password: PASSWORD}
const awsConfig = (extra = '') => `[profile website]
output = json

[profile myservice]
role_arn = ${SERVICE}
source_profile = website

[profile deep]
role_arn = ${DEEP}
source_profile = myservice
external_id = ext-123
region = eu-west-1
${extra}`
const setup = (h: Harness, extra = '', cfgExtra = '') => {
  h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}\n${cfgExtra}`}))
  h.home.write('.aws/config', awsConfig(extra))
}
const hops = (h: Harness) => h.fake.issued.filter((i) => i.via === 'AssumeRole')

test('a two-hop chain end to end: SAML role, then each hop signed with the previous credentials; all artefacts', async () => {
  await withHarness(scenario, async (h) => {
    setup(h)
    const r = await h.run(['-p', 'deep'], withPassword)
    assert.is(r.code, 0, r.stderr)
    const [saml] = h.fake.issued.filter((i) => i.via === 'AssumeRoleWithSAML')
    const [service, deep] = hops(h)
    assert.is(saml.roleArn, DEVELOPER)
    assert.equal(
      {role: service.roleArn, source: service.sourceAccessKeyId, session: service.roleSessionName, ttl: service.durationSeconds},
      {role: SERVICE, source: saml.accessKeyId, session: 'jdoe@example.com', ttl: 3600},
    )
    assert.equal(
      {role: deep.roleArn, source: deep.sourceAccessKeyId, externalId: deep.externalId},
      {role: DEEP, source: service.accessKeyId, externalId: 'ext-123'},
    )
    const creds = h.read('.aws/credentials')
    assert.equal(parseIniSection(creds, 'deep'), {
      aws_access_key_id: deep.accessKeyId,
      aws_secret_access_key: deep.secretAccessKey,
      aws_session_token: deep.sessionToken,
      x_security_token_expires: deep.expiration,
    })
    assert.is(parseIniSection(creds, 'website').aws_access_key_id, saml.accessKeyId, 'the source profile is refreshed too')
    const vars = {
      AWS_ACCESS_KEY_ID: deep.accessKeyId,
      AWS_SECRET_ACCESS_KEY: deep.secretAccessKey,
      AWS_SESSION_TOKEN: deep.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: deep.expiration,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    }
    for (const shell of shells()) assert.equal(sourced(shell, h.home.path('.clokta/deep.sh')), vars, shell)
    assert.equal(parseDotenv(h.read('.clokta/deep.env')), vars)
    assert.match(r.stderr, /AWS credentials for profile deep \(deep in 777788889999\) are valid until .* \(1h\)/)

    const before = h.fake.requests.length
    const again = await h.run(['-p', 'deep'])
    assert.is(again.code, 0, again.stderr)
    assert.match(again.stderr, /profile deep \([\w-]+ in \d{12}\) are still valid/)
    assert.is(h.fake.requests.length, before)
  })
})

// The hops' durations (the 1h clamp of a chained hop, STS refusing over the maximum) are tested in
// process (test/unit/flow/chaining.test.ts); this is the wiring of an IAM user's keys as the base.
test("an IAM user's long-term keys: the first hop is not chaining (up to the role's maximum); role_session_name and AWS_CONFIG_FILE honoured", async () => {
  const USER = 'arn:aws:iam::111122223333:user/ci'
  const keys = {accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}
  await withHarness(
    {
      iamUsers: [{userArn: USER, ...keys}],
      chainRoles: [
        {roleArn: SERVICE, trusts: [USER], maxSessionDuration: 14400},
        {roleArn: DEEP, trusts: [SERVICE]},
      ],
    },
    async (h) => {
      h.home.write('.aws/credentials', `[ci]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`)
      const config = h.home.write(
        'elsewhere/aws-config',
        `[profile svc]\nrole_arn = ${SERVICE}\nsource_profile = ci\nrole_session_name = ci-bot\n\n[profile svc-deep]\nrole_arn = ${DEEP}\nsource_profile = svc\n`,
      )
      const env = {AWS_CONFIG_FILE: config}
      const r = await h.run(['-p', 'svc', '--assume-role-ttl', '4h'], env)
      assert.is(r.code, 0, r.stderr)
      assert.not.match(r.stderr, /AWS limits chained role sessions/)
      assert.equal(
        hops(h).map((i) => [i.durationSeconds, i.roleSessionName, i.sourceAccessKeyId]),
        [[14400, 'ci-bot', keys.accessKeyId]],
      )
      assert.match(r.stderr, /profile svc \([\w-]+ in \d{12}\) are valid until .* \(4h\)/)

      assert.is(h.fake.count({service: 'okta'}), 0)
    },
  )
})

test.run()
