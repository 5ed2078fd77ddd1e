// An Identity Engine org's OAuth side: the device authorization grant, the token endpoint
// (device code, refresh token, web SSO token exchange), /oauth2/v1/revoke and /login/token/sso, as
// fx okta-aws-cli/vcr/TestWebSSOAuthAccessToken.yaml, gimme-aws-creds/oie-*,
// okta-docs/device-* and okta-docs/oauth2-error-codes-subset.json show them.
import {randomUUID} from 'node:crypto'
import type {Incoming, Reply} from './http.js'
import {randomFrom} from './ids.js'
import {awsPage} from './okta-apps.js'
import {json, USER_ID} from './okta-shapes.js'
import {APP_PATH, ORG_ID} from './scenario.js'
import type {State} from './state.js'
import type {OidcApp} from './types.js'

export const OIDC_CLIENT_ID = '0oa4x34ogyC1i1krJ1d7'
/** the AWS app's id, as its dashboard link /home/amazon_aws/<id>/272 names it */
export const AWS_APP_ID = APP_PATH.split('/')[3]!

export const OIDC_DEFAULTS: OidcApp = {
  clientId: OIDC_CLIENT_ID,
  interval: 5,
  pendingPolls: 1,
  outcome: 'approve',
  allowedWebSso: true,
  assuranceMet: true,
  accessTokenSeconds: 3600,
}

interface Device {
  clientId: string
  scopes: string[]
  polls: number
  expiresAt: number
  used: boolean
}
interface Issued {
  clientId: string
  login: string
  authTime: number
  expiresAt: number
  scopes: string[]
}
export interface OAuthState {
  devices: Map<string, Device>
  access: Map<string, Issued>
  id: Map<string, Issued>
  refresh: Map<string, Issued>
  webSso: Map<string, Issued & {appId: string; used: boolean}>
  /** each token the client asked to revoke, with the hint it came with */
  revoked: {token: string; hint: string | null}[]
}

export const createOAuthState = (): OAuthState => ({
  devices: new Map(),
  access: new Map(),
  id: new Map(),
  refresh: new Map(),
  webSso: new Map(),
  revoked: [],
})

const oidcApp = (state: State): OidcApp => ({...OIDC_DEFAULTS, ...state.scenario.oidc})
const oauthError = (status: number, error: string, description: string): Reply => json(status, {error, error_description: description})
const invalidClient = () => oauthError(401, 'invalid_client', "Invalid value for 'client_id' parameter.")
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** JWT-shaped, as Okta's are (the signature random: nobody here checks it) */
const jwt = (claims: object) =>
  `${b64({kid: 'iQwu8kzDLG1E9LT46Hc4Gll7YDQ6JMtkbrLhzTumpCs', alg: 'RS256'})}.${b64(claims)}.${randomFrom('ABCDEFabcdef0123456789-_', 342)}`

/** The scopes asked for, or Okta's refusal of one the app may not have: every scope is granted to the fake app unless `scopes` says otherwise. */
function askedScopes(form: URLSearchParams, app: OidcApp): string[] | Reply {
  const asked = (form.get('scope') ?? '').split(' ').filter(Boolean)
  const refused = asked.filter((scope) => app.scopes !== undefined && !app.scopes.includes(scope))
  if (refused.length) return oauthError(400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.')
  return asked
}

export function deviceAuthorize(state: State, req: Incoming): Reply {
  const form = new URLSearchParams(req.body)
  const app = oidcApp(state)
  if (form.get('client_id') !== app.clientId) return invalidClient()
  const scopes = askedScopes(form, app)
  if (!Array.isArray(scopes)) return scopes
  const deviceCode = randomUUID()
  const userCode = randomFrom('BCDFGHJKLMNPQRSTVWXZ', 8)
  state.oauth.devices.set(deviceCode, {clientId: app.clientId, scopes, polls: 0, expiresAt: state.now() + 600_000, used: false})
  return json(200, {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: `${state.oktaUrl}/activate`,
    verification_uri_complete: `${state.oktaUrl}/activate?user_code=${userCode}`,
    expires_in: 600,
    interval: app.interval,
  })
}

/** Okta's ID tokens last an hour, whatever the access token's lifetime. */
const ID_TOKEN_SECONDS = 3600

function issueTokens(state: State, clientId: string, login: string, authTime: number, scopes: string[], refreshToken?: string): Reply {
  const app = oidcApp(state)
  const now = state.now()
  const issued: Issued = {clientId, login, authTime, expiresAt: now + app.accessTokenSeconds * 1000, scopes}
  const iat = Math.floor(now / 1000)
  const exp = iat + app.accessTokenSeconds
  const iss = state.oktaUrl
  const auth_time = Math.floor(authTime / 1000)
  const accessToken = jwt({
    ver: 1,
    jti: `AT.${randomFrom('ABCDEFabcdef0123456789', 43)}`,
    iss,
    aud: iss,
    sub: login,
    iat,
    exp,
    cid: clientId,
    uid: USER_ID,
    scp: issued.scopes,
    auth_time,
  })
  const {user} = state.scenario
  // the token endpoint's ID token carries the claims of the scopes granted (the profile scope: name, preferred_username...)
  const profile = scopes.includes('profile')
    ? {name: [user.firstName, user.lastName].filter(Boolean).join(' '), preferred_username: login, locale: 'en_US', zoneinfo: 'America/Los_Angeles'}
    : {}
  const idToken = jwt({
    sub: USER_ID,
    ...profile,
    ...(scopes.includes('email') ? {email: login, email_verified: true} : {}),
    ver: 1,
    iss,
    aud: clientId,
    iat,
    exp: iat + ID_TOKEN_SECONDS,
    jti: `ID.${randomFrom('ABCDEFabcdef0123456789', 43)}`,
    amr: ['pwd', 'mfa'],
    idp: ORG_ID,
    sid: `idx${randomFrom('ABCDEFabcdef0123456789', 22)}`,
    auth_time,
  })
  const refresh = scopes.includes('offline_access')
    ? (refreshToken ?? randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 43))
    : undefined
  state.oauth.access.set(accessToken, issued)
  state.oauth.id.set(idToken, {...issued, expiresAt: now + ID_TOKEN_SECONDS * 1000})
  if (refresh !== undefined) state.oauth.refresh.set(refresh, {...issued, expiresAt: now + 90 * 24 * 3600 * 1000})
  return json(200, {
    token_type: 'Bearer',
    expires_in: app.accessTokenSeconds,
    access_token: accessToken,
    scope: issued.scopes.join(' '),
    ...(refresh === undefined ? {} : {refresh_token: refresh}),
    id_token: idToken,
  })
}

/** Whether the fake Okta issued this ID token (as STS would find it signed with the org's keys). */
export const issuedIdToken = (state: State, token: string): boolean => state.oauth.id.has(token)

function deviceCodeGrant(state: State, form: URLSearchParams, app: OidcApp): Reply {
  const device = state.oauth.devices.get(form.get('device_code') ?? '')
  if (!device || device.used || device.clientId !== app.clientId)
    return oauthError(400, 'invalid_grant', 'The device code is invalid or has expired.')
  if (app.outcome === 'expire' || state.now() > device.expiresAt) return oauthError(400, 'expired_token', 'The device code has expired.')
  device.polls++
  if (device.polls <= app.pendingPolls)
    return oauthError(400, 'authorization_pending', 'The device authorization is pending. Please try again later.')
  if (app.outcome === 'deny') return oauthError(400, 'access_denied', 'The resource owner or authorization server denied the request.')
  device.used = true
  return issueTokens(state, app.clientId, state.scenario.user.login, state.now(), device.scopes)
}

function refreshGrant(state: State, form: URLSearchParams, app: OidcApp): Reply {
  const token = form.get('refresh_token') ?? ''
  const issued = state.oauth.refresh.get(token)
  if (!issued || issued.clientId !== app.clientId || issued.expiresAt < state.now()) {
    return oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.')
  }
  // a refresh may narrow the scopes, never widen them
  const asked = form.get('scope')?.split(' ').filter(Boolean) ?? issued.scopes
  const wider = asked.filter((scope) => !issued.scopes.includes(scope))
  if (wider.length) return oauthError(400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.')
  // a refresh keeps the sign-in's time: the ID token says when the user last authenticated
  return issueTokens(state, app.clientId, issued.login, issued.authTime, asked, token)
}

function tokenExchange(state: State, form: URLSearchParams, app: OidcApp): Reply {
  if (form.get('requested_token_type') !== 'urn:okta:oauth:token-type:web_sso_token') {
    return oauthError(400, 'invalid_request', "The 'requested_token_type' is invalid.")
  }
  if (
    form.get('actor_token_type') !== 'urn:ietf:params:oauth:token-type:access_token' ||
    form.get('subject_token_type') !== 'urn:ietf:params:oauth:token-type:id_token'
  ) {
    return oauthError(400, 'invalid_request', "The 'subject_token_type' or 'actor_token_type' is invalid.")
  }
  const now = state.now()
  const actor = state.oauth.access.get(form.get('actor_token') ?? '')
  const subject = state.oauth.id.get(form.get('subject_token') ?? '')
  if (!subject || subject.expiresAt < now) {
    return oauthError(400, 'invalid_grant', "The 'subject_token' either expired or the session associated with it was terminated.")
  }
  if (subject.clientId !== app.clientId)
    return oauthError(400, 'invalid_grant', "The 'subject_token' must be issued to the client making the request.")
  if (!actor || actor.expiresAt < now || actor.clientId !== app.clientId) {
    return oauthError(400, 'invalid_grant', "The 'actor_token' must be issued to the client making the request.")
  }
  if (!actor.scopes.includes('okta.apps.sso')) {
    return oauthError(400, 'invalid_grant', "The 'actor_token' must have the 'okta.apps.sso' scope to request a 'web_sso_token'.")
  }
  const audience = form.get('audience') ?? ''
  if (!app.allowedWebSso || audience !== `urn:okta:apps:${AWS_APP_ID}`) {
    return oauthError(400, 'invalid_grant', "The target audience app must be configured to allow the client to request a 'web_sso_token'.")
  }
  const tooOld = app.reauthAfterSeconds !== undefined && now - subject.authTime > app.reauthAfterSeconds * 1000
  if (!app.assuranceMet || tooOld) {
    return oauthError(400, 'invalid_grant', "The application's assurance requirements are not met by the 'subject_token'.")
  }
  const token = jwt({
    ver: 1,
    jti: `WT.${randomFrom('ABCDEFabcdef0123456789', 43)}`,
    iss: state.oktaUrl,
    aud: `${state.oktaUrl}/login/token/sso`,
    sub: USER_ID,
    iat: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + 300,
    org: ORG_ID,
    cid: app.clientId,
  })
  state.oauth.webSso.set(token, {...subject, expiresAt: now + 300_000, appId: AWS_APP_ID, used: false})
  return json(200, {token_type: 'N_A', expires_in: 300, access_token: token, issued_token_type: 'urn:okta:oauth:token-type:web_sso_token'})
}

export function tokenEndpoint(state: State, req: Incoming): Reply {
  const form = new URLSearchParams(req.body)
  const app = oidcApp(state)
  if (form.get('client_id') !== app.clientId) return invalidClient()
  switch (form.get('grant_type')) {
    case 'urn:ietf:params:oauth:grant-type:device_code':
      return deviceCodeGrant(state, form, app)
    case 'refresh_token':
      return refreshGrant(state, form, app)
    case 'urn:ietf:params:oauth:grant-type:token-exchange':
      return tokenExchange(state, form, app)
    default:
      return oauthError(
        400,
        'unsupported_grant_type',
        `The authorization grant type is not supported by the authorization server. Configured grant types: [urn:ietf:params:oauth:grant-type:device_code, refresh_token, urn:ietf:params:oauth:grant-type:token-exchange].`,
      )
  }
}

/** GET ?token= or a POSTed form: the app's SAML form, once per web SSO token, within its 5 minutes. */
export function loginTokenSso(state: State, req: Incoming): Reply {
  const token = (req.method === 'POST' ? new URLSearchParams(req.body).get('token') : req.query.get('token')) ?? ''
  const issued = state.oauth.webSso.get(token)
  const html = 'text/html;charset=utf-8'
  if (!issued || issued.used || issued.expiresAt < state.now()) {
    return {status: 403, headers: {'content-type': html}, body: '<html><body><h1>403 - Forbidden</h1></body></html>'}
  }
  issued.used = true
  const session = {
    id: '',
    login: issued.login,
    createdAt: state.now(),
    expiresAt: issued.expiresAt,
    authTime: issued.authTime,
    amr: ['pwd', 'mfa'],
    factorAt: issued.authTime,
  }
  return {status: 200, headers: {'content-type': html}, body: awsPage(state, session, '')}
}

/**
 * POST /oauth2/v1/revoke (RFC 7009), a public client naming itself by client_id: 200 with
 * no body, also for a token unknown, already revoked or another client's (Okta says nothing
 * that would tell them apart); revoking a refresh token ends the access and ID tokens of
 * its sign-in too, while revoking an access token leaves the refresh token (Okta's "Revoke
 * tokens" guide). A missing token or an unknown hint is invalid_request (400), an unknown
 * client invalid_client (401, as the API reference's example for /revoke and at the token
 * endpoint).
 */
export function revokeEndpoint(state: State, req: Incoming): Reply {
  const form = new URLSearchParams(req.body)
  const app = oidcApp(state)
  if (form.get('client_id') !== app.clientId) return invalidClient()
  const token = form.get('token')
  if (!token) return oauthError(400, 'invalid_request', "The 'token' parameter is required.")
  const hint = form.get('token_type_hint')
  // the org authorization server's TokenTypeHintRevokeOrgAs: no id_token (an ID token is not revoked)
  if (hint !== null && !['access_token', 'refresh_token', 'device_secret'].includes(hint)) {
    return oauthError(400, 'invalid_request', "The 'token_type_hint' parameter is invalid.")
  }
  const {access, id, refresh} = state.oauth
  state.oauth.revoked.push({token, hint})
  const issued = access.get(token) ?? refresh.get(token)
  if (!issued || issued.clientId !== app.clientId) return {status: 200, headers: {}, body: ''}
  if (access.delete(token)) return {status: 200, headers: {}, body: ''}
  refresh.delete(token)
  // the sign-in's tokens: same client, user and time of authentication
  const sameSignIn = (other: Issued) => other.clientId === issued.clientId && other.login === issued.login && other.authTime === issued.authTime
  for (const map of [access, id]) for (const [key, other] of map) if (sameSignIn(other)) map.delete(key)
  return {status: 200, headers: {}, body: ''}
}
