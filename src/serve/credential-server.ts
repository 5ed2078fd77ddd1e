import {randomBytes} from 'node:crypto'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import {CloktaError, messageOf} from '../errors.js'
import type {Clock} from '../io/clock.js'
import type {Credentials} from '../model/credentials.js'
import {containerAnswer, CREDENTIALS_PATH} from './container-answer.js'
import {refreshingCredentials, type RefreshSource} from './refreshing-credentials.js'

export interface CredentialServer {
  /** AWS_CONTAINER_CREDENTIALS_FULL_URI */
  url: string
  /** AWS_CONTAINER_AUTHORIZATION_TOKEN */
  token: string
  /** stops listening, ends open connections and the background refresh */
  close(): Promise<void>
}

/**
 * Serves one profile's credentials on 127.0.0.1 at a port the system picks, behind a
 * random token, renewing them in the background (refreshing-credentials.ts). Another
 * process on this machine that has the token can read them, exactly as it could read
 * ~/.aws/credentials; nothing off the machine can reach the port.
 */
export async function startCredentialServer(options: {
  profile: string
  initial: Credentials
  source: RefreshSource
  clock: Clock
  say: (line: string) => void
}): Promise<CredentialServer> {
  const token = randomBytes(32).toString('base64url')
  const held = refreshingCredentials(options)
  const server = createServer((req, res) => {
    const reply = containerAnswer(
      {method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress},
      token,
      () => held.current(),
    )
    res.writeHead(reply.status, reply.headers).end(reply.body)
  })
  // a client that opens a connection and sends nothing must not hold a socket for long
  server.requestTimeout = 5000
  server.headersTimeout = 5000
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    held.close()
    throw new CloktaError(`Could not listen on 127.0.0.1: ${messageOf(error)}`, 'network')
  }
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${CREDENTIALS_PATH}`,
    token,
    async close() {
      held.close()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // SDK clients keep connections alive; close() alone would wait for them
      server.closeAllConnections()
      await closed
    },
  }
}
