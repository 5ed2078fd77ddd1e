import {spawn} from 'node:child_process'
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import pty from 'node-pty'

/**
 * Runs the built CLI (bin/run.cjs, the package's bin → dist/) as a user would, with a temporary HOME and an
 * environment built from scratch, so nothing from the developer's own AWS or Okta setup
 * leaks in. `detached` gives the child its own session: without a controlling terminal
 * /dev/tty cannot be opened, exactly as under CI or credential_process.
 */
export const BIN = new URL('../../bin/run.cjs', import.meta.url).pathname

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Whether a child since the last call was given this process's D-Bus session, and so could
 * have reached the test keyring: the harness empties the keyring before a test only then,
 * sparing most tests (which give their children no bus) two secret-tool runs.
 */
let busGiven = true
export function keyringReachedSinceLastAsked(): boolean {
  const reached = busGiven
  busGiven = false
  return reached
}
export function noteKeyringReached(): void {
  busGiven = true
}

export function baseEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    ...extra,
  }
  if (env.DBUS_SESSION_BUS_ADDRESS && env.DBUS_SESSION_BUS_ADDRESS === process.env.DBUS_SESSION_BUS_ADDRESS) noteKeyringReached()
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

export function runCli(args: string[], options: {home: string; env?: Record<string, string | undefined>; stdin?: string}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: baseEnv(options.home, options.env), detached: true, stdio: 'pipe'})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
    // a child that exits before reading its input (a usage error, a fast failure) makes the write
    // fail with EPIPE under load; its exit code and output are what the test judges
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.stdin ?? '')
  })
}

export interface Step {
  /** wait until the screen (ANSI stripped) shows this after the previous step's match */
  expect: RegExp
  /** keys to type then ('\r' is Enter, '\x1b[B' the down arrow); a function is called at that moment */
  send?: string | (() => string)
  /** then make the window this many columns wide (SIGWINCH reaches the CLI) */
  resize?: number
}

export interface PtyResult {
  code: number
  /** everything the terminal showed, ANSI stripped */
  screen: string
  /** everything the CLI wrote, escape sequences and all */
  raw: string
}

export interface PtyOptions {
  /** the window's width; 200 unless given */
  cols?: number
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]|\r/g, '')
}

export const KEY = {enter: '\r', down: '\x1b[B', up: '\x1b[A'}

/** Runs the CLI in a real pseudo-terminal and answers its prompts one step at a time. */
export function runInPty(
  args: string[],
  options: {home: string; env?: Record<string, string | undefined>; steps: Step[]; timeoutMs?: number; command?: string[]} & PtyOptions,
): Promise<PtyResult> {
  return new Promise((resolve, reject) => {
    // `command` runs something else in the terminal (a shell that redirects stdout, say)
    const [file, ...argv] = options.command ?? [process.execPath, BIN, ...args]
    const rows = 50
    const term = pty.spawn(file, argv, {env: baseEnv(options.home, options.env), cols: options.cols ?? 200, rows})
    let raw = ''
    let consumed = 0
    let step = 0
    const fail = (why: string) => {
      term.kill()
      reject(new Error(`${why}\n--- screen ---\n${stripAnsi(raw)}\n--------------`))
    }
    const timer = setTimeout(() => fail(`timed out at step ${step}: waiting for ${options.steps[step]?.expect}`), options.timeoutMs ?? 20_000)
    const advance = () => {
      while (step < options.steps.length) {
        const screen = stripAnsi(raw).slice(consumed)
        const m = options.steps[step].expect.exec(screen)
        if (!m) return
        consumed += m.index + m[0].length
        const {send, resize} = options.steps[step]
        if (send !== undefined) term.write(typeof send === 'function' ? send() : send)
        if (resize !== undefined) term.resize(resize, rows)
        step++
      }
    }
    term.onData((data) => {
      raw += data
      advance()
    })
    term.onExit(({exitCode}) => {
      clearTimeout(timer)
      // let the last output arrive before judging the dialogue
      setTimeout(() => {
        advance()
        if (step < options.steps.length) fail(`exited (${exitCode}) at step ${step}: never saw ${options.steps[step].expect}`)
        else resolve({code: exitCode, screen: stripAnsi(raw), raw})
      }, 50)
    })
  })
}

/** A temporary HOME; `write` puts a file under it (creating directories). */
export interface TempHome {
  dir: string
  path(...parts: string[]): string
  write(relativePath: string, content: string | Uint8Array, mode?: number): string
  remove(): void
}

export function tempHome(): TempHome {
  const dir = mkdtempSync(join(tmpdir(), 'clokta-home-'))
  return {
    dir,
    path: (...parts) => join(dir, ...parts),
    write(relativePath, content, mode = 0o600) {
      const path = join(dir, relativePath)
      mkdirSync(dirname(path), {recursive: true})
      writeFileSync(path, content, {mode})
      return path
    },
    remove: () => rmSync(dir, {recursive: true, force: true}),
  }
}
