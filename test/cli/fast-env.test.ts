import {readFileSync, renameSync, writeFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {fastOutput, type FastOutput} from '../../src/fast/serve.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {oclifInProcess} from '../support/oclif-in-process.js'
import {withProcessEnv} from '../support/process-env.js'
import {baseEnv, type CliResult} from '../support/run-cli.js'

// `clokta env` with still-valid credentials is served by src/fast before oclif loads
// (bin/run.cjs). Each case runs that fast path in this process and the full env command
// (bin/run.js, which has no fast path) as a user would: the two must print the same, byte for
// byte, in every --format.
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const scenario = {factors: [{type: 'push' as const, provider: 'OKTA'}], chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}

function setup(h: Harness): void {
  h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}\n`}))
  h.home.write('.aws/config', `[profile website]\nregion = eu-west-1\n\n[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\n`)
}

/** The records say the credentials expire `ms` from now. */
function expireIn(h: Harness, ms: number): void {
  for (const profile of ['website', 'myservice']) {
    const path = h.home.path(`.clokta/records/${profile}.json`)
    const record = JSON.parse(readFileSync(path, 'utf8'))
    writeFileSync(path, JSON.stringify({...record, expiration: new Date(Date.now() + ms).toISOString()}))
  }
}

/** The full command, as bin/run.js runs it (no fast path), in this process: one run at a time. */
const full = (args: string[], env: Record<string, string>): Promise<CliResult> => oclifInProcess(args, env)

const printed = (output: FastOutput | undefined, fd: 1 | 2) =>
  output
    ?.filter((o) => o[0] === fd)
    .map((o) => o[1])
    .join('')

/** The fast path in this process (HOME as the child gets it). */
function fast(h: Harness, args: string[], env: Record<string, string>): Promise<FastOutput | undefined> {
  return withProcessEnv({HOME: h.home.dir}, () => fastOutput(args, env, Date.now()))
}

test('still valid: the fast path prints what clokta env prints, in every format (plain, chained, AWS_PROFILE); anything else goes to the full command', async () => {
  await withHarness(scenario, async (h) => {
    setup(h)
    const login = await h.run(['-p', 'website', '-p', 'myservice'], {okta_password: PASSWORD})
    assert.is(login.code, 0, login.stderr)
    expireIn(h, 2 * 3600_000)
    const cases: [string[], Record<string, string>][] = [
      [['env', '-p', 'website'], {}],
      [['env', '-p', 'website', '--format', 'sh'], {}],
      [['env', '--format', 'fish', '-p', 'website'], {}],
      [['env', '-p', 'website', '--format', 'powershell'], {}],
      [['env', '-p', 'website', '--format', 'dotenv'], {}],
      [['env', '--profile=website', '--format=json', '--min-remaining', '5m', '--no-session'], {}],
      [['env', '-p', 'myservice', '--format', 'json'], {}],
      [['env', '-p', 'myservice', '--format', 'fish'], {}],
      [['env'], {AWS_PROFILE: ' website '}],
      [['env', '--format', 'dotenv'], {AWS_PROFILE: 'myservice'}],
      [['env', '-p', 'website'], {AWS_PROFILE: 'myservice'}],
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
    assert.match(results[0].full.stdout, /^export AWS_REGION='eu-west-1'$/m)
    assert.match(results[8].full.stderr, /from AWS_PROFILE/)
    assert.is(h.fake.requests.length, before, 'a request was made')

    // anything else goes to the full command
    const env = baseEnv(h.home.dir, h.env)
    const served = async (args: string[], extra: Record<string, string> = {}) => (await fast(h, args, {...env, ...extra})) !== undefined
    assert.ok(await served(['env', '-p', 'website']), 'the case the others differ from')
    for (const args of [
      ['env', '-p', 'website', '--format', 'xml'],
      ['env', '-p', 'website', '--format'],
      ['env', '-p', 'website', '--format', 'sh', '--format', 'json'],
      ['env', '-p', 'website', '-p', 'myservice'],
      ['env', '-p', 'website', '--force'],
      ['env', '-p', 'website', '--debug'],
      ['env', '-p', 'website', '--role', 'Admin'],
      ['env', '-p', 'website', '--mfa-code', '123456'],
      ['env', '-p', 'website', '--help'],
      ['env', '-p', 'website', 'stray'],
      ['env', '-p', 'billing'],
      ['env', '-p', '../website'],
      ['env'],
    ]) {
      assert.not.ok(await served(args), `served: clokta ${args.join(' ')}`)
    }
    assert.not.ok(await served(['env', '-p', 'website'], {DEBUG: '*'}), 'oclif debug output')
    assert.not.ok(await served(['env'], {AWS_PROFILE: ' '}), 'a blank AWS_PROFILE')
    expireIn(h, 9 * 60_000)
    assert.not.ok(await served(['env', '-p', 'website']), 'within the 10 minutes before expiry')
    expireIn(h, 3600_000)
    renameSync(h.home.path('.clokta/clokta.cfg'), h.home.path('.clokta/clokta.cfg.away'))
    assert.not.ok(await served(['env', '-p', 'website']), 'no clokta.cfg')
  })
})

test.run()
