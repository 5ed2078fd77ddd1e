import {CloktaError} from '../../errors.js'
import type {Clock} from '../../io/clock.js'
import type {HttpClient, HttpResponse} from '../../io/http.js'
import {parseJson} from '../../io/json-shape.js'
import type {Logger} from '../../io/log.js'
import {isOktaErrorBody, parseTransaction, type OktaTransaction} from './types.js'

/** An Okta error body (`errorCode`, `errorSummary`, `errorCauses`) turned into our error. */
export class OktaApiError extends CloktaError {
  constructor(
    readonly status: number,
    readonly oktaCode: string | undefined,
    readonly summary: string,
    readonly causes: string[],
    host: string,
  ) {
    const detail = causes.length ? `${summary}: ${causes.join('; ')}` : summary
    super(`Okta (${host}) answered ${status}: ${detail}${oktaCode ? ` (${oktaCode})` : ''}.`, 'okta-api')
  }
}

function parseError(response: HttpResponse, host: string): OktaApiError {
  try {
    const parsed = parseJson(response.body, isOktaErrorBody)
    const causes = (parsed.errorCauses ?? []).map((c) => c.errorSummary ?? '').filter(Boolean)
    return new OktaApiError(response.status, parsed.errorCode, parsed.errorSummary ?? 'an error without a summary', causes, host)
  } catch {
    const summary = response.status >= 500 ? 'a server error; try again later' : 'an answer that is not Okta JSON'
    return new OktaApiError(response.status, undefined, summary, [], host)
  }
}

/** Okta kept answering 429 (E0000047) for longer than clokta waits. */
export class OktaRateLimitError extends CloktaError {}

/** Okta asks clients to wait for X-Rate-Limit-Reset; longer than this and the user is told instead. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000

export interface SendOptions {
  /** false: report a rate limit at once instead of waiting it out (an SMS resend, say) */
  waitOnRateLimit?: boolean
  /** safe to repeat after a 5xx (a push poll); see HttpRequest.idempotent */
  idempotent?: boolean
}

/**
 * Talks to one Okta org. HAL links from Okta's answers are followed only when they point
 * back at the same org, so a state token is never sent anywhere else. A 429 is waited out
 * (up to a minute, as X-Rate-Limit-Reset says), since giving up would only make the user
 * start the whole login again.
 */
export class OktaApi {
  constructor(
    readonly org: URL,
    private readonly http: HttpClient,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  resolve(pathOrHref: string): URL {
    const url = new URL(pathOrHref, this.org)
    if (url.origin !== this.org.origin) {
      throw new CloktaError(`Okta sent a link to ${url.origin}, outside the org ${this.org.origin}; refusing to follow it.`, 'okta-api')
    }
    return url
  }

  async post(pathOrHref: string, body: Record<string, unknown>, options: SendOptions = {}): Promise<OktaTransaction> {
    const url = this.resolve(pathOrHref)
    const response = await this.send({method: 'POST', url: url.href, json: body, idempotent: options.idempotent ?? false}, options)
    if (response.status >= 300 && response.status < 400) {
      throw new CloktaError(
        `Okta (${this.org.host}) answered ${url.pathname} with a redirect to ${String(response.headers.location ?? 'elsewhere')}; clokta does not follow it with your credentials.`,
        'okta-api',
        'Check that okta_aws_app_url points at your Okta org itself, not at a proxy or an old domain.',
      )
    }
    if (response.status < 200 || response.status >= 300) throw parseError(response, this.org.host)
    let tx: OktaTransaction
    try {
      tx = parseTransaction(response.body)
    } catch {
      throw new CloktaError(`The answer from ${this.org.host} is not Okta JSON; is ${this.org.origin} an Okta org?`, 'okta-api')
    }
    this.log.secret(tx.stateToken)
    this.log.secret(tx.sessionToken)
    return tx
  }

  /** A call whose status the caller judges (the Sessions API answers 404 for "no session"). */
  request(method: 'GET' | 'DELETE', path: string): Promise<HttpResponse> {
    return this.send({method, url: this.resolve(path).href, headers: {accept: 'application/json'}, idempotent: true}, {})
  }

  /** A browser-style GET (the app link), following redirects: the status is the caller's to judge. */
  getPage(url: URL, options: {idempotent: boolean}): Promise<HttpResponse> {
    return this.send({method: 'GET', url: this.resolve(url.href).href, idempotent: options.idempotent}, {})
  }

  private async send(request: Parameters<HttpClient['send']>[0], options: SendOptions): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.http.send(request)
      if (response.status !== 429) return response
      const error = parseError(response, this.org.host)
      const reset = Number(response.headers['x-rate-limit-reset'])
      const waitMs = Number.isFinite(reset) && reset > 0 ? Math.max(1_000, reset * 1000 - this.clock.now() + 1_000) : 5_000
      if (options.waitOnRateLimit === false || attempt >= 2 || waitMs > MAX_RATE_LIMIT_WAIT_MS) {
        const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toTimeString().slice(0, 8)}` : ''
        throw new OktaRateLimitError(
          `Okta (${this.org.host}) is rate-limiting these requests${when} (E0000047).`,
          'okta-api',
          'Wait a minute and run clokta again.',
          {cause: error},
        )
      }
      this.log.info(`Okta's rate limit was reached; waiting ${Math.ceil(waitMs / 1000)} s before trying again...`)
      await this.clock.sleep(waitMs)
    }
  }
}
