// Prints what a login costs in wall time and in requests when Okta and STS are far away
// (issue 16 items 3 and 4): each login runs against the project's test server
// (test/support/fake) as it is and against a second one that answers every request 50 ms
// late, so each request a login makes shows as 50 ms more wall time. Not a test: the
// figures depend on the machine.
//
//   npm run build && node --import tsx bench/latency.ts [rounds=5] [--latency=50] [--smoke]
//
// Each round, in a fresh HOME with an empty keychain, runs the built CLI (bin/run.cjs) three
// times: a first login with the password from the environment (okta_password) and no MFA; a
// second profile of the same app, which only the Okta session kept in the keychain can serve
// (no password anywhere, no terminal); and the first profile again, still valid. Rounds
// alternate between the two servers, so a busy moment of the machine falls on both alike.
// The keychain is a private gnome-keyring on its own D-Bus session, as test/run-files.mjs
// starts one: the script runs itself again inside it; without those programs the second
// profile is skipped. CPU is user + sys of the child, wall its real time (bash's `time`);
// figures are medians; `added` is the median of each round's difference between the two
// servers. --smoke: one round, for CI (.ci/run), which only checks that it runs
// and prints its table.
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {startFakeServices, type FakeServices} from '../test/support/fake/index.js'

const root = new URL('..', import.meta.url).pathname
const bin = join(root, 'bin/run.cjs')
const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const rounds = smoke ? 1 : Number(args.find((a) => !a.startsWith('--')) ?? 5)
const latency = Number(args.find((a) => a.startsWith('--latency='))?.slice('--latency='.length) ?? 50)
const INSIDE = 'CLOKTA_BENCH_KEYRING'

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`], {stdio: 'ignore'}).status === 0

/** Runs this script again on a private D-Bus session with its own unlocked gnome-keyring; returns its exit status. */
function rerunWithKeyring(): number {
  const scratch = mkdtempSync(join(tmpdir(), 'clokta-bench-keyring-'))
  const env = {...process.env, [INSIDE]: '1', XDG_DATA_HOME: join(scratch, 'data'), XDG_RUNTIME_DIR: join(scratch, 'run')}
  mkdirSync(env.XDG_DATA_HOME)
  mkdirSync(env.XDG_RUNTIME_DIR, {mode: 0o700})
  const start = [
    'printf %s clokta-bench | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 & daemon=$!',
    'for _ in $(seq 250); do dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break; sleep 0.02; done',
    '"$@"; status=$?; kill $daemon 2>/dev/null; wait $daemon 2>/dev/null; exit $status',
  ].join('\n')
  const self = [process.execPath, ...process.execArgv, new URL(import.meta.url).pathname, ...args]
  const run = spawnSync('dbus-run-session', ['--', 'bash', '-c', start, 'bash', ...self], {env, stdio: ['ignore', 'inherit', 'pipe']})
  rmSync(scratch, {recursive: true, force: true})
  // without dbus-daemon's notice that a sandbox will not raise its file limit
  process.stderr.write(String(run.stderr).replace(/^dbus-daemon\[\d+\]: .*Failed to set fd limit.*\n/gm, ''))
  return run.status ?? 1
}

interface Figures {
  wall: number
  cpu: number
  requests: number
}

/** One CLI run under bash's `time`; the requests are those the test server saw meanwhile. */
function timed(fake: FakeServices, cliArgs: string[], env: Record<string, string>): Promise<Figures> {
  const script =
    'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null 2>/tmp/clokta-bench-stderr-$$ || { cat /tmp/clokta-bench-stderr-$$ >&2; exit 1; }; rm -f /tmp/clokta-bench-stderr-$$'
  const before = fake.requests.length
  return new Promise((resolve, reject) => {
    // async: the test server answers from this process
    const child = spawn('bash', ['-c', script, 'bash', process.execPath, bin, ...cliArgs], {env, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const m = /(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)\s*$/.exec(stderr)
      if (code !== 0 || !m) reject(new Error(`clokta ${cliArgs.join(' ')} failed (${code ?? 'killed'}):\n${stderr}`))
      else resolve({wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), requests: fake.requests.length - before})
    })
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const logins = ['first login (password, no MFA)', 'second profile, live session', 'still valid'] as const
type Login = (typeof logins)[number]
const noFigures = (): Record<Login, Figures[]> => ({[logins[0]]: [], [logins[1]]: [], [logins[2]]: []})

/** One round: the three logins in a fresh HOME, against `fake`. */
async function round(fake: FakeServices, keyring: boolean, into: Record<Login, Figures[]>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'clokta-bench-'))
  try {
    const cfg = join(home, '.clokta/clokta.cfg')
    mkdirSync(dirname(cfg), {recursive: true})
    const role = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
    writeFileSync(
      cfg,
      `[DEFAULT]\nokta_username = jdoe@example.com\n\n[website]\nokta_aws_app_url = ${fake.appUrl}\n${role}\n[billing]\nokta_aws_app_url = ${fake.appUrl}\n${role}`,
      {mode: 0o600},
    )
    // a first login finds no session kept by the round before
    if (keyring) spawnSync('secret-tool', ['clear', 'service', 'clokta'], {stdio: 'ignore'})
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      NO_COLOR: '1',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      AWS_ENDPOINT_URL_STS: fake.stsUrl,
    }
    if (keyring) env.DBUS_SESSION_BUS_ADDRESS = process.env.DBUS_SESSION_BUS_ADDRESS ?? ''
    into[logins[0]].push(await timed(fake, ['-p', 'website'], {...env, okta_password: 'correct horse'}))
    if (keyring) into[logins[1]].push(await timed(fake, ['-p', 'billing'], env))
    into[logins[2]].push(await timed(fake, ['-p', 'website'], env))
  } finally {
    rmSync(home, {recursive: true, force: true})
  }
}

if (!process.env[INSIDE] && has('dbus-run-session') && has('gnome-keyring-daemon') && has('secret-tool')) {
  process.exit(rerunWithKeyring())
}
const keyring = process.env[INSIDE] === '1'
if (!keyring) console.log('(no private gnome-keyring here: the second profile, which needs the Okta session kept in a keychain, is skipped)')

// Both servers at once and the rounds interleaved, so a busy moment of the machine falls on both alike.
const near = {fake: await startFakeServices({authnOutcome: 'SUCCESS'}), results: noFigures()}
const far = {
  fake: await startFakeServices({authnOutcome: 'SUCCESS'}, {latencyMs: latency}),
  results: noFigures(),
}
try {
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 ? [far, near] : [near, far]) await round(side.fake, keyring, side.results)
  }
} finally {
  await Promise.all([near.fake.close(), far.fake.close()])
}

console.log(`median of ${rounds} round(s), interleaved; requests: to the Okta and STS test server; CPU: user + sys of the child`)
const head = [
  'login'.padEnd(32),
  'requests',
  'wall s'.padStart(8),
  `+${latency} ms`.padStart(8),
  'added'.padStart(7),
  `req×${latency}ms`.padStart(9),
  'CPU s'.padStart(7),
]
console.log(head.join(' '))
for (const login of logins) {
  const [a, b] = [near.results[login], far.results[login]]
  if (!b.length) {
    console.log(`${login.padEnd(32)} ${'-'.padStart(8)}`)
    continue
  }
  const requests = [...new Set([...a, ...b].map((f) => f.requests))]
  const [wallNear, wallFar] = [median(a.map((f) => f.wall)), median(b.map((f) => f.wall))]
  const cpu = median([...a, ...b].map((f) => f.cpu))
  console.log(
    [
      login.padEnd(32),
      requests.join('/').padStart(8),
      wallNear.toFixed(3).padStart(8),
      wallFar.toFixed(3).padStart(8),
      median(b.map((f, i) => f.wall - a[i].wall))
        .toFixed(3)
        .padStart(7),
      ((Math.max(...requests) * latency) / 1000).toFixed(3).padStart(9),
      cpu.toFixed(3).padStart(7),
    ].join(' '),
  )
}
