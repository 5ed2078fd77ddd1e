import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {
  DeviceCodeExpiredError,
  pollDeviceTokens,
  startDeviceAuthorization,
  type DeviceAuthorization,
} from '../../../src/idp/okta-device/device-authorization.js'
import {deviceTokens, oidcTokensAccount} from '../../../src/idp/okta-device/device-tokens.js'
import {parseKeptTokens, serializeTokens} from '../../../src/idp/okta-device/oidc-tokens.js'
import {exchangeForWebSsoToken, oktaAppId, samlFromWebSsoToken, WebSsoRefusedError} from '../../../src/idp/okta-device/web-sso.js'
import type {HttpClient, HttpRequest, HttpResponse} from '../../../src/io/http.js'
import type {Keychain} from '../../../src/io/keychain.js'
import type {Logger} from '../../../src/io/log.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/okta-oie/${name}`, import.meta.url), 'utf8')
const ORG = new URL('https://example-oie.okta.com')
const CLIENT = '0oa4x34ogyC1i1krJ1d7'
const APP_URL = new URL('https://example-oie.okta.com/home/amazon_aws/0oa1b2c3d4EXAMPLE/272')

/** Answers in order, each request recorded with its form. */
function scripted(...answers: [number, string][]) {
  const sent: HttpRequest[] = []
  const http: HttpClient = {
    send: async (request) => {
      sent.push(request)
      const next = answers.shift()
      if (!next) throw new Error(`no answer left for ${request.method} ${request.url} ${JSON.stringify(request.form)}`)
      return {status: next[0], body: next[1], headers: {}, url: request.url} satisfies HttpResponse
    },
    cookies: async () => [],
    setCookie: async () => {},
  }
  return {http, sent, left: answers}
}

function clock() {
  let now = 1_700_000_000_000
  const slept: number[] = []
  return {now: () => now, sleep: async (ms: number) => void (slept.push(ms / 1000), (now += ms)), slept, advance: (ms: number) => void (now += ms)}
}

const secrets: string[] = []
const log: Logger = {info: () => {}, warn: () => {}, debug: () => {}, secret: (s) => void (s && secrets.push(s)), debugEnabled: false}
const oauthError = (error: string, description: string) => JSON.stringify({error, error_description: description})
const PENDING = fixture('token-authorization-pending-400.json')
const SLOW_DOWN = fixture('token-slow-down-400.json')
const SUCCESS = fixture('device-token-success.json')
const AUTHORIZE = fixture('device-authorize-response.json')

const authorization = (over: Partial<DeviceAuthorization> = {}): DeviceAuthorization => ({
  deviceCode: 'dc',
  userCode: 'KQWMRTZX',
  verificationUri: 'https://example-oie.okta.com/activate',
  expiresInSeconds: 600,
  intervalSeconds: 5,
  ...over,
})

test('authorize: the form Okta expects, the code to show, the device code registered as a secret', async () => {
  const {http, sent} = scripted([200, AUTHORIZE])
  const a = await startDeviceAuthorization(ORG, CLIENT, {http, log})
  assert.equal(sent[0].form, {client_id: CLIENT, scope: 'openid okta.apps.sso offline_access'})
  assert.is(sent[0].url, 'https://example-oie.okta.com/oauth2/v1/device/authorize')
  assert.is(a.userCode, 'KQWMRTZX')
  assert.is(a.verificationUriComplete, 'https://example-oie.okta.com/activate?user_code=KQWMRTZX')
  assert.is(a.intervalSeconds, 5)
  assert.ok(secrets.includes(a.deviceCode))
})

test('authorize: a client id Okta does not know, or without the device grant, is one line saying what to change', async () => {
  const unknown = scripted([401, oauthError('invalid_client', "Invalid value for 'client_id' parameter.")])
  const e1 = await startDeviceAuthorization(ORG, 'nope', {http: unknown.http, log}).catch((e: Error) => e)
  assert.match(
    (e1 as Error).message,
    /^Okta \(example-oie\.okta\.com\) refused the device login: Invalid value for 'client_id' parameter \(invalid_client\): Okta knows no OIDC app nope: set okta_oidc_client_id/,
  )
  const grant = scripted([
    400,
    oauthError('unauthorized_client', 'The client is not authorized to use the provided grant type. Configured grant types: [authorization_code].'),
  ])
  const e2 = await startDeviceAuthorization(ORG, CLIENT, {http: grant.http, log}).catch((e: Error) => e)
  assert.match((e2 as Error).message, /does not allow the Device Authorization grant: tick it/)
  assert.not.match((e2 as Error).message, /\n/)
})

test('poll: sleeps the interval before each poll, authorization_pending polls again, success gives the tokens', async () => {
  const {http, sent} = scripted([400, PENDING], [400, PENDING], [200, SUCCESS])
  const c = clock()
  const tokens = await pollDeviceTokens(ORG, CLIENT, authorization(), {http, log, clock: c})
  assert.equal(c.slept, [5, 5, 5])
  assert.equal(sent[0].form, {grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'dc', client_id: CLIENT})
  assert.is(tokens.refreshToken, 'Rf7mQ2xVb9LpT4sWcY1nK8dHj3gZa6eU0oIiE5rNqXw')
  assert.is(tokens.expiresAt, c.now() + 3600_000)
  for (const t of [tokens.accessToken, tokens.idToken, tokens.refreshToken!]) assert.ok(secrets.includes(t))
})

test('poll: the interval the server names is honoured whatever it is; slow_down adds 5 s each time', async () => {
  const fast = scripted([400, PENDING], [200, SUCCESS])
  const c1 = clock()
  await pollDeviceTokens(ORG, CLIENT, authorization({intervalSeconds: 1}), {http: fast.http, log, clock: c1})
  assert.equal(c1.slept, [1, 1])
  const slow = scripted([400, SLOW_DOWN], [400, PENDING], [400, SLOW_DOWN], [200, SUCCESS])
  const c2 = clock()
  await pollDeviceTokens(ORG, CLIENT, authorization(), {http: slow.http, log, clock: c2})
  assert.equal(c2.slept, [5, 10, 10, 15])
})

test('poll: expired_token, or expires_in passing while pending, ends with one line; access_denied says it was refused', async () => {
  const expired = scripted([400, PENDING], [400, oauthError('expired_token', 'The device code has expired.')])
  const e1 = await pollDeviceTokens(ORG, CLIENT, authorization(), {http: expired.http, log, clock: clock()}).catch((e: Error) => e)
  assert.instance(e1, DeviceCodeExpiredError)
  assert.is((e1 as Error).message, 'The Okta device login was not approved within 10 minutes (expired_token).')

  const c = clock()
  const pending = scripted([400, PENDING], [400, PENDING], [400, PENDING])
  const e2 = await pollDeviceTokens(ORG, CLIENT, authorization({expiresInSeconds: 12}), {http: pending.http, log, clock: c}).catch((e: Error) => e)
  assert.instance(e2, DeviceCodeExpiredError)
  assert.is(pending.sent.length, 2, 'no poll after expires_in')

  const denied = scripted([400, oauthError('access_denied', 'The resource owner or authorization server denied the request.')])
  const e3 = await pollDeviceTokens(ORG, CLIENT, authorization(), {http: denied.http, log, clock: clock()}).catch((e: Error) => e)
  assert.is(
    (e3 as Error).message,
    'The Okta device login was refused: The resource owner or authorization server denied the request (access_denied).',
  )

  const badClient = scripted([401, oauthError('invalid_client', "Invalid value for 'client_id' parameter.")])
  const e4 = await pollDeviceTokens(ORG, 'nope', authorization(), {http: badClient.http, log, clock: clock()}).catch((e: Error) => e)
  assert.match((e4 as Error).message, /invalid_client\): Okta knows no OIDC app nope/)
})

const TOKENS = {accessToken: 'at-1', idToken: 'id-1', refreshToken: 'rt-1', expiresAt: 0}

test('exchange: the RFC 8693 form for the AWS app; the answer is the web SSO token', async () => {
  assert.is(oktaAppId(APP_URL), '0oa1b2c3d4EXAMPLE')
  assert.is(oktaAppId(new URL('https://example-oie.okta.com/app/amazon_aws/exk1b2c3/sso/saml')), undefined)
  const {http, sent} = scripted([200, fixture('web-sso-response.json')])
  const token = await exchangeForWebSsoToken(ORG, CLIENT, TOKENS, APP_URL, '0oa1b2c3d4EXAMPLE', {http, log})
  assert.match(token, /^eyJ/)
  assert.equal(sent[0].form, {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    client_id: CLIENT,
    actor_token: 'at-1',
    actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    subject_token: 'id-1',
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    requested_token_type: 'urn:okta:oauth:token-type:web_sso_token',
    audience: 'urn:okta:apps:0oa1b2c3d4EXAMPLE',
  })
})

test('exchange errors: the assurance invalid_grant is one line saying what to change in Okta; the client not allowed, and ended tokens, each their own', async () => {
  const refusal = async (body: string) => {
    const {http} = scripted([400, body])
    return (await exchangeForWebSsoToken(ORG, CLIENT, TOKENS, APP_URL, '0oa1', {http, log}).catch((e: Error) => e)) as WebSsoRefusedError
  }
  const assurance = await refusal(fixture('web-sso-assurance-invalid-grant-400.json'))
  assert.instance(assurance, WebSsoRefusedError)
  assert.is(assurance.reason, 'assurance')
  assert.is(
    assurance.message,
    `Okta (example-oie.okta.com) would not let the OIDC app ${CLIENT} (okta_oidc_client_id) sign you in to the AWS app: the AWS app's authentication policy asks for more than your device login gave (web_sso_app_assurance_not_met); in Okta, give the OIDC app an authentication policy at least as strict as the AWS app's (the same factors and re-authentication time).`,
  )
  const notAllowed = await refusal(
    oauthError('invalid_grant', "The target audience app must be configured to allow the client to request a 'web_sso_token'."),
  )
  assert.is(notAllowed.reason, 'setup')
  assert.match(notAllowed.message, /name that OIDC app as the AWS app's Allowed Web SSO Client/)
  const ended = await refusal(oauthError('invalid_grant', "The 'subject_token' either expired or the session associated with it was terminated."))
  assert.is(ended.reason, 'tokens')
})

test('/login/token/sso: the token in a POSTed form, the SAML form read as the app link is', async () => {
  const {http, sent} = scripted([200, fixture('login-token-sso-response.html')])
  const saml = await samlFromWebSsoToken(ORG, 'wt-1', APP_URL, {http, log})
  assert.is(saml, 'PHNhbWwycDpSZXNwb25zZSB4bWxuczpzYW1sMnA9InVybjpvYXNpczpuYW1lczp0YzpTQU1MOjIuMDpwcm90b2NvbCIvPg==')
  assert.equal([sent[0].method, sent[0].url, sent[0].form], ['POST', 'https://example-oie.okta.com/login/token/sso', {token: 'wt-1'}])
  const refused = scripted([403, '<html><body><h1>403 - Forbidden</h1></body></html>'])
  const e = await samlFromWebSsoToken(ORG, 'wt-1', APP_URL, {http: refused.http, log}).catch((error: Error) => error)
  assert.is((e as Error).message, "Okta (example-oie.okta.com) answered 403 to /login/token/sso instead of the AWS app's SAML form.")
})

function memoryKeychain(): Keychain & {items: Map<string, string>} {
  const items = new Map<string, string>()
  return {
    items,
    get: async (a) => items.get(a),
    getFrom: async () => undefined,
    set: async (a, s) => (items.set(a, s), true),
    delete: async (a) => items.delete(a),
    accounts: async () => [...items.keys()],
    available: async () => true,
    unavailable: undefined,
    notice: () => '',
    sayUnreachable: () => {},
  }
}

test('kept tokens: a device login keeps them per org and client; the next call uses them with no request; expired ones are refreshed; a dead refresh token means the browser again', async () => {
  const keychain = memoryKeychain()
  const c = clock()
  const shown: string[] = []
  const run = (http: HttpClient, reuse = true) =>
    deviceTokens({org: ORG, clientId: CLIENT, reuse}, {http, log, clock: c, keychain, show: async (a) => void shown.push(a.userCode)})

  const first = scripted([200, AUTHORIZE], [400, PENDING], [200, SUCCESS])
  const got = await run(first.http)
  assert.is(got.from, 'device')
  assert.equal(shown, ['KQWMRTZX'])
  const account = oidcTokensAccount(ORG, CLIENT)
  assert.is(account, `okta-oidc-tokens https://example-oie.okta.com ${CLIENT}`)
  assert.equal(parseKeptTokens(keychain.items.get(account)!), got.tokens)

  const kept = scripted()
  assert.is((await run(kept.http)).from, 'kept')
  assert.is(kept.sent.length, 0)

  c.advance(3600_000 - 30_000) // within the last minute: refreshed rather than used
  const renewed = {...JSON.parse(SUCCESS), access_token: 'at-2', id_token: 'id-2'}
  delete renewed.refresh_token // no rotation: the old refresh token serves on
  const refresh = scripted([200, JSON.stringify(renewed)])
  const refreshed = await run(refresh.http)
  assert.is(refreshed.from, 'refreshed')
  assert.equal(refresh.sent[0].form, {
    grant_type: 'refresh_token',
    client_id: CLIENT,
    refresh_token: got.tokens.refreshToken,
    scope: 'openid okta.apps.sso offline_access',
  })
  assert.equal([refreshed.tokens.accessToken, refreshed.tokens.idToken, refreshed.tokens.refreshToken], ['at-2', 'id-2', got.tokens.refreshToken])
  assert.equal(parseKeptTokens(keychain.items.get(account)!), refreshed.tokens)

  c.advance(3600_000)
  const dead = scripted([400, oauthError('invalid_grant', 'The refresh token is invalid or expired.')], [200, AUTHORIZE], [200, SUCCESS])
  assert.is((await run(dead.http)).from, 'device')
  assert.is(shown.length, 2)

  const background = scripted()
  const kept2 = await deviceTokens(
    {org: ORG, clientId: CLIENT, reuse: true, mayAskUser: false},
    {http: background.http, log, clock: c, keychain, show: async () => {}},
  )
  assert.is(kept2.from, 'kept', 'a background refresh uses what is kept')
  keychain.items.clear()
  const refused = await deviceTokens(
    {org: ORG, clientId: CLIENT, reuse: true, mayAskUser: false},
    {http: background.http, log, clock: c, keychain, show: async () => {}},
  ).catch((e: Error) => e)
  assert.is((refused as Error).message, 'The Okta tokens for example-oie.okta.com have ended, and a new device login needs you in the browser.')
  assert.is(background.sent.length, 0, 'no device login started')

  const noReuse = scripted([200, AUTHORIZE], [200, SUCCESS])
  assert.is((await run(noReuse.http, false)).from, 'device', '--no-session: the browser, though tokens are kept')
  assert.is(serializeTokens(parseKeptTokens('{"accessToken":1}') ?? TOKENS), serializeTokens(TOKENS), 'a foreign item is as none')
})

test.run()
