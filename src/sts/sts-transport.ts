import type {STSClient, STSClientConfig} from '@aws-sdk/client-sts'

import {CloktaError} from '../errors.js'
import type {ProxyRoute} from '../io/proxy.js'
import {boundSdkBody, type RawSdkResponse} from '../io/sdk-body-limit.js'
import {describeTlsError} from '../io/tls-errors.js'

// How clokta's STS clients reach the endpoint: through the proxy in force, with answers bounded.

/**
 * STS answers AssumeRoleWithSAML with about 1.5 KB (AssumeRole alike; a session token is
 * 0.4-1 KB, larger with session tags), its errors with less. 256 KB is far beyond any real
 * answer and stops a hostile or broken endpoint before it fills memory (a 50 MB token took
 * 2.1 GB and 26 s).
 */
export const STS_LIMIT_BYTES = 256 * 1024

/** The one line for an STS answer past the limit. */
function tooLarge(endpoint: string): CloktaError {
  return new CloktaError(
    `AWS STS at ${new URL(endpoint).host} answered with more than ${STS_LIMIT_BYTES / 1024} KB; clokta stopped reading.`,
    'network',
    "STS's answers are a few KB: check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL, and whether a proxy answers in its place.",
  )
}

/** What cannot heal by retrying, in one line: a certificate refused, a proxy refusing the tunnel. */
function connectionError(error: unknown, endpoint: string, route: ProxyRoute | undefined): CloktaError | undefined {
  const host = new URL(endpoint).host
  const tls = describeTlsError(error, new URL(endpoint).hostname)
  if (tls) return new CloktaError(`Cannot reach AWS STS at ${host}: ${tls.reason}.`, 'network', tls.hint, {cause: error})
  const refused = route && /^Bad response: (\d+)/.exec((error as Error).message)
  if (!refused) return undefined
  return new CloktaError(
    `Cannot reach AWS STS at ${host} through the proxy ${route.shown}: it answered ${refused[1]} to CONNECT ${host}.`,
    'network',
    'Check HTTPS_PROXY / HTTP_PROXY (and the user:password in it), or list the host in NO_PROXY to connect directly.',
    {cause: error},
  )
}

export function newStsClient(
  sdk: typeof import('@aws-sdk/client-sts'),
  config: STSClientConfig,
  endpoint: string,
  route: ProxyRoute | undefined,
): STSClient {
  const client = new sdk.STSClient({...config, requestHandler: route && {httpAgent: route.agents.http, httpsAgent: route.agents.https}})
  // Inside the deserializer (priority low): the body is bounded before the SDK reads it.
  client.middlewareStack.add(
    (next) => async (args) => {
      let out
      try {
        out = await next(args)
      } catch (error) {
        throw connectionError(error, endpoint, route) ?? error
      }
      await boundSdkBody(out.response as RawSdkResponse, STS_LIMIT_BYTES, () => tooLarge(endpoint))
      return out
    },
    {step: 'deserialize', priority: 'low', name: 'cloktaBoundedBody'},
  )
  return client
}
