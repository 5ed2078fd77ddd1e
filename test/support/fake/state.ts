import {createOAuthState, type OAuthState} from './okta-oauth.js'
import type {IssuedCredentials, RecordedRequest, Scenario} from './types.js'

export type TransactionStatus = 'MFA_REQUIRED' | 'MFA_CHALLENGE' | 'PASSWORD_WARN' | 'PASSWORD_EXPIRED' | 'MFA_ENROLL'

/** What the chosen factor is doing inside an MFA_CHALLENGE. */
export interface Challenge {
  factorId: string
  factorResult?: 'WAITING' | 'REJECTED' | 'TIMEOUT' | 'CHALLENGE'
  pushAnswers: number
  code?: string
  sentAt?: number
}

export interface Transaction {
  stateToken: string
  status: TransactionStatus
  lastUsed: number
  authTime: number
  challenge?: Challenge
}

/** A sessionToken is a one-time grant for one Okta session. */
export interface SessionGrant {
  login: string
  expiresAt: number
  authTime: number
  amr: string[]
  factorAt: number | null
}

export interface OktaSession {
  id: string
  login: string
  createdAt: number
  expiresAt: number
  authTime: number
  amr: string[]
  factorAt: number | null
}

export interface RolePair {
  principalArn: string
  roleArn: string
}

export interface IssuedAssertion {
  roles: RolePair[]
  notOnOrAfter: number
  /** the SessionDuration attribute, which can only shorten what AssumeRoleWithSAML grants */
  sessionDuration?: number
  login: string
  issuer: string
  recipient: string
}

export interface State {
  scenario: Scenario
  oktaUrl: string
  stsUrl: string
  requests: RecordedRequest[]
  smsSent: string[]
  pushSentCount: number
  issued: IssuedCredentials[]
  transactions: Map<string, Transaction>
  sessionGrants: Map<string, SessionGrant>
  sessions: Map<string, OktaSession>
  assertions: Map<string, IssuedAssertion>
  clockOffsetMs: number
  now(): number
  /** the Identity Engine side: device codes and the tokens issued */
  oauth: OAuthState
}

export function createState(scenario: Scenario): State {
  const state: State = {
    scenario,
    oktaUrl: '',
    stsUrl: '',
    requests: [],
    smsSent: [],
    pushSentCount: 0,
    issued: [],
    transactions: new Map(),
    sessionGrants: new Map(),
    sessions: new Map(),
    assertions: new Map(),
    clockOffsetMs: 0,
    now: () => Date.now() + state.clockOffsetMs,
    oauth: createOAuthState(),
  }
  return state
}

/** Clears what a run leaves behind; arrays are emptied in place so callers' references stay live. */
export function resetState(state: State): void {
  state.requests.length = 0
  state.smsSent.length = 0
  state.issued.length = 0
  state.pushSentCount = 0
  state.transactions.clear()
  state.sessionGrants.clear()
  state.sessions.clear()
  state.assertions.clear()
  state.clockOffsetMs = 0
  state.oauth = createOAuthState()
}
