import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (retries, okta-states): the retry and rate-limit waits, on the fake
// clock; cli/retries keeps one retry for the wiring (its message on stderr).
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const unavailable = {status: 503, body: '<html>Service Unavailable</html>', headers: {'content-type': 'text/html'}}
const oktaError = (code: string, summary: string) => ({errorCode: code, errorSummary: summary, errorLink: code, errorId: 'oaeTEST', errorCauses: []})
const statuses = (f: FlowHarness, match: (path: string) => boolean) => f.fake.requests.filter((q) => match(q.path)).map((q) => q.status)
const retried = (f: FlowHarness, seconds: number) =>
  f.info.filter((l) => new RegExp(`^127\\.0\\.0\\.1:\\d+ answered 503; trying again in ${seconds} s\\.\\.\\.$`).test(l)).length

test('a 503 to the password (Okta did not handle it) is retried after 1 s; the login goes on', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.authn = [unavailable]
    const started = f.clock.now()
    const r = await f.login(['website'], {}, PASSWORD)
    assert.equal(r.failures, [])
    assert.is(retried(f, 1), 1, f.info.join('\n'))
    assert.ok(f.clock.now() - started >= 1000, 'did not wait')
    assert.equal(
      statuses(f, (p) => p === '/api/v1/authn'),
      [503, 200],
    )
  })
})

test('a 503 to the request that sends the push is retried: one push reaches the phone', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.verify = [unavailable]
    const r = await f.login(['website'], {}, PASSWORD)
    assert.equal(r.failures, [])
    assert.is(f.fake.pushSentCount, 1)
    assert.is(statuses(f, (p) => p.endsWith('/verify'))[0], 503)
  })
})

test('three 503s in a row end the login naming the host, after two retries of 1 s and 2 s', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.authn = [unavailable, unavailable, unavailable]
    const started = f.clock.now()
    const error = await f.login(['website'], {}, PASSWORD).then(
      () => undefined,
      (e: Error) => e,
    )
    assert.match(error?.message ?? '', /^Okta \(127\.0\.0\.1:\d+\) answered 503/)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 3)
    assert.equal([retried(f, 1), retried(f, 2)], [1, 1], f.info.join('\n'))
    assert.ok(f.clock.now() - started >= 3000, 'did not back off')
    assert.is(f.sts.length, 0)
  })
})

test('5xx answers to a repeatable request (a push poll) are retried with backoff', async () => {
  await withFlow({...pushOnly, push: {waits: 2, result: 'SUCCESS'}}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.verify = [{status: 0, body: '', passThrough: true}, unavailable]
    const r = await f.login(['website'], {}, PASSWORD)
    assert.equal(r.failures, [])
    assert.is(retried(f, 1), 1, f.info.join('\n'))
    assert.equal(
      statuses(f, (p) => p.endsWith('/verify')),
      [200, 503, 200, 200],
    )
  })
})

test('429 E0000047: waits until X-Rate-Limit-Reset with a message, then succeeds; the exact requests', async () => {
  await withFlow({...pushOnly, push: {waits: 1, result: 'SUCCESS'}}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const reset = Math.ceil(f.clock.now() / 1000) + 1
    f.fake.scenario.inject.authn = [
      {
        status: 429,
        headers: {'x-rate-limit-limit': '10', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset)},
        body: oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'),
      },
    ]
    const started = f.clock.now()
    const r = await f.login(['website'], {}, PASSWORD)
    assert.equal(r.failures, [])
    assert.ok(
      f.info.some((l) => /^Okta's rate limit was reached; waiting \d s before trying again\.\.\.$/.test(l)),
      f.info.join('\n'),
    )
    assert.ok(f.clock.now() - started >= 1000, 'did not wait')
    assert.is(f.fake.count({path: '/api/v1/authn'}), 2)
    assert.is(f.fake.count({path: /verify$/}), 2)
  })
})

test('a rate limit that lasts longer than a minute is reported, not waited out (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.authn = [
      {
        status: 429,
        headers: {'x-rate-limit-reset': String(Math.ceil(f.clock.now() / 1000) + 600)},
        body: oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'),
      },
    ]
    const started = f.clock.now()
    const error = await f.login(['website'], {}, PASSWORD).then(
      () => undefined,
      (e: Error) => e,
    )
    assert.match(error?.message ?? '', /^Okta \(127\.0\.0\.1:\d+\) is rate-limiting these requests until \d\d:\d\d:\d\d \(E0000047\)\.$/)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1)
    assert.is(f.clock.now(), started, 'waited')
    assert.is(f.sts.length, 0)
  })
})

test('a 5xx to the password is not retried (it could count as a failed attempt), and names the host (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.authn = [{status: 502, body: '<html>Bad Gateway</html>', headers: {'content-type': 'text/html'}}]
    const error = await f.login(['website'], {}, PASSWORD).then(
      () => undefined,
      (e: Error) => e,
    )
    assert.match(error?.message ?? '', /^Okta \(127\.0\.0\.1:\d+\) answered 502: a server error; try again later\.$/)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1)
    assert.is(f.sts.length, 0)
  })
})

test.run()
