import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Scenario} from '../support/fake/types.js'
import {PASSWORD, parseIniSection, returningUserCfg, withHarness} from '../support/harness.js'

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
