// Prints what the hot runs cost as the median ratio to `node -e 0`: `clokta credential-process
// -p website` with still-valid credentials (issue 15 item 3: at most 1.25 × in CPU time), a
// still-valid `clokta -p website` (issue 16: at most 1.3 ×), a still-valid `clokta env -p
// website` (served like credential-process) and `clokta --help` (issue 16: at most 2 ×). Not a test: the figures depend on the machine.
//
//   npm run build && node --import tsx bench/credential-process.ts [rounds=31] [--smoke]
//
// One real login against the project's test server (test/support/fake) fills a temporary
// HOME; then each round runs the five commands once, in an order that rotates, so a busy
// moment of the machine falls on all of them alike. CPU is user + sys of the child (bash's
// `time`, from getrusage, to the millisecond); wall is the same `time`'s real. With strace
// installed it also counts the files each command opens. --smoke: 3 rounds, for CI (.ci/run),
// which only checks that it runs.
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {startFakeServices} from '../test/support/fake/index.js'

const root = new URL('..', import.meta.url).pathname
const bin = join(root, 'bin/run.cjs')
const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const rounds = smoke ? 3 : Number(args.find((a) => !a.startsWith('--')) ?? 31)

const commands: [string, string[]][] = [
  ['node -e 0', [process.execPath, '-e', '0']],
  ['credential-process', [process.execPath, bin, 'credential-process', '-p', 'website']],
  ['-p (still valid)', [process.execPath, bin, '-p', 'website']],
  ['env (still valid)', [process.execPath, bin, 'env', '-p', 'website']],
  ['--help', [process.execPath, bin, '--help']],
]
/** issue 15 item 3 and issue 16's targets, as a ratio of CPU time to `node -e 0` */
const targets = new Map([
  ['credential-process', 1.25],
  ['-p (still valid)', 1.3],
  ['--help', 2],
])

interface Figures {
  wall: number
  cpu: number
}

/** Runs argv under bash's `time` (getrusage of the child: user + sys, to the millisecond). */
function timed(argv: string[], env: Record<string, string>): Promise<Figures> {
  const script =
    'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null 2>/tmp/clokta-bench-stderr-$$ || { cat /tmp/clokta-bench-stderr-$$ >&2; exit 1; }; rm -f /tmp/clokta-bench-stderr-$$'
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'bash', ...argv], {env, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const m = /(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)\s*$/.exec(stderr)
      if (code !== 0 || !m) reject(new Error(`${argv.join(' ')} failed (${code ?? 'killed'}):\n${stderr}`))
      else resolve({wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3])})
    })
  })
}

/** How many distinct files the command opens (strace), or undefined without strace. */
function filesOpened(argv: string[], env: Record<string, string>): number | undefined {
  const out = join(tmpdir(), `clokta-bench-strace-${process.pid}`)
  const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=openat,open', '-o', out, ...argv], {env, stdio: 'ignore'})
  if (run.error || run.status !== 0) return undefined
  const opened = new Set(
    readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => !l.includes('= -1 '))
      .map((l) => /"([^"]+)"/.exec(l)?.[1])
      .filter((p): p is string => p !== undefined && !p.startsWith('/proc/') && !p.startsWith('/dev/') && !p.startsWith('/sys/')),
  )
  rmSync(out, {force: true})
  return opened.size
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const fake = await startFakeServices({factors: [{type: 'push', provider: 'OKTA'}]})
const home = mkdtempSync(join(tmpdir(), 'clokta-bench-'))
try {
  const cfg = join(home, '.clokta/clokta.cfg')
  mkdirSync(dirname(cfg), {recursive: true})
  writeFileSync(
    cfg,
    `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n` +
      `[website]\nokta_aws_app_url = ${fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n`,
    {mode: 0o600},
  )
  const env = {PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8', TZ: 'UTC'}
  // async: the test server answers from this process
  await timed([process.execPath, bin, '-p', 'website'], {...env, okta_password: 'correct horse', AWS_ENDPOINT_URL_STS: fake.stsUrl})
  const requests = fake.requests.length

  const results = new Map<string, Figures[]>(commands.map(([name]) => [name, []]))
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < commands.length; k++) {
      const [name, argv] = commands[(r + k) % commands.length]
      results.get(name)?.push(await timed(argv, env))
    }
  }
  if (fake.requests.length !== requests) throw new Error('a hot run contacted the test server: the credentials were not served as still valid')

  const base = results.get('node -e 0') ?? []
  const [baseCpu, baseWall] = [median(base.map((f) => f.cpu)), median(base.map((f) => f.wall))]
  console.log(`median of ${rounds} rounds, interleaved; CPU = user + sys of the child; load average ${loadavg()[0].toFixed(1)}`)
  console.log(
    `${'command'.padEnd(20)} ${'CPU s'.padStart(7)} ${'× node'.padStart(7)} ${'wall s'.padStart(7)} ${'× node'.padStart(7)} ${'files'.padStart(6)} ${'target'.padStart(7)}`,
  )
  for (const [name, argv] of commands) {
    const figures = results.get(name) ?? []
    const [cpu, wall] = [median(figures.map((f) => f.cpu)), median(figures.map((f) => f.wall))]
    const files = filesOpened(argv, env)
    console.log(
      `${name.padEnd(20)} ${cpu.toFixed(3).padStart(7)} ${(cpu / baseCpu).toFixed(2).padStart(7)} ${wall.toFixed(3).padStart(7)} ${(wall / baseWall).toFixed(2).padStart(7)} ${String(files ?? '-').padStart(6)} ${(targets.has(name) ? `≤ ${targets.get(name)}` : '').padStart(7)}`,
    )
  }
} finally {
  await fake.close()
  rmSync(home, {recursive: true, force: true})
}
