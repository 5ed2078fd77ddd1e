import {roleRegion} from '../config/partition.js'
import {shownName} from '../config/profile-name.js'
import {resolveRegion, type Region} from '../config/region.js'
import type {World} from '../config/world.js'
import {CloktaError} from '../errors.js'
import type {Credentials} from '../model/credentials.js'
import type {Deps} from './deps.js'
import {login} from './login.js'
import type {LoginOutcome} from './login-profile.js'
import type {LoginFlags} from './profile-settings.js'

export interface CredentialsForProfile {
  profile: string
  credentials: Credentials
  /** where AWS tools should send requests: the profile's region as the artefacts know it */
  region: Region
  outcome: LoginOutcome
}

/**
 * One profile's credentials for the outputs that hand them to another program (exec, env,
 * credential_process, the container endpoint, the console): the same login as `clokta -p`
 * (still-valid credentials reused, the Okta session first, prompts on the terminal only), and
 * its files written as that login writes them, so every form stays in step with the others.
 */
export async function credentialsFor(profile: string, flags: LoginFlags, deps: Deps, world: World): Promise<CredentialsForProfile> {
  const {outcomes} = await login([profile], flags, deps, world)
  const outcome = outcomes.at(0)
  // login() throws the failure of a single profile, so there is always one
  if (outcome === undefined) throw new CloktaError(`No credentials came back for ${shownName(profile)}.`, 'sts')
  // as the login wrote it: the region set, or the partition's of the role
  const {region} = roleRegion(outcome.roleArn, resolveRegion(profile, await world.awsConfig(), world.env))
  return {profile, credentials: outcome.credentials, region, outcome}
}
