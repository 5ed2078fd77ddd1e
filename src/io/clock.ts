import {setTimeout as delay} from 'node:timers/promises'

/** Time arrives through this so that polling and expiry can be tested without sleeping. */
export interface Clock {
  now(): number
  /** rejects when `signal` aborts, so that an abandoned wait does not keep the process alive */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, {signal}),
}
