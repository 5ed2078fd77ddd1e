import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const unavailable = {status: 503, body: '<html>Service Unavailable</html>', headers: {'content-type': 'text/html'}}

// The retry policy (which requests, how many, the 1 s / 2 s backoff) is tested in process on a fake
// clock (test/unit/flow/retries.test.ts); this proves the wiring: the retry said on stderr, the login goes on.
test('a 503 to the password (Okta did not handle it) is retried with backoff; the login goes on', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    h.fake.scenario.inject.authn = [unavailable]
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /127\.0\.0\.1:\d+ answered 503; trying again in 1 s\.\.\./)
    assert.equal(
      h.fake.requests.filter((q) => q.path === '/api/v1/authn').map((q) => q.status),
      [503, 200],
    )
  })
})

test.run()
