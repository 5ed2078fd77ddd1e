import {isRecord} from '../../io/json-shape.js'

/**
 * What clokta reads of an Okta ID token: when it ends and whom it names. Decoded, not
 * verified: the token is Okta's answer over TLS, and whoever it is for (Okta's token
 * exchange, STS) checks its signature against the org's keys.
 */
export interface IdTokenClaims {
  /** `exp`, in ms */
  expiresAt?: number
  sub?: string
  preferredUsername?: string
  email?: string
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

/** Undefined for what is not a JWT with a JSON payload. */
export function idTokenClaims(token: string): IdTokenClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (!isRecord(payload)) return undefined
  return {
    expiresAt: typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined,
    sub: text(payload.sub),
    preferredUsername: text(payload.preferred_username),
    email: text(payload.email),
  }
}
