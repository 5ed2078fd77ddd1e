import {createHmac} from 'node:crypto'

import {CloktaError} from '../errors.js'

/** RFC 4648 base32, as authenticator apps show seeds: case, spaces, dashes and padding ignored. */
export function base32Decode(secret: string, source: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const clean = secret.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '')
  if (clean.length === 0 || /[^A-Z2-7]/.test(clean)) {
    throw new CloktaError(`${source} is not a base32 TOTP secret (letters A-Z and digits 2-7).`, 'config')
  }
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const char of clean) {
    value = (value << 5) | alphabet.indexOf(char)
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

/**
 * The key of an authenticator seed, refused with a message naming `source` when it cannot
 * be one: not base32, or shorter than the 80 bits (16 characters) apps use, which means a
 * truncated copy whose codes Okta would refuse.
 */
export function totpKey(secret: string, source: string): Buffer {
  const key = base32Decode(secret, source)
  if (key.length < 10) throw new CloktaError(`${source} is too short for an authenticator seed (at least 16 base32 characters).`, 'config')
  return key
}

export interface TotpOptions {
  digits?: number
  stepSeconds?: number
  algorithm?: 'sha1' | 'sha256' | 'sha512'
}

/** RFC 6238 TOTP (RFC 4226 HOTP over 30 s steps); Okta Verify and Google Authenticator use SHA-1, 6 digits. */
export function totpCode(key: Buffer, atMs: number, options: TotpOptions = {}): string {
  const {digits = 6, stepSeconds = 30, algorithm = 'sha1'} = options
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / stepSeconds)))
  const mac = createHmac(algorithm, key).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** Milliseconds until the next 30 s step begins, when a new code appears. */
export function msUntilNextStep(atMs: number, stepSeconds = 30): number {
  const step = stepSeconds * 1000
  return step - (atMs % step)
}
