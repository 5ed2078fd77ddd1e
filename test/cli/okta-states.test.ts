import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY, runInPty} from '../support/run-cli.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const setup = (h: Harness) => h.cfg(returningUserCfg(h.fake, {profile: developer}))
function assertNothingWritten(h: Harness) {
  assert.not.ok(existsSync(h.home.path('.aws/credentials')), '~/.aws/credentials was written')
  assert.not.ok(existsSync(h.home.path('.clokta/website.env')), '~/.clokta/website.env was written')
  assert.not.ok(existsSync(h.home.path('.clokta/website.sh')), '~/.clokta/website.sh was written')
}
const oktaError = (code: string, summary: string) => ({errorCode: code, errorSummary: summary, errorLink: code, errorId: 'oaeTEST', errorCauses: []})

// With active factors Okta challenges MFA first and tells of the password only then (PROTOCOL §1.2).
const pushAtOnce = {factors: [{type: 'push' as const, provider: 'OKTA', id: 'opf3hkfocI4JTLAju0g4'}], push: {waits: 0, result: 'SUCCESS' as const}}
const requestLine = (h: Harness) => h.fake.requests.map((q) => `${q.method} ${q.service === 'sts' ? q.action : q.path}`)

test('PASSWORD_WARN after MFA: warned, skipped, then the login goes on', async () => {
  await withHarness({...pushAtOnce, authnOutcome: 'PASSWORD_WARN'}, async (h) => {
    setup(h)
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /Warning: Your Okta password expires in 5 days; change it at http:\/\/127\.0\.0\.1:\d+\./)
    assert.equal(requestLine(h), [
      'POST /api/v1/authn',
      'POST /api/v1/authn/factors/opf3hkfocI4JTLAju0g4/verify',
      'POST /api/v1/authn/skip',
      'GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272',
      'POST AssumeRoleWithSAML',
    ])
    assert.is(h.fake.issued.length, 1)
  })
})

test('PASSWORD_EXPIRED after MFA: one line, nothing written', async () => {
  await withHarness({...pushAtOnce, authnOutcome: 'PASSWORD_EXPIRED'}, async (h) => {
    setup(h)
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: Your Okta password has expired\.$/m)
    assert.equal(requestLine(h), ['POST /api/v1/authn', 'POST /api/v1/authn/factors/opf3hkfocI4JTLAju0g4/verify'])
    assertNothingWritten(h)
  })
})

test('UNAUTHENTICATED: one line, nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    h.fake.scenario.inject.authn = [
      {status: 200, body: {status: 'UNAUTHENTICATED', stateToken: '00abc', expiresAt: '2030-01-01T00:00:00.000Z', _links: {}}},
    ]
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: Okta ended the login without authenticating you \(UNAUTHENTICATED\)\.$/m)
    assert.is(h.fake.count({service: 'sts'}), 0)
    assertNothingWritten(h)
  })
})

test('an expired state token (E0000011) restarts the login once', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    h.fake.scenario.inject.verify = [{status: 401, body: oktaError('E0000011', 'Invalid token provided')}]
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /The Okta login expired before it finished; starting it again\./)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 2)

    h.fake.scenario.inject.verify = [1, 2].map(() => ({status: 401, body: oktaError('E0000011', 'Invalid token provided')}))
    const twice = await h.run(['-p', 'website', '--force'], withPassword)
    assert.is(twice.code, 1)
    assert.match(twice.stderr, /^clokta: The Okta login expired again before it finished \(E0000011\)\.$/m)
    assert.is(h.fake.issued.length, 1, 'only the first run got credentials')
  })
})

test('an expired state token (E0000011) twice in a first run: one line, nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    h.fake.scenario.inject.verify = [1, 2].map(() => ({status: 401, body: oktaError('E0000011', 'Invalid token provided')}))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: The Okta login expired again before it finished \(E0000011\)\.$/m)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 2)
    assert.is(h.fake.count({service: 'sts'}), 0)
    assertNothingWritten(h)
  })
})

// The rate-limit wait and the retry of a push poll are tested in process on a fake clock
// (test/unit/flow/retries.test.ts); the CLI keeps the failures a user sees.
test('a rate limit that lasts longer than a minute is reported, not waited out', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    h.fake.scenario.inject.authn = [
      {
        status: 429,
        headers: {'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 600)},
        body: oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'),
      },
    ]
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: Okta \(127\.0\.0\.1:\d+\) is rate-limiting these requests until \d\d:\d\d:\d\d \(E0000047\)\.$/m)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
  })
})

test('a 5xx to the password is not retried (it could count as a failed attempt), and names the host', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    h.fake.scenario.inject.authn = [{status: 502, body: '<html>Bad Gateway</html>', headers: {'content-type': 'text/html'}}]
    const down = await h.run(['-p', 'website'], withPassword)
    assert.is(down.code, 1)
    assert.match(down.stderr, /^clokta: Okta \(127\.0\.0\.1:\d+\) answered 502: a server error; try again later\.$/m)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
  })
})

test('a redirect answering the password POST is not followed', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    h.fake.scenario.inject.authn = [{status: 307, body: '', headers: {location: 'http://127.0.0.2:9/api/v1/authn'}}]
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(
      r.stderr,
      /^clokta: Okta \(127\.0\.0\.1:\d+\) answered \/api\/v1\/authn with a redirect to http:\/\/127\.0\.0\.2:9\/api\/v1\/authn; clokta does not follow it with your credentials\.$/m,
    )
    assert.is(h.fake.requests.length, 1)
  })
})

test('prompts reach the terminal when stdout is piped, and stdout gets nothing', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    const out = h.home.path('stdout.txt')
    const r = await runInPty([], {
      home: h.home.dir,
      env: h.env,
      command: ['/bin/sh', '-c', `exec "$0" "$1" -p website > "$2"`, process.execPath, new URL('../../bin/run.js', import.meta.url).pathname, out],
      steps: [{expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`}, {expect: /valid until/}],
    })
    assert.is(r.code, 0, r.screen)
    assert.is(h.read('stdout.txt'), '')
  })
})

test.run()
