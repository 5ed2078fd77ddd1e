import type {AwsConfig} from '../config/aws-config.js'
import {ssoProfileOf, type SsoProfile} from '../config/sso-profile.js'
import {messageOf} from '../errors.js'
import {endSsoSignIn, type SsoSignOut} from '../idp/aws-sso/sso-logout.js'
import {ssoCachePath} from '../idp/aws-sso/token-cache.js'
import type {Deps} from './deps.js'
import type {SsoLogout} from './logout-report.js'

/** One IAM Identity Center sign-in (an [sso-session], or a legacy profile's start URL) and the profiles that use it. */
interface SsoSignIn {
  sso: SsoProfile
  profiles: string[]
}

/**
 * The sign-ins of ~/.aws/config's IAM Identity Center profiles, each once (by its cache
 * file), with every profile that shares it; only `of`'s sign-in when given. A profile
 * whose IAM Identity Center settings are broken is left out: it never signed in.
 */
export function ssoSignIns(awsConfig: AwsConfig, of?: SsoProfile): SsoSignIn[] {
  const byPath = new Map<string, SsoSignIn>()
  if (of) byPath.set(ssoCachePath(of), {sso: of, profiles: []})
  for (const name of awsConfig.profileNames()) {
    let sso
    try {
      sso = ssoProfileOf(name, awsConfig)
    } catch {
      continue
    }
    if (!sso) continue
    const path = ssoCachePath(sso)
    const signIn = byPath.get(path) ?? (of ? undefined : {sso, profiles: []})
    if (!signIn) continue
    byPath.set(path, signIn)
    signIn.profiles.push(name)
  }
  return [...byPath.values()]
}

/** Ends each sign-in at IAM Identity Center and removes its cached token, one after the other; one that fails says why (notRemoved) and the others go on. */
export async function logoutSso(signIns: SsoSignIn[], deps: Deps): Promise<SsoLogout[]> {
  const out: SsoLogout[] = []
  for (const {sso, profiles} of signIns) {
    let ended: SsoSignOut
    try {
      ended = await endSsoSignIn(sso, {portal: (region) => deps.sso(region).portal, clock: deps.clock, log: deps.log})
    } catch (error) {
      // a cache file clokta cannot read (or a portal it cannot reach) stops only this sign-in
      ended = {path: ssoCachePath(sso), cached: true, notRemoved: messageOf(error)}
    }
    out.push({session: sso.session, startUrl: sso.startUrl, profiles, ...ended})
  }
  return out
}
