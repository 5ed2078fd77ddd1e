import {CloktaError} from '../errors.js'

interface SdkError {
  name?: string
  message?: string
  code?: string
  $metadata?: {httpStatusCode?: number}
  $fault?: string
}

/** True for STS's answer to a DurationSeconds above the role's MaxSessionDuration. */
export function isMaxDurationError(error: unknown): boolean {
  const e = error as SdkError
  return e?.name === 'ValidationError' && /MaxSessionDuration/i.test(e.message ?? '')
}

/** True for STS's answer to a SAML assertion past its NotOnOrAfter (Okta's last 5 minutes). */
export function isExpiredAssertion(error: unknown): boolean {
  const e = (error instanceof CloktaError ? error.cause : error) as SdkError | undefined
  return e?.name === 'ExpiredTokenException'
}

/** The one place that turns AWS SDK errors into ours. `what` names the call, e.g. "role Developer". */
export function convertStsError(error: unknown, what: string, endpoint: string, hintOverrides: Record<string, string> = {}): CloktaError {
  if (error instanceof CloktaError) return error
  const e = error as SdkError
  const status = e.$metadata?.httpStatusCode
  const message = (e.message ?? String(error)).trim()
  if (status === undefined || e.code) {
    return new CloktaError(`Cannot reach AWS STS at ${endpoint}: ${message}${e.code ? ` (${e.code})` : ''}.`, 'network', undefined, {cause: error})
  }
  const hints: Record<string, string> = {
    AccessDenied: "Check that the role trusts Okta's SAML provider, or ask your AWS administrator.",
    ExpiredTokenException: "Okta's SAML assertion lasts 5 minutes: run clokta again, and check this computer's clock if it happens at once.",
    InvalidIdentityToken: 'AWS does not trust this SAML assertion: the SAML provider in IAM may hold an old Okta certificate.',
    RegionDisabledException: 'Enable STS in that region or set another region for the profile in ~/.aws/config.',
  }
  const hint = e.name ? (hintOverrides[e.name] ?? hints[e.name]) : undefined
  return new CloktaError(`AWS STS refused ${what}: ${message} (${e.name ?? status}).`, 'sts', hint, {cause: error})
}
