import {randomBytes, randomInt} from 'node:crypto'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const URLSAFE = `${ALNUM}-_`
const SECRET = `${ALNUM}+/`

export function randomFrom(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)]
  return out
}

export const digits = (length: number): string => randomFrom('0123456789', length)

// Okta token formats: lengths and prefixes copied from the documentation examples.
export const stateToken = (): string => `00${randomFrom(URLSAFE, 40)}`
export const sessionToken = (): string => `20111${randomFrom(URLSAFE, 50)}`
export const sessionId = (): string => `102${randomFrom(URLSAFE, 22)}`
export const errorId = (): string => `oae${randomFrom(URLSAFE, 22)}`

// AWS credential formats: temporary keys start with ASIA, role ids with AROA.
export const accessKeyId = (): string => `ASIA${randomFrom(UPPER_ALNUM, 16)}`
export const secretAccessKey = (): string => randomFrom(SECRET, 40)
export const awsSessionToken = (): string =>
  `IQoJb3JpZ2luX2VjE${randomFrom(SECRET, 8)}//////////wEaCXVzLWVhc3QtMSJ${randomBytes(560).toString('base64')}`

/** SAML IDs are "id" followed by digits, as Okta issues them. */
export const samlId = (): string => `id${digits(27)}`

/** ISO 8601 with whole seconds and no fraction, as STS prints Expiration. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** Okta prints timestamps with a zeroed millisecond part. */
export const isoOkta = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString()
