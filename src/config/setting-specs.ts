import {CloktaError} from '../errors.js'

/**
 * Each setting is declared once: its clokta.cfg key (which is also its environment
 * variable, as in the original clokta), its flag, and where a prompted answer is saved.
 * Precedence is applied in resolve-settings.ts and nowhere else.
 */
export type SettingName =
  | 'appUrl'
  | 'username'
  | 'mfaPreference'
  | 'password'
  | 'otpSecret'
  | 'savePassword'
  | 'role'
  | 'duration'
  | 'assumeRoleTtl'
  | 'refreshBefore'
  | 'engine'
  | 'oidcClientId'
  | 'oktaWebIdentity'
  | 'orgUrl'
  | 'roleArn'

export interface SettingSpec {
  name: SettingName
  /** key in clokta.cfg; undefined for settings never stored in a file */
  cfgKey?: string
  /** other clokta.cfg keys read for it (aws-okta's names) */
  cfgAliases?: string[]
  /** keys of the profile's section in ~/.aws/config read for it, after clokta.cfg (aws-okta keeps TTLs there) */
  awsConfigKeys?: string[]
  /**
   * environment variables, first wins: the clokta.cfg key and its aliases by their own
   * names, in the order a section reads them, then the AWS_* names aws-okta users have set
   */
  env: string[]
  /** oclif flag name */
  flag?: string
  /** where a value given at a prompt is saved */
  saveTo?: 'profile' | 'default'
  /** never printed, even by --debug */
  secret?: boolean
  description: string
}

export const SETTINGS: readonly SettingSpec[] = [
  {
    name: 'appUrl',
    cfgKey: 'okta_aws_app_url',
    env: ['okta_aws_app_url'],
    saveTo: 'profile',
    description: "the AWS app's link on your Okta dashboard, e.g. https://example.okta.com/home/amazon_aws/0oa1b2c3d4/272",
  },
  {
    name: 'username',
    cfgKey: 'okta_username',
    env: ['okta_username'],
    saveTo: 'default',
    description: 'your Okta username',
  },
  {
    name: 'mfaPreference',
    cfgKey: 'multifactor_preference',
    env: ['multifactor_preference'],
    flag: 'mfa',
    saveTo: 'default',
    description: 'the MFA factor to use: Okta Verify with Push, Okta Verify, Google Authenticator or SMS text message',
  },
  {
    name: 'password',
    env: ['okta_password'],
    secret: true,
    description: 'your Okta password; environment only, never written to a file',
  },
  {
    name: 'otpSecret',
    // read from clokta.cfg too, where the original clokta's users may have put it; never written there
    cfgKey: 'okta_onetimepassword_secret',
    env: ['okta_onetimepassword_secret'],
    secret: true,
    description: 'the base32 seed of your authenticator-app factor: codes are made without asking',
  },
  {
    name: 'savePassword',
    cfgKey: 'save_password_in_keychain',
    env: ['save_password_in_keychain'],
    saveTo: 'default',
    description: 'True to keep the Okta password in the OS keychain (asked on first run)',
  },
  {
    name: 'role',
    cfgKey: 'okta_aws_role_to_assume',
    env: ['okta_aws_role_to_assume'],
    flag: 'role',
    saveTo: 'profile',
    description: 'the role to assume (ARN or role name); remembered after you choose one',
  },
  {
    name: 'duration',
    cfgKey: 'duration',
    cfgAliases: ['session_ttl'],
    env: ['duration', 'session_ttl', 'AWS_SESSION_TTL'],
    flag: 'duration',
    awsConfigKeys: ['session_ttl'],
    description: "how long the SAML role's credentials last (3600, 1h, 90m); default: the app's SessionDuration, else 12h",
  },
  {
    name: 'assumeRoleTtl',
    cfgKey: 'assume_role_ttl',
    env: ['assume_role_ttl', 'AWS_ASSUME_ROLE_TTL'],
    flag: 'assume-role-ttl',
    awsConfigKeys: ['assume_role_ttl'],
    description: 'how long chained roles (role_arn + source_profile) last; AWS allows at most 1h; default 1h',
  },
  {
    name: 'refreshBefore',
    cfgKey: 'refresh_before',
    env: ['refresh_before'],
    flag: 'min-remaining',
    description: 'log in again only when the credentials expire sooner than this (default 10m)',
  },
  {
    name: 'engine',
    cfgKey: 'okta_engine',
    env: ['okta_engine'],
    flag: 'engine',
    description: "the Okta org's engine, classic or idx (Identity Engine); default: asked of the org once and remembered",
  },
  {
    name: 'oidcClientId',
    cfgKey: 'okta_oidc_client_id',
    env: ['okta_oidc_client_id'],
    description: "the Client ID of the native OIDC app an Identity Engine org's device login goes through (see the README)",
  },
  {
    name: 'oktaWebIdentity',
    cfgKey: 'okta_web_identity',
    env: ['okta_web_identity'],
    description:
      'True for a profile whose credentials come from AssumeRoleWithWebIdentity with an Okta ID token (okta_org_url, okta_oidc_client_id, role_arn)',
  },
  {
    name: 'orgUrl',
    cfgKey: 'okta_org_url',
    env: ['okta_org_url'],
    description: "an Okta web identity profile's org, e.g. https://example.okta.com: its device login, and the issuer of its ID tokens",
  },
  {
    name: 'roleArn',
    cfgKey: 'role_arn',
    env: ['role_arn'],
    description: 'the IAM role an Okta web identity profile assumes with its ID token, e.g. arn:aws:iam::123456789012:role/Developer',
  },
]

export function settingSpec(name: SettingName): SettingSpec {
  const spec = SETTINGS.find((s) => s.name === name)
  // SETTINGS declares every SettingName; this fires only if one is added to the type and not the list
  if (!spec) throw new CloktaError(`The setting ${name} is not declared in SETTINGS.`, 'config')
  return spec
}

/** The clokta.cfg key a setting is saved under, for the settings clokta saves. */
export function cfgKey(name: SettingName): string {
  const key = settingSpec(name).cfgKey
  if (key === undefined) throw new CloktaError(`The setting ${name} has no clokta.cfg key to save it under.`, 'config')
  return key
}
