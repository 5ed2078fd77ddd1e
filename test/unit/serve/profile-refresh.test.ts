import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import type {Credentials} from '../../../src/model/credentials.js'
import {profileRefresh} from '../../../src/serve/profile-refresh.js'
import {cfgFor, FLAGS, withFlow, type FlowHarness} from '../../support/flow.js'

// The server's renewal through the same login as clokta -p: reuse, the Okta session, never a prompt.
const PASSWORD = {okta_password: 'correct horse'}
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const scenario = {factors: [{type: 'push' as const, provider: 'OKTA'}], chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}
const HOUR = 3600_000

const setup = (f: FlowHarness) => {
  f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
  f.home.write('.aws/config', `[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\n`)
}
const oktaPaths = (f: FlowHarness, from: number) =>
  f.fake.requests
    .slice(from)
    .filter((r) => r.service === 'okta')
    .map((r) => `${r.method} ${r.path}`)
const remainingSeconds = (f: FlowHarness, c: Credentials) => Math.max(0, Math.ceil((c.expiration.getTime() - f.clock.now()) / 1000))

for (const [profile, lifetime] of [
  ['website', 12 * HOUR],
  ['myservice', HOUR],
] as const) {
  test(`${profile}: ones another run wrote that outlast those held are reused; else a login through the Okta session, no password, no push; without a session, a refusal naming what would have been asked, not a question`, async () => {
    await withFlow(
      scenario,
      async (f) => {
        setup(f)
        const first = (await f.login([profile], {}, PASSWORD)).outcomes[0].credentials
        assert.is(first.expiration.getTime() - f.clock.now(), lifetime)
        // no password in the environment from here on: only the session can serve
        const refresh = profileRefresh(profile, FLAGS, f.deps(), {HOME: f.home.dir})

        let from = f.fake.requests.length
        const reused = await refresh(600)
        assert.is(reused.accessKeyId, first.accessKeyId, 'still good for more than asked: reused')
        assert.equal(oktaPaths(f, from), [])

        f.clock.advance(lifetime - 15 * 60_000)
        from = f.fake.requests.length
        const sts = f.sts.length
        const fresh = await refresh(remainingSeconds(f, first) + 1)
        assert.is.not(fresh.accessKeyId, first.accessKeyId)
        assert.ok(fresh.expiration > first.expiration)
        if (profile === 'website') {
          assert.equal(oktaPaths(f, from), ['GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272'])
          assert.equal(
            f.sts.slice(sts).map((c) => c.kind),
            ['saml'],
          )
        } else {
          // the source profile's credentials, good for hours yet, carry the chained role's renewal
          assert.equal(oktaPaths(f, from), [])
          assert.equal(
            f.sts.slice(sts).map((c) => c.kind),
            ['role'],
          )
          f.clock.advance(12 * HOUR) // the source profile's are past too
          from = f.fake.requests.length
          const throughOkta = await refresh(remainingSeconds(f, fresh) + 1)
          assert.ok(throughOkta.expiration > fresh.expiration)
          assert.equal(oktaPaths(f, from), ['GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272'])
          assert.equal(
            f.sts.slice(-2).map((c) => c.kind),
            ['saml', 'role'],
          )
        }
        assert.is(f.fake.pushSentCount, 1, 'the first login only')

        f.fake.expireSessions()
        f.clock.advance(12 * HOUR)
        const refused = await refresh(1).then(
          () => assert.unreachable('a renewal without a session needs the password'),
          (e: unknown) => e,
        )
        assert.instance(refused, CloktaError, String(refused))
        assert.match((refused as CloktaError).message, /^Cannot ask for the Okta password without a terminal/)
        assert.equal(f.asked, [])
        assert.is(f.fake.pushSentCount, 1)
      },
      {keychain: true},
    )
  })
}

test.run()
