import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Scenario} from '../support/fake/types.js'
import {PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const scenario: Partial<Scenario> = {factors: [{type: 'push', provider: 'OKTA'}], chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}
const withPassword = {okta_password: PASSWORD}

/** Many small sections, as a big real ~/.aws/config has: about `bytes` long. */
function manyProfiles(bytes: number): string {
  const one = (i: number) =>
    `[profile team-${i}]\nregion = eu-west-1\noutput = json\nrole_arn = arn:aws:iam::123456789012:role/Team${i}\nsource_profile = default\n\n`
  return Array.from({length: Math.ceil(bytes / one(0).length)}, (_, i) => one(i)).join('')
}

// A setting the AWS SDK acts on when it reads the shared files for its own settings, and
// clokta's STS calls must not: FIPS with the test server's endpoint is refused by the SDK
// ("FIPS and custom endpoint are not supported"), so a login that succeeds is one whose
// SDK never looked at the file.
const fips = '[default]\nuse_fips_endpoint = true\n\n'

test('a login through a 3 MB ~/.aws/config (a chained profile in it) succeeds, and the AWS SDK does not read the file for its own settings', async () => {
  await withHarness(scenario, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}`}))
    h.home.write(
      '.aws/config',
      `${fips}${manyProfiles(3 * 1024 * 1024)}[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\nregion = ap-south-1\n`,
    )
    const r = await h.run(['-p', 'myservice'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.equal(
      h.fake.issued.map((i) => [i.via, i.roleArn]),
      [
        ['AssumeRoleWithSAML', DEVELOPER],
        ['AssumeRole', SERVICE],
      ],
    )
    // clokta itself still reads it: the chain, and the profile's region
    assert.is(parseDotenv(h.read('.clokta/myservice.env')).AWS_REGION, 'ap-south-1')
  })
})

test('the AWS SDK does not read ~/.aws/credentials for its own settings either', async () => {
  await withHarness(scenario, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}`}))
    h.home.write('.aws/credentials', fips)
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.ok(h.read('.aws/credentials').startsWith(fips), 'the other profile stays as it was')
  })
})

test.run()
