import type {Clock} from '../../io/clock.js'
import type {HttpClient} from '../../io/http.js'
import type {Logger} from '../../io/log.js'
import type {Prompter} from '../../io/prompter.js'
import type {Terminal} from '../../io/terminal.js'
import {totpKey} from '../totp.js'
import {fetchSamlAssertion} from './app-saml.js'
import {authenticate, BadPasswordError} from './authn.js'
import type {FactorPreference} from './factor-catalog.js'
import type {OktaApi} from './okta-api.js'

export interface OktaLoginInput {
  appUrl: URL
  username: string
  mfa: FactorPreference
  mfaCode?: string
  otpSecret?: {value: string; source: string}
  pushTimeoutMs: number
}

/**
 * Where the password comes from (the environment, the keychain, the prompt) and what
 * happens to it once Okta has judged it. The login only knows that a stored password
 * that Okta rejects must be forgotten and the user asked instead.
 */
export interface PasswordSource {
  get(): Promise<{value: string; stored: boolean}>
  accepted(password: string): Promise<void>
  /** forgets a stored password Okta rejected; says how, in a line for the user */
  rejected(): Promise<string>
}

export interface OktaLoginDeps {
  api: OktaApi
  http: HttpClient
  prompter: Prompter
  terminal: Terminal | undefined
  clock: Clock
  log: Logger
}

/** Okta classic: password, MFA, then the AWS app's SAML assertion. Knows HTTP, not files. */
export async function loginOktaClassic(input: OktaLoginInput, passwords: PasswordSource, deps: OktaLoginDeps): Promise<string> {
  const {api, log} = deps
  const ctx = {...deps, mfaCode: input.mfaCode, otpSecret: input.otpSecret, pushTimeoutMs: input.pushTimeoutMs}
  // a seed that cannot make codes is refused now, not after the password has gone to Okta
  if (input.otpSecret) totpKey(input.otpSecret.value, input.otpSecret.source)
  let password = await passwords.get()
  let sessionToken: string
  for (;;) {
    try {
      sessionToken = await authenticate(
        {username: input.username, password: password.value, mfa: input.mfa, onPasswordAccepted: () => passwords.accepted(password.value)},
        ctx,
      )
      break
    } catch (error) {
      // Never try a rejected password again: forget the stored one and ask the user.
      if (!(error instanceof BadPasswordError) || !password.stored) throw error
      log.info(await passwords.rejected())
      password = await passwords.get()
    }
  }
  return fetchSamlAssertion(input.appUrl, sessionToken, api, log)
}
