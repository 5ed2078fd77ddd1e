import {formatDuration} from '../../config/duration.js'
import {ssoProfileOf, type SsoProfile} from '../../config/sso-profile.js'
import {EXPIRY_WINDOW_MS} from '../../idp/aws-sso/sso-token.js'
import {parseCacheTime, readSsoToken, ssoCachePath, type SsoToken} from '../../idp/aws-sso/token-cache.js'
import {messageOf} from '../../errors.js'
import {displayPath} from '../../io/paths.js'
import {credentialStatuses, type CredentialStatus} from '../credential-status.js'
import {broken, ok, warning, type Finding, type Status} from './findings.js'
import {credentialsText} from './credentials-text.js'
import type {DoctorContext} from './survey.js'

const minutesLeft = (until: number, now: number) => formatDuration(Math.max(60, Math.round((until - now) / 60_000) * 60))

/**
 * The sign-in a login would find in the AWS CLI's token cache, as ssoAccessToken decides:
 * used while it lasts, renewed by its refresh token while the client registration lasts,
 * else the browser. Only times are read; no token is shown.
 */
export function ssoSignInState(token: SsoToken | undefined, startUrl: string, path: string, now: number): {status: Status; text: string} {
  if (token === undefined) return {status: 'warning', text: `not signed in (no token in ${displayPath(path)}): the next login opens the browser`}
  // the login takes no token of another start URL (the sso-session's was changed since)
  if (token.startUrl !== startUrl) {
    return {
      status: 'warning',
      text: `the token in ${displayPath(path)} is for ${token.startUrl}, not this start URL: the next login opens the browser`,
    }
  }
  const expiresAt = parseCacheTime(token.expiresAt)
  const registration = parseCacheTime(token.registrationExpiresAt)
  const registered = Number.isNaN(registration)
    ? ''
    : registration > now
      ? `; client registered until ${new Date(registration).toISOString().slice(0, 10)}`
      : '; client registration expired: the next sign-in registers again'
  if (expiresAt - now > EXPIRY_WINDOW_MS) return {status: 'ok', text: `signed in for ${minutesLeft(expiresAt, now)}${registered}`}
  if (token.refreshToken !== undefined && token.clientId && token.clientSecret && registration - now > EXPIRY_WINDOW_MS) {
    return {status: 'ok', text: `sign-in expired; its refresh token renews it without the browser${registered}`}
  }
  return {status: 'warning', text: `sign-in expired: the next login opens the browser${registered}`}
}

const where = (sso: SsoProfile) =>
  `IAM Identity Center ${sso.startUrl} (sso_region ${sso.region}${sso.session === undefined ? '' : `, sso-session ${sso.session}`})`

/** Each IAM Identity Center profile of ~/.aws/config: where it signs in, the cached sign-in, and its credentials. */
export async function ssoProfileRows(c: DoctorContext): Promise<Finding[]> {
  let awsConfig
  try {
    awsConfig = await c.world.awsConfig()
  } catch {
    return [] // the config check says why
  }
  const now = c.deps.clock.now()
  const found: {name: string; sso?: SsoProfile; problem?: string}[] = []
  for (const name of awsConfig.profileNames()) {
    try {
      const sso = ssoProfileOf(name, awsConfig)
      if (sso) found.push({name, sso})
    } catch (error) {
      found.push({name, problem: messageOf(error)})
    }
  }
  // ~/.aws/credentials that does not parse: the config check says so
  const statuses: (CredentialStatus | undefined)[] = await credentialStatuses(
    found.map((p) => p.name),
    now,
    c.world,
  ).catch(() => [])
  return Promise.all(
    found.map(async ({name, sso, problem}, i) => {
      if (!sso) return broken('profile', name, problem ?? 'unreadable')
      const path = ssoCachePath(sso)
      const signIn = ssoSignInState(await readSsoToken(sso), sso.startUrl, path, now)
      const status = statuses[i]
      const detail = `${where(sso)}; ${signIn.text}; ${credentialsText(status, now)}`
      return signIn.status === 'ok' && status?.state !== 'none' ? ok('profile', name, detail) : warning('profile', name, detail)
    }),
  )
}
