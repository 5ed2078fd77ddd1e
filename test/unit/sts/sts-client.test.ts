import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {createLogger} from '../../../src/io/log.js'
import {createStsApi, STS_TIMEOUT_MS, stsEndpointFor} from '../../../src/sts/sts-client.js'

test('the STS endpoint: AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else the region’s; none of them when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, as the SDK reads them', () => {
  const sts = 'http://127.0.0.1:9/'
  assert.is(stsEndpointFor('eu-west-1', {AWS_ENDPOINT_URL_STS: sts, AWS_ENDPOINT_URL: 'https://all.example/'}), sts)
  assert.is(stsEndpointFor('eu-west-1', {AWS_ENDPOINT_URL: 'https://all.example/'}), 'https://all.example/')
  assert.is(stsEndpointFor('eu-west-1', {}), 'https://sts.eu-west-1.amazonaws.com')
  assert.is(stsEndpointFor('us-gov-west-1', {}), 'https://sts.us-gov-west-1.amazonaws.com')
  assert.is(stsEndpointFor('cn-north-1', {}), 'https://sts.cn-north-1.amazonaws.com.cn')
  assert.is(stsEndpointFor('cn-north-1', {AWS_ENDPOINT_URL_STS: sts}), sts)
  assert.is(
    stsEndpointFor('eu-west-1', {AWS_ENDPOINT_URL_STS: sts, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'}),
    'https://sts.eu-west-1.amazonaws.com',
  )
})

/** An STS endpoint that takes requests and answers as `answer` says (or never); `closed` counts the connections clokta gave up. */
async function withSilentSts(answer: (res: ServerResponse) => void, body: (url: string, closed: () => number) => Promise<void>) {
  let closed = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    req.socket.on('close', () => closed++)
    answer(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, () => closed)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

const saml = {
  roleArn: 'arn:aws:iam::123456789012:role/R',
  principalArn: 'arn:aws:iam::123456789012:saml-provider/Okta',
  samlAssertion: 'PHNhbWw+',
  durationSeconds: 3600,
}
const quiet = createLogger({debug: false, write: () => {}})

/** The call's outcome, or a failure of the test when it has not ended within `ms` (the SDK alone would wait 5 minutes). */
async function settledWithin<T>(ms: number, call: Promise<T>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)))
  try {
    return await Promise.race([
      call.then(
        () => 'answered',
        (error: unknown) => error,
      ),
      hung,
    ])
  } finally {
    clearTimeout(timer)
  }
}

test('an STS endpoint that never answers, or stops halfway through its answer: one line naming the host after the time limit (30 s by default), the connection closed', async () => {
  assert.is(STS_TIMEOUT_MS, 30_000)
  const silent = () => {}
  const halfway = (res: ServerResponse) => {
    res.writeHead(200, {'content-type': 'text/xml'})
    res.write('<AssumeRoleWithSAMLResponse>')
  }
  for (const answer of [silent, halfway]) {
    await withSilentSts(answer, async (url, closed) => {
      const sts = createStsApi('us-east-1', 'test', quiet, {AWS_ENDPOINT_URL_STS: url}, 300)
      const started = Date.now()
      const error = await settledWithin(5_000, sts.assumeRoleWithSaml(saml))
      assert.instance(error, CloktaError, String(error))
      assert.is((error as CloktaError).message, `AWS STS at ${new URL(url).host} did not answer AssumeRoleWithSAML within 0.3 s.`)
      assert.ok(Date.now() - started < 2_000, `${Date.now() - started} ms`)
      const deadline = Date.now() + 2_000
      while (closed() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
      assert.is(closed(), 1, 'the request was aborted, not left open')
    })
  }
})

test.run()
