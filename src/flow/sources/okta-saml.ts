import {formatDuration} from '../../config/duration.js'
import {samlLoginRegion} from '../../config/partition.js'
import type {Region} from '../../config/region.js'
import {messageOf} from '../../errors.js'
import type {Logger} from '../../io/log.js'
import type {SamlGrant} from '../../model/grant.js'
import type {SamlRole} from '../../model/role.js'
import {readSessionLimit, saveSessionLimit} from '../../output/session-limits.js'
import {parseAwsAssertion, type AwsAssertion} from '../../saml/assertion.js'
import {assumeRoleWithSaml, MAX_DURATION, MIN_DURATION} from '../../sts/assume-role-with-saml.js'
import type {SessionLimit} from '../../sts/session-limit.js'
import type {StsApi} from '../../sts/sts-client.js'
import {isExpiredAssertion} from '../../sts/sts-error.js'
import type {Deps} from '../deps.js'
import type {LoginRun} from '../login-run.js'
import type {OktaGrantRequest} from '../okta-logins.js'
import {readyToWrite} from '../ready-to-write.js'
import {once, type CredentialSource} from './credential-source.js'

export interface SamlAssertionResult {
  grant: SamlGrant
  assertion: AwsAssertion
  sts: StsApi
}

/**
 * Okta → the AWS app's SAML assertion, parsed: one login per app and user for the whole
 * run (see OktaLogins). The STS endpoint, the write lock and the files to write are
 * checked first, before anyone types a password.
 */
export async function oktaSamlAssertion(okta: OktaGrantRequest, region: string, run: LoginRun, profiles: string[]): Promise<SamlAssertionResult> {
  const sts = run.deps.sts(region)
  await readyToWrite(run, profiles)
  const grant = await run.okta.grant(okta)
  return {grant, sts, assertion: await parseAwsAssertion(grant.assertion, grant.appUrl)}
}

/**
 * Where a login of `role` goes: the region of its partition (see samlLoginRegion; a region
 * set for the profile that is not of that partition is set aside, and --debug says why) and
 * an STS client signing for it, the one already made when the region is the same.
 */
export function samlRegion(
  profile: string,
  configured: Region,
  assertion: AwsAssertion,
  role: SamlRole,
  made: {region: string; sts: StsApi},
  deps: Pick<Deps, 'sts' | 'log'>,
): {region: Region; sts: StsApi} {
  const {region, setAside} = samlLoginRegion(assertion.destination, role.roleArn, configured)
  if (setAside) deps.log.debug(`${profile}: ${setAside} (the partition of ${role.roleArn})`)
  return {region, sts: region.value === made.region ? made.sts : deps.sts(region.value)}
}

/**
 * What to ask AssumeRoleWithSAML for: the user's duration, else the app's SessionDuration,
 * else 12 h; never more than SessionDuration, and always within STS's 15m..12h.
 */
export function samlDuration(asked: number | undefined, assertion: AwsAssertion, log: Logger): number {
  const cap = assertion.sessionDuration === undefined ? undefined : Math.min(MAX_DURATION, Math.max(MIN_DURATION, assertion.sessionDuration))
  const wanted = asked ?? cap ?? MAX_DURATION
  if (cap !== undefined && wanted > cap) {
    log.info(`The Okta app limits sessions to ${formatDuration(cap)} (SessionDuration); asking for that instead of ${formatDuration(wanted)}.`)
    return cap
  }
  return wanted
}

/** A role of an Okta login's assertion, chosen: what AssumeRoleWithSAML needs. */
export interface SamlRoleLogin {
  profile: string
  grant: SamlGrant
  role: SamlRole
  durationSeconds: number
  sts: StsApi
}

/**
 * AssumeRoleWithSAML, once, and what it teaches about the role's maximum session (kept
 * for the next login). An assertion that expired while the run waited (a role prompt
 * left open) is renewed once through the run's Okta session rather than costing the
 * whole login again.
 */
export function oktaSaml(login: SamlRoleLogin, {deps, okta, writes}: LoginRun): CredentialSource {
  const assume = async (assertion: string, limit: SessionLimit | undefined) => {
    const out = await assumeRoleWithSaml(
      {role: login.role, assertion, durationSeconds: login.durationSeconds, limit, now: deps.clock.now(), profile: login.profile},
      login.sts,
      deps.log,
    )
    // a lesson clokta cannot keep costs a refused call next time, not this login
    if (out.learned !== undefined) {
      await saveSessionLimit(login.role.roleArn, out.learned, writes).catch((error: unknown) =>
        deps.log.debug(`Could not remember the role's maximum session: ${messageOf(error)}`),
      )
    }
    return out.credentials
  }
  return once({
    name: `${login.role.roleArn} (profile ${login.profile}, Okta)`,
    get: async () => {
      const limit = await readSessionLimit(login.role.roleArn)
      try {
        return await assume(login.grant.assertion, limit)
      } catch (error) {
        if (!isExpiredAssertion(error)) throw error
        const renewed = await okta.renew(login.grant)
        if (!renewed || !(await parseAwsAssertion(renewed.assertion, renewed.appUrl)).roles.some((r) => r.roleArn === login.role.roleArn)) throw error
        deps.log.info(`The SAML assertion expired while clokta waited; got a new one with your Okta session for ${login.profile}.`)
        return assume(renewed.assertion, limit)
      }
    },
  })
}
