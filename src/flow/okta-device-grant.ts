import {CloktaError} from '../errors.js'
import type {DeviceAuthorization} from '../idp/okta-device/device-authorization.js'
import {deviceTokens, forgetDeviceTokens, type TokensFrom} from '../idp/okta-device/device-tokens.js'
import type {OidcTokens} from '../idp/okta-device/oidc-tokens.js'
import {exchangeForWebSsoToken, oktaAppId, samlFromWebSsoToken, WebSsoRefusedError} from '../idp/okta-device/web-sso.js'
import type {Deps} from './deps.js'

export interface DeviceGrantRequest {
  appUrl: URL
  /** okta_oidc_client_id, undefined when not set */
  clientId?: string
  /** false for --no-session */
  reuse: boolean
  /** false for --no-browser */
  openBrowser: boolean
  /** false: only kept or refreshed tokens, never a device login (a background refresh) */
  mayAskUser: boolean
}

/**
 * An Identity Engine org's SAML assertion: OIDC tokens (kept, refreshed, or a device login
 * in the browser), exchanged for a web SSO token to the AWS app, which /login/token/sso
 * turns into the app's SAML form. The tokens are got once per org and client in a run,
 * so that profiles of several apps cost one device login.
 */
export function oktaDeviceGrants(deps: Deps): {assertion(request: DeviceGrantRequest): Promise<string>} {
  const tokensByClient = new Map<string, Promise<{tokens: OidcTokens; from: TokensFrom}>>()
  return {
    async assertion(request) {
      const org = new URL(request.appUrl.origin)
      const appId = oktaAppId(request.appUrl)
      if (appId === undefined) {
        throw new CloktaError(
          `The Okta app URL ${request.appUrl.href} names no app id (0oa…), which the Identity Engine login needs: use the AWS app's link from your Okta dashboard, /home/amazon_aws/0oa…/272.`,
          'config',
        )
      }
      const clientId = request.clientId
      if (clientId === undefined) {
        throw new CloktaError(
          `${org.host} runs Okta Identity Engine, where clokta logs in through an OIDC app: set okta_oidc_client_id to its Client ID (the README's "Identity Engine orgs" says how to create it), or okta_engine = classic to try the classic API.`,
          'config',
        )
      }
      const http = await deps.http()
      const tokenDeps = {
        http,
        log: deps.log,
        clock: deps.clock,
        keychain: deps.keychain,
        show: (a: DeviceAuthorization) => showCode(a, request.appUrl.host, request.openBrowser, deps),
      }
      const key = `${org.origin} ${clientId}`
      const tokensFor = (reuse: boolean) => {
        const got = deviceTokens({org, clientId, reuse, mayAskUser: request.mayAskUser}, tokenDeps)
        tokensByClient.set(key, got)
        return got
      }
      let got = await (tokensByClient.get(key) ?? tokensFor(request.reuse))
      const exchange = (tokens: OidcTokens) => exchangeForWebSsoToken(org, clientId, tokens, request.appUrl, appId, {http, log: deps.log})
      let webSsoToken: string
      try {
        webSsoToken = await exchange(got.tokens)
      } catch (error) {
        // Tokens from before that Okta refuses (their session ended, or the AWS app asks for a
        // newer sign-in than theirs): a device login now may satisfy it, once. Okta's setup
        // (the allowed client, a policy no login of this app meets) a new login cannot change.
        const stale = error instanceof WebSsoRefusedError && error.reason !== 'setup' && got.from !== 'device'
        if (!stale) throw error
        deps.log.debug(`Okta refused the kept tokens for the AWS app (${error.message}); logging in on the device again`)
        await forgetDeviceTokens(org, clientId, deps.keychain)
        got = await tokensFor(false)
        webSsoToken = await exchange(got.tokens)
      }
      if (got.from !== 'device') deps.log.info(`Using your Okta tokens for ${org.host} (no browser needed).`)
      return samlFromWebSsoToken(org, webSsoToken, request.appUrl, {http, log: deps.log})
    },
  }
}

/** The code and where to confirm it, on the terminal (stderr), and the browser opened there unless told not to or there is none. */
export async function showCode(authorization: DeviceAuthorization, host: string, openBrowser: boolean, deps: Deps): Promise<void> {
  const url = authorization.verificationUriComplete ?? authorization.verificationUri
  deps.prompter.say(`Okta Identity Engine login for ${host}: open ${url} and confirm the code ${authorization.userCode}.`)
  if (!openBrowser) return
  const notOpened = await deps.openBrowser(url)
  if (notOpened === undefined) deps.prompter.say('Opened it in your browser; waiting for your approval...')
  else deps.log.debug(`no browser opened: ${notOpened}`)
}
