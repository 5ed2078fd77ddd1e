import type {CredentialsForProfile} from '../flow/credentials-for.js'
import type {Deps} from '../flow/deps.js'
import type {LoginFlags} from '../flow/profile-settings.js'
import {containerVariables} from './container-variables.js'
import {startCredentialServer} from './credential-server.js'
import {profileRefresh} from './profile-refresh.js'

export interface ChildServer {
  /** to set in the child's environment (the endpoint, its token, the region): no keys */
  variables: [string, string][]
  close(): Promise<void>
}

/**
 * `clokta exec --server`: a credential server for one child, so that a long-running program
 * keeps getting fresh credentials instead of keys that expire under it. `first` is the
 * login exec has just made; the server renews from there without prompting. The child's
 * environment must lose whatever the SDKs would take before the endpoint (keys, AWS_PROFILE).
 */
export async function serveForChild(
  first: CredentialsForProfile,
  flags: LoginFlags,
  deps: Deps,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildServer> {
  const server = await startCredentialServer({
    profile: first.profile,
    initial: first.credentials,
    source: profileRefresh(first.profile, {...flags, mfaCode: undefined}, deps, env),
    clock: deps.clock,
    say: (line) => process.stderr.write(`${line}\n`),
  })
  return {variables: containerVariables(server, first.region), close: () => server.close()}
}
