import type {CfgChange} from '../config/clokta-cfg.js'
import {validateProfileName} from '../config/profile-name.js'
import type {Region} from '../config/region.js'
import type {ResolveInput} from '../config/resolve-settings.js'
import type {Credentials} from '../model/credentials.js'
import type {SamlGrant} from '../model/grant.js'
import type {SamlRole} from '../model/role.js'
import {readSessionLimit, saveSessionLimit} from '../output/session-limits.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {chooseRole} from '../saml/choose-role.js'
import {parseAwsAssertion} from '../saml/assertion.js'
import {assumeRoleWithSaml} from '../sts/assume-role-with-saml.js'
import {isExpiredAssertion} from '../sts/sts-error.js'
import type {StsApi} from '../sts/sts-client.js'
import type {CfgUpdates} from './cfg-updates.js'
import type {LoginRun} from './login-run.js'
import {samlAssertionFor, samlDuration} from './get-credentials.js'
import {completeProfileSettings, readProfileSettings, type LoginFlags, type ProfileSettings} from './profile-settings.js'
import {stillValidCredentials} from './still-valid.js'

export type {LoginFlags} from './profile-settings.js'

export type LoginOutcome = {
  kind: 'logged-in' | 'still-valid'
  profile: string
  credentials: Credentials
  roleArn: string
  /** the Okta user whose login made them, for role session names downstream */
  username?: string
  written: string[]
  /** chained in ~/.aws/config (role_arn + source_profile), which AWS tools then chain themselves */
  chained?: true
}

/** A profile ready for STS: everything asked and chosen, nothing yet written. */
export interface SamlPlan {
  profile: string
  username: string
  grant: SamlGrant
  role: SamlRole
  /** what clokta.cfg learns once the credentials are written: a role chosen at the prompt, an --all-roles profile's settings */
  remember: CfgChange[]
  /** see CredentialRecord */
  madeFor: string
  soleRole: boolean
  durationSeconds: number
  askedSeconds?: number
  region: Region
  sts: StsApi
}

/** What a SAML profile's credentials are made from, as the record keeps it. */
export const samlBasis = (s: Pick<ProfileSettings, 'resolved'>) => `saml ${s.resolved.values.appUrl ?? ''} ${s.resolved.values.username ?? ''}`

export interface ValidFor {
  /** a chain's source: any duration serves */
  anyDuration?: boolean
  /** a chained profile: made from this chain (see chainBasis), whatever its role */
  chain?: string
}

/** The credentials already written, when they still serve; nobody is contacted. */
export async function stillValid(
  s: ProfileSettings,
  flags: LoginFlags,
  world: LoginRun['world'],
  validFor: ValidFor = {},
): Promise<LoginOutcome | undefined> {
  // A file clokta could not update is reported now, not after the password and the push.
  const credentials = await world.awsCredentials()
  if (flags.force || flags.noDefaultRole) return undefined
  const valid = await stillValidCredentials({
    profile: s.profile,
    keys: credentials.profile(s.profile),
    minRemainingSeconds: s.minRemainingSeconds,
    madeFor: validFor.chain ?? samlBasis(s),
    role: validFor.chain === undefined ? s.resolved.values.role : 'any',
    now: Date.now(),
    artefacts: s.artefacts,
    askedSeconds: s.askedSeconds,
    anyDuration: validFor.anyDuration,
    region: s.region.known ? s.region.value : undefined,
  })
  if (!valid) return undefined
  return {
    kind: 'still-valid',
    profile: s.profile,
    credentials: valid.credentials,
    roleArn: valid.record.roleArn,
    username: s.resolved.values.username,
    written: s.artefacts,
  }
}

/** How a chain's source profile is planned: what its top profile sets for it, and any still-valid credentials serve. */
export interface AsChainSource {
  inherited: ResolveInput['inherited']
}

/** Settings → (still valid?) → Okta → role: everything up to STS, prompts included. */
export async function planProfile(
  profile: string,
  flags: LoginFlags,
  run: LoginRun,
  asSource?: AsChainSource,
): Promise<{done: LoginOutcome} | {plan: SamlPlan}> {
  validateProfileName(profile)
  const {deps} = run
  const settings = await readProfileSettings(profile, flags, run, asSource?.inherited)
  const done = await stillValid(settings, flags, run.world, {anyDuration: asSource !== undefined})
  if (done) return {done}
  const request = await completeProfileSettings(settings, flags, run)
  const {grant, assertion, sts} = await samlAssertionFor(request.okta, settings.region.value, run)
  const {role, chosenAtPrompt} = await chooseRole(assertion.roles, request.role, deps.prompter, deps.log)
  return {
    plan: {
      profile,
      username: request.username,
      grant,
      role,
      remember: chosenAtPrompt ? [{section: profile, key: 'okta_aws_role_to_assume', value: role.roleArn}] : [],
      madeFor: samlBasis(settings),
      soleRole: assertion.roles.length === 1,
      durationSeconds: samlDuration(settings.askedSeconds, assertion, deps.log),
      askedSeconds: settings.askedSeconds,
      region: settings.region,
      sts,
    },
  }
}

/**
 * STS only (and what it teaches about the role's maximum session, kept for the next
 * login): a chain writes nothing until every hop has succeeded. An assertion that
 * expired while the run waited (a role prompt left open) is renewed once through the
 * run's Okta session rather than costing the whole login again.
 */
export async function assumePlan(plan: SamlPlan, {deps, okta}: LoginRun): Promise<Credentials> {
  const limit = await readSessionLimit(plan.role.roleArn)
  const assume = async (assertion: string) => {
    const out = await assumeRoleWithSaml(
      {role: plan.role, assertion, durationSeconds: plan.durationSeconds, limit, now: deps.clock.now()},
      plan.sts,
      deps.log,
    )
    // a lesson clokta cannot keep costs a refused call next time, not this login
    if (out.learned !== undefined) {
      await saveSessionLimit(plan.role.roleArn, out.learned).catch((error) =>
        deps.log.debug(`Could not remember the role's maximum session: ${(error as Error).message}`),
      )
    }
    return out.credentials
  }
  try {
    return await assume(plan.grant.assertion)
  } catch (error) {
    if (!isExpiredAssertion(error)) throw error
    const renewed = await okta.renew(plan.grant)
    if (!renewed || !(await parseAwsAssertion(renewed.assertion, renewed.appUrl)).roles.some((r) => r.roleArn === plan.role.roleArn)) throw error
    deps.log.info(`The SAML assertion expired while clokta waited; got a new one with your Okta session for ${plan.profile}.`)
    return assume(renewed.assertion)
  }
}

/** Writers → what clokta.cfg remembers (see SamlPlan.remember). */
export async function writePlan(plan: SamlPlan, credentials: Credentials, updates: CfgUpdates): Promise<LoginOutcome> {
  const written = await writeArtefacts({
    profile: plan.profile,
    credentials,
    region: plan.region.known ? plan.region.value : undefined,
    roleArn: plan.role.roleArn,
    askedSeconds: plan.askedSeconds,
    madeFor: plan.madeFor,
    soleRole: plan.soleRole,
  })
  updates.add(plan.remember)
  return {kind: 'logged-in', profile: plan.profile, credentials, roleArn: plan.role.roleArn, username: plan.username, written}
}
