import {createServer, type IncomingMessage} from 'node:http'
import {connect, type AddressInfo, type Socket} from 'node:net'

/**
 * A small corporate proxy on loopback: it answers CONNECT host:port by opening a tunnel (as
 * squid does; it never sees inside TLS), refuses anything else with 405, and records each
 * tunnel asked for. `credentials` ("user:password"): without a matching Proxy-Authorization
 * it answers 407, as an authenticating proxy does.
 */
export interface TestProxy {
  url: string
  /** "host:port" of every CONNECT, in order, granted or not */
  tunnels: string[]
  close(): Promise<void>
}

export async function startProxy(options: {credentials?: string} = {}): Promise<TestProxy> {
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((_req, res) => {
    res.writeHead(405, {allow: 'CONNECT'})
    res.end()
  })
  const expected = options.credentials && `Basic ${Buffer.from(options.credentials).toString('base64')}`
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    tunnels.push(req.url ?? '')
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/)
    const upstream = connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'))
    client.on('close', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
