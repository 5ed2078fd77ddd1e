import {rememberedSsoRole, type SsoProfile} from '../config/sso-profile.js'
import type {WebIdentityProfile} from '../config/web-identity-profile.js'
import type {OktaWebIdentityProfile} from '../config/okta-web-identity-profile.js'
import {profileKind} from '../config/profile-kind.js'
import type {World} from '../config/world.js'
import type {Clock} from '../io/clock.js'
import type {LoginFlags, ProfileSettings} from './read-profile-settings.js'
import type {ValidityQuestion} from './sources/cached.js'

/** What a SAML profile's credentials are made from, as the record keeps it. */
export const samlBasis = (s: Pick<ProfileSettings, 'resolved'>) => `saml ${s.resolved.values.appUrl ?? ''} ${s.resolved.values.username ?? ''}`

/** What an SSO profile's credentials are made from, as the record keeps it: another start URL, account or role is another login. */
export const ssoBasis = (sso: SsoProfile) => `sso ${sso.startUrl} ${sso.accountId ?? ''}/${sso.roleName ?? ''}`

/** Credentials whose record says ssoBasis made them. */
export const madeBySso = (madeFor: string | undefined) => madeFor?.startsWith('sso ') === true

/** What a web identity profile's credentials are made from: another token file or role is another login. */
export const webIdentityBasis = (web: WebIdentityProfile) => `web-identity ${web.tokenFile} ${web.roleArn}`

/** What an Okta web identity profile's credentials are made from: another org, client or role is another login. */
export const oktaWebIdentityBasis = (oidc: OktaWebIdentityProfile) => `okta-web-identity ${oidc.org.origin} ${oidc.clientId} ${oidc.roleArn}`

export interface ValidFor {
  /** a chain's source: any duration serves */
  anyDuration?: boolean
  /** a chained profile: made from this chain (see chainBasis), whatever its role */
  chain?: string
}

/** What credentials already written must satisfy to serve this run; none when it logs in anyway (--force, --no-default-role). */
export async function validityQuestion(
  s: ProfileSettings,
  flags: Pick<LoginFlags, 'force' | 'noDefaultRole' | 'role'>,
  {world, deps}: {world: World; deps: {clock: Pick<Clock, 'now'>}},
  validFor: ValidFor = {},
): Promise<ValidityQuestion | undefined> {
  // A file clokta could not update is reported now, not after the password and the push.
  const credentials = await world.awsCredentials()
  if (flags.force || flags.noDefaultRole) return undefined
  // an IAM Identity Center profile: its start URL, account and role, never an Okta role or a duration
  // a chained profile's kind is its chain's
  const kind = validFor.chain === undefined ? profileKind(s.profile, s.awsConfig, s.resolved, s.cfg.path) : undefined
  const sso = kind?.kind === 'sso' ? kind.sso : undefined
  const ssoRole = sso?.accountId !== undefined ? 'any' : (flags.role ?? rememberedSsoRole(s.cfg, s.profile))
  const web = kind?.kind === 'web-identity' ? kind.web : undefined
  const oidc = kind?.kind === 'okta-web-identity' ? kind.oidc : undefined
  // its role is the one it names: the basis holds it
  const fixedRole = (madeFor: string, askedSeconds: number | undefined): ValidityQuestion => ({
    profile: s.profile,
    keys: credentials.profile(s.profile),
    minRemainingSeconds: s.minRemainingSeconds,
    madeFor,
    role: 'any',
    now: deps.clock.now(),
    artefacts: s.artefacts,
    askedSeconds,
    anyDuration: validFor.anyDuration || askedSeconds === undefined,
    region: s.region.known ? s.region.value : undefined,
  })
  if (web) return fixedRole(webIdentityBasis(web), web.durationSeconds)
  if (oidc) return fixedRole(oktaWebIdentityBasis(oidc), s.askedSeconds)
  return {
    profile: s.profile,
    keys: credentials.profile(s.profile),
    minRemainingSeconds: s.minRemainingSeconds,
    madeFor: validFor.chain ?? (sso ? ssoBasis(sso) : samlBasis(s)),
    role: validFor.chain !== undefined ? 'any' : sso ? ssoRole : s.resolved.values.role,
    now: deps.clock.now(),
    artefacts: s.artefacts,
    askedSeconds: sso ? undefined : s.askedSeconds,
    anyDuration: validFor.anyDuration || sso !== undefined,
    region: s.region.known ? s.region.value : undefined,
  }
}
