// Prints what a full login and `clokta --help` cost (issue 16 items 1 and 2: --help at most
// 2 × `node -e 0` in CPU; a full login without MFA at most 0.35 s CPU and 120 module files).
// Not a test: the figures depend on the machine.
//
//   npm run build && node --import tsx bench/login.ts [rounds=21] [--smoke]
//
// The login runs against the project's test server (test/support/fake) with a password from
// the okta_password variable, no MFA and a single role, and --force so every round logs in
// again. Each round runs the three commands once, in an order that rotates, so a busy moment
// of the machine falls on all of them alike. CPU is user + sys of the child (bash's `time`,
// from getrusage); wall is the same `time`'s real. "modules" counts the JavaScript, JSON
// and native module files the command reads (strace, when installed); "files"
// every file it opens. --smoke: 2 rounds, for CI (.ci/run), which only checks that it runs.
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {startFakeServices} from '../test/support/fake/index.js'

const root = new URL('..', import.meta.url).pathname
const bin = join(root, 'bin/run.cjs')
const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const rounds = smoke ? 2 : Number(args.find((a) => !a.startsWith('--')) ?? 21)

const commands: [string, string[]][] = [
  ['node -e 0', [process.execPath, '-e', '0']],
  ['--help', [process.execPath, bin, '--help']],
  ['login (full)', [process.execPath, bin, '-p', 'website', '--force', '--no-session', '-q']],
]

/** issue 16's targets: --help as a ratio of CPU time to `node -e 0`, the login in CPU seconds */
const targets = new Map([
  ['--help', '≤ 2 ×'],
  ['login (full)', '≤ 0.35 s'],
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

/**
 * The files the command opens (strace; async, since the test server answers from this
 * process), or undefined without strace: all of them, and the module files among them.
 */
function filesOpened(argv: string[], env: Record<string, string>): Promise<{files: number; modules: number} | undefined> {
  const out = join(tmpdir(), `clokta-bench-strace-${process.pid}`)
  if (spawnSync('strace', ['-V'], {stdio: 'ignore'}).status !== 0) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    const child = spawn('strace', ['-f', '-qq', '-e', 'trace=openat,open', '-o', out, ...argv], {env, stdio: 'ignore'})
    child.on('error', () => resolve(undefined))
    child.on('close', (code) => {
      if (code !== 0) {
        resolve(undefined)
        return
      }
      const opened = new Set(
        readFileSync(out, 'utf8')
          .split('\n')
          .filter((l) => !l.includes('= -1 '))
          .map((l) => /"([^"]+)"/.exec(l)?.[1])
          .filter((p): p is string => p !== undefined && !p.startsWith('/proc/') && !p.startsWith('/dev/') && !p.startsWith('/sys/')),
      )
      rmSync(out, {force: true})
      const modules = [...opened].filter((p) => /\.(c|m)?js$|\.json$|\.node$/.test(p))
      resolve({files: opened.size, modules: modules.length})
    })
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const fake = await startFakeServices({
  authnOutcome: 'SUCCESS',
  accounts: [{id: '123456789012', roles: [{name: 'Developer', maxSessionDuration: 43200}]}],
})
const home = mkdtempSync(join(tmpdir(), 'clokta-bench-'))
try {
  const cfg = join(home, '.clokta/clokta.cfg')
  mkdirSync(dirname(cfg), {recursive: true})
  writeFileSync(
    cfg,
    `[DEFAULT]\nokta_username = jdoe@example.com\n\n` +
      `[website]\nokta_aws_app_url = ${fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n`,
    {mode: 0o600},
  )
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    okta_password: 'correct horse',
    AWS_ENDPOINT_URL_STS: fake.stsUrl,
  }
  const before = fake.requests.length
  await timed(commands[2][1], env)
  const requestsPerLogin = fake.requests.length - before

  const results = new Map<string, Figures[]>(commands.map(([name]) => [name, []]))
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < commands.length; k++) {
      const [name, argv] = commands[(r + k) % commands.length]
      results.get(name)?.push(await timed(argv, env))
    }
  }

  const base = results.get('node -e 0') ?? []
  const [baseCpu, baseWall] = [median(base.map((f) => f.cpu)), median(base.map((f) => f.wall))]
  console.log(
    `median of ${rounds} rounds, interleaved; CPU = user + sys of the child; load average ${loadavg()[0].toFixed(1)}; ${requestsPerLogin} requests per login`,
  )
  console.log(
    `${'command'.padEnd(14)} ${'CPU s'.padStart(7)} ${'× node'.padStart(7)} ${'wall s'.padStart(7)} ${'× node'.padStart(7)} ${'files'.padStart(6)} ${'modules'.padStart(8)} ${'target'.padStart(9)}`,
  )
  for (const [name, argv] of commands) {
    const figures = results.get(name) ?? []
    const [cpu, wall] = [median(figures.map((f) => f.cpu)), median(figures.map((f) => f.wall))]
    const opened = await filesOpened(argv, env)
    console.log(
      `${name.padEnd(14)} ${cpu.toFixed(3).padStart(7)} ${(cpu / baseCpu).toFixed(2).padStart(7)} ${wall.toFixed(3).padStart(7)} ${(wall / baseWall).toFixed(2).padStart(7)} ${String(opened?.files ?? '-').padStart(6)} ${String(opened?.modules ?? '-').padStart(8)} ${(targets.get(name) ?? '').padStart(9)}`,
    )
  }
} finally {
  await fake.close()
  rmSync(home, {recursive: true, force: true})
}
