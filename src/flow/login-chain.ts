import {awsCredentialsPath} from '../config/aws-config.js'
import type {CfgChange} from '../config/clokta-cfg.js'
import {formatDuration} from '../config/duration.js'
import {validateProfileName} from '../config/profile-name.js'
import {checkOnePartition, roleRegion, writtenRegionFor} from '../config/partition.js'
import {resolveRegion, type Region} from '../config/region.js'
import {resolvedSetting} from '../config/resolve-settings.js'
import {roleSessionNameFor, type RoleChain, type RoleHop} from '../config/role-chain.js'
import type {Credentials} from '../model/credentials.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import type {PlannedHop} from '../sts/assume-role-chain.js'
import {chainedQuestion, type HopDuration} from './chain-question.js'
import type {Deps} from './deps.js'
import type {LoginRun} from './login-run.js'
import {planProfile, planSource, stillValidOutcome, writePlan, type AsChainSource, type LoginOutcome, type ProfilePlan} from './login-profile.js'
import type {LoginFlags, ProfileSettings} from './profile-settings.js'
import {assumeRoleChain} from './sources/assume-role.js'
import {cached} from './sources/cached.js'
import {fixed, type CredentialSource} from './sources/credential-source.js'

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
 * The region a hop is signed for: its profile's own region in ~/.aws/config, else its base's,
 * when that is of the hop's role's partition; else the partition's default (see roleRegion).
 */
function hopRegion(hop: RoleHop, baseRegion: Region, deps: Pick<Deps, 'log'>): string {
  const configured = hop.region === undefined ? baseRegion : {value: hop.region, source: `region of [profile ${hop.profile}]`, known: true}
  const {region, setAside} = roleRegion(hop.roleArn, configured)
  if (setAside) deps.log.debug(`${hop.profile}: ${setAside} (the partition of ${hop.roleArn})`)
  return region.value
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

/** A chained profile ready for its hops: everything asked, nothing yet sent to STS. */
export interface ChainPlan {
  target: string
  /** the hops over the base: what the target's credentials come from */
  source: CredentialSource
  /** the base, when an Okta login made it for this run: written too, as itself, once every hop has succeeded */
  samlBase?: ProfilePlan
  roleArn: string
  username?: string
  region?: string
  askedSeconds: number
  madeFor: string
}

/** How the planned profiles of one run (Okta SAML, IAM Identity Center) reach AWS and the files once each, however many profiles share them. */
export interface SamlRunner {
  source(plan: ProfilePlan): CredentialSource
  write(plan: ProfilePlan, credentials: Credentials): Promise<LoginOutcome>
}

/** Each plan's AssumeRoleWithSAML and writing happen once, whoever asks for them first. */
export function samlRunner(run: LoginRun): SamlRunner {
  const sources = new Map<ProfilePlan, CredentialSource>()
  const written = new Map<ProfilePlan, Promise<LoginOutcome>>()
  // clokta.cfg keeps what each plan remembers in the order the plans were made
  const remembering = new Map<ProfilePlan, (changes: CfgChange[]) => void>()
  const rememberFor = (plan: ProfilePlan) => {
    const remember = remembering.get(plan) ?? run.updates.reserve()
    remembering.set(plan, remember)
    return remember
  }
  return {
    source(plan) {
      rememberFor(plan)
      const source = sources.get(plan) ?? planSource(plan, run)
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
  samlPlans: Map<string, ProfilePlan> = new Map(),
): Promise<{done: LoginOutcome} | {plan: ChainPlan}> {
  validateProfileName(target)
  const {deps, world} = run
  const {settings, keys, durations, top, askedSeconds, madeFor, question} = await chainedQuestion(target, chain, flags, run)
  const made = await cached(question, async () => {
    const base = keys ? {source: keys} : await chainBase(chain.base.profile, settings, flags, run, runner, samlPlans)
    const username = base.samlBase?.username ?? base.username
    const hops = planHops(chain.hops, durations, username, deps)
    checkOnePartition(target, [...(base.samlBase ? [base.samlBase.roleArn] : []), ...chain.hops.map((h) => h.roleArn)])
    const baseRegion = resolveRegion(chain.base.profile, settings.awsConfig, world.env)
    return {
      target,
      source: assumeRoleChain(base.source, hops, ({hop}) => deps.sts(hopRegion(hop, baseRegion, deps)), deps.log, deps.clock),
      samlBase: base.samlBase,
      roleArn: top.roleArn,
      username,
      region: writtenRegionFor(top.roleArn, settings.region),
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
  samlPlans: Map<string, ProfilePlan>,
): Promise<{source: CredentialSource; samlBase?: ProfilePlan; username?: string}> {
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
