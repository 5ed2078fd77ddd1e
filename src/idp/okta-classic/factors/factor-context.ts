import type {Clock} from '../../../io/clock.js'
import type {Logger} from '../../../io/log.js'
import type {Prompter} from '../../../io/prompter.js'
import type {Terminal} from '../../../io/terminal.js'
import type {OktaApi} from '../okta-api.js'
import type {OktaFactor, OktaTransaction} from '../types.js'

export interface FactorContext {
  api: OktaApi
  prompter: Prompter
  terminal: Terminal | undefined
  clock: Clock
  log: Logger
  /** a one-time code given up front (--mfa-code), for scripts */
  mfaCode?: string
  /** base32 TOTP seed (okta_onetimepassword_secret): codes are made, not typed */
  otpSecret?: {value: string; source: string}
  pushTimeoutMs: number
}

/** One way of proving a factor: takes the MFA_REQUIRED transaction, returns Okta's next one. */
export type VerifyFactor = (factor: OktaFactor, tx: OktaTransaction, ctx: FactorContext) => Promise<OktaTransaction>

export function verifyHref(factor: OktaFactor): string {
  const href = factor._links?.verify?.href
  if (!href) throw new Error(`factor ${factor.id} has no verify link`)
  return href
}
