import {CloktaError} from '../../errors.js'
import type {Clock} from '../../io/clock.js'
import type {HttpClient} from '../../io/http.js'
import {isNumber, isString, optional, parseJson, shape} from '../../io/json-shape.js'
import type {Logger} from '../../io/log.js'
import {OAuthError, readOAuthError} from './oauth-error.js'
import {DEVICE_SCOPE, parseTokenAnswer, type OidcTokens} from './oidc-tokens.js'

/** What /oauth2/v1/device/authorize hands out (RFC 8628 3.2): the code to show, where to type it, and how to wait. */
export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete?: string
  expiresInSeconds: number
  intervalSeconds: number
}

export interface DeviceDeps {
  http: HttpClient
  log: Logger
  clock: Clock
}

const isAuthorizeBody = shape<{
  device_code: string
  user_code: string
  verification_uri: string
  verification_uri_complete?: string
  expires_in: number
  interval?: number
}>({
  device_code: isString,
  user_code: isString,
  verification_uri: isString,
  verification_uri_complete: optional(isString),
  expires_in: isNumber,
  interval: optional(isNumber),
})

/** RFC 8628 3.5: 5 s when the server names no interval; slow_down adds 5 s each time. */
const DEFAULT_INTERVAL_SECONDS = 5
const SLOW_DOWN_SECONDS = 5

/** The one line for each way a misconfigured OIDC app refuses to start, naming what to change in Okta. */
function startRefused(error: OAuthError, clientId: string, scope: string): OAuthError {
  const app = `the OIDC app ${clientId} (okta_oidc_client_id)`
  const grant = scope.includes('okta.apps.sso')
    ? 'grant okta.apps.sso on its Okta API Scopes tab and allow the Refresh Token grant'
    : "allow the Refresh Token grant under the app's General settings"
  const fix: Record<string, string> = {
    invalid_client: `Okta knows no OIDC app ${clientId}: set okta_oidc_client_id to the Client ID of the native OIDC app made for clokta (see the README, Identity Engine orgs).`,
    unauthorized_client: `${app} does not allow the Device Authorization grant: tick it under the app's General settings, Grant type.`,
    invalid_scope: `${app} may not ask for "${scope}": ${grant}.`,
  }
  if (!Object.hasOwn(fix, error.error)) return error
  const line = fix[error.error]
  return new OAuthError(error.status, error.error, error.description, `${error.message.replace(/\.$/, '')}: ${line}`)
}

/** POST /oauth2/v1/device/authorize: the start of a device login, nothing asked of the user yet. */
export async function startDeviceAuthorization(
  org: URL,
  clientId: string,
  deps: Omit<DeviceDeps, 'clock'>,
  scope = DEVICE_SCOPE,
): Promise<DeviceAuthorization> {
  const response = await deps.http.send({
    method: 'POST',
    url: new URL('/oauth2/v1/device/authorize', org).href,
    headers: {accept: 'application/json'},
    form: {client_id: clientId, scope},
  })
  if (response.status !== 200) throw startRefused(readOAuthError(response, org.host, 'the device login'), clientId, scope)
  let body
  try {
    body = parseJson(response.body, isAuthorizeBody)
  } catch {
    throw new CloktaError(`The device login answer from ${org.host} is not Okta's OAuth JSON.`, 'okta-api')
  }
  deps.log.secret(body.device_code)
  return {
    deviceCode: body.device_code,
    userCode: body.user_code,
    verificationUri: body.verification_uri,
    verificationUriComplete: body.verification_uri_complete,
    expiresInSeconds: body.expires_in,
    intervalSeconds: body.interval ?? DEFAULT_INTERVAL_SECONDS,
  }
}

/** The device code lapsed before the login was approved (expired_token, or its expires_in passed). */
export class DeviceCodeExpiredError extends CloktaError {}

/**
 * POST /oauth2/v1/token with the device code until the user has approved the login: every
 * `interval` seconds, as the server said (honest at any value: a server that wants faster
 * polls gets them, one that says slow_down gets 5 s more each time), never past expires_in.
 */
export async function pollDeviceTokens(
  org: URL,
  clientId: string,
  authorization: DeviceAuthorization,
  deps: DeviceDeps,
  scope = DEVICE_SCOPE,
): Promise<OidcTokens> {
  let interval = authorization.intervalSeconds
  const deadline = deps.clock.now() + authorization.expiresInSeconds * 1000
  const minutes = Math.max(1, Math.round(authorization.expiresInSeconds / 60))
  const expired = () =>
    new DeviceCodeExpiredError(
      `The Okta device login was not approved within ${minutes} minute${minutes === 1 ? '' : 's'} (expired_token).`,
      'okta-auth',
      'Run clokta again and approve the login in the browser with the code it shows.',
    )
  for (;;) {
    await deps.clock.sleep(interval * 1000)
    if (deps.clock.now() > deadline) throw expired()
    const response = await deps.http.send({
      method: 'POST',
      url: new URL('/oauth2/v1/token', org).href,
      headers: {accept: 'application/json'},
      form: {grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: authorization.deviceCode, client_id: clientId},
    })
    if (response.status === 200) return parseTokenAnswer(response.body, org.host, deps.clock.now(), deps.log)
    const error = readOAuthError(response, org.host, 'the device login')
    switch (error.error) {
      case 'authorization_pending':
        continue
      case 'slow_down':
        interval += SLOW_DOWN_SECONDS
        deps.log.debug(`Okta asked to poll more slowly: every ${interval} s now`)
        continue
      case 'expired_token':
        throw expired()
      case 'access_denied':
        throw new OAuthError(
          error.status,
          error.error,
          error.description,
          `The Okta device login was refused${error.description ? `: ${error.description.replace(/\.$/, '')}` : ''} (access_denied).`,
          'Run clokta again to retry; if you approved it, ask your Okta admin to assign you to the OIDC app named by okta_oidc_client_id.',
        )
      default:
        throw startRefused(error, clientId, scope)
    }
  }
}
