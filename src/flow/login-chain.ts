import {awsCredentialsPath} from '../config/aws-config.js'
import type {CfgChange} from '../config/clokta-cfg.js'
import {formatDuration, parseDuration} from '../config/duration.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import {resolvedSetting, resolveSettings} from '../config/resolve-settings.js'
import {roleSessionNameFor, type RoleChain, type RoleHop} from '../config/role-chain.js'
import {CloktaError} from '../errors.js'
import type {Credentials} from '../model/credentials.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {CHAINED_MAX, type PlannedHop} from '../sts/assume-role-chain.js'
import {MAX_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import type {LoginRun} from './login-run.js'
import {planProfile, stillValidOutcome, validityQuestion, writePlan, type AsChainSource, type LoginOutcome, type SamlPlan} from './login-profile.js'
import {assumeRoleTtlSeconds, explicit, readProfileSettings, type LoginFlags, type ProfileSettings} from './profile-settings.js'
import {assumeRoleChain} from './sources/assume-role.js'
import {cached} from './sources/cached.js'
import {fixed, type CredentialSource} from './sources/credential-source.js'
import {oktaSaml} from './sources/okta-saml.js'
import {staticKeys, type StaticKeys} from './sources/static-keys.js'

interface HopDuration {
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

function planHops(hops: RoleHop[], durations: HopDuration[], username: string | undefined, deps: Deps): PlannedHop[] {
  return hops.map((hop, i) => {
    const {wanted, seconds} = durations[i]
    if (wanted > seconds) {
      deps.log.info(`AWS limits chained role sessions to 1h: asking for 1h for ${hop.profile} instead of ${formatDuration(wanted)}.`)
    }
    return {
      hop,
      roleSessionName: hop.roleSessionName ?? roleSessionNameFor(username ?? 'clokta'),
      durationSeconds: seconds,
      position: {index: i + 1, of: hops.length, after: i > 0 ? hops[i - 1].roleArn : undefined},
    }
  })
}

/**
 * A session TTL the chained profile sets for itself (its clokta.cfg section, its
 * session_ttl in ~/.aws/config) is for the Okta role under it, as aws-okta reads it. One
 * from the command line or the environment reaches the source profile by itself.
 */
function inheritedBySource(settings: ProfileSettings): AsChainSource {
  const duration = resolvedSetting(settings.resolved, 'duration')
  const own = duration !== undefined && (duration.origin === 'profile' || duration.origin === 'aws-config')
  return {inherited: own ? {duration: {value: duration.value, source: duration.source}} : undefined}
}

/** What a chained profile's credentials are made from: its base and every hop as ~/.aws/config has them. */
function chainBasis(chain: RoleChain): string {
  const hops = chain.hops.map((h) => [h.roleArn, h.externalId ?? '', h.roleSessionName ?? ''].join(' '))
  return ['chain', chain.base.kind, chain.base.profile, ...hops].join('\n')
}

/** A chained profile ready for its hops: everything asked, nothing yet sent to STS. */
export interface ChainPlan {
  target: string
  /** the hops over the base: what the target's credentials come from */
  source: CredentialSource
  /** the base, when an Okta login made it for this run: written too, as itself, once every hop has succeeded */
  samlBase?: SamlPlan
  roleArn: string
  username?: string
  region?: string
  askedSeconds: number
  madeFor: string
}

/** How the Okta SAML profiles of one run reach STS and the files once each, however many profiles share them. */
export interface SamlRunner {
  source(plan: SamlPlan): CredentialSource
  write(plan: SamlPlan, credentials: Credentials): Promise<LoginOutcome>
}

/** Each plan's AssumeRoleWithSAML and writing happen once, whoever asks for them first. */
export function samlRunner(run: LoginRun): SamlRunner {
  const sources = new Map<SamlPlan, CredentialSource>()
  const written = new Map<SamlPlan, Promise<LoginOutcome>>()
  // clokta.cfg keeps what each plan remembers in the order the plans were made
  const remembering = new Map<SamlPlan, (changes: CfgChange[]) => void>()
  const rememberFor = (plan: SamlPlan) => {
    const remember = remembering.get(plan) ?? run.updates.reserve()
    remembering.set(plan, remember)
    return remember
  }
  return {
    source(plan) {
      rememberFor(plan)
      const source = sources.get(plan) ?? oktaSaml(plan, run)
      sources.set(plan, source)
      return source
    },
    write(plan, credentials) {
      const writing = written.get(plan) ?? writePlan(plan, credentials, run, rememberFor(plan))
      written.set(plan, writing)
      return writing
    },
  }
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
  runner: SamlRunner,
  samlPlans: Map<string, SamlPlan> = new Map(),
): Promise<{done: LoginOutcome} | {plan: ChainPlan}> {
  validateProfileName(target)
  const {deps, world} = run
  const settings = await readProfileSettings(target, flags, run)
  const keys: StaticKeys | undefined = chain.base.kind === 'static' ? staticKeys(chain.base.profile, await world.awsCredentials()) : undefined
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
  const made = await cached(question, async () => {
    const base = keys ? {source: keys} : await chainBase(chain.base.profile, settings, flags, run, runner, samlPlans)
    const username = base.samlBase?.username ?? base.username
    const hops = planHops(chain.hops, durations, username, deps)
    const baseRegion = resolveRegion(chain.base.profile, settings.awsConfig, world.env).value
    return {
      target,
      source: assumeRoleChain(base.source, hops, ({hop}) => deps.sts(hop.region ?? baseRegion), deps.log, deps.clock),
      samlBase: base.samlBase,
      roleArn: top.roleArn,
      username,
      region: settings.region.known ? settings.region.value : undefined,
      askedSeconds,
      madeFor,
    }
  })
  if ('valid' in made) return {done: {...stillValidOutcome({...settings, askedSeconds}, made.valid), chained: true}}
  return {plan: made.fresh}
}

/** Where a chain's first credentials come from when its base is a clokta profile: a login shared with every chain (and -p) on it, or its still-valid credentials. */
async function chainBase(
  profile: string,
  top: ProfileSettings,
  flags: LoginFlags,
  run: LoginRun,
  runner: SamlRunner,
  samlPlans: Map<string, SamlPlan>,
): Promise<{source: CredentialSource; samlBase?: SamlPlan; username?: string}> {
  let plan = samlPlans.get(profile)
  if (!plan) {
    const planned = await planProfile(profile, flags, run, inheritedBySource(top))
    if ('done' in planned) {
      run.deps.log.info(`Using the still-valid credentials of ${profile}.`)
      return {source: fixed(`the still-valid credentials of ${profile}`, planned.done.credentials), username: planned.done.username}
    }
    plan = planned.plan
    samlPlans.set(profile, plan)
  }
  return {source: runner.source(plan), samlBase: plan}
}

/**
 * The artefacts, once every hop has succeeded: the base's (when it was logged in for this
 * chain), then the target's.
 */
export async function writeChained(
  plan: ChainPlan,
  credentials: Credentials,
  runner: SamlRunner,
  {world, writes}: Pick<LoginRun, 'world' | 'writes'>,
): Promise<LoginOutcome> {
  if (plan.samlBase) await runner.write(plan.samlBase, await runner.source(plan.samlBase).get())
  const written = await writeArtefacts(
    {
      profile: plan.target,
      credentials,
      region: plan.region,
      roleArn: plan.roleArn,
      askedSeconds: plan.askedSeconds,
      madeFor: plan.madeFor,
    },
    {credentialsFile: awsCredentialsPath(world.env)},
    writes,
  )
  return {kind: 'logged-in', profile: plan.target, credentials, roleArn: plan.roleArn, username: plan.username, written, chained: true}
}
