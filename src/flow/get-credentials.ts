import {formatDuration} from '../config/duration.js'
import {loginOktaClassic, type OktaLoginInput} from '../idp/okta-classic/login.js'
import type {Credentials} from '../model/credentials.js'
import type {SamlRole} from '../model/role.js'
import {parseAwsAssertion} from '../saml/assertion.js'
import {chooseRole, type RoleRequest} from '../saml/choose-role.js'
import {assumeRoleWithSaml, MAX_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'

export interface CredentialRequest {
  okta: OktaLoginInput
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
  const grant = await loginOktaClassic(request.okta, {...deps, http: await deps.http()})
  const assertion = await parseAwsAssertion(grant.assertion, grant.appUrl)
  const {role, chosenAtPrompt} = await chooseRole(assertion.roles, request.role, deps.prompter, deps.log)
  let durationSeconds = request.durationSeconds ?? assertion.sessionDuration ?? MAX_DURATION
  if (assertion.sessionDuration !== undefined && durationSeconds > assertion.sessionDuration) {
    deps.log.info(
      `The Okta app limits sessions to ${formatDuration(assertion.sessionDuration)} (SessionDuration); asking for that instead of ${formatDuration(durationSeconds)}.`,
    )
    durationSeconds = assertion.sessionDuration
  }
  const result = await assumeRoleWithSaml({role, assertion: grant.assertion, durationSeconds}, deps.sts(request.region), deps.log)
  return {credentials: result.credentials, role, chosenAtPrompt, durationSeconds: result.durationSeconds}
}
