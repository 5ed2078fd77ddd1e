import {readFileSync} from 'node:fs'
import {get} from 'node:https'
import {createServer} from 'node:https'
import type {AddressInfo} from 'node:net'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {describeTlsError} from '../../../src/io/tls-errors.js'

// Moved from cli/network: what clokta says of an expired certificate and of one for another
// host, from the errors Node gives for test/fixtures/tls's certificates when their CA is
// trusted (as NODE_EXTRA_CA_CERTS makes it in the CLI run); cli/network keeps an unknown CA's
// `clokta: Cannot reach ...` line and hint.
const TLS_DIR = new URL('../../fixtures/tls/', import.meta.url).pathname
const CA = readFileSync(`${TLS_DIR}ca.pem`, 'utf8')

/** The error of an https GET, trusting CA, to a server with that certificate. */
async function refusal(cert: string): Promise<unknown> {
  const server = createServer({key: readFileSync(`${TLS_DIR}${cert}.key`, 'utf8'), cert: readFileSync(`${TLS_DIR}${cert}.pem`, 'utf8')}, (_, res) =>
    res.end('ok'),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const {port} = server.address() as AddressInfo
    return await new Promise((resolve, reject) => {
      get({host: '127.0.0.1', port, path: '/', ca: CA, agent: false}, (res) => reject(new Error(`answered ${res.statusCode}`))).on('error', resolve)
    })
  } finally {
    server.close()
  }
}

test('an expired certificate and one for another host, from a trusted CA: the reason and what to do (moved from cli/network)', async () => {
  const expired = describeTlsError(await refusal('expired'), '127.0.0.1')
  assert.match(expired?.reason ?? '', /^its TLS certificate has expired \(CERT_HAS_EXPIRED\)$/)
  assert.match(expired?.hint ?? '', /date and time/)
  const otherHost = describeTlsError(await refusal('other-host'), '127.0.0.1')
  assert.match(otherHost?.reason ?? '', /^its TLS certificate is for DNS:okta\.example\.com, not 127\.0\.0\.1 \(ERR_TLS_CERT_ALTNAME_INVALID\)$/)
  assert.match(otherHost?.hint ?? '', /Check the URL/)
  // the certificate the CLI run trusts through NODE_EXTRA_CA_CERTS passes: the two above fail for their own reasons
  assert.is(describeTlsError(await refusal('localhost').catch((e: unknown) => e), '127.0.0.1'), undefined)
})

test.run()
