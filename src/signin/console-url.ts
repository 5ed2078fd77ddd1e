import {regionInPartition, type Partition} from '../config/partition.js'
import {CloktaError} from '../errors.js'
import {assertSecureUrl} from '../io/url-policy.js'

/**
 * The AWS console sign-in through the federation endpoint, as an identity broker does it
 * (IAM User Guide, "Enable custom identity broker access to the AWS console"; aws-vault's
 * `login`, saml2aws's `console`): the credentials buy a sign-in token, and the token goes
 * into a login URL that sends the browser on to the console. The partition (its sign-in
 * and console hosts) is the role's: config/partition.ts.
 */
export {partitionOfArn as partitionOf, type Partition} from '../config/partition.js'

/**
 * The federation endpoint: the partition's sign-in host, or AWS_ENDPOINT_URL_SIGNIN (as
 * AWS_ENDPOINT_URL_STS moves STS; ignored, like it, when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
 * is true). The credentials travel in its query string: https only, http on loopback.
 */
export function federationUrl(partition: Partition, env: NodeJS.ProcessEnv): URL {
  const configured = env.AWS_ENDPOINT_URL_SIGNIN?.trim()
  const ignored = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true'
  if (!configured || ignored) return new URL(`https://${partition.signin}/federation`)
  let base: URL
  try {
    base = new URL(configured)
  } catch {
    throw new CloktaError(`AWS_ENDPOINT_URL_SIGNIN is "${configured}", which is not a URL.`, 'config', 'Example: https://signin.aws.amazon.com')
  }
  assertSecureUrl(base, 'the sign-in endpoint in AWS_ENDPOINT_URL_SIGNIN')
  return new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}/federation`)
}

/**
 * Where the browser lands: the region's console home when the region is known and of the
 * role's partition, else the partition's console. `--destination` is a console URL of the
 * same partition, or a path on the console (`s3/home`, `/ec2/home#Instances`), which gets
 * `?region=` when the region is known and the path does not name one.
 */
export function consoleDestination(partition: Partition, region: string | undefined, destination?: string): string {
  // a -global region has no console of its own
  const regional = region !== undefined && !region.endsWith('-global') && regionInPartition(region, partition)
  const host = regional ? `${region}.${partition.console}` : partition.console
  const given = destination?.trim()
  if (!given) return regional ? `https://${host}/console/home?region=${region}` : `https://${host}/`
  if (/^[a-z][a-z0-9+.-]*:/i.test(given)) {
    const url = parseDestination(given)
    const domain = partition.console.replace(/^console\./, '')
    if (url.protocol !== 'https:' || !(url.hostname === domain || url.hostname.endsWith(`.${domain}`))) {
      throw new CloktaError(
        `--destination ${given} is not a page of the AWS console (https://…${domain}).`,
        'usage',
        `Give a console URL of the role's partition, or a path such as s3/home.`,
      )
    }
    return url.href
  }
  const url = parseDestination(`https://${host}/${given.replace(/^\/+/, '')}`)
  if (regional && !url.searchParams.has('region')) url.searchParams.set('region', region)
  return url.href
}

function parseDestination(text: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new CloktaError(`--destination ${text} is not a URL or a console path.`, 'usage')
  }
}

/** The console session AWS allows to be asked for: 15 minutes to 12 hours. */
export const CONSOLE_SESSION_SECONDS = {min: 900, max: 43_200}

/** The getSigninToken request: the credentials as the Session JSON, and SessionDuration when asked for. */
export function signinTokenUrl(
  federation: URL,
  credentials: {accessKeyId: string; secretAccessKey: string; sessionToken: string},
  sessionSeconds?: number,
): string {
  const url = new URL(federation)
  url.searchParams.set('Action', 'getSigninToken')
  if (sessionSeconds !== undefined) url.searchParams.set('SessionDuration', String(sessionSeconds))
  url.searchParams.set(
    'Session',
    JSON.stringify({sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken}),
  )
  return url.href
}

/** The URL the browser opens: it signs in with the token (valid 15 minutes) and goes on to the destination. */
export function loginUrl(federation: URL, signinToken: string, destination: string, issuer = 'clokta'): string {
  const url = new URL(federation)
  url.searchParams.set('Action', 'login')
  url.searchParams.set('Issuer', issuer)
  url.searchParams.set('Destination', destination)
  url.searchParams.set('SigninToken', signinToken)
  return url.href
}
