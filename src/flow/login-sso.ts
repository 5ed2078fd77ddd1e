import type {CfgChange} from '../config/clokta-cfg.js'
import {shownName} from '../config/profile-name.js'
import {rememberedSsoRole, type SsoProfile} from '../config/sso-profile.js'
import type {DeviceAuthorization, SsoPortalApi} from '../idp/aws-sso/sso-clients.js'
import {convertSsoError} from '../idp/aws-sso/sso-errors.js'
import {renewSsoToken, ssoAccessToken} from '../idp/aws-sso/sso-token.js'
import type {SamlRole} from '../model/role.js'
import {chooseRole} from '../saml/choose-role.js'
import type {Deps} from './deps.js'
import type {LoginRun} from './login-run.js'
import type {LoginFlags, ProfileSettings} from './read-profile-settings.js'
import {readyToWrite} from './ready-to-write.js'
import type {SsoRoleLogin} from './sources/sso-role.js'

/**
 * What an IAM Identity Center role is called where clokta names roles (the summary, the
 * record, --role): an IAM role ARN of the account with the permission set's name. AWS's
 * own role there is aws-reserved/sso.amazonaws.com/AWSReservedSSO_<name>_<hash>, which
 * only a call signed with the credentials would tell.
 */
export function ssoRoleLabel(accountId: string, roleName: string, ssoRegion: string): string {
  const partition = ssoRegion.startsWith('us-gov-') ? 'aws-us-gov' : ssoRegion.startsWith('cn-') ? 'aws-cn' : 'aws'
  return `arn:${partition}:iam::${accountId}:role/${roleName}`
}

/** The device sign-in's URL and code where the user sees them (the terminal, else stderr, even with -q), and the browser opened. */
async function showAuthorization(a: DeviceAuthorization, profile: string, flags: Pick<LoginFlags, 'noBrowser'>, deps: Deps): Promise<void> {
  const why = flags.noBrowser ? 'as --no-browser asks' : await deps.openBrowser(a.verificationUriComplete)
  const lead = `To sign in to IAM Identity Center for ${shownName(profile)}`
  deps.prompter.say(
    why === undefined
      ? `${lead}, approve the code ${a.userCode} in the browser that opened, or open:`
      : `${lead}, open this URL and approve the code ${a.userCode} (no browser opened: ${why}):`,
  )
  deps.prompter.say(`  ${a.verificationUriComplete}`)
}

/** A usable access token for the profile's session: the cached one, renewed, or a device sign-in. */
export async function ssoSignIn(
  sso: SsoProfile,
  flags: Pick<LoginFlags, 'noBrowser'>,
  deps: Deps,
): Promise<{accessToken: string; portal: SsoPortalApi; renew(): Promise<string | undefined>}> {
  const apis = deps.sso(sso.region)
  const tokenDeps = {
    oidc: () => apis.oidc,
    clock: deps.clock,
    log: deps.log,
    showAuthorization: (a: DeviceAuthorization) => showAuthorization(a, sso.profile, flags, deps),
  }
  const names = {what: `profile ${shownName(sso.profile)}`, again: `clokta -p ${shownName(sso.profile)}`}
  const token = await ssoAccessToken(sso, tokenDeps, names)
  const renew = async () => (await renewSsoToken(sso, tokenDeps, names))?.accessToken
  return {accessToken: token.accessToken, portal: apis.portal, renew}
}

export interface SsoAccountRoles {
  accountId: string
  accountName?: string
  emailAddress?: string
  roles: string[]
}

/** ListAccounts, then each account's ListAccountRoles (together). */
export async function listSsoRoles(sso: SsoProfile, accessToken: string, portal: SsoPortalApi): Promise<SsoAccountRoles[]> {
  const what = `the accounts and roles of profile ${shownName(sso.profile)}`
  try {
    const accounts = await portal.listAccounts(accessToken)
    return await Promise.all(
      accounts.map(async (a) => ({...a, roles: (await portal.listAccountRoles(accessToken, a.accountId)).map((r) => r.roleName)})),
    )
  } catch (error) {
    throw convertSsoError(error, what, portal.endpoint, `clokta -p ${shownName(sso.profile)}`)
  }
}

/** The profile's account and role: sso_account_id/sso_role_name, else --role, the remembered one, or the prompt among what the portal lists. */
async function ssoRoleFor(
  sso: SsoProfile,
  signIn: {accessToken: string; portal: SsoPortalApi},
  flags: Pick<LoginFlags, 'role' | 'noDefaultRole'>,
  remembered: string | undefined,
  deps: Deps,
): Promise<{accountId: string; roleName: string; soleRole: boolean; chosenAtPrompt: boolean}> {
  if (sso.accountId !== undefined && sso.roleName !== undefined) {
    return {accountId: sso.accountId, roleName: sso.roleName, soleRole: true, chosenAtPrompt: false}
  }
  const listed = await listSsoRoles(sso, signIn.accessToken, signIn.portal)
  const roles: SamlRole[] = listed.flatMap((a) =>
    a.roles.map((roleName) => ({roleArn: ssoRoleLabel(a.accountId, roleName, sso.region), principalArn: '', accountId: a.accountId, roleName})),
  )
  const names = Object.fromEntries(listed.flatMap((a) => (a.accountName ? [[a.accountId, a.accountName]] : [])))
  const explicit = flags.role === undefined ? undefined : {value: flags.role, source: '--role'}
  const request = {explicit, remembered, ignoreRemembered: flags.noDefaultRole, accountNames: names}
  const {role, chosenAtPrompt} = await chooseRole(roles, request, deps.prompter, deps.log)
  if (chosenAtPrompt) {
    deps.log.info(
      `clokta remembers ${role.accountId}/${role.roleName} for ${shownName(sso.profile)} (--no-default-role asks again); for the AWS CLI, set sso_account_id = ${role.accountId} and sso_role_name = ${role.roleName} in the profile ${shownName(sso.profile)} of ~/.aws/config.`,
    )
  }
  return {accountId: role.accountId, roleName: role.roleName, soleRole: roles.length === 1, chosenAtPrompt}
}

/** An SSO profile ready for GetRoleCredentials: signed in, its role chosen, nothing yet written. */
export async function planSsoRole(
  sso: SsoProfile,
  settings: ProfileSettings,
  flags: LoginFlags,
  run: LoginRun,
): Promise<SsoRoleLogin & {roleArn: string; soleRole: boolean; remember: CfgChange[]}> {
  // what would fail after the browser fails before it
  await readyToWrite(run, [settings.profile])
  const signIn = await ssoSignIn(sso, flags, run.deps)
  const {accountId, roleName, soleRole, chosenAtPrompt} = await ssoRoleFor(
    sso,
    signIn,
    flags,
    rememberedSsoRole(settings.cfg, settings.profile),
    run.deps,
  )
  // written once the credentials are, as the Okta path remembers okta_aws_role_to_assume
  const remember = chosenAtPrompt ? [{section: settings.profile, key: 'okta_aws_role_to_assume', value: `${accountId}/${roleName}`}] : []
  return {profile: settings.profile, sso, accountId, roleName, ...signIn, roleArn: ssoRoleLabel(accountId, roleName, sso.region), soleRole, remember}
}
