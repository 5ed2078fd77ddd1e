import {randomBytes} from 'node:crypto'
import {link, open, stat, unlink, type FileHandle} from 'node:fs/promises'
import {hostname} from 'node:os'
import {basename, dirname, join} from 'node:path'

import {CloktaError, errnoCode} from '../errors.js'
import {fileError} from './atomic-file.js'
import {isRecord} from './json-shape.js'
import {loadFsNative, type FsNativeModule} from './native-addons.js'
import {displayPath} from './paths.js'
import {exitOnSignal, holdingOffSignals} from './signals.js'

/**
 * clokta's write lock is an OS lock (fcntl/flock on Unix, LockFileEx on Windows, through
 * fs-native-extensions) on ~/.clokta/.write.lock, held open while the run writes. The OS
 * drops it when the process dies, however it dies, so there is no stale lock to guess at
 * from a PID or an age; the file only names the holder for whoever waits.
 */

/** How long a run waits for another: the holder keeps the lock through its Okta login (an MFA push included), not only its writes. */
export const WRITE_LOCK_WAIT_MS = 120_000
const POLL_MS = 100
/** A bare-PID lock file (clokta before the OS lock) this recent whose process lives is an older clokta writing now. */
const LEGACY_FRESH_MS = 30_000
/** The byte locked lies past the holder line: LockFileEx locks are mandatory, and the line must stay readable on Windows too. */
const LOCK_BYTE = 2 ** 30

export interface LockHolder {
  pid: number
  profiles: string[]
  host?: string
  since?: string
  /** a bare PID: written by clokta before the OS lock */
  legacy?: true
}

export function parseLockHolder(text: string): LockHolder | undefined {
  const line = text.split('\n', 1)[0].trim()
  if (/^\d+$/.test(line)) return {pid: Number(line), profiles: [], legacy: true}
  try {
    const parsed: unknown = JSON.parse(line)
    if (!isRecord(parsed) || typeof parsed.pid !== 'number') return undefined
    const {profiles, host, since} = parsed
    return {
      pid: parsed.pid,
      profiles: Array.isArray(profiles) ? profiles.filter((p): p is string => typeof p === 'string') : [],
      host: typeof host === 'string' ? host : undefined,
      since: typeof since === 'string' ? since : undefined,
    }
  } catch {
    return undefined
  }
}

function describeHolder(holder: LockHolder | undefined): string {
  if (holder === undefined) return 'another clokta'
  if (holder.legacy) return `an older clokta (PID ${holder.pid})`
  const host = holder.host !== undefined && holder.host !== hostname() ? ` on ${holder.host}` : ''
  const profiles = holder.profiles.length === 0 ? '' : `, profile${holder.profiles.length > 1 ? 's' : ''} ${holder.profiles.join(', ')}`
  return `another clokta (PID ${holder.pid}${host}${profiles})`
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errnoCode(error) === 'EPERM'
  }
}

const isLegacyWriting = (holder: LockHolder, mtimeMs: number) =>
  holder.pid !== process.pid && Date.now() - mtimeMs < LEGACY_FRESH_MS && isAlive(holder.pid)

function tryLock(native: FsNativeModule, handle: FileHandle, path: string): boolean {
  try {
    return native.tryLock(handle.fd, LOCK_BYTE, 1)
  } catch (error) {
    // Windows reports a held range as a lock violation rather than EAGAIN
    if (['EAGAIN', 'EBUSY', 'EACCES', 'EWOULDBLOCK'].includes(errnoCode(error) ?? '')) return false
    throw fileError('lock', path, error)
  }
}

async function readHead(handle: FileHandle): Promise<string> {
  const buffer = Buffer.alloc(4096)
  const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0)
  return buffer.subarray(0, bytesRead).toString('utf8')
}

/** In place, then cut to length: a reader sees the old line or the new one (with at most a tail after its newline), never an empty file. */
async function writeHolder(handle: FileHandle, line: string): Promise<void> {
  await handle.write(line, 0, 'utf8')
  await handle.truncate(Buffer.byteLength(line))
}

/** A new lock file appears with its holder line already in it: written aside, then linked into place (link never replaces). */
async function createLockFile(path: string, line: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(line)
    } finally {
      await handle.close()
    }
    await link(temp, path)
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EEXIST') return
    // a file system without hard links: the file is empty for the moment its line takes to write
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw fileError('create the lock file', path, error)
    await open(path, 'wx', 0o600).then(
      async (h) => {
        await h.writeFile(line).finally(() => h.close())
      },
      (e: unknown) => {
        if (errnoCode(e) !== 'EEXIST') throw fileError('create the lock file', path, e)
      },
    )
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

async function openLockFile(path: string, line: string): Promise<FileHandle> {
  for (;;) {
    try {
      return await open(path, 'r+')
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw fileError('open the lock file', path, error)
    }
    await createLockFile(path, line)
  }
}

type Attempt = {handle: FileHandle} | {busy: LockHolder | undefined} | {again: true}

async function attempt(native: FsNativeModule, path: string, line: string): Promise<Attempt> {
  const handle = await openLockFile(path, line)
  let keep = false
  try {
    if (!tryLock(native, handle, path)) return {busy: parseLockHolder(await readHead(handle))}
    // The holder before us may have removed the file on its way out: ours must be the path's.
    const [mine, named] = [await handle.stat(), await stat(path).catch(() => undefined)]
    if (named === undefined || named.ino !== mine.ino || named.dev !== mine.dev) return {again: true}
    const text = await readHead(handle)
    const found = parseLockHolder(text)
    if (found?.legacy && isLegacyWriting(found, mine.mtimeMs)) return {busy: found}
    // an older clokta between creating its file and writing its PID into it
    if (text === '' && Date.now() - mine.mtimeMs < 2000) return {busy: undefined}
    await writeHolder(handle, line)
    keep = true
    return {handle}
  } finally {
    if (!keep) await handle.close() // closing drops the OS lock
  }
}

export interface WriteLockOptions {
  /** how a run tells the user it waits (once) */
  say?: (line: string) => void
  waitMs?: number
}

const formatWait = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.ceil(ms / 1000)} s`)

async function acquire(path: string, line: () => string, {say, waitMs = WRITE_LOCK_WAIT_MS}: WriteLockOptions): Promise<FileHandle> {
  const native = loadFsNative()
  const deadline = Date.now() + waitMs
  let told = false
  for (;;) {
    const got = await attempt(native, path, line())
    if ('handle' in got) return got.handle
    if ('again' in got) continue
    const who = describeHolder(got.busy)
    if (Date.now() >= deadline) {
      const kill = got.busy ? ` (or end it: kill ${got.busy.pid})` : ''
      throw new CloktaError(
        `Gave up after ${formatWait(waitMs)}: ${who} is still writing credentials (lock ${displayPath(path)}).`,
        'file',
        `Try again once it has finished${kill}.`,
      )
    }
    if (!told) say?.(`Waiting for ${who} to finish writing credentials (up to ${formatWait(waitMs)})...`)
    told = true
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** Removes the file while still holding the lock (so no one can be holding a lock on it then), only if it is still ours. */
async function releaseFile(path: string, handle: FileHandle): Promise<void> {
  try {
    // Windows cannot be trusted to unlink a file others have open; the file stays, unlocked.
    if (process.platform !== 'win32') {
      const [mine, named] = [await handle.stat(), await stat(path).catch(() => undefined)]
      if (named !== undefined && named.ino === mine.ino && named.dev === mine.dev) await unlink(path).catch(() => undefined)
    }
  } finally {
    await handle.close()
  }
}

/**
 * One run's hold on the write lock. A login takes it before the password is sent (a busy
 * lock is found before the login, not after) and keeps it through its writes; writes
 * within the run go one at a time, each with signals held off until it is done.
 */
export class WriteLock {
  private held: Promise<FileHandle> | undefined
  private readonly profiles: string[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private readonly since = new Date().toISOString()
  private failure: Error | undefined

  constructor(
    readonly path: string,
    private readonly options: WriteLockOptions = {},
  ) {}

  /** taken, or being taken */
  get holding(): boolean {
    return this.held !== undefined
  }

  private line(): string {
    return JSON.stringify({pid: process.pid, host: hostname(), profiles: this.profiles, since: this.since}) + '\n'
  }

  /** Takes the lock, waiting (bounded) while another clokta holds it; `profiles` are named in the file for whoever waits. */
  async hold(profiles: string[] = []): Promise<void> {
    const added = profiles.filter((p) => !this.profiles.includes(p))
    this.profiles.push(...added)
    // given up once, the run does not wait a second time (saving clokta.cfg on its way out)
    if (this.failure !== undefined) throw this.failure
    const first = this.held === undefined
    this.held ??= acquire(this.path, () => this.line(), this.options)
    const handle = await this.held.catch((error: unknown) => {
      this.held = undefined
      this.failure = error instanceof Error ? error : new Error(String(error))
      throw this.failure
    })
    if (!first && added.length > 0) await writeHolder(handle, this.line())
  }

  /** Runs `write` under the lock, after this run's other writes, with SIGINT/SIGTERM/SIGHUP held off until it has finished. */
  async writing<T>(write: () => Promise<T>): Promise<T> {
    await this.hold()
    const run = this.queue.then(() =>
      holdingOffSignals(write, async (signal) => {
        await this.release()
        exitOnSignal(signal)
      }),
    )
    this.queue = run.catch(() => undefined)
    return run
  }

  async release(): Promise<void> {
    const held = this.held
    this.held = undefined
    const handle = await held?.catch(() => undefined)
    if (handle) await releaseFile(this.path, handle)
  }
}

/** One write under the lock, for a command that writes once (configure, logout): a wait is told on stderr, where clokta talks to the user. */
export async function withFileLock<T>(lockPath: string, body: () => Promise<T>, options?: WriteLockOptions): Promise<T> {
  const lock = new WriteLock(lockPath, {say: (line) => process.stderr.write(line + '\n'), ...options})
  try {
    return await lock.writing(body)
  } finally {
    await lock.release()
  }
}

export interface WriteLockState {
  /** legacy-*: a bare-PID file of clokta before the OS lock, whose writer lives and wrote it recently (held) or not (leftover) */
  state: 'free' | 'held' | 'legacy-held' | 'legacy-leftover'
  pid?: number
  profiles?: string[]
  host?: string
  since?: string
}

/** What `clokta doctor` reports of the lock: who holds it, if anyone. Takes it for a moment when free. */
export async function inspectWriteLock(path: string): Promise<WriteLockState> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r+')
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return {state: 'free'}
    throw fileError('open the lock file', path, error)
  }
  try {
    const holder = parseLockHolder(await readHead(handle))
    const who = holder && {pid: holder.pid, profiles: holder.profiles, host: holder.host, since: holder.since}
    const native = loadFsNative()
    if (!tryLock(native, handle, path)) return {state: 'held', ...who}
    native.unlock(handle.fd, LOCK_BYTE, 1)
    if (holder?.legacy) return {state: isLegacyWriting(holder, (await handle.stat()).mtimeMs) ? 'legacy-held' : 'legacy-leftover', pid: holder.pid}
    return {state: 'free', ...who}
  } finally {
    await handle.close()
  }
}
