import type {Agent} from 'node:http'
import type {Agent as HttpsAgent} from 'node:https'

import type {Logger} from './log.js'

/**
 * Corporate networks: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY, lower or upper
 * case, matched as curl does (proxy-from-env): loopback too is proxied unless NO_PROXY
 * lists it. Every request is tunnelled with CONNECT (hpagent), so TLS still runs end to
 * end and NODE_EXTRA_CA_CERTS, read by Node at start, applies as without a proxy.
 */
export interface ProxyRoute {
  /** the proxy as shown to the user: no credentials */
  shown: string
  hostname: string
  agents: {http: Agent; https: HttpsAgent}
}

export interface Proxies {
  /** the route for a URL, or undefined to connect directly */
  routeFor(url: URL): ProxyRoute | undefined
}

export function showProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}

/**
 * Whether the environment names a proxy at all: proxy-from-env reads only variables whose
 * names end in `_proxy` (https_proxy, ALL_PROXY, npm_config_https_proxy, ...), in any case;
 * NO_PROXY alone names none.
 */
export const namesAProxy = (env: NodeJS.ProcessEnv): boolean => Object.keys(env).some((name) => /(?<!no)_proxy$/i.test(name) && env[name])

const DIRECT: Proxies = {routeFor: () => undefined}

/**
 * Builds the agents once per proxy URL; the proxy's password is a secret like the others.
 * Without a proxy variable every connection goes direct, and neither library is loaded.
 */
export async function loadProxies(log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<Proxies> {
  if (!namesAProxy(env)) return DIRECT
  const [{getProxyForUrl}, hpagent] = await Promise.all([import('proxy-from-env'), import('hpagent')])
  const routes = new Map<string, ProxyRoute>()
  return {
    routeFor(url) {
      const proxy = getProxyForUrl(url.href)
      if (!proxy) return undefined
      let route = routes.get(proxy)
      if (!route) {
        const parsed = new URL(proxy)
        log.secret(decodeURIComponent(parsed.password))
        const options = {proxy: parsed, keepAlive: true}
        route = {
          shown: showProxy(parsed),
          hostname: parsed.hostname,
          agents: {http: new hpagent.HttpProxyAgent(options), https: new hpagent.HttpsProxyAgent(options)},
        }
        routes.set(proxy, route)
      }
      return route
    },
  }
}
