import type {Clock} from '../../io/clock.js'
import type {HttpClient} from '../../io/http.js'
import type {Logger} from '../../io/log.js'
import type {Prompter} from '../../io/prompter.js'
import type {Terminal} from '../../io/terminal.js'
import type {SamlGrant} from '../../model/grant.js'
import {fetchSamlAssertion} from './app-saml.js'
import {authenticate} from './authn.js'
import type {FactorPreference} from './factor-catalog.js'
import {OktaApi} from './okta-api.js'

export interface OktaLoginInput {
  appUrl: URL
  username: string
  /** from okta_password in the environment; asked for when absent */
  password?: string
  mfa: FactorPreference
  mfaCode?: string
  otpSecret?: {value: string; source: string}
  pushTimeoutMs: number
}

export interface OktaLoginDeps {
  http: HttpClient
  prompter: Prompter
  terminal: Terminal | undefined
  clock: Clock
  log: Logger
}

/** Okta classic: password, MFA, then the AWS app's SAML assertion. Knows HTTP, not files. */
export async function loginOktaClassic(input: OktaLoginInput, deps: OktaLoginDeps): Promise<SamlGrant> {
  const api = new OktaApi(new URL(input.appUrl.origin), deps.http, deps.log, deps.clock)
  const password =
    input.password ??
    (await deps.prompter.password({
      message: 'Okta password',
      subject: 'the Okta password',
      provide: 'set okta_password in the environment',
    }))
  const sessionToken = await authenticate(
    {username: input.username, password, mfa: input.mfa},
    {api, prompter: deps.prompter, terminal: deps.terminal, clock: deps.clock, log: deps.log, mfaCode: input.mfaCode, otpSecret: input.otpSecret, pushTimeoutMs: input.pushTimeoutMs},
  )
  const assertion = await fetchSamlAssertion(input.appUrl, sessionToken, api, deps.log)
  return {assertion, appUrl: input.appUrl.href, username: input.username}
}
