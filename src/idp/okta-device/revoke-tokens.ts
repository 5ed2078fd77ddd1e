import type {HttpClient} from '../../io/http.js'
import type {Logger} from '../../io/log.js'
import {readOAuthError} from './oauth-error.js'
import type {OidcTokens} from './oidc-tokens.js'

/**
 * POST /oauth2/v1/revoke (RFC 7009) for the refresh token, then the access token: a public
 * client names itself by client_id alone. Okta answers 200 with no body, also for a token
 * that had already ended; anything else is its OAuth error, which this rejects with.
 * Revoking the refresh token ends the access tokens issued with it too, but the access
 * token is revoked all the same: a kept item may hold no refresh token.
 */
export async function revokeOidcTokens(
  org: URL,
  clientId: string,
  tokens: Pick<OidcTokens, 'accessToken' | 'refreshToken'>,
  deps: {http: HttpClient; log: Logger},
): Promise<void> {
  const kinds: [string | undefined, 'refresh_token' | 'access_token'][] = [
    [tokens.refreshToken, 'refresh_token'],
    [tokens.accessToken, 'access_token'],
  ]
  for (const [token, hint] of kinds) {
    if (token === undefined) continue
    deps.log.secret(token)
    const response = await deps.http.send({
      method: 'POST',
      url: new URL('/oauth2/v1/revoke', org).href,
      headers: {accept: 'application/json'},
      form: {token, token_type_hint: hint, client_id: clientId},
      // revoking a token twice is no harm: a dropped answer may be asked again
      idempotent: true,
    })
    if (response.status !== 200) throw readOAuthError(response, org.host, `the revocation of your ${hint.replace('_', ' ')}`)
  }
}
