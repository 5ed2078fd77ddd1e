import {parseDuration} from '../config/duration.js'
import {resolvedSetting, resolveSettings} from '../config/resolve-settings.js'
import type {RoleChain, RoleHop} from '../config/role-chain.js'
import {CloktaError} from '../errors.js'
import type {Clock} from '../io/clock.js'
import {CHAINED_MAX} from '../sts/assume-role-chain.js'
import {MAX_DURATION} from '../sts/assume-role-with-saml.js'
import {
  assumeRoleTtlSeconds,
  explicit,
  readProfileSettings,
  type LoginFlags,
  type ProfileSettings,
  type SettingsReader,
} from './read-profile-settings.js'
import type {ValidityQuestion} from './sources/cached.js'
import {staticKeys, type StaticKeys} from './sources/static-keys.js'
import {validityQuestion} from './validity-question.js'

export interface HopDuration {
  /** what the settings ask for */
  wanted: number
  /** what is asked of STS */
  seconds: number
}

/**
 * Each hop's duration: the chained profile's assume-role TTL, resolved with the hop's own
 * duration_seconds where a chain's top puts what it sets for its source (below
 * --assume-role-ttl and AWS_ASSUME_ROLE_TTL, above assume_role_ttl in clokta.cfg or
 * ~/.aws/config), else 1 h. A hop whose caller is a role session is role chaining, which
 * AWS caps at an hour; the first hop from an IAM user's long-term keys is not, and may ask
 * for up to 12 h.
 */
function hopDurations(hops: RoleHop[], settings: ProfileSettings, baseIsRoleSession: boolean): HopDuration[] {
  return hops.map((hop, i) => {
    const own = hop.durationSeconds === undefined ? undefined : {value: hop.durationSeconds, source: `duration_seconds of [profile ${hop.profile}]`}
    const resolved = resolveSettings({...settings.input, inherited: own && {assumeRoleTtl: own}, only: ['assumeRoleTtl']})
    // passed on as the AWS CLI passes it, a hop's own duration_seconds is not held to clokta's range
    const ttl = resolvedSetting(resolved, 'assumeRoleTtl')
    const seconds = ttl?.origin === 'chain' ? parseDuration(ttl.value, ttl.source) : assumeRoleTtlSeconds(resolved)
    const wanted = seconds ?? CHAINED_MAX
    const chained = i > 0 || baseIsRoleSession
    return {wanted, seconds: Math.min(wanted, chained ? CHAINED_MAX : MAX_DURATION)}
  })
}

/** What a chained profile's credentials are made from: its base and every hop as ~/.aws/config has them. */
function chainBasis(chain: RoleChain): string {
  const hops = chain.hops.map((h) => [h.roleArn, h.externalId ?? '', h.roleSessionName ?? ''].join(' '))
  return ['chain', chain.base.kind, chain.base.profile, ...hops].join('\n')
}

/** What a chained profile's still-valid credentials must satisfy, and what its login would ask of STS. */
export interface ChainedQuestion {
  settings: ProfileSettings
  /** the base's own keys, when it is no clokta profile */
  keys?: StaticKeys
  durations: HopDuration[]
  /** the last hop: the role the chained credentials are for */
  top: RoleHop
  askedSeconds: number
  madeFor: string
  /** undefined when it logs in anyway (--force, a one-off --role) */
  question?: ValidityQuestion
}

/**
 * The chained profile's settings and validity question, read without asking anything:
 * shared by its login and the credential_process fast path, so both decide alike.
 */
export async function chainedQuestion(
  target: string,
  chain: RoleChain,
  flags: LoginFlags,
  run: SettingsReader & {deps: {clock: Pick<Clock, 'now'>}},
): Promise<ChainedQuestion> {
  const settings = await readProfileSettings(target, flags, run)
  const keys: StaticKeys | undefined = chain.base.kind === 'static' ? staticKeys(chain.base.profile, await run.world.awsCredentials()) : undefined
  const durations = hopDurations(chain.hops, settings, keys === undefined || keys.roleSession)
  const [top, topDuration] = [chain.hops.at(-1), durations.at(-1)]
  // resolveRoleChain makes a chain only of a profile with a role_arn, so there is always a hop
  if (top === undefined || topDuration === undefined) throw new CloktaError(`Profile ${target} has no role_arn to assume.`, 'config')
  // The chained credentials are what the last hop asked for: another TTL asked now means a new login.
  const askedSeconds = topDuration.seconds
  const madeFor = chainBasis(chain)
  // --role picks the base's role, which the chained credentials' record does not know: assume again
  const oneOffRole = explicit(settings.resolved, 'role') !== undefined
  const question = await validityQuestion({...settings, askedSeconds}, {...flags, force: flags.force || oneOffRole}, run, {chain: madeFor})
  return {settings, keys, durations, top, askedSeconds, madeFor, question}
}
