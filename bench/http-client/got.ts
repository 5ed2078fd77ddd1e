// clokta's HTTP client as it is (src/io/http.ts: got, tough-cookie, proxies from the environment).
import type {Clock} from '../../src/io/clock.js'
import {createHttpClient} from '../../src/io/http.js'
import type {Logger} from '../../src/io/log.js'
import {drive} from './drive.js'

const quiet = (): void => undefined
const log: Logger = {debug: quiet, info: quiet, warn: quiet, secret: quiet, debugEnabled: false}
const clock: Clock = {now: () => Date.now(), sleep: () => Promise.resolve()}
await drive(() => createHttpClient({log, userAgent: 'clokta-bench', clock}))
