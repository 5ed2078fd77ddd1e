import {open, stat, unlink} from 'node:fs/promises'

import {CloktaError} from '../errors.js'
import {fileError} from './atomic-file.js'
import {displayPath} from './paths.js'

const WAIT_MS = 10_000
/** A lock older than this was left by a run that died; writes take milliseconds. */
const STALE_MS = 30_000

/**
 * Serialises clokta's read-modify-write of shared files (~/.aws/credentials, clokta.cfg):
 * two runs for different profiles would otherwise each rename their copy over the other's
 * and one profile would vanish.
 */
export async function withFileLock<T>(lockPath: string, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600)
      await handle.writeFile(String(process.pid))
      await handle.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError('create the lock file', lockPath, error)
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      )
      if (age > STALE_MS) {
        await unlink(lockPath).catch(() => undefined)
        continue
      }
      if (Date.now() > deadline) {
        throw new CloktaError(
          `Another clokta has been writing credentials for ${WAIT_MS / 1000} s (lock ${displayPath(lockPath)}).`,
          'file',
          'If no other clokta is running, delete that file.',
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  try {
    return await body()
  } finally {
    await unlink(lockPath).catch(() => undefined)
  }
}
