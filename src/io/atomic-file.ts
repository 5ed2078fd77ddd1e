import {randomBytes} from 'node:crypto'
import {constants} from 'node:fs'
import {access, chmod, lstat, mkdir, open, readdir, readFile, readlink, rename, stat, unlink} from 'node:fs/promises'
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

/** Removes a file; true if it was there. */
export async function removeIfExists(path: string): Promise<boolean> {
  try {
    await unlink(path)
    return true
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false
    throw fileError('remove', path, error)
  }
}

/** A symlinked file (dotfiles kept in a repo) is written through, not replaced by a file. */
export async function followSymlinks(path: string): Promise<string> {
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

/**
 * Creates a directory only its owner can enter; an existing one keeps its mode unless
 * `tighten`. A symlinked directory is never chmod-ed: that would change the mode of
 * whatever it points at (see privateDirNotice).
 */
export async function ensurePrivateDir(dir: string, tighten = false): Promise<void> {
  try {
    await mkdir(dir, {recursive: true, mode: 0o700})
    if (!tighten) return
    const info = await lstat(dir)
    if (!info.isSymbolicLink() && (info.mode & 0o077) !== 0) await chmod(dir, 0o700)
  } catch (error) {
    throw fileError('create the directory', dir, error)
  }
}

/** One line for a symlinked private directory others can enter, which ensurePrivateDir leaves as it is; undefined when all is well. */
export async function privateDirNotice(dir: string): Promise<string | undefined> {
  const link = await lstat(dir).catch(() => undefined)
  if (!link?.isSymbolicLink()) return undefined
  const mode = ((await stat(dir).catch(() => undefined))?.mode ?? 0) & 0o777
  if ((mode & 0o077) === 0) return undefined
  const target = await followSymlinks(dir).catch(() => dir)
  return `${displayPath(dir)} is a symbolic link to ${displayPath(target)}, whose mode (${mode.toString(8)}) lets others in; clokta leaves it as it is (chmod 700 ${displayPath(target)} to keep your credentials private).`
}

/** The temp files of writeFileAtomic: `.<name>.<12 hex digits>.tmp`. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/
/** A write takes milliseconds: an older temp file was left by a run that was killed. */
const TEMP_LEFTOVER_MS = 60_000

/** Removes what killed runs left in `dir` (copies of credentials, keys and all); what cannot be removed stays, harmlessly. */
export async function removeLeftoverTemps(dir: string, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => [])
  for (const name of names.filter((n) => TEMP_NAME.test(n))) {
    const path = join(dir, name)
    const info = await lstat(path).catch(() => undefined)
    if (info?.isFile() && now - info.mtimeMs > TEMP_LEFTOVER_MS) await unlink(path).catch(() => undefined)
  }
}

export type Symlinks = 'follow' | 'refuse'

function symlinkRefused(path: string, target: string): CloktaError {
  return new CloktaError(
    `${displayPath(path)} is a symbolic link (to ${displayPath(target)}); clokta does not write through it.`,
    'file',
    `Remove the link (rm ${displayPath(path)}) and clokta writes a file of its own there.`,
  )
}

/** The directory a write will go to, or the nearest one that must let it be created, is one the user may write in. */
export async function checkDirWritable(dir: string): Promise<void> {
  let info
  try {
    info = await stat(dir)
  } catch (error) {
    const code = errnoCode(error)
    if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(dir) !== dir) return checkDirWritable(dirname(dir))
    throw fileError('write in', dir, error)
  }
  if (!info.isDirectory()) throw new CloktaError(`Cannot write in ${displayPath(dir)}: it is a file, not a folder.`, 'file')
  await access(dir, constants.W_OK | constants.X_OK).catch((error: unknown) => {
    throw fileError('write in', dir, error)
  })
}

/**
 * Whether writeFileAtomic(path) can succeed, asked before anything is written (and before
 * the password is sent): a folder where the file should be, a symlink clokta will not write
 * through (a dangling one included), a folder it may not write in. One line each.
 */
export async function checkWritable(path: string, symlinks: Symlinks): Promise<void> {
  let target = resolve(path)
  let info
  try {
    info = await lstat(target)
    if (info.isSymbolicLink()) {
      const to = await followSymlinks(target)
      if (symlinks === 'refuse') throw symlinkRefused(path, to)
      target = to
      info = await lstat(target).catch((error: unknown) => {
        if (errnoCode(error) === 'ENOENT') return undefined
        throw error
      })
    }
  } catch (error) {
    if (error instanceof CloktaError) throw error
    // ENOTDIR: a file where a folder on the way should be, which the folder check names
    if (errnoCode(error) !== 'ENOENT' && errnoCode(error) !== 'ENOTDIR') throw fileError('write', path, error)
    info = undefined
  }
  if (info?.isDirectory())
    throw new CloktaError(`Cannot write ${displayPath(target)}: it is a folder, not a file.`, 'file', 'Move it away and run clokta again.')
  if (info && !info.isFile()) throw new CloktaError(`Cannot write ${displayPath(target)}: it is not a regular file.`, 'file')
  await checkDirWritable(dirname(target))
}

/**
 * Temp file in the same directory, fsync, rename: a reader sees the old file or the new
 * one, never half of either, and a crash cannot truncate the user's credentials.
 */
export async function writeFileAtomic(path: string, data: string, mode = 0o600, symlinks: Symlinks = 'follow'): Promise<void> {
  let target = path
  let temp: string | undefined
  try {
    const link = await lstat(path).catch(() => undefined)
    // rename would replace the link with a file; refusing says so instead of doing either silently
    if (link?.isSymbolicLink() && symlinks === 'refuse') throw symlinkRefused(path, await followSymlinks(path))
    target = await followSymlinks(path)
    await removeLeftoverTemps(dirname(target))
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
    if (error instanceof CloktaError) throw error
    throw fileError('write', target, error)
  } finally {
    if (temp) await unlink(temp).catch(() => undefined)
  }
}
