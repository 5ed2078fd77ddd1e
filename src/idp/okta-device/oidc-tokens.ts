import {CloktaError} from '../../errors.js'
import type {HttpClient} from '../../io/http.js'
import {isNumber, isString, optional, parseJson, shape} from '../../io/json-shape.js'
import type {Logger} from '../../io/log.js'
import {readOAuthError} from './oauth-error.js'

/** What the device flow (or a refresh) yields: the tokens the web SSO exchange needs, and the one that renews them. */
export interface OidcTokens {
  accessToken: string
  idToken: string
  refreshToken?: string
  /** when the access token (and the ID token issued with it) expire, in ms */
  expiresAt: number
}

/**
 * What the tokens are for, which decides what they ask for: 'web-sso', the exchange for an
 * AWS app's SAML (`okta.apps.sso`, an Okta API scope granted to the OIDC app), or
 * 'web-identity', an ID token for AssumeRoleWithWebIdentity (`profile`, so that it names
 * the user; an app made only for that need not be granted any Okta API scope). Both ask
 * `openid` for the ID token and `offline_access` for a refresh token.
 */
export type TokenPurpose = 'web-sso' | 'web-identity'

export const SCOPES: Record<TokenPurpose, string> = {
  'web-sso': 'openid okta.apps.sso offline_access',
  'web-identity': 'openid profile offline_access',
}

/** The scope of the SAML path's device login, as before purposes */
export const DEVICE_SCOPE = SCOPES['web-sso']

const isTokenBody = shape<{access_token: string; id_token?: string; refresh_token?: string; expires_in?: number}>({
  access_token: isString,
  id_token: optional(isString),
  refresh_token: optional(isString),
  expires_in: optional(isNumber),
})

/** A token endpoint's success; a refresh may leave the refresh token out (no rotation): then the old one still serves. */
export function parseTokenAnswer(body: string, host: string, now: number, log: Logger, previousRefresh?: string): OidcTokens {
  let parsed
  try {
    parsed = parseJson(body, isTokenBody)
  } catch {
    throw new CloktaError(`The token answer from ${host} is not Okta's OAuth JSON.`, 'okta-api')
  }
  if (parsed.id_token === undefined) {
    throw new CloktaError(`Okta (${host}) sent no ID token: the OIDC app must allow the openid scope.`, 'okta-api')
  }
  for (const secret of [parsed.access_token, parsed.id_token, parsed.refresh_token]) log.secret(secret)
  return {
    accessToken: parsed.access_token,
    idToken: parsed.id_token,
    refreshToken: parsed.refresh_token ?? previousRefresh,
    expiresAt: now + (parsed.expires_in ?? 3600) * 1000,
  }
}

/** grant_type=refresh_token: new access and ID tokens without the browser. Rejects with the OAuthError (invalid_grant once the refresh token has ended). */
export async function refreshOidcTokens(
  org: URL,
  clientId: string,
  refreshToken: string,
  deps: {http: HttpClient; log: Logger; now: () => number},
  scope = DEVICE_SCOPE,
): Promise<OidcTokens> {
  const response = await deps.http.send({
    method: 'POST',
    url: new URL('/oauth2/v1/token', org).href,
    headers: {accept: 'application/json'},
    form: {grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken, scope},
  })
  if (response.status !== 200) throw readOAuthError(response, org.host, 'the refresh of your Okta tokens')
  return parseTokenAnswer(response.body, org.host, deps.now(), deps.log, refreshToken)
}

/** How the tokens are kept in the keychain: one JSON item per org and client. */
export function serializeTokens(tokens: OidcTokens): string {
  return JSON.stringify(tokens)
}

const isKept = shape<OidcTokens>({accessToken: isString, idToken: isString, refreshToken: optional(isString), expiresAt: isNumber})

/** Undefined for an item that is not what serializeTokens wrote: it is as good as none. */
export function parseKeptTokens(text: string): OidcTokens | undefined {
  try {
    return parseJson(text, isKept)
  } catch {
    return undefined
  }
}
