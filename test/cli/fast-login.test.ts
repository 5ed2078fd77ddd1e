import {spawn} from 'node:child_process'
import {readFileSync, renameSync, writeFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {fastOutput, type FastOutput} from '../../src/fast/serve.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {oclifInProcess} from '../support/oclif-in-process.js'
import {withProcessEnv} from '../support/process-env.js'
import {baseEnv, type CliResult} from '../support/run-cli.js'

// A still-valid `clokta -p X` is served by src/fast before oclif loads (bin/run.cjs). Here
// each case runs that fast path in this process and the full login command (bin/run.js,
// which has no fast path) as a user would, and the two must print the same, byte for byte.
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const scenario = {factors: [{type: 'push' as const, provider: 'OKTA'}], chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}
const ENTRY = new URL('../../bin/run.cjs', import.meta.url).pathname

function setup(h: Harness): void {
  h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}\n`}))
  h.home.write('.aws/config', `[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\n`)
}

/**
 * The records say the credentials expire two hours from now: "valid until" then reads
 * (2h) from both runs, a few seconds apart, instead of flipping a minute at a rounding edge.
 */
function expireIn(h: Harness, ms: number): void {
  for (const profile of ['website', 'myservice']) {
    const path = h.home.path(`.clokta/records/${profile}.json`)
    const record = JSON.parse(readFileSync(path, 'utf8'))
    writeFileSync(path, JSON.stringify({...record, expiration: new Date(Date.now() + ms).toISOString()}))
  }
}

/** The full command, as bin/run.js runs it (no fast path), in this process: one run at a time. */
const full = (args: string[], env: Record<string, string>): Promise<CliResult> => oclifInProcess(args, env)

/** The package's entry with nobody reading its stdout: the read end is closed before node has started. */
function readerGone(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args], {env, detached: true, stdio: ['ignore', 'pipe', 'pipe']})
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout: '', stderr}))
  })
}

const printed = (output: FastOutput | undefined, fd: 1 | 2) =>
  output
    ?.filter((o) => o[0] === fd)
    .map((o) => o[1])
    .join('')

/** The fast path in this process (HOME and TZ as the child gets them: the summary reads both). */
function fast(h: Harness, args: string[], env: Record<string, string>): Promise<FastOutput | undefined> {
  return withProcessEnv({HOME: h.home.dir, TZ: env.TZ}, () => fastOutput(args, env, Date.now()))
}

test('still valid: the fast path prints what the login command prints (plain and chained, -q, --json, AWS_PROFILE); anything else goes to the full command', async () => {
  await withHarness(scenario, async (h) => {
    setup(h)
    const login = await h.run(['-p', 'website', '-p', 'myservice'], {okta_password: PASSWORD})
    assert.is(login.code, 0, login.stderr)
    expireIn(h, 2 * 3600_000)
    const cases: [string[], Record<string, string>][] = [
      [['-p', 'website'], {}],
      [['-p', 'website', '-q', '--role', 'Developer'], {}],
      [['login', '--profile=website', '--json', '--min-remaining', '5m'], {}],
      [[], {AWS_PROFILE: 'website'}],
      [['-p', 'myservice', '--json'], {}],
      [['-q'], {AWS_PROFILE: ' myservice '}],
    ]
    const before = h.fake.requests.length
    const results = []
    for (const [args, extra] of cases) {
      const env = baseEnv(h.home.dir, {...h.env, ...extra})
      results.push({args, extra, fast: await fast(h, args, env), full: await full(args, env)})
    }
    for (const {args, extra, fast, full} of results) {
      const what = `${JSON.stringify(extra)} clokta ${args.join(' ')}`
      assert.ok(fast, `the fast path did not serve ${what}`)
      assert.is(full.code, 0, full.stderr)
      assert.is(printed(fast, 1), full.stdout, `stdout of ${what}`)
      assert.is(printed(fast, 2), full.stderr, `stderr of ${what}`)
    }
    // after 22:00 the end is tomorrow, and the summary then gives its date
    assert.match(results[0].full.stderr, /still valid until (\d{4}-\d\d-\d\d )?\d\d:\d\d \(2h\)/)
    assert.is(h.fake.requests.length, before, 'a request was made')

    // a reader that went away (`clokta -p website --json | head -0`) is no error: no stack trace
    const gone = await readerGone(['-p', 'website', '--json'], baseEnv(h.home.dir, h.env))
    assert.is(gone.code, 0, gone.stderr)
    assert.not.match(gone.stderr, /EPIPE|Error/)

    // anything else goes to the full command
    const env = baseEnv(h.home.dir, h.env)
    const served = async (args: string[], extra: Record<string, string> = {}) => (await fast(h, args, {...env, ...extra})) !== undefined
    assert.ok(await served(['-p', 'website']), 'the case the others differ from')
    for (const args of [
      ['-p', 'website', '-p', 'myservice'],
      ['-p', 'website', '--force'],
      ['-p', 'website', '--all-roles'],
      ['-p', 'website', '-i'],
      ['-p', 'website', '--debug'],
      ['-p', 'website', '-v'],
      ['-p', 'website', '-q', '--json'],
      ['-p', 'website', '--role', 'Admin'],
      ['-p', 'website', '--duration', '1h'],
      ['-p', 'website', '--mfa-code', '123456'],
      ['-p', 'website', 'stray'],
      ['-pwebsite'],
      ['-p', 'billing'],
      ['-p', '../website'],
      ['--list-accounts'],
      ['--help'],
      ['-p', 'website', '--help'],
      ['--version'],
      ['configure'],
      [],
    ]) {
      assert.not.ok(await served(args), `served: clokta ${args.join(' ')}`)
    }
    assert.not.ok(await served(['-p', 'website'], {DEBUG: '*'}), 'oclif debug output')
    assert.not.ok(await served([], {AWS_PROFILE: ' '}), 'a blank AWS_PROFILE')
    expireIn(h, 9 * 60_000)
    assert.not.ok(await served(['-p', 'website']), 'within the 10 minutes before expiry')
    expireIn(h, 3600_000)
    renameSync(h.home.path('.clokta/clokta.cfg'), h.home.path('.clokta/clokta.cfg.away'))
    assert.not.ok(await served(['-p', 'website']), 'no clokta.cfg')
  })
})

// --- still valid through the package's entry (was cli/still-valid: one process fewer)

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const setupDeveloper = (h: Harness, extra = '') => h.cfg(returningUserCfg(h.fake, {profile: developer + extra}))

test('valid credentials: "valid until", and nobody is contacted; --force logs in anyway', async () => {
  await withHarness(pushOnly, async (h) => {
    setupDeveloper(h)
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    const before = h.fake.requests.length
    const again = await h.run(['-p', 'website'])
    assert.is(again.code, 0, again.stderr)
    assert.match(
      again.stderr,
      /^AWS credentials for profile website \(Developer in 123456789012\) are still valid until (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \(12h\); nothing to do \(--force logs in again\)\. Run: {2}export AWS_PROFILE=website$/m,
    )
    assert.is(h.fake.requests.length, before, 'a request was made')
    const forced = await h.run(['-p', 'website', '--force'], withPassword)
    assert.is(forced.code, 0, forced.stderr)
    assert.ok(h.fake.count({path: '/api/v1/authn'}) === 2)
  })
})

test.run()
