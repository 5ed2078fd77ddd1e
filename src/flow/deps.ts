import {systemClock, type Clock} from '../io/clock.js'
import {createHttpClient, type HttpClient} from '../io/http.js'
import {openKeychain, type Keychain} from '../io/keychain.js'
import {createLogger, type Logger} from '../io/log.js'
import {nonInteractivePrompter, terminalPrompter, type Prompter} from '../io/prompter.js'
import {openTerminal, type Terminal} from '../io/terminal.js'
import {createSsoOidcApi, createSsoPortalApi, type SsoOidcApi, type SsoPortalApi} from '../idp/aws-sso/sso-clients.js'
import {browserLauncher, startBrowser} from '../io/open-browser.js'
import {createStsApi, type StsApi} from '../sts/sts-client.js'

/** The outside world, built once per run, and nothing of the run's own state. Unit tests build their own small fakes instead. */
export interface Deps {
  log: Logger
  prompter: Prompter
  terminal: Terminal | undefined
  clock: Clock
  keychain: Keychain
  http(): Promise<HttpClient>
  sts(region: string): StsApi
  /** IAM Identity Center's OIDC and portal APIs in sso_region (their SDK clients load on first use) */
  sso(region: string): {oidc: SsoOidcApi; portal: SsoPortalApi}
  /** opens the URL in the user's browser; says why not when it cannot */
  openBrowser(url: string): Promise<string | undefined>
  userAgent: string
  close(): void
}

/** `secrets`: the command's own set, which the logger fills, so its last error line is redacted too. */
export function createDeps(options: {debug: boolean; quiet?: boolean; version: string; secrets?: Set<string>}): Deps {
  const log = createLogger({debug: options.debug, quiet: options.quiet, secrets: options.secrets})
  const terminal = openTerminal()
  const userAgent = `clokta/${options.version} node/${process.versions.node} (${process.platform}; ${process.arch})`
  let http: Promise<HttpClient> | undefined
  return {
    log,
    terminal,
    prompter: terminal ? terminalPrompter(terminal) : nonInteractivePrompter,
    clock: systemClock,
    keychain: openKeychain(log),
    http: () => (http ??= createHttpClient({log, userAgent, clock: systemClock})),
    sts: (region) => createStsApi(region, userAgent, log),
    sso: (region) => ({oidc: createSsoOidcApi(region, userAgent, log), portal: createSsoPortalApi(region, userAgent, log)}),
    openBrowser: async (url) => {
      const launcher = browserLauncher(url)
      if ('cannot' in launcher) return launcher.cannot
      return startBrowser(launcher).then(
        () => undefined,
        (error: unknown) => (error as Error).message,
      )
    },
    userAgent,
    close: () => terminal?.close(),
  }
}
