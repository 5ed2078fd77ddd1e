import {CloktaError} from '../../errors.js'
import type {HttpClient} from '../../io/http.js'
import {isString, parseJson, shape} from '../../io/json-shape.js'
import type {Logger} from '../../io/log.js'
import {parseSamlPostForm} from '../saml-post-form.js'
import {OAuthError, readOAuthError} from './oauth-error.js'
import type {OidcTokens} from './oidc-tokens.js'

/** Why the token exchange refused: the tokens (expired, session ended), or Okta's setup, which a new login does not change. */
export class WebSsoRefusedError extends OAuthError {
  constructor(
    cause: OAuthError,
    readonly reason: 'tokens' | 'assurance' | 'setup',
    message: string,
  ) {
    super(cause.status, cause.error, cause.description, message)
  }
}

/**
 * The AWS app's id, which the exchange names as its audience: the 0oa… of the dashboard
 * link /home/amazon_aws/<app id>/272. (/app/amazon_aws/<key>/sso/saml carries the app's
 * key, not its id.)
 */
export function oktaAppId(appUrl: URL): string | undefined {
  return /^\/home\/[^/]+\/(0oa[A-Za-z0-9]+)\//.exec(appUrl.pathname)?.[1]
}

function refused(error: OAuthError, clientId: string, appUrl: URL): OAuthError {
  const lead = `Okta (${appUrl.host}) would not let the OIDC app ${clientId} (okta_oidc_client_id) sign you in to the AWS app`
  if (error.error !== 'invalid_grant') return error
  if (/assurance requirements are not met/i.test(error.description)) {
    return new WebSsoRefusedError(
      error,
      'assurance',
      `${lead}: the AWS app's authentication policy asks for more than your device login gave (web_sso_app_assurance_not_met); in Okta, give the OIDC app an authentication policy at least as strict as the AWS app's (the same factors and re-authentication time).`,
    )
  }
  if (/configured to allow the client/i.test(error.description)) {
    return new WebSsoRefusedError(
      error,
      'setup',
      `${lead}: in Okta, name that OIDC app as the AWS app's Allowed Web SSO Client (the AWS app's Sign On tab).`,
    )
  }
  if (/expired|terminated/i.test(error.description)) {
    return new WebSsoRefusedError(error, 'tokens', `${lead}: ${error.description.replace(/\.$/, '')} (invalid_grant).`)
  }
  return new WebSsoRefusedError(error, 'setup', error.message)
}

const isWebSsoBody = shape<{access_token: string}>({access_token: isString})

/**
 * Token exchange (RFC 8693) for a web SSO token to one app: the access token acts, the ID
 * token is the subject. The answer's access_token opens that app once, within 5 minutes.
 */
export async function exchangeForWebSsoToken(
  org: URL,
  clientId: string,
  tokens: OidcTokens,
  appUrl: URL,
  appId: string,
  deps: {http: HttpClient; log: Logger},
): Promise<string> {
  const response = await deps.http.send({
    method: 'POST',
    url: new URL('/oauth2/v1/token', org).href,
    headers: {accept: 'application/json'},
    form: {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: clientId,
      actor_token: tokens.accessToken,
      actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token: tokens.idToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:okta:oauth:token-type:web_sso_token',
      audience: `urn:okta:apps:${appId}`,
    },
  })
  if (response.status !== 200) throw refused(readOAuthError(response, org.host, 'the web SSO token for the AWS app'), clientId, appUrl)
  try {
    const token = parseJson(response.body, isWebSsoBody).access_token
    deps.log.secret(token)
    return token
  } catch {
    throw new CloktaError(`The token exchange answer from ${org.host} is not Okta's OAuth JSON.`, 'okta-api')
  }
}

/**
 * POST /login/token/sso with the web SSO token (in the form, not the URL, so that no proxy or
 * log keeps it): Okta answers with the app's SAML auto-post form, the one the app link gives.
 */
export async function samlFromWebSsoToken(org: URL, webSsoToken: string, appUrl: URL, deps: {http: HttpClient; log: Logger}): Promise<string> {
  const response = await deps.http.send({
    method: 'POST',
    url: new URL('/login/token/sso', org).href,
    headers: {accept: 'text/html'},
    form: {token: webSsoToken},
  })
  if (response.status !== 200) {
    throw new CloktaError(`Okta (${org.host}) answered ${response.status} to /login/token/sso instead of the AWS app's SAML form.`, 'saml')
  }
  const form = parseSamlPostForm(response.body)
  if (!form.samlResponse) {
    throw new CloktaError(
      `Okta (${org.host}) answered /login/token/sso without a SAML assertion.`,
      'saml',
      `Check okta_aws_app_url (${appUrl.href}): it should be the AWS app's link from your Okta dashboard.`,
    )
  }
  deps.log.secret(form.samlResponse)
  return form.samlResponse
}
