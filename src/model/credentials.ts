/** Temporary AWS credentials; `expiration` is what STS said, never a guess from the request. */
export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
}

/** What the writers need: the credentials, the profile they belong to, and its region. */
export interface ProfileCredentials {
  profile: string
  credentials: Credentials
  region?: string
  roleArn: string
  /** the duration the settings asked for, if any: recorded so a changed setting means a new login */
  askedSeconds?: number
  /** see CredentialRecord */
  madeFor?: string
  soleRole?: boolean
}

/**
 * STS grants 12 h at most; 36 h leaves a day for a clock here or there that is off. Beyond
 * that, or already past, the answer cannot be right, and written it would either make every
 * run log in again or keep credentials "valid" long after AWS stops taking them.
 */
export const MAX_EXPIRATION_AHEAD_MS = 36 * 3600 * 1000

/** Why an Expiration from STS cannot be believed, or undefined when it can. */
export function implausibleExpiration(expiration: Date, now: number): string | undefined {
  const at = expiration.getTime()
  if (Number.isNaN(at)) return 'an Expiration that is not a date'
  const when = expiration.toISOString().replace(/\.000Z$/, 'Z')
  if (at <= now) return `an Expiration already past (${when})`
  if (at - now > MAX_EXPIRATION_AHEAD_MS) return `an Expiration more than 36 h ahead (${when}), though STS grants 12 h at most`
  return undefined
}
