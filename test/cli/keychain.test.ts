import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {KEYCHAIN, KEYCHAIN_ENV, PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {totp} from '../support/fake/totp.js'
import {KEY} from '../support/run-cli.js'
import {developer, keepPassword, lookup, pushOnly, store} from '../support/secret-service.js'

const NO_BUS = {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'}

if (!KEYCHAIN && process.env.CLOKTA_REQUIRE_KEYRING === '1') {
  // CI asks for a real Secret Service: a skip there would leave the keychain untested and green
  throw new Error('CLOKTA_REQUIRE_KEYRING=1 but no private Secret Service is running (test/run.sh starts one)')
} else if (!KEYCHAIN) {
  console.log('  (keychain tests skipped: no private Secret Service; test/run.sh starts one on Linux)')
} else {
  test('session reuse: a second profile of the same org needs no password, no MFA, two requests (the app link, STS); logout -p forgets and ends the session at Okta, logout --all forgets all', async () => {
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
        h.fake.requests.slice(from).map((q) => `${q.service} ${q.method} ${q.path}`),
        ['okta GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272', 'sts POST /'],
      )
      assert.is(h.fake.pushSentCount, pushes)
      assert.match(h.read('.aws/credentials'), /\[billing\]\naws_access_key_id = ASIA/)

      store('password', h, PASSWORD)
      const r = await h.run(['logout', '-p', 'website'], KEYCHAIN_ENV)
      assert.is(r.code, 0, r.stderr)
      assert.equal(r.stderr.trimEnd().split('\n'), [
        'Forgot the Okta password and session of jdoe@example.com at 127.0.0.1:' + new URL(h.fake.oktaUrl).port + ', and ended that session at Okta.',
      ])
      assert.is(lookup('password', h), undefined)
      assert.is(lookup('session', h), undefined)
      assert.is(h.fake.count({method: 'DELETE', path: '/api/v1/sessions/me'}), 1)

      // --all finds what is kept by listing the keychain (sessions ended at Okta by --all: unit/flow/session-reuse)
      store('password', h, PASSWORD)
      const all = await h.run(['logout', '--all'], KEYCHAIN_ENV)
      assert.is(all.code, 0, all.stderr)
      assert.equal(all.stderr.trimEnd().split('\n'), [`Forgot the Okta password of jdoe@example.com at 127.0.0.1:${new URL(h.fake.oktaUrl).port}.`])
      assert.is(lookup('password', h), undefined)
    })
  })

  test('configure --totp-seed keeps the seed in the keychain and codes are made without asking; --forget-totp-seed removes it', async () => {
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

      const forget = await h.run(['configure', '-p', 'website', '--forget-totp-seed'], KEYCHAIN_ENV)
      assert.is(forget.code, 0, forget.stderr)
      assert.match(forget.stderr, /Forgot the authenticator seed for jdoe@example\.com at 127\.0\.0\.1:\d+\./)
      assert.is(lookup('totp-seed', h), undefined)
    })
  })
}

test('no Secret Service (or no session bus at all): logout says so in one line and succeeds; configure --totp-seed fails in one line and keeps the seed nowhere', async () => {
  await withHarness(pushOnly, async (h) => {
    const before = returningUserCfg(h.fake, {profile: developer})
    h.cfg(before)
    const line = 'No OS keychain is reachable (no Secret Service on the D-Bus session bus): nothing is kept, so there is nothing to forget.'
    for (const [args, env] of [
      [['logout', '-p', 'website'], NO_BUS],
      [['logout', '--all'], NO_BUS],
      [['logout', '--all'], {}], // no bus address at all: the listing call failed in its own words (zbus)
    ] as const) {
      const r = await h.run([...args], env)
      assert.is(r.code, 0, r.stderr)
      assert.equal(r.stderr.trimEnd().split('\n'), [line], args.join(' '))
    }
    const seed = await h.run(['configure', '-p', 'website', '--totp-seed'], {...NO_BUS, okta_onetimepassword_secret: h.fake.scenario.totpSecret})
    assert.is(seed.code, 1)
    assert.equal(seed.stderr.trimEnd().split('\n'), [
      'clokta: No OS keychain is reachable (no Secret Service on the D-Bus session bus): the authenticator seed cannot be kept.',
      '  Set okta_onetimepassword_secret in the environment instead.',
    ])
    assert.is(h.read('.clokta/clokta.cfg'), before)
  })
})

test('no Secret Service: a login with the password from the environment says in one line that the Okta session cannot be kept (not with --no-session); at a terminal, that the password is asked for', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer, defaults: 'save_password_in_keychain = True\n'}))
    const env = {...NO_BUS, okta_password: PASSWORD}
    const r = await h.run(['-p', 'website'], env)
    assert.is(r.code, 0, r.stderr)
    const said = r.stderr.split('\n').filter((l) => /keychain|session/i.test(l))
    assert.equal(said, [
      'No OS keychain is reachable (no Secret Service on the D-Bus session bus): the Okta session cannot be kept between runs, so every run logs in again with password and MFA.',
    ])
    const asked = await h.run(['-p', 'website', '--force', '--no-session'], env)
    assert.is(asked.code, 0, asked.stderr)
    assert.not.match(asked.stderr, /keychain|session/i)

    const typed = await h.pty(
      ['-p', 'website', '--force', '--no-session'],
      [
        {expect: /No OS keychain is reachable \(no Secret Service on the D-Bus session bus\): clokta will ask for your password instead\.\n/},
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /valid until/},
      ],
      NO_BUS,
    )
    assert.is(typed.code, 0, typed.screen)
    assert.is(typed.screen.match(/No OS keychain is reachable/g)!.length, 1, 'said once')
    assert.equal(h.filesHolding(PASSWORD), [], 'never a plaintext fallback')
  })
})

test.run()
