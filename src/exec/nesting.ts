import {shownName} from '../config/profile-name.js'
import {CloktaError} from '../errors.js'
import {EXEC_MARKER} from '../output/child-environment.js'

/**
 * A `clokta exec` inside another one's program (its subshell, most likely) is refused before
 * any login: the user has forgotten where they are, and the inner one's keys would quietly
 * replace the outer one's for the rest of that shell. Unsetting the marker says "I know".
 */
export function refuseNesting(env: NodeJS.ProcessEnv): void {
  const outer = env[EXEC_MARKER]
  if (!outer) return
  throw new CloktaError(
    `Already inside clokta exec for profile ${shownName(outer)} (${EXEC_MARKER} is set): exit that shell first, or run "unset ${EXEC_MARKER}" to start another inside it anyway.`,
    'usage',
  )
}
