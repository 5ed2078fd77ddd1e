import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {AwsConfig} from './aws-config.js'
import type {CloktaCfg} from './clokta-cfg.js'
import {shownName} from './profile-name.js'
import {checkRegionName} from './region.js'

/** An IAM Identity Center profile of ~/.aws/config, as the AWS CLI v2 and the SDKs read it. */
export interface SsoProfile {
  profile: string
  /** the [sso-session x] it names; undefined for a legacy profile (sso_start_url in the profile) */
  session?: string
  startUrl: string
  /** sso_region: where the OIDC and portal APIs are, not where the credentials are used */
  region: string
  /** sso_registration_scopes: with sso:account:access, CreateToken also gives a refresh token */
  scopes: string[]
  /** both or neither: without them the accounts and roles are listed and one is chosen */
  accountId?: string
  roleName?: string
}

/** botocore's parse_sso_registration_scopes: comma-separated, blanks dropped. */
export const parseScopes = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** The key that makes a section of ~/.aws/config an IAM Identity Center profile, as ssoProfileOf decides; undefined for any other. */
export function ssoKeyOf(section: Partial<Record<string, string>> | undefined): 'sso_session' | 'sso_start_url' | undefined {
  if (section?.sso_session !== undefined) return 'sso_session'
  return section?.sso_start_url !== undefined ? 'sso_start_url' : undefined
}

/**
 * The profile's IAM Identity Center settings, or undefined when it is no SSO profile (no
 * sso_session, no sso_start_url). A profile that is half one is refused as the AWS CLI
 * refuses it, naming what is missing.
 */
export function ssoProfileOf(profile: string, awsConfig: AwsConfig): SsoProfile | undefined {
  // any key may be missing, whatever the record's type says
  const section: Partial<Record<string, string>> | undefined = awsConfig.profile(profile)
  if (section === undefined || ssoKeyOf(section) === undefined) return undefined
  const file = displayPath(awsConfig.path)
  const sessionName = section.sso_session
  const missing = (what: string, where: string) =>
    new CloktaError(`Profile ${shownName(profile)} in ${file} is an IAM Identity Center profile without ${what} ${where}.`, 'config')
  let settings: {startUrl: string; region: string; scopes: string[]}
  if (sessionName !== undefined) {
    const session: Partial<Record<string, string>> | undefined = awsConfig.ssoSession(sessionName)
    if (session === undefined) {
      throw new CloktaError(
        `Profile ${shownName(profile)} has sso_session = ${sessionName}, but ${file} has no [sso-session ${sessionName}].`,
        'config',
      )
    }
    if (!session.sso_start_url || !session.sso_region) throw missing('sso_start_url and sso_region', `in [sso-session ${sessionName}]`)
    for (const key of ['sso_start_url', 'sso_region'] as const) {
      if (section[key] !== undefined && section[key] !== session[key]) {
        throw new CloktaError(
          `Profile ${shownName(profile)} sets ${key} = ${section[key]}, unlike its [sso-session ${sessionName}]; remove it from the profile.`,
          'config',
        )
      }
    }
    settings = {startUrl: session.sso_start_url, region: session.sso_region, scopes: parseScopes(session.sso_registration_scopes)}
  } else {
    if (!section.sso_start_url || !section.sso_region) throw missing('sso_region', 'beside its sso_start_url')
    settings = {startUrl: section.sso_start_url, region: section.sso_region, scopes: []}
  }
  checkRegionName(settings.region, `sso_region of ${shownName(profile)} in ${file}`)
  const [accountId, roleName] = [section.sso_account_id || undefined, section.sso_role_name || undefined]
  if ((accountId === undefined) !== (roleName === undefined)) {
    throw missing(
      accountId === undefined ? 'sso_account_id' : 'sso_role_name',
      `beside its ${accountId === undefined ? 'sso_role_name' : 'sso_account_id'}`,
    )
  }
  return {profile, session: sessionName, ...settings, accountId, roleName}
}

/**
 * The role clokta remembers for an SSO profile without sso_account_id/sso_role_name, as
 * "<account id>/<role name>" in the profile's own section of clokta.cfg, under the key the
 * Okta path remembers its role by: ~/.aws/config is the user's to edit, and a [DEFAULT]
 * role is an Okta app's, not this sign-in's.
 */
export const rememberedSsoRole = (cfg: CloktaCfg, profile: string): string | undefined =>
  cfg.own(profile, 'okta_aws_role_to_assume')?.trim() || undefined
