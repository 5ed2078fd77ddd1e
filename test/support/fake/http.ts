import {createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import {createServer as createHttpsServer} from 'node:https'
import type {State} from './state.js'
import type {InjectedResponse, RecordedRequest} from './types.js'

export interface Incoming {
  method: string
  path: string
  /** The raw query string after '?', kept for SigV4's canonical query. */
  rawQuery: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  cookies: Record<string, string>
}

export interface Reply {
  status: number
  headers?: Record<string, string | string[]>
  body?: string
  stream?: {chunk: string; bytes?: number}
}

export interface Routed {
  /** Key into scenario.inject; canned answers under it are served first. */
  inject?: string
  action?: string
  handle(): Reply | Promise<Reply>
}

export interface Service {
  name: 'okta' | 'sts' | 'sso'
  defaultContentType: string
  route(req: Incoming): Routed
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return cookies
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * An answer held back (scenario.inject's delayMs). The timer does not keep the test process
 * alive: a test that ends while an answer is held back (Ctrl-C before it came, a run killed)
 * would otherwise leave its file's process waiting out the delay after the last test.
 */
function heldBack(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

async function injectedReply(injected: InjectedResponse, defaultContentType: string, request: Incoming): Promise<Reply> {
  if (injected.delayMs) await heldBack(injected.delayMs)
  const isObject = typeof injected.body !== 'string'
  const headers: Record<string, string> = {'content-type': isObject ? 'application/json' : defaultContentType}
  for (const [name, value] of Object.entries(injected.headers ?? {})) headers[name.toLowerCase()] = value
  let body = isObject ? JSON.stringify(injected.body) : (injected.body as string)
  if (injected.echo) {
    const params = new URLSearchParams(request.body)
    body = body.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params.get(name) ?? '')
  }
  return {status: injected.status, headers, body, stream: injected.stream}
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/** Writes the body, then the stream's chunk until its bytes are sent or the client hangs up, waiting whenever the socket is full. */
async function sendBody(res: ServerResponse, reply: Reply): Promise<void> {
  if (!reply.stream) {
    res.end(reply.body)
    return
  }
  const chunk = Buffer.from(reply.stream.chunk)
  let left = (reply.stream.bytes ?? Infinity) - Buffer.byteLength(reply.body ?? '')
  if (reply.body) res.write(reply.body)
  while (left > 0 && !res.destroyed) {
    const piece = left < chunk.length ? chunk.subarray(0, left) : chunk
    left -= piece.length
    if (!res.write(piece)) await drainedOrClosed(res)
  }
  res.end()
}

async function handle(state: State, service: Service, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAt = Date.now()
  const url = new URL(req.url ?? '/', 'http://fake.invalid')
  const body = await readBody(req)
  const incoming: Incoming = {
    method: req.method ?? 'GET',
    path: url.pathname,
    rawQuery: url.search.replace(/^\?/, ''),
    query: url.searchParams,
    headers: req.headers,
    body,
    cookies: parseCookies(req.headers.cookie),
  }
  const routed = service.route(incoming)
  const record: RecordedRequest = {
    service: service.name,
    method: incoming.method,
    path: incoming.path,
    query: Object.fromEntries(url.searchParams),
    action: routed.action,
    startedAt,
    endedAt: 0,
    status: 0,
    headers: {...req.headers},
    body,
  }
  state.requests.push(record)
  let reply: Reply
  try {
    const injected = routed.inject ? state.scenario.inject[routed.inject]?.shift() : undefined
    if (injected?.passThrough && injected.delayMs) await heldBack(injected.delayMs)
    reply = injected && !injected.passThrough ? await injectedReply(injected, service.defaultContentType, incoming) : await routed.handle()
  } catch (error) {
    console.error(`fake ${service.name}: handler failed for ${incoming.method} ${incoming.path}`, error)
    reply = {status: 500, headers: {'content-type': 'text/plain'}, body: String(error)}
  }
  record.status = reply.status
  record.endedAt = Date.now()
  res.writeHead(reply.status, reply.headers)
  await sendBody(res, reply)
}

/** A server key and certificate (PEM): the service then speaks https. */
export interface TlsIdentity {
  key: string
  cert: string
}

/** One node:http (or https) server per fake service; every request is recorded, canned answers win over handlers. */
export function startService(state: State, service: Service, tls?: TlsIdentity): Server {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // A client that hangs up mid-request must not take the test process down with it.
    handle(state, service, req, res).catch((error: unknown) => {
      console.error(`fake ${service.name}: request failed`, error)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  }
  return tls ? createHttpsServer(tls, listener) : createServer(listener)
}
