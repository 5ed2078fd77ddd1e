import {existsSync} from 'node:fs'

import type {Credentials} from '../model/credentials.js'
import {readRecord, type CredentialRecord} from '../output/credential-record.js'
import {readCredentialsSection} from '../output/credentials-file.js'
import {findRoles} from '../saml/choose-role.js'

export interface ValidityQuestion {
  profile: string
  /** log in again when fewer seconds than this remain */
  minRemainingSeconds: number
  /** --role / okta_aws_role_to_assume from the environment: the credentials must be for it */
  explicitRole?: string
  now: number
  /** the paths that must still be there (the .env and .sh) */
  artefacts: string[]
  /** what the settings ask for now: credentials made for other ones do not serve */
  askedSeconds?: number
  /** any duration serves (a chain's source: its hops last their own time whatever is left of it) */
  anyDuration?: boolean
  region?: string
}

/**
 * The profile's credentials as clokta last wrote them, when they still serve: enough time
 * left by clokta's own record, the same access key still in ~/.aws/credentials (nobody
 * replaced them), the other artefacts present, and the role asked for.
 */
export async function stillValidCredentials(q: ValidityQuestion): Promise<{record: CredentialRecord; credentials: Credentials} | undefined> {
  const record = await readRecord(q.profile)
  if (!record) return undefined
  if (Date.parse(record.expiration) - q.now < q.minRemainingSeconds * 1000) return undefined
  const section = await readCredentialsSection(q.profile)
  if (section.aws_access_key_id !== record.accessKeyId || !section.aws_secret_access_key || !section.aws_session_token) return undefined
  if (!q.artefacts.every((p) => existsSync(p))) return undefined
  if ((!q.anyDuration && record.askedSeconds !== q.askedSeconds) || record.region !== q.region) return undefined
  if (q.explicitRole !== undefined) {
    const [accountId, roleName] = [record.roleArn.split(':')[4], record.roleArn.split('/').pop()!]
    if (findRoles([{roleArn: record.roleArn, principalArn: '', accountId, roleName}], q.explicitRole).length === 0) return undefined
  }
  const credentials: Credentials = {
    accessKeyId: record.accessKeyId,
    secretAccessKey: section.aws_secret_access_key,
    sessionToken: section.aws_session_token,
    expiration: new Date(record.expiration),
  }
  return {record, credentials}
}
