// Turning a one-time sessionToken into an Okta session (sid cookie), and the Sessions API around it.
import type {Incoming, Reply} from './http.js'
import {sessionId} from './ids.js'
import {signInPage} from './okta-html.js'
import {authFailed, json, link, oktaError, USER_ID} from './okta-shapes.js'
import {parseJson, str} from './okta-transactions.js'
import {ORG_ID} from './scenario.js'
import type {OktaSession, SessionGrant, State} from './state.js'

export const sidCookie = (id: string): string => `sid=${id}; Path=/; HttpOnly`

/** sessionTokens are one-time: any attempt consumes them, even an expired one. */
export function redeemGrant(state: State, token: string | null | undefined): SessionGrant | undefined {
  const grant = token ? state.sessionGrants.get(token) : undefined
  if (!grant || !token) return undefined
  state.sessionGrants.delete(token)
  return grant.expiresAt > state.now() ? grant : undefined
}

export function createSession(state: State, grant: SessionGrant): OktaSession {
  const now = state.now()
  const session: OktaSession = {
    id: sessionId(),
    login: grant.login,
    createdAt: now,
    expiresAt: now + state.scenario.sessionLifetimeSeconds * 1000,
    authTime: grant.authTime,
    amr: grant.amr,
    factorAt: grant.factorAt,
  }
  state.sessions.set(session.id, session)
  return session
}

export function findSession(state: State, sid: string | undefined): OktaSession | undefined {
  const session = sid === undefined ? undefined : state.sessions.get(sid)
  if (!session) return undefined
  if (session.expiresAt > state.now()) return session
  state.sessions.delete(session.id)
  return undefined
}

/** The browser bounce to the sign-in page that Okta gives a request without a usable session. */
export function loginRedirect(state: State, fromUri: string): Reply {
  return {status: 302, headers: {location: `${state.oktaUrl}/login/login.htm?fromURI=${encodeURIComponent(fromUri)}`}}
}

export function loginPage(state: State, req: Incoming): Reply {
  const page = signInPage(state.oktaUrl, req.query.get('fromURI') ?? '/app/UserHome')
  return {status: 200, headers: {'content-type': 'text/html;charset=utf-8'}, body: page}
}

/** Session object as in fx okta-docs/sessions-create-response.json and sessions-me-response.json. */
function sessionBody(state: State, s: OktaSession, viaMe: boolean) {
  const api = `${state.oktaUrl}/api/v1`
  const self = viaMe ? `${api}/sessions/me` : `${api}/sessions/${s.id}`
  const {firstName = 'John', lastName = 'Doe'} = state.scenario.user
  return {
    id: s.id,
    login: s.login,
    userId: USER_ID,
    status: 'ACTIVE',
    createdAt: new Date(s.createdAt).toISOString(),
    expiresAt: new Date(s.expiresAt).toISOString(),
    lastPasswordVerification: new Date(s.authTime).toISOString(),
    lastFactorVerification: s.factorAt === null ? null : new Date(s.factorAt).toISOString(),
    amr: s.amr,
    idp: {id: ORG_ID, type: 'OKTA'},
    mfaActive: state.scenario.factors.length > 0,
    _links: {
      self: link(self, undefined, ['GET', 'DELETE']),
      refresh: link(`${self}/lifecycle/refresh`),
      user: {name: `${firstName} ${lastName}`, href: `${api}/users/${viaMe ? 'me' : USER_ID}`, hints: {allow: ['GET']}},
    },
  }
}

export function createSessionApi(state: State, req: Incoming): Reply {
  const parsed = parseJson(req)
  if (!parsed.ok) return parsed.reply
  const grant = redeemGrant(state, str(parsed.body.sessionToken))
  return grant ? json(200, sessionBody(state, createSession(state, grant), false)) : authFailed()
}

const noSession = (): Reply => oktaError(404, 'E0000007', 'Not found: Resource not found: me (Session)')

export function sessionMe(state: State, req: Incoming, refresh: boolean): Reply {
  const session = findSession(state, req.cookies.sid)
  if (!session) return noSession()
  if (req.method === 'DELETE') {
    state.sessions.delete(session.id)
    return {status: 204}
  }
  if (refresh) session.expiresAt = state.now() + state.scenario.sessionLifetimeSeconds * 1000
  return json(200, sessionBody(state, session, true))
}

/** GET /login/sessionCookieRedirect?token=…&redirectUrl=…: set the sid cookie, then bounce. */
export function sessionCookieRedirect(state: State, req: Incoming): Reply {
  const redirectUrl = req.query.get('redirectUrl') ?? `${state.oktaUrl}/`
  const grant = redeemGrant(state, req.query.get('token'))
  if (!grant) {
    const sameOrigin = redirectUrl.startsWith(state.oktaUrl)
    return loginRedirect(state, sameOrigin ? redirectUrl.slice(state.oktaUrl.length) || '/' : redirectUrl)
  }
  const session = createSession(state, grant)
  return {status: 302, headers: {location: redirectUrl, 'set-cookie': sidCookie(session.id)}}
}
