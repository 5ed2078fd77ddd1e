import type {Logger} from '../io/log.js'
import type {Credentials} from '../model/credentials.js'
import {toCredentials} from './assume-role-with-saml.js'
import type {StsApi} from './sts-client.js'
import {convertStsError, isMaxDurationError} from './sts-error.js'

const hints = {
  expired: 'The token has expired: get a new one (a Kubernetes token file is renewed by the kubelet) and try again.',
  invalid: "AWS does not trust this token: check the role's OIDC identity provider in IAM (issuer URL, audience, thumbprint).",
  rejected: "The role's trust policy does not accept the token's claims (aud, sub): check its conditions.",
  unreachable: 'AWS could not reach the OIDC provider to check the token: try again.',
}

/** What to do about each refusal of a web identity token: by STS's code and by the SDK's error name (the code + "Exception"). */
const WEB_IDENTITY_HINTS: Record<string, string> = {
  ExpiredTokenException: hints.expired,
  InvalidIdentityToken: hints.invalid,
  InvalidIdentityTokenException: hints.invalid,
  IDPRejectedClaim: hints.rejected,
  IDPRejectedClaimException: hints.rejected,
  IDPCommunicationError: hints.unreachable,
  IDPCommunicationErrorException: hints.unreachable,
  AccessDenied: "Check that the role's trust policy allows sts:AssumeRoleWithWebIdentity for this OIDC provider.",
}

/**
 * AssumeRoleWithWebIdentity, once; STS's default (1 h) applies when no duration is asked.
 * `hints` says what to do about a refusal where the caller knows better (the token's issuer);
 * `durationSource` names where an asked duration was set, for the refusal of one above the role's maximum.
 */
export async function assumeRoleWithWebIdentity(
  input: {roleArn: string; token: string; roleSessionName: string; durationSeconds?: number; now: number; profile: string; durationSource?: string},
  sts: StsApi,
  log: Logger,
  hints: Record<string, string> = {},
): Promise<Credentials> {
  const what = `role ${input.roleArn} with a web identity token (profile ${input.profile})`
  try {
    const out = await sts.assumeRoleWithWebIdentity({
      roleArn: input.roleArn,
      roleSessionName: input.roleSessionName,
      webIdentityToken: input.token,
      durationSeconds: input.durationSeconds,
    })
    const credentials = toCredentials(out.Credentials, what, input.now)
    log.secret(credentials.secretAccessKey)
    log.secret(credentials.sessionToken)
    return credentials
  } catch (error) {
    const tooLong = isMaxDurationError(error) && {
      ValidationError: `Ask for less (the duration from ${input.durationSource ?? 'the profile'}), or raise the role's maximum session duration in IAM.`,
    }
    throw convertStsError(error, what, sts.endpoint, {...WEB_IDENTITY_HINTS, ...hints, ...tooLong})
  }
}
