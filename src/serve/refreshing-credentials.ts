import {messageOf} from '../errors.js'
import type {Clock} from '../io/clock.js'
import type {Credentials} from '../model/credentials.js'

/**
 * Fresh credentials that last longer than `atLeastSeconds`, got without a prompt: the
 * server's background refresh. Reusing credentials another clokta run wrote meanwhile is
 * fine, as long as they outlast what is held.
 */
export type RefreshSource = (atLeastSeconds: number) => Promise<Credentials>

/** What a request gets, at once: the credentials held, or why there are none worth handing out. */
export type Held = {credentials: Credentials} | {unavailable: string}

export interface RefreshingCredentials {
  current(): Held
  /** resolves when the refresh under way, if any, is over (tests; a clean close) */
  settled(): Promise<void>
  close(): void
}

/**
 * botocore renews container credentials 15 minutes before they expire (advisory) and the JS
 * SDK 5 minutes before: fresh ones must be ready by then. Short-lived credentials are renewed
 * halfway through their life instead.
 */
export const REFRESH_AHEAD_MS = 15 * 60_000
/** after a failed refresh: 30 s, then twice as long each time, at most 10 minutes (a login that sends an MFA push must not nag) */
const FIRST_RETRY_MS = 30_000
const LAST_RETRY_MS = 10 * 60_000

const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * Holds one profile's credentials for the container endpoint and renews them in the
 * background before they expire, one refresh at a time. Requests never wait for a
 * refresh: SDKs give a container endpoint 1-2 s. A refresh that fails (a prompt was
 * needed, Okta or STS refused) leaves the held credentials served while they last; once
 * they are past, requests get the reason, and the terminal is told once.
 */
export function refreshingCredentials(options: {
  profile: string
  initial: Credentials
  source: RefreshSource
  clock: Clock
  /** a line for the terminal (stderr) */
  say: (line: string) => void
}): RefreshingCredentials {
  const {profile, source, clock, say} = options
  let held = options.initial
  let obtainedAt = clock.now()
  let inflight: Promise<void> | undefined
  let failures = 0
  let lastFailure: string | undefined
  let retryAt = 0
  let saidExpired = false
  const stop = new AbortController()

  const expiresAt = () => held.expiration.getTime()
  const dueAt = () => Math.max(retryAt, expiresAt() - Math.min(REFRESH_AHEAD_MS, (expiresAt() - obtainedAt) / 2))
  const expired = () => clock.now() >= expiresAt()

  function failed(why: string): void {
    failures++
    lastFailure = why
    retryAt = clock.now() + Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), LAST_RETRY_MS)
    // once per run of failures: a retry that fails the same way is no news
    if (failures === 1 && !expired())
      say(`Could not renew the credentials of profile ${profile}: ${why} The current ones are served until ${at(expiresAt())}.`)
  }

  async function refresh(): Promise<void> {
    const remainingSeconds = Math.max(0, Math.ceil((expiresAt() - clock.now()) / 1000))
    try {
      const fresh = await source(remainingSeconds + 1)
      if (fresh.expiration.getTime() <= expiresAt()) {
        failed('the credentials that came back expire no later than those held.')
        return
      }
      const recovered = failures > 0 || saidExpired
      held = fresh
      obtainedAt = clock.now()
      failures = 0
      lastFailure = undefined
      retryAt = 0
      saidExpired = false
      say(`${recovered ? 'Renewed again' : 'Renewed'} the credentials of profile ${profile}: valid until ${at(expiresAt())}.`)
    } catch (error) {
      failed(messageOf(error))
    }
  }

  function refreshIfDue(): void {
    if (stop.signal.aborted || inflight || clock.now() < dueAt()) return
    inflight = refresh().finally(() => (inflight = undefined))
  }

  async function loop(): Promise<void> {
    while (!stop.signal.aborted) {
      try {
        await clock.sleep(Math.max(0, dueAt() - clock.now()), stop.signal)
      } catch {
        return // closed
      }
      refreshIfDue()
      await inflight
      noticeExpiry()
    }
  }

  function noticeExpiry(): void {
    if (!expired() || saidExpired) return
    saidExpired = true
    say(
      `The credentials of profile ${profile} expired at ${at(expiresAt())}${lastFailure ? ` and could not be renewed: ${lastFailure}` : '.'} Requests get 503 until a login succeeds: run clokta -p ${profile} in a terminal, and this server picks the new credentials up.`,
    )
  }

  void loop()
  return {
    current() {
      // a timer that fired late (a laptop asleep) must not leave requests waiting for the next one
      refreshIfDue()
      if (!expired()) return {credentials: held}
      noticeExpiry()
      const why = inflight
        ? 'they are being renewed; try again in a moment.'
        : `run clokta -p ${profile} in a terminal${lastFailure ? ` (${lastFailure})` : ''}.`
      return {unavailable: `The credentials of profile ${profile} expired at ${at(expiresAt())}; ${why}`}
    },
    settled: async () => {
      await inflight
    },
    close: () => stop.abort(),
  }
}
