// POST /api/v1/authn and the transaction-level links (skip, cancel, previous).
import type {Incoming, Reply} from './http.js'
import {renderChallenge} from './okta-factors.js'
import {notePasswordOptions, pendingPasswordState, renderPasswordState, skipWarning} from './okta-password.js'
import {authFailed, illegalState, invalidToken, json, link, listedFactor, resolveFactors, userObject} from './okta-shapes.js'
import {completeAuthn, findTransaction, newTransaction, parseJson, str, transactionHead} from './okta-transactions.js'
import type {State, Transaction} from './state.js'

const ENROLLABLE = [
  ['token', 'RSA'],
  ['token:software:totp', 'OKTA'],
  ['sms', 'OKTA'],
  ['call', 'OKTA'],
  ['push', 'OKTA'],
] as const

/** Renders a live transaction as Okta would answer "get transaction state". */
export function renderTransaction(state: State, tx: Transaction): Reply {
  const api = `${state.oktaUrl}/api/v1/authn`
  const user = userObject(state.scenario)
  const cancel = link(`${api}/cancel`)
  switch (tx.status) {
    case 'MFA_REQUIRED':
      return json(200, {
        ...transactionHead(tx),
        _embedded: {user, factors: resolveFactors(state.scenario).map((f) => listedFactor(state, f))},
        _links: {cancel},
      })
    case 'MFA_CHALLENGE':
      return renderChallenge(state, tx)
    case 'PASSWORD_EXPIRED':
    case 'PASSWORD_WARN':
      return renderPasswordState(state, tx)
    case 'MFA_ENROLL':
      return json(200, {
        ...transactionHead(tx),
        _embedded: {
          user,
          factors: ENROLLABLE.map(([factorType, provider]) => ({
            factorType,
            provider,
            vendorName: provider,
            _links: {enroll: link(`${api}/factors`)},
            status: 'NOT_SETUP',
            enrollment: 'OPTIONAL',
          })),
        },
        _links: {cancel},
      })
  }
}

/** MFA is asked for whenever factors are enrolled; with none, Okta makes the user enroll. */
function afterPassword(state: State, existing?: Transaction): Reply {
  const status = state.scenario.factors.length === 0 ? 'MFA_ENROLL' : 'MFA_REQUIRED'
  const tx = existing ?? newTransaction(state, status)
  tx.status = status
  delete tx.challenge
  return renderTransaction(state, tx)
}

/**
 * An expired or expiring password: with active factors Okta challenges MFA first and
 * tells of the password after it (okta-password.ts); without, it tells at once.
 */
function passwordOutcome(state: State, options: Record<string, unknown>): Reply {
  const tx = newTransaction(state, 'MFA_REQUIRED')
  notePasswordOptions(tx, options)
  const status = state.scenario.factors.length > 0 ? undefined : pendingPasswordState(state, tx)
  if (!status) return afterPassword(state, tx)
  tx.status = status
  return renderTransaction(state, tx)
}

export function primaryAuthn(state: State, req: Incoming): Reply {
  const parsed = parseJson(req)
  if (!parsed.ok) return parsed.reply
  const body = parsed.body
  const username = str(body.username)
  if (username === undefined && body.stateToken !== undefined) {
    const tx = findTransaction(state, str(body.stateToken))
    return tx ? renderTransaction(state, tx) : invalidToken()
  }
  const {user, authnOutcome} = state.scenario
  if (username?.toLowerCase() !== user.login.toLowerCase() || str(body.password) !== user.password) return authFailed()
  const options = (body.options ?? {}) as Record<string, unknown>
  switch (authnOutcome) {
    case 'SUCCESS':
      return completeAuthn(state, state.now(), ['pwd'])
    case 'LOCKED_OUT':
      return json(200, {
        status: 'LOCKED_OUT',
        _links: {next: link(`${state.oktaUrl}/api/v1/authn/recovery/unlock`, 'unlock')},
      })
    case 'PASSWORD_EXPIRED':
    case 'PASSWORD_WARN':
      return passwordOutcome(state, options)
    case 'MFA_ENROLL':
      return renderTransaction(state, newTransaction(state, 'MFA_ENROLL'))
    case 'MFA':
      return afterPassword(state)
  }
}

type TxAction = 'skip' | 'cancel' | 'previous'

export function transactionAction(state: State, req: Incoming, action: TxAction): Reply {
  const parsed = parseJson(req)
  if (!parsed.ok) return parsed.reply
  const tx = findTransaction(state, str(parsed.body.stateToken))
  if (!tx) return invalidToken()
  if (action === 'cancel') {
    // The state token is revoked (later calls: 401 E0000011). The docs give no answer body;
    // Okta's own SDK tests replay a 200 whose body holds nothing but relayState.
    state.transactions.delete(tx.stateToken)
    return json(200, {})
  }
  if (action === 'skip' && tx.status !== 'PASSWORD_WARN') return illegalState()
  if (action === 'previous' && tx.status !== 'MFA_CHALLENGE') return illegalState()
  return (action === 'skip' && skipWarning(state, tx)) || afterPassword(state, tx)
}
