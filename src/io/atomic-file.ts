import {randomBytes} from 'node:crypto'
import {constants} from 'node:fs'
import {chmod, lstat, mkdir, open, readFile, readlink, rename, stat, unlink} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'

import {CloktaError, errnoCode, messageOf} from '../errors.js'
import {decodeLossless, encodeLossless} from './lossless-text.js'
import {displayPath} from './paths.js'

export function fileError(action: string, path: string, error: unknown): CloktaError {
  const code = errnoCode(error)
  const reasons: Partial<Record<string, string>> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a parent is not a directory',
    ELOOP: 'too many symbolic links',
  }
  const reason = (code === undefined ? undefined : reasons[code]) ?? messageOf(error)
  return new CloktaError(`Cannot ${action} ${displayPath(path)}: ${reason}${code ? ` (${code})` : ''}.`, 'file', undefined, {cause: error})
}

/** Bytes that are not UTF-8 survive a read and a writeFileAtomic of the same text (see lossless-text.ts). */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return decodeLossless(await readFile(path))
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined
    throw fileError('read', path, error)
  }
}

/** A symlinked file (dotfiles kept in a repo) is written through, not replaced by a file. */
async function followSymlinks(path: string): Promise<string> {
  let current = resolve(path)
  for (let hops = 0; hops < 40; hops++) {
    let info
    try {
      info = await lstat(current)
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return current
      throw error
    }
    if (!info.isSymbolicLink()) return current
    current = resolve(dirname(current), await readlink(current))
  }
  throw Object.assign(new Error('too many symbolic links'), {code: 'ELOOP'})
}

/** Makes the rename itself survive a crash; not every platform can open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // best effort
  }
}

/** Creates a directory only its owner can enter; an existing one keeps its mode unless `tighten`. */
export async function ensurePrivateDir(dir: string, tighten = false): Promise<void> {
  try {
    await mkdir(dir, {recursive: true, mode: 0o700})
    if (tighten && ((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, 0o700)
  } catch (error) {
    throw fileError('create the directory', dir, error)
  }
}

/**
 * Temp file in the same directory, fsync, rename: a reader sees the old file or the new
 * one, never half of either, and a crash cannot truncate the user's credentials.
 */
export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  let target = path
  let temp: string | undefined
  try {
    target = await followSymlinks(path)
    temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
    const handle = await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode)
    try {
      await handle.writeFile(encodeLossless(data))
      await handle.chmod(mode) // the umask may have narrowed or the file system widened it
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
    temp = undefined
    await syncDirectory(dirname(target))
  } catch (error) {
    throw fileError('write', target, error)
  } finally {
    if (temp) await unlink(temp).catch(() => undefined)
  }
}
