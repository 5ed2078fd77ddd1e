import type {Clock} from '../../io/clock.js'
import type {Logger} from '../../io/log.js'
import {pollForToken} from './device-poll.js'
import type {DeviceAuthorization, SsoOidcApi} from './sso-clients.js'
import {convertSsoError, ssoErrorName} from './sso-errors.js'
import {cliTime, parseCacheTime, readSsoToken, writeSsoToken, type SsoToken} from './token-cache.js'

/** Where a token comes from: an [sso-session] (named) or a legacy profile's start URL. */
export interface SsoSessionSettings {
  session?: string
  startUrl: string
  region: string
  scopes: string[]
}

export interface SsoTokenDeps {
  oidc(): SsoOidcApi
  clock: Clock
  log: Logger
  /** where the user sees the verification URL and code, and the browser opened (unless they said not to) */
  showAuthorization(authorization: DeviceAuthorization): Promise<void>
}

/** A token with less left than this is renewed first, as the JS SDK's token provider does: a GetRoleCredentials must not race its expiry. */
export const EXPIRY_WINDOW_MS = 5 * 60_000

/** A registration is reused while it lasts, unless scopes are asked for that the cached one may not have had (it gave no refresh token). */
function reusableRegistration(cached: SsoToken | undefined, s: SsoSessionSettings, now: number) {
  const {clientId, clientSecret, registrationExpiresAt} = cached ?? {}
  if (!clientId || !clientSecret || !registrationExpiresAt || !(parseCacheTime(registrationExpiresAt) - now > EXPIRY_WINDOW_MS)) return undefined
  if (s.scopes.length > 0 && cached?.refreshToken === undefined) return undefined
  return {clientId, clientSecret, registrationExpiresAt}
}

/**
 * A usable IAM Identity Center access token for the session: the AWS CLI's cached one while
 * it lasts, else one renewed with its refresh token, else a new device sign-in (the user
 * approves a code in the browser). What clokta gets is cached where and as the AWS CLI
 * caches it. `what`/`again` name the profile and the command for messages.
 */
export async function ssoAccessToken(s: SsoSessionSettings, deps: SsoTokenDeps, names: {what: string; again: string}): Promise<SsoToken> {
  const {cached, token} = await withoutBrowser(s, deps, names)
  return token ?? deviceSignIn(s, reusableRegistration(cached, s, deps.clock.now()), deps, names)
}

/**
 * A token without the browser, or undefined: another run's (or the AWS CLI's) still-usable
 * cached one, else the cached one renewed with its refresh token. For a token the portal
 * refused in the middle of a run, after expireCachedToken: the run then carries on.
 */
export async function renewSsoToken(s: SsoSessionSettings, deps: SsoTokenDeps, names: {what: string; again: string}): Promise<SsoToken | undefined> {
  return (await withoutBrowser(s, deps, names)).token
}

async function withoutBrowser(
  s: SsoSessionSettings,
  deps: SsoTokenDeps,
  names: {what: string; again: string},
): Promise<{cached: SsoToken | undefined; token: SsoToken | undefined}> {
  const {clock, log} = deps
  const cached = await readSsoToken(s)
  if (cached) for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret]) log.secret(secret)
  const now = clock.now()
  if (cached && cached.startUrl === s.startUrl && parseCacheTime(cached.expiresAt) - now > EXPIRY_WINDOW_MS) {
    log.debug(`IAM Identity Center token for ${s.session ?? s.startUrl} from the cache, valid until ${cached.expiresAt}`)
    return {cached, token: cached}
  }
  const registration = reusableRegistration(cached, s, now)
  if (cached?.refreshToken && registration && cached.startUrl === s.startUrl) {
    const refreshed = await refreshToken({...cached, refreshToken: cached.refreshToken}, registration, s, deps, names)
    if (refreshed) return {cached, token: refreshed}
  }
  return {cached, token: undefined}
}

/** The refresh token renews the access token without the browser; one the service no longer takes means a new sign-in. */
async function refreshToken(
  cached: SsoToken & {refreshToken: string},
  registration: {clientId: string; clientSecret: string; registrationExpiresAt: string},
  s: SsoSessionSettings,
  deps: SsoTokenDeps,
  names: {what: string; again: string},
): Promise<SsoToken | undefined> {
  const oidc = deps.oidc()
  let out
  try {
    out = await oidc.createToken({
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      grantType: 'refresh_token',
      refreshToken: cached.refreshToken,
    })
  } catch (error) {
    const name = ssoErrorName(error)
    if (
      name === 'InvalidGrantException' ||
      name === 'ExpiredTokenException' ||
      name === 'InvalidClientException' ||
      name === 'UnauthorizedClientException'
    ) {
      deps.log.debug(`IAM Identity Center refused the refresh token (${name}); signing in again`)
      return undefined
    }
    throw convertSsoError(error, names.what, oidc.endpoint, names.again)
  }
  deps.log.secret(out.accessToken)
  deps.log.secret(out.refreshToken)
  const token: SsoToken = {
    startUrl: s.startUrl,
    region: s.region,
    accessToken: out.accessToken,
    expiresAt: cliTime(deps.clock.now() + out.expiresIn * 1000),
    ...registration,
    // the service may rotate it; else the one that worked stays
    refreshToken: out.refreshToken ?? cached.refreshToken,
  }
  await writeSsoToken(s, token)
  deps.log.debug(`IAM Identity Center token renewed with the refresh token, valid until ${token.expiresAt}`)
  return token
}

/** RegisterClient (unless a registration is reusable), StartDeviceAuthorization, the code shown, CreateToken polled. */
async function deviceSignIn(
  s: SsoSessionSettings,
  reusable: {clientId: string; clientSecret: string; registrationExpiresAt: string} | undefined,
  deps: SsoTokenDeps,
  names: {what: string; again: string},
): Promise<SsoToken> {
  const {clock, log} = deps
  const oidc = deps.oidc()
  try {
    let registration = reusable
    if (!registration) {
      // botocore's client name: the session's, or a timestamp for a legacy profile
      const clientName = `botocore-client-${s.session ?? Math.floor(clock.now() / 1000)}`
      const out = await oidc.registerClient({clientName, scopes: s.scopes})
      log.secret(out.clientSecret)
      registration = {clientId: out.clientId, clientSecret: out.clientSecret, registrationExpiresAt: cliTime(out.clientSecretExpiresAt * 1000)}
    }
    const authorization = await oidc.startDeviceAuthorization({
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      startUrl: s.startUrl,
    })
    log.secret(authorization.deviceCode)
    await deps.showAuthorization(authorization)
    const out = await pollForToken(oidc, registration, authorization, clock)
    log.secret(out.accessToken)
    log.secret(out.refreshToken)
    const token: SsoToken = {
      startUrl: s.startUrl,
      region: s.region,
      accessToken: out.accessToken,
      expiresAt: cliTime(clock.now() + out.expiresIn * 1000),
      ...registration,
      ...(out.refreshToken === undefined ? {} : {refreshToken: out.refreshToken}),
    }
    await writeSsoToken(s, token)
    return token
  } catch (error) {
    throw convertSsoError(error, names.what, oidc.endpoint, names.again)
  }
}

/** After the portal refused the token: the cache says it has expired, so the next run (and the AWS CLI) renews it rather than using it again. */
export async function expireCachedToken(s: SsoSessionSettings, accessToken: string, now: number): Promise<void> {
  const cached = await readSsoToken(s)
  if (cached?.accessToken !== accessToken) return
  await writeSsoToken(s, {...cached, expiresAt: cliTime(now)})
}
