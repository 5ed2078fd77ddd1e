// The AWS federation endpoint (GET /federation) beside the fake STS: getSigninToken trades
// credentials STS issued for a sign-in token, Action=login trades the token for the console.
import {randomFrom} from './ids.js'
import type {Incoming, Reply, Service} from './http.js'
import type {State} from './state.js'
import type {IssuedCredentials} from './types.js'

/** A sign-in token lasts 15 minutes (IAM User Guide, custom identity broker). */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000
const CONSOLE_SESSION = {min: 900, max: 43_200}

interface SigninToken {
  credentials: IssuedCredentials
  issuedAt: number
  sessionDuration?: number
}

const tokens = new WeakMap<State, Map<string, SigninToken>>()
const tokensOf = (state: State) => tokens.get(state) ?? tokens.set(state, new Map()).get(state)!

/**
 * How the real endpoint refuses: a servlet container's 400 page (aws-vault #77, holochrome #8:
 * "Invalid credentials parameter", "The request sent by the client was syntactically
 * incorrect."), for credentials it does not take and SessionDuration with chained ones alike.
 */
function refusal(message: string): Reply {
  const body =
    '<html><head><title>Apache Tomcat/7.0.34 - Error report</title></head>' +
    `<body><h1>HTTP Status 400 - ${message}</h1><HR size="1" noshade="noshade">` +
    `<p><b>type</b> Status report</p><p><b>message</b> <u>${message}</u></p>` +
    '<p><b>description</b> <u>The request sent by the client was syntactically incorrect.</u></p>' +
    '<HR size="1" noshade="noshade"><h3>Apache Tomcat/7.0.34</h3></body></html>'
  return {status: 400, headers: {'content-type': 'text/html;charset=utf-8'}, body}
}

const INVALID_CREDENTIALS = 'Invalid credentials parameter'

/** A role session that assumed this role: role chaining, for which AWS takes no console SessionDuration. */
function isRoleChained(state: State, c: IssuedCredentials): boolean {
  return c.via === 'AssumeRole' && state.issued.some((i) => i.accessKeyId === c.sourceAccessKeyId)
}

function sessionCredentials(state: State, session: string | null): IssuedCredentials | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(session ?? '')
  } catch {
    return undefined
  }
  const s = parsed as {sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown}
  const c = state.issued.find((i) => i.accessKeyId === s.sessionId)
  return c && c.secretAccessKey === s.sessionKey && c.sessionToken === s.sessionToken ? c : undefined
}

function getSigninToken(state: State, p: URLSearchParams): Reply {
  const credentials = sessionCredentials(state, p.get('Session'))
  if (!credentials || Date.parse(credentials.expiration) <= state.now()) return refusal(INVALID_CREDENTIALS)
  const raw = p.get('SessionDuration')
  let sessionDuration: number | undefined
  if (raw !== null) {
    sessionDuration = Number(raw)
    if (!/^\d+$/.test(raw) || sessionDuration < CONSOLE_SESSION.min || sessionDuration > CONSOLE_SESSION.max)
      return refusal('Invalid SessionDuration')
    if (isRoleChained(state, credentials)) return refusal(INVALID_CREDENTIALS)
  }
  const token = randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 480)
  tokensOf(state).set(token, {credentials, issuedAt: state.now(), sessionDuration})
  return {status: 200, headers: {'content-type': 'application/json'}, body: JSON.stringify({SigninToken: token})}
}

function login(state: State, p: URLSearchParams): Reply {
  const token = tokensOf(state).get(p.get('SigninToken') ?? '')
  const destination = p.get('Destination')
  if (!token || state.now() - token.issuedAt > TOKEN_LIFETIME_MS || !destination) return refusal('Invalid SigninToken')
  return {status: 302, headers: {location: destination}, body: ''}
}

function federation(state: State, req: Incoming): Reply {
  const params = new URLSearchParams(req.rawQuery)
  if (req.method === 'POST') for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v)
  const action = params.get('Action')
  if (action === 'getSigninToken') return getSigninToken(state, params)
  if (action === 'login') return login(state, params)
  return refusal('Invalid Action')
}

/** The STS service with /federation answered as the sign-in host answers it; AWS_ENDPOINT_URL_SIGNIN points at the STS fake's URL. */
export function withFederation(state: State, sts: Service): Service {
  return {
    ...sts,
    route(req) {
      if (req.path !== '/federation') return sts.route(req)
      return {inject: 'signin', action: req.query.get('Action') ?? undefined, handle: () => federation(state, req)}
    },
  }
}
