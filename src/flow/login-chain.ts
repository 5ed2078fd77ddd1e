import {formatDuration, parseDuration} from '../config/duration.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import {roleSessionNameFor, type RoleChain, type RoleHop} from '../config/role-chain.js'
import {CloktaError} from '../errors.js'
import type {Credentials} from '../model/credentials.js'
import {readCredentialsSection} from '../output/credentials-file.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {assumeRoleChain, CHAINED_MAX, type PlannedHop} from '../sts/assume-role-chain.js'
import {MAX_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import {assumePlan, planProfile, stillValid, writePlan, type AsChainSource, type LoginOutcome, type SamlPlan} from './login-profile.js'
import {assumeRoleTtlSeconds, explicit, readProfileSettings, type LoginFlags, type ProfileSettings} from './profile-settings.js'

/** Keys a profile already holds in ~/.aws/credentials (an IAM user, say), as a chain's base. */
async function staticCredentials(profile: string): Promise<Credentials & {sessionToken: string}> {
  const section = await readCredentialsSection(profile)
  return {
    accessKeyId: section.aws_access_key_id,
    secretAccessKey: section.aws_secret_access_key,
    sessionToken: section.aws_session_token ?? '',
    expiration: new Date(8.64e15),
  }
}

interface HopDuration {
  /** what the settings ask for */
  wanted: number
  /** what is asked of STS */
  seconds: number
}

/**
 * Each hop's duration: --assume-role-ttl / AWS_ASSUME_ROLE_TTL, else the hop's own
 * duration_seconds, else assume_role_ttl from clokta.cfg or ~/.aws/config, else 1 h. A hop
 * whose caller is a role session is role chaining, which AWS caps at an hour; the first
 * hop from an IAM user's long-term keys is not, and may ask for up to 12 h.
 */
function hopDurations(hops: RoleHop[], ttl: {seconds?: number; explicit: boolean}, baseIsRoleSession: boolean): HopDuration[] {
  return hops.map((hop, i) => {
    const fromHop = hop.durationSeconds !== undefined ? parseDuration(hop.durationSeconds, `duration_seconds of [profile ${hop.profile}]`) : undefined
    const wanted = (ttl.explicit ? ttl.seconds : (fromHop ?? ttl.seconds)) ?? CHAINED_MAX
    const chained = i > 0 || baseIsRoleSession
    return {wanted, seconds: Math.min(wanted, chained ? CHAINED_MAX : MAX_DURATION)}
  })
}

function planHops(hops: RoleHop[], durations: HopDuration[], username: string | undefined, deps: Deps): PlannedHop[] {
  return hops.map((hop, i) => {
    const {wanted, seconds} = durations[i]
    if (wanted > seconds) {
      deps.log.info(`AWS limits chained role sessions to 1h: asking for 1h for ${hop.profile} instead of ${formatDuration(wanted)}.`)
    }
    return {hop, roleSessionName: hop.roleSessionName ?? roleSessionNameFor(username ?? 'clokta'), durationSeconds: seconds}
  })
}

/**
 * A session TTL the chained profile sets for itself (its clokta.cfg section, its
 * session_ttl in ~/.aws/config) is for the Okta role under it, as aws-okta reads it. One
 * from the command line or the environment reaches the source profile by itself.
 */
function inheritedBySource(settings: ProfileSettings): AsChainSource {
  const {values, sources, origins} = settings.resolved
  const own = origins.duration === 'profile' || origins.duration === 'aws-config'
  return {inherited: own ? {duration: {value: values.duration!, source: sources.duration!}} : undefined}
}

/** What a chained profile's credentials are made from: its base and every hop as ~/.aws/config has them. */
function chainBasis(chain: RoleChain): string {
  const hops = chain.hops.map((h) => [h.roleArn, h.externalId ?? '', h.roleSessionName ?? ''].join(' '))
  return ['chain', chain.base.kind, chain.base.profile, ...hops].join('\n')
}

/**
 * A profile chained in ~/.aws/config (role_arn + source_profile): the base profile's
 * credentials (an Okta login, its still-valid credentials, or keys it holds), then one
 * AssumeRole per hop, then the target's artefacts. The base's own artefacts are
 * refreshed by its login as usual.
 */
export async function loginChained(target: string, chain: RoleChain, flags: LoginFlags, deps: Deps): Promise<LoginOutcome> {
  validateProfileName(target)
  const settings = await readProfileSettings(target, flags, deps)
  let staticBase: (Credentials & {sessionToken: string}) | undefined
  if (chain.base.kind === 'static') {
    staticBase = await staticCredentials(chain.base.profile)
    if (!staticBase.accessKeyId || !staticBase.secretAccessKey) {
      throw new CloktaError(`Profile ${chain.base.profile} in ~/.aws/credentials has no access key and secret.`, 'config')
    }
  }
  const ttl = {seconds: assumeRoleTtlSeconds(settings.resolved), explicit: explicit(settings.resolved, 'assumeRoleTtl') !== undefined}
  const durations = hopDurations(chain.hops, ttl, staticBase === undefined || staticBase.sessionToken !== '')
  // The chained credentials are what the last hop asked for: another TTL asked now means a new login.
  const askedSeconds = durations.at(-1)!.seconds
  const madeFor = chainBasis(chain)
  const valid = await stillValid({...settings, askedSeconds}, flags, {chain: madeFor})
  if (valid) return valid

  let base: Credentials
  let username: string | undefined
  let basePlan: SamlPlan | undefined
  if (staticBase) {
    base = staticBase
  } else {
    const planned = await planProfile(chain.base.profile, flags, deps, inheritedBySource(settings))
    if ('done' in planned) {
      deps.log.info(`Using the still-valid credentials of ${chain.base.profile}.`)
      base = planned.done.credentials
      username = planned.done.username
    } else {
      basePlan = planned.plan
      base = await assumePlan(basePlan, deps)
      username = basePlan.username
    }
  }
  const planned = planHops(chain.hops, durations, username, deps)
  const baseRegion = resolveRegion(chain.base.profile, settings.awsConfig, deps.env).value
  const {credentials} = await assumeRoleChain(base, planned, (hop) => deps.sts(hop.region ?? baseRegion), deps.log)
  // Only now, with every hop done, is anything written: the base's artefacts, then the target's.
  if (basePlan) await writePlan(basePlan, base)
  const last = chain.hops.at(-1)!
  const written = await writeArtefacts({
    profile: target,
    credentials,
    region: settings.region.known ? settings.region.value : undefined,
    roleArn: last.roleArn,
    askedSeconds,
    madeFor,
  })
  return {kind: 'logged-in', profile: target, credentials, roleArn: last.roleArn, username, written}
}
