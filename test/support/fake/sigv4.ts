// Server-side SigV4 check for signed STS calls, against the secrets this fake STS handed out.
import {createHash, createHmac, timingSafeEqual} from 'node:crypto'
import type {Incoming} from './http.js'
import {PARTITION_SIGNIN, partitionOf} from './scenario.js'
import type {State} from './state.js'
import {fault, type StsFault} from './sts-xml.js'
import type {IamUser, IssuedCredentials} from './types.js'

const AUTH = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
const BAD_TOKEN = 'The security token included in the request is invalid.'

const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex')
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest()

/** RFC 3986 percent-encoding, which SigV4 uses instead of encodeURIComponent's looser set. */
export const uriEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

/** Malformed %-escapes are kept as typed; the signature simply will not match. */
function decode(value: string, plusIsSpace = true): string {
  try {
    return decodeURIComponent(plusIsSpace ? value.replace(/\+/g, '%20') : value)
  } catch {
    return value
  }
}

function canonicalQuery(rawQuery: string): string {
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]
      return [uriEncode(decode(k)), uriEncode(decode(v))] as const
    })
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
}

export function canonicalRequest(req: Incoming, signedHeaders: string[]): string {
  const path =
    req.path
      .split('/')
      .map((s) => uriEncode(decode(s, false)))
      .join('/') || '/'
  const headers = signedHeaders
    .map((name) => {
      const raw = req.headers[name]
      const value = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim().replace(/\s+/g, ' ')
      return `${name}:${value}\n`
    })
    .join('')
  return [req.method, path, canonicalQuery(req.rawQuery), headers, signedHeaders.join(';'), sha256(req.body)].join('\n')
}

export function signature(secret: string, amzDate: string, scope: string, canonical: string): string {
  const [date = '', region = '', service = ''] = scope.split('/')
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request')
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex')
}

/** Who signed: a role session this fake issued, or an IAM user's long-term keys. */
export type Caller = {kind: 'role-session'; credentials: IssuedCredentials} | {kind: 'iam-user'; user: IamUser}
export type SigV4Result = ({ok: true} & Caller) | {ok: false; fault: StsFault}

const failed = (status: number, code: string, message: string): SigV4Result => ({ok: false, fault: fault(status, code, message)})

/** Looks credentials up live in `issued`, so a test may edit an entry's expiration to expire it. */
export function verifySigV4(state: State, req: Incoming): SigV4Result {
  const header = req.headers.authorization
  if (!header) return failed(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
  const m = AUTH.exec(header)
  const amzDate = String(req.headers['x-amz-date'] ?? '')
  if (!m || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return failed(400, 'IncompleteSignature', `Authorization header requires 'Credential', 'Signature', 'SignedHeaders' and 'X-Amz-Date'.`)
  }
  const [, credential = '', signedHeaders = '', given = ''] = m
  const [accessKeyId = '', ...scopeParts] = credential.split('/')
  const scope = scopeParts.join('/')
  const session = state.issued.find((c) => c.accessKeyId === accessKeyId)
  const user = session ? undefined : state.scenario.iamUsers.find((u) => u.accessKeyId === accessKeyId)
  const creds = session ?? (user && {secretAccessKey: user.secretAccessKey, sessionToken: undefined, expiration: undefined})
  if (!creds || req.headers['x-amz-security-token'] !== creds.sessionToken) return failed(403, 'InvalidClientTokenId', BAD_TOKEN)
  if (scopeParts[2] !== 'sts' || scopeParts[3] !== 'aws4_request' || scopeParts[0] !== amzDate.slice(0, 8)) {
    return failed(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, date and service 'sts'.`)
  }
  // the fake answers as the STS of the credentials' partition: a scope of another partition's region is refused as real STS refuses it
  const region = scopeParts[1] ?? ''
  if (!PARTITION_SIGNIN[partitionOf(session?.roleArn ?? user!.userArn)].regions.test(region)) {
    return failed(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${region}'. `)
  }
  const expected = signature(creds.secretAccessKey, amzDate, scope, canonicalRequest(req, signedHeaders.split(';')))
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return failed(403, 'SignatureDoesNotMatch', MISMATCH)
  if (user) return {ok: true, kind: 'iam-user', user}
  if (Date.parse(session!.expiration) <= state.now()) {
    return failed(403, 'ExpiredToken', 'The security token included in the request is expired')
  }
  return {ok: true, kind: 'role-session', credentials: session!}
}
