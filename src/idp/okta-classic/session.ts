import type {HttpClient} from '../../io/http.js'
import {isString, optional, parseJson, shape} from '../../io/json-shape.js'
import type {Logger} from '../../io/log.js'
import {samlFromAppPage, SignInPageError} from './app-saml.js'
import type {OktaApi} from './okta-api.js'

/**
 * Okta session reuse: the `sid` cookie a login leaves behind opens the AWS app again
 * without password or MFA while the session lives (aws-okta and saml2aws keep it too).
 */
export async function sessionCookie(org: URL, http: HttpClient): Promise<string | undefined> {
  return (await http.cookies(org.href)).find((c) => c.key === 'sid')?.value
}

/**
 * What a kept session gives: the app's SAML assertion; or none, because the session has
 * ended (404 from /api/v1/sessions/me: forget it) or could not serve this time (Okta
 * answered otherwise, or the session no longer satisfies the app: keep it).
 */
export type SessionSaml = {assertion: string; ended?: undefined} | {assertion?: undefined; ended: boolean}

/** The part of /api/v1/sessions/me clokta reads. */
const isSessionBody = shape<{status?: string}>({status: optional(isString)})

export async function samlWithSession(appUrl: URL, sid: string, api: OktaApi, http: HttpClient, log: Logger): Promise<SessionSaml> {
  log.secret(sid)
  await http.setCookie(api.org.href, `sid=${sid}; Path=/; HttpOnly`)
  const me = await api.request('GET', '/api/v1/sessions/me')
  if (me.status !== 200) {
    log.debug(`the kept Okta session did not serve (${me.status})`)
    return {ended: me.status === 404 || me.status === 401}
  }
  try {
    if (parseJson(me.body, isSessionBody).status !== 'ACTIVE') return {ended: true}
  } catch {
    return {ended: false}
  }
  const page = await api.getPage(appUrl, {idempotent: true})
  try {
    return {assertion: samlFromAppPage(appUrl, page, log)}
  } catch (error) {
    // A sign-in page may yield to a full login (MFA again); a wrong app link would not, and costs no password to say so.
    if (!(error instanceof SignInPageError)) throw error
    log.debug('the Okta session does not open the app (it may want MFA again)')
    return {ended: false}
  }
}

/** How logout left a session at Okta: ended now, found already ended, or still alive (why). */
export type SessionEnd = {ended: 'now' | 'before'} | {ended: false; why: string}

/** Ends the session at Okta (logout); 404 is Okta's answer for a session already ended. */
export async function endSession(sid: string, api: OktaApi, http: HttpClient): Promise<SessionEnd> {
  await http.setCookie(api.org.href, `sid=${sid}; Path=/; HttpOnly`)
  const response = await api.request('DELETE', '/api/v1/sessions/me')
  if (response.status === 204) return {ended: 'now'}
  if (response.status === 404) return {ended: 'before'}
  return {ended: false, why: `Okta answered ${response.status}`}
}
