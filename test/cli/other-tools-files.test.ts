import {readFileSync} from 'node:fs'

import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, withHarness, type Harness} from '../support/harness.js'

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

test("clokta.cfg values are read with configparser's % interpolation; the environment's are literal; % is written as %%", async () => {
  await withHarness({...pushOnly, user: {login: '100%jdoe@example.com', password: PASSWORD, firstName: 'J', lastName: 'D'}}, async (h) => {
    const app = new URL(h.fake.appUrl)
    h.cfg(
      `[DEFAULT]\ndomain = example.com\nokta_username = %(user)s@%(Domain)s\nuser = 100%%jdoe\nmultifactor_preference = Okta Verify with Push\n\n` +
        `[website]\nokta = ${app.origin}\nokta_aws_app_url = %(okta)s${app.pathname}\n${developer}\n`,
    )
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /valid until/)

    // a bad % in a value clokta reads: one line naming the file, section and key
    h.cfg(
      `[DEFAULT]\nokta_username = 100%jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[website]\nokta_aws_app_url = ${h.fake.appUrl}\n${developer}\n`,
    )
    const bad = await h.run(['-p', 'website', '--force'], withPassword)
    assert.is(bad.code, 1)
    assert.equal(bad.stderr.trimEnd().split('\n'), [
      'clokta: ~/.clokta/clokta.cfg: okta_username in [DEFAULT] (as [website] inherits it) has a % that is neither %% nor %(key)s.',
      "  In ~/.clokta/clokta.cfg, %% is a literal % and %(key)s the value of another key, as Python's configparser reads it.",
    ])
    // the environment's value is taken as it is, and the file's is then not read
    const env = await h.run(['-p', 'website', '--force'], {...withPassword, okta_username: '100%jdoe@example.com'})
    assert.is(env.code, 0, env.stderr)

    // configure replaces the unreadable value, escaped so that both clokta and the Python clokta read it back
    const c = await h.run(['configure', '-p', 'website', '--username', '100%jdoe@example.com'])
    assert.is(c.code, 0, c.stderr)
    assert.match(h.read('.clokta/clokta.cfg'), /^\[DEFAULT\]\nokta_username = 100%%jdoe@example\.com\n/)
    const again = await h.run(['-p', 'website', '--force'], withPassword)
    assert.is(again.code, 0, again.stderr)
  })
})

test('region: the last section naming the profile wins whole, [DEFAULT] fills in, the environment comes first', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(
      `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[website]\nokta_aws_app_url = ${h.fake.appUrl}\n${developer}\n`,
    )
    h.home.write('.aws/config', '[DEFAULT]\nregion = eu-central-1\n\n[profile website]\nregion = us-west-1\n\n[profile "website"]\noutput = json\n')
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    assert.is(parseDotenv(h.read('.clokta/website.env')).AWS_DEFAULT_REGION, 'eu-central-1')
    const r = await h.run(['-p', 'website', '--debug'], {...withPassword, AWS_DEFAULT_REGION: 'ap-south-1'})
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /region=ap-south-1 \(from environment variable AWS_DEFAULT_REGION\)/)
    assert.is(parseDotenv(h.read('.clokta/website.env')).AWS_REGION, 'ap-south-1')
  })
})

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE expand $HOME and ${VAR} as botocore does', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(
      `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[website]\nokta_aws_app_url = ${h.fake.appUrl}\n${developer}\n`,
    )
    h.home.write('aws files/config', '[profile website]\nregion = ca-central-1\n')
    const r = await h.run(['-p', 'website'], {
      ...withPassword,
      AWS_CONFIG_FILE: '$HOME/aws files/config',
      AWS_SHARED_CREDENTIALS_FILE: '${HOME}/aws files/${CREDS}',
      CREDS: 'creds',
    })
    assert.is(r.code, 0, r.stderr)
    assert.is(h.read('aws files/creds'), newSection(h, 'website'))
    assert.is(parseDotenv(h.read('.clokta/website.env')).AWS_REGION, 'ca-central-1')
  })
})

test.run()
