import type {Region} from '../config/region.js'
import type {CredentialServer} from './credential-server.js'

/**
 * What points an AWS SDK or CLI at the server, in the order `clokta serve` prints them. The
 * region only when the profile has one, as `clokta env` and `exec` hand it over: the
 * fallback us-east-1 is left to the user's own setting.
 */
export function containerVariables(server: Pick<CredentialServer, 'url' | 'token'>, region: Region): [string, string][] {
  const vars: [string, string][] = [
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', server.url],
    ['AWS_CONTAINER_AUTHORIZATION_TOKEN', server.token],
  ]
  if (region.known) vars.push(['AWS_REGION', region.value], ['AWS_DEFAULT_REGION', region.value])
  return vars
}
