import type {CredentialsForProfile} from '../flow/credentials-for.js'
import type {Deps} from '../flow/deps.js'
import type {LoginFlags} from '../flow/profile-settings.js'
import {containerVariables} from './container-variables.js'
import {startCredentialServer} from './credential-server.js'
import {profileRefresh} from './profile-refresh.js'

export interface ServedProfile {
  url: string
  /** what points the AWS SDKs and CLI at the server (the endpoint, its token, the region): no keys */
  variables: [string, string][]
  close(): Promise<void>
}

/**
 * Serves one profile's credentials, for `clokta serve` and `clokta exec --server`: `first`
 * is the login the command has just made, in the terminal; the server renews from there in
 * the background. Renewals reuse the Okta session the first login kept, whatever
 * --no-session said for that one, and never take a one-time code: it was spent.
 */
export async function serveProfile(
  first: CredentialsForProfile,
  flags: LoginFlags,
  deps: Deps,
  say: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServedProfile> {
  const server = await startCredentialServer({
    profile: first.profile,
    initial: first.credentials,
    source: profileRefresh(first.profile, {...flags, noSession: false, mfaCode: undefined}, deps, env),
    clock: deps.clock,
    say,
  })
  return {url: server.url, variables: containerVariables(server, first.region), close: () => server.close()}
}
