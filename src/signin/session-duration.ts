import {formatDuration, parseDuration} from '../config/duration.js'
import {CloktaError} from '../errors.js'
import {CONSOLE_SESSION_SECONDS} from './console-url.js'

/**
 * The console session's length (`--duration`), sent as SessionDuration. The federation
 * endpoint takes it only with credentials from AssumeRoleWithSAML or AssumeRole called with
 * long-term keys: with role-chained credentials (a role session assuming a role) it answers
 * 400 "Invalid credentials parameter", so a chained profile is refused here, in words.
 * Without it, AWS decides the console session's length.
 */
export function consoleSessionSeconds(raw: string | undefined, credentials: {profile: string; chained: boolean}): number | undefined {
  if (raw === undefined) return undefined
  const seconds = parseDuration(raw, '--duration')
  const {min, max} = CONSOLE_SESSION_SECONDS
  if (seconds < min || seconds > max) {
    throw new CloktaError(
      `--duration ${raw} is ${formatDuration(seconds)}: a console session lasts ${formatDuration(min)} to ${formatDuration(max)}.`,
      'usage',
    )
  }
  if (credentials.chained) {
    throw new CloktaError(
      `--duration cannot be used with ${credentials.profile}: it is chained (role_arn + source_profile), and AWS refuses a console session duration for role-chained credentials.`,
      'usage',
      `Leave out --duration (AWS then decides how long the session lasts), or open the console of the source profile and switch role there.`,
    )
  }
  return seconds
}
