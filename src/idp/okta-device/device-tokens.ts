import {CloktaError} from '../../errors.js'
import type {Keychain} from '../../io/keychain.js'
import {OAuthError} from './oauth-error.js'
import {pollDeviceTokens, startDeviceAuthorization, type DeviceAuthorization, type DeviceDeps} from './device-authorization.js'
import {idTokenClaims} from './id-token.js'
import {parseKeptTokens, refreshOidcTokens, SCOPES, serializeTokens, type OidcTokens, type TokenPurpose} from './oidc-tokens.js'

/**
 * Keychain item of an org's OIDC tokens, per client and purpose: every profile (and app) of
 * that org logs in through them. The purposes keep apart because their scopes differ:
 * tokens got for web identity lack okta.apps.sso, so Okta refuses them for the web SSO
 * exchange; and an ID token got for the exchange lacks the profile claims that name the
 * web identity session. One client may serve both, at the cost of one device login each.
 * The web SSO item keeps the name it had before there were purposes.
 */
export const oidcTokensAccount = (org: URL, clientId: string, purpose: TokenPurpose = 'web-sso') =>
  `okta-oidc-tokens ${org.origin} ${clientId}${purpose === 'web-sso' ? '' : ` ${purpose}`}`

/** The org, client and purpose of a keychain item oidcTokensAccount named; undefined for any other item. */
export function parseOidcTokensAccount(account: string): {org: URL; clientId: string; purpose: TokenPurpose} | undefined {
  const m = /^okta-oidc-tokens (\S+) (\S+)(?: (web-identity))?$/.exec(account)
  if (!m) return undefined
  try {
    return {org: new URL(m[1]), clientId: m[2], purpose: m[3] === 'web-identity' ? 'web-identity' : 'web-sso'}
  } catch {
    return undefined
  }
}

export interface DeviceTokensRequest {
  org: URL
  clientId: string
  /** false (--no-session): neither the kept tokens nor their refresh; the new ones are kept all the same */
  reuse: boolean
  /** false: no device login, which needs the user (a background refresh): only kept or refreshed tokens */
  mayAskUser?: boolean
  /** what they are for (default web-sso): their scope and their keychain item */
  purpose?: TokenPurpose
  /** kept tokens this close to their end are refreshed rather than used (default a minute) */
  marginMs?: number
}

export interface DeviceTokensDeps extends DeviceDeps {
  keychain: Keychain
  /** tells the user the code and where to type it (and may open the browser) before the polling starts */
  show(authorization: DeviceAuthorization): Promise<void>
}

/** Where the tokens came from: still-valid ones from the keychain, their refresh, or a device login in the browser. */
export type TokensFrom = 'kept' | 'refreshed' | 'device'

/** Tokens this close to their end are refreshed rather than used: the exchange or STS after them must still find them valid. */
const MARGIN_MS = 60_000

/**
 * Until when the tokens serve: the access token's end, or the ID token's if sooner. Okta's
 * ID tokens last an hour whatever the access token's lifetime, and both the web SSO exchange
 * (its subject) and STS refuse an expired one.
 */
export function tokensUsableUntil(tokens: OidcTokens): number {
  const idEnds = idTokenClaims(tokens.idToken)?.expiresAt
  return idEnds === undefined ? tokens.expiresAt : Math.min(tokens.expiresAt, idEnds)
}

/**
 * Okta OIDC tokens for one org and client (okta_oidc_client_id), the least interactive way:
 * the kept access and ID tokens while they live, else a refresh with the kept refresh token,
 * else the device flow (the code shown, the browser approves, the token endpoint polled).
 * Whatever is new is kept in the keychain for the next run. Returns tokens; what they buy
 * (a web SSO token for an app, an AssumeRoleWithWebIdentity) is the caller's business.
 */
export async function deviceTokens(request: DeviceTokensRequest, deps: DeviceTokensDeps): Promise<{tokens: OidcTokens; from: TokensFrom}> {
  const {org, clientId} = request
  const purpose = request.purpose ?? 'web-sso'
  const scope = SCOPES[purpose]
  const account = oidcTokensAccount(org, clientId, purpose)
  if (request.reuse) {
    const stored = await deps.keychain.get(account)
    deps.log.secret(stored)
    const kept = stored === undefined ? undefined : parseKeptTokens(stored)
    if (kept) {
      for (const token of [kept.accessToken, kept.idToken, kept.refreshToken]) deps.log.secret(token)
      if (tokensUsableUntil(kept) - deps.clock.now() > (request.marginMs ?? MARGIN_MS)) return {tokens: kept, from: 'kept'}
      if (kept.refreshToken !== undefined) {
        try {
          const tokens = await refreshOidcTokens(org, clientId, kept.refreshToken, {...deps, now: () => deps.clock.now()}, scope)
          await keep(account, tokens, deps)
          return {tokens, from: 'refreshed'}
        } catch (error) {
          // a refresh token that has ended (invalid_grant) or was revoked: the browser, once
          if (!(error instanceof OAuthError)) throw error
          deps.log.debug(`the kept refresh token no longer serves: ${error.message}`)
        }
      }
    }
    if (stored !== undefined) await deps.keychain.delete(account)
  }
  if (request.mayAskUser === false) {
    throw new CloktaError(`The Okta tokens for ${org.host} have ended, and a new device login needs you in the browser.`, 'input-missing')
  }
  const authorization = await startDeviceAuthorization(org, clientId, deps, scope)
  await deps.show(authorization)
  const tokens = await pollDeviceTokens(org, clientId, authorization, deps, scope)
  await keep(account, tokens, deps)
  return {tokens, from: 'device'}
}

/** Forgets an org's kept tokens for one purpose (Okta refused them: they must not be offered again). */
export async function forgetDeviceTokens(org: URL, clientId: string, keychain: Keychain, purpose: TokenPurpose = 'web-sso'): Promise<void> {
  await keychain.delete(oidcTokensAccount(org, clientId, purpose))
}

async function keep(account: string, tokens: OidcTokens, deps: DeviceTokensDeps): Promise<void> {
  if (await deps.keychain.set(account, serializeTokens(tokens))) return
  if (!(await deps.keychain.available())) {
    deps.keychain.sayUnreachable('the Okta tokens cannot be kept between runs, so every run opens a device login again')
  }
}
