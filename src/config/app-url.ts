import {CloktaError} from '../errors.js'
import {assertSecureUrl} from '../io/url-policy.js'

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
      "Copy the AWS app's link from your Okta dashboard, e.g. https://example.okta.com/home/amazon_aws/0oa1b2c3d4/272",
    )
  }
  assertSecureUrl(url, `the Okta app URL from ${source}:`)
  if (url.pathname === '/' || url.pathname === '') {
    throw new CloktaError(
      `The Okta app URL from ${source} (${url.origin}) is the Okta home page, not the AWS app.`,
      'config',
      "Right-click the AWS app on your Okta dashboard, copy its link and use that, e.g. https://example.okta.com/home/amazon_aws/0oa1b2c3d4/272",
    )
  }
  // Dashboard links carry ?fromHome=true and the like; they mean nothing to the app link.
  url.search = ''
  url.hash = ''
  return url
}

/** Returns an error message for a prompt's validate(), or true. */
export function checkAppUrl(raw: string): string | true {
  try {
    parseAppUrl(raw, 'the prompt')
    return true
  } catch (error) {
    return (error as Error).message
  }
}
