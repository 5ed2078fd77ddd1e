import {readFileSync} from 'node:fs'

import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {configureProfile} from '../../../src/flow/configure-profile.js'
import type {Credentials} from '../../../src/model/credentials.js'
import {withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (other-tools-files): clokta.cfg and ~/.aws/* read as the Python tools read them.
const PASSWORD = 'correct horse'
const withPassword = {okta_password: PASSWORD}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer'
const read = (f: FlowHarness, path: string) => readFileSync(f.home.path(path), 'utf8')
const plainCfg = (f: FlowHarness) =>
  `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[website]\nokta_aws_app_url = ${f.fake.appUrl}\n${developer}\n`
const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: CloktaError) => e,
  )

function section(profile: string, c: Credentials): string {
  const expires = c.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return `[${profile}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\nx_security_token_expires = ${expires}\n`
}

test("clokta.cfg values are read with configparser's % interpolation; the environment's are literal; % is written as %% (moved from the CLI tests)", async () => {
  await withFlow({...pushOnly, user: {login: '100%jdoe@example.com', password: PASSWORD, firstName: 'J', lastName: 'D'}}, async (f) => {
    const app = new URL(f.fake.appUrl)
    f.home.write(
      '.clokta/clokta.cfg',
      `[DEFAULT]\ndomain = example.com\nokta_username = %(user)s@%(Domain)s\nuser = 100%%jdoe\nmultifactor_preference = Okta Verify with Push\n\n` +
        `[website]\nokta = ${app.origin}\nokta_aws_app_url = %(okta)s${app.pathname}\n${developer}\n`,
    )
    const r = await f.login(['website'], {}, withPassword)
    assert.equal(
      r.outcomes.map((o) => [o.kind, o.username]),
      [['logged-in', '100%jdoe@example.com']],
    )

    // a bad % in a value clokta reads: one message naming the file, section and key; nothing sent, nothing written
    f.home.write('.clokta/clokta.cfg', plainCfg(f).replace('jdoe@example.com', '100%jdoe@example.com'))
    const credentials = read(f, '.aws/credentials')
    const requests = f.fake.requests.length
    const bad = await failure(f.login(['website'], {force: true}, withPassword))
    assert.is(bad?.message, '~/.clokta/clokta.cfg: okta_username in [DEFAULT] (as [website] inherits it) has a % that is neither %% nor %(key)s.')
    assert.is(bad?.hint, "In ~/.clokta/clokta.cfg, %% is a literal % and %(key)s the value of another key, as Python's configparser reads it.")
    assert.is(f.fake.requests.length, requests)
    assert.is(f.sts.length, 1)
    assert.is(read(f, '.aws/credentials'), credentials)

    // the environment's value is taken as it is, and the file's is then not read
    const env = await f.login(['website'], {force: true}, {...withPassword, okta_username: '100%jdoe@example.com'})
    assert.is(env.outcomes[0].username, '100%jdoe@example.com')

    // configure replaces the unreadable value, escaped so that both clokta and the Python clokta read it back
    await configureProfile('website', {username: '100%jdoe@example.com'}, f.deps(), f.world())
    assert.match(read(f, '.clokta/clokta.cfg'), /^\[DEFAULT\]\nokta_username = 100%%jdoe@example\.com\n/)
    const again = await f.login(['website'], {force: true}, withPassword)
    assert.is(again.outcomes[0].username, '100%jdoe@example.com')
    assert.is(f.sts.length, 3)
  })
})

test('region: the last section naming the profile wins whole, [DEFAULT] fills in, the environment comes first (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', plainCfg(f))
    f.home.write('.aws/config', '[DEFAULT]\nregion = eu-central-1\n\n[profile website]\nregion = us-west-1\n\n[profile "website"]\noutput = json\n')
    await f.login(['website'], {}, withPassword)
    assert.is(parseDotenv(read(f, '.clokta/website.env')).AWS_DEFAULT_REGION, 'eu-central-1')
    await f.login(['website'], {force: true}, {...withPassword, AWS_DEFAULT_REGION: 'ap-south-1'})
    const env = parseDotenv(read(f, '.clokta/website.env'))
    assert.equal([env.AWS_REGION, env.AWS_DEFAULT_REGION], ['ap-south-1', 'ap-south-1'])
    assert.equal(
      f.sts.map((c) => c.region),
      ['eu-central-1', 'ap-south-1'],
    )
  })
})

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE expand $HOME and ${VAR} as botocore does (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', plainCfg(f))
    f.home.write('aws files/config', '[profile website]\nregion = ca-central-1\n')
    const vars = {AWS_CONFIG_FILE: '$HOME/aws files/config', AWS_SHARED_CREDENTIALS_FILE: '${HOME}/aws files/${CREDS}', CREDS: 'creds'}
    const r = await f.login(['website'], {}, {...withPassword, ...vars})
    assert.is(read(f, 'aws files/creds'), section('website', r.outcomes[0].credentials))
    assert.is(parseDotenv(read(f, '.clokta/website.env')).AWS_REGION, 'ca-central-1')
    assert.equal(
      f.sts.map((c) => c.region),
      ['ca-central-1'],
    )
  })
})

test.run()
