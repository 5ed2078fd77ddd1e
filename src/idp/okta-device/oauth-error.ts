import {CloktaError} from '../../errors.js'
import type {HttpResponse} from '../../io/http.js'
import {isString, optional, parseJson, shape} from '../../io/json-shape.js'

/** An OAuth 2.0 error answer (RFC 6749 5.2: `error`, `error_description`) from an Okta org's /oauth2/v1 endpoints. */
export class OAuthError extends CloktaError {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    message: string,
    hint?: string,
  ) {
    super(message, 'okta-auth', hint)
  }
}

const isOAuthErrorBody = shape<{error: string; error_description?: string}>({error: isString, error_description: optional(isString)})

/** The error in an answer that is not a success; an answer that is not OAuth JSON is said to be what it is. */
export function readOAuthError(response: HttpResponse, host: string, what: string): OAuthError {
  try {
    const body = parseJson(response.body, isOAuthErrorBody)
    const description = body.error_description ?? ''
    const detail = description ? `${description.replace(/\.$/, '')} (${body.error})` : body.error
    return new OAuthError(response.status, body.error, description, `Okta (${host}) refused ${what}: ${detail}.`)
  } catch {
    const summary = response.status >= 500 ? 'a server error; try again later' : 'an answer that is not OAuth JSON'
    return new OAuthError(response.status, '', '', `Okta (${host}) answered ${response.status} to ${what}: ${summary}.`)
  }
}
