// Runs the test files in parallel, each in its own uvu process (and, when test/run.sh chose
// a private keyring, its own D-Bus session and gnome-keyring), then prints uvu's totals and
// a plain "N passed, N failed" line. Most of a CLI test's time is spent waiting on the child
// it spawned, so a few files at once fill two cores; a keyring per file keeps `logout --all`
// in one file from emptying another's keychain.
//
// Usage: node test/run-files.mjs [pattern]   (files whose path under test/ matches it)
// CLOKTA_TEST_JOBS sets how many files run at once.
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join, relative} from 'node:path'

const root = new URL('..', import.meta.url).pathname
const testDir = join(root, 'test')
const pattern = new RegExp(`${process.argv[2] ?? ''}.*\\.test\\.ts$`)
const jobs = Number(process.env.CLOKTA_TEST_JOBS) || Math.max(2, availableParallelism() * 2)
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

// Each CLI test file runs on its own, with its own keyring; the in-process tests share one
// process, since a process costs more to start than they take to run. That process is one of
// the longest (10-14 s), so it starts first; then the CLI files, the biggest first, so that no
// long file starts last.
const inProcess = names.filter((n) => !n.startsWith('cli/'))
const files = [
  ...(inProcess.length ? [{name: 'in-process tests', pattern: `^(${inProcess.map(escape).join('|')})$`, keyring: false}] : []),
  ...names
    .filter((n) => n.startsWith('cli/'))
    .map((name) => ({name, pattern: `^${escape(name)}$`, keyring: privateKeyring, weight: statSync(join(testDir, name)).size}))
    .sort((a, b) => b.weight - a.weight),
]

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
    // The daemon runs in the foreground, so it ends with this file rather than lingering;
    // the tests start once it owns the Secret Service name on the bus.
    const start = [
      'printf %s clokta-test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 & daemon=$!',
      'for _ in $(seq 250); do dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break; sleep 0.02; done',
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
