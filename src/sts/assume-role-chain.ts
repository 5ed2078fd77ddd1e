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
}

export interface ChainResult {
  credentials: Credentials
  /** credentials after each hop, in order */
  steps: Credentials[]
}

/** AssumeRole for each hop in turn, each signed with the credentials the previous one gave. */
export async function assumeRoleChain(base: Credentials, hops: PlannedHop[], stsFor: (hop: RoleHop) => StsApi, log: Logger): Promise<ChainResult> {
  let current = base
  const steps: Credentials[] = []
  for (const [i, planned] of hops.entries()) {
    const {hop} = planned
    const sts = stsFor(hop)
    const what = `${hop.roleArn} (profile ${hop.profile}, hop ${i + 1} of ${hops.length})`
    try {
      const out = await sts.assumeRole(
        {roleArn: hop.roleArn, roleSessionName: planned.roleSessionName, durationSeconds: planned.durationSeconds, externalId: hop.externalId},
        current,
      )
      current = toCredentials(out.Credentials, what)
    } catch (error) {
      throw convertStsError(error, `to let ${i === 0 ? 'the source credentials' : hops[i - 1].hop.roleArn} assume ${what}`, sts.endpoint, {
        AccessDenied: `Check that ${hop.roleArn} trusts the role before it in the chain${hop.externalId ? ' with this external_id' : ''}, and that that role may call sts:AssumeRole on it.`,
      })
    }
    log.secret(current.secretAccessKey)
    log.secret(current.sessionToken)
    log.debug(`assumed ${hop.roleArn} for ${formatDuration(planned.durationSeconds)}`)
    steps.push(current)
  }
  return {credentials: current, steps}
}
