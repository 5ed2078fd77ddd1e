import {spawn} from 'node:child_process'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, parseIniSection, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {awsCli} from '../support/optional-programs.js'
import {baseEnv} from '../support/run-cli.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
// the package's bin entry, as `npm link` installs it: the CommonJS one that serves still-valid credentials itself
const BIN = new URL('../../bin/run.cjs', import.meta.url).pathname

/** The real AWS CLI v2, run as a user would, in the harness's HOME (async: the test server answers from this process). */
function aws(aws: string, h: Harness, args: string[], extra: Record<string, string> = {}): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const env = baseEnv(h.home.dir, {...h.env, AWS_PAGER: '', ...extra})
    const child = spawn(aws, args, {env, detached: true, stdio: ['ignore', 'pipe', 'pipe']})
    let [stdout, stderr] = ['', '']
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}

test('the AWS CLI: a login through credential_process with no terminal, then still-valid keys STS takes', async () => {
  const cli = awsCli()
  if (!cli) return
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    h.home.write(
      '.aws/config',
      `[profile website-cli]\ncredential_process = ${process.execPath} ${BIN} credential-process -p website\nregion = us-east-1\n`,
    )
    // stale (none yet): the full command logs in with okta_password from the environment
    const first = await aws(cli, h, ['configure', 'export-credentials', '--profile', 'website-cli'], {okta_password: PASSWORD})
    assert.is(first.code, 0, first.stderr)
    const keys = parseIniSection(h.read('.aws/credentials'), 'website')
    const exported = JSON.parse(first.stdout)
    assert.is(exported.AccessKeyId, keys.aws_access_key_id)
    assert.is(exported.SecretAccessKey, keys.aws_secret_access_key)
    assert.is(exported.SessionToken, keys.aws_session_token)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)

    // still valid: served without a request, and the signature STS checks is made with them
    const before = h.fake.requests.length
    const who = await aws(cli, h, ['sts', 'get-caller-identity', '--profile', 'website-cli', '--endpoint-url', h.fake.stsUrl, '--output', 'json'])
    assert.is(who.code, 0, who.stderr)
    assert.match(JSON.parse(who.stdout).Arn, /^arn:aws:sts::123456789012:assumed-role\/Developer\//)
    assert.is(h.fake.requests.length, before + 1, 'only GetCallerIdentity reached the test server')

    // keys STS does not know are refused: the check above could fail
    h.home.write(
      '.aws/config',
      `[profile forged]\naws_access_key_id = ${keys.aws_access_key_id}\naws_secret_access_key = wrong${keys.aws_secret_access_key}\naws_session_token = ${keys.aws_session_token}\n`,
    )
    const forged = await aws(cli, h, ['sts', 'get-caller-identity', '--profile', 'forged', '--endpoint-url', h.fake.stsUrl, '--region', 'us-east-1'])
    assert.is.not(forged.code, 0)
    assert.match(forged.stderr, /SignatureDoesNotMatch/)
  })
})

test('stale with no terminal and no password: one line on stderr, non-zero, nothing on stdout', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const started = Date.now()
    const run = await h.run(['credential-process', '-p', 'website'])
    assert.is.not(run.code, 0)
    assert.is(run.stdout, '')
    assert.match(run.stderr, /^clokta: Cannot ask for the Okta password without a terminal: .*\n$/)
    assert.ok(Date.now() - started < 10_000, 'it waited')
  })
})

test.run()
