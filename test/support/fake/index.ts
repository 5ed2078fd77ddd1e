// Entry point: starts the fake Okta org and fake STS on loopback ports and exposes their state to tests.
import type {Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {withFederation} from './federation.js'
import {startService, type TlsIdentity} from './http.js'
import {withLatency} from './latency.js'
import {oktaService} from './okta.js'
import {APP_PATH, mergeScenario, NON_AWS_APP_PATH} from './scenario.js'
import {createState, resetState} from './state.js'
import {createSsoState, grantSsoToken, ssoService} from './sso.js'
import {stsService} from './sts.js'
export {webIdentityToken} from './sts.js'
import type {FakeServices, RecordedRequest, RequestFilter, Scenario} from './types.js'

export type {
  AuthnOutcome,
  ChainRole,
  FactorType,
  FakeAccount,
  FakeFactor,
  FakeRole,
  FakeServices,
  InjectedResponse,
  InjectKey,
  IssuedCredentials,
  OidcApp,
  RecordedRequest,
  RequestFilter,
  Scenario,
  SsoScenario,
} from './types.js'
export type {TlsIdentity} from './http.js'
export {defaultScenario} from './scenario.js'
export {AWS_APP_ID, OIDC_CLIENT_ID} from './okta-oauth.js'
export {defaultSso, ssoRoleArn} from './sso.js'
export {buildAwsSamlResponse, buildSamlResponse} from './saml-issuer.js'
export {base32Decode, totp} from './totp.js'

async function listen(server: Server, scheme: 'http' | 'https'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return `${scheme}://127.0.0.1:${port}`
}

async function shutdown(server: Server): Promise<void> {
  // Keep-alive sockets from the client would otherwise hold close() open.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  await closed
}

function matches(r: RecordedRequest, f: RequestFilter): boolean {
  if (f.service !== undefined && r.service !== f.service) return false
  if (f.method !== undefined && r.method.toUpperCase() !== f.method.toUpperCase()) return false
  if (f.action !== undefined && r.action !== f.action) return false
  if (f.path instanceof RegExp) return f.path.test(r.path)
  return f.path === undefined || r.path === f.path
}

/** `tls`: both services speak https with this identity (test/fixtures/tls), as the real ones do; `latencyMs`: each answer that much later (bench/latency.ts). */
export async function startFakeServices(scenario?: Partial<Scenario>, options: {tls?: TlsIdentity; latencyMs?: number} = {}): Promise<FakeServices> {
  const state = createState(mergeScenario(scenario))
  const latency = options.latencyMs ?? 0
  const okta = startService(state, withLatency(oktaService(state), latency), options.tls)
  const sts = startService(state, withLatency(withFederation(state, stsService(state)), latency), options.tls)
  const ssoState = createSsoState()
  const sso = startService(state, withLatency(ssoService(state, ssoState), latency), options.tls)
  const scheme = options.tls ? 'https' : 'http'
  state.oktaUrl = await listen(okta, scheme)
  state.stsUrl = `${await listen(sts, scheme)}/`
  const ssoUrl = await listen(sso, scheme)
  return {
    oktaUrl: state.oktaUrl,
    stsUrl: state.stsUrl,
    ssoUrl,
    ssoUserCodes: ssoState.userCodes,
    grantSsoToken: (seconds) => grantSsoToken(state, ssoState, seconds),
    revokeSsoTokens: () => ssoState.tokens.clear(),
    ssoLoggedOut: ssoState.loggedOut,
    get oidcRevoked() {
      return state.oauth.revoked
    },
    appUrl: state.oktaUrl + APP_PATH,
    nonAwsAppUrl: state.oktaUrl + NON_AWS_APP_PATH,
    get scenario() {
      return state.scenario
    },
    set scenario(next: Scenario) {
      state.scenario = next
    },
    requests: state.requests,
    count: (filter) => state.requests.filter((r) => matches(r, filter)).length,
    smsSent: state.smsSent,
    get pushSentCount() {
      return state.pushSentCount
    },
    issued: state.issued,
    reset: () => {
      resetState(state)
      for (const map of [ssoState.clients, ssoState.devices, ssoState.tokens, ssoState.refreshTokens, ssoState.signInOf]) map.clear()
      ssoState.ended.clear()
      ssoState.userCodes.length = 0
      ssoState.loggedOut.length = 0
    },
    expireSessions: () => state.sessions.clear(),
    expireAssertions: () => {
      for (const assertion of state.assertions.values()) assertion.notOnOrAfter = state.now() - 1
    },
    advanceTime: (ms) => {
      state.clockOffsetMs += ms
    },
    close: async () => {
      await Promise.all([shutdown(okta), shutdown(sts), shutdown(sso)])
    },
  }
}
