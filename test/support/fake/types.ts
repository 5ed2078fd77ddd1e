// Public shapes of the fake Okta + STS services; the CLI tests code against these.

export type FactorType =
  'push' | 'token:software:totp' | 'sms' | 'call' | 'email' | 'token:hardware' | 'token' | 'webauthn' | 'u2f' | 'web' | 'question'

export type FakeFactor = {
  type: FactorType
  provider: 'OKTA' | 'GOOGLE' | 'YUBICO' | 'RSA' | 'SYMANTEC' | 'FIDO' | 'DUO' | string
  id?: string
}

export interface FakeRole {
  name: string
  path?: string
  maxSessionDuration?: number
  /** its trust policy's conditions (on SAML:aud, or the user's attributes) reject the assertion's claims: AssumeRoleWithSAML answers IDPRejectedClaim */
  rejectsClaims?: boolean
}
export interface FakeAccount {
  id: string
  name?: string
  roles: FakeRole[]
  /** its roles' and SAML provider's ARNs are arn:<partition>:… (default aws) */
  partition?: 'aws' | 'aws-us-gov' | 'aws-cn'
}

export interface ChainRole {
  roleArn: string
  /** Role ARNs (not assumed-role ARNs) whose sessions may assume this role, or IAM user ARNs. */
  trusts: string[]
  externalId?: string
  /** MaxSessionDuration, which binds only callers that are not role sessions (default 3600) */
  maxSessionDuration?: number
}

/** An IAM user's long-term keys: AssumeRole signed with them is not role chaining. */
export interface IamUser {
  userArn: string
  accessKeyId: string
  secretAccessKey: string
}

export interface InjectedResponse {
  status: number
  headers?: Record<string, string>
  /** An object is sent as JSON; a string is sent verbatim. */
  body: string | object
  /** Hold the answer back this long, to exercise client timeouts. */
  delayMs?: number
  /** Let this request reach the real handler (to aim a later canned answer at, say, the second poll). */
  passThrough?: boolean
  /**
   * A server that echoes the request: each `{{Name}}` in a string body becomes the request's
   * form parameter Name (STS's SAMLAssertion, say), decoded, as an error message quoting it would.
   */
  echo?: boolean
  /**
   * After the body, send this text again and again (chunked, no content-length) until
   * `bytes` in all have gone, or forever when `bytes` is absent, until the client hangs up.
   */
  stream?: {chunk: string; bytes?: number}
}

export type InjectKey = 'authn' | 'verify' | 'app' | 'sts' | 'sessions' | 'wellKnown' | 'deviceAuthorize' | 'token' | 'revoke' | 'tokenSso' | 'sso'

export type AuthnOutcome = 'MFA' | 'SUCCESS' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'PASSWORD_WARN' | 'MFA_ENROLL'

export interface Scenario {
  /** the OIDC provider IAM trusts for AssumeRoleWithWebIdentity (see webIdentityToken), and the roles that trust it */
  webIdentity?: {issuer: string; audience: string; roleArns: string[]}
  user: {login: string; password: string; firstName?: string; lastName?: string}
  authnOutcome: AuthnOutcome
  factors: FakeFactor[]
  push: {waits: number; correctAnswer?: number; result: 'SUCCESS' | 'REJECTED' | 'TIMEOUT'}
  totpSecret: string
  accounts: FakeAccount[]
  sessionDuration?: number
  prettyAssertion: boolean
  /** Route key (see InjectKey) → canned answers, shifted off and served before the real handler. */
  inject: Record<string, InjectedResponse[]>
  sessionLifetimeSeconds: number
  chainRoles: ChainRole[]
  iamUsers: IamUser[]
  /** STS grants at most this long, whatever was asked (the real one: 900 s at least), so a test can wait credentials out */
  grantSecondsAtMost?: number
  /** the AWS app's ACS URL (Destination, Recipient); default: the sign-in of the first account's partition */
  acsUrl?: string
  /** the org's engine as /.well-known/okta-organization names it: 'v1' Classic (the default), 'idx' Identity Engine */
  pipeline?: 'v1' | 'idx'
  /** the native OIDC app of an Identity Engine org's device login; fields left out take OIDC_DEFAULTS (fake/okta-oauth.ts) */
  oidc?: Partial<OidcApp>
  /** IAM Identity Center (SSO OIDC and the access portal, on ssoUrl); see defaultSso */
  sso?: SsoScenario
}

export interface OidcApp {
  clientId: string
  /** the polling interval the device authorization names, in seconds (Okta's: 5) */
  interval: number
  /** token polls answered authorization_pending before the user's answer */
  pendingPolls: number
  /** the user's answer in the browser; 'expire': the code lapses unanswered */
  outcome: 'approve' | 'deny' | 'expire'
  /** the OIDC app is the AWS app's Allowed Web SSO Client */
  allowedWebSso: boolean
  /** the AWS app's authentication policy accepts the device login */
  assuranceMet: boolean
  /** the AWS app wants a sign-in no older than this (its re-authentication frequency) */
  reauthAfterSeconds?: number
  accessTokenSeconds: number
  /** the scopes the app may ask for (its grants and Okta API scopes); undefined: any */
  scopes?: string[]
}

export interface SsoScenario {
  startUrl: string
  /** sso_region: where the verification URL points */
  region: string
  accounts: {accountId: string; accountName: string; emailAddress: string; roles: string[]}[]
  /** StartDeviceAuthorization's interval (the real service: 1 s); 0 lets a CLI test poll without waiting */
  interval: number
  /** CreateToken polls answered AuthorizationPending before the user approves */
  pendingPolls: number
  /** the polls (1-based) answered SlowDown */
  slowDownPolls: number[]
  /** what the user does in the browser: approve, deny, or nothing until the code expires */
  outcome: 'approve' | 'deny' | 'expire'
  /** expiresIn of an access token */
  tokenSeconds: number
  /** how long GetRoleCredentials' credentials last */
  roleSeconds: number
  /** ListAccounts and ListAccountRoles page size */
  pageSize: number
}

export interface RecordedRequest {
  service: 'okta' | 'sts' | 'sso'
  method: string
  path: string
  query: Record<string, string>
  action?: string
  startedAt: number
  endedAt: number
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: string
  roleArn: string
  via: 'AssumeRoleWithSAML' | 'AssumeRole' | 'GetRoleCredentials' | 'AssumeRoleWithWebIdentity'
  durationSeconds: number
  sourceAccessKeyId?: string
  roleSessionName: string
  externalId?: string
}

export interface RequestFilter {
  service?: 'okta' | 'sts' | 'sso'
  method?: string
  path?: string | RegExp
  action?: string
}

export interface FakeServices {
  oktaUrl: string
  stsUrl: string
  /** IAM Identity Center's OIDC and portal APIs (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO) */
  ssoUrl: string
  /** the user codes of the device sign-ins started, in order */
  ssoUserCodes: string[]
  /** an IAM Identity Center access token the portal takes for `seconds` (8 h), as if `aws sso login` had got it */
  grantSsoToken(seconds?: number): string
  /** the portal takes no token issued so far (signed out) */
  revokeSsoTokens(): void
  /** the access tokens the portal's Logout took, in order */
  ssoLoggedOut: string[]
  /** the tokens the OIDC app asked /oauth2/v1/revoke to revoke, with the hint each came with */
  readonly oidcRevoked: {token: string; hint: string | null}[]
  appUrl: string
  nonAwsAppUrl: string
  scenario: Scenario
  requests: RecordedRequest[]
  count(filter: RequestFilter): number
  smsSent: string[]
  readonly pushSentCount: number
  issued: IssuedCredentials[]
  reset(): void
  /** Ends every Okta session (sid), as if they had timed out. */
  expireSessions(): void
  /** Moves every issued SAML assertion past its NotOnOrAfter. */
  expireAssertions(): void
  /** Shifts the servers' clock forward (token, session, SMS and credential expiry; TOTP checks too). */
  advanceTime(ms: number): void
  close(): Promise<void>
}
