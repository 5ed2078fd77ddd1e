import type {Region} from '../config/region.js'
import type {CredentialServer} from './credential-server.js'

/** What points an AWS SDK or CLI at the server, in the order `clokta serve` prints them. */
export function containerVariables(server: Pick<CredentialServer, 'url' | 'token'>, region: Region): [string, string][] {
  return [
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', server.url],
    ['AWS_CONTAINER_AUTHORIZATION_TOKEN', server.token],
    ['AWS_REGION', region.value],
    ['AWS_DEFAULT_REGION', region.value],
  ]
}

/**
 * What would take precedence over the container endpoint in the SDKs' default chains (keys
 * in the environment, a profile in the files, ECS's relative URI, a token file) and so must
 * not reach a program meant to use it.
 */
export const OVERRIDING_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
]
