import type {Clock} from '../../io/clock.js'
import {DEVICE_CODE_GRANT, type CreatedToken, type DeviceAuthorization, type SsoOidcApi} from './sso-clients.js'
import {ssoErrorName} from './sso-errors.js'

/** RFC 8628: 5 s between polls unless the server says otherwise, 5 s more at each slow_down. */
export const DEFAULT_INTERVAL_S = 5
export const SLOW_DOWN_S = 5

/** What the server answers once the code has lived its expiresIn, said here when a server never does. */
const expired = () => Object.assign(new Error('The device code expired.'), {name: 'ExpiredTokenException', $metadata: {httpStatusCode: 400}})

/**
 * CreateToken with the device code, every `interval` seconds until the user approves it
 * in the browser: AuthorizationPending waits, SlowDown waits 5 s longer from then on, and
 * anything else (AccessDenied, ExpiredToken) ends it, as the service's own error. The
 * wait is the clock's, so tests do not sleep.
 */
export async function pollForToken(
  oidc: SsoOidcApi,
  client: {clientId: string; clientSecret: string},
  authorization: DeviceAuthorization,
  clock: Clock,
): Promise<CreatedToken> {
  let interval = (authorization.interval ?? DEFAULT_INTERVAL_S) * 1000
  const deadline = clock.now() + authorization.expiresIn * 1000
  for (;;) {
    if (clock.now() + interval > deadline) throw expired()
    await clock.sleep(interval)
    try {
      return await oidc.createToken({...client, grantType: DEVICE_CODE_GRANT, deviceCode: authorization.deviceCode})
    } catch (error) {
      const name = ssoErrorName(error)
      if (name === 'SlowDownException') interval += SLOW_DOWN_S * 1000
      else if (name !== 'AuthorizationPendingException') throw error
    }
  }
}
