import {formatDuration} from '../config/duration.js'
import {CloktaError} from '../errors.js'
import type {Logger} from '../io/log.js'
import {implausibleExpiration, type Credentials} from '../model/credentials.js'
import type {SamlRole} from '../model/role.js'
import {durationAttempts, learnLimit, type SessionLimit} from './session-limit.js'
import type {StsApi} from './sts-client.js'
import {convertStsError, isMaxDurationError} from './sts-error.js'

export const MIN_DURATION = 900
export const MAX_DURATION = 43_200

export interface AssumeResult {
  credentials: Credentials
  durationSeconds: number
  /** see LimitLesson.learned: the caller keeps it for the next login */
  learned: SessionLimit | null | undefined
}

/** STS's answer as Credentials, refused when incomplete or when its Expiration cannot be right at `now`. */
export function toCredentials(
  c: {AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date} | undefined,
  what: string,
  now: number,
): Credentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new CloktaError(`AWS STS answered ${what} without complete credentials.`, 'sts')
  }
  const implausible = implausibleExpiration(c.Expiration, now)
  if (implausible) {
    throw new CloktaError(`AWS STS answered ${what} with ${implausible}.`, 'sts', "Check this computer's date and time, then log in again.")
  }
  return {accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration}
}

/**
 * AssumeRoleWithSAML for `durationSeconds`, or at once for what the role's remembered
 * `limit` allows; when STS says the role's maximum is lower, tries shorter durations (see
 * durationAttempts) and says what it got, once: the lesson goes back to the caller.
 */
export async function assumeRoleWithSaml(
  input: {role: SamlRole; assertion: string; durationSeconds: number; limit?: SessionLimit; now: number; profile?: string},
  sts: StsApi,
  log: Logger,
): Promise<AssumeResult> {
  const what = `role ${input.role.roleName} in ${input.role.accountId}`
  const attempts = durationAttempts(input.durationSeconds, input.limit, input.now)
  // only a remembered limit makes the first attempt shorter than asked
  const {limit} = input
  if (limit && attempts[0] < input.durationSeconds) {
    log.debug(
      `${what} allows at most ${formatDuration(limit.grantedSeconds)} (STS refused ${formatDuration(limit.refusedSeconds)} on ${limit.learnedAt}): asking for ${attempts[0]} s`,
    )
  }
  let refused: number | undefined
  for (const [i, durationSeconds] of attempts.entries()) {
    try {
      const out = await sts.assumeRoleWithSaml({
        roleArn: input.role.roleArn,
        principalArn: input.role.principalArn,
        samlAssertion: input.assertion,
        durationSeconds,
      })
      const credentials = toCredentials(out.Credentials, input.profile ? `${what} (profile ${input.profile})` : what, input.now)
      log.secret(credentials.secretAccessKey)
      log.secret(credentials.sessionToken)
      const lesson = learnLimit(input.limit, durationSeconds, refused, input.now)
      if (lesson.tell) {
        log.info(`The ${what} allows less than ${formatDuration(input.durationSeconds)}; got ${formatDuration(durationSeconds)} instead.`)
      }
      return {credentials, durationSeconds, learned: lesson.learned}
    } catch (error) {
      if (isMaxDurationError(error) && i < attempts.length - 1) {
        log.debug(`STS refused ${durationSeconds} s for ${what}; trying ${attempts[i + 1]} s`)
        refused = durationSeconds
        continue
      }
      throw convertStsError(error, what, sts.endpoint)
    }
  }
  throw new Error('unreachable')
}
