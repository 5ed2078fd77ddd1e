// The fake IAM Identity Center: SSO OIDC (RegisterClient, StartDeviceAuthorization, CreateToken)
// and the access portal (GetRoleCredentials, ListAccounts, ListAccountRoles, Logout) on one server, as
// REST-JSON with the services' shapes (botocore's sso and sso-oidc models). Errors carry the
// code in x-amzn-ErrorType and an OIDC {error, error_description} or a portal {message} body,
// as test/fixtures/aws/sso-oidc-*.captured.txt show the real OIDC service answering.
import {createHash} from 'node:crypto'
import type {Incoming, Reply, Service} from './http.js'
import {accessKeyId, awsSessionToken, randomFrom, secretAccessKey, isoSeconds} from './ids.js'
import type {State} from './state.js'
import type {SsoScenario} from './types.js'

const OIDC_NS = 'http://internal.amazon.com/coral/com.amazonaws.sso.oidc/'
const PORTAL_NS = 'http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function defaultSso(): SsoScenario {
  return {
    startUrl: 'https://d-1234567890.awsapps.com/start',
    region: 'us-east-1',
    accounts: [
      {accountId: '111122223333', accountName: 'Production', emailAddress: 'aws-prod@example.com', roles: ['ReadOnly', 'AdministratorAccess']},
      {accountId: '444455556666', accountName: 'Sandbox', emailAddress: 'aws-sandbox@example.com', roles: ['Developer']},
    ],
    interval: 1,
    pendingPolls: 1,
    slowDownPolls: [],
    outcome: 'approve',
    tokenSeconds: 28800,
    roleSeconds: 3600,
    pageSize: 100,
  }
}

interface Client {
  clientId: string
  clientSecret: string
  scopes: string[]
  secretExpiresAt: number
}

interface DeviceCode {
  clientId: string
  polls: number
  expiresAt: number
  userCode: string
}

export interface SsoState {
  clients: Map<string, Client>
  devices: Map<string, DeviceCode>
  /** access token → when it stops working */
  tokens: Map<string, number>
  refreshTokens: Map<string, string>
  /** the device codes shown to the user, in order */
  userCodes: string[]
  /** access or refresh token → the sign-in it belongs to; a refresh stays in its sign-in */
  signInOf: Map<string, string>
  /** the sign-ins Logout ended: none of their tokens work any more */
  ended: Set<string>
  /** the access tokens Logout was called with and took, in order */
  loggedOut: string[]
}

export const createSsoState = (): SsoState => ({
  clients: new Map(),
  devices: new Map(),
  tokens: new Map(),
  refreshTokens: new Map(),
  userCodes: [],
  signInOf: new Map(),
  ended: new Set(),
  loggedOut: [],
})

function json(status: number, body: unknown, errorType?: string): Reply {
  const headers: Record<string, string> = {'content-type': 'application/json', 'x-amzn-requestid': randomFrom('0123456789abcdef', 32)}
  if (errorType) headers['x-amzn-errortype'] = errorType
  return {status, headers, body: JSON.stringify(body)}
}

const oidcError = (status: number, code: string, error: string, description: string) =>
  json(status, {error, error_description: description}, `${code}:${OIDC_NS}`)
const portalError = (status: number, code: string, message: string) => json(status, {message}, `${code}:${PORTAL_NS}`)

const parse = (body: string): Record<string, unknown> => {
  try {
    return JSON.parse(body || '{}') as Record<string, unknown>
  } catch {
    return {}
  }
}

const seconds = (ms: number) => Math.floor(ms / 1000)

function registerClient(state: State, sso: SsoState, body: Record<string, unknown>): Reply {
  if (typeof body.clientName !== 'string' || body.clientType !== 'public') {
    return oidcError(400, 'InvalidRequestException', 'invalid_request', 'clientName and clientType public are required')
  }
  const client: Client = {
    clientId: randomFrom(ALNUM, 22),
    clientSecret: `eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.${randomFrom(ALNUM, 300)}`,
    scopes: Array.isArray(body.scopes) ? body.scopes.map(String) : [],
    secretExpiresAt: seconds(state.now()) + 90 * 86400,
  }
  sso.clients.set(client.clientId, client)
  return json(200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: seconds(state.now()),
    clientSecretExpiresAt: client.secretExpiresAt,
  })
}

function knownClient(sso: SsoState, body: Record<string, unknown>, now: number): Client | undefined {
  const client = sso.clients.get(String(body.clientId))
  return client && client.clientSecret === body.clientSecret && client.secretExpiresAt > seconds(now) ? client : undefined
}

function startDeviceAuthorization(state: State, sso: SsoState, body: Record<string, unknown>): Reply {
  const client = knownClient(sso, body, state.now())
  if (!client) return oidcError(401, 'InvalidClientException', 'invalid_client', 'Invalid client provided')
  const scenario = state.scenario.sso!
  if (body.startUrl !== scenario.startUrl) return oidcError(400, 'InvalidRequestException', 'invalid_request', 'Invalid start url')
  const deviceCode = randomFrom(ALNUM, 60)
  const userCode = `${randomFrom('BCDFGHJKLMNPQRSTVWXZ', 4)}-${randomFrom('BCDFGHJKLMNPQRSTVWXZ', 4)}`
  sso.devices.set(deviceCode, {clientId: client.clientId, polls: 0, expiresAt: state.now() + 600_000, userCode})
  sso.userCodes.push(userCode)
  const verificationUri = `https://device.sso.${scenario.region}.amazonaws.com/`
  return json(200, {
    deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
    expiresIn: 600,
    interval: scenario.interval,
  })
}

function issueToken(state: State, sso: SsoState, client: Client, signIn = randomFrom(ALNUM, 16)): Reply {
  const scenario = state.scenario.sso!
  const accessToken = `aoa${randomFrom(ALNUM, 120)}`
  sso.tokens.set(accessToken, state.now() + scenario.tokenSeconds * 1000)
  sso.signInOf.set(accessToken, signIn)
  // a client registered with scopes (sso:account:access) also gets a refresh token
  let refreshToken: string | undefined
  if (client.scopes.length > 0) {
    refreshToken = `aorAAAAAG${randomFrom(ALNUM, 200)}`
    sso.refreshTokens.set(refreshToken, client.clientId)
    sso.signInOf.set(refreshToken, signIn)
  }
  return json(200, {accessToken, tokenType: 'Bearer', expiresIn: scenario.tokenSeconds, ...(refreshToken ? {refreshToken} : {})})
}

function createToken(state: State, sso: SsoState, body: Record<string, unknown>): Reply {
  const client = knownClient(sso, body, state.now())
  if (!client) return oidcError(401, 'InvalidClientException', 'invalid_client', 'Invalid client provided')
  const scenario = state.scenario.sso!
  if (body.grantType === 'refresh_token') {
    const owner = sso.refreshTokens.get(String(body.refreshToken))
    const signIn = sso.signInOf.get(String(body.refreshToken))
    if (owner !== client.clientId || (signIn !== undefined && sso.ended.has(signIn))) {
      return oidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided')
    }
    sso.refreshTokens.delete(String(body.refreshToken))
    return issueToken(state, sso, client, signIn)
  }
  if (body.grantType !== 'urn:ietf:params:oauth:grant-type:device_code') {
    return oidcError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', 'Unsupported grant type')
  }
  const device = sso.devices.get(String(body.deviceCode))
  if (!device || device.clientId !== client.clientId) return oidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid grant provided')
  if (device.expiresAt <= state.now() || scenario.outcome === 'expire') {
    return oidcError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired')
  }
  device.polls++
  if (scenario.slowDownPolls.includes(device.polls)) return oidcError(400, 'SlowDownException', 'slow_down', 'Client is polling too fast')
  if (device.polls <= scenario.pendingPolls) {
    return oidcError(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending')
  }
  if (scenario.outcome === 'deny') return oidcError(400, 'AccessDeniedException', 'access_denied', 'Access denied')
  sso.devices.delete(String(body.deviceCode))
  return issueToken(state, sso, client)
}

/** An access token as if `aws sso login` had got it: the portal takes it for `seconds`. */
export function grantSsoToken(state: State, sso: SsoState, seconds = 28800): string {
  const accessToken = `aoa${randomFrom(ALNUM, 120)}`
  sso.tokens.set(accessToken, state.now() + seconds * 1000)
  sso.signInOf.set(accessToken, randomFrom(ALNUM, 16))
  return accessToken
}

/** The bearer token, if it is one this fake issued and it still works. */
function bearer(state: State, sso: SsoState, req: Incoming): boolean {
  const token = req.headers['x-amz-sso_bearer_token']
  const until = typeof token === 'string' ? sso.tokens.get(token) : undefined
  const signIn = typeof token === 'string' ? sso.signInOf.get(token) : undefined
  return until !== undefined && until > state.now() && !(signIn !== undefined && sso.ended.has(signIn))
}

/**
 * Logout (POST /logout, the token in x-amz-sso_bearer_token): ends the sign-in, its
 * refresh token included, and answers 200 with no body; a token it does not take is
 * UnauthorizedException, as for the other portal calls.
 */
function logout(state: State, sso: SsoState, req: Incoming): Reply {
  if (!bearer(state, sso, req)) return portalError(401, 'UnauthorizedException', 'Session token not found or invalid')
  const token = String(req.headers['x-amz-sso_bearer_token'])
  sso.ended.add(sso.signInOf.get(token)!)
  sso.tokens.delete(token)
  sso.loggedOut.push(token)
  return {status: 200, headers: {'x-amzn-requestid': randomFrom('0123456789abcdef', 32)}, body: ''}
}

/** IAM Identity Center's role in the account: AWSReservedSSO_<permission set>_<16 hex>. */
export function ssoRoleArn(accountId: string, roleName: string, region = 'us-east-1'): string {
  const hash = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16)
  return `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/${region}/AWSReservedSSO_${roleName}_${hash}`
}

function page<T>(items: T[], req: Incoming, size: number): {page: T[]; nextToken: string | null} {
  const start = Number(req.query.get('next_token') ?? 0)
  const max = Math.min(size, Number(req.query.get('max_result') ?? size))
  const end = start + max
  return {page: items.slice(start, end), nextToken: end < items.length ? String(end) : null}
}

function portal(state: State, sso: SsoState, req: Incoming): Reply {
  if (!bearer(state, sso, req)) return portalError(401, 'UnauthorizedException', 'Session token not found or invalid')
  const scenario = state.scenario.sso!
  const accountId = req.query.get('account_id')
  const account = scenario.accounts.find((a) => a.accountId === accountId)
  if (req.path === '/assignment/accounts') {
    const {page: accounts, nextToken} = page(scenario.accounts, req, scenario.pageSize)
    return json(200, {nextToken, accountList: accounts.map(({accountId, accountName, emailAddress}) => ({accountId, accountName, emailAddress}))})
  }
  if (!accountId) return portalError(400, 'InvalidRequestException', 'Account id is required')
  if (req.path === '/assignment/roles') {
    const {page: roles, nextToken} = page(account?.roles ?? [], req, scenario.pageSize)
    return json(200, {nextToken, roleList: roles.map((roleName) => ({roleName, accountId}))})
  }
  const roleName = req.query.get('role_name') ?? ''
  if (!account?.roles.includes(roleName)) return portalError(403, 'ForbiddenException', 'No access')
  const credentials = {
    accessKeyId: accessKeyId(),
    secretAccessKey: secretAccessKey(),
    sessionToken: awsSessionToken(),
    expiration: state.now() + scenario.roleSeconds * 1000,
  }
  state.issued.push({
    ...credentials,
    expiration: isoSeconds(credentials.expiration),
    roleArn: ssoRoleArn(account.accountId, roleName, scenario.region),
    via: 'GetRoleCredentials',
    durationSeconds: scenario.roleSeconds,
    roleSessionName: state.scenario.user.login,
  })
  return json(200, {roleCredentials: credentials})
}

const ROUTES: Record<string, string> = {
  'POST /client/register': 'RegisterClient',
  'POST /device_authorization': 'StartDeviceAuthorization',
  'POST /token': 'CreateToken',
  'GET /federation/credentials': 'GetRoleCredentials',
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'POST /logout': 'Logout',
}

export function ssoService(state: State, sso: SsoState): Service {
  return {
    name: 'sso',
    defaultContentType: 'application/json',
    route(req) {
      const action = ROUTES[`${req.method} ${req.path}`]
      return {
        inject: 'sso',
        action,
        handle: () => {
          if (!state.scenario.sso) return json(404, {message: 'no IAM Identity Center in this scenario'})
          const body = parse(req.body)
          if (action === 'RegisterClient') return registerClient(state, sso, body)
          if (action === 'StartDeviceAuthorization') return startDeviceAuthorization(state, sso, body)
          if (action === 'CreateToken') return createToken(state, sso, body)
          if (action === 'Logout') return logout(state, sso, req)
          if (action !== undefined) return portal(state, sso, req)
          return json(404, {message: 'Not Found'}, 'UnknownOperationException')
        },
      }
    },
  }
}
