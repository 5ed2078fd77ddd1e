// PASSWORD_EXPIRED and PASSWORD_WARN: what Okta says about the password, and when it says it.
import type {Reply} from './http.js'
import {json, link, userObject} from './okta-shapes.js'
import {completeAuthn, transactionHead} from './okta-transactions.js'
import type {State, Transaction} from './state.js'

const COMPLEXITY = {minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0}

/**
 * Per transaction: whether primary auth asked to be warned of an expiring password, and,
 * once MFA is passed, the amr its session will carry. A side table, so the shared
 * Transaction shape stays what every route knows.
 */
interface PasswordStage {
  warn: boolean
  amr?: string[]
}
const stages = new WeakMap<Transaction, PasswordStage>()

export function notePasswordOptions(tx: Transaction, options: Record<string, unknown>): void {
  stages.set(tx, {warn: options.warnBeforePasswordExpired === true})
}

/** The password state this login owes the user, if any: PASSWORD_WARN only when asked for. */
export function pendingPasswordState(state: State, tx: Transaction): 'PASSWORD_EXPIRED' | 'PASSWORD_WARN' | undefined {
  const outcome = state.scenario.authnOutcome
  if (outcome === 'PASSWORD_EXPIRED') return 'PASSWORD_EXPIRED'
  return outcome === 'PASSWORD_WARN' && stages.get(tx)?.warn ? 'PASSWORD_WARN' : undefined
}

/** As fx okta-docs/authn-password-expired.json and authn-password-warn.json. */
export function renderPasswordState(state: State, tx: Transaction): Reply {
  const api = `${state.oktaUrl}/api/v1/authn`
  const user = userObject(state.scenario)
  const cancel = link(`${api}/cancel`)
  const next = link(`${api}/credentials/change_password`, 'changePassword')
  return tx.status === 'PASSWORD_EXPIRED'
    ? json(200, {...transactionHead(tx), _embedded: {user, policy: {complexity: COMPLEXITY}}, _links: {next, cancel}})
    : json(200, {
        ...transactionHead(tx),
        _embedded: {user, policy: {expiration: {passwordExpireDays: 5}, complexity: COMPLEXITY}},
        _links: {next, skip: link(`${api}/skip`, 'skip'), cancel},
      })
}

/** A verified factor: with active factors Okta challenges MFA first and only then turns to the password (PROTOCOL §1.2). */
export function afterFactor(state: State, tx: Transaction, amr: string[]): Reply {
  const status = pendingPasswordState(state, tx)
  if (!status) return completeAuthn(state, tx.authTime, amr, tx)
  stages.set(tx, {warn: stages.get(tx)?.warn ?? false, amr})
  tx.status = status
  delete tx.challenge
  return renderPasswordState(state, tx)
}

/** Skipping the warning after MFA ends the login; before MFA (no factors) it does not. */
export function skipWarning(state: State, tx: Transaction): Reply | undefined {
  const amr = stages.get(tx)?.amr
  return amr ? completeAuthn(state, tx.authTime, amr, tx) : undefined
}
