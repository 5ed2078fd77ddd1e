// JSON building blocks shared by every Okta response: HAL links, errors, the user, factor objects.
import type {Reply} from './http.js'
import {errorId} from './ids.js'
import {factorId} from './scenario.js'
import type {State} from './state.js'
import type {FakeFactor, Scenario} from './types.js'

export type ResolvedFactor = FakeFactor & {id: string}

export interface Link {
  name?: string
  href: string
  hints: {allow: string[]}
}

export const link = (href: string, name?: string, allow: string[] = ['POST']): Link =>
  name === undefined ? {href, hints: {allow}} : {name, href, hints: {allow}}

/** Okta sends rate-limit headers on ordinary answers too; clients may log or honour them. */
function rateLimitHeaders(limit: number, remaining: number, resetMs: number): Record<string, string> {
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.ceil(resetMs / 1000)),
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {status, headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body)}
}

/** Adds the ordinary rate-limit headers to a JSON answer that has none, the window's reset by the fake's clock. */
export function withRateLimitHeaders(state: State, reply: Reply): Reply {
  const headers = reply.headers ?? {}
  if (!String(headers['content-type'] ?? '').includes('json') || 'x-rate-limit-reset' in headers) return reply
  return {...reply, headers: {...rateLimitHeaders(600, 599, state.now() + 60_000), ...headers}}
}

export function oktaError(status: number, code: string, summary: string, causes: string[] = [], headers: Record<string, string> = {}): Reply {
  return json(
    status,
    {
      errorCode: code,
      errorSummary: summary,
      errorLink: code,
      errorId: errorId(),
      errorCauses: causes.map((errorSummary) => ({errorSummary})),
    },
    headers,
  )
}

export const invalidToken = (): Reply => oktaError(401, 'E0000011', 'Invalid token provided')
export const authFailed = (): Reply => oktaError(401, 'E0000004', 'Authentication failed')
export const illegalState = (): Reply => {
  const message = 'This operation is not allowed in the current authentication state.'
  return oktaError(403, 'E0000079', message, [message])
}
export const notFound = (what: string): Reply => oktaError(404, 'E0000007', `Not found: Resource not found: ${what}`)

export const USER_ID = '00ub0oNGTSWTBKOLGLNR'

export function userObject(scenario: Scenario) {
  const {login, firstName = 'John', lastName = 'Doe'} = scenario.user
  return {
    id: USER_ID,
    passwordChanged: '2015-09-08T20:14:45.000Z',
    profile: {login, firstName, lastName, locale: 'en_US', timeZone: 'America/Los_Angeles'},
  }
}

export const resolveFactors = (scenario: Scenario): ResolvedFactor[] =>
  scenario.factors.map((factor, index) => ({...factor, id: factorId(factor, index)}))

function maskEmail(login: string): string {
  const [local = '', domain = 'example.com'] = login.split('@')
  return `${local.slice(0, 1)}…${local.slice(-1)}@${domain}`
}

function factorProfile(factor: ResolvedFactor, state: State): Record<string, unknown> {
  const login = state.scenario.user.login
  switch (factor.type) {
    case 'push':
      return {credentialId: login, deviceType: 'SmartPhone_IPhone', name: 'Gibson', platform: 'IOS', version: '9.0'}
    case 'sms':
    case 'call':
      return {phoneNumber: '+1 XXX-XXX-1337'}
    case 'email':
      return {email: maskEmail(login)}
    case 'token:hardware':
      return {credentialId: factor.provider === 'YUBICO' ? '000009884014' : login}
    case 'webauthn':
      return {
        credentialId: 'AZBXkiL5GrhfSvLeS4MHSvTVC_1ZLPcwI4SKKqKF1sd9TL_UFoQliUKu00to6slexSOZ9oh1h54BbTXPA343qHBF',
        authenticatorName: 'MacBook Touch ID',
      }
    case 'u2f':
      return {
        credentialId: 'shvjvW2Fi2GtCJb33nm0105EISG9lf2Jg0jWl42URM6vtDH8-AhnoSKfpoHfAf0kJMaCx13glfdxiLFuPW_1bw',
        appId: state.oktaUrl,
        version: 'U2F_V2',
      }
    case 'question':
      return {question: 'disliked_food', questionText: 'What is the food you least liked as a child?'}
    default:
      return {credentialId: login}
  }
}

export const verifyUrl = (state: State, factor: ResolvedFactor): string => `${state.oktaUrl}/api/v1/authn/factors/${factor.id}/verify`

/** A factor as listed under MFA_REQUIRED `_embedded.factors[]`. */
export function listedFactor(state: State, factor: ResolvedFactor) {
  return {
    id: factor.id,
    factorType: factor.type,
    provider: factor.provider,
    vendorName: factor.provider,
    profile: factorProfile(factor, state),
    _links: {verify: link(verifyUrl(state, factor))},
  }
}

/** The chosen factor under MFA_CHALLENGE `_embedded.factor`; Okta drops the push credentialId there. */
export function challengedFactor(state: State, factor: ResolvedFactor, embedded?: Record<string, unknown>) {
  const {credentialId: _omitted, ...pushProfile} = factorProfile(factor, state)
  return {
    id: factor.id,
    factorType: factor.type,
    provider: factor.provider,
    vendorName: factor.provider,
    profile: factor.type === 'push' ? pushProfile : factorProfile(factor, state),
    ...(embedded ? {_embedded: embedded} : {}),
  }
}
