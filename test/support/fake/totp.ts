import {createHmac} from 'node:crypto'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
export const TOTP_STEP_MS = 30_000

/** RFC 4648 base32; authenticator apps show secrets in groups and mixed case, so both are tolerated. */
export function base32Decode(secret: string): Buffer {
  const clean = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase()
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const ch of clean) {
    const index = BASE32.indexOf(ch)
    if (index < 0) throw new Error(`invalid base32 character ${JSON.stringify(ch)}`)
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >>> bits) & 0xff)
    }
  }
  return Buffer.from(bytes)
}

/** RFC 4226 HOTP with dynamic truncation, 6 digits. */
export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', key).update(message).digest()
  const offset = mac[mac.length - 1]! & 0x0f
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return code.toString().padStart(6, '0')
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits), the flavour Okta Verify and Google Authenticator use. */
export function totp(secretBase32: string, atMs: number = Date.now()): string {
  return hotp(base32Decode(secretBase32), Math.floor(atMs / TOTP_STEP_MS))
}

/**
 * The 30 s step (counter) whose code `code` is, undefined when none matches. Okta accepts
 * the previous, current and next step so slow typing and small clock skew still work.
 */
export function totpStep(secretBase32: string, code: string, atMs: number = Date.now()): number | undefined {
  const now = Math.floor(atMs / TOTP_STEP_MS)
  return [now - 1, now, now + 1].find((step) => totp(secretBase32, step * TOTP_STEP_MS) === code)
}
