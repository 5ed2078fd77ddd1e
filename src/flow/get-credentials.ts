import {formatDuration} from '../config/duration.js'
import type {Credentials} from '../model/credentials.js'
import type {SamlRole} from '../model/role.js'
import {parseAwsAssertion} from '../saml/assertion.js'
import {chooseRole, type RoleRequest} from '../saml/choose-role.js'
import {assumeRoleWithSaml, MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import {oktaGrant, type OktaGrantRequest} from './okta-grant.js'

export interface CredentialRequest {
  okta: OktaGrantRequest
  role: RoleRequest
  /** seconds the user asked for (--duration / duration); undefined: the app's SessionDuration, else 12 h */
  durationSeconds?: number
  region: string
}

export interface CredentialResult {
  credentials: Credentials
  role: SamlRole
  chosenAtPrompt: boolean
  durationSeconds: number
}

/** login → SAML assertion → role → STS. No files: the caller decides what to write. */
export async function getCredentials(request: CredentialRequest, deps: Deps): Promise<CredentialResult> {
  const sts = deps.sts(request.region) // checks the endpoint before anyone types a password
  const grant = await oktaGrant(request.okta, deps)
  const assertion = await parseAwsAssertion(grant.assertion, grant.appUrl)
  const {role, chosenAtPrompt} = await chooseRole(assertion.roles, request.role, deps.prompter, deps.log)
  // STS refuses anything outside 15m..12h, whatever the app's SessionDuration says.
  const cap = assertion.sessionDuration === undefined ? undefined : Math.min(MAX_DURATION, Math.max(MIN_DURATION, assertion.sessionDuration))
  let durationSeconds = request.durationSeconds ?? cap ?? MAX_DURATION
  if (cap !== undefined && durationSeconds > cap) {
    deps.log.info(`The Okta app limits sessions to ${formatDuration(cap)} (SessionDuration); asking for that instead of ${formatDuration(durationSeconds)}.`)
    durationSeconds = cap
  }
  const result = await assumeRoleWithSaml({role, assertion: grant.assertion, durationSeconds}, sts, deps.log)
  return {credentials: result.credentials, role, chosenAtPrompt, durationSeconds: result.durationSeconds}
}
