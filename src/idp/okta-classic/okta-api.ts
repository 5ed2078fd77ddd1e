import {CloktaError} from '../../errors.js'
import type {HttpClient} from '../../io/http.js'
import type {Logger} from '../../io/log.js'
import type {OktaTransaction} from './types.js'

/** An Okta error body (`errorCode`, `errorSummary`, `errorCauses`) turned into our error. */
export class OktaApiError extends CloktaError {
  constructor(
    readonly status: number,
    readonly oktaCode: string | undefined,
    readonly summary: string,
    readonly causes: string[],
    readonly headers: Record<string, string | string[] | undefined>,
  ) {
    const detail = causes.length ? `${summary}: ${causes.join('; ')}` : summary
    super(`Okta answered ${status}: ${detail}${oktaCode ? ` (${oktaCode})` : ''}.`, 'okta-api')
  }
}

function parseError(status: number, body: string, headers: OktaApiError['headers']): OktaApiError {
  try {
    const parsed = JSON.parse(body) as {errorCode?: string; errorSummary?: string; errorCauses?: {errorSummary?: string}[]}
    const causes = (parsed.errorCauses ?? []).map((c) => c.errorSummary ?? '').filter(Boolean)
    return new OktaApiError(status, parsed.errorCode, parsed.errorSummary ?? 'unknown error', causes, headers)
  } catch {
    return new OktaApiError(status, undefined, `a non-JSON answer (${body.slice(0, 60).replace(/\s+/g, ' ')}…)`, [], headers)
  }
}

/**
 * Talks JSON to one Okta org. HAL links from Okta's answers are followed only when they
 * point back at the same org, so a state token is never sent anywhere else.
 */
export class OktaApi {
  constructor(
    readonly org: URL,
    private readonly http: HttpClient,
    private readonly log: Logger,
  ) {}

  resolve(pathOrHref: string): URL {
    const url = new URL(pathOrHref, this.org)
    if (url.origin !== this.org.origin) {
      throw new CloktaError(`Okta sent a link to ${url.origin}, outside the org ${this.org.origin}; refusing to follow it.`, 'okta-api')
    }
    return url
  }

  async post(pathOrHref: string, body: Record<string, unknown>): Promise<OktaTransaction> {
    const response = await this.http.send({method: 'POST', url: this.resolve(pathOrHref).href, json: body})
    if (response.status < 200 || response.status >= 300) throw parseError(response.status, response.body, response.headers)
    let tx: OktaTransaction
    try {
      tx = JSON.parse(response.body) as OktaTransaction
    } catch {
      throw new CloktaError(`Okta's answer from ${this.org.host} is not JSON; is ${this.org.origin} an Okta org?`, 'okta-api')
    }
    this.log.secret(tx.stateToken)
    this.log.secret(tx.sessionToken)
    return tx
  }
}
