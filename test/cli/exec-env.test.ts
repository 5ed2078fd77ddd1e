import {execFileSync, spawn} from 'node:child_process'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {IssuedCredentials, Scenario} from '../support/fake/types.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {awsCli, hasProgram, shells} from '../support/optional-programs.js'
import {BIN, baseEnv} from '../support/run-cli.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const scenario: Partial<Scenario> = {factors: [{type: 'push', provider: 'OKTA'}], chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}
const withPassword = {okta_password: PASSWORD}
const setup = (h: Harness) => h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}\n`}))

interface Ended {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** The built CLI, as run-cli's runCli runs it, but telling a death by signal from an exit, and able to signal it once its child is ready. */
function spawnCli(h: Harness, args: string[], env: Record<string, string> = {}, whenReady?: (pid: number) => void): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: baseEnv(h.home.dir, {...h.env, ...env}),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
      if (whenReady && stdout.includes('ready')) {
        whenReady(child.pid ?? 0)
        whenReady = undefined
      }
    })
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}))
  })
}

/** `env` output as NAME=value pairs (none of the values here holds a line break). */
const parseEnv = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )

const expected = (c: IssuedCredentials, region?: string): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: c.accessKeyId,
  AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
  AWS_SESSION_TOKEN: c.sessionToken,
  AWS_SECURITY_TOKEN: c.sessionToken,
  AWS_CREDENTIAL_EXPIRATION: c.expiration,
  ...(region ? {AWS_REGION: region, AWS_DEFAULT_REGION: region} : {}),
})

test('exec: the child gets the keys and no profile, stdout and stderr are its own, its status and a SIGTERM pass through, a nested exec is refused; later runs reuse the credentials', async () => {
  await withHarness(scenario, async (h) => {
    setup(h)
    h.home.write('.aws/config', '[profile website]\nregion = eu-west-1\n')
    const first = await spawnCli(h, ['exec', '-p', 'website', '--', 'env'], {
      ...withPassword,
      AWS_PROFILE: 'elsewhere',
      AWS_DEFAULT_PROFILE: 'elsewhere',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/credentials',
    })
    assert.equal([first.code, first.signal], [0, null], first.stderr)
    const [saml] = h.fake.issued
    const seen = parseEnv(first.stdout)
    const aws = Object.fromEntries(Object.entries(seen).filter(([n]) => n.startsWith('AWS_') && n !== 'AWS_ENDPOINT_URL_STS'))
    assert.equal(aws, {...expected(saml, 'eu-west-1'), AWS_CLOKTA_PROFILE: 'website'})
    assert.equal([seen.HOME, seen.AWS_ENDPOINT_URL_STS], [h.home.dir, h.env.AWS_ENDPOINT_URL_STS], "the rest of the parent's environment is kept")
    assert.not.match(first.stderr, new RegExp(saml.secretAccessKey.replace(/[+/]/g, '\\$&')))

    const requests = h.fake.requests.length
    const failed = await spawnCli(h, ['exec', '-p', 'website', '--', 'sh', '-c', 'echo out; echo err >&2; exit 1'])
    assert.equal([failed.code, failed.stdout, failed.stderr], [1, 'out\n', 'err\n'], 'no password needed, nothing of clokta on either stream')

    const nested = await spawnCli(h, [
      'exec',
      '-p',
      'website',
      '--',
      'sh',
      '-c',
      '"$0" "$1" exec -p website -- true; echo "nested: $?" >&2; exit 42',
      process.execPath,
      BIN,
    ])
    assert.is(nested.code, 42)
    assert.match(
      nested.stderr,
      /^clokta: Already inside clokta exec for profile website \(AWS_CLOKTA_PROFILE is set\): .*unset AWS_CLOKTA_PROFILE.*\nnested: 2\n$/,
    )

    const killed = await spawnCli(h, ['exec', '-p', 'website', '--', 'sh', '-c', 'kill -TERM $$'])
    assert.equal([killed.code, killed.signal], [null, 'SIGTERM'], 'clokta dies of the signal that killed its child')

    const forwarded = await spawnCli(
      h,
      ['exec', '-p', 'website', '--', 'sh', '-c', 'trap "echo child got TERM >&2; exit 7" TERM; echo ready; while :; do sleep 0.05; done'],
      {},
      (pid) => process.kill(pid, 'SIGTERM'),
    )
    assert.equal([forwarded.code, forwarded.stderr], [7, 'child got TERM\n'], 'a SIGTERM sent to clokta reaches the child, and clokta waits for it')
    assert.is(h.fake.requests.length, requests, 'the still-valid credentials were reused')

    // Ctrl-C in a terminal reaches clokta and the child together: the child sees it once, and clokta outlives it
    const count = 'trap \'n=$((n+1))\' INT; echo ready; i=0; while [ $i -lt 10 ]; do sleep 0.05; i=$((i+1)); done; echo "INTs: ${n:-0}"; exit 3'
    const ctrlC = await h.pty(['exec', '-p', 'website', '--', 'sh', '-c', count], [{expect: /ready/, send: '\x03'}, {expect: /INTs: \d/}])
    assert.equal([ctrlC.code, /INTs: (\d)/.exec(ctrlC.screen)?.[1]], [3, '1'], ctrlC.screen)

    // no command: the user's shell, with the marker
    const shell = await h.pty(
      ['exec', '-p', 'website'],
      [
        {
          expect: /^Starting \/bin\/sh with the credentials of website, valid until .*; "exit" returns here\.$/m,
          send: 'echo "in $AWS_CLOKTA_PROFILE"; exit 5\r',
        },
        {expect: /in website$/m},
      ],
      {SHELL: '/bin/sh'},
    )
    assert.is(shell.code, 5)
  })
})

/** What `shell` holds after sourcing `script`, started with AWS_PROFILE set. */
function sourcedBy(shell: string, script: string, names: string[]): Record<string, string> {
  const body =
    shell === 'fish'
      ? `source $argv[1]; for v in ${names.join(' ')}; if set -q $v; printf '%s=%s\\n' $v $$v; end; end`
      : `. "$1" && for v in ${names.join(' ')}; do eval "x=\\\${$v-UNSET}"; [ "$x" = UNSET ] || printf '%s=%s\\n' "$v" "$x"; done`
  const args = shell === 'fish' ? ['-c', body, script] : ['-c', body, shell, script]
  const out = execFileSync(shell, args, {
    env: {PATH: process.env.PATH, AWS_PROFILE: 'elsewhere'},
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return parseEnv(out)
}

test('env: sh output sourced by bash, dash and zsh, fish output by fish; AWS_PROFILE gone; a second run (profile from AWS_PROFILE) reuses the credentials', async () => {
  await withHarness(scenario, async (h) => {
    setup(h)
    const sh = await spawnCli(h, ['env', '-p', 'website'], withPassword)
    assert.is(sh.code, 0, sh.stderr)
    const want = expected(h.fake.issued[0])
    const names = [...Object.keys(want), 'AWS_PROFILE', 'AWS_REGION']
    const script = h.home.write('creds.sh', sh.stdout)
    for (const shell of shells()) assert.equal(sourcedBy(shell, script, names), want, shell)

    const requests = h.fake.requests.length
    const fish = await spawnCli(h, ['env', '--format', 'fish'], {AWS_PROFILE: 'website'})
    assert.equal([fish.code, fish.stderr], [0, "Using profile 'website' from AWS_PROFILE\n"], 'the profile from AWS_PROFILE, said on stderr')
    assert.is(h.fake.requests.length, requests, 'the still-valid credentials were reused, no password asked for')
    if (hasProgram('fish')) assert.equal(sourcedBy('fish', h.home.write('creds.fish', fish.stdout), names), want)
  })
})

test('a chained profile (role_arn + source_profile): env --format json is one object of its chained keys and region; the AWS CLI under exec uses them', async () => {
  await withHarness(scenario, async (h) => {
    setup(h)
    h.home.write('.aws/config', `[profile website]\n\n[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\nregion = eu-central-1\n`)
    const r = await spawnCli(h, ['env', '-p', 'myservice', '--format', 'json'], withPassword)
    assert.is(r.code, 0, r.stderr)
    const hop = h.fake.issued.find((i) => i.via === 'AssumeRole' && i.roleArn === SERVICE)
    assert.ok(hop, 'no AssumeRole to the chained role')
    assert.equal(JSON.parse(r.stdout), expected(hop, 'eu-central-1'))

    // The real AWS CLI, run by exec with AWS_PROFILE naming the chained profile: it takes the keys
    // clokta chained from the environment (left the profile, it would chain it itself, against AWS)
    const AWS_CLI = awsCli()
    if (!AWS_CLI) return
    const cli = await spawnCli(h, ['exec', '-p', 'myservice', '--', AWS_CLI, 'configure', 'export-credentials', '--format', 'process'], {
      AWS_PROFILE: 'myservice',
    })
    assert.is(cli.code, 0, cli.stderr)
    assert.equal(JSON.parse(cli.stdout), {
      Version: 1,
      AccessKeyId: hop.accessKeyId,
      SecretAccessKey: hop.secretAccessKey,
      SessionToken: hop.sessionToken,
      Expiration: hop.expiration.replace(/Z$/, '+00:00'),
    })
  })
})

test('exec --server: the child gets a credentials endpoint, its token and the region, no keys and no profile; the JS SDK in it signs as the chained role; the endpoint ends with the child', async () => {
  await withHarness(scenario, async (h) => {
    setup(h)
    h.home.write('.aws/config', `[profile website]\n\n[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\nregion = eu-central-1\n`)
    const child = `
const names = Object.keys(process.env).filter((n) => n.startsWith('AWS_')).sort()
const {STSClient, GetCallerIdentityCommand} = await import('@aws-sdk/client-sts')
const arn = (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Arn
console.log(JSON.stringify({names, arn, uri: process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI}))`
    const r = await spawnCli(h, ['exec', '--server', '-p', 'myservice', '--', process.execPath, '--input-type=module', '-e', child], {
      ...withPassword,
      AWS_PROFILE: 'myservice',
      AWS_ACCESS_KEY_ID: 'AKIAOLDKEY',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    })
    assert.is(r.code, 0, r.stderr)
    const seen = JSON.parse(r.stdout) as {names: string[]; arn: string; uri: string}
    assert.equal(
      seen.names.filter((n) => !(n in h.env)),
      [
        'AWS_CLOKTA_PROFILE',
        'AWS_CONTAINER_AUTHORIZATION_TOKEN',
        'AWS_CONTAINER_CREDENTIALS_FULL_URI',
        'AWS_DEFAULT_REGION',
        'AWS_REGION',
        'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
      ],
    )
    assert.is(seen.arn, 'arn:aws:sts::444455556666:assumed-role/service/jdoe@example.com')
    assert.not.match(r.stderr, /ASIA/)
    await fetch(seen.uri).then(
      () => assert.unreachable('the endpoint outlived the child'),
      () => {},
    )
  })
})

test.run()
