import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {KEYCHAIN, KEYCHAIN_ENV, PASSWORD, withHarness, type Harness} from '../support/harness.js'
import {awsCli} from '../support/optional-programs.js'
import {baseEnv, BIN, type CliResult} from '../support/run-cli.js'
import {developer, pushOnly} from '../support/secret-service.js'

const ROOT = new URL('../..', import.meta.url).pathname

/** `clokta serve`, left running: resolves once it has printed its exports. */
function startServe(h: Harness, args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {env: baseEnv(h.home.dir, {...h.env, ...env}), detached: true})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no exports in time\n${stdout}\n${stderr}`)), 15_000)
    const check = () => {
      const vars = Object.fromEntries([...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]))
      if (vars.AWS_CONTAINER_AUTHORIZATION_TOKEN !== undefined && stderr.includes('Serving')) {
        clearTimeout(timer)
        resolve(vars)
      }
    }
    child.stdout.on('data', check)
    child.stderr.on('data', check)
    void exited.then(() => reject(new Error(`serve ended early\n${stderr}`)))
  })
  return {child, ready, exited, stdout: () => stdout, stderr: () => stderr}
}

/** Runs a consumer with nothing but the container endpoint to find credentials by: an empty HOME, no keys, no profile. */
function consumer(file: string, args: string[], h: Harness, vars: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = baseEnv(h.home.path('consumer'), {
      AWS_REGION: 'us-east-1',
      ...vars,
      AWS_ENDPOINT_URL_STS: h.fake.stsUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    })
    const child = spawn(file, args, {env, cwd: ROOT})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}

const SDK_CALL = `
const {STSClient, GetCallerIdentityCommand} = await import('@aws-sdk/client-sts')
console.log((await new STSClient({}).send(new GetCallerIdentityCommand({}))).Arn)`

/** The access key each GetCallerIdentity the fake STS took was signed with. */
const signedWith = (h: Harness) =>
  h.fake.requests
    .filter((r) => r.action === 'GetCallerIdentity' && r.status === 200)
    .map((r) => /Credential=(\w+)\//.exec(String(r.headers.authorization))![1])

async function served(vars: Record<string, string>): Promise<string> {
  const r = await fetch(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI, {headers: {authorization: vars.AWS_CONTAINER_AUTHORIZATION_TOKEN}})
  return ((await r.json()) as {AccessKeyId: string}).AccessKeyId
}

const stop = (child: ChildProcessWithoutNullStreams) => {
  try {
    process.kill(-child.pid!, 'SIGKILL')
  } catch {
    // already gone
  }
}

if (!KEYCHAIN && process.env.CLOKTA_REQUIRE_KEYRING === '1') {
  throw new Error('CLOKTA_REQUIRE_KEYRING=1 but no private Secret Service is running (test/run.sh starts one)')
} else if (!KEYCHAIN) {
  console.log('  (serve tests skipped: the renewal goes through the Okta session in a keychain; test/run.sh starts one on Linux)')
} else {
  test('serve: the JS SDK and the AWS CLI v2 get credentials through the endpoint (the fake STS checks their signatures); the first expire and the renewed ones, got through the Okta session without a prompt, work; no token 401; SIGTERM ends it with 0', async () => {
    // the first credentials last 6 s, so the server renews them 3 s after the login
    await withHarness({...pushOnly, grantSecondsAtMost: 6}, async (h) => {
      h.cfg(`[DEFAULT]\nokta_username = jdoe@example.com\n\n[website]\nokta_aws_app_url = ${h.fake.appUrl}\n${developer}`)
      h.home.write('.aws/config', '[profile website]\nregion = eu-west-1\n')
      const serve = startServe(h, ['-p', 'website'], {...KEYCHAIN_ENV, okta_password: PASSWORD})
      try {
        const vars = await serve.ready
        h.fake.scenario = {...h.fake.scenario, grantSecondsAtMost: undefined}
        assert.equal(Object.keys(vars), [
          'AWS_CONTAINER_CREDENTIALS_FULL_URI',
          'AWS_CONTAINER_AUTHORIZATION_TOKEN',
          'AWS_REGION',
          'AWS_DEFAULT_REGION',
        ])
        assert.is(vars.AWS_REGION, 'eu-west-1')
        assert.match(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI, /^http:\/\/127\.0\.0\.1:\d+\/credentials$/)
        assert.not.match(serve.stdout(), /ASIA/, 'no keys on stdout')
        assert.match(serve.stderr(), /Serving the credentials of profile website at http:\/\/127\.0\.0\.1:\d+\/credentials/)

        const refused = await fetch(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI)
        assert.is(refused.status, 401)
        assert.not.match(await refused.text(), /ASIA/)

        const aws = awsCli()
        const [sdk, cli] = await Promise.all([
          consumer(process.execPath, ['--input-type=module', '-e', SDK_CALL], h, vars),
          aws && consumer(aws, ['sts', 'get-caller-identity', '--endpoint-url', h.fake.stsUrl, '--output', 'json'], h, vars),
        ])
        const arn = 'arn:aws:sts::123456789012:assumed-role/Developer/jdoe@example.com'
        assert.is(sdk.code, 0, sdk.stderr)
        assert.is(sdk.stdout.trim(), arn)
        if (cli) {
          assert.is(cli.code, 0, cli.stderr)
          assert.is((JSON.parse(cli.stdout) as {Arn: string}).Arn, arn)
        }
        const first = h.fake.issued[0].accessKeyId
        assert.ok(
          signedWith(h).every((key) => h.fake.issued.some((c) => c.accessKeyId === key)),
          'signed with keys the fake issued',
        )

        // the renewal, in the background: the next request gets other keys
        const deadline = Date.now() + 10_000
        while ((await served(vars)) === first) {
          assert.ok(Date.now() < deadline, `never renewed\n${serve.stderr()}`)
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        assert.match(serve.stderr(), /Renewed the credentials of profile website: valid until /)
        assert.is(h.fake.count({path: '/api/v1/authn'}), 1, 'the password was sent once: the renewal used the Okta session')
        assert.is(h.fake.pushSentCount, 1)
        // the first credentials expire at the fake STS: only the renewed ones can pass
        for (const c of h.fake.issued.slice(0, -1)) c.expiration = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
        const renewed = h.fake.issued.at(-1)!.accessKeyId
        assert.is.not(renewed, first)
        if (aws) {
          const again = await consumer(aws, ['sts', 'get-caller-identity', '--endpoint-url', h.fake.stsUrl], h, vars)
          assert.is(again.code, 0, again.stderr)
          assert.is(signedWith(h).at(-1), renewed)
        }

        serve.child.kill('SIGTERM')
        assert.is(await serve.exited, 0, serve.stderr())
        assert.match(serve.stderr(), /Stopped serving the credentials of profile website \(SIGTERM\)\.\n$/)
        assert.throws(() => process.kill(-serve.child.pid!, 0), /ESRCH/, 'nothing of it left running')
        await fetch(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI).then(
          () => assert.unreachable('still listening'),
          () => {},
        )
      } finally {
        stop(serve.child)
      }
    })
  })
}

test.run()
