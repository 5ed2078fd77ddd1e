import {join} from 'node:path'

import type {OktaPipeline} from '../idp/okta-org.js'
import {ensurePrivateDir, readTextIfExists, writeFileAtomic} from '../io/atomic-file.js'
import {withFileLock, type WriteLock} from '../io/file-lock.js'
import {isRecord, shape, type Guard} from '../io/json-shape.js'
import {cloktaDir, writeLockPath} from '../io/paths.js'

/**
 * ~/.clokta/okta-engines.json: the engine each Okta org runs, as its
 * /.well-known/okta-organization said, by origin. What an org answered is clokta's own
 * memory, not a setting: in clokta.cfg it would read as the user's okta_engine and outrank
 * the org itself once the org moves to Identity Engine (Okta migrates orgs), and it is no
 * secret, so the keychain is no place for it either. Deleting the file costs one request.
 */
interface EnginesFile {
  version: 1
  orgs: Record<string, unknown>
}

export interface RememberedEngine {
  pipeline: OktaPipeline
  checkedAt: string
}

/** An answer older than this is asked again: an org that moved to Identity Engine is noticed within a month. */
const RECHECK_MS = 30 * 24 * 3600 * 1000

const isVersion1: Guard<1> = (value): value is 1 => value === 1
const isEnginesFile = shape<EnginesFile>({version: isVersion1, orgs: isRecord})
const isRemembered = (e: unknown): e is RememberedEngine =>
  isRecord(e) && (e.pipeline === 'v1' || e.pipeline === 'idx') && typeof e.checkedAt === 'string' && !Number.isNaN(Date.parse(e.checkedAt))

export function oktaEnginesPath(): string {
  return join(cloktaDir(), 'okta-engines.json')
}

async function readEngines(): Promise<EnginesFile> {
  try {
    const parsed: unknown = JSON.parse((await readTextIfExists(oktaEnginesPath())) ?? '{}')
    if (isEnginesFile(parsed)) return {version: 1, orgs: parsed.orgs}
  } catch {
    // unreadable or foreign: as none, the orgs are asked again
  }
  return {version: 1, orgs: {}}
}

/** The engine remembered for an org, unless it is a month old. */
export async function readOktaEngine(org: URL, now: number): Promise<OktaPipeline | undefined> {
  const {orgs} = await readEngines()
  const entry = Object.hasOwn(orgs, org.origin) ? orgs[org.origin] : undefined
  if (!isRemembered(entry) || now - Date.parse(entry.checkedAt) > RECHECK_MS) return undefined
  return entry.pipeline
}

/** `lock`: the run's, when it holds one (a second lock of the same file in this process would wait for ever). */
export async function saveOktaEngine(org: URL, pipeline: OktaPipeline, now: number, lock?: WriteLock): Promise<void> {
  await ensurePrivateDir(cloktaDir(), true)
  const write = async () => {
    const file = await readEngines()
    file.orgs[org.origin] = {pipeline, checkedAt: new Date(now).toISOString()} satisfies RememberedEngine
    await writeFileAtomic(oktaEnginesPath(), JSON.stringify(file, null, 2) + '\n', 0o600, 'refuse')
  }
  await (lock ? lock.writing(write) : withFileLock(writeLockPath(), write))
}
