import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {AwsConfig} from './aws-config.js'
import {shownName} from './profile-name.js'
import {checkRegionName} from './region.js'

/** One AssumeRole on top of the previous credentials, as ~/.aws/config describes it. */
export interface RoleHop {
  profile: string
  roleArn: string
  externalId?: string
  roleSessionName?: string
  /** duration_seconds of this profile, as the AWS CLI reads it */
  durationSeconds?: string
  region?: string
}

export interface RoleChain {
  /** where the first credentials come from: an Okta login, or keys already in ~/.aws/credentials */
  base: {profile: string; kind: 'clokta' | 'static'}
  /** in the order they are assumed, ending with the profile asked for */
  hops: RoleHop[]
}

export interface ProfileKinds {
  /** clokta.cfg has a section for it, or clokta wrote its credentials: keys clokta made are not an IAM user's */
  isCloktaProfile(profile: string): boolean
  /** ~/.aws/credentials holds an access key and secret for it */
  hasStaticCredentials(profile: string): boolean
  /** clokta.cfg's [DEFAULT] names an app, so any profile can log in through Okta */
  defaultApp: boolean
}

/**
 * Follows `source_profile` from `target` down to credentials clokta can get: a clokta
 * profile (Okta) or a profile with keys in ~/.aws/credentials. Undefined when the target
 * is not a chained profile (no role_arn and source_profile).
 */
export function resolveRoleChain(target: string, awsConfig: AwsConfig, kinds: ProfileKinds): RoleChain | undefined {
  const file = displayPath(awsConfig.path)
  const hops: RoleHop[] = []
  const seen = [target]
  let current = target
  for (;;) {
    const section = awsConfig.profile(current)
    // the section's type says every key is there; these two may well not be
    const roleArn = section?.role_arn
    const source = section?.source_profile
    if (section === undefined || roleArn === undefined || source === undefined) {
      if (hops.length === 0) return undefined
      if (kinds.isCloktaProfile(current)) return {base: {profile: current, kind: 'clokta'}, hops}
      if (kinds.hasStaticCredentials(current)) return {base: {profile: current, kind: 'static'}, hops}
      // A name found nowhere is a typo, even when [DEFAULT] could log it in: logging in a profile
      // nobody defined would cost a password and a push, then write credentials under the typo.
      if (section === undefined) {
        throw new CloktaError(
          `Profile ${shownName(hops[0].profile)} has source_profile = ${shownName(current)}, but there is no profile ${shownName(current)} in ${file}, ~/.aws/credentials or clokta.cfg.`,
          'config',
          kinds.defaultApp ? `If ${shownName(current)} is meant to be a clokta profile, run clokta -p ${shownName(current)} once first.` : undefined,
        )
      }
      if (kinds.defaultApp) return {base: {profile: current, kind: 'clokta'}, hops}
      throw new CloktaError(
        `The source profile ${shownName(current)} (of ${shownName(hops[0].profile)}) is neither a clokta profile nor holds credentials in ~/.aws/credentials.`,
        'config',
        `Run clokta configure -p ${shownName(current)} to make it one, or point source_profile at a clokta profile.`,
      )
    }
    hops.unshift({
      profile: current,
      roleArn,
      externalId: section.external_id,
      roleSessionName: section.role_session_name,
      durationSeconds: section.duration_seconds,
      // the hop's own STS client uses it: refused here, before the password is sent
      region: section.region && checkRegionName(section.region, `${awsConfig.sourceOf(current, 'region')} in ${file}`),
    })
    if (seen.includes(source)) {
      throw new CloktaError(`The source_profile entries in ${file} form a cycle: ${[...seen, source].map(shownName).join(' → ')}.`, 'config')
    }
    seen.push(source)
    current = source
  }
}

/** STS's RoleSessionName is [\w+=,.@-]{2,64}: an Okta login like "Jane Doe/eng" is made to fit. */
export function roleSessionNameFor(username: string): string {
  const clean = username.replace(/[^\w+=,.@-]/g, '-').slice(0, 64)
  return clean.length >= 2 ? clean : `${clean}--`.slice(0, 2)
}
