import type {RoleHop} from '../config/role-chain.js'
import {formatDuration} from '../config/duration.js'
import type {Logger} from '../io/log.js'
import type {Credentials} from '../model/credentials.js'
import {toCredentials} from './assume-role-with-saml.js'
import type {StsApi} from './sts-client.js'
import {convertStsError} from './sts-error.js'

/** AWS caps a session made from another role session (role chaining) at one hour. */
export const CHAINED_MAX = 3600

export interface PlannedHop {
  hop: RoleHop
  roleSessionName: string
  /** seconds asked for, already capped at CHAINED_MAX */
  durationSeconds: number
  /** where it stands in its chain, for messages: 1-based, of how many, and the role before it */
  position: {index: number; of: number; after?: string}
}

/** AssumeRole for one hop of a chain, signed with the credentials the previous one gave; `now` judges the answer's Expiration. */
export async function assumeRoleHop(current: Credentials, planned: PlannedHop, sts: StsApi, log: Logger, now: () => number): Promise<Credentials> {
  const {hop, position} = planned
  const what = `${hop.roleArn} (profile ${hop.profile}, hop ${position.index} of ${position.of})`
  let out
  try {
    out = await sts.assumeRole(
      {roleArn: hop.roleArn, roleSessionName: planned.roleSessionName, durationSeconds: planned.durationSeconds, externalId: hop.externalId},
      current,
    )
  } catch (error) {
    throw convertStsError(error, `to let ${position.after ?? 'the source credentials'} assume ${what}`, sts.endpoint, {
      AccessDenied: `Check that ${hop.roleArn} trusts the role before it in the chain${hop.externalId ? ' with this external_id' : ''}, and that that role may call sts:AssumeRole on it.`,
    })
  }
  const credentials = toCredentials(out.Credentials, what, now())
  log.secret(credentials.secretAccessKey)
  log.secret(credentials.sessionToken)
  log.debug(`assumed ${hop.roleArn} for ${formatDuration(planned.durationSeconds)}`)
  return credentials
}
