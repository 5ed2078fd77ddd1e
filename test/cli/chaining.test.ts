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

test('a two-hop chain end to end: SAML role, then each hop signed with the previous credentials; all artefacts; the summary says where its keys are, -q still exports it', async () => {
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
    const tail =
      "The AWS CLI chains deep itself from ~/.aws/config; clokta's chained keys are in ~/.clokta/deep.env and ~/.clokta/deep.sh \\(source it\\)\\."
    assert.match(r.stderr, new RegExp(`^AWS credentials for profile deep \\(deep in 777788889999\\) are valid until .* \\(1h\\)\\. ${tail}$`, 'm'))
    assert.not.match(r.stderr, /export AWS_PROFILE/)

    const before = h.fake.requests.length
    const again = await h.run(['-p', 'deep'])
    assert.is(again.code, 0, again.stderr)
    assert.match(
      again.stderr,
      new RegExp(`profile deep \\(deep in 777788889999\\) are still valid until .*\\(--force logs in again\\)\\. ${tail}$`, 'm'),
    )
    // -q exports it all the same: AWS_PROFILE=deep is what the AWS CLI chains
    const quiet = await h.run(['-p', 'deep', '-q'])
    assert.is(quiet.code, 0, quiet.stderr)
    assert.is(quiet.stdout, 'export AWS_PROFILE=deep\n')
    assert.is(h.fake.requests.length, before)
  })
})

// --- partitions (was cli/partitions: one process fewer)

const GOV_DEV = 'arn:aws-us-gov:iam::123456789012:role/Developer'
const GOV_DEPLOY = 'arn:aws-us-gov:iam::210987654321:role/Deploy'
const gov: Partial<Scenario> = {
  factors: [{type: 'push', provider: 'OKTA'}],
  accounts: [{id: '123456789012', partition: 'aws-us-gov', roles: [{name: 'Developer', maxSessionDuration: 43200}]}],
  chainRoles: [{roleArn: GOV_DEPLOY, trusts: [GOV_DEV]}],
}

test('GovCloud: with AWS_REGION=us-east-1 the chained hop is signed for us-gov-west-1 (--debug says why), the files name it, and credential-process serves the record', async () => {
  await withHarness(gov, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${GOV_DEV}\n`}))
    h.home.write('.aws/config', `[profile deploy]\nrole_arn = ${GOV_DEPLOY}\nsource_profile = website\n`)
    const r = await h.run(['-p', 'deploy', '--debug'], {okta_password: PASSWORD, AWS_REGION: 'us-east-1'})
    assert.is(r.code, 0, r.stderr)
    // the fake STS stands for GovCloud's: a hop signed for a region outside aws-us-gov is refused
    const hop = h.fake.requests.find((q) => q.action === 'AssumeRole')
    assert.match(String(hop?.headers.authorization), /Credential=ASIA\w+\/\d{8}\/us-gov-west-1\/sts\/aws4_request/)
    assert.match(r.stderr, /region us-east-1 \(from environment variable AWS_REGION\) is not a region of aws-us-gov: using us-gov-west-1/)
    const deploy = h.fake.issued.find((i) => i.roleArn === GOV_DEPLOY)
    assert.is(parseIniSection(h.read('.aws/credentials'), 'deploy').aws_access_key_id, deploy?.accessKeyId)
    for (const profile of ['website', 'deploy']) {
      const env = parseDotenv(h.read(`.clokta/${profile}.env`))
      assert.equal([env.AWS_REGION, env.AWS_DEFAULT_REGION], ['us-gov-west-1', 'us-gov-west-1'], profile)
    }

    const before = h.fake.requests.length
    const served = await h.run(['credential-process', '-p', 'deploy'], {AWS_REGION: 'us-east-1'})
    assert.is(served.code, 0, served.stderr)
    assert.is((JSON.parse(served.stdout) as {AccessKeyId: string}).AccessKeyId, deploy?.accessKeyId)
    assert.is(h.fake.requests.length, before, 'still valid: nobody contacted')
  })
})

test.run()
