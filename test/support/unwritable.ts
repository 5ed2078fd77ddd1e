import {spawnSync} from 'node:child_process'
import {chmodSync, statSync} from 'node:fs'

/**
 * Makes a folder one clokta cannot write in, as the user running the tests. For a user, mode
 * 0500 does it. Root ignores mode bits (it writes in a 0500 folder, and so does clokta, rightly);
 * what stops root is a read-only file system or an immutable folder, so as root the folder is
 * made immutable (chattr +i, which needs a file system that has the flag, such as ext4, xfs or
 * btrfs). Returns how (the errno clokta should name) and the undo, or undefined with a notice
 * where neither can be done (root on tmpfs or overlayfs without the flag); CI=true makes that an error.
 */
export function makeUnwritable(dir: string): {code: 'EACCES' | 'EPERM'; undo: () => void} | undefined {
  if (process.getuid?.() !== 0) {
    const mode = statSync(dir).mode & 0o777
    chmodSync(dir, 0o500)
    return {code: 'EACCES', undo: () => chmodSync(dir, mode)}
  }
  const set = spawnSync('chattr', ['+i', dir], {encoding: 'utf8'})
  if (set.status === 0) return {code: 'EPERM', undo: () => void spawnSync('chattr', ['-i', dir])}
  const why = `as root, a folder is made unwritable with chattr +i, which failed here: ${(set.stderr || set.error?.message || '').trim()}`
  if (process.env.CI === 'true') throw new Error(why)
  console.log(`  (${why}; the check of an unwritable folder is skipped)`)
  return undefined
}
