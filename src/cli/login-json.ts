import type {CloktaError} from '../errors.js'
import {messageOf} from '../errors.js'
import type {CredentialStatus} from '../flow/credential-status.js'
import type {SummaryOutcome} from './summary.js'

/**
 * `--json`: what a run did, for scripts, on stdout and nothing else there. The shape is
 * documented in the README and versioned: fields are added, never renamed or removed
 * within a version. No secret is in it: keys and tokens stay in the files it names.
 */
export interface ProfileJson {
  profile: string
  status: 'logged-in' | 'still-valid'
  roleArn: string
  /** from the role ARN; null for an ARN of another form */
  account: string | null
  role: string | null
  /** chained in ~/.aws/config (role_arn + source_profile) */
  chained: boolean
  /** when the credentials expire, as STS said (ISO 8601, UTC) */
  expiration: string
  /** the files that hold them: ~/.aws/credentials, the .env, the .sh, clokta's record */
  files: string[]
}

export interface ErrorJson {
  /** the profile that failed; null for a failure of a run that named none (--all-roles through [DEFAULT]) */
  profile: string | null
  message: string
  hint?: string
}

export interface LoginJson {
  version: 1
  profiles: ProfileJson[]
  errors: ErrorJson[]
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

function roleParts(roleArn: string): {account: string | null; role: string | null} {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)
  return m ? {account: m[1], role: m[2]} : {account: null, role: null}
}

function errorJson(profile: string | null, error: unknown, redact: (text: string) => string): ErrorJson {
  const hint = (error as Partial<CloktaError>).hint
  return {profile, message: redact(messageOf(error)), ...(typeof hint === 'string' ? {hint: redact(hint)} : {})}
}

/** A run that got as far as STS: each profile written, each that failed. */
export function loginJson(
  result: {outcomes: SummaryOutcome[]; failures: {profile: string; error: unknown}[]},
  redact: (text: string) => string,
): LoginJson {
  return {
    version: 1,
    profiles: result.outcomes.map((o) => ({
      profile: o.profile,
      status: o.kind,
      roleArn: o.roleArn,
      ...roleParts(o.roleArn),
      chained: o.chained === true,
      expiration: iso(o.credentials.expiration),
      files: o.written,
    })),
    errors: result.failures.map((f) => errorJson(f.profile, f.error, redact)),
  }
}

/** A run that ended before any profile was written (the password, the MFA, a bad setting): the failure is every profile's. */
export function runFailureJson(profiles: string[], error: unknown, redact: (text: string) => string): LoginJson {
  const named = profiles.length > 0 ? profiles : [null]
  return {version: 1, profiles: [], errors: named.map((p) => errorJson(p, error, redact))}
}

/** `configure --list --json`: each profile, its app URL and remembered role, its credentials as clokta's record has them. */
export function profileListJson(rows: {profile: string; appUrl?: string; role?: string; status: CredentialStatus}[]) {
  return {
    version: 1 as const,
    profiles: rows.map((r) => ({
      profile: r.profile,
      appUrl: r.appUrl ?? null,
      roleArn: r.role ?? null,
      credentials: r.status.state,
      expiration: r.status.state === 'none' ? null : iso(r.status.expiration),
    })),
  }
}

export const jsonText = (value: unknown) => JSON.stringify(value, null, 2) + '\n'
