import {formatDuration} from '../config/duration.js'
import type {Logger} from '../io/log.js'
import type {SamlGrant} from '../model/grant.js'
import {parseAwsAssertion, type AwsAssertion} from '../saml/assertion.js'
import {MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'
import type {StsApi} from '../sts/sts-client.js'
import type {LoginRun} from './login-run.js'
import type {OktaGrantRequest} from './okta-grant.js'

export interface SamlAssertionResult {
  grant: SamlGrant
  assertion: AwsAssertion
  sts: StsApi
}

/** Okta → the AWS app's SAML assertion, parsed. The STS endpoint is checked first, before anyone types a password. */
export async function samlAssertionFor(okta: OktaGrantRequest, region: string, run: LoginRun): Promise<SamlAssertionResult> {
  const sts = run.deps.sts(region)
  const grant = await run.okta.grant(okta)
  return {grant, sts, assertion: await parseAwsAssertion(grant.assertion, grant.appUrl)}
}

/**
 * What to ask AssumeRoleWithSAML for: the user's duration, else the app's SessionDuration,
 * else 12 h; never more than SessionDuration, and always within STS's 15m..12h.
 */
export function samlDuration(asked: number | undefined, assertion: AwsAssertion, log: Logger): number {
  const cap = assertion.sessionDuration === undefined ? undefined : Math.min(MAX_DURATION, Math.max(MIN_DURATION, assertion.sessionDuration))
  const wanted = asked ?? cap ?? MAX_DURATION
  if (cap !== undefined && wanted > cap) {
    log.info(`The Okta app limits sessions to ${formatDuration(cap)} (SessionDuration); asking for that instead of ${formatDuration(wanted)}.`)
    return cap
  }
  return wanted
}
