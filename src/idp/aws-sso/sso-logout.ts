import {messageOf} from '../../errors.js'
import {removeIfExists} from '../../io/atomic-file.js'
import type {Clock} from '../../io/clock.js'
import type {Logger} from '../../io/log.js'
import type {SsoPortalApi} from './sso-clients.js'
import {convertSsoError, ssoErrorName} from './sso-errors.js'
import {parseCacheTime, readSsoToken, ssoCachePath} from './token-cache.js'

/** How the sign-in was left at IAM Identity Center: ended now, its token already expired or refused, or not told (why). */
export type SignOutAtService = 'ended' | 'expired' | 'refused' | {failed: string}

export interface SsoSignOut {
  /** the cache file, removed if it held a token */
  path: string
  /** a token was cached there */
  cached: boolean
  atService?: SignOutAtService
  /** why the cache file that held a token could not be removed (one sentence); the sign-out at the service stands */
  notRemoved?: string
}

/**
 * What `aws sso logout` does for one sign-in: Logout at the portal of the region the token
 * was issued in (the cache file's, else the profile's sso_region) with the cached access
 * token, then the cache file removed, even when the portal could not be told (this machine
 * lets go of it either way). A token past its expiry is not sent: the portal refuses it. A
 * cache file that holds no token is not clokta's to remove. A file that cannot be removed is
 * said so in notRemoved.
 */
export async function endSsoSignIn(
  key: {session?: string; startUrl: string; region: string},
  deps: {portal: (region: string) => SsoPortalApi; clock: Clock; log: Logger},
): Promise<SsoSignOut> {
  const path = ssoCachePath(key)
  const token = await readSsoToken(key)
  if (!token) return {path, cached: false}
  for (const secret of [token.accessToken, token.refreshToken, token.clientSecret]) deps.log.secret(secret)
  let atService: SignOutAtService = 'expired'
  if (parseCacheTime(token.expiresAt) > deps.clock.now()) {
    const portal = deps.portal(token.region || key.region)
    try {
      await portal.logout(token.accessToken)
      atService = 'ended'
    } catch (error) {
      // signed out elsewhere, or revoked: nothing is left to end
      if (ssoErrorName(error) === 'UnauthorizedException') atService = 'refused'
      else atService = {failed: convertSsoError(error, 'the sign-out', portal.endpoint, 'clokta logout').message.replace(/\.$/, '')}
    }
  }
  try {
    await removeIfExists(path)
  } catch (error) {
    // reported, not thrown: a logout goes on with the other sign-ins and the keychain
    return {path, cached: true, atService, notRemoved: messageOf(error)}
  }
  return {path, cached: true, atService}
}
