import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {shells} from '../support/optional-programs.js'
import {sourced} from '../support/shell.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

function expectedVars(h: Harness, region?: string): Record<string, string> {
  const issued = h.fake.issued.at(-1)!
  return {
    AWS_ACCESS_KEY_ID: issued.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
    AWS_SESSION_TOKEN: issued.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: issued.expiration,
    ...(region ? {AWS_REGION: region, AWS_DEFAULT_REGION: region} : {}),
  }
}

test('the .sh gives exactly the values written, sourced by bash, dash and zsh; the .env parses to the same with dotenv', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    h.home.write('.aws/config', '[profile website]\nregion = eu-west-1\noutput = json\n')
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    const expected = expectedVars(h, 'eu-west-1')
    for (const shell of shells()) assert.equal(sourced(shell, h.home.path('.clokta/website.sh')), expected, shell)
    assert.equal(parseDotenv(h.read('.clokta/website.env')), expected)
    assert.match(
      h.read('.clokta/website.env'),
      /^# AWS credentials for profile website \(arn:aws:iam::123456789012:role\/Developer\), written by clokta\./,
    )
  })
})

// Which bytes of ~/.aws/credentials a login keeps, through a symlink or AWS_SHARED_CREDENTIALS_FILE:
// test/unit/flow/credentials-file.test.ts.
test('two runs at once for different profiles both land in ~/.aws/credentials', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}) + `\n[billing]\nokta_aws_app_url = ${h.fake.appUrl}\n${developer}`)
    const [a, b] = await Promise.all([h.run(['-p', 'website'], withPassword), h.run(['-p', 'billing'], withPassword)])
    assert.is(a.code, 0, a.stderr)
    assert.is(b.code, 0, b.stderr)
    const creds = h.read('.aws/credentials')
    assert.match(creds, /\[website\]\naws_access_key_id = ASIA/)
    assert.match(creds, /\[billing\]\naws_access_key_id = ASIA/)
  })
})

test.run()
