import {shownName} from '../config/profile-name.js'
import {CloktaError} from '../errors.js'
import type {HttpClient} from '../io/http.js'
import {isString, parseJson, shape} from '../io/json-shape.js'
import type {Logger} from '../io/log.js'

/** `{"SigninToken": "…"}` is a few hundred bytes; anything near this is not the federation endpoint. */
const ANSWER_LIMIT_BYTES = 64 * 1024

const isTokenAnswer = shape<{SigninToken: string}>({SigninToken: isString})

/**
 * What an error page says, in one short line. The federation endpoint answers a refusal
 * with a servlet container's HTML page ("HTTP Status 400 - Invalid credentials parameter",
 * then "message …" and "description …"), sometimes with plain text.
 */
export function federationErrorReason(body: string): string | undefined {
  const text = (pattern: RegExp) => {
    const found = pattern.exec(body)?.[1]
    return found
      ?.replace(/<[^>]*>/g, ' ')
      .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'"})[e] ?? '')
      .replace(/\s+/g, ' ')
      .trim()
  }
  const message =
    text(/<b>\s*message\s*<\/b>\s*(?:<u>)?([^<]+)/i) ??
    text(/<h1[^>]*>(?:HTTP Status \d+\s*[-–]\s*)?([^<]+)<\/h1>/i) ??
    text(/<title[^>]*>([^<]+)<\/title>/i) ??
    (/<[a-z!]/i.test(body) ? undefined : text(/^\s*([^\n]+)/))
  if (!message) return undefined
  return message.length > 160 ? `${message.slice(0, 157)}...` : message
}

/**
 * GET …/federation?Action=getSigninToken&Session=…: the sign-in token for the console. The
 * token is a credential for the console (15 minutes): it is registered as a secret at once,
 * so it never reaches a log line; only the command's stdout carries it, in the URL.
 */
export async function getSigninToken(
  http: HttpClient,
  url: string,
  log: Logger,
  profile: string,
  sessionSeconds: number | undefined,
): Promise<string> {
  const host = new URL(url).host
  const response = await http.send({method: 'GET', url, headers: {accept: 'application/json'}, maxBytes: ANSWER_LIMIT_BYTES})
  if (response.status === 200) {
    let token: string | undefined
    try {
      token = parseJson(response.body, isTokenAnswer).SigninToken
    } catch {
      token = undefined
    }
    if (!token)
      throw new CloktaError(
        `The AWS sign-in endpoint ${host} answered without a SigninToken.`,
        'network',
        'Check AWS_ENDPOINT_URL_SIGNIN and any proxy.',
      )
    log.secret(token)
    return token
  }
  const reason = federationErrorReason(response.body)
  const said = reason ? `: ${reason}` : ''
  const hint =
    response.status >= 500
      ? 'AWS sign-in is having trouble; try again in a minute.'
      : sessionSeconds === undefined
        ? `The credentials may have been revoked or expired early: clokta console -p ${shownName(profile)} --force gets new ones.`
        : 'AWS refuses some SessionDuration values with some credentials: try again without --duration.'
  throw new CloktaError(
    `The AWS sign-in endpoint ${host} gave no sign-in token for ${shownName(profile)} (HTTP ${response.status}${said}).`,
    'sts',
    hint,
  )
}
