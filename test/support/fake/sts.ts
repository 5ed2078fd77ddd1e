// The fake STS Query API: routes by Action; AssumeRoleWithSAML is unsigned, the rest are SigV4-checked.
import {createHash} from 'node:crypto'
import type {Incoming, Reply, Service} from './http.js'
import {accessKeyId, awsSessionToken, isoSeconds, secretAccessKey} from './ids.js'
import {issuedIdToken} from './okta-oauth.js'
import {findRole, parseArn, PARTITION_SIGNIN, partitionOf, roleNameOf} from './scenario.js'
import {verifySigV4} from './sigv4.js'
import type {State} from './state.js'
import {Validator, validationError} from './sts-validate.js'
import {fault, stsError, stsResult, type XmlItem} from './sts-xml.js'
import type {IssuedCredentials} from './types.js'

const VERSION = '2011-06-15'
const SESSION_NAME = /^[\w+=,.@-]*$/
const CHAINING_LIMIT = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
const OVER_MAX = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'

// AssumeRoleWithSAML's refusals of an assertion AWS did not take. The codes and statuses are the
// API reference's (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html,
// Errors: InvalidIdentityToken 400, IDPRejectedClaim 403), in the Query protocol's ErrorResponse
// (fixtures aws/sts-error-ExpiredTokenException-webidentity.captured.xml). No captured answer to
// a wrong Recipient was found: its message is the one IAM's SAML troubleshooting page quotes for an
// assertion not addressed to AWS's sign-in (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_saml.html,
// "Error: Response does not contain the required audience."). Nor was one for IDPRejectedClaim:
// its message is the API reference's description of the error.
const NOT_FOR_AWS = 'Response does not contain the required audience.'
const CLAIM_REJECTED = 'The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid.'

/**
 * STS takes an assertion whose SubjectConfirmationData Recipient (Okta writes the same URL as the
 * Response's Destination) is its partition's sign-in endpoint, or a region's of that partition
 * (https://us-east-1.signin.aws.amazon.com/saml), as IAM's regional SAML endpoints are.
 */
function isSignInOf(recipient: string, partition: keyof typeof PARTITION_SIGNIN): boolean {
  const signin = new URL(PARTITION_SIGNIN[partition].acs)
  let url: URL
  try {
    url = new URL(recipient)
  } catch {
    return false
  }
  const region = url.host.endsWith(`.${signin.host}`) ? url.host.slice(0, -signin.host.length - 1) : undefined
  const host = url.host === signin.host || (region !== undefined && PARTITION_SIGNIN[partition].regions.test(region))
  return url.protocol === 'https:' && host && url.pathname === signin.pathname && url.search === ''
}

/** Role ids are stable per role in AWS, so derive one from the ARN: AROA + 17 upper alnum. */
function roleId(arn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bytes = createHash('sha256').update(arn).digest()
  return `AROA${[...bytes.subarray(0, 17)].map((b) => alphabet[b % 32]).join('')}`
}

function assumedRole(arn: string, sessionName: string) {
  const parsed = parseArn(arn)
  return {
    account: parsed?.account ?? '000000000000',
    arn: `arn:${parsed?.partition ?? 'aws'}:sts::${parsed?.account}:assumed-role/${roleNameOf(arn)}/${sessionName}`,
    userId: `${roleId(arn)}:${sessionName}`,
  }
}

type IssueInput = Omit<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>

/** `grantedSeconds`: how long they last, when less than the DurationSeconds asked for */
function issue(state: State, input: IssueInput, grantedSeconds = input.durationSeconds): {creds: IssuedCredentials; xml: XmlItem[]} {
  const creds: IssuedCredentials = {
    accessKeyId: accessKeyId(),
    secretAccessKey: secretAccessKey(),
    sessionToken: awsSessionToken(),
    expiration: isoSeconds(state.now() + Math.min(grantedSeconds, state.scenario.grantSecondsAtMost ?? Infinity) * 1000),
    ...input,
  }
  state.issued.push(creds)
  const user = assumedRole(creds.roleArn, creds.roleSessionName)
  const xml: XmlItem[] = [
    [
      'AssumedRoleUser',
      [
        ['Arn', user.arn],
        ['AssumedRoleId', user.userId],
      ],
    ],
    [
      'Credentials',
      [
        ['AccessKeyId', creds.accessKeyId],
        ['SecretAccessKey', creds.secretAccessKey],
        ['SessionToken', creds.sessionToken],
        ['Expiration', creds.expiration],
      ],
    ],
  ]
  return {creds, xml}
}

function assumeRoleWithSaml(state: State, p: URLSearchParams): Reply {
  const v = new Validator()
  const roleArn = v.required('roleArn', p.get('RoleArn'))
  const principalArn = v.required('principalArn', p.get('PrincipalArn'))
  const assertion = v.required('sAMLAssertion', p.get('SAMLAssertion'))
  const durationSeconds = v.duration(p.get('DurationSeconds'))
  if (v.fault) return stsError(v.fault)
  const saml = state.assertions.get(assertion.replace(/\s+/g, ''))
  if (!saml) return stsError(fault(400, 'InvalidIdentityToken', 'Response signature invalid'))
  if (saml.notOnOrAfter <= state.now()) return stsError(fault(400, 'ExpiredTokenException', 'Response has expired'))
  if (!isSignInOf(saml.recipient, partitionOf(roleArn))) return stsError(fault(400, 'InvalidIdentityToken', NOT_FOR_AWS))
  if (!saml.roles.some((r) => r.roleArn === roleArn && r.principalArn === principalArn)) {
    return stsError(fault(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML'))
  }
  if (findRole(state.scenario, roleArn)?.rejectsClaims) return stsError(fault(403, 'IDPRejectedClaim', CLAIM_REJECTED))
  if (durationSeconds > (findRole(state.scenario, roleArn)?.maxSessionDuration ?? 3600)) return stsError(validationError(OVER_MAX))
  // A valid SessionDuration (900..43200) shortens silently, as STS does (PROTOCOL.md: SAML attributes)
  const cap = saml.sessionDuration !== undefined && saml.sessionDuration >= 900 && saml.sessionDuration <= 43200 ? saml.sessionDuration : Infinity
  const granted = Math.min(durationSeconds, cap)
  const {xml} = issue(state, {roleArn, via: 'AssumeRoleWithSAML', durationSeconds, roleSessionName: saml.login}, granted)
  const account = parseArn(principalArn)?.account ?? ''
  const nameQualifier = createHash('sha1')
    .update(saml.issuer + account + '/' + roleNameOf(principalArn))
    .digest('base64')
  return stsResult(
    'AssumeRoleWithSAML',
    [
      ['Issuer', saml.issuer],
      ...xml,
      ['Audience', saml.recipient],
      ['SubjectType', 'unspecified'],
      ['NameQualifier', nameQualifier],
      ['Subject', saml.login],
    ],
    '    ',
  )
}

/** An unsigned JWT the fake STS takes as one its OIDC provider signed (signature "fake-signature"). */
export function webIdentityToken(claims: {iss: string; aud: string; sub: string; exp: number; email?: string}): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({alg: 'RS256', kid: 'fake'})}.${part(claims)}.fake-signature`
}

/**
 * The claims of a token whose signature STS could check: one webIdentityToken() made, or an
 * ID token the fake Okta issued (real STS fetches the issuer's keys; the fake knows what its Okta signed).
 */
function jwtClaims(state: State, token: string): Record<string, unknown> | undefined {
  const [, payload, signature] = token.split('.')
  if (signature !== 'fake-signature' && !issuedIdToken(state, token)) return undefined
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Unsigned, as AWS answers it (messages as the real service words them). */
function assumeRoleWithWebIdentity(state: State, req: Incoming, p: URLSearchParams): Reply {
  if (req.headers.authorization) return stsError(fault(400, 'InvalidParameterValue', 'AssumeRoleWithWebIdentity is called without signing'))
  const v = new Validator()
  const roleArn = v.required('roleArn', p.get('RoleArn'))
  const roleSessionName = v.required('roleSessionName', p.get('RoleSessionName'))
  v.length('roleSessionName', roleSessionName, 2, 64)
  v.pattern('roleSessionName', roleSessionName, SESSION_NAME, '[\\w+=,.@-]*')
  const token = v.required('webIdentityToken', p.get('WebIdentityToken'))
  const asked = p.get('DurationSeconds')
  const durationSeconds = asked === null ? 3600 : v.duration(asked)
  if (v.fault) return stsError(v.fault)
  const claims = jwtClaims(state, token)
  const provider = state.scenario.webIdentity
  if (!claims)
    return stsError(
      fault(
        400,
        'InvalidIdentityToken',
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      ),
    )
  if (!provider || claims.iss !== provider.issuer) {
    return stsError(fault(400, 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${String(claims.iss)}`))
  }
  if (claims.aud !== provider.audience) return stsError(fault(400, 'InvalidIdentityToken', 'Incorrect token audience'))
  const nowSeconds = Math.floor(state.now() / 1000)
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
    return stsError(
      fault(
        400,
        'ExpiredTokenException',
        `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${String(claims.exp)}`,
      ),
    )
  }
  if (!provider.roleArns.includes(roleArn)) return stsError(fault(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'))
  if (durationSeconds > (findRole(state.scenario, roleArn)?.maxSessionDuration ?? 3600)) return stsError(validationError(OVER_MAX))
  const {xml} = issue(state, {roleArn, via: 'AssumeRoleWithWebIdentity', durationSeconds, roleSessionName})
  return stsResult('AssumeRoleWithWebIdentity', [
    ['SubjectFromWebIdentityToken', String(claims.sub)],
    ['Audience', provider.audience],
    ...xml,
    ['Provider', new URL(provider.issuer).host],
  ])
}

function assumeRole(state: State, req: Incoming, p: URLSearchParams): Reply {
  const auth = verifySigV4(state, req)
  if (!auth.ok) return stsError(auth.fault)
  const v = new Validator()
  const roleArn = v.required('roleArn', p.get('RoleArn'))
  const roleSessionName = v.required('roleSessionName', p.get('RoleSessionName'))
  v.length('roleSessionName', roleSessionName, 2, 64)
  v.pattern('roleSessionName', roleSessionName, SESSION_NAME, '[\\w+=,.@-]*')
  const externalId = p.get('ExternalId') ?? undefined
  v.length('externalId', externalId ?? null, 2, 1224)
  const durationSeconds = v.duration(p.get('DurationSeconds'))
  if (v.fault) return stsError(v.fault)
  // A role session assuming a role is role chaining, capped at an hour whatever the role allows.
  const chaining = auth.kind === 'role-session'
  if (chaining && durationSeconds > 3600) return stsError(validationError(CHAINING_LIMIT))
  const caller =
    auth.kind === 'role-session'
      ? {
          trustArn: auth.credentials.roleArn,
          arn: assumedRole(auth.credentials.roleArn, auth.credentials.roleSessionName).arn,
          accessKeyId: auth.credentials.accessKeyId,
        }
      : {trustArn: auth.user.userArn, arn: auth.user.userArn, accessKeyId: auth.user.accessKeyId}
  const target = state.scenario.chainRoles.find((r) => r.roleArn === roleArn)
  const trusted = target?.trusts.includes(caller.trustArn) && (target.externalId === undefined || target.externalId === externalId)
  if (!trusted) {
    return stsError(fault(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`))
  }
  if (!chaining && durationSeconds > (target!.maxSessionDuration ?? 3600)) return stsError(validationError(OVER_MAX))
  const {xml} = issue(state, {
    roleArn,
    via: 'AssumeRole',
    durationSeconds,
    roleSessionName,
    sourceAccessKeyId: caller.accessKeyId,
    ...(externalId === undefined ? {} : {externalId}),
  })
  return stsResult('AssumeRole', xml)
}

function getCallerIdentity(state: State, req: Incoming): Reply {
  const auth = verifySigV4(state, req)
  if (!auth.ok) return stsError(auth.fault)
  if (auth.kind === 'iam-user') {
    const arn = auth.user.userArn
    // IAM user ids are AIDA + 17 upper alnum, stable per user
    const userId = `AIDA${roleId(arn).slice(4)}`
    return stsResult('GetCallerIdentity', [
      ['Arn', arn],
      ['UserId', userId],
      ['Account', parseArn(arn)?.account ?? ''],
    ])
  }
  const who = assumedRole(auth.credentials.roleArn, auth.credentials.roleSessionName)
  return stsResult('GetCallerIdentity', [
    ['Arn', who.arn],
    ['UserId', who.userId],
    ['Account', who.account],
  ])
}

function dispatch(state: State, req: Incoming, p: URLSearchParams): Reply {
  const action = p.get('Action')
  if (!action) return stsError(fault(400, 'MissingAction', 'Missing Action'))
  const version = p.get('Version') ?? ''
  if (version === VERSION) {
    if (action === 'AssumeRoleWithSAML') return assumeRoleWithSaml(state, p)
    if (action === 'AssumeRole') return assumeRole(state, req, p)
    if (action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(state, req, p)
    if (action === 'GetCallerIdentity') return getCallerIdentity(state, req)
  }
  return stsError(fault(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`))
}

/** Any path and Host are accepted; parameters come from the query string and the form body. */
export function stsService(state: State): Service {
  return {
    name: 'sts',
    defaultContentType: 'text/xml',
    route(req) {
      const params = new URLSearchParams(req.rawQuery)
      if (req.method === 'POST') for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v)
      return {inject: 'sts', action: params.get('Action') ?? undefined, handle: () => dispatch(state, req, params)}
    },
  }
}
