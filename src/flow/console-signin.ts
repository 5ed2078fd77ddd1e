import type {World} from '../config/world.js'
import {consoleDestination, federationUrl, loginUrl, partitionOf, signinTokenUrl} from '../signin/console-url.js'
import {consoleSessionSeconds} from '../signin/session-duration.js'
import {getSigninToken} from '../signin/signin-token.js'
import {credentialsFor} from './credentials-for.js'
import type {Deps} from './deps.js'
import type {LoginFlags} from './profile-settings.js'

export interface ConsoleOptions {
  /** a console URL or path (see consoleDestination) */
  destination?: string
  /** the console session's length, as typed (see consoleSessionSeconds) */
  duration?: string
}

export interface ConsoleSignin {
  /** the login URL: a secret for 15 minutes (its SigninToken signs anyone in) */
  url: string
  roleArn: string
  expiration: Date
}

/**
 * `clokta console`: the profile's credentials as `clokta -p` gets them (still-valid ones
 * reused, chained and SAML alike), traded at the federation endpoint of the role's
 * partition for a sign-in token, and the login URL that lands on the console.
 */
export async function consoleSignin(profile: string, flags: LoginFlags, options: ConsoleOptions, deps: Deps, world: World): Promise<ConsoleSignin> {
  // a duration AWS never takes is refused before any password is asked for
  consoleSessionSeconds(options.duration, {profile, chained: false})
  const {credentials, region, outcome} = await credentialsFor(profile, flags, deps, world)
  // still-valid credentials come from the files, not from STS: registered here as STS's are there
  deps.log.secret(credentials.secretAccessKey)
  deps.log.secret(credentials.sessionToken)
  const partition = partitionOf(outcome.roleArn)
  const federation = federationUrl(partition, world.env)
  const seconds = consoleSessionSeconds(options.duration, {profile, chained: outcome.chained === true})
  const destination = consoleDestination(partition, region.known ? region.value : undefined, options.destination)
  const token = await getSigninToken(await deps.http(), signinTokenUrl(federation, credentials, seconds), deps.log, profile, seconds)
  return {url: loginUrl(federation, token, destination), roleArn: outcome.roleArn, expiration: credentials.expiration}
}
