import type {World} from '../config/world.js'
import type {Clock} from '../io/clock.js'
import type {LoginFlags, ProfileSettings} from './read-profile-settings.js'
import type {ValidityQuestion} from './sources/cached.js'

/** What a SAML profile's credentials are made from, as the record keeps it. */
export const samlBasis = (s: Pick<ProfileSettings, 'resolved'>) => `saml ${s.resolved.values.appUrl ?? ''} ${s.resolved.values.username ?? ''}`

export interface ValidFor {
  /** a chain's source: any duration serves */
  anyDuration?: boolean
  /** a chained profile: made from this chain (see chainBasis), whatever its role */
  chain?: string
}

/** What credentials already written must satisfy to serve this run; none when it logs in anyway (--force, --no-default-role). */
export async function validityQuestion(
  s: ProfileSettings,
  flags: Pick<LoginFlags, 'force' | 'noDefaultRole'>,
  {world, deps}: {world: World; deps: {clock: Pick<Clock, 'now'>}},
  validFor: ValidFor = {},
): Promise<ValidityQuestion | undefined> {
  // A file clokta could not update is reported now, not after the password and the push.
  const credentials = await world.awsCredentials()
  if (flags.force || flags.noDefaultRole) return undefined
  return {
    profile: s.profile,
    keys: credentials.profile(s.profile),
    minRemainingSeconds: s.minRemainingSeconds,
    madeFor: validFor.chain ?? samlBasis(s),
    role: validFor.chain === undefined ? s.resolved.values.role : 'any',
    now: deps.clock.now(),
    artefacts: s.artefacts,
    askedSeconds: s.askedSeconds,
    anyDuration: validFor.anyDuration,
    region: s.region.known ? s.region.value : undefined,
  }
}
