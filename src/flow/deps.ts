import {systemClock, type Clock} from '../io/clock.js'
import {createHttpClient, type HttpClient} from '../io/http.js'
import {openKeychain, type Keychain} from '../io/keychain.js'
import {createLogger, type Logger} from '../io/log.js'
import {nonInteractivePrompter, terminalPrompter, type Prompter} from '../io/prompter.js'
import {openTerminal, type Terminal} from '../io/terminal.js'
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
    userAgent,
    close: () => terminal?.close(),
  }
}
