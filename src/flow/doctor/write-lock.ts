import {messageOf} from '../../errors.js'
import {inspectWriteLock, type WriteLockState} from '../../io/file-lock.js'
import {displayPath, writeLockPath} from '../../io/paths.js'
import {broken, ok, warning, type Finding} from './findings.js'

const holder = (s: WriteLockState) =>
  [
    s.pid === undefined ? undefined : `pid ${s.pid}`,
    s.host,
    s.profiles?.length ? `profiles ${s.profiles.join(', ')}` : undefined,
    s.since && `since ${s.since}`,
  ]
    .filter(Boolean)
    .join(', ')

/** What a run that writes would find at the write lock: free, held by a live clokta (who), or unusable. */
export function lockFinding(state: WriteLockState, path: string): Finding {
  const subject = displayPath(path)
  switch (state.state) {
    case 'free':
      return ok('lock', subject, 'free')
    case 'held':
      // the OS lock is held only by a live process: a run waits for it, up to 2 minutes
      return warning('lock', subject, `held by a running clokta (${holder(state) || 'unknown'}): a login that writes waits for it`)
    case 'legacy-held':
      return warning('lock', subject, `held by an older clokta writing now (${holder(state)}): a login waits for it`)
    case 'legacy-leftover':
      return ok('lock', subject, `left by an older clokta that is gone (${holder(state)}); the next login takes it over`)
  }
}

export async function writeLock(): Promise<Finding[]> {
  const path = writeLockPath()
  try {
    return [lockFinding(await inspectWriteLock(path), path)]
  } catch (error) {
    // a lock clokta cannot open stops every login before the password
    return [broken('lock', displayPath(path), messageOf(error))]
  }
}
