import {systemClock, type Clock} from '../../io/clock.js'
import {createHttpClient, type HttpClient} from '../../io/http.js'
import {openKeychain, type Keychain} from '../../io/keychain.js'
import {createLogger} from '../../io/log.js'

/** Per request: a dead org is reported after this long, while the other orgs are asked at the same time. */
export const DOCTOR_TIMEOUT_MS = 5_000

/** The outside world as doctor sees it: nothing in it prompts, and nothing writes. */
export interface DoctorDeps {
  /** GET only, with a short timeout and no retries */
  http(): Promise<HttpClient>
  keychain: Keychain
  clock: Clock
  node: {version: string; platform: NodeJS.Platform}
  /** the user running clokta, whose files should be theirs (undefined on Windows) */
  uid: number | undefined
}

export function createDoctorDeps(options: {debug: boolean; version: string}): DoctorDeps {
  const log = createLogger({debug: options.debug})
  const userAgent = `clokta/${options.version} node/${process.versions.node} (${process.platform}; ${process.arch})`
  let http: Promise<HttpClient> | undefined
  return {
    http: () => (http ??= createHttpClient({log, userAgent, clock: systemClock, timeoutMs: DOCTOR_TIMEOUT_MS, retry: false})),
    keychain: openKeychain(log),
    clock: systemClock,
    node: {version: process.versions.node, platform: process.platform},
    uid: process.getuid?.(),
  }
}
