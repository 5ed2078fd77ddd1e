// Prints what clokta's HTTP client costs on got (src/io/http.ts, as it is) and on Node's
// built-in fetch (bench/http-client/fetch.ts, as far as a login's requests need), for the
// requests of a login against the project's test server (bench/http-client/drive.ts): issue
// 16's "got only where its features earn their load time, or fetch, whichever measures
// better". Not a test: the figures depend on the machine.
//
//   node --import tsx bench/http-client.ts [rounds=21] [--smoke]
//
// Each client is bundled by esbuild into one ES module, as scripts/bundle.mjs bundles the
// commands, and each round runs, in an order that rotates, `node -e 0` and each bundle twice:
// once sending nothing (the cost of loading the bundle) and once sending the requests.
// CPU is user + sys of the child (getrusage through bash's `time`); figures are medians.
// --smoke: 2 rounds, which only checks that it runs and prints its table.
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {build} from 'esbuild'

import {startFakeServices} from '../test/support/fake/index.js'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const rounds = smoke ? 2 : Number(args.find((a) => !a.startsWith('--')) ?? 21)

/** CPU seconds (user + sys) of argv run to its end; it must succeed. */
function cpuOf(argv: string[]): Promise<number> {
  const script = 'TIMEFORMAT="%3U %3S"; time "$@" >/dev/null'
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'bash', ...argv], {env: {PATH: process.env.PATH ?? ''}, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(stderr)
      if (code !== 0 || !m) reject(new Error(`${argv.join(' ')} failed (${code ?? 'killed'}):\n${stderr}`))
      else resolve(Number(m[1]) + Number(m[2]))
    })
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const dir = mkdtempSync(join(tmpdir(), 'clokta-bench-http-'))
const fake = await startFakeServices({
  authnOutcome: 'SUCCESS',
  accounts: [{id: '123456789012', roles: [{name: 'Developer', maxSessionDuration: 43200}]}],
})
try {
  const clients = ['got', 'fetch']
  for (const client of clients) {
    await build({
      entryPoints: [join(root, `bench/http-client/${client}.ts`)],
      outfile: join(dir, `${client}.mjs`),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      mainFields: ['module', 'main'],
      banner: {js: "import {createRequire as __cloktaRequire} from 'node:module'; const require = __cloktaRequire(import.meta.url);"},
      logLevel: 'warning',
    })
  }
  const org = new URL(fake.appUrl).origin
  const runs: [string, string[]][] = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ...clients.flatMap((c): [string, string[]][] => [
      [`${c}: load only`, [process.execPath, join(dir, `${c}.mjs`)]],
      [`${c}: 4 requests`, [process.execPath, join(dir, `${c}.mjs`), org, fake.appUrl]],
    ]),
  ]
  const results = new Map<string, number[]>(runs.map(([name]) => [name, []]))
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runs.length; k++) {
      const [name, argv] = runs[(r + k) % runs.length]
      results.get(name)?.push(await cpuOf(argv))
    }
  }
  const cpu = (name: string): number => median(results.get(name) ?? [])
  console.log(`median of ${rounds} rounds, interleaved; CPU = user + sys of the child`)
  console.log(`${'run'.padEnd(18)} ${'CPU s'.padStart(7)}`)
  for (const [name] of runs) console.log(`${name.padEnd(18)} ${cpu(name).toFixed(3).padStart(7)}`)
  for (const c of clients)
    console.log(`${c}: the requests add ${(cpu(`${c}: 4 requests`) - cpu(`${c}: load only`)).toFixed(3)} s to loading the bundle`)
} finally {
  await fake.close()
  rmSync(dir, {recursive: true, force: true})
}
