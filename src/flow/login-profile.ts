import {awsCredentialsPath} from '../config/aws-config.js'
import type {CfgChange} from '../config/clokta-cfg.js'
import {validateProfileName} from '../config/profile-name.js'
import type {Region} from '../config/region.js'
import type {ResolveInput} from '../config/resolve-settings.js'
import type {Credentials} from '../model/credentials.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {chooseRole} from '../saml/choose-role.js'
import type {LoginRun} from './login-run.js'
import {completeProfileSettings, readProfileSettings, type LoginFlags, type ProfileSettings} from './profile-settings.js'
import {type SsoProfile} from '../config/sso-profile.js'
import {profileKind} from '../config/profile-kind.js'
import {planSsoRole} from './login-sso.js'
import {cached, type StillValid} from './sources/cached.js'
import type {CredentialSource} from './sources/credential-source.js'
import {oktaSaml, oktaSamlAssertion, samlDuration, samlRegion, type SamlRoleLogin} from './sources/okta-saml.js'
import {ssoRole, type SsoRoleLogin} from './sources/sso-role.js'
import {webIdentity, type WebIdentityLogin} from './sources/web-identity.js'
import {oktaWebIdentity, webIdentitySessionName, type OktaWebIdentityLogin} from './sources/okta-web-identity.js'
import {madeBySso, oktaWebIdentityBasis, samlBasis, ssoBasis, validityQuestion, webIdentityBasis} from './validity-question.js'
import {type OktaWebIdentityProfile} from '../config/okta-web-identity-profile.js'
import {resolvedSetting} from '../config/resolve-settings.js'
import {type WebIdentityProfile} from '../config/web-identity-profile.js'
import {roleRegion} from '../config/partition.js'
import {readyToWrite} from './ready-to-write.js'

export {samlBasis, validityQuestion, type ValidFor} from './validity-question.js'

export type {LoginFlags} from './profile-settings.js'

export type LoginOutcome = {
  kind: 'logged-in' | 'still-valid'
  profile: string
  credentials: Credentials
  roleArn: string
  /** an IAM Identity Center profile: roleArn names its account and permission set (ssoRoleLabel) */
  ssoRole?: boolean
  /** the Okta user whose login made them, for role session names downstream */
  username?: string
  written: string[]
  /** chained in ~/.aws/config (role_arn + source_profile), which AWS tools then chain themselves */
  chained?: true
}

/** What every plan has, whatever logs it in: what the writers and the record need. */
interface PlanBasics {
  profile: string
  roleArn: string
  username?: string
  /** what clokta.cfg learns once the credentials are written: a role chosen at the prompt, an --all-roles profile's settings */
  remember: CfgChange[]
  /** see CredentialRecord */
  madeFor: string
  soleRole: boolean
  askedSeconds?: number
  region: Region
}

/** An Okta profile ready for STS: everything asked and chosen, nothing yet written. */
export interface SamlPlan extends SamlRoleLogin, PlanBasics {
  kind: 'saml'
  username: string
}

/** An IAM Identity Center profile ready for GetRoleCredentials: signed in, its role chosen. */
export interface SsoPlan extends SsoRoleLogin, PlanBasics {
  kind: 'sso'
}

/** A web identity profile (web_identity_token_file + role_arn) ready for AssumeRoleWithWebIdentity. */
export interface WebIdentityPlan extends WebIdentityLogin, PlanBasics {
  kind: 'web-identity'
}

/** An Okta web identity profile (okta_web_identity = true) ready for AssumeRoleWithWebIdentity: its ID token got. */
export interface OktaWebIdentityPlan extends OktaWebIdentityLogin, PlanBasics {
  kind: 'okta-web-identity'
}

/** A profile ready for the network work, by the way it logs in. */
export type ProfilePlan = SamlPlan | SsoPlan | WebIdentityPlan | OktaWebIdentityPlan

/** The one place a plan becomes its credential source: another way to log in is another case here. */
export function planSource(plan: ProfilePlan, run: LoginRun): CredentialSource {
  switch (plan.kind) {
    case 'saml':
      return oktaSaml(plan, run)
    case 'sso':
      return ssoRole(plan, run.deps)
    case 'web-identity':
      return webIdentity(plan, run.deps)
    case 'okta-web-identity':
      return oktaWebIdentity(plan, run.deps)
  }
}

export const stillValidOutcome = (s: ProfileSettings, valid: StillValid): LoginOutcome => ({
  kind: 'still-valid',
  profile: s.profile,
  credentials: valid.credentials,
  roleArn: valid.record.roleArn,
  ...(madeBySso(valid.record.madeFor) ? {ssoRole: true} : {}),
  username: s.resolved.values.username,
  written: s.artefacts,
})

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
): Promise<{done: LoginOutcome} | {plan: ProfilePlan}> {
  validateProfileName(profile)
  const settings = await readProfileSettings(profile, flags, run, asSource?.inherited)
  const kind = profileKind(profile, settings.awsConfig, settings.resolved, settings.cfg.path)
  const question = await validityQuestion(settings, flags, run, {anyDuration: asSource !== undefined})
  const made = await cached(question, (): Promise<ProfilePlan> => {
    switch (kind.kind) {
      case 'sso':
        return planSso(kind.sso, settings, flags, run)
      case 'web-identity':
        return planWebIdentity(kind.web, settings, run)
      case 'okta-web-identity':
        return planOktaWebIdentity(kind.oidc, settings, flags, run)
      case 'saml':
        return planSaml(settings, flags, run)
    }
  })
  return 'valid' in made ? {done: stillValidOutcome(settings, made.valid)} : {plan: made.fresh}
}

async function planSaml(settings: ProfileSettings, flags: LoginFlags, run: LoginRun): Promise<SamlPlan> {
  const {deps} = run
  const request = await completeProfileSettings(settings, flags, run)
  const {grant, assertion, sts} = await oktaSamlAssertion(request.okta, settings.region.value, run, [settings.profile])
  const {role, chosenAtPrompt} = await chooseRole(assertion.roles, request.role, deps.prompter, deps.log)
  const {region, sts: signing} = samlRegion(settings.profile, settings.region, assertion, role, {region: settings.region.value, sts}, deps)
  return {
    kind: 'saml',
    profile: settings.profile,
    roleArn: role.roleArn,
    username: request.username,
    grant,
    role,
    remember: chosenAtPrompt ? [{section: settings.profile, key: 'okta_aws_role_to_assume', value: role.roleArn}] : [],
    madeFor: samlBasis(settings),
    soleRole: assertion.roles.length === 1,
    durationSeconds: samlDuration(settings.askedSeconds, assertion, deps.log),
    askedSeconds: settings.askedSeconds,
    region,
    sts: signing,
  }
}

/** Signed in to IAM Identity Center and a role chosen; the profile's duration does not apply (the permission set decides). */
async function planSso(sso: SsoProfile, settings: ProfileSettings, flags: LoginFlags, run: LoginRun): Promise<SsoPlan> {
  const role = await planSsoRole(sso, settings, flags, run)
  return {kind: 'sso', ...role, madeFor: ssoBasis(sso), region: settings.region}
}

/** Nothing to ask: the token file is read when the credentials are got; the region is one of the role's partition. */
async function planWebIdentity(web: WebIdentityProfile, settings: ProfileSettings, run: LoginRun): Promise<WebIdentityPlan> {
  const {region, setAside} = roleRegion(web.roleArn, settings.region)
  if (setAside) run.deps.log.debug(`${settings.profile}: ${setAside} (the partition of ${web.roleArn})`)
  const sts = run.deps.sts(region.value)
  await readyToWrite(run, [settings.profile])
  return {
    kind: 'web-identity',
    profile: settings.profile,
    web,
    sts,
    roleArn: web.roleArn,
    remember: [],
    madeFor: webIdentityBasis(web),
    soleRole: true,
    askedSeconds: web.durationSeconds,
    region,
  }
}

/**
 * The device login (or kept tokens) for the ID token, now, while the user may be asked; no
 * role to choose (role_arn names it), no password. The session is named after the user the
 * token names; the duration is the profile's, or STS's default.
 */
async function planOktaWebIdentity(
  oidc: OktaWebIdentityProfile,
  settings: ProfileSettings,
  flags: LoginFlags,
  run: LoginRun,
): Promise<OktaWebIdentityPlan> {
  const {deps} = run
  const {region, setAside} = roleRegion(oidc.roleArn, settings.region)
  if (setAside) deps.log.debug(`${settings.profile}: ${setAside} (the partition of ${oidc.roleArn})`)
  const sts = deps.sts(region.value)
  await readyToWrite(run, [settings.profile])
  const request = {org: oidc.org, clientId: oidc.clientId, reuse: !flags.noSession, openBrowser: !flags.noBrowser, mayAskUser: !flags.noDeviceLogin}
  const {claims} = await run.okta.idToken(request)
  const roleSessionName = webIdentitySessionName(claims, deps.clock.now())
  deps.log.debug(`${settings.profile}: ${oidc.roleArn} as session ${roleSessionName}, with an ID token of ${oidc.org.host}`)
  return {
    kind: 'okta-web-identity',
    profile: settings.profile,
    oidc,
    idToken: () => run.okta.idToken({...request, mayAskUser: false}),
    roleSessionName,
    durationSeconds: settings.askedSeconds,
    durationSource: resolvedSetting(settings.resolved, 'duration')?.source,
    sts,
    roleArn: oidc.roleArn,
    username: claims.preferredUsername ?? claims.email,
    remember: [],
    madeFor: oktaWebIdentityBasis(oidc),
    soleRole: true,
    askedSeconds: settings.askedSeconds,
    region,
  }
}

/** Writers → what clokta.cfg remembers (see ProfilePlan.remember). */
export async function writePlan(
  plan: ProfilePlan,
  credentials: Credentials,
  {world, writes}: Pick<LoginRun, 'world' | 'writes'>,
  remember: (changes: CfgChange[]) => void,
): Promise<LoginOutcome> {
  const written = await writeArtefacts(
    {
      profile: plan.profile,
      credentials,
      region: plan.region.known ? plan.region.value : undefined,
      roleArn: plan.roleArn,
      askedSeconds: plan.askedSeconds,
      madeFor: plan.madeFor,
      soleRole: plan.soleRole,
    },
    {credentialsFile: awsCredentialsPath(world.env)},
    writes,
  )
  remember(plan.remember)
  const sso = plan.kind === 'sso' ? {ssoRole: true} : {}
  return {kind: 'logged-in', profile: plan.profile, credentials, roleArn: plan.roleArn, ...sso, username: plan.username, written}
}
