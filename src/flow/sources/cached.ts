import {existsSync} from 'node:fs'

import {writtenRegionFor} from '../../config/partition.js'
import {UNSET_REGION} from '../../config/region.js'
import type {Credentials} from '../../model/credentials.js'
import {readRecord, type CredentialRecord} from '../../output/credential-record.js'
import {findRoles} from '../../saml/choose-role.js'
import {fixed, type CredentialSource} from './credential-source.js'

export interface ValidityQuestion {
  profile: string
  /** the profile's keys in ~/.aws/credentials, as the run found them */
  keys: Record<string, string>
  /** log in again when fewer seconds than this remain */
  minRemainingSeconds: number
  /**
   * What the credentials must have been made from: the app URL and user, or the chain.
   * Records from before clokta kept this do not serve.
   */
  madeFor: string
  /**
   * The role this run would assume (--role, the environment, the remembered one): the
   * credentials must be for it. 'any' for a chain, whose madeFor names its roles. With
   * none, only credentials for an app's sole role serve: a run that would prompt, or one
   * after a one-off --role, must not be handed another role's keys.
   */
  role: string | undefined
  now: number
  /** the paths that must still be there (the .env and .sh) */
  artefacts: string[]
  /** what the settings ask for now: credentials made for other ones do not serve */
  askedSeconds?: number
  /** any duration serves (a chain's source: its hops last their own time whatever is left of it) */
  anyDuration?: boolean
  /** the region set for the profile (AWS_REGION, ~/.aws/config), if any */
  region?: string
}

/**
 * The profile's credentials as clokta last wrote them, when they still serve: enough time
 * left by clokta's own record, the same access key still in ~/.aws/credentials (nobody
 * replaced them), the other artefacts present, and made from the same settings for the
 * role asked for.
 */
export async function stillValidCredentials(q: ValidityQuestion): Promise<{record: CredentialRecord; credentials: Credentials} | undefined> {
  const record = await readRecord(q.profile)
  if (!record) return undefined
  if (Date.parse(record.expiration) - q.now < q.minRemainingSeconds * 1000) return undefined
  const section = q.keys
  if (section.aws_access_key_id !== record.accessKeyId || !section.aws_secret_access_key || !section.aws_session_token) return undefined
  if (!q.artefacts.every((p) => existsSync(p))) return undefined
  if (!q.anyDuration && record.askedSeconds !== q.askedSeconds) return undefined
  // the region the login would write now: the one set, or its role's partition's
  if (record.region !== writtenRegionFor(record.roleArn, q.region === undefined ? UNSET_REGION : {value: q.region, source: '', known: true}))
    return undefined
  if (record.madeFor !== q.madeFor) return undefined
  if (q.role === undefined && record.soleRole !== true) return undefined
  if (q.role !== undefined && q.role !== 'any') {
    const [accountId, roleName] = [record.roleArn.split(':')[4], record.roleArn.slice(record.roleArn.lastIndexOf('/') + 1)]
    if (findRoles([{roleArn: record.roleArn, principalArn: '', accountId, roleName}], q.role).length === 0) return undefined
  }
  const credentials: Credentials = {
    accessKeyId: record.accessKeyId,
    secretAccessKey: section.aws_secret_access_key,
    sessionToken: section.aws_session_token,
    expiration: new Date(record.expiration),
  }
  return {record, credentials}
}

export interface StillValid {
  source: CredentialSource
  record: CredentialRecord
  credentials: Credentials
}

/**
 * The still-valid check as a wrapper around making a source: the credentials clokta last
 * wrote for the profile while they still serve (nobody is contacted, nothing is asked),
 * else what `inner` makes, which may ask and log in. No question (--force): always `inner`.
 */
export async function cached<T>(q: ValidityQuestion | undefined, inner: () => Promise<T>): Promise<{valid: StillValid} | {fresh: T}> {
  const valid = q && (await stillValidCredentials(q))
  if (valid) return {valid: {...valid, source: fixed(`the still-valid credentials of ${q.profile}`, valid.credentials)}}
  return {fresh: await inner()}
}
