import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {systemClock} from '../../../src/io/clock.js'
import {createHttpClient, JSON_LIMIT_BYTES, PAGE_LIMIT_BYTES} from '../../../src/io/http.js'
import {createLogger} from '../../../src/io/log.js'
import {createStsApi} from '../../../src/sts/sts-client.js'
import {startFakeServices, type FakeServices} from '../../support/fake/index.js'

const log = createLogger({debug: false, write: () => {}})
const http = () => createHttpClient({log, userAgent: 'test', clock: systemClock})

async function withFake(body: (fake: FakeServices) => Promise<void>): Promise<void> {
  const fake = await startFakeServices()
  try {
    await body(fake)
  } finally {
    await fake.close()
  }
}

async function failure(promise: Promise<unknown>): Promise<CloktaError> {
  try {
    await promise
  } catch (error) {
    assert.instance(error, CloktaError)
    return error as CloktaError
  }
  throw new Error('expected a failure')
}

const MB = 1024 * 1024
const rss = () => process.memoryUsage().rss

test('an endless Okta JSON body: stopped past 1 MB with one line naming the host, memory flat', async () => {
  await withFake(async (fake) => {
    const client = await http()
    fake.scenario.inject.authn = [{status: 200, body: '{"status":"', stream: {chunk: 'x'.repeat(64 * 1024)}}]
    const before = rss()
    const started = Date.now()
    const error = await failure(client.send({method: 'POST', url: `${fake.oktaUrl}/api/v1/authn`, json: {username: 'u', password: 'p'}}))
    assert.ok(Date.now() - started < 10_000, 'stopped at once, not at the timeout')
    assert.is(error.message, `${new URL(fake.oktaUrl).host} answered POST /api/v1/authn with more than 1 MB; clokta stopped reading.`)
    assert.ok(rss() - before < 64 * MB, `RSS grew ${Math.round((rss() - before) / MB)} MB`)
  })
})

test('the app page may be up to 2 MB; more is refused, and a content-length above the limit is refused before the body', async () => {
  await withFake(async (fake) => {
    const client = await http()
    const page = (bytes: number) => ({status: 200, headers: {'content-type': 'text/html'}, body: '<html>', stream: {chunk: 'a'.repeat(4096), bytes}})
    fake.scenario.inject.app = [page(PAGE_LIMIT_BYTES)]
    const ok = await client.send({method: 'GET', url: fake.appUrl})
    assert.is(ok.body.length, PAGE_LIMIT_BYTES)
    fake.scenario.inject.app = [page(PAGE_LIMIT_BYTES + 1)]
    assert.match((await failure(client.send({method: 'GET', url: fake.appUrl}))).message, /with more than 2 MB; clokta stopped reading\.$/)
    fake.scenario.inject.app = [{status: 200, headers: {'content-length': String(PAGE_LIMIT_BYTES + 1)}, body: ''}]
    assert.match((await failure(client.send({method: 'GET', url: fake.appUrl}))).message, /with more than 2 MB/)
    // a JSON request's limit is 1 MB
    fake.scenario.inject.authn = [{status: 200, body: '{"a":"', stream: {chunk: 'b'.repeat(4096), bytes: JSON_LIMIT_BYTES + 1}}]
    assert.match((await failure(client.send({method: 'POST', url: `${fake.oktaUrl}/api/v1/authn`, json: {}}))).message, /more than 1 MB/)
  })
})

test('after a redirect, a body too large or a host unreachable: the host named is the one redirected to, not the one first asked', async () => {
  await withFake(async (fake) => {
    await withFake(async (other) => {
      const client = await http()
      fake.scenario.inject.app = [{status: 302, headers: {location: other.appUrl}, body: ''}]
      other.scenario.inject.app = [{status: 200, headers: {'content-type': 'text/html'}, body: '<html>', stream: {chunk: 'a'.repeat(64 * 1024)}}]
      const error = await failure(client.send({method: 'GET', url: fake.appUrl}))
      assert.is(
        error.message,
        `${new URL(other.appUrl).host} answered GET ${new URL(other.appUrl).pathname} with more than 2 MB; clokta stopped reading.`,
      )
      // and one that cannot be reached after a redirect is the one named
      const once = await createHttpClient({log, userAgent: 'test', clock: systemClock, retry: false})
      fake.scenario.inject.app = [{status: 302, headers: {location: 'http://127.0.0.1:1/app'}, body: ''}]
      assert.is(
        (await failure(once.send({method: 'GET', url: fake.appUrl}))).message,
        'Cannot reach 127.0.0.1:1: the connection was refused (ECONNREFUSED).',
      )
    })
  })
})

test('an endless STS body: stopped past 256 KB, naming the host; STS errors are still parsed by the SDK', async () => {
  await withFake(async (fake) => {
    const saved = process.env.AWS_ENDPOINT_URL_STS
    process.env.AWS_ENDPOINT_URL_STS = fake.stsUrl
    try {
      const sts = createStsApi('us-east-1', 'test', log)
      const input = {
        roleArn: 'arn:aws:iam::123456789012:role/R',
        principalArn: 'arn:aws:iam::123456789012:saml-provider/Okta',
        samlAssertion: 'PHNhbWw+',
        durationSeconds: 3600,
      }
      fake.scenario.inject.sts = [
        {status: 200, headers: {'content-type': 'text/xml'}, body: '<AssumeRoleWithSAMLResponse><Token>', stream: {chunk: 'A'.repeat(64 * 1024)}},
      ]
      const before = rss()
      const error = await failure(sts.assumeRoleWithSaml(input))
      assert.is(error.message, `AWS STS at ${new URL(fake.stsUrl).host} answered with more than 256 KB; clokta stopped reading.`)
      assert.ok(rss() - before < 64 * MB, `RSS grew ${Math.round((rss() - before) / MB)} MB`)
      assert.is(fake.count({service: 'sts'}), 1, 'not retried')
      fake.scenario.inject.sts = [
        {
          status: 403,
          headers: {'content-type': 'text/xml'},
          body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized</Message></Error><RequestId>1</RequestId></ErrorResponse>',
        },
      ]
      const denied = (await sts.assumeRoleWithSaml(input).then(
        () => ({}),
        (e: unknown) => e,
      )) as {name?: string; message?: string}
      assert.is(denied.name, 'AccessDenied')
      assert.is(denied.message, 'Not authorized')
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS
      else process.env.AWS_ENDPOINT_URL_STS = saved
    }
  })
})

test.run()
