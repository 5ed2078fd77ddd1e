import {loadAwsConfig} from '../config/aws-config.js'
import {DEFAULT_SECTION, loadCloktaCfg} from '../config/clokta-cfg.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveRoleChain, type RoleChain} from '../config/role-chain.js'
import {CloktaError} from '../errors.js'
import {hasRecord} from '../output/credential-record.js'
import {readCredentialsProfiles} from '../output/credentials-file.js'
import type {Deps} from './deps.js'
import {planAllRoles} from './login-all-roles.js'
import {loginChained} from './login-chain.js'
import {executePlan, planProfile, type LoginOutcome, type SamlPlan} from './login-profile.js'
import type {LoginFlags} from './profile-settings.js'

export interface LoginResult {
  outcomes: LoginOutcome[]
  /** profiles whose STS call or writing failed while the others were written */
  failures: {profile: string; error: unknown}[]
}

/** A profile chained in ~/.aws/config, or undefined for a clokta (Okta) profile. */
async function chainFor(profile: string, deps: Deps): Promise<RoleChain | undefined> {
  const [awsConfig, cfg, keysOf] = await Promise.all([loadAwsConfig(deps.env), loadCloktaCfg(), readCredentialsProfiles()])
  // A profile clokta logged in through [DEFAULT]'s app has no section of its own; its keys
  // are clokta's (a record, a session token) unless someone has since put an IAM user's there.
  const loggedInByClokta = (p: string) => hasRecord(p) && (!keysOf(p).aws_access_key_id || !!keysOf(p).aws_session_token)
  return resolveRoleChain(profile, awsConfig, {
    isCloktaProfile: (p) => cfg.doc.hasSection(p) || loggedInByClokta(p),
    hasStaticCredentials: (p) => !!keysOf(p).aws_access_key_id && !!keysOf(p).aws_secret_access_key,
    defaultApp: cfg.doc.get(DEFAULT_SECTION, 'okta_aws_app_url') !== undefined || !!deps.env.okta_aws_app_url,
  })
}

async function runPlans(plans: SamlPlan[], deps: Deps): Promise<LoginResult> {
  // One assertion, many roles: the STS calls go out together.
  const settled = await Promise.allSettled(plans.map((p) => executePlan(p, deps)))
  const result: LoginResult = {outcomes: [], failures: []}
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') result.outcomes.push(s.value)
    else result.failures.push({profile: plans[i].profile, error: s.reason})
  })
  return result
}

/**
 * The login command's work for one or more profiles, or every role (--all-roles):
 * everything interactive first and in order (Okta, role prompts), then the STS calls
 * together, then chained profiles, whose base may be one just written. One Okta login
 * serves them all.
 */
export async function login(profiles: string[], flags: LoginFlags, deps: Deps, allRoles?: {template: string}): Promise<LoginResult> {
  for (const p of profiles) validateProfileName(p)
  if (allRoles) {
    if (profiles.length !== 1) throw new CloktaError('--all-roles logs in through one profile: give exactly one -p.', 'usage')
    return runPlans(await planAllRoles(profiles[0], allRoles.template, flags, deps), deps)
  }
  if (profiles.length > 1 && flags.role !== undefined) {
    throw new CloktaError('--role picks one role, so it goes with one -p; with several, each profile uses its remembered role.', 'usage')
  }
  const unique = [...new Set(profiles)]
  const chained: {profile: string; chain: RoleChain}[] = []
  const plans: SamlPlan[] = []
  const done: LoginOutcome[] = []
  for (const profile of unique) {
    const chain = await chainFor(profile, deps)
    if (chain) {
      chained.push({profile, chain})
      continue
    }
    const planned = await planProfile(profile, flags, deps)
    if ('done' in planned) done.push(planned.done)
    else plans.push(planned.plan)
  }
  if (unique.length === 1 && plans.length === 1) return {outcomes: [await executePlan(plans[0], deps)], failures: []}
  const result = await runPlans(plans, deps)
  result.outcomes.unshift(...done)
  for (const {profile, chain} of chained) {
    if (unique.length === 1) return {outcomes: [await loginChained(profile, chain, flags, deps)], failures: []}
    try {
      result.outcomes.push(await loginChained(profile, chain, flags, deps))
    } catch (error) {
      result.failures.push({profile, error})
    }
  }
  return result
}
