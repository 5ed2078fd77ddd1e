import type {AssumeRoleCommandOutput, AssumeRoleWithSAMLCommandOutput, AssumeRoleWithWebIdentityCommandOutput, STSClient} from '@aws-sdk/client-sts'

import {stsHostFor} from '../config/partition.js'
import {CloktaError} from '../errors.js'
import type {Logger} from '../io/log.js'
import type {Credentials} from '../model/credentials.js'
import {loadProxies, type ProxyRoute} from '../io/proxy.js'
import {assertSecureRoute, assertSecureUrl} from '../io/url-policy.js'
import {newStsClient} from './sts-transport.js'

/**
 * The STS calls clokta makes, so a unit test can pass a fake. The real one loads the AWS
 * SDK on first use (~110 ms): runs served from valid credentials never pay it.
 * The endpoint comes from AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL, else the SDK's rules for the region.
 */
export interface StsApi {
  assumeRoleWithSaml(input: {
    roleArn: string
    principalArn: string
    samlAssertion: string
    durationSeconds: number
  }): Promise<AssumeRoleWithSAMLCommandOutput>
  /** unsigned, like AssumeRoleWithSAML: the token is the caller's proof */
  assumeRoleWithWebIdentity(input: {
    roleArn: string
    roleSessionName: string
    webIdentityToken: string
    durationSeconds?: number
  }): Promise<AssumeRoleWithWebIdentityCommandOutput>
  /** signed (SigV4) with `as` */
  assumeRole(
    input: {roleArn: string; roleSessionName: string; durationSeconds: number; externalId?: string},
    as: Credentials,
  ): Promise<AssumeRoleCommandOutput>
  /** where requests go, for error messages */
  readonly endpoint: string
}

/** The endpoint the environment sets, as the SDK read it: none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. */
function configuredEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined
}

/** The endpoint set in the environment, else the region's partition's STS host (the SDK resolves the same one). */
export function stsEndpointFor(region: string, env: NodeJS.ProcessEnv = process.env): string {
  return configuredEndpoint(env) ?? `https://${stsHostFor(region)}`
}

/** The assertion is a bearer credential: an endpoint override gets it only over TLS (or on loopback). */
function checkEndpoint(endpoint: string): void {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new CloktaError(`The STS endpoint "${endpoint}" (AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL) is not a URL.`, 'config')
  }
  assertSecureUrl(url, 'to send an assertion, token or signed request to the STS endpoint')
}

/**
 * Every setting the SDK would otherwise look up in ~/.aws/config and ~/.aws/credentials, given
 * outright, so that it never opens them: it parses both files whole for each setting it looks
 * up (a 10 MB ~/.aws/config made a login take 17 s and 450 MB), and what the [default] profile
 * says about endpoints, FIPS or retries is no business of the STS call clokta makes (it
 * resolves the region itself). The values are the SDK's own defaults; of the environment
 * variables the SDK reads, the endpoint and FIPS/dual-stack ones still count.
 */
function stsClientSettings(region: string, endpoint: string | undefined, env: NodeJS.ProcessEnv) {
  return {
    region,
    ...(endpoint === undefined ? {} : {endpoint}),
    ignoreConfiguredEndpointUrls: true,
    maxAttempts: 3,
    retryMode: 'standard',
    defaultsMode: 'legacy' as const,
    useFipsEndpoint: env.AWS_USE_FIPS_ENDPOINT === 'true',
    useDualstackEndpoint: env.AWS_USE_DUALSTACK_ENDPOINT === 'true',
    authSchemePreference: [],
    sigv4aSigningRegionSet: async () => undefined,
    userAgentAppId: async () => undefined,
  }
}

/**
 * The most one STS call may take, its retries included, as for an Okta request: the SDK's
 * own limit is a socket idle for 5 minutes, so an endpoint that accepts the connection and
 * never answers (or answers a byte a minute) would hang the run.
 */
export const STS_TIMEOUT_MS = 30_000

export function createStsApi(
  region: string,
  userAgent: string,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = STS_TIMEOUT_MS,
): StsApi {
  let client: Promise<{sdk: typeof import('@aws-sdk/client-sts'); client: STSClient; route: ProxyRoute | undefined}> | undefined
  const endpoint = stsEndpointFor(region, env)
  checkEndpoint(endpoint)
  const settings = {...stsClientSettings(region, configuredEndpoint(env), env), customUserAgent: userAgent}
  const load = () =>
    (client ??= (async () => {
      // The SDK warns on every client about Node 20's end of life; the user can do nothing about it here.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
      const [sdk, proxies] = await Promise.all([import('@aws-sdk/client-sts'), loadProxies(log)])
      const route = proxies.routeFor(new URL(endpoint))
      assertSecureRoute(new URL(endpoint), 'to send an assertion, token or signed request to the STS endpoint', route)
      if (route) log.debug(`STS ${endpoint} via ${route.shown}`)
      return {sdk, route, client: newStsClient(sdk, settings, endpoint, route)}
    })())
  /**
   * One --debug line per call, like the Okta requests: operation, endpoint, status, time;
   * never the body. A call past the time limit is abandoned (its request aborted) with one line.
   */
  async function timed<T extends {$metadata?: {httpStatusCode?: number}}>(
    operation: string,
    call: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const started = Date.now()
    const abort = new AbortController()
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new CloktaError(
            `AWS STS at ${new URL(endpoint).host} did not answer ${operation} within ${timeoutMs / 1000} s.`,
            'network',
            'Try again; if it keeps happening, check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and the proxy in force.',
          ),
        )
        abort.abort()
      }, timeoutMs)
    })
    try {
      const running = call(abort.signal)
      running.catch(() => {}) // once timed out, how the call ends is of no interest
      const out = await Promise.race([running, timedOut])
      log.debug(`STS ${operation} ${endpoint} → ${out.$metadata?.httpStatusCode ?? '?'} (${Date.now() - started} ms)`)
      return out
    } catch (error) {
      const e = error as {name?: string; $metadata?: {httpStatusCode?: number}}
      log.debug(`STS ${operation} ${endpoint} → ${e.$metadata?.httpStatusCode ?? 'failed'} ${e.name ?? ''} (${Date.now() - started} ms)`)
      throw error
    } finally {
      clearTimeout(timer)
    }
  }
  return {
    endpoint,
    async assumeRole(input, as) {
      const {sdk, route} = await load()
      // a client per caller: the SDK signs with the client's credentials
      const signed = newStsClient(
        sdk,
        {
          ...settings,
          credentials: {accessKeyId: as.accessKeyId, secretAccessKey: as.secretAccessKey, sessionToken: as.sessionToken || undefined},
        },
        endpoint,
        route,
      )
      try {
        return await timed('AssumeRole', (abortSignal) =>
          signed.send(
            new sdk.AssumeRoleCommand({
              RoleArn: input.roleArn,
              RoleSessionName: input.roleSessionName,
              DurationSeconds: input.durationSeconds,
              ExternalId: input.externalId,
            }),
            {abortSignal},
          ),
        )
      } finally {
        signed.destroy()
      }
    },
    async assumeRoleWithSaml(input) {
      const {sdk, client: sts} = await load()
      return timed('AssumeRoleWithSAML', (abortSignal) =>
        sts.send(
          new sdk.AssumeRoleWithSAMLCommand({
            RoleArn: input.roleArn,
            PrincipalArn: input.principalArn,
            SAMLAssertion: input.samlAssertion,
            DurationSeconds: input.durationSeconds,
          }),
          {abortSignal},
        ),
      )
    },
    async assumeRoleWithWebIdentity(input) {
      const {sdk, client: sts} = await load()
      return timed('AssumeRoleWithWebIdentity', (abortSignal) =>
        sts.send(
          new sdk.AssumeRoleWithWebIdentityCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.roleSessionName,
            WebIdentityToken: input.webIdentityToken,
            DurationSeconds: input.durationSeconds,
          }),
          {abortSignal},
        ),
      )
    },
  }
}
