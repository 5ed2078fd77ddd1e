import {formatDuration} from '../config/duration.js'
import {CloktaError} from '../errors.js'
import type {Logger} from '../io/log.js'
import type {Credentials} from '../model/credentials.js'
import type {SamlRole} from '../model/role.js'
import type {StsApi} from './sts-client.js'
import {convertStsError, isMaxDurationError} from './sts-error.js'

export const MIN_DURATION = 900
export const MAX_DURATION = 43_200
/** What the original clokta fell back to when a role's maximum session is shorter. */
const FALLBACKS = [14_400, 3_600]

export interface AssumeResult {
  credentials: Credentials
  durationSeconds: number
}

export function toCredentials(c: {AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date} | undefined, what: string): Credentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new CloktaError(`AWS STS answered ${what} without complete credentials.`, 'sts')
  }
  return {accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration}
}

/**
 * AssumeRoleWithSAML for `durationSeconds`; when STS says the role's maximum is lower, tries
 * 4 h and then 1 h (each role's MaxSessionDuration is between 1 h and 12 h) and says so.
 */
export async function assumeRoleWithSaml(
  input: {role: SamlRole; assertion: string; durationSeconds: number},
  sts: StsApi,
  log: Logger,
): Promise<AssumeResult> {
  const what = `role ${input.role.roleName} in ${input.role.accountId}`
  const attempts = [input.durationSeconds, ...FALLBACKS.filter((d) => d < input.durationSeconds)]
  for (const [i, durationSeconds] of attempts.entries()) {
    try {
      const out = await sts.assumeRoleWithSaml({
        roleArn: input.role.roleArn,
        principalArn: input.role.principalArn,
        samlAssertion: input.assertion,
        durationSeconds,
      })
      const credentials = toCredentials(out.Credentials, what)
      log.secret(credentials.secretAccessKey)
      log.secret(credentials.sessionToken)
      if (i > 0) {
        log.info(`The ${what} allows less than ${formatDuration(input.durationSeconds)}; got ${formatDuration(durationSeconds)} instead.`)
      }
      return {credentials, durationSeconds}
    } catch (error) {
      if (isMaxDurationError(error) && i < attempts.length - 1) {
        log.debug(`STS refused ${durationSeconds} s for ${what}; trying ${attempts[i + 1]} s`)
        continue
      }
      throw convertStsError(error, what, sts.endpoint)
    }
  }
  throw new Error('unreachable')
}
