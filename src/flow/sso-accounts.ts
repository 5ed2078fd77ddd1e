import {shownName, validateProfileName} from '../config/profile-name.js'
import {checkKindConflict} from '../config/profile-kind.js'
import {resolveSettings} from '../config/resolve-settings.js'
import {ssoProfileOf} from '../config/sso-profile.js'
import type {World} from '../config/world.js'
import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {Deps} from './deps.js'
import {listSsoRoles, ssoSignIn, type SsoAccountRoles} from './login-sso.js'

/**
 * The accounts and roles an IAM Identity Center profile's sign-in may use (ListAccounts,
 * ListAccountRoles), signing in first if its token has run out: what to put in
 * sso_account_id and sso_role_name.
 */
export async function ssoAccounts(profile: string, flags: {noBrowser?: boolean}, deps: Deps, world: World): Promise<SsoAccountRoles[]> {
  validateProfileName(profile)
  const [awsConfig, cfg] = await Promise.all([world.awsConfig(), world.cfg()])
  // as a login decides (profileKind): a profile clokta.cfg makes an Okta web identity one is not listed as an SSO one
  checkKindConflict(profile, awsConfig, resolveSettings({profile, flags: {}, env: world.env, cfg, only: ['oktaWebIdentity']}))
  const sso = ssoProfileOf(profile, awsConfig)
  if (sso === undefined) {
    throw new CloktaError(
      `Profile ${shownName(profile)} in ${displayPath(awsConfig.path)} is no IAM Identity Center profile (it has neither sso_session nor sso_start_url).`,
      'config',
    )
  }
  const signIn = await ssoSignIn(sso, flags, deps)
  return listSsoRoles(sso, signIn.accessToken, signIn.portal)
}
