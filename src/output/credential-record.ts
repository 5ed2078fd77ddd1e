import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {isValidProfileName} from '../config/profile-name.js'
import {readTextIfExists} from '../io/atomic-file.js'
import {isNumber, isString, optional, parseJson, shape} from '../io/json-shape.js'
import {cloktaDir} from '../io/paths.js'
import type {ProfileCredentials} from '../model/credentials.js'
import type {PreparedFile} from './artefact.js'

/**
 * clokta's own record of what it last wrote for a profile: when the credentials expire
 * (as STS said), for which role, under which access key id. No secret is in it; the keys
 * stay in ~/.aws/credentials, and the record only vouches for them while that file still
 * holds the same access key id.
 */
export interface CredentialRecord {
  version: 1
  profile: string
  roleArn: string
  accessKeyId: string
  expiration: string
  region?: string
  /** the duration the settings asked for (undefined: the default); other settings mean other credentials */
  askedSeconds?: number
  /** what they were made from (app URL and user, or the chain): credentials made from other settings do not serve */
  madeFor?: string
  /** the app offered only this role, so a run that names none still wants it */
  soleRole?: boolean
}

const isRecordFile = shape<CredentialRecord>({
  version: (value): value is 1 => value === 1,
  profile: isString,
  roleArn: isString,
  accessKeyId: isString,
  expiration: isString,
  region: optional(isString),
  askedSeconds: optional(isNumber),
  madeFor: optional(isString),
  soleRole: optional((value): value is boolean => typeof value === 'boolean'),
})

export function recordPath(profile: string): string {
  return join(cloktaDir(), 'records', `${profile}.json`)
}

export async function prepareRecord(pc: ProfileCredentials): Promise<PreparedFile> {
  const record: CredentialRecord = {
    askedSeconds: pc.askedSeconds,
    version: 1,
    profile: pc.profile,
    roleArn: pc.roleArn,
    accessKeyId: pc.credentials.accessKeyId,
    expiration: pc.credentials.expiration.toISOString(),
    region: pc.region,
    madeFor: pc.madeFor,
    soleRole: pc.soleRole,
  }
  const path = recordPath(pc.profile)
  return {path, content: JSON.stringify(record, null, 2) + '\n', mode: 0o600, dir: join(cloktaDir(), 'records'), ownDir: true, symlinks: 'refuse'}
}

/** clokta wrote this profile's credentials (and so can log it in again), whatever clokta.cfg holds. */
export function hasRecord(profile: string): boolean {
  // a name from ~/.aws/config is looked up only when it cannot leave the records directory
  return isValidProfileName(profile) && existsSync(recordPath(profile))
}

/** undefined when there is none or it cannot be read: the caller then simply logs in. */
export async function readRecord(profile: string): Promise<CredentialRecord | undefined> {
  try {
    const text = await readTextIfExists(recordPath(profile))
    return text === undefined ? undefined : parseJson(text, isRecordFile)
  } catch {
    return undefined
  }
}
