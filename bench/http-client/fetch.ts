// The same client on Node's built-in fetch, only as far as these requests need: redirects
// followed by hand so that each hop sends and keeps cookies (tough-cookie's jar, as got's),
// a timeout and the size limit. No proxy support: Node 20's fetch has no proxy agent without
// the undici package, and hpagent's agents are for node:http.
import type {HttpClient, HttpRequest, HttpResponse} from '../../src/io/http.js'
import {drive} from './drive.js'

async function fetchClient(): Promise<HttpClient> {
  const {CookieJar} = await import('tough-cookie')
  const jar = new CookieJar()
  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    let url = new URL(request.url)
    const headers: Record<string, string> = {
      'user-agent': 'clokta-bench',
      accept: request.json === undefined ? 'text/html,application/json' : 'application/json',
    }
    let body: string | undefined
    if (request.json !== undefined) {
      body = JSON.stringify(request.json)
      headers['content-type'] = 'application/json'
    }
    const limit = request.maxBytes ?? 2 * 1024 * 1024
    for (let hop = 0; ; hop++) {
      const cookie = await jar.getCookieString(url.href)
      const response = await fetch(url, {
        method: request.method,
        headers: cookie ? {...headers, cookie} : headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      })
      for (const setCookie of response.headers.getSetCookie()) await jar.setCookie(setCookie, url.href)
      const location = response.headers.get('location')
      if (response.status >= 301 && response.status <= 308 && location && request.method === 'GET' && hop < 10) {
        await response.body?.cancel()
        url = new URL(location, url)
        continue
      }
      const text = await response.text()
      if (text.length > limit) throw new Error('too large')
      return {status: response.status, headers: Object.fromEntries(response.headers), body: text, url: url.href}
    }
  }
  return {send, cookies: () => Promise.resolve([]), setCookie: () => Promise.resolve()}
}

await drive(fetchClient)
