import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {AwsConfig} from './aws-config.js'
import {oktaWebIdentityFlag, oktaWebIdentityProfileOf, type OktaWebIdentityProfile} from './okta-web-identity-profile.js'
import {shownName} from './profile-name.js'
import type {Resolved} from './resolve-settings.js'
import {ssoKeyOf, ssoProfileOf, type SsoProfile} from './sso-profile.js'
import {hasTokenFile, webIdentityProfileOf, type WebIdentityProfile} from './web-identity-profile.js'

/** How a profile (not chained) logs in: what ~/.aws/config makes it, else what clokta.cfg makes it. */
export type ProfileKind =
  | {kind: 'sso'; sso: SsoProfile}
  | {kind: 'web-identity'; web: WebIdentityProfile}
  | {kind: 'okta-web-identity'; oidc: OktaWebIdentityProfile}
  | {kind: 'saml'}

/**
 * The one place a profile's kind is decided, so that login, the outputs, doctor and logout
 * agree. okta_web_identity set for this profile (its section, the environment) beside an
 * IAM Identity Center or token-file profile of ~/.aws/config is refused before either is
 * read any further: whichever won, the user would get a login they did not expect. One in
 * [DEFAULT] is meant for clokta.cfg's other profiles, as [DEFAULT]'s app URL is.
 */
export function profileKind(profile: string, awsConfig: AwsConfig, resolved: Resolved, cfgPath: string): ProfileKind {
  checkKindConflict(profile, awsConfig, resolved)
  const sso = ssoProfileOf(profile, awsConfig)
  if (sso) return {kind: 'sso', sso}
  const web = webIdentityProfileOf(profile, awsConfig)
  if (web) return {kind: 'web-identity', web}
  const oidc = oktaWebIdentityProfileOf(profile, resolved, cfgPath)
  return oidc ? {kind: 'okta-web-identity', oidc} : {kind: 'saml'}
}

/** Throws when okta_web_identity and ~/.aws/config each make the profile a different kind (see profileKind). */
export function checkKindConflict(profile: string, awsConfig: AwsConfig, resolved: Resolved): void {
  const flag = oktaWebIdentityFlag(resolved)
  if (flag === undefined || flag.origin === 'default') return
  const section = awsConfig.profile(profile)
  const ssoKey = ssoKeyOf(section)
  const other = ssoKey
    ? `an IAM Identity Center profile (${ssoKey}`
    : hasTokenFile(section)
      ? 'a web identity profile (web_identity_token_file'
      : undefined
  if (other === undefined) return
  throw new CloktaError(
    `Profile ${shownName(profile)} is both an Okta web identity profile (okta_web_identity = true from ${flag.source}) and ${other} in ${displayPath(awsConfig.path)}): remove one of them.`,
    'config',
  )
}
