import type {Region} from '../config/region.js'
import type {Credentials} from '../model/credentials.js'

/** Set in the environment of what `clokta exec` runs, naming the profile: how a nested exec knows it is one. */
export const EXEC_MARKER = 'AWS_CLOKTA_PROFILE'

/**
 * Variables that would make an AWS tool use something other than the keys handed to it:
 * a named profile (the JavaScript SDK v3 skips the environment's keys when AWS_PROFILE is set), or
 * other credentials lower in the chain that, left over, would confuse whoever looks
 * (a container endpoint, web identity, the keys of another login).
 */
export const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']
const OTHER_CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
]

export interface HandedCredentials {
  credentials: Credentials
  region: Region
}

/** ISO 8601 in UTC to the second, as STS and the SDKs write it. */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * The variables `clokta env` prints and `clokta exec` sets, in that order. AWS_SECURITY_TOKEN
 * is the session token's old name, which boto 2 and tools built on it still read (aws-okta and
 * saml2aws set it too): set, it can never pair a stale token with new keys. The region only
 * when the profile has one: the fallback us-east-1 is left to the user's own setting.
 */
export function exportedVariables({credentials: c, region}: HandedCredentials): [string, string][] {
  const vars: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ['AWS_SESSION_TOKEN', c.sessionToken],
    ['AWS_SECURITY_TOKEN', c.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', isoSeconds(c.expiration)],
  ]
  if (region.known) vars.push(['AWS_REGION', region.value], ['AWS_DEFAULT_REGION', region.value])
  return vars
}

/**
 * The environment of the program `clokta exec` runs: the parent's, less every variable that
 * would point an AWS tool elsewhere (keys included, which would win over anything else handed
 * over, a container endpoint say), plus `variables` and the marker naming the profile.
 */
export function childEnvironment(parent: NodeJS.ProcessEnv, profile: string, variables: [string, string][]): Record<string, string> {
  const removed = new Set([...PROFILE_VARIABLES, ...OTHER_CREDENTIAL_VARIABLES])
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(parent)) if (value !== undefined && !removed.has(name)) env[name] = value
  for (const [name, value] of variables) env[name] = value
  env[EXEC_MARKER] = profile
  return env
}
