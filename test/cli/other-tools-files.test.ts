import {readFileSync} from 'node:fs'

import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Scenario} from '../support/fake/types.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer'
const bytes = (h: Harness, path: string) => readFileSync(h.home.path(path))
const cp1252 = (text: string) => Buffer.from(text, 'latin1') // é is 0xE9, as a Windows editor saves it

function newSection(h: Harness, profile: string): string {
  const c = h.fake.issued.at(-1)!
  return `[${profile}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\nx_security_token_expires = ${c.expiration}\n`
}

test('bytes that are not UTF-8 in ~/.aws/credentials and clokta.cfg survive a login and a configure; unknown keys too', async () => {
  await withHarness(pushOnly, async (h) => {
    const cfg = cp1252(
      `# café settings\n[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n` +
        `my_note = 100% mine, read by nobody\n\n[website]\nokta_aws_app_url = ${h.fake.appUrl}\n${developer}\nlegacy_key = été\n`,
    )
    h.home.write('.clokta/clokta.cfg', cfg)
    const credentials = cp1252(
      "# José's keys\r\n[default]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n\r\n[café]\r\naws_access_key_id = AKIAOTHER\r\nnote = résumé\r\n",
    )
    h.home.write('.aws/credentials', credentials)
    h.home.write('.aws/config', cp1252('# région préférée\n[DEFAULT]\nregion = eu-central-1\n\n[profile website]\noutput = json\n'))

    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.equal(bytes(h, '.aws/credentials'), Buffer.concat([credentials, Buffer.from('\r\n' + newSection(h, 'website').replaceAll('\n', '\r\n'))]))
    // the uppercase [DEFAULT] of ~/.aws/config is every profile's, as botocore reads it
    assert.is(parseDotenv(h.read('.clokta/website.env')).AWS_REGION, 'eu-central-1')

    const c = await h.run(['configure', '-p', 'website', '--duration', '1h'])
    assert.is(c.code, 0, c.stderr)
    assert.equal(bytes(h, '.clokta/clokta.cfg'), Buffer.concat([cfg, Buffer.from('duration = 1h\n')]))
  })
})

// --- big files (was cli/big-files: one process fewer)

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const chained: Partial<Scenario> = {factors: [{type: 'push', provider: 'OKTA'}], chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}

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
  await withHarness(chained, async (h) => {
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
  await withHarness(chained, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}`}))
    h.home.write('.aws/credentials', fips)
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.ok(h.read('.aws/credentials').startsWith(fips), 'the other profile stays as it was')
  })
})

test.run()
