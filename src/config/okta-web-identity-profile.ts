import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import {assertSecureUrl} from '../io/url-policy.js'
import {parseBoolean} from './booleans.js'
import {resolvedSetting, type Resolved} from './resolve-settings.js'
import {shownName} from './profile-name.js'

/**
 * A clokta profile whose credentials come from AssumeRoleWithWebIdentity with an Okta ID
 * token (okta_web_identity = true): no AWS app, no SAML, no password; the device login of
 * the org's OIDC app gives the ID token, and IAM trusts the org as an OIDC provider.
 */
export interface OktaWebIdentityProfile {
  profile: string
  /** the org (its origin): the device login's endpoints, and the ID token's issuer */
  org: URL
  clientId: string
  roleArn: string
}

/** An IAM role's ARN, in any partition, its path included. */
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/

/**
 * The profile's Okta web identity settings, or undefined when okta_web_identity is not true.
 * Whatever is missing or wrong is refused here, naming the key and where it was read (or
 * where it belongs), before anything goes to the network.
 */
export function oktaWebIdentityProfileOf(profile: string, resolved: Resolved, cfgPath: string): OktaWebIdentityProfile | undefined {
  const flag = oktaWebIdentityFlag(resolved)
  if (flag === undefined) return undefined
  const missing = (key: string, what: string) =>
    new CloktaError(
      `Profile ${shownName(profile)} has okta_web_identity = true (from ${flag.source}) but no ${key}: set it in [${profile}] of ${displayPath(cfgPath)} to ${what}.`,
      'config',
    )
  // [DEFAULT]'s app is the other profiles'; one named for this profile (or this run) says the user meant SAML
  const app = resolvedSetting(resolved, 'appUrl')
  if (app !== undefined && app.origin !== 'default') {
    throw new CloktaError(
      `Profile ${shownName(profile)} has both okta_web_identity = true (from ${flag.source}) and okta_aws_app_url (from ${app.source}): keep okta_aws_app_url for a login through the Okta AWS app (SAML), or okta_web_identity for an ID token of the OIDC app, not both.`,
      'config',
    )
  }
  const org = resolvedSetting(resolved, 'orgUrl')
  if (!org) throw missing('okta_org_url', "your Okta org's address, e.g. https://example.okta.com")
  const clientId = resolvedSetting(resolved, 'oidcClientId')
  if (!clientId) throw missing('okta_oidc_client_id', 'the Client ID of the OIDC app it logs in through (README: Okta OIDC web identity)')
  const roleArn = resolvedSetting(resolved, 'roleArn')
  if (!roleArn) throw missing('role_arn', 'the ARN of the IAM role to assume with the ID token')
  if (!ROLE_ARN.test(roleArn.value)) {
    throw new CloktaError(
      `The role_arn from ${roleArn.source} is "${roleArn.value}", which is not an IAM role's ARN (arn:aws:iam::123456789012:role/name).`,
      'config',
    )
  }
  return {profile, org: parseOrgUrl(org.value, org.source), clientId: clientId.value, roleArn: roleArn.value}
}

/** okta_web_identity where it is true (a word that is neither true nor false refused, naming its source); undefined otherwise. */
export function oktaWebIdentityFlag(resolved: Resolved): ReturnType<typeof resolvedSetting> {
  const flag = resolvedSetting(resolved, 'oktaWebIdentity')
  return flag !== undefined && parseBoolean(flag.value, `okta_web_identity from ${flag.source}`) ? flag : undefined
}

/** An org's address: https (http only for loopback), nothing after the host, since the org authorization server is the issuer. */
export function parseOrgUrl(raw: string, source: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new CloktaError(
      `The okta_org_url from ${source} is not a URL: "${raw}"; give your Okta org's address, e.g. https://example.okta.com.`,
      'config',
    )
  }
  assertSecureUrl(url, `the okta_org_url from ${source}:`)
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new CloktaError(
      `The okta_org_url from ${source} is ${url.href}; give the org's address alone, ${url.origin}: clokta logs in through the org authorization server, whose issuer that is.`,
      'config',
    )
  }
  return new URL(url.origin)
}
