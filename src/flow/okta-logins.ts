import {loginOktaClassic, type OktaLoginInput} from '../idp/okta-classic/login.js'
import {OktaApi} from '../idp/okta-classic/okta-api.js'
import {SignInPageError} from '../idp/okta-classic/app-saml.js'
import {samlWithSession, sessionCookie} from '../idp/okta-classic/session.js'
import type {SamlGrant} from '../model/grant.js'
import {CloktaError, endsTheRun} from '../errors.js'
import type {WriteLock} from '../io/file-lock.js'
import type {Deps} from './deps.js'
import {oktaDeviceGrants} from './okta-device-grant.js'
import {engineFor, identityEngineHint, type EngineChoice} from './okta-engine.js'
import {oktaIdTokens, type IdTokenRequest, type OktaIdToken} from './okta-id-tokens.js'
import {passwordSource, sessionAccount, totpSeedAccount} from './okta-secrets.js'

export interface OktaGrantRequest {
  okta: OktaLoginInput
  /** okta_password from the environment */
  password?: string
  keepPassword: boolean
  /** see PasswordPolicy.stopKeeping */
  stopKeepingPassword: () => Promise<string | undefined>
  /** false for --no-session */
  reuseSession: boolean
  /** --engine or okta_engine; undefined: the org says */
  engine?: EngineChoice
  /** okta_oidc_client_id: an Identity Engine org's device login goes through it */
  oidcClientId?: string
  /** false for --no-browser */
  openBrowser: boolean
  /** false: an Identity Engine login only through kept tokens, never a device login (the container endpoint's background refresh) */
  deviceLogin: boolean
}

/**
 * What this run got from Okta, so that several profiles (-p a -p b, --all-roles, a chain's
 * base) cost one login: assertions by app and user, and the session, which works even
 * without a keychain; and the renewal of an assertion that expired while the run waited.
 * One per run, as the Okta SAML source's memory.
 */
export interface OktaLogins {
  /**
   * The SAML assertion from Okta: through the session kept in the keychain while it lives
   * (no password, no MFA), else by a full login whose session is then kept for next time.
   */
  grant(request: OktaGrantRequest): Promise<SamlGrant>
  /**
   * A new assertion for a grant whose assertion has expired (Okta's last 5 minutes: a role
   * prompt left open longer), through the Okta session this run holds: no password, no
   * MFA. Undefined without a live session. Plans sharing the grant share the renewal.
   */
  renew(old: SamlGrant): Promise<SamlGrant | undefined>
  /** An ID token of the org's OIDC app, for an Okta web identity profile: once per org and client in a run, renewed near its end. */
  idToken(request: IdTokenRequest): Promise<OktaIdToken>
}

/** `lock`: the run's write lock, under which what is learned of an org's engine is saved. */
export function oktaLogins(deps: Deps, lock?: WriteLock): OktaLogins {
  const grants = new Map<string, Promise<SamlGrant>>()
  const sessions = new Map<string, string>()
  const renewals = new Map<string, Promise<SamlGrant | undefined>>()
  const devices = oktaDeviceGrants(deps)
  const idTokens = oktaIdTokens(deps)
  /** the device logins' grants, by assertion, for their renewal through the run's tokens */
  const deviceRequests = new Map<string, OktaGrantRequest>()
  const deviceGrant = async (request: OktaGrantRequest): Promise<SamlGrant> => {
    const {appUrl, username} = request.okta
    const assertion = await devices.assertion({
      appUrl,
      clientId: request.oidcClientId,
      reuse: request.reuseSession,
      openBrowser: request.openBrowser,
      mayAskUser: request.deviceLogin,
    })
    deviceRequests.set(assertion, {...request, reuseSession: true})
    return {assertion, appUrl: appUrl.href, username}
  }
  return {
    grant(request) {
      // Once per app and user in a run, failure included: a second profile of the same app
      // gets the first one's error rather than a second password and push.
      const key = `${request.okta.appUrl.href} ${request.okta.username}`
      let grant = grants.get(key)
      if (!grant) {
        const org = new URL(request.okta.appUrl.origin)
        grant = engineFor(org, request.engine, request.oidcClientId, deps, lock).then((engine) =>
          engine === 'idx' ? deviceGrant(request) : freshGrant(request, deps, sessions),
        )
        grants.set(key, grant)
      }
      return grant
    },
    renew(old) {
      let renewal = renewals.get(old.assertion)
      if (!renewal) {
        const device = deviceRequests.get(old.assertion)
        renewal = (device ? deviceGrant(device) : renewGrant(old, deps, sessions)).catch(() => undefined) // no renewal: the caller reports the expired assertion itself
        renewals.set(old.assertion, renewal)
      }
      return renewal
    },
    idToken: (request) => idTokens.idToken(request),
  }
}

async function freshGrant(request: OktaGrantRequest, deps: Deps, sessions: Map<string, string>): Promise<SamlGrant> {
  const {appUrl, username} = request.okta
  const org = new URL(appUrl.origin)
  const http = await deps.http()
  const api = new OktaApi(org, http, deps.log, deps.clock)
  const account = sessionAccount(org, username)
  const grant = (assertion: string): SamlGrant => ({assertion, appUrl: appUrl.href, username})

  const live = sessions.get(account)
  if (live !== undefined) {
    const assertion = await samlWithSession(appUrl, live, api, http, deps.log)
    if (assertion !== undefined) return grant(assertion)
  }
  // a session found dead: its sid stays in the cookie jar, and must not be kept again below
  let tried: string | undefined
  if (request.reuseSession) {
    const sid = await deps.keychain.get(account)
    if (sid !== undefined) {
      const assertion = await samlWithSession(appUrl, sid, api, http, deps.log)
      if (assertion !== undefined) {
        deps.log.info(`Using your Okta session for ${username} (no password needed).`)
        sessions.set(account, sid)
        return grant(assertion)
      }
      // The app link showed the sign-in page: the session has ended, or it lives but this app
      // wants more (step-up). It stays kept until the full login's session replaces it, so a
      // login that fails here costs no other app its live session.
      tried = sid
    }
  }
  const passwords = passwordSource(
    {org, username, fromEnv: request.password, keep: request.keepPassword, stopKeeping: request.stopKeepingPassword},
    deps.keychain,
    deps.prompter,
    deps.log,
  )
  let assertion: string
  try {
    assertion = await loginOktaClassic(await withKeychainSeed(request.okta, org, deps), passwords, {...deps, api, http})
  } catch (error) {
    // whatever went wrong (the password, the MFA, the app link after them), trying another
    // profile would send the password again
    if (endsTheRun(error)) throw error
    const failed = error as CloktaError
    const hint =
      (error instanceof SignInPageError && (await identityEngineHint(org, {engine: request.engine, clientId: request.oidcClientId}, http))) ||
      failed.hint
    throw new CloktaError(failed.message, 'okta-login', hint, {cause: failed})
  }
  const sid = await sessionCookie(org, http)
  if (sid !== undefined && sid !== tried) {
    deps.log.secret(sid)
    sessions.set(account, sid)
    // Told to whoever logs in from the environment: the prompted have heard of the missing
    // keychain already (first run, or the password notice), and --no-session asked for this.
    const kept = await deps.keychain.set(account, sid)
    if (!kept && request.password !== undefined && request.reuseSession && !(await deps.keychain.available())) {
      deps.keychain.sayUnreachable('the Okta session cannot be kept between runs, so every run logs in again with password and MFA')
    }
  }
  return grant(assertion)
}

async function renewGrant(old: SamlGrant, deps: Deps, sessions: Map<string, string>): Promise<SamlGrant | undefined> {
  const appUrl = new URL(old.appUrl)
  const org = new URL(appUrl.origin)
  const sid = sessions.get(sessionAccount(org, old.username))
  if (sid === undefined) return undefined
  const http = await deps.http()
  const assertion = await samlWithSession(appUrl, sid, new OktaApi(org, http, deps.log, deps.clock), http, deps.log)
  return assertion === undefined ? undefined : {...old, assertion}
}

/** An authenticator seed from the environment or clokta.cfg wins over the one kept in the keychain. */
async function withKeychainSeed(input: OktaLoginInput, org: URL, deps: Deps): Promise<OktaLoginInput> {
  if (input.otpSecret) return input
  const seed = await deps.keychain.get(totpSeedAccount(org, input.username))
  if (seed === undefined) return input
  deps.log.secret(seed)
  return {...input, otpSecret: {value: seed, source: 'the authenticator seed in the OS keychain'}}
}
