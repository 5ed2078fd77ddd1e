import type {AssumeRoleCommandOutput, AssumeRoleWithSAMLCommandOutput, STSClient} from '@aws-sdk/client-sts'

import {CloktaError} from '../errors.js'
import type {Logger} from '../io/log.js'
import type {Credentials} from '../model/credentials.js'
import {loadProxies, type ProxyRoute} from '../io/proxy.js'
import {assertSecureRoute, assertSecureUrl} from '../io/url-policy.js'
import {newStsClient} from './sts-transport.js'

/**
 * The STS calls clokta makes, so a unit test can pass a fake. The real one loads the AWS
 * SDK on first use (~110 ms): runs served from valid credentials never pay it.
 * The endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL).
 */
export interface StsApi {
  assumeRoleWithSaml(input: {
    roleArn: string
    principalArn: string
    samlAssertion: string
    durationSeconds: number
  }): Promise<AssumeRoleWithSAMLCommandOutput>
  /** signed (SigV4) with `as` */
  assumeRole(
    input: {roleArn: string; roleSessionName: string; durationSeconds: number; externalId?: string},
    as: Credentials,
  ): Promise<AssumeRoleCommandOutput>
  /** where requests go, for error messages */
  readonly endpoint: string
}

export function stsEndpointFor(region: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || `https://sts.${region}.amazonaws.com`
}

/** The assertion is a bearer credential: an endpoint override gets it only over TLS (or on loopback). */
function checkEndpoint(endpoint: string): void {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new CloktaError(`The STS endpoint "${endpoint}" (AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL) is not a URL.`, 'config')
  }
  assertSecureUrl(url, 'to send the SAML assertion to the STS endpoint')
}

export function createStsApi(region: string, userAgent: string, log: Logger): StsApi {
  let client: Promise<{sdk: typeof import('@aws-sdk/client-sts'); client: STSClient; route: ProxyRoute | undefined}> | undefined
  const endpoint = stsEndpointFor(region)
  checkEndpoint(endpoint)
  const load = () =>
    (client ??= (async () => {
      // The SDK warns on every client about Node 20's end of life; the user can do nothing about it here.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
      const [sdk, proxies] = await Promise.all([import('@aws-sdk/client-sts'), loadProxies(log)])
      const route = proxies.routeFor(new URL(endpoint))
      assertSecureRoute(new URL(endpoint), 'to send the SAML assertion to the STS endpoint', route)
      if (route) log.debug(`STS ${endpoint} via ${route.shown}`)
      return {sdk, route, client: newStsClient(sdk, {region, maxAttempts: 3, customUserAgent: userAgent}, endpoint, route)}
    })())
  /** One --debug line per call, like the Okta requests: operation, endpoint, status, time; never the body. */
  async function timed<T extends {$metadata?: {httpStatusCode?: number}}>(operation: string, call: () => Promise<T>): Promise<T> {
    const started = Date.now()
    try {
      const out = await call()
      log.debug(`STS ${operation} ${endpoint} → ${out.$metadata?.httpStatusCode ?? '?'} (${Date.now() - started} ms)`)
      return out
    } catch (error) {
      const e = error as {name?: string; $metadata?: {httpStatusCode?: number}}
      log.debug(`STS ${operation} ${endpoint} → ${e.$metadata?.httpStatusCode ?? 'failed'} ${e.name ?? ''} (${Date.now() - started} ms)`)
      throw error
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
          region,
          maxAttempts: 3,
          customUserAgent: userAgent,
          credentials: {accessKeyId: as.accessKeyId, secretAccessKey: as.secretAccessKey, sessionToken: as.sessionToken || undefined},
        },
        endpoint,
        route,
      )
      try {
        return await timed('AssumeRole', () =>
          signed.send(
            new sdk.AssumeRoleCommand({
              RoleArn: input.roleArn,
              RoleSessionName: input.roleSessionName,
              DurationSeconds: input.durationSeconds,
              ExternalId: input.externalId,
            }),
          ),
        )
      } finally {
        signed.destroy()
      }
    },
    async assumeRoleWithSaml(input) {
      const {sdk, client: sts} = await load()
      return timed('AssumeRoleWithSAML', () =>
        sts.send(
          new sdk.AssumeRoleWithSAMLCommand({
            RoleArn: input.roleArn,
            PrincipalArn: input.principalArn,
            SAMLAssertion: input.samlAssertion,
            DurationSeconds: input.durationSeconds,
          }),
        ),
      )
    },
  }
}
