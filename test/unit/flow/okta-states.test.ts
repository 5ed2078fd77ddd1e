import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (okta-states): what clokta does with each state and error Okta
// answers the login with. cli/okta-states keeps the prompts on the terminal with stdout piped.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
// With active factors Okta challenges MFA first and tells of the password only then (PROTOCOL §1.2).
const pushAtOnce = {factors: [{type: 'push' as const, provider: 'OKTA', id: 'opf3hkfocI4JTLAju0g4'}], push: {waits: 0, result: 'SUCCESS' as const}}
const oktaError = (code: string, summary: string) => ({errorCode: code, errorSummary: summary, errorLink: code, errorId: 'oaeTEST', errorCauses: []})
const expiredToken = () => ({status: 401, body: oktaError('E0000011', 'Invalid token provided')})
const requestLine = (f: FlowHarness) => f.fake.requests.map((q) => `${q.method} ${q.service === 'sts' ? q.action : q.path}`)

async function failure(run: Promise<unknown>): Promise<Error> {
  return run.then(
    () => {
      throw new Error('the login did not fail')
    },
    (e: Error) => e,
  )
}

function assertNothingWritten(f: FlowHarness) {
  assert.not.ok(existsSync(f.home.path('.aws/credentials')), '~/.aws/credentials was written')
  assert.not.ok(existsSync(f.home.path('.clokta/website.env')), '~/.clokta/website.env was written')
  assert.not.ok(existsSync(f.home.path('.clokta/website.sh')), '~/.clokta/website.sh was written')
}

test('PASSWORD_WARN after MFA: warned, skipped, then the login goes on; the exact requests (moved from the CLI tests)', async () => {
  await withFlow(
    {...pushAtOnce, authnOutcome: 'PASSWORD_WARN'},
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const r = await f.login(['website'], {}, PASSWORD)
      assert.equal(r.failures, [])
      assert.ok(
        f.info.some((l) => /^Your Okta password expires in 5 days; change it at http:\/\/127\.0\.0\.1:\d+\.$/.test(l)),
        f.info.join('\n'),
      )
      assert.equal(requestLine(f), [
        'POST /api/v1/authn',
        'POST /api/v1/authn/factors/opf3hkfocI4JTLAju0g4/verify',
        'POST /api/v1/authn/skip',
        'GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272',
        'POST AssumeRoleWithSAML',
      ])
      assert.is(f.fake.issued.length, 1)
    },
    {stsServer: true},
  )
})

test('PASSWORD_EXPIRED after MFA: one message, nothing written (moved from the CLI tests)', async () => {
  await withFlow({...pushAtOnce, authnOutcome: 'PASSWORD_EXPIRED'}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const error = await failure(f.login(['website'], {}, PASSWORD))
    assert.is(error.message, 'Your Okta password has expired.')
    assert.equal(requestLine(f), ['POST /api/v1/authn', 'POST /api/v1/authn/factors/opf3hkfocI4JTLAju0g4/verify'])
    assert.is(f.sts.length, 0)
    assertNothingWritten(f)
  })
})

test('UNAUTHENTICATED: one message, nothing written (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.authn = [
      {status: 200, body: {status: 'UNAUTHENTICATED', stateToken: '00abc', expiresAt: '2030-01-01T00:00:00.000Z', _links: {}}},
    ]
    const error = await failure(f.login(['website'], {}, PASSWORD))
    assert.is(error.message, 'Okta ended the login without authenticating you (UNAUTHENTICATED).')
    assert.is(f.sts.length, 0)
    assertNothingWritten(f)
  })
})

test('an expired state token (E0000011) restarts the login once; twice ends it (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.verify = [expiredToken()]
    const r = await f.login(['website'], {}, PASSWORD)
    assert.equal(r.failures, [])
    assert.ok(f.info.includes('The Okta login expired before it finished; starting it again.'), f.info.join('\n'))
    assert.is(f.fake.count({path: '/api/v1/authn'}), 2)
    assert.is(f.sts.length, 1)

    f.fake.scenario.inject.verify = [expiredToken(), expiredToken()]
    const twice = await failure(f.login(['website'], {force: true}, PASSWORD))
    assert.is(twice.message, 'The Okta login expired again before it finished (E0000011).')
    assert.is(f.fake.count({path: '/api/v1/authn'}), 4)
    assert.is(f.sts.length, 1, 'only the first run got credentials')
  })
})

test('an expired state token (E0000011) twice in a first run: one message, nothing written (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.verify = [expiredToken(), expiredToken()]
    const error = await failure(f.login(['website'], {}, PASSWORD))
    assert.is(error.message, 'The Okta login expired again before it finished (E0000011).')
    assert.is(f.fake.count({path: '/api/v1/authn'}), 2)
    assert.is(f.sts.length, 0)
    assertNothingWritten(f)
  })
})

test('a redirect answering the password POST is not followed (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.scenario.inject.authn = [{status: 307, body: '', headers: {location: 'http://127.0.0.2:9/api/v1/authn'}}]
    const error = await failure(f.login(['website'], {}, PASSWORD))
    assert.match(
      error.message,
      /^Okta \(127\.0\.0\.1:\d+\) answered \/api\/v1\/authn with a redirect to http:\/\/127\.0\.0\.2:9\/api\/v1\/authn; clokta does not follow it with your credentials\.$/,
    )
    assert.is(f.fake.requests.length, 1)
    assertNothingWritten(f)
  })
})

test.run()
