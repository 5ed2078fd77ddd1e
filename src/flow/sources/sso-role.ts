import type {SsoProfile} from '../../config/sso-profile.js'
import {shownName} from '../../config/profile-name.js'
import type {SsoPortalApi} from '../../idp/aws-sso/sso-clients.js'
import {convertSsoError, ssoErrorName} from '../../idp/aws-sso/sso-errors.js'
import {expireCachedToken} from '../../idp/aws-sso/sso-token.js'
import type {Clock} from '../../io/clock.js'
import type {Logger} from '../../io/log.js'
import {once, type CredentialSource} from './credential-source.js'

/** A role of an IAM Identity Center sign-in, chosen: what GetRoleCredentials needs. */
export interface SsoRoleLogin {
  profile: string
  sso: SsoProfile
  accountId: string
  roleName: string
  accessToken: string
  portal: SsoPortalApi
  /** a new token without the browser (the refresh token), or undefined, for a token the portal refused */
  renew(): Promise<string | undefined>
}

/**
 * GetRoleCredentials with the sign-in's token, once. A token the portal no longer takes
 * (signed out, revoked) is marked expired in the cache, so the next run signs in again
 * rather than failing the same way.
 */
export function ssoRole(login: SsoRoleLogin, {clock, log}: {clock: Clock; log: Logger}): CredentialSource {
  const role = `role ${login.roleName} in account ${login.accountId} (profile ${shownName(login.profile)})`
  return once({
    name: `${login.accountId}/${login.roleName} (profile ${login.profile}, IAM Identity Center)`,
    get: async () => {
      const convert = (error: unknown) => convertSsoError(error, role, login.portal.endpoint, `clokta -p ${shownName(login.profile)}`)
      const get = async (accessToken: string) => {
        const credentials = await login.portal.getRoleCredentials({...login, accessToken})
        log.secret(credentials.secretAccessKey)
        log.secret(credentials.sessionToken)
        return credentials
      }
      try {
        return await get(login.accessToken)
      } catch (error) {
        if (ssoErrorName(error) !== 'UnauthorizedException') throw convert(error)
        await expireCachedToken(login.sso, login.accessToken, clock.now()).catch(() => log.debug('Could not mark the cached token as expired.'))
        const renewed = await login.renew().catch((renewError: unknown) => log.debug(`Could not renew the token: ${String(renewError)}`))
        if (!renewed) throw convert(error)
        log.info(`IAM Identity Center no longer took the token of ${shownName(login.profile)}; renewed it with its refresh token.`)
        return get(renewed).catch((retryError: unknown) => {
          throw convert(retryError)
        })
      }
    },
  })
}
