import {openWorld} from '../config/world.js'
import {credentialsFor} from '../flow/credentials-for.js'
import type {Deps} from '../flow/deps.js'
import type {LoginFlags} from '../flow/profile-settings.js'
import {nonInteractivePrompter} from '../io/prompter.js'
import {MAX_DURATION} from '../sts/assume-role-with-saml.js'
import type {RefreshSource} from './refreshing-credentials.js'

/**
 * The server's refresh: the same login as `clokta -p` (credentials another run wrote are
 * reused when they outlast those held, else the Okta session kept in the keychain), but
 * never a question, nor an Identity Engine device login: a background refresh that needed one would wait on a terminal the user
 * is not looking at. The files are read again each time, as a new run would.
 */
export function profileRefresh(profile: string, flags: LoginFlags, deps: Deps, env: NodeJS.ProcessEnv): RefreshSource {
  const background: Deps = {...deps, prompter: nonInteractivePrompter, terminal: undefined}
  return async (atLeastSeconds) => {
    const minRemaining = String(Math.min(atLeastSeconds, MAX_DURATION))
    const {credentials} = await credentialsFor(profile, {...flags, force: false, minRemaining, noDeviceLogin: true}, background, openWorld(env))
    return credentials
  }
}
