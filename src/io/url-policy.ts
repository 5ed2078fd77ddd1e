import {CloktaError} from '../errors.js'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * Passwords and session tokens travel over TLS only. Plain http is allowed for loopback
 * hosts, where a local proxy or test server cannot be sniffed off the network.
 */
export function assertSecureUrl(url: URL, what: string): void {
  if (url.protocol === 'https:') return
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return
  throw new CloktaError(`Refusing ${what} ${url.origin}: only https:// is allowed (plain http only for localhost).`, 'config')
}

/**
 * Plain http to loopback is safe only while it stays on this computer: through a proxy
 * elsewhere (HTTP_PROXY without NO_PROXY for localhost) it would cross the network.
 */
export function assertSecureRoute(url: URL, what: string, proxy: {hostname: string; shown: string} | undefined): void {
  assertSecureUrl(url, what)
  if (url.protocol !== 'http:' || !proxy || isLoopbackHost(proxy.hostname)) return
  throw new CloktaError(
    `Refusing ${what} ${url.origin} through the proxy ${proxy.shown}: plain http would cross the network to it.`,
    'config',
    `Add ${url.hostname} to NO_PROXY to connect directly, or use https://.`,
  )
}
