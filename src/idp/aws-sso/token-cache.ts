import {createHash} from 'node:crypto'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {ensurePrivateDir, readTextIfExists, writeFileAtomic} from '../../io/atomic-file.js'
import {isRecord, isString} from '../../io/json-shape.js'

/**
 * The AWS CLI v2's IAM Identity Center token cache, shared with it and the SDKs: `aws sso
 * login` serves clokta and clokta's sign-in serves them. The fields and their order are the
 * CLI's (botocore's SSOTokenFetcher).
 */
export interface SsoToken {
  startUrl: string
  region: string
  accessToken: string
  /** UTC, as the CLI writes it: 2026-01-01T08:00:00Z */
  expiresAt: string
  clientId?: string
  clientSecret?: string
  registrationExpiresAt?: string
  /** only when the client was registered with sso_registration_scopes */
  refreshToken?: string
}

const FIELDS = ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken'] as const

export const ssoCacheDir = () => join(homedir(), '.aws', 'sso', 'cache')

/** The file's name: the hex SHA-1 of the sso-session's name, or of the start URL for a legacy profile. */
export function ssoCachePath(key: {session?: string; startUrl: string}): string {
  return join(
    ssoCacheDir(),
    `${createHash('sha1')
      .update(key.session ?? key.startUrl, 'utf8')
      .digest('hex')}.json`,
  )
}

/** A time as the CLI writes it (strftime('%Y-%m-%dT%H:%M:%SZ')). */
export const cliTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** A cached time as the CLI (dateutil), the JS SDK (with milliseconds) or the AWS CLI v1 ("…UTC") wrote it; NaN when it is none. */
export const parseCacheTime = (text: string | undefined): number => (text === undefined ? NaN : Date.parse(text.replace(/UTC$/, 'Z')))

/** Python's json.dumps as the CLI calls it: `", "` and `": "` between items, non-ASCII escaped, no newline at the end. */
export function cacheText(token: SsoToken): string {
  const json = (s: string) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const items = FIELDS.flatMap((k) => (token[k] === undefined ? [] : [`${json(k)}: ${json(token[k])}`]))
  return `{${items.join(', ')}}`
}

/** The cached token, or undefined when there is none that clokta can use (absent, not JSON, no accessToken or expiresAt). */
export async function readSsoToken(key: {session?: string; startUrl: string}): Promise<SsoToken | undefined> {
  const text = await readTextIfExists(ssoCachePath(key))
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(value) || !isString(value.accessToken) || !isString(value.expiresAt)) return undefined
  const token: Partial<Record<(typeof FIELDS)[number], string>> = {}
  for (const k of FIELDS) if (isString(value[k])) token[k] = value[k]
  return {...token, startUrl: token.startUrl ?? key.startUrl, region: token.region ?? '', accessToken: value.accessToken, expiresAt: value.expiresAt}
}

/** Written as the CLI writes it, mode 0600, whole or not at all. */
export async function writeSsoToken(key: {session?: string; startUrl: string}, token: SsoToken): Promise<string> {
  const path = ssoCachePath(key)
  await ensurePrivateDir(ssoCacheDir())
  await writeFileAtomic(path, cacheText(token), 0o600)
  return path
}
