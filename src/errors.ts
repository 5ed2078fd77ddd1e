/**
 * The one error type the product shows to users. Foreign errors (HTTP, Okta, STS, file
 * system) are converted where they enter, so the command's catch() can print a single
 * `clokta: <message>` line and exit with `exitCode`.
 */
export type ErrorCode =
  | 'usage'
  | 'config'
  | 'input-missing'
  | 'cancelled'
  | 'network'
  | 'okta-auth'
  | 'okta-mfa'
  | 'okta-state'
  | 'okta-api'
  /** anything else that ended a password login (a bad seed, the app link after MFA): another profile would send the password again */
  | 'okta-login'
  | 'saml'
  | 'role'
  | 'sts'
  /** IAM Identity Center: its device sign-in, token or portal */
  | 'sso'
  | 'file'

const exitCodes: Partial<Record<ErrorCode, number>> = {usage: 2, cancelled: 130}

export class CloktaError extends Error {
  readonly exitCode: number

  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly hint?: string,
    /** exitCode: when the status is fixed by convention (126 and 127 for a command `exec` cannot run) */
    options?: {cause?: unknown; exitCode?: number},
  ) {
    super(message, options)
    this.name = 'CloktaError'
    this.exitCode = options?.exitCode ?? exitCodes[code] ?? 1
  }
}

export function isCloktaError(error: unknown): error is CloktaError {
  return error instanceof CloktaError
}

/** The message of anything thrown: an Error's, an error-like object's, or the thing itself as text. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message
  return String(error)
}

/** The errno code (ENOENT, EACCES, ...) of a failed system call, if what was thrown has one. */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

/**
 * A failure that ends the whole run rather than one profile of it: going on would send the
 * password again (a lockout risk), push again, or ask again after a Ctrl-C.
 */
const RUN_ENDING = new Set<ErrorCode>(['usage', 'cancelled', 'network', 'okta-auth', 'okta-mfa', 'okta-state', 'okta-api', 'okta-login'])

export const endsTheRun = (error: unknown) => !isCloktaError(error) || RUN_ENDING.has(error.code)
