import {CloktaError} from '../../errors.js'
import type {Keychain} from '../../io/keychain.js'
import {OAuthError} from './oauth-error.js'
import {pollDeviceTokens, startDeviceAuthorization, type DeviceAuthorization, type DeviceDeps} from './device-authorization.js'
import {parseKeptTokens, refreshOidcTokens, serializeTokens, type OidcTokens} from './oidc-tokens.js'

/** Keychain item of an org's OIDC tokens, per client: every profile (and app) of that org logs in through them. */
export const oidcTokensAccount = (org: URL, clientId: string) => `okta-oidc-tokens ${org.origin} ${clientId}`

/** The org and client of a keychain item oidcTokensAccount named; undefined for any other item. */
export function parseOidcTokensAccount(account: string): {org: URL; clientId: string} | undefined {
  const m = /^okta-oidc-tokens (\S+) (\S+)$/.exec(account)
  if (!m) return undefined
  try {
    return {org: new URL(m[1]), clientId: m[2]}
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
}

export interface DeviceTokensDeps extends DeviceDeps {
  keychain: Keychain
  /** tells the user the code and where to type it (and may open the browser) before the polling starts */
  show(authorization: DeviceAuthorization): Promise<void>
}

/** Where the tokens came from: still-valid ones from the keychain, their refresh, or a device login in the browser. */
export type TokensFrom = 'kept' | 'refreshed' | 'device'

/** Access tokens this close to their end are refreshed rather than used: the exchange after them must still find them valid. */
const MARGIN_MS = 60_000

/**
 * Okta OIDC tokens for one org and client (okta_oidc_client_id), the least interactive way:
 * the kept access and ID tokens while they live, else a refresh with the kept refresh token,
 * else the device flow (the code shown, the browser approves, the token endpoint polled).
 * Whatever is new is kept in the keychain for the next run. Returns tokens; what they buy
 * (a web SSO token for an app, an AssumeRoleWithWebIdentity) is the caller's business.
 */
export async function deviceTokens(request: DeviceTokensRequest, deps: DeviceTokensDeps): Promise<{tokens: OidcTokens; from: TokensFrom}> {
  const {org, clientId} = request
  const account = oidcTokensAccount(org, clientId)
  if (request.reuse) {
    const stored = await deps.keychain.get(account)
    deps.log.secret(stored)
    const kept = stored === undefined ? undefined : parseKeptTokens(stored)
    if (kept) {
      for (const token of [kept.accessToken, kept.idToken, kept.refreshToken]) deps.log.secret(token)
      if (kept.expiresAt - deps.clock.now() > MARGIN_MS) return {tokens: kept, from: 'kept'}
      if (kept.refreshToken !== undefined) {
        try {
          const tokens = await refreshOidcTokens(org, clientId, kept.refreshToken, {...deps, now: () => deps.clock.now()})
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
  const authorization = await startDeviceAuthorization(org, clientId, deps)
  await deps.show(authorization)
  const tokens = await pollDeviceTokens(org, clientId, authorization, deps)
  await keep(account, tokens, deps)
  return {tokens, from: 'device'}
}

/** Forgets an org's kept tokens (Okta refused them: they must not be offered again). */
export async function forgetDeviceTokens(org: URL, clientId: string, keychain: Keychain): Promise<void> {
  await keychain.delete(oidcTokensAccount(org, clientId))
}

async function keep(account: string, tokens: OidcTokens, deps: DeviceTokensDeps): Promise<void> {
  if (await deps.keychain.set(account, serializeTokens(tokens))) return
  if (!(await deps.keychain.available())) {
    deps.keychain.sayUnreachable('the Okta tokens cannot be kept between runs, so every run opens a device login again')
  }
}
