import {formatDuration, parseDuration} from '../config/duration.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import {roleSessionNameFor, type RoleChain, type RoleHop} from '../config/role-chain.js'
import {CloktaError} from '../errors.js'
import type {Credentials} from '../model/credentials.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {assumeRoleChain, CHAINED_MAX, type PlannedHop} from '../sts/assume-role-chain.js'
import {MAX_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import type {LoginRun} from './login-run.js'
import {assumePlan, planProfile, stillValid, writePlan, type AsChainSource, type LoginOutcome, type SamlPlan} from './login-profile.js'
import {assumeRoleTtlSeconds, explicit, readProfileSettings, type LoginFlags, type ProfileSettings} from './profile-settings.js'

/** Keys a profile already holds in ~/.aws/credentials (an IAM user, say), as a chain's base. */
async function staticCredentials(profile: string, world: LoginRun['world']): Promise<Credentials & {sessionToken: string}> {
  const section = (await world.awsCredentials()).profile(profile)
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

/** Where a chain's first credentials come from. */
export type ChainBase =
  | {kind: 'keys'; credentials: Credentials; username?: string}
  /** an Okta login through the base profile, ready for STS; shared by every chain (and -p) on that profile */
  | {kind: 'saml'; plan: SamlPlan}

/** A chained profile ready for its hops: everything asked, nothing yet sent to STS. */
export interface ChainPlan {
  target: string
  chain: RoleChain
  base: ChainBase
  hops: PlannedHop[]
  baseRegion: string
  region?: string
  askedSeconds: number
  madeFor: string
}

/**
 * A profile chained in ~/.aws/config (role_arn + source_profile), up to its hops: the
 * base's credentials come from keys the base profile holds, its still-valid credentials,
 * or an Okta login (planned once for all chains on it: `samlPlans`).
 */
export async function planChained(
  target: string,
  chain: RoleChain,
  flags: LoginFlags,
  run: LoginRun,
  samlPlans: Map<string, SamlPlan> = new Map(),
): Promise<{done: LoginOutcome} | {plan: ChainPlan}> {
  validateProfileName(target)
  const {deps, world} = run
  const settings = await readProfileSettings(target, flags, run)
  let staticBase: (Credentials & {sessionToken: string}) | undefined
  if (chain.base.kind === 'static') {
    staticBase = await staticCredentials(chain.base.profile, world)
    if (!staticBase.accessKeyId || !staticBase.secretAccessKey) {
      throw new CloktaError(`Profile ${chain.base.profile} in ~/.aws/credentials has no access key and secret.`, 'config')
    }
  }
  const ttl = {seconds: assumeRoleTtlSeconds(settings.resolved), explicit: explicit(settings.resolved, 'assumeRoleTtl') !== undefined}
  const durations = hopDurations(chain.hops, ttl, staticBase === undefined || staticBase.sessionToken !== '')
  // The chained credentials are what the last hop asked for: another TTL asked now means a new login.
  const askedSeconds = durations.at(-1)!.seconds
  const madeFor = chainBasis(chain)
  // --role picks the base's role, which the chained credentials' record does not know: assume again
  const oneOffRole = explicit(settings.resolved, 'role') !== undefined
  const valid = await stillValid({...settings, askedSeconds}, {...flags, force: flags.force || oneOffRole}, world, {chain: madeFor})
  if (valid) return {done: {...valid, chained: true}}

  let base: ChainBase
  const shared = samlPlans.get(chain.base.profile)
  if (staticBase) {
    base = {kind: 'keys', credentials: staticBase}
  } else if (shared) {
    base = {kind: 'saml', plan: shared}
  } else {
    const planned = await planProfile(chain.base.profile, flags, run, inheritedBySource(settings))
    if ('done' in planned) {
      deps.log.info(`Using the still-valid credentials of ${chain.base.profile}.`)
      base = {kind: 'keys', credentials: planned.done.credentials, username: planned.done.username}
    } else {
      samlPlans.set(chain.base.profile, planned.plan)
      base = {kind: 'saml', plan: planned.plan}
    }
  }
  const username = base.kind === 'saml' ? base.plan.username : base.username
  return {
    plan: {
      target,
      chain,
      base,
      hops: planHops(chain.hops, durations, username, deps),
      baseRegion: resolveRegion(chain.base.profile, settings.awsConfig, world.env).value,
      region: settings.region.known ? settings.region.value : undefined,
      askedSeconds,
      madeFor,
    },
  }
}

/** How the plans of one run reach STS and the files once each, however many profiles share them. */
export interface SamlRunner {
  assume(plan: SamlPlan): Promise<Credentials>
  write(plan: SamlPlan, credentials: Credentials): Promise<LoginOutcome>
}

/**
 * The hops, then the artefacts: the base's (when it was logged in for this chain), then
 * the target's. Nothing is written unless every hop has succeeded.
 */
export async function executeChained(plan: ChainPlan, runner: SamlRunner, deps: Deps): Promise<LoginOutcome> {
  const base = plan.base.kind === 'saml' ? await runner.assume(plan.base.plan) : plan.base.credentials
  const {credentials} = await assumeRoleChain(base, plan.hops, (hop) => deps.sts(hop.region ?? plan.baseRegion), deps.log)
  if (plan.base.kind === 'saml') await runner.write(plan.base.plan, base)
  const last = plan.chain.hops.at(-1)!
  const written = await writeArtefacts({
    profile: plan.target,
    credentials,
    region: plan.region,
    roleArn: last.roleArn,
    askedSeconds: plan.askedSeconds,
    madeFor: plan.madeFor,
  })
  const username = plan.base.kind === 'saml' ? plan.base.plan.username : plan.base.username
  return {kind: 'logged-in', profile: plan.target, credentials, roleArn: last.roleArn, username, written, chained: true}
}

/** Each plan's AssumeRoleWithSAML and writing happen once, whoever asks for them first. */
export function samlRunner(run: LoginRun): SamlRunner {
  const assumed = new Map<SamlPlan, Promise<Credentials>>()
  const written = new Map<SamlPlan, Promise<LoginOutcome>>()
  const once = <T>(cache: Map<SamlPlan, Promise<T>>, plan: SamlPlan, make: () => Promise<T>) => {
    if (!cache.has(plan)) cache.set(plan, make())
    return cache.get(plan)!
  }
  return {
    assume: (plan) => once(assumed, plan, () => assumePlan(plan, run)),
    write: (plan, credentials) => once(written, plan, () => writePlan(plan, credentials, run.updates)),
  }
}
