import {CloktaError} from '../errors.js'
import {assertSecureUrl} from '../io/url-policy.js'

const APP_LINK_EXAMPLE = 'https://example.okta.com/home/amazon_aws/0oa1b2c3d4/272'

/**
 * Okta pages that are certainly not an app's link, by path. Anything else may be one: AWS
 * apps are also reached as /app/amazon_aws/<key>/sso/saml, and under /home/<name>/ when
 * an org named its own AWS app, so only these are refused before a login.
 */
const NOT_APP_LINKS: [RegExp, string][] = [
  [/^\/?$/, 'the Okta home page'],
  [/^\/app\/UserHome(\/|$)/i, 'the Okta dashboard'],
  [/^\/enduser(\/|$)/i, 'a page of the Okta dashboard'],
  [/^\/(login|signin)(\/|$)/i, 'the Okta sign-in page'],
  [/^\/admin(\/|$)/i, 'a page of the Okta admin console'],
]

/**
 * The Okta app URL is the one thing that locates everything: its origin is the Okta org
 * (custom domains, oktapreview.com and okta-emea.com included), its path is the AWS app.
 */
export function parseAppUrl(raw: string, source: string): URL {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new CloktaError(
      `The Okta app URL from ${source} is not a URL: "${raw}".`,
      'config',
      `Copy the AWS app's link from your Okta dashboard, e.g. ${APP_LINK_EXAMPLE}`,
    )
  }
  assertSecureUrl(url, `the Okta app URL from ${source}:`)
  const page = NOT_APP_LINKS.find(([path]) => path.test(url.pathname))?.[1]
  if (page) {
    const shown = url.pathname === '/' ? url.origin : url.origin + url.pathname
    throw new CloktaError(
      `The Okta app URL from ${source} (${shown}) is ${page}, not the AWS app.`,
      'config',
      `Right-click the AWS app on your Okta dashboard, copy its link and use that, e.g. ${APP_LINK_EXAMPLE}`,
    )
  }
  // Dashboard links carry ?fromHome=true and the like; they mean nothing to the app link.
  url.search = ''
  url.hash = ''
  return url
}

/** Returns an error message (and what to do) for a prompt's validate(), or true. */
export function checkAppUrl(raw: string): string | true {
  try {
    parseAppUrl(raw, 'the prompt')
    return true
  } catch (error) {
    const {message, hint} = error as CloktaError
    return hint ? `${message} ${hint}` : message
  }
}
