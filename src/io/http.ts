import {CloktaError} from '../errors.js'
import type {Clock} from './clock.js'
import type {Logger} from './log.js'
import {loadProxies, type ProxyRoute} from './proxy.js'
import {describeTlsError} from './tls-errors.js'
import {assertSecureRoute} from './url-policy.js'

/**
 * The one HTTP client: https only (loopback excepted), a cookie jar shared across
 * redirects (the Okta app link sets `sid` and redirects), timeouts, bounded retries of
 * transient failures, and one debug line per request with secrets redacted. Status codes
 * are returned, not thrown: each caller knows what its service's error bodies mean.
 */
export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** the URL after redirects */
  url: string
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE'
  url: string
  json?: unknown
  form?: Record<string, string>
  headers?: Record<string, string>
  /**
   * Safe to send twice (a poll, a plain GET). Only such requests are retried after a 5xx
   * or a dropped connection: a password, a one-time code or token, or a push sent twice
   * would count against the user. A refused connection and a 503 are retried for any
   * request, since the request was not handled. Default: true for GET, false otherwise.
   */
  idempotent?: boolean
  /** The most body clokta reads before it gives up: by default 1 MB for JSON, 2 MB for a page. */
  maxBytes?: number
}

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>
  /** cookies the client holds for a URL, e.g. Okta's `sid` */
  cookies(url: string): Promise<{key: string; value: string}[]>
  /** adds a cookie for a URL, as a browser that kept it would send it */
  setCookie(url: string, cookie: string): Promise<void>
}

const TIMEOUT_MS = 30_000
const MB = 1024 * 1024
/**
 * Real answers are small: Okta's /api/v1/authn and factor JSON 0.1-3 KB, the app link's
 * SAML form 8-15 KB (its assertion 9-14 KB base64 for 5 roles; about 150 bytes a role, so
 * some 60 KB for 400 roles, and STS takes at most 100,000 characters of assertion). The
 * limits leave room for orgs far beyond that, and stop an endless or hostile body before it
 * fills memory (one reached 2.9 GB inside the 30 s timeout).
 */
export const JSON_LIMIT_BYTES = 1 * MB
export const PAGE_LIMIT_BYTES = 2 * MB

export function formatBytes(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${Math.round(bytes / 1024)} KB`
}
/** Waits before the 2nd and 3rd attempt: a blip is ridden out, an outage reported within seconds. */
const BACKOFF_MS = [1_000, 2_000]
const TRANSIENT_STATUS = new Set([500, 502, 503, 504])
/**
 * 503 Service Unavailable says the request was not handled (Okta's maintenance answer, a
 * load balancer with no healthy node); a 500, 502 or 504 may come after it was.
 */
const NOT_HANDLED_STATUS = new Set([503])
/** Not ENOTFOUND or certificate errors: those do not heal in three seconds. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED'])
/** Failures that happen before a request could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

const PROXY_HINT = 'Check HTTPS_PROXY / HTTP_PROXY (and the user:password in it), or list the host in NO_PROXY to connect directly.'

function networkError(url: URL, error: unknown, timeoutMs: number, route: ProxyRoute | undefined): CloktaError {
  const tls = describeTlsError(error, url.hostname)
  if (tls) return new CloktaError(`Cannot reach ${url.host}: ${tls.reason}.`, 'network', tls.hint, {cause: error})
  const code = (error as {code?: string}).code
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: `no answer within ${timeoutMs / 1000} s`,
  }
  const reason = `${(code && reasons[code]) ?? (error as Error).message}${code ? ` (${code})` : ''}`
  if (route) {
    // hpagent's words for a CONNECT the proxy refused; through a tunnel, the proxy resolves and connects
    const refused = /^Bad response: (\d+)/.exec((error as Error).message)
    const why = refused ? `it answered ${refused[1]} to CONNECT ${url.host}` : reason
    return new CloktaError(`Cannot reach ${url.host} through the proxy ${route.shown}: ${why}.`, 'network', PROXY_HINT, {cause: error})
  }
  return new CloktaError(`Cannot reach ${url.host}: ${reason}.`, 'network', undefined, {cause: error})
}

/**
 * `timeoutMs` and `retry: false` are for checks that must answer quickly (`clokta doctor`):
 * a dead host is reported after that long, not after 30 s and two more tries.
 */
export async function createHttpClient(options: {
  log: Logger
  userAgent: string
  clock: Clock
  timeoutMs?: number
  retry?: boolean
}): Promise<HttpClient> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS
  const backoff = options.retry === false ? [] : BACKOFF_MS
  // got and tough-cookie cost ~200 ms to import: only runs that talk to Okta pay it.
  const [{default: got}, {CookieJar}] = await Promise.all([import('got'), import('tough-cookie')])
  const jar = new CookieJar()
  const {log} = options
  const proxies = await loadProxies(log)
  const client = got.extend({
    cookieJar: jar,
    throwHttpErrors: false,
    retry: {limit: 0},
    timeout: {request: timeoutMs},
    maxRedirects: 10,
    headers: {'user-agent': options.userAgent},
    hooks: {
      beforeRedirect: [
        (redirectOptions) => {
          const next = redirectOptions.url as URL
          // NO_PROXY may say otherwise for the host redirected to
          const route = proxies.routeFor(next)
          assertSecureRoute(next, 'to follow a redirect to', route)
          redirectOptions.agent = route?.agents ?? {}
          log.debug(`  redirect → ${next.href}${route ? ` via ${route.shown}` : ''}`)
        },
      ],
    },
  })

  return {
    async send(request) {
      const url = new URL(request.url)
      const route = proxies.routeFor(url)
      assertSecureRoute(url, 'to connect to', route)
      const idempotent = request.idempotent ?? request.method === 'GET'
      const headers = {accept: request.json === undefined ? 'text/html,application/json' : 'application/json', ...request.headers}
      const limit = request.maxBytes ?? (headers.accept === 'application/json' ? JSON_LIMIT_BYTES : PAGE_LIMIT_BYTES)
      for (let attempt = 0; ; attempt++) {
        const started = Date.now()
        let response
        const tooLarge = new AbortController()
        // the host that sent the body, which a redirect may have changed
        let answered = url
        try {
          const pending = client(url, {
            method: request.method,
            json: request.json,
            form: request.form,
            // A redirected POST would carry the password to wherever the redirect points.
            followRedirect: request.method === 'GET',
            headers,
            agent: route?.agents ?? {},
          })
          // Stopped as soon as the size is known to be too much (got buffers the whole body):
          // the first progress event carries the content-length, the others what has come.
          void pending.on('redirect', (next: {url?: URL | string}) => {
            if (next.url) answered = new URL(next.url)
          })
          void pending.on('downloadProgress', (p: {transferred: number; total?: number}) => {
            if (p.transferred > limit || (p.total ?? 0) > limit) {
              tooLarge.abort()
              pending.cancel()
            }
          })
          response = await pending
        } catch (error) {
          if (tooLarge.signal.aborted) {
            throw new CloktaError(
              `${answered.host} answered ${answered === url ? request.method : 'GET'} ${answered.pathname} with more than ${formatBytes(limit)}; clokta stopped reading.`,
              'network',
              "Okta's answers are a few KB: check the URL, and whether a proxy or captive portal answers in Okta's place.",
            )
          }
          if (error instanceof CloktaError) throw error
          const cause = (error as {cause?: unknown}).cause
          if (cause instanceof CloktaError) throw cause
          const code = (error as {code?: string}).code
          if (code && (idempotent ? TRANSIENT_CODES : NOT_SENT_CODES).has(code) && attempt < backoff.length) {
            log.info(`${url.host} did not answer (${code}); trying again in ${backoff[attempt] / 1000} s...`)
            await options.clock.sleep(backoff[attempt])
            continue
          }
          throw networkError(answered, error, timeoutMs, answered === url ? route : proxies.routeFor(answered))
        }
        log.debug(`${request.method} ${url.href}${route ? ` via ${route.shown}` : ''} → ${response.statusCode} (${Date.now() - started} ms)`)
        if ((idempotent ? TRANSIENT_STATUS : NOT_HANDLED_STATUS).has(response.statusCode) && attempt < backoff.length) {
          log.info(`${url.host} answered ${response.statusCode}; trying again in ${backoff[attempt] / 1000} s...`)
          await options.clock.sleep(backoff[attempt])
          continue
        }
        return {status: response.statusCode, headers: response.headers, body: response.body, url: response.url}
      }
    },
    async cookies(url) {
      return (await jar.getCookies(url)).map((c) => ({key: c.key, value: c.value}))
    },
    async setCookie(url, cookie) {
      await jar.setCookie(cookie, url)
    },
  }
}
