import {execFile, spawnSync} from 'node:child_process'
import {promisify} from 'node:util'
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {defaultSso, ssoRoleArn} from '../support/fake/index.js'
import type {Scenario} from '../support/fake/types.js'
import {parseIniSection, withHarness, type Harness} from '../support/harness.js'
import {awsCli} from '../support/optional-programs.js'

// IAM Identity Center through the built CLI: the SSO OIDC and portal APIs at the test server
// by AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO, as the SDKs read them.
const START = defaultSso().startUrl
const SERVICE = 'arn:aws:iam::777788889999:role/service'
const scenario: Partial<Scenario> = {
  // interval 0: the CLI polls CreateToken on real time, and no test waits on it
  sso: {...defaultSso(), interval: 0, pendingPolls: 1},
  chainRoles: [{roleArn: SERVICE, trusts: [ssoRoleArn('111122223333', 'ReadOnly')]}],
}
const AWS_CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = eu-west-1

[profile old]
sso_start_url = ${START}
sso_region = us-east-1
sso_account_id = 444455556666
sso_role_name = Developer

[profile service]
role_arn = ${SERVICE}
source_profile = dev

[sso-session corp]
sso_start_url = ${START}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
const ssoEnv = (h: Harness) => ({AWS_ENDPOINT_URL_SSO_OIDC: h.fake.ssoUrl, AWS_ENDPOINT_URL_SSO: h.fake.ssoUrl})
const keysOf = (h: Harness, profile: string) => parseIniSection(readFileSync(h.home.path('.aws/credentials'), 'utf8'), profile)

test('a token cache file as the AWS CLI v2 writes it (its exact bytes) serves clokta -p: no sign-in, GetRoleCredentials with that token', async () => {
  await withHarness(scenario, async (h) => {
    h.home.write('.aws/config', AWS_CONFIG)
    const token = h.fake.grantSsoToken()
    // what `aws sso login` wrote for a legacy profile: json.dumps, UTC without a fraction, named by the start URL
    const expiresAt = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')
    h.home.write(
      `.aws/sso/cache/${sha1(START)}.json`,
      `{"startUrl": "${START}", "region": "us-east-1", "accessToken": "${token}", "expiresAt": "${expiresAt}"}`,
    )
    const r = await h.run(['-p', 'old'], ssoEnv(h))
    assert.is(r.code, 0, r.stderr)
    assert.is(h.fake.count({service: 'sso', action: 'CreateToken'}), 0)
    const issued = h.fake.issued.at(-1)!
    assert.is(issued.via, 'GetRoleCredentials')
    assert.is(keysOf(h, 'old').aws_access_key_id, issued.accessKeyId)
    assert.match(r.stderr, /AWS credentials for profile old \(permission set Developer in 444455556666, IAM Identity Center\) are valid until/)
  })
})

test("clokta's device sign-in (--no-browser) writes the AWS CLI's cache, which the JS SDK's fromSSO reads against the same portal", async () => {
  await withHarness(scenario, async (h) => {
    h.home.write('.aws/config', AWS_CONFIG)
    const r = await h.run(['-p', 'dev', '--no-browser'], ssoEnv(h))
    assert.is(r.code, 0, r.stderr)
    const code = h.fake.ssoUserCodes[0]
    assert.match(
      r.stderr,
      `open this URL and approve the code ${code} (no browser opened: as --no-browser asks):\n  https://device.sso.us-east-1.amazonaws.com/?user_code=${code}\n`,
    )
    const cache = h.home.path(`.aws/sso/cache/${sha1('corp')}.json`)
    assert.is(statSync(cache).mode & 0o777, 0o600)
    assert.equal(Object.keys(JSON.parse(readFileSync(cache, 'utf8'))), [
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ])
    // the JS SDK's own SSO provider, in a child process, with clokta's files and nothing else
    // (not spawnSync: the test server answers from this process)
    const sdk = await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import {fromSSO} from '@aws-sdk/credential-provider-sso'; const c = await fromSSO({profile: 'dev'})(); process.stdout.write(c.accessKeyId)",
      ],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        encoding: 'utf8',
        timeout: 20_000,
        env: {PATH: process.env.PATH, HOME: h.home.dir, ...ssoEnv(h), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
      },
    )
    const [cloktas, sdks] = h.fake.issued.filter((i) => i.via === 'GetRoleCredentials')
    assert.is(sdk.stdout, sdks.accessKeyId)
    assert.is.not(sdks.accessKeyId, cloktas.accessKeyId)
    assert.is(h.fake.count({service: 'sso', action: 'CreateToken'}), 2, 'one pending poll, one token: the SDK signed in no more')
    // botocore, as the AWS CLI v2 here loads SSO tokens, reads it too (the CLI 2.9 cannot be pointed at the test server)
    if (awsCli()) {
      const loader = spawnSync(
        '/usr/bin/python3',
        [
          '-c',
          'import sys; sys.path.insert(0, "/usr/lib/python3/dist-packages"); from awscli.botocore.utils import SSOTokenLoader, JSONFileCache; from awscli.customizations.sso.utils import SSO_TOKEN_DIR; print(SSOTokenLoader(JSONFileCache(SSO_TOKEN_DIR))(sys.argv[1], session_name="corp")["accessToken"])',
          START,
        ],
        {encoding: 'utf8', env: {PATH: process.env.PATH, HOME: h.home.dir}},
      )
      assert.is(loader.status, 0, loader.stderr)
      assert.is(loader.stdout.trim(), JSON.parse(readFileSync(cache, 'utf8')).accessToken)
    }
  })
})

test('a chain whose source_profile is an SSO profile, and clokta sso accounts --json', async () => {
  await withHarness(scenario, async (h) => {
    h.home.write('.aws/config', AWS_CONFIG)
    const r = await h.run(['-p', 'service', '--no-browser'], ssoEnv(h))
    assert.is(r.code, 0, r.stderr)
    const [sso, hop] = h.fake.issued
    assert.equal([sso.via, hop.via, hop.roleArn, hop.sourceAccessKeyId], ['GetRoleCredentials', 'AssumeRole', SERVICE, sso.accessKeyId])
    assert.is(keysOf(h, 'service').aws_access_key_id, hop.accessKeyId)
    assert.is(keysOf(h, 'dev').aws_access_key_id, sso.accessKeyId)
    // still valid: served as they are (the fast paths or the full command), nobody asked
    const requests = h.fake.requests.length
    const again = await h.run(['-p', 'dev'], ssoEnv(h))
    assert.match(
      again.stderr,
      /AWS credentials for profile dev \(permission set ReadOnly in 111122223333, IAM Identity Center\) are still valid until/,
    )
    const processJson = await h.run(['credential-process', '-p', 'dev'], ssoEnv(h))
    assert.is(JSON.parse(processJson.stdout).AccessKeyId, sso.accessKeyId)
    assert.is(h.fake.requests.length, requests)
    const accounts = await h.run(['sso', 'accounts', '-p', 'dev', '--json'], ssoEnv(h))
    assert.is(accounts.code, 0, accounts.stderr)
    assert.equal(JSON.parse(accounts.stdout), [
      {accountId: '111122223333', accountName: 'Production', emailAddress: 'aws-prod@example.com', roles: ['ReadOnly', 'AdministratorAccess']},
      {accountId: '444455556666', accountName: 'Sandbox', emailAddress: 'aws-sandbox@example.com', roles: ['Developer']},
    ])
    assert.is(h.fake.ssoUserCodes.length, 1, 'the cached token served the listing')
    const notSso = await h.run(['sso', 'accounts', '-p', 'service'], ssoEnv(h))
    assert.is(notSso.code, 1)
    assert.match(notSso.stderr, /^clokta: Profile service in ~\/.aws\/config is no IAM Identity Center profile/)
  })
})

test('clokta logout -p of an SSO profile: Logout at the portal with the cached token, the cache file removed, one line, exit 0', async () => {
  await withHarness(scenario, async (h) => {
    h.home.write('.aws/config', AWS_CONFIG)
    const token = h.fake.grantSsoToken()
    const expiresAt = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')
    const file = `.aws/sso/cache/${sha1(START)}.json`
    h.home.write(file, `{"startUrl": "${START}", "region": "us-east-1", "accessToken": "${token}", "expiresAt": "${expiresAt}"}`)
    const r = await h.run(['logout', '-p', 'old'], ssoEnv(h))
    assert.is(r.code, 0, r.stderr)
    assert.equal(h.fake.ssoLoggedOut, [token])
    assert.match(r.stderr, `Signed out of IAM Identity Center (the start URL ${START}) and removed its token ~/${file}: profile old signs in again`)
    assert.is(existsSync(h.home.path(file)), false)
  })
})

test.run()
