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
 * The app's SAML assertion through a kept session: the app link with the session cookie and
 * nothing before it, so a live session costs this one request (the original clokta's count).
 * Undefined when the session cannot serve: the app link answered with the sign-in page (the
 * session has ended, or no longer satisfies the app); either way only a full login helps,
 * and its new session replaces this one. An Okta error (after the client's retries) throws,
 * and costs no password to say so.
 */
export async function samlWithSession(appUrl: URL, sid: string, api: OktaApi, http: HttpClient, log: Logger): Promise<string | undefined> {
  log.secret(sid)
  await http.setCookie(api.org.href, `sid=${sid}; Path=/; HttpOnly`)
  const page = await api.getPage(appUrl, {idempotent: true})
  try {
    return samlFromAppPage(appUrl, page, log)
  } catch (error) {
    if (error instanceof SignInPageError) {
      log.debug('the kept Okta session does not open the app (ended, or it wants MFA again)')
      return undefined
    }
    if (page.status >= 400) throw error
    // A page without the form that clokta does not know as Okta's sign-in page: only now is
    // the Sessions API asked, since a sign-in page of another shape (a customised or newer
    // one) means a full login, but a wrong link with a live session would fail the same way
    // after the password and MFA.
    if (await sessionEnded(api, log)) return undefined
    throw error
  }
}

/** The part of /api/v1/sessions/me clokta reads. */
const isSessionBody = shape<{status?: string}>({status: optional(isString)})

/** Whether Okta says the session in the cookie jar is gone (404), or not fully signed in (MFA_REQUIRED, MFA_ENROLL). */
async function sessionEnded(api: OktaApi, log: Logger): Promise<boolean> {
  const me = await api.request('GET', '/api/v1/sessions/me')
  log.debug(`the kept Okta session's app link gave no SAML form; /api/v1/sessions/me answered ${me.status}`)
  if (me.status === 404 || me.status === 401) return true
  if (me.status !== 200) return false
  try {
    return parseJson(me.body, isSessionBody).status !== 'ACTIVE'
  } catch {
    return false
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
