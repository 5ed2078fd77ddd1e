import {lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync} from 'node:fs'

import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {LoginOutcome} from '../../../src/flow/login-profile.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'
import {sourced} from '../../support/shell.js'

// Moved from the CLI tests (artefacts): what the files hold, and which settings a run takes from where.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const read = (f: FlowHarness, path: string) => readFileSync(f.home.path(path), 'utf8')
const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** A user's own ~/.aws/credentials: other profiles, comments, blank lines, CRLF, and the Python clokta's upper-case keys. */
const USER_CREDENTIALS = [
  '# personal keys: do not touch',
  '[default]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '',
  ';; written by the Python clokta',
  '[website]',
  'AWS_ACCESS_KEY_ID = ASIAOLDOLDOLD',
  'AWS_SECRET_ACCESS_KEY = oldsecret',
  'AWS_SESSION_TOKEN = oldtoken',
  'region = us-west-2',
  '',
  '   ',
  '[other]',
  'aws_access_key_id = AKIAOTHER',
  '',
].join('\r\n')

/** What a login of [website] leaves of USER_CREDENTIALS: its keys replaced in place, every other byte kept. */
function rewritten(before: string, c: LoginOutcome['credentials']): string {
  return before
    .replace('AWS_ACCESS_KEY_ID = ASIAOLDOLDOLD', `aws_access_key_id = ${c.accessKeyId}`)
    .replace('AWS_SECRET_ACCESS_KEY = oldsecret', `aws_secret_access_key = ${c.secretAccessKey}`)
    .replace(
      'AWS_SESSION_TOKEN = oldtoken\r\nregion = us-west-2',
      `aws_session_token = ${c.sessionToken}\r\nregion = us-west-2\r\nx_security_token_expires = ${stamp(c.expiration)}`,
    )
}

function vars(o: LoginOutcome, region?: string): Record<string, string> {
  const c = o.credentials
  return {
    AWS_ACCESS_KEY_ID: c.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    AWS_SESSION_TOKEN: c.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: stamp(c.expiration),
    ...(region ? {AWS_REGION: region, AWS_DEFAULT_REGION: region} : {}),
  }
}

test('without a configured region the .env and .sh leave AWS_REGION alone; AWS_REGION from the environment is carried (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const plain = (await f.login(['website'], {}, PASSWORD)).outcomes[0]
    assert.equal(parseDotenv(read(f, '.clokta/website.env')), vars(plain))
    assert.equal(sourced('bash', f.home.path('.clokta/website.sh')), vars(plain))
    const fromEnv = (await f.login(['website'], {force: true}, {...PASSWORD, AWS_REGION: 'ap-southeast-2'})).outcomes[0]
    assert.equal(parseDotenv(read(f, '.clokta/website.env')), vars(fromEnv, 'ap-southeast-2'))
    assert.equal(sourced('bash', f.home.path('.clokta/website.sh')), vars(fromEnv, 'ap-southeast-2'))
    assert.equal(
      f.sts.map((c) => c.region),
      ['us-east-1', 'ap-southeast-2'],
      'STS in the region too',
    )
  })
})

test('~/.aws/credentials: other profiles, comments, blank lines and CRLF kept byte for byte; old upper-case keys replaced; 0600; no temporary file left (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.home.write('.aws/credentials', USER_CREDENTIALS, 0o644)
    const c = (await f.login(['website'], {}, PASSWORD)).outcomes[0].credentials
    assert.is(read(f, '.aws/credentials'), rewritten(USER_CREDENTIALS, c))
    assert.is(statSync(f.home.path('.aws/credentials')).mode & 0o777, 0o600, 'credentials narrowed to 0600')
    assert.equal(readdirSync(f.home.path('.aws')), ['credentials'], 'no temporary file left behind')
  })
})

test('~/.aws/credentials through a symlink (dotfiles): written through byte for byte as above, the link kept, no temporary file beside the target; another AWS_SHARED_CREDENTIALS_FILE leaves it alone (moved from cli/artefacts)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.home.write('dotfiles/aws-credentials', USER_CREDENTIALS, 0o644)
    f.home.write('.aws/.keep', '')
    symlinkSync('../dotfiles/aws-credentials', f.home.path('.aws/credentials'))
    const c = (await f.login(['website'], {}, PASSWORD)).outcomes[0].credentials
    const after = rewritten(USER_CREDENTIALS, c)
    assert.ok(lstatSync(f.home.path('.aws/credentials')).isSymbolicLink())
    assert.is(readlinkSync(f.home.path('.aws/credentials')), '../dotfiles/aws-credentials')
    assert.is(read(f, 'dotfiles/aws-credentials'), after)
    assert.is(statSync(f.home.path('dotfiles/aws-credentials')).mode & 0o777, 0o600, 'credentials narrowed to 0600')
    assert.equal(readdirSync(f.home.path('dotfiles')), ['aws-credentials'], 'no temporary file left behind')

    await f.login(['website'], {}, {...PASSWORD, AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds'})
    assert.is(read(f, 'dotfiles/aws-credentials'), after)
  })
})

test('AWS_SHARED_CREDENTIALS_FILE is where the keys go, ~ and all; ~/.aws/credentials is then left alone (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.home.write('.aws/credentials', '[default]\nregion = eu-west-1\n')
    // the run's environment alone says where: the process's is not looked at
    for (const [value, path] of [
      [f.home.path('elsewhere/creds'), 'elsewhere/creds'],
      ['~/elsewhere/tilde-creds', 'elsewhere/tilde-creds'],
    ]) {
      const c = (await f.login(['website'], {}, {...PASSWORD, AWS_SHARED_CREDENTIALS_FILE: value})).outcomes[0].credentials
      assert.match(read(f, path), new RegExp(`^\\[website\\]\\naws_access_key_id = ${c.accessKeyId}\\n`), value)
    }
    assert.is(read(f, '.aws/credentials'), '[default]\nregion = eu-west-1\n')
    assert.is(f.sts.length, 2, 'keys in another file do not vouch for the next: each run logs in')
  })
})

test('a clokta.cfg written by the Python clokta works unchanged and stays byte for byte (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    const python = `[DEFAULT]
okta_username = jdoe@example.com
multifactor_preference = Okta Verify with Push
save_password_in_keychain = False

[website]
okta_aws_app_url = ${f.fake.appUrl}
okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer
aws_account_number = 123456789012

`
    f.home.write('.clokta/clokta.cfg', python)
    const r = await f.login(['website'], {}, PASSWORD)
    assert.equal(
      r.outcomes.map((o) => [o.kind, o.roleArn]),
      [['logged-in', 'arn:aws:iam::123456789012:role/Developer']],
    )
    assert.equal(
      f.sts.map((c) => c.roleArn),
      ['arn:aws:iam::123456789012:role/Developer'],
    )
    assert.is(read(f, '.clokta/clokta.cfg'), python)
    assert.equal(f.asked, [], 'nothing asked')
  })
})

test('environment variables of the cfg keys override the file, as in the original clokta (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace('jdoe@example.com', 'someone.else@example.com'))
    const r = await f.login(['website'], {}, {...PASSWORD, okta_username: 'jdoe@example.com', okta_aws_role_to_assume: 'Admin'})
    assert.equal(
      r.outcomes.map((o) => [o.roleArn, o.username]),
      [['arn:aws:iam::210987654321:role/Admin', 'jdoe@example.com']],
    )
    assert.equal(
      f.sts.map((c) => c.roleArn),
      ['arn:aws:iam::210987654321:role/Admin'],
    )
    assert.match(read(f, '.clokta/clokta.cfg'), /okta_username = someone\.else@example\.com/, 'the file keeps its own')
  })
})

test.run()
