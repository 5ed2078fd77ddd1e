// The authn transaction store: stateTokens with sliding expiry, and the one-time sessionTokens they end in.
import type {Incoming, Reply} from './http.js'
import {isoOkta, sessionToken, stateToken} from './ids.js'
import {json, oktaError, userObject} from './okta-shapes.js'
import type {State, Transaction, TransactionStatus} from './state.js'

export const STATE_TOKEN_TTL_MS = 5 * 60_000
export const SESSION_TOKEN_TTL_MS = 5 * 60_000

export type JsonBody = Record<string, unknown>

export type Parsed = {ok: true; body: JsonBody} | {ok: false; reply: Reply}

/** Okta's /api/v1 only speaks JSON; anything else is a malformed request. */
export function parseJson(req: Incoming): Parsed {
  const malformed: Parsed = {ok: false, reply: oktaError(400, 'E0000003', 'The request body was not well-formed.')}
  if (
    !String(req.headers['content-type'] ?? '')
      .toLowerCase()
      .includes('application/json')
  )
    return malformed
  try {
    const value: unknown = JSON.parse(req.body || '{}')
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value)
    return isObject ? {ok: true, body: value as JsonBody} : malformed
  } catch {
    return malformed
  }
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export function newTransaction(state: State, status: TransactionStatus): Transaction {
  const now = state.now()
  const tx: Transaction = {stateToken: stateToken(), status, lastUsed: now, authTime: now}
  state.transactions.set(tx.stateToken, tx)
  return tx
}

/** Every use slides the 5-minute window, as Okta's `expiresAt` does. */
export function findTransaction(state: State, token: string | undefined): Transaction | undefined {
  const tx = token === undefined ? undefined : state.transactions.get(token)
  if (!tx) return undefined
  const now = state.now()
  if (now - tx.lastUsed > STATE_TOKEN_TTL_MS) {
    state.transactions.delete(tx.stateToken)
    return undefined
  }
  tx.lastUsed = now
  return tx
}

export const transactionHead = (tx: Transaction) => ({
  stateToken: tx.stateToken,
  expiresAt: isoOkta(tx.lastUsed + STATE_TOKEN_TTL_MS),
  status: tx.status,
})

/** Ends the transaction in SUCCESS: a one-time sessionToken and no stateToken, like Okta's primary auth. */
export function completeAuthn(state: State, authTime: number, amr: string[], tx?: Transaction): Reply {
  if (tx) state.transactions.delete(tx.stateToken)
  const now = state.now()
  const token = sessionToken()
  const expiresAt = now + SESSION_TOKEN_TTL_MS
  state.sessionGrants.set(token, {
    login: state.scenario.user.login,
    expiresAt,
    authTime,
    amr,
    factorAt: amr.includes('mfa') ? now : null,
  })
  return json(200, {
    expiresAt: isoOkta(expiresAt),
    status: 'SUCCESS',
    sessionToken: token,
    _embedded: {user: userObject(state.scenario)},
  })
}
