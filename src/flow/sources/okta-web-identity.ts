import type {OktaWebIdentityProfile} from '../../config/okta-web-identity-profile.js'
import type {Region} from '../../config/region.js'
import type {Clock} from '../../io/clock.js'
import type {Logger} from '../../io/log.js'
import {assumeRoleWithWebIdentity} from '../../sts/assume-role-with-web-identity.js'
import type {StsApi} from '../../sts/sts-client.js'
import type {IdTokenClaims} from '../../idp/okta-device/id-token.js'
import type {OktaIdToken} from '../okta-id-tokens.js'
import {once, type CredentialSource} from './credential-source.js'

/** An Okta web identity profile ready for STS: its ID token got (the device login done), its session named. */
export interface OktaWebIdentityLogin {
  profile: string
  oidc: OktaWebIdentityProfile
  /**
   * The ID token as STS gets it: the run's, while it has more than a few minutes left, else
   * renewed without asking anyone (the prompts are over), so an ended one is never sent.
   */
  idToken(): Promise<OktaIdToken>
  roleSessionName: string
  durationSeconds?: number
  /** where durationSeconds was set, for STS's refusal of a longer one than the role allows */
  durationSource?: string
  sts: StsApi
  region: Region
}

/**
 * STS's RoleSessionName ([\w+=,.@-], 2 to 64) from whom the ID token names, so that
 * CloudTrail shows who: preferred_username (the Okta login), else email, else sub.
 */
export function webIdentitySessionName(claims: IdTokenClaims, now: number): string {
  const who = claims.preferredUsername ?? claims.email ?? claims.sub
  const name = (who ?? '').replace(/[^\w+=,.@-]/g, '-').slice(0, 64)
  return name.length >= 2 ? name : `clokta-session-${Math.floor(now / 1000)}`
}

/** AssumeRoleWithWebIdentity with the Okta ID token, once. */
export function oktaWebIdentity(login: OktaWebIdentityLogin, {clock, log}: {clock: Clock; log: Logger}): CredentialSource {
  const {oidc} = login
  const provider = `the IAM OIDC identity provider for ${oidc.org.origin} (audience ${oidc.clientId})`
  return once({
    name: `${oidc.roleArn} (profile ${login.profile}, Okta web identity)`,
    get: async () => {
      const {token} = await login.idToken()
      log.secret(token)
      return assumeRoleWithWebIdentity(
        {
          roleArn: oidc.roleArn,
          token,
          roleSessionName: login.roleSessionName,
          durationSeconds: login.durationSeconds,
          durationSource: login.durationSource,
          now: clock.now(),
          profile: login.profile,
        },
        login.sts,
        log,
        {
          ExpiredTokenException: "STS found Okta's ID token expired: check this computer's date and time, then run clokta again.",
          InvalidIdentityTokenException: `AWS does not trust Okta's ID token: check ${provider} in IAM: its URL must be ${oidc.org.origin} and its audiences must include ${oidc.clientId}.`,
          AccessDenied: `Check that the role's trust policy allows sts:AssumeRoleWithWebIdentity for ${provider}, with the condition ${oidc.org.host}:aud = ${oidc.clientId}.`,
        },
      )
    },
  })
}
