import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {KEYCHAIN, KEYCHAIN_ENV, parseIniSection, PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'
import {authnPasswords, clearPython, keepPassword, lookup, lookupPython, pushOnly, PYTHON_STORED, storePython} from '../support/secret-service.js'

if (!KEYCHAIN && process.env.CLOKTA_REQUIRE_KEYRING === '1') {
  // CI asks for a real Secret Service: a skip there would leave the keychain untested and green
  throw new Error('CLOKTA_REQUIRE_KEYRING=1 but no private Secret Service is running (test/run.sh starts one)')
} else if (!KEYCHAIN) {
  console.log('  (keychain tests skipped: no private Secret Service; test/run.sh starts one on Linux)')
} else {
  test('first run: "Remember your Okta password?" → the password is kept; the role chosen at the prompt is remembered; then both are used with no prompt', async () => {
    await withHarness(pushOnly, async (h) => {
      h.cfg(returningUserCfg(h.fake))
      const first = await h.pty(
        ['-p', 'website'],
        [
          {expect: /Remember your Okta password in the OS keychain\?/, send: 'y'},
          {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
          {expect: /Choose a role/, send: `${KEY.down}${KEY.enter}`},
          {expect: /valid until/},
        ],
        KEYCHAIN_ENV,
      )
      assert.is(first.code, 0, first.screen)
      assert.match(first.screen, /123456789012 \/ Developer[\s\S]*123456789012 \/ ReadOnly[\s\S]*210987654321 \/ Admin/)
      assert.is(h.fake.issued.at(-1)!.roleArn, 'arn:aws:iam::123456789012:role/ReadOnly')
      const cfg = h.read('.clokta/clokta.cfg')
      assert.is(parseIniSection(cfg, 'DEFAULT').save_password_in_keychain, 'True')
      assert.is(parseIniSection(cfg, 'website').okta_aws_role_to_assume, 'arn:aws:iam::123456789012:role/ReadOnly')
      assert.is(lookup('password', h), PASSWORD)
      assert.ok(lookup('session', h), 'the Okta session is kept')
      // no terminal and no okta_password: a prompt (password or role) would fail, so success means none was needed
      const second = await h.run(['-p', 'website', '--force', '--no-session', '--debug'], KEYCHAIN_ENV)
      assert.is(second.code, 0, second.stderr)
      assert.is(h.fake.count({path: '/api/v1/authn'}), 2)
      assert.is(h.fake.issued.at(-1)!.roleArn, 'arn:aws:iam::123456789012:role/ReadOnly')
      assert.match(second.stderr, /using the Okta password from the OS keychain/)
      assert.not.ok(second.stderr.includes(PASSWORD), 'the password is not in the debug log')
      assert.equal(h.filesHolding(PASSWORD), [], 'nor in any file')
    })
  })

  test('switching from the Python clokta: its password is found and moved, nothing typed; its entry stays', async () => {
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
      })
    } finally {
      clearPython()
    }
  })
}

test.run()
