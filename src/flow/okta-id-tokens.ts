import {CloktaError} from '../errors.js'
import type {DeviceAuthorization} from '../idp/okta-device/device-authorization.js'
import {deviceTokens, type TokensFrom} from '../idp/okta-device/device-tokens.js'
import {idTokenClaims, type IdTokenClaims} from '../idp/okta-device/id-token.js'
import type {Deps} from './deps.js'
import {showCode} from './okta-device-grant.js'

export interface IdTokenRequest {
  org: URL
  clientId: string
  /** false for --no-session: neither kept tokens nor their refresh */
  reuse: boolean
  /** false for --no-browser */
  openBrowser: boolean
  /** false: only kept or refreshed tokens, never a device login (a background refresh, or STS's turn after the prompts) */
  mayAskUser: boolean
}

/** An Okta ID token for AssumeRoleWithWebIdentity, with what it says of its end and its user. */
export interface OktaIdToken {
  token: string
  claims: IdTokenClaims & {expiresAt: number}
  from: TokensFrom
}

/** An ID token this close to its end is renewed, never sent: STS must find it valid, and a run may still be prompting. */
export const ID_TOKEN_MARGIN_MS = 5 * 60_000

/**
 * The ID tokens of a run, once per org and client: profiles of one org share one device
 * login. A token found near its end (a run that waited) is got again: refreshed from the
 * keychain, or a device login if the request may ask.
 */
export function oktaIdTokens(deps: Deps): {idToken(request: IdTokenRequest): Promise<OktaIdToken>} {
  const byClient = new Map<string, Promise<OktaIdToken>>()
  const get = async (request: IdTokenRequest, reuse: boolean): Promise<OktaIdToken> => {
    const {org, clientId} = request
    const http = await deps.http()
    const show = (a: DeviceAuthorization) => showCode(a, org.host, request.openBrowser, deps)
    const got = await deviceTokens(
      {org, clientId, reuse, mayAskUser: request.mayAskUser, purpose: 'web-identity', marginMs: ID_TOKEN_MARGIN_MS},
      {http, log: deps.log, clock: deps.clock, keychain: deps.keychain, show},
    )
    const claims = idTokenClaims(got.tokens.idToken)
    if (claims?.expiresAt === undefined) {
      throw new CloktaError(`Okta (${org.host}) sent an ID token that is not a JWT with an expiry (exp), which STS cannot take.`, 'okta-api')
    }
    if (claims.expiresAt - deps.clock.now() <= ID_TOKEN_MARGIN_MS) {
      // fresh from Okta and already at its end: this computer's clock is ahead of Okta's
      throw new CloktaError(
        `The ID token Okta (${org.host}) just issued ends at ${new Date(claims.expiresAt).toISOString()}, which this computer's clock says is past or minutes away.`,
        'okta-api',
        "Check this computer's date and time, then run clokta again.",
      )
    }
    if (got.from !== 'device') deps.log.info(`Using your Okta tokens for ${org.host} (no browser needed).`)
    return {token: got.tokens.idToken, claims: {...claims, expiresAt: claims.expiresAt}, from: got.from}
  }
  const usable = (token: OktaIdToken) => token.claims.expiresAt - deps.clock.now() > ID_TOKEN_MARGIN_MS
  return {
    idToken(request) {
      const key = `${request.org.origin} ${request.clientId}`
      const held = byClient.get(key)
      // Chained on the run's token, and set before any wait: profiles asking at once (their
      // STS calls go out together) share one renewal, as a rotated refresh token serves once.
      // A later ask takes what the keychain has; the run's failure stands, as the SAML path's.
      const next =
        held === undefined
          ? get(request, request.reuse)
          : held.then(
              (token) => (usable(token) ? token : get(request, true)),
              () => held,
            )
      byClient.set(key, next)
      return next
    },
  }
}
