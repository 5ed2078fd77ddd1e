import type {CredentialsForProfile} from '../flow/credentials-for.js'
import type {Deps} from '../flow/deps.js'
import type {LoginFlags} from '../flow/profile-settings.js'
import {containerVariables, OVERRIDING_VARIABLES} from './container-variables.js'
import {startCredentialServer} from './credential-server.js'
import {profileRefresh} from './profile-refresh.js'

export interface ChildServer {
  /** to lay over the child's environment: a value to set, or undefined for a variable to remove; no keys */
  env: Record<string, string | undefined>
  close(): Promise<void>
}

/**
 * `clokta exec --server`: a credential server for one child, so that a long-running program
 * keeps getting fresh credentials instead of keys that expire under it. `first` is the
 * login exec has just made; the server renews from there without prompting.
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
    source: profileRefresh(first.profile, flags, deps, env),
    clock: deps.clock,
    say: (line) => process.stderr.write(`${line}\n`),
  })
  const vars: Record<string, string | undefined> = Object.fromEntries(OVERRIDING_VARIABLES.map((name) => [name, undefined]))
  for (const [name, value] of containerVariables(server, first.region)) vars[name] = value
  return {env: vars, close: () => server.close()}
}
