import {createHash, timingSafeEqual} from 'node:crypto'
import {isIPv4, isIPv6} from 'node:net'

import type {Held} from './refreshing-credentials.js'

/** The one path credentials are served on. */
export const CREDENTIALS_PATH = '/credentials'

export interface ContainerRequest {
  method: string
  /** the request target as sent (path and query) */
  url: string
  authorization: string | undefined
  /** the peer's address as the socket has it (`::ffff:127.0.0.1` on a dual-stack socket) */
  remoteAddress: string | undefined
}

export interface ContainerReply {
  status: number
  headers: Record<string, string>
  body: string
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  if (isIPv4(v4)) return v4.startsWith('127.')
  return isIPv6(address) && (address === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(address))
}

/** Hashing first gives both sides one length, so the comparison leaks neither the token nor its length. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(token))
}

const json = (status: number, body: object, extra: Record<string, string> = {}): ContainerReply => ({
  status,
  // credentials must not sit in any cache between here and the SDK
  headers: {'content-type': 'application/json', 'cache-control': 'no-store', ...extra},
  body: JSON.stringify(body),
})
const refusal = (status: number, code: string, message: string, extra?: Record<string, string>) => json(status, {Code: code, Message: message}, extra)

/**
 * The container credentials endpoint as the AWS SDKs and CLI read it (what ECS and EKS Pod
 * Identity serve): a GET with the token in Authorization returns AccessKeyId,
 * SecretAccessKey, Token and Expiration. Another host (403) or a request without the token
 * (401) learns nothing else, not even which paths exist.
 */
export function containerAnswer(req: ContainerRequest, token: string, held: () => Held): ContainerReply {
  if (!isLoopback(req.remoteAddress)) return refusal(403, 'Forbidden', 'Only this machine may ask for credentials here.')
  if (!sameToken(req.authorization, token)) {
    return refusal(401, 'Unauthorized', 'The Authorization header must carry AWS_CONTAINER_AUTHORIZATION_TOKEN.')
  }
  const path = req.url.split('?')[0]
  if (path !== CREDENTIALS_PATH) return refusal(404, 'NotFound', `Credentials are served on ${CREDENTIALS_PATH} only.`)
  if (req.method !== 'GET') return refusal(405, 'MethodNotAllowed', 'Only GET is answered.', {allow: 'GET'})
  const now = held()
  if ('unavailable' in now) return refusal(503, 'CredentialsUnavailable', now.unavailable)
  const c = now.credentials
  return json(200, {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    Token: c.sessionToken,
    Expiration: c.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  })
}
