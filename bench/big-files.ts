// Prints how long a full login takes, and how much memory it peaks at, with a plain HOME and
// with a big ~/.aws/config, ~/.aws/credentials or clokta.cfg (issue 14 item 11: at most 3 × the
// plain wall time and 150 MB more max RSS). Not a test: the figures depend on the machine.
//
//   npm run build && node --import tsx bench/big-files.ts [megabytes=10] [runs=3] [--cpu-prof]
//
// Each login runs against the project's test server (test/support/fake) in a fresh temporary
// HOME, under /usr/bin/time -v (GNU time) for the wall time and the maximum resident set size.
// --cpu-prof leaves a V8 profile of each kind's last run in a temporary folder it names (open
// them in Chrome's DevTools or speedscope).
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {startFakeServices, type FakeServices} from '../test/support/fake/index.js'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const cpuProf = args.includes('--cpu-prof')
const [megabytes = 10, runs = 3] = args.filter((a) => !a.startsWith('--')).map(Number)
const size = megabytes * 1024 * 1024
const profiles = cpuProf ? mkdtempSync(join(tmpdir(), 'clokta-profiles-')) : undefined

/** Repeats `section(i)` until the text reaches `bytes`: many small sections, as a big real file has. */
function filler(bytes: number, section: (i: number) => string): string {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < bytes; i++) {
    const s = section(i)
    parts.push(s)
    length += s.length
  }
  return parts.join('')
}

const bigAwsConfig = () =>
  filler(
    size,
    (i) => `[profile team-${i}]\nregion = eu-west-1\noutput = json\nrole_arn = arn:aws:iam::123456789012:role/Team${i}\nsource_profile = default\n\n`,
  )
const bigCredentials = () =>
  filler(
    size,
    (i) =>
      `[old-${i}]\naws_access_key_id = AKIAIOSFODNN${String(i).padStart(8, '0')}\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n`,
  )
const bigCfg = () =>
  filler(
    size,
    (i) =>
      `[team-${i}]\nokta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa1b2c3d4EXAMPLE/272\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role/Team${i}\n\n`,
  )

/** the big file a kind of run has: clokta.cfg's is appended to the profile the run logs in with */
interface Big {
  path: string
  text: () => string
}
const CFG = '.clokta/clokta.cfg'
const kinds: [string, Big | undefined][] = [
  ['plain', undefined],
  ['~/.aws/config', {path: '.aws/config', text: bigAwsConfig}],
  ['~/.aws/credentials', {path: '.aws/credentials', text: bigCredentials}],
  ['clokta.cfg', {path: CFG, text: bigCfg}],
]

function writeHome(fake: FakeServices, big: Big | undefined): string {
  const home = mkdtempSync(join(tmpdir(), 'clokta-bench-'))
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(home, path)), {recursive: true})
    writeFileSync(join(home, path), text, {mode: 0o600})
  }
  const cfg =
    `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n` +
    `[website]\nokta_aws_app_url = ${fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n\n`
  write(CFG, big?.path === CFG ? cfg + big.text() : cfg)
  if (big && big.path !== CFG) write(big.path, big.text())
  return home
}

interface Figures {
  wall: number
  rssMb: number
}

function login(fake: FakeServices, home: string, profile: string | undefined): Promise<Figures> {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    okta_password: 'correct horse',
    AWS_ENDPOINT_URL_STS: fake.stsUrl,
  }
  const node = [process.execPath, ...(profile ? [`--cpu-prof`, `--cpu-prof-dir=${profiles ?? ''}`, `--cpu-prof-name=${profile}`] : [])]
  return new Promise<Figures>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', ...node, join(root, 'bin/run.cjs'), '-p', 'website'], {env, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const wall = /Elapsed \(wall clock\) time.*: ([\d:.]+)/.exec(stderr)
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
      if (code !== 0 || !wall || !rss) {
        reject(new Error(`login failed (${code ?? 'killed'}):\n${stderr}`))
        return
      }
      // h:mm:ss or m:ss.ss
      const seconds = wall[1].split(':').reduce((total, part) => total * 60 + Number(part), 0)
      resolve({wall: seconds, rssMb: Number(rss[1]) / 1024})
    })
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const fake = await startFakeServices({factors: [{type: 'push', provider: 'OKTA'}]})
try {
  let plain: Figures | undefined
  console.log(`${megabytes} MB files, median of ${runs} logins each`)
  if (profiles) console.log(`CPU profiles in ${profiles}`)
  for (const [kind, big] of kinds) {
    const results: Figures[] = []
    for (let i = 0; i < runs; i++) {
      // a fresh HOME each time: a second login would be served from the first one's credentials
      const home = writeHome(fake, big)
      try {
        const last = i === runs - 1
        results.push(await login(fake, home, cpuProf && last ? `${kind.replace(/\W+/g, '_')}.cpuprofile` : undefined))
      } finally {
        rmSync(home, {recursive: true, force: true})
      }
    }
    const wall = median(results.map((r) => r.wall))
    const rssMb = median(results.map((r) => r.rssMb))
    plain ??= {wall, rssMb}
    const relative = kind === 'plain' ? '' : `  (${(wall / plain.wall).toFixed(1)} × wall, +${(rssMb - plain.rssMb).toFixed(0)} MB)`
    console.log(`${kind.padEnd(20)} ${wall.toFixed(2)} s  ${rssMb.toFixed(0)} MB max RSS${relative}`)
  }
} finally {
  await fake.close()
}
