import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {KEYCHAIN, KEYCHAIN_ENV, PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {totp} from '../support/fake/totp.js'
import {KEY} from '../support/run-cli.js'
import {developer, keepPassword, lookup, oktaRequests, pushOnly, store} from '../support/secret-service.js'

if (!KEYCHAIN && process.env.CLOKTA_REQUIRE_KEYRING === '1') {
  // CI asks for a real Secret Service: a skip there would leave the keychain untested and green
  throw new Error('CLOKTA_REQUIRE_KEYRING=1 but no private Secret Service is running (test/run.sh starts one)')
} else if (!KEYCHAIN) {
  console.log('  (keychain tests skipped: no private Secret Service; test/run.sh starts one on Linux)')
} else {
  test('session reuse: a second profile of the same org needs no password, no MFA, and two Okta requests', async () => {
    await withHarness(pushOnly, async (h) => {
      keepPassword(h)
      assert.is((await h.run(['-p', 'website'], {...KEYCHAIN_ENV, okta_password: PASSWORD})).code, 0)
      const from = h.fake.requests.length
      const pushes = h.fake.pushSentCount
      const second = await h.run(['-p', 'billing', '--debug'], KEYCHAIN_ENV) // no password anywhere, no terminal
      assert.is(second.code, 0, second.stderr)
      const sid = lookup('session', h)!
      assert.ok(sid.length > 10)
      assert.not.ok(second.stderr.includes(sid), 'the session id is not in the debug log')
      assert.equal(h.filesHolding(sid), [], 'nor in any file')
      assert.match(second.stderr, /Using your Okta session for jdoe@example\.com \(no password needed\)\./)
      assert.equal(
        oktaRequests(h, from).map((q) => `${q.method} ${q.path}`),
        ['GET /api/v1/sessions/me', 'GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272'],
      )
      assert.is(h.fake.pushSentCount, pushes)
      assert.match(h.read('.aws/credentials'), /\[billing\]\naws_access_key_id = ASIA/)
    })
  })

  test('a session that ended at Okta falls back to the full login silently; --no-session skips it', async () => {
    await withHarness(pushOnly, async (h) => {
      keepPassword(h)
      const withPassword = {...KEYCHAIN_ENV, okta_password: PASSWORD}
      assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
      const oldSid = lookup('session', h)
      h.fake.expireSessions()
      const from = h.fake.requests.length
      const r = await h.run(['-p', 'billing'], withPassword)
      assert.is(r.code, 0, r.stderr)
      assert.not.match(r.stderr, /Using your Okta session/)
      const checks = h.fake.requests.slice(from).filter((q) => q.path === '/api/v1/sessions/me')
      assert.equal(
        checks.map((q) => `${q.method} ${q.status}`),
        ['GET 404'],
        'the kept session was tried, once',
      )
      assert.not.match(r.stderr, /session|warn|error/i, `silently:\n${r.stderr}`)
      assert.is(h.fake.count({path: '/api/v1/authn'}), 2)
      assert.ok(lookup('session', h) && lookup('session', h) !== oldSid, 'the new session is kept')
      const before = h.fake.count({path: '/api/v1/sessions/me'})
      assert.is((await h.run(['-p', 'website', '--force', '--no-session'], withPassword)).code, 0)
      assert.is(h.fake.count({path: '/api/v1/sessions/me'}), before)
      assert.is(h.fake.count({path: '/api/v1/authn'}), 3)
    })
  })

  test('an Okta error on the session check does not forget the kept session', async () => {
    await withHarness(pushOnly, async (h) => {
      keepPassword(h)
      assert.is((await h.run(['-p', 'website'], {...KEYCHAIN_ENV, okta_password: PASSWORD})).code, 0)
      const sid = lookup('session', h)
      assert.ok(sid)
      h.fake.scenario.inject.sessions = [1, 2, 3].map(() => ({
        status: 500,
        body: {errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorLink: 'E0000009', errorId: 'oae1', errorCauses: []},
      }))
      const r = await h.run(['-p', 'billing'], {...KEYCHAIN_ENV, okta_password: 'wrong password'})
      assert.is(r.code, 1)
      assert.is(lookup('session', h), sid, 'kept for the next run')
    })
  })

  test('logout -p forgets the password and the session and ends it at Okta; logout --all forgets everything', async () => {
    await withHarness(pushOnly, async (h) => {
      keepPassword(h)
      assert.is((await h.run(['-p', 'website'], {...KEYCHAIN_ENV, okta_password: PASSWORD})).code, 0)
      store('password', h, PASSWORD)
      assert.ok(lookup('password', h) && lookup('session', h))
      const r = await h.run(['logout', '-p', 'website'], KEYCHAIN_ENV)
      assert.is(r.code, 0, r.stderr)
      assert.equal(r.stderr.trimEnd().split('\n'), [
        'Forgot the Okta password and session of jdoe@example.com at 127.0.0.1:' + new URL(h.fake.oktaUrl).port + ', and ended that session at Okta.',
      ])
      assert.is(lookup('password', h), undefined)
      assert.is(lookup('session', h), undefined)
      assert.is(h.fake.count({method: 'DELETE', path: '/api/v1/sessions/me'}), 1)

      assert.is((await h.run(['-p', 'billing'], {...KEYCHAIN_ENV, okta_password: PASSWORD})).code, 0)
      h.fake.expireSessions()
      const all = await h.run(['logout', '--all'], KEYCHAIN_ENV)
      assert.is(all.code, 0, all.stderr)
      assert.match(all.stderr, /^Forgot the Okta session of jdoe@example\.com at 127\.0\.0\.1:\d+; that session had already ended at Okta\.$/m)
      assert.is(lookup('session', h), undefined)
      const none = await h.run(['logout', '--all'], KEYCHAIN_ENV)
      assert.is(none.code, 0, 'nothing to forget is no failure')
      // (the keyring is shared by this file's tests: a seed another one kept would add its own line)
      assert.match(none.stderr, /^clokta keeps no Okta password or session in the OS keychain: there was nothing to forget\.$/m)

      // a profile chained in ~/.aws/config logs in as its source, so logs out as it too
      assert.is((await h.run(['-p', 'billing', '--force'], {...KEYCHAIN_ENV, okta_password: PASSWORD})).code, 0)
      assert.ok(lookup('session', h))
      h.home.write('.aws/config', '[profile myservice]\nrole_arn = arn:aws:iam::444455556666:role/service\nsource_profile = billing\n')
      // a chained profile's own clokta.cfg section (its session_ttl) does not make it an Okta profile
      h.cfg(h.read('.clokta/clokta.cfg') + '\n[myservice]\nsession_ttl = 2h\n')
      const chained = await h.run(['logout', '-p', 'myservice'], KEYCHAIN_ENV)
      assert.is(chained.code, 0, chained.stderr)
      assert.match(chained.stderr, /^Forgot the Okta session of jdoe@example\.com at 127\.0\.0\.1:\d+, and ended that session at Okta\.$/m)
      assert.is(lookup('session', h), undefined)
    })
  })

  test('configure --totp-seed keeps the seed in the keychain: codes made without asking, logout keeps it, --forget-totp-seed removes it', async () => {
    await withHarness({factors: [{type: 'token:software:totp', provider: 'GOOGLE'}]}, async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: developer}))
      const seed = h.fake.scenario.totpSecret
      const typed = await h.pty(
        ['configure', '-p', 'website', '--totp-seed'],
        [{expect: /Authenticator seed/, send: `${seed.toLowerCase().replace(/(.{4})/g, '$1 ')}${KEY.enter}`}, {expect: /should match your app/}],
        KEYCHAIN_ENV,
      )
      assert.is(typed.code, 0, typed.screen)
      assert.not.ok(typed.screen.toUpperCase().replace(/\s/g, '').includes(seed), 'the seed is not echoed')
      assert.ok([totp(seed), totp(seed, Date.now() - 30_000)].includes(/Its code now is (\d{6})/.exec(typed.screen)![1]), typed.screen)
      assert.is(lookup('totp-seed', h), seed, 'checked with secret-tool: kept, as the app shows it')
      assert.not.ok(h.read('.clokta/clokta.cfg').toLowerCase().includes('jbsw'), 'not in clokta.cfg')

      // no terminal: success means the code was made from the kept seed
      const r = await h.run(['-p', 'website', '--debug'], {...KEYCHAIN_ENV, okta_password: PASSWORD})
      assert.is(r.code, 0, r.stderr)
      const verify = h.fake.requests.filter((q) => q.path.includes('/verify'))
      assert.is(verify.length, 1)
      assert.match(JSON.parse(verify[0].body).passCode, /^\d{6}$/)
      assert.not.ok(
        r.stderr.includes(
          seed
            .toLowerCase()
            .replace(/(.{4})/g, '$1 ')
            .trim(),
        ),
        'the seed is not in the debug log',
      )

      assert.is((await h.run(['logout', '-p', 'website'], KEYCHAIN_ENV)).code, 0)
      assert.ok(lookup('totp-seed', h), 'logout keeps the seed, as it keeps the enrolment')

      const forget = await h.run(['configure', '-p', 'website', '--forget-totp-seed'], KEYCHAIN_ENV)
      assert.is(forget.code, 0, forget.stderr)
      assert.match(forget.stderr, /Forgot the authenticator seed for jdoe@example\.com at 127\.0\.0\.1:\d+\./)
      assert.is(lookup('totp-seed', h), undefined)
      const asks = await h.run(['-p', 'website', '--force'], {...KEYCHAIN_ENV, okta_password: PASSWORD})
      assert.is(asks.code, 1)
      assert.match(asks.stderr, /^clokta: Cannot ask for the Google Authenticator code without a terminal/m)
    })
  })

  test('configure --totp-seed from the environment; a seed that is not base32 or too short is refused and nothing kept', async () => {
    await withHarness({factors: [{type: 'token:software:totp', provider: 'OKTA'}]}, async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: developer}))
      const bad = await h.run(['configure', '-p', 'website', '--totp-seed'], {...KEYCHAIN_ENV, okta_onetimepassword_secret: 'not-a-seed!'})
      assert.is(bad.code, 1)
      assert.match(bad.stderr, /^clokta: okta_onetimepassword_secret is not a base32 TOTP secret/m)
      const short = await h.run(['configure', '-p', 'website', '--totp-seed'], {...KEYCHAIN_ENV, okta_onetimepassword_secret: 'JBSWY3DP'})
      assert.is(short.code, 1)
      assert.match(short.stderr, /^clokta: okta_onetimepassword_secret is too short for an authenticator seed/m)
      assert.is(lookup('totp-seed', h), undefined)
      const ok = await h.run(['configure', '-p', 'website', '--totp-seed'], {
        ...KEYCHAIN_ENV,
        okta_onetimepassword_secret: h.fake.scenario.totpSecret,
      })
      assert.is(ok.code, 0, ok.stderr)
      assert.is(lookup('totp-seed', h), h.fake.scenario.totpSecret)
    })
  })
}

test('logout without a Secret Service, or without a session bus at all, says so in one line and succeeds', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const line = 'No OS keychain is reachable (no Secret Service on the D-Bus session bus): nothing is kept, so there is nothing to forget.'
    for (const [args, env] of [
      [['logout', '-p', 'website'], {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'}],
      [['logout', '--all'], {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'}],
      [['logout', '--all'], {}], // no bus address at all: the listing call failed in its own words (zbus)
    ] as const) {
      const r = await h.run([...args], env)
      assert.is(r.code, 0, r.stderr)
      assert.equal(r.stderr.trimEnd().split('\n'), [line], args.join(' '))
    }
  })
})

test('no Secret Service, password from the environment: one line says the Okta session cannot be kept; not with --no-session', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer, defaults: 'save_password_in_keychain = True\n'}))
    const env = {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', okta_password: PASSWORD}
    const r = await h.run(['-p', 'website'], env)
    assert.is(r.code, 0, r.stderr)
    const said = r.stderr.split('\n').filter((l) => /keychain|session/i.test(l))
    assert.equal(said, [
      'No OS keychain is reachable (no Secret Service on the D-Bus session bus): the Okta session cannot be kept between runs, so every run logs in again with password and MFA.',
    ])
    const asked = await h.run(['-p', 'website', '--force', '--no-session'], env)
    assert.is(asked.code, 0, asked.stderr)
    assert.not.match(asked.stderr, /keychain|session/i)
  })
})

test('configure --totp-seed without a keychain fails with one line and keeps the seed nowhere', async () => {
  await withHarness({}, async (h) => {
    const before = returningUserCfg(h.fake)
    h.cfg(before)
    const r = await h.run(['configure', '-p', 'website', '--totp-seed'], {okta_onetimepassword_secret: h.fake.scenario.totpSecret})
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: No OS keychain is reachable .*: the authenticator seed cannot be kept\.$/m)
    assert.match(r.stderr, /okta_onetimepassword_secret in the environment instead/)
    assert.is(h.read('.clokta/clokta.cfg'), before)
  })
})

test.run()
