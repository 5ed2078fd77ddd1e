import {CloktaError} from '../../errors.js'
import type {Logger} from '../../io/log.js'
import {parseSamlPostForm} from '../saml-post-form.js'
import type {OktaApi} from './okta-api.js'

/**
 * Opens the AWS app link with the one-time sessionToken, as a browser would: Okta sets its
 * session cookie, may redirect, and answers with the SAML form for AWS.
 */
export async function fetchSamlAssertion(appUrl: URL, sessionToken: string, api: OktaApi, log: Logger): Promise<string> {
  const url = new URL(appUrl)
  url.searchParams.set('sessionToken', sessionToken)
  // the sessionToken works once: a retry would only get the sign-in page
  return samlFromAppPage(appUrl, await api.getPage(url, {idempotent: false}), log)
}

/** Okta's sign-in page where the SAML form should be: the session does not satisfy the app (step-up), or there is none. */
export class SignInPageError extends CloktaError {}

/** The SAML assertion on the app link's page, or a one-line error saying what the page was instead. */
export function samlFromAppPage(appUrl: URL, response: {status: number; body: string; url: string}, log: Logger): string {
  const check = `Check okta_aws_app_url: it should be the AWS app's link from your Okta dashboard.`
  if (response.status === 404) {
    throw new CloktaError(`Okta has no app at ${appUrl.href} (404 Not Found).`, 'saml', check)
  }
  if (response.status >= 400) {
    throw new CloktaError(`Okta answered ${response.status} for the app link ${appUrl.href}.`, 'saml', check)
  }
  const form = parseSamlPostForm(response.body)
  if (!form.samlResponse) {
    const landed = new URL(response.url)
    // the org's own sign-in page: a /login/ page of another host (a redirect elsewhere) is not it
    if (landed.host === appUrl.host && (landed.pathname.startsWith('/login/') || /\/login\/step-up\//.test(response.body))) {
      throw new SignInPageError(
        `Okta answered the app link ${appUrl.href} with its sign-in page instead of a SAML assertion.`,
        'saml',
        'The app may ask for extra verification that clokta cannot give here, or the link is not the AWS app: open it in a browser to check.',
      )
    }
    throw new CloktaError(`The page at ${appUrl.href} holds no SAML assertion.`, 'saml', check)
  }
  log.secret(form.samlResponse)
  log.debug(`SAML form from ${appUrl.href} posts to ${form.action ?? '(no action)'}`)
  return form.samlResponse
}
