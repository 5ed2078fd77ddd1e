// Runs the test files in parallel, a few files to a uvu process, then prints uvu's totals and
// a plain "N passed, N failed" line. Most of a CLI test's time is spent waiting on the child
// it spawned, so a few processes at once fill two cores. A process that holds a keychain test
// file gets, when test/run.sh chose a private keyring, its own D-Bus session and gnome-keyring:
// `logout --all` in one process never empties another's keychain, and inside a process the
// files run one after another, each test starting with the keychain emptied (test/support).
//
// Usage: node test/run-files.mjs [pattern]   (files whose path under test/ matches it)
// CLOKTA_TEST_JOBS sets how many processes run at once.
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join, relative} from 'node:path'

const root = new URL('..', import.meta.url).pathname
const testDir = join(root, 'test')
const pattern = new RegExp(`${process.argv[2] ?? ''}.*\\.test\\.ts$`)
// One process more than there are cores: a CLI test process waits on its child part of the time,
// and one extra keeps the cores busy, where two per core made them share caches and switch more
// than they gained. Measured on 2 cores, warm caches, npm test: 4 at a time 70 s and 136 s of CPU,
// 3 at a time 63 s and 117 s, 2 at a time 66 s and 110 s.
const jobs = Number(process.env.CLOKTA_TEST_JOBS) || availableParallelism() + 1
const privateKeyring = process.env.CLOKTA_TEST_KEYRING === 'private'

function testFiles(dir) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'support' ? [] : testFiles(path)
    return pattern.test(relative(testDir, path)) ? [path] : []
  })
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const names = testFiles(testDir).map((path) => relative(testDir, path))

/**
 * Starting a process (node, tsx, uvu, the test support's modules; D-Bus and a keyring) costs
 * about a second of CPU, more than most files take, so the files share processes: a few for the
 * in-process tests and the CLI tests each, the keychain files apart from the rest (only they
 * need a keyring, and with one every test spawns secret-tool to empty it). A file's size stands
 * for its cost in CPU: measured, a KB of CLI tests (they spawn the CLI) takes about 0.8 s, a KB
 * of in-process tests 0.04 s. Each kind is cut into processes of about 12 s CPU at most (the
 * packing below keeps them near equal), and the processes start longest first, so no long one
 * starts at the end.
 */
const PROCESS_MS = 12_000
const cost = (name) => {
  const text = readFileSync(join(testDir, name), 'utf8')
  const cli = name.startsWith('cli/')
  return {ms: (text.length / 1000) * (cli ? 800 : 40), keyring: privateKeyring && cli && /\bKEYCHAIN\b/.test(text)}
}

/** `files` in processes of about PROCESS_MS each: the costliest file first into the lightest process. */
function pack(label, files, keyring) {
  const ms = files.reduce((n, f) => n + f.ms, 0)
  const processes = Array.from({length: Math.ceil(ms / PROCESS_MS)}, () => ({names: [], ms: 0}))
  for (const file of [...files].sort((a, b) => b.ms - a.ms)) {
    const lightest = processes.reduce((a, b) => (b.ms < a.ms ? b : a))
    lightest.names.push(file.name)
    lightest.ms += file.ms
  }
  return processes.map((p, i) => ({
    name: processes.length > 1 ? `${label} ${i + 1}/${processes.length}` : label,
    pattern: `^(${p.names.map(escape).join('|')})$`,
    keyring,
    ms: p.ms,
  }))
}

const costs = names.map((name) => ({name, ...cost(name)}))
const files = [
  ...pack(
    'in-process tests',
    costs.filter((f) => !f.name.startsWith('cli/')),
    false,
  ),
  ...pack(
    'CLI tests',
    costs.filter((f) => f.name.startsWith('cli/') && !f.keyring),
    false,
  ),
  ...pack(
    'CLI keychain tests',
    costs.filter((f) => f.keyring),
    true,
  ),
].sort((a, b) => b.ms - a.ms)

/**
 * A developer's proxy settings (HTTPS_PROXY, no_proxy, ... in any case) must neither break
 * the in-process tests, which read process.env (loopback is proxied unless NO_PROXY lists
 * it), nor send them around the code under test: the proxy tests set their own.
 */
function withoutProxies(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^(https?|all|no)_proxy$/i.test(name)))
}

function runFile(file) {
  const uvu = [process.execPath, '--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), 'test', file.pattern]
  const env = {...withoutProxies(process.env), NO_COLOR: '1'}
  let command = uvu
  let scratch
  if (file.keyring) {
    scratch = mkdtempSync(join(tmpdir(), 'clokta-keyring-'))
    Object.assign(env, {XDG_DATA_HOME: join(scratch, 'data'), XDG_RUNTIME_DIR: join(scratch, 'run')})
    // dbus-run-session looks for XDG_RUNTIME_DIR before the script below runs
    mkdirSync(env.XDG_DATA_HOME)
    mkdirSync(env.XDG_RUNTIME_DIR, {mode: 0o700})
    // The daemon runs in the foreground, so it ends with this file rather than lingering. The
    // tests start once it owns the Secret Service name on the bus and its login collection is
    // unlocked, or not at all: a test that reached the bus first would have D-Bus start a second
    // daemon without the password, whose locked collection refuses every item (seen once, a
    // cold run under load outlasting the wait). Asking the collection only once the name has an
    // owner starts no daemon.
    const bus = 'dbus-send --session --reply-timeout=2000 --print-reply'
    const start = [
      'printf %s clokta-test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 & daemon=$!',
      `ready() { ${bus} --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && ${bus} --dest=org.freedesktop.secrets /org/freedesktop/secrets/collection/login org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null | grep -q 'boolean false'; }`,
      'for _ in $(seq 600); do ready && break; sleep 0.05; done',
      'ready || { echo "test/run-files.mjs: the private gnome-keyring did not unlock its login collection within 30 s" >&2; kill $daemon 2>/dev/null; exit 1; }',
      '"$@"; status=$?; kill $daemon 2>/dev/null; wait $daemon 2>/dev/null; exit $status',
    ].join('\n')
    command = ['dbus-run-session', '--', 'bash', '-c', start, 'bash', ...uvu]
  }
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(command[0], command.slice(1), {cwd: root, env, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('close', (code) => {
      if (scratch) rmSync(scratch, {recursive: true, force: true})
      const count = (label) => Number(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(output)?.[1] ?? NaN)
      const total = count('Total')
      const passed = count('Passed')
      const skipped = count('Skipped')
      const crashed = Number.isNaN(total) || Number.isNaN(passed)
      resolve({
        file,
        output,
        code,
        seconds: (Date.now() - started) / 1000,
        total: crashed ? 1 : total,
        passed: crashed ? 0 : passed,
        skipped: skipped || 0,
        crashed,
      })
    })
  })
}

const started = Date.now()
const results = []
let next = 0
async function worker() {
  while (next < files.length) {
    const result = await runFile(files[next++])
    results.push(result)
    // uvu's own lines for the file, without its per-process totals
    // (and without dbus-daemon's notice that a sandbox will not raise its file limit)
    const body = result.output
      .replace(/\n\s*Total:[\s\S]*$/, '')
      .replace(/^dbus-daemon\[\d+\]: .*Failed to set fd limit.*\n/gm, '')
      .trimEnd()
    process.stdout.write(`${body}${result.crashed || result.code !== 0 ? `\n  (${result.file.name}: exit ${result.code})` : ''}\n`)
  }
}
await Promise.all(Array.from({length: Math.min(jobs, files.length)}, worker))

const sum = (key) => results.reduce((n, r) => n + r[key], 0)
const total = sum('total')
const passed = sum('passed')
const skipped = sum('skipped')
const failed = total - passed
const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 6)
process.stdout.write(`
  Total:     ${total}
  Passed:    ${passed}
  Skipped:   ${skipped}
  Duration:  ${((Date.now() - started) / 1000).toFixed(1)}s (${files.length} processes, ${jobs} at a time; slowest: ${slowest.map((r) => `${r.file.name} ${r.seconds.toFixed(1)}s`).join(', ')})

${passed} passed, ${failed} failed, ${skipped} skipped
`)
process.exitCode = failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0
