import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {KEYCHAIN, KEYCHAIN_ENV, parseIniSection, PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'
import {
  authnPasswords,
  clearPython,
  developer,
  keepPassword,
  lookup,
  lookupPython,
  pushOnly,
  PYTHON_STORED,
  store,
  storePython,
} from '../support/secret-service.js'

if (!KEYCHAIN && process.env.CLOKTA_REQUIRE_KEYRING === '1') {
  // CI asks for a real Secret Service: a skip there would leave the keychain untested and green
  throw new Error('CLOKTA_REQUIRE_KEYRING=1 but no private Secret Service is running (test/run.sh starts one)')
} else if (!KEYCHAIN) {
  console.log('  (keychain tests skipped: no private Secret Service; test/run.sh starts one on Linux)')
} else {
  test('first run: "Remember your Okta password?" → the password is kept, then used with no prompt', async () => {
    await withHarness(pushOnly, async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: developer}))
      const first = await h.pty(
        ['-p', 'website'],
        [
          {expect: /Remember your Okta password in the OS keychain\?/, send: 'y'},
          {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
          {expect: /valid until/},
        ],
        KEYCHAIN_ENV,
      )
      assert.is(first.code, 0, first.screen)
      assert.is(parseIniSection(h.read('.clokta/clokta.cfg'), 'DEFAULT').save_password_in_keychain, 'True')
      assert.is(lookup('password', h), PASSWORD)
      assert.ok(lookup('session', h), 'the Okta session is kept')
      // no terminal and no okta_password: a prompt would fail, so success means none was needed
      const second = await h.run(['-p', 'website', '--force', '--no-session', '--debug'], KEYCHAIN_ENV)
      assert.is(second.code, 0, second.stderr)
      assert.is(h.fake.count({path: '/api/v1/authn'}), 2)
      assert.match(second.stderr, /using the Okta password from the OS keychain/)
      assert.not.ok(second.stderr.includes(PASSWORD), 'the password is not in the debug log')
      assert.equal(h.filesHolding(PASSWORD), [], 'nor in any file')
    })
  })

  test('a stored password Okta rejects is removed at once and the user asked; never tried twice', async () => {
    await withHarness(pushOnly, async (h) => {
      keepPassword(h)
      store('password', h, 'an old password')
      const r = await h.pty(
        ['-p', 'website'],
        [
          {expect: /Okta rejected the password stored in the OS keychain; it has been removed from the keychain\./},
          {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
          {expect: /valid until/},
        ],
        KEYCHAIN_ENV,
      )
      assert.is(r.code, 0, r.screen)
      const authn = h.fake.requests.filter((q) => q.path === '/api/v1/authn').map((q) => JSON.parse(q.body).password)
      assert.equal(authn, ['an old password', PASSWORD])
      assert.is(lookup('password', h), PASSWORD, 'the accepted password replaced it')

      store('password', h, 'an old password')
      const scripted = await h.run(['-p', 'website', '--force', '--no-session'], KEYCHAIN_ENV)
      assert.is(scripted.code, 1)
      assert.match(scripted.stderr, /^clokta: Cannot ask for the Okta password without a terminal: set okta_password in the environment\.$/m)
      assert.is(lookup('password', h), undefined, 'checked with secret-tool: gone')
    })
  })

  test('switching from the Python clokta: its password is found and moved, nothing typed; its entry stays; logout does not bring it back', async () => {
    clearPython()
    try {
      await withHarness(pushOnly, async (h) => {
        keepPassword(h)
        storePython(PASSWORD)
        // no terminal and no okta_password: success means nothing had to be typed
        const r = await h.run(['-p', 'website', '--debug'], KEYCHAIN_ENV)
        assert.is(r.code, 0, r.stderr)
        assert.equal(authnPasswords(h), [PASSWORD])
        assert.match(
          r.stderr,
          /^Moved the Okta password the Python clokta kept in the OS keychain to clokta's own entry; the Python clokta's entry \(service clokta\.okta_password\) is left as it was\.$/m,
        )
        assert.is(lookup('password', h), PASSWORD, "clokta's own entry")
        assert.is(lookupPython(), PYTHON_STORED[PASSWORD], "the Python clokta's entry, unchanged")
        assert.not.ok(r.stderr.includes(PYTHON_STORED[PASSWORD]), 'the stored form is not in the debug log either')

        const again = await h.run(['-p', 'billing', '--no-session'], KEYCHAIN_ENV)
        assert.is(again.code, 0, again.stderr)
        assert.not.match(again.stderr, /Python/, 'moved once')

        const out = await h.run(['logout', '-p', 'website'], KEYCHAIN_ENV)
        assert.is(out.code, 0, out.stderr)
        assert.equal(out.stderr.trimEnd().split('\n'), [
          `Forgot the Okta password and session of jdoe@example.com at ${h.fake.oktaUrl.replace(/^http:\/\//, '')}, and ended that session at Okta.`,
          'The Okta password the Python clokta kept for jdoe@example.com (service clokta.okta_password) is left as it was for that tool; clokta will not use it again.',
        ])
        assert.is(lookupPython(), PYTHON_STORED[PASSWORD])
        const after = await h.run(['-p', 'website', '--force'], KEYCHAIN_ENV)
        assert.is(after.code, 1, 'the forgotten password is not read back from the Python clokta')
        assert.match(after.stderr, /^clokta: Cannot ask for the Okta password without a terminal/m)
        assert.is(authnPasswords(h).length, 2)
      })
    } finally {
      clearPython()
    }
  })

  test("save_password_in_keychain = False: the Python clokta's password serves each run unmoved; once Okta rejects it, it is never sent again", async () => {
    clearPython()
    try {
      await withHarness(pushOnly, async (h) => {
        h.cfg(returningUserCfg(h.fake, {profile: developer, defaults: 'save_password_in_keychain = False\n'}))
        storePython(PASSWORD)
        for (const run of [1, 2]) {
          const r = await h.run(['-p', 'website', '--force', '--no-session'], KEYCHAIN_ENV)
          assert.is(r.code, 0, `run ${run}: ${r.stderr}`)
          assert.not.match(r.stderr, /Python/, 'for this run only: nothing to say')
        }
        assert.equal(authnPasswords(h), [PASSWORD, PASSWORD])
        assert.is(lookup('password', h), undefined, 'not moved')

        storePython('an old password') // the password changed at Okta since the Python clokta kept it
        const rejected = await h.run(['-p', 'website', '--force', '--no-session'], KEYCHAIN_ENV)
        assert.is(rejected.code, 1)
        assert.match(
          rejected.stderr,
          /^Okta rejected the password the Python clokta kept in the OS keychain; clokta will not send it again \(its entry, service clokta\.okta_password, is left as it was for the Python clokta\)\.$/m,
        )
        assert.match(rejected.stderr, /^clokta: Cannot ask for the Okta password without a terminal/m)
        const next = await h.pty(
          ['-p', 'website', '--force', '--no-session'],
          [{expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`}, {expect: /valid until/}],
          KEYCHAIN_ENV,
        )
        assert.is(next.code, 0, next.screen)
        assert.equal(authnPasswords(h), [PASSWORD, PASSWORD, 'an old password', PASSWORD], 'the rejected one was sent once')
        assert.is(lookupPython(), PYTHON_STORED['an old password'], 'left as it was')
      })
    } finally {
      clearPython()
    }
  })
}

test.run()
