import {CloktaError} from '../errors.js'
import {isRecord} from '../io/json-shape.js'

interface SdkError {
  name?: string
  message?: string
  code?: string
  $metadata?: {httpStatusCode?: number}
  $fault?: string
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** The fields of an AWS SDK (or network) error that clokta reads, each only if it has the expected type. */
function sdkError(error: unknown): SdkError {
  if (!isRecord(error)) return {}
  const metadata = isRecord(error.$metadata) ? error.$metadata : undefined
  return {
    name: text(error.name),
    message: text(error.message),
    code: text(error.code),
    $metadata: metadata && {httpStatusCode: typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined},
    $fault: text(error.$fault),
  }
}

/** True for STS's answer to a DurationSeconds above the role's MaxSessionDuration. */
export function isMaxDurationError(error: unknown): boolean {
  const e = sdkError(error)
  return e.name === 'ValidationError' && /MaxSessionDuration/i.test(e.message ?? '')
}

/** True for STS's answer to a SAML assertion past its NotOnOrAfter (Okta's last 5 minutes). */
export function isExpiredAssertion(error: unknown): boolean {
  return sdkError(error instanceof CloktaError ? error.cause : error).name === 'ExpiredTokenException'
}

/** The one place that turns AWS SDK errors into ours. `what` names the call, e.g. "role Developer". */
export function convertStsError(error: unknown, what: string, endpoint: string, hintOverrides: Record<string, string> = {}): CloktaError {
  if (error instanceof CloktaError) return error
  const e = sdkError(error)
  const status = e.$metadata?.httpStatusCode
  const message = (e.message ?? String(error)).trim()
  if (status === undefined || e.code) {
    return new CloktaError(`Cannot reach AWS STS at ${endpoint}: ${message}${e.code ? ` (${e.code})` : ''}.`, 'network', undefined, {cause: error})
  }
  const hints: Record<string, string> = {
    AccessDenied: "Check that the role trusts Okta's SAML provider, or ask your AWS administrator.",
    ExpiredTokenException: "Okta's SAML assertion lasts 5 minutes: run clokta again, and check this computer's clock if it happens at once.",
    // the SDK names STS's modelled codes <Code>Exception (InvalidIdentityToken → InvalidIdentityTokenException)
    InvalidIdentityTokenException: 'AWS does not trust this SAML assertion: the SAML provider in IAM may hold an old Okta certificate.',
    // the role's trust policy has a condition (SAML:aud, or one on the user's attributes) the assertion does not meet
    IDPRejectedClaimException:
      "The role's trust policy rejects a claim of Okta's SAML assertion: ask your AWS administrator to check its conditions (SAML:aud, attribute keys) against the Okta AWS app.",
    RegionDisabledException: 'Enable STS in that region or set another region for the profile in ~/.aws/config.',
  }
  // an assertion not addressed to the sign-in of the role's partition: no certificate would help
  if (e.name === 'InvalidIdentityTokenException' && /required audience/i.test(message)) {
    hints.InvalidIdentityTokenException =
      "The Okta AWS app's ACS URL is not the AWS sign-in of the role's partition (https://signin.aws.amazon.com/saml for aws): ask your Okta administrator to set it."
  }
  const hint = e.name ? (hintOverrides[e.name] ?? hints[e.name]) : undefined
  return new CloktaError(`AWS STS refused ${what}: ${message} (${e.name ?? status}).`, 'sts', hint, {cause: error})
}
