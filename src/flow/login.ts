import {validateProfileName} from '../config/profile-name.js'
import type {RoleChain} from '../config/role-chain.js'
import type {World} from '../config/world.js'
import {CloktaError, endsTheRun, messageOf} from '../errors.js'
import {cancelOnCtrlC} from '../io/cancel-on-ctrl-c.js'
import {WriteLock} from '../io/file-lock.js'
import {writeLockPath} from '../io/paths.js'
import type {Credentials} from '../model/credentials.js'
import {cfgUpdates} from './cfg-updates.js'
import {chainFor} from './chain-for.js'
import type {Deps} from './deps.js'
import {planAllRoles} from './login-all-roles.js'
import {planChained, samlRunner, writeChained} from './login-chain.js'
import type {LoginRun} from './login-run.js'
import {planProfile, type LoginOutcome, type ProfilePlan} from './login-profile.js'
import {oktaLogins} from './okta-logins.js'
import type {LoginFlags} from './profile-settings.js'
import type {CredentialSource} from './sources/credential-source.js'

export interface LoginResult {
  outcomes: LoginOutcome[]
  /** profiles that failed (their settings, role, STS call or writing) while the others were written */
  failures: {profile: string; error: unknown}[]
}

/** One profile's credentials to get, and where they go: made by the interactive steps, run by the network ones. */
interface Job {
  profile: string
  source: CredentialSource
  write(credentials: Credentials): Promise<LoginOutcome>
}

/** The STS calls of every job go out together; each failure is its profile's alone. Nothing is written once the run is cancelled. */
async function runJobs(jobs: Job[], result: LoginResult, signal: AbortSignal): Promise<LoginResult> {
  const settled = await Promise.allSettled(
    jobs.map(async (j) => {
      const credentials = await j.source.get()
      signal.throwIfAborted()
      return j.write(credentials)
    }),
  )
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') result.outcomes.push(s.value)
    else result.failures.push({profile: jobs[i].profile, error: s.reason})
  })
  return result
}

/**
 * The login command's work for one or more profiles, or every role (--all-roles, through
 * at most one profile):
 * one credential source per profile, made by everything interactive first (Okta, role
 * prompts: the profiles given in order, then the chained ones), then the STS calls
 * together: SAML roles, and chained profiles' hops on top of them, each profile written
 * as its own come back. One Okta login serves them all, a base profile shared by several
 * is assumed and written once, and clokta.cfg's changes are saved once, at the end.
 */
export async function login(profiles: string[], flags: LoginFlags, deps: Deps, world: World, allRoles?: {template: string}): Promise<LoginResult> {
  const writes = new WriteLock(writeLockPath(), {say: (line) => deps.log.info(line)})
  const run: LoginRun = {deps, world, updates: cfgUpdates(world, writes), okta: oktaLogins(deps, writes), writes}
  try {
    let result: LoginResult
    try {
      // Ctrl-C during the network work: what the run learned is saved below, nothing more is written
      result = await cancelOnCtrlC((signal) => loginProfiles(profiles, flags, run, signal, allRoles))
    } catch (error) {
      // what the run learned before it failed (first-run answers) is kept all the same
      await run.updates.save().catch((saveError: unknown) => saveError !== error && deps.log.info(messageOf(saveError)))
      throw error
    }
    await run.updates.save()
    return result
  } finally {
    await writes.release()
  }
}

async function loginProfiles(
  profiles: string[],
  flags: LoginFlags,
  run: LoginRun,
  signal: AbortSignal,
  allRoles?: {template: string},
): Promise<LoginResult> {
  for (const p of profiles) validateProfileName(p)
  const runner = samlRunner(run)
  const samlJob = (plan: ProfilePlan): Job => ({profile: plan.profile, source: runner.source(plan), write: (c) => runner.write(plan, c)})
  if (allRoles) {
    if (profiles.length > 1)
      throw new CloktaError('--all-roles logs in through one profile: give one -p, or none to use [DEFAULT] and the environment.', 'usage')
    const {plans, failures} = await planAllRoles(profiles[0], allRoles.template, flags, run)
    return runJobs(plans.map(samlJob), {outcomes: [], failures}, signal)
  }
  if (profiles.length > 1 && flags.role !== undefined) {
    throw new CloktaError('--role picks one role, so it goes with one -p; with several, each profile uses its remembered role.', 'usage')
  }
  const unique = [...new Set(profiles)]
  const single = unique.length === 1
  const jobs: Job[] = []
  const result: LoginResult = {outcomes: [], failures: []}
  const each = async <T>(items: T[], profileOf: (t: T) => string, plan: (t: T) => Promise<void>) => {
    for (const item of items) {
      try {
        await plan(item)
      } catch (error) {
        if (single || endsTheRun(error)) throw error
        result.failures.push({profile: profileOf(item), error})
      }
    }
  }
  const chained: {profile: string; chain: RoleChain}[] = []
  const direct: string[] = []
  await each(
    unique,
    (p) => p,
    async (profile) => {
      const chain = await chainFor(profile, run)
      if (chain) chained.push({profile, chain})
      else direct.push(profile)
    },
  )
  // Profiles given with -p are planned by their own settings first; a chain whose base is
  // one of them builds on that plan, so the base is assumed and written once, as itself.
  const samlPlans = new Map<string, ProfilePlan>()
  await each(
    direct,
    (p) => p,
    async (profile) => {
      const planned = await planProfile(profile, flags, run)
      if ('done' in planned) {
        result.outcomes.push(planned.done)
      } else {
        samlPlans.set(profile, planned.plan)
        jobs.push(samlJob(planned.plan))
      }
    },
  )
  await each(
    chained,
    (c) => c.profile,
    async ({profile, chain}) => {
      const planned = await planChained(profile, chain, flags, run, runner, samlPlans)
      if ('done' in planned) result.outcomes.push(planned.done)
      else jobs.push({profile, source: planned.plan.source, write: (c) => writeChained(planned.plan, c, runner, run)})
    },
  )
  await runJobs(jobs, result, signal)
  if (single && result.failures.length > 0) throw result.failures[0].error
  const order = (o: {profile: string}) => unique.indexOf(o.profile)
  result.outcomes.sort((a, b) => order(a) - order(b))
  result.failures.sort((a, b) => order(a) - order(b))
  return result
}
