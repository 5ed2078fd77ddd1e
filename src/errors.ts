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
  | 'saml'
  | 'role'
  | 'sts'
  | 'file'

const exitCodes: Partial<Record<ErrorCode, number>> = {usage: 2, cancelled: 130}

export class CloktaError extends Error {
  readonly exitCode: number

  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly hint?: string,
    options?: {cause?: unknown},
  ) {
    super(message, options)
    this.name = 'CloktaError'
    this.exitCode = exitCodes[code] ?? 1
  }
}

export function isCloktaError(error: unknown): error is CloktaError {
  return error instanceof CloktaError
}
