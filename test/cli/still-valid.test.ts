import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const setup = (h: Harness, extra = '') => h.cfg(returningUserCfg(h.fake, {profile: developer + extra}))

test('valid credentials: "valid until", and nobody is contacted; --force logs in anyway', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    const before = h.fake.requests.length
    const again = await h.run(['-p', 'website'])
    assert.is(again.code, 0, again.stderr)
    assert.match(
      again.stderr,
      /^AWS credentials for profile website \(Developer in 123456789012\) are still valid until (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \(12h\); nothing to do \(--force logs in again\)\. Run: {2}export AWS_PROFILE=website$/m,
    )
    assert.is(h.fake.requests.length, before, 'a request was made')
    const forced = await h.run(['-p', 'website', '--force'], withPassword)
    assert.is(forced.code, 0, forced.stderr)
    assert.ok(h.fake.count({path: '/api/v1/authn'}) === 2)
  })
})

test.run()
