import {CloktaError} from '../../errors.js'
import type {Logger} from '../../io/log.js'
import {loadProxies} from '../../io/proxy.js'
import {boundSdkBody, type RawSdkResponse} from '../../io/sdk-body-limit.js'
import {assertSecureRoute, assertSecureUrl} from '../../io/url-policy.js'
import type {Credentials} from '../../model/credentials.js'

// IAM Identity Center's two APIs in clokta's terms, so the policy is tested with small fakes.
// The SDK clients load on first use, in the stage that calls them: a run served from
// still-valid credentials never pays for them. Their errors keep the SDK's `name` (the
// service's error code); sso-errors.ts turns them into ours.

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete: string
  expiresIn: number
  interval?: number
}

export interface CreatedToken {
  accessToken: string
  expiresIn: number
  refreshToken?: string
}

/** SSO OIDC (oidc.<sso_region>.amazonaws.com): unsigned. */
export interface SsoOidcApi {
  readonly endpoint: string
  registerClient(input: {clientName: string; scopes: string[]}): Promise<{clientId: string; clientSecret: string; clientSecretExpiresAt: number}>
  startDeviceAuthorization(input: {clientId: string; clientSecret: string; startUrl: string}): Promise<DeviceAuthorization>
  createToken(
    input: {clientId: string; clientSecret: string} & (
      {grantType: typeof DEVICE_CODE_GRANT; deviceCode: string} | {grantType: 'refresh_token'; refreshToken: string}
    ),
  ): Promise<CreatedToken>
}

export interface SsoAccount {
  accountId: string
  accountName?: string
  emailAddress?: string
}

/** The access portal (portal.sso.<sso_region>.amazonaws.com): the bearer token in x-amz-sso_bearer_token. */
export interface SsoPortalApi {
  readonly endpoint: string
  getRoleCredentials(input: {accessToken: string; accountId: string; roleName: string}): Promise<Credentials>
  /** every page */
  listAccounts(accessToken: string): Promise<SsoAccount[]>
  listAccountRoles(accessToken: string, accountId: string): Promise<{accountId: string; roleName: string}[]>
  /** ends the sign-in the token belongs to, at the service: its refresh token no longer serves either */
  logout(accessToken: string): Promise<void>
}

/** The endpoint the environment sets, as the SDK reads it (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL), else the region's. */
export function ssoEndpointFor(service: 'SSO_OIDC' | 'SSO', region: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true' ? undefined : env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL
  if (configured) return configured
  return service === 'SSO' ? `https://portal.sso.${region}.amazonaws.com` : `https://oidc.${region}.amazonaws.com`
}

const TIMEOUT_MS = 30_000

/** The services answer with a few KB at most (a page of ListAccounts included): far more is a broken or hostile endpoint, not read to the end (see sts-transport.ts). */
export const SSO_LIMIT_BYTES = 256 * 1024

/** Bounds an answer before the SDK reads it (from a middleware inside the deserializer, as for STS). */
async function boundAnswer(response: unknown, endpoint: string): Promise<void> {
  await boundSdkBody(
    response as RawSdkResponse,
    SSO_LIMIT_BYTES,
    () =>
      new CloktaError(
        `IAM Identity Center at ${new URL(endpoint).host} answered with more than ${SSO_LIMIT_BYTES / 1024} KB; clokta stopped reading.`,
        'network',
        'Check AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO, and whether a proxy answers in its place.',
      ),
  )
}

const BOUNDED = {step: 'deserialize', priority: 'low', name: 'cloktaBoundedBody'} as const

/** Tokens and keys go only over TLS (or to loopback); the SDK gets every setting outright, so it never reads ~/.aws/config (see sts-client.ts). */
async function clientSettings(service: 'SSO_OIDC' | 'SSO', region: string, userAgent: string, log: Logger, env: NodeJS.ProcessEnv) {
  const endpoint = ssoEndpointFor(service, region, env)
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new CloktaError(`The IAM Identity Center endpoint "${endpoint}" (AWS_ENDPOINT_URL_${service}) is not a URL.`, 'config')
  }
  const what = 'to send IAM Identity Center tokens'
  assertSecureUrl(url, what)
  const route = (await loadProxies(log)).routeFor(url)
  assertSecureRoute(url, what, route)
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  return {
    region,
    endpoint,
    ignoreConfiguredEndpointUrls: true,
    maxAttempts: 3,
    retryMode: 'standard',
    defaultsMode: 'legacy' as const,
    useFipsEndpoint: env.AWS_USE_FIPS_ENDPOINT === 'true',
    useDualstackEndpoint: env.AWS_USE_DUALSTACK_ENDPOINT === 'true',
    customUserAgent: userAgent,
    userAgentAppId: async () => undefined,
    authSchemePreference: [],
    requestHandler: {
      requestTimeout: TIMEOUT_MS,
      connectionTimeout: TIMEOUT_MS,
      ...(route ? {httpAgent: route.agents.http, httpsAgent: route.agents.https} : {}),
    },
  }
}

type ClientSettings = Awaited<ReturnType<typeof clientSettings>>

/** What lazyClient needs of an SDK client: a middleware stack to add the bound on answers to. */
interface BoundableClient {
  middlewareStack: {
    add(
      middleware: (next: (args: never) => Promise<{response: unknown}>) => (args: never) => Promise<{response: unknown}>,
      options: typeof BOUNDED,
    ): void
  }
}

/**
 * The SDK module and a client of it, made once on the first call (the module loaded alongside
 * the settings) with every answer bounded; later calls share it.
 */
function lazyClient<Sdk, Client extends BoundableClient>(
  importSdk: () => Promise<Sdk>,
  create: (sdk: Sdk, settings: ClientSettings) => Client,
  settings: () => Promise<ClientSettings>,
  endpoint: string,
): () => Promise<{sdk: Sdk; client: Client}> {
  let loaded: Promise<{sdk: Sdk; client: Client}> | undefined
  return () =>
    (loaded ??= (async () => {
      const [sdk, resolved] = await Promise.all([importSdk(), settings()])
      const client = create(sdk, resolved)
      client.middlewareStack.add(
        (next) => async (args) => {
          const out = await next(args)
          await boundAnswer(out.response, endpoint)
          return out
        },
        BOUNDED,
      )
      return {sdk, client}
    })())
}

/** One --debug line per call, never a body. */
async function logged<T>(log: Logger, operation: string, endpoint: string, call: () => Promise<T>): Promise<T> {
  const started = Date.now()
  try {
    const out = await call()
    log.debug(`IAM Identity Center ${operation} ${endpoint} → 200 (${Date.now() - started} ms)`)
    return out
  } catch (error) {
    const e = error as {name?: string; $metadata?: {httpStatusCode?: number}}
    log.debug(
      `IAM Identity Center ${operation} ${endpoint} → ${e.$metadata?.httpStatusCode ?? 'failed'} ${e.name ?? ''} (${Date.now() - started} ms)`,
    )
    throw error
  }
}

const required = <T>(value: T | undefined, what: string, endpoint: string): T => {
  if (value === undefined || value === null)
    throw new CloktaError(`IAM Identity Center at ${new URL(endpoint).host} answered without ${what}.`, 'sso')
  return value
}

export function createSsoOidcApi(region: string, userAgent: string, log: Logger, env: NodeJS.ProcessEnv = process.env): SsoOidcApi {
  const endpoint = ssoEndpointFor('SSO_OIDC', region, env)
  const load = lazyClient(
    () => import('@aws-sdk/client-sso-oidc'),
    (sdk, settings) => new sdk.SSOOIDCClient(settings),
    () => clientSettings('SSO_OIDC', region, userAgent, log, env),
    endpoint,
  )
  return {
    endpoint,
    async registerClient(input) {
      const {sdk, client} = await load()
      const out = await logged(log, 'RegisterClient', endpoint, () =>
        client.send(
          new sdk.RegisterClientCommand({clientName: input.clientName, clientType: 'public', scopes: input.scopes.length ? input.scopes : undefined}),
        ),
      )
      return {
        clientId: required(out.clientId, 'clientId', endpoint),
        clientSecret: required(out.clientSecret, 'clientSecret', endpoint),
        clientSecretExpiresAt: required(out.clientSecretExpiresAt, 'clientSecretExpiresAt', endpoint),
      }
    },
    async startDeviceAuthorization(input) {
      const {sdk, client} = await load()
      const out = await logged(log, 'StartDeviceAuthorization', endpoint, () => client.send(new sdk.StartDeviceAuthorizationCommand(input)))
      return {
        deviceCode: required(out.deviceCode, 'deviceCode', endpoint),
        userCode: required(out.userCode, 'userCode', endpoint),
        verificationUri: required(out.verificationUri, 'verificationUri', endpoint),
        verificationUriComplete: out.verificationUriComplete ?? required(out.verificationUri, 'verificationUri', endpoint),
        expiresIn: required(out.expiresIn, 'expiresIn', endpoint),
        interval: out.interval,
      }
    },
    async createToken(input) {
      const {sdk, client} = await load()
      const out = await logged(log, 'CreateToken', endpoint, () => client.send(new sdk.CreateTokenCommand(input)))
      return {
        accessToken: required(out.accessToken, 'accessToken', endpoint),
        expiresIn: required(out.expiresIn, 'expiresIn', endpoint),
        refreshToken: out.refreshToken,
      }
    },
  }
}

export function createSsoPortalApi(region: string, userAgent: string, log: Logger, env: NodeJS.ProcessEnv = process.env): SsoPortalApi {
  const endpoint = ssoEndpointFor('SSO', region, env)
  const load = lazyClient(
    () => import('@aws-sdk/client-sso'),
    (sdk, settings) => new sdk.SSOClient(settings),
    () => clientSettings('SSO', region, userAgent, log, env),
    endpoint,
  )
  return {
    endpoint,
    async getRoleCredentials({accessToken, accountId, roleName}) {
      const {sdk, client} = await load()
      const out = await logged(log, 'GetRoleCredentials', endpoint, () =>
        client.send(new sdk.GetRoleCredentialsCommand({accessToken, accountId, roleName})),
      )
      const c = required(out.roleCredentials, 'roleCredentials', endpoint)
      return {
        accessKeyId: required(c.accessKeyId, 'accessKeyId', endpoint),
        secretAccessKey: required(c.secretAccessKey, 'secretAccessKey', endpoint),
        sessionToken: required(c.sessionToken, 'sessionToken', endpoint),
        // milliseconds since the epoch
        expiration: new Date(required(c.expiration, 'expiration', endpoint)),
      }
    },
    async listAccounts(accessToken) {
      const {sdk, client} = await load()
      const accounts: SsoAccount[] = []
      let nextToken: string | undefined
      do {
        const out = await logged(log, 'ListAccounts', endpoint, () => client.send(new sdk.ListAccountsCommand({accessToken, nextToken})))
        for (const a of out.accountList ?? [])
          if (a.accountId) accounts.push({accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress})
        nextToken = out.nextToken || undefined
      } while (nextToken)
      return accounts
    },
    async listAccountRoles(accessToken, accountId) {
      const {sdk, client} = await load()
      const roles: {accountId: string; roleName: string}[] = []
      let nextToken: string | undefined
      do {
        const out = await logged(log, 'ListAccountRoles', endpoint, () =>
          client.send(new sdk.ListAccountRolesCommand({accessToken, accountId, nextToken})),
        )
        for (const r of out.roleList ?? []) if (r.roleName) roles.push({accountId: r.accountId ?? accountId, roleName: r.roleName})
        nextToken = out.nextToken || undefined
      } while (nextToken)
      return roles
    },
    async logout(accessToken) {
      const {sdk, client} = await load()
      await logged(log, 'Logout', endpoint, () => client.send(new sdk.LogoutCommand({accessToken})))
    },
  }
}
