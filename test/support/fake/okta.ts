// The fake Okta Classic org: routes → handlers. Route keys name the scenario.inject queues.
import type {Incoming, Reply, Routed, Service} from './http.js'
import {appLink} from './okta-apps.js'
import {primaryAuthn, transactionAction} from './okta-authn.js'
import {verifyFactor} from './okta-factors.js'
import {notFoundPage} from './okta-html.js'
import {createSessionApi, loginPage, sessionCookieRedirect, sessionMe} from './okta-sessions.js'
import {deviceAuthorize, loginTokenSso, revokeEndpoint, tokenEndpoint} from './okta-oauth.js'
import {json, oktaError, withRateLimitHeaders} from './okta-shapes.js'
import {ORG_ID} from './scenario.js'
import type {State} from './state.js'
import type {InjectKey} from './types.js'

interface Route {
  methods: string[]
  path: RegExp
  inject?: InjectKey
  handle(state: State, req: Incoming, match: RegExpExecArray): Reply
}

/**
 * As fx okta-aws-cli/well-known-okta-organization-idx.json and its vcr cassettes: the
 * org's id, cell, own URL and engine ('v1' Classic, 'idx' Identity Engine), to anyone,
 * with a Date header by the fake's clock (which advanceTime moves, as a skewed client sees it).
 */
const wellKnown = (state: State): Reply => {
  const reply = json(200, {
    id: ORG_ID,
    cell: 'ok14',
    _links: {organization: {href: state.oktaUrl}},
    pipeline: state.scenario.pipeline ?? 'v1',
    settings: {analyticsCollectionEnabled: false, bugReportingEnabled: true, omEnabled: false, pssoEnabled: false},
  })
  return {...reply, headers: {...reply.headers, date: new Date(state.now()).toUTCString()}}
}

const ROUTES: Route[] = [
  {methods: ['GET'], path: /^\/\.well-known\/okta-organization$/, inject: 'wellKnown', handle: wellKnown},
  {methods: ['POST'], path: /^\/api\/v1\/authn$/, inject: 'authn', handle: primaryAuthn},
  {
    methods: ['POST'],
    path: /^\/api\/v1\/authn\/(skip|cancel|previous)$/,
    inject: 'authn',
    handle: (state, req, m) => transactionAction(state, req, m[1] as 'skip' | 'cancel' | 'previous'),
  },
  {
    methods: ['POST'],
    path: /^\/api\/v1\/authn\/factors\/([^/]+)\/verify(\/resend)?$/,
    inject: 'verify',
    handle: (state, req, m) => verifyFactor(state, req, decodeURIComponent(m[1]!), m[2] !== undefined),
  },
  {methods: ['POST'], path: /^\/api\/v1\/sessions$/, inject: 'sessions', handle: createSessionApi},
  {methods: ['GET', 'DELETE'], path: /^\/api\/v1\/sessions\/me$/, inject: 'sessions', handle: (state, req) => sessionMe(state, req, false)},
  {methods: ['POST'], path: /^\/api\/v1\/sessions\/me\/lifecycle\/refresh$/, inject: 'sessions', handle: (state, req) => sessionMe(state, req, true)},
  {methods: ['GET'], path: /^\/login\/sessionCookieRedirect$/, inject: 'sessions', handle: sessionCookieRedirect},
  {methods: ['GET'], path: /^\/login\/login\.htm$/, handle: loginPage},
  {methods: ['GET'], path: /^\/home\//, inject: 'app', handle: appLink},
  {methods: ['POST'], path: /^\/oauth2\/v1\/device\/authorize$/, inject: 'deviceAuthorize', handle: deviceAuthorize},
  {methods: ['POST'], path: /^\/oauth2\/v1\/token$/, inject: 'token', handle: tokenEndpoint},
  {methods: ['POST'], path: /^\/oauth2\/v1\/revoke$/, inject: 'revoke', handle: revokeEndpoint},
  {methods: ['GET', 'POST'], path: /^\/login\/token\/sso$/, inject: 'tokenSso', handle: loginTokenSso},
]

function fallback(req: Incoming, methodMismatch: boolean): Reply {
  if (!req.path.startsWith('/api/')) {
    return {status: 404, headers: {'content-type': 'text/html;charset=utf-8'}, body: notFoundPage()}
  }
  return methodMismatch
    ? oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method')
    : oktaError(404, 'E0000007', `Not found: Resource not found: ${req.path} (GenericResource)`)
}

export function oktaService(state: State): Service {
  return {
    name: 'okta',
    defaultContentType: 'application/json',
    route(req): Routed {
      let methodMismatch = false
      for (const route of ROUTES) {
        const match = route.path.exec(req.path)
        if (!match) continue
        if (!route.methods.includes(req.method)) {
          methodMismatch = true
          continue
        }
        return {inject: route.inject, handle: () => withRateLimitHeaders(state, route.handle(state, req, match))}
      }
      return {handle: () => withRateLimitHeaders(state, fallback(req, methodMismatch))}
    },
  }
}
