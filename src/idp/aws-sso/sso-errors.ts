import {CloktaError} from '../../errors.js'
import {isRecord} from '../../io/json-shape.js'

/** The service's error code the SDK put in `name` (AuthorizationPendingException, UnauthorizedException, …). */
export function ssoErrorName(error: unknown): string | undefined {
  return isRecord(error) && typeof error.name === 'string' ? error.name : undefined
}

/** The HTTP status of an SDK error, undefined when no answer came (a network failure). */
function statusOf(error: unknown): number | undefined {
  const metadata = isRecord(error) && isRecord(error.$metadata) ? error.$metadata : undefined
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined
}

/**
 * The one place that turns IAM Identity Center's SDK errors into ours. `what` names the
 * call ("the sign-in of profile dev", "role ReadOnly in 111122223333"); `again` is the
 * command that starts over.
 */
export function convertSsoError(error: unknown, what: string, endpoint: string, again: string): CloktaError {
  if (error instanceof CloktaError) return error
  const host = new URL(endpoint).host
  const name = ssoErrorName(error)
  const e = isRecord(error) ? error : {}
  // OIDC errors carry error_description, the portal's a message
  const message = String(e.error_description ?? e.message ?? error).trim()
  if (statusOf(error) === undefined) {
    return new CloktaError(`Cannot reach IAM Identity Center at ${host}: ${message}.`, 'network', undefined, {cause: error})
  }
  const plain: Record<string, [string, string | undefined]> = {
    AccessDeniedException: [`The IAM Identity Center sign-in for ${what} was refused in the browser.`, `Run ${again} to try again.`],
    ExpiredTokenException: [
      `The IAM Identity Center sign-in code for ${what} expired before it was approved.`,
      `Run ${again} and approve the code in time.`,
    ],
    UnauthorizedException: [
      `IAM Identity Center no longer accepts the sign-in used for ${what} (${message}).`,
      `Run ${again} to sign in again (clokta has marked the cached token as expired).`,
    ],
    ForbiddenException: [
      `IAM Identity Center gives you no access to ${what} (${message}).`,
      'Check sso_account_id and sso_role_name, or run clokta sso accounts.',
    ],
    ResourceNotFoundException: [
      `IAM Identity Center has no ${what} for you (${message}).`,
      'Check sso_account_id and sso_role_name, or run clokta sso accounts.',
    ],
  }
  const known = name === undefined ? undefined : plain[name]
  if (known) return new CloktaError(known[0], 'sso', known[1], {cause: error})
  return new CloktaError(`IAM Identity Center at ${host} refused ${what}: ${message} (${name ?? statusOf(error)}).`, 'sso', undefined, {cause: error})
}
