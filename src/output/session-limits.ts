import {join} from 'node:path'

import {ensurePrivateDir, readTextIfExists, writeFileAtomic} from '../io/atomic-file.js'
import {withFileLock, type WriteLock} from '../io/file-lock.js'
import {isRecord, shape, type Guard} from '../io/json-shape.js'
import {cloktaDir, writeLockPath} from '../io/paths.js'
import type {SessionLimit} from '../sts/session-limit.js'

/**
 * ~/.clokta/session-limits.json: what clokta learned about roles' maximum sessions, by
 * role ARN. A role's, not a profile's: every profile assuming it (-p, --all-roles, a
 * chain's base) shares the lesson. It is clokta's own state, not a setting, so it stays
 * out of clokta.cfg; and out of the credential records, which vouch for one profile's
 * keys and are replaced with them. No secret is in it.
 */
interface SessionLimitsFile {
  version: 1
  /** by role ARN; each entry is checked when read (isLimit), and one that fails is kept as it is */
  roles: Record<string, unknown>
}

const isVersion1: Guard<1> = (value): value is 1 => value === 1
const isSessionLimitsFile = shape<SessionLimitsFile>({version: isVersion1, roles: isRecord})

export function sessionLimitsPath(): string {
  return join(cloktaDir(), 'session-limits.json')
}

const isLimit = (l: unknown): l is SessionLimit =>
  isRecord(l) &&
  Number.isInteger(l.grantedSeconds) &&
  Number.isInteger(l.refusedSeconds) &&
  typeof l.learnedAt === 'string' &&
  !Number.isNaN(Date.parse(l.learnedAt))

/** An unreadable or foreign file is as good as none: the limits are learned again. */
async function readLimits(): Promise<SessionLimitsFile> {
  try {
    const parsed: unknown = JSON.parse((await readTextIfExists(sessionLimitsPath())) ?? '{}')
    if (isSessionLimitsFile(parsed)) return {version: 1, roles: parsed.roles}
  } catch {
    // as none
  }
  return {version: 1, roles: {}}
}

export async function readSessionLimit(roleArn: string): Promise<SessionLimit | undefined> {
  const {roles} = await readLimits()
  const limit = Object.hasOwn(roles, roleArn) ? roles[roleArn] : undefined
  return isLimit(limit) ? limit : undefined
}

/** Sets (or, with null, forgets) one role's limit; other roles', and other runs' writes, are kept. `lock`: the run's, when it holds one. */
export async function saveSessionLimit(roleArn: string, limit: SessionLimit | null, lock?: WriteLock): Promise<void> {
  await ensurePrivateDir(cloktaDir(), true)
  const write = async () => {
    const file = await readLimits()
    if (limit === null) file.roles = Object.fromEntries(Object.entries(file.roles).filter(([arn]) => arn !== roleArn))
    else file.roles[roleArn] = limit
    await writeFileAtomic(sessionLimitsPath(), JSON.stringify(file, null, 2) + '\n', 0o600, 'refuse')
  }
  await (lock ? lock.writing(write) : withFileLock(writeLockPath(), write))
}
