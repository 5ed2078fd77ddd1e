import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {describeLogout} from '../../../src/flow/logout-report.js'
import {logout} from '../../../src/flow/logout.js'
import {passwordAccount} from '../../../src/flow/okta-secrets.js'
import {deobfuscatePythonClokta} from '../../../src/flow/python-clokta-password.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'
import {PYTHON_STORED} from '../../support/secret-service.js'

// Made by the Python clokta's own __obfuscate (Python 3.11): what its keyring entry holds.
const madeByPython: [password: string, username: string, stored: string][] = [
  ['correct horse battery staple', 'jdoe@example.com', 'w43Dk8Ohw5fCpcOIw6zCgcOVw5_DnsOYwpPCg8ORw47DnsOYw5TDl8K5woXDq8OVw47DoMOYw4o='],
  ['Pä$$wörd~ÿ 1', 'jdoe@example.com', 'wrpIwpPCicK3W8Oqw4XDq2_CjMKW'],
  ['hunter2', 'jdoe', 'w5LDmcOdw5nDj8OWwqE='],
  ['pässwörd-longer-than-salt', 'jü', 'w5rDoMOdb8Ohw7LDnGDCl2jDmWrDkWHDnCnDnmTDi2rCl2_Di2jDng=='],
]

test('turns back what the Python clokta stored, character for character', () => {
  for (const [password, username, stored] of madeByPython) assert.is(deobfuscatePythonClokta(stored, username), password, password)
})

test('as lossy as Python: a character past U+00FF came back modulo 256 there too', () => {
  // Python: __deobfuscate(__obfuscate('€uro', 'jdoe'), 'jdoe') == '¬uro'; Okta rejects it, once
  assert.is(deobfuscatePythonClokta('FsOZw6HDlA==', 'jdoe'), '¬uro')
})

test('what Python could not decode either is not used', () => {
  assert.is(deobfuscatePythonClokta('not base64!', 'jdoe'), undefined)
  assert.is(deobfuscatePythonClokta('_w', 'jdoe'), undefined, 'not UTF-8')
  assert.is(deobfuscatePythonClokta('', 'jdoe'), undefined)
})

// Moved from the CLI tests (keychain-password): switching from the Python clokta, through the whole login.
const PASSWORD = 'correct horse'
const USER = 'jdoe@example.com'
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const withSave = (f: FlowHarness, save: 'True' | 'False') =>
  f.home.write(
    '.clokta/clokta.cfg',
    cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\n${developer}`).replace(
      '[DEFAULT]\n',
      `[DEFAULT]\nsave_password_in_keychain = ${save}\n`,
    ),
  )
const authnPasswords = (f: FlowHarness) => f.fake.requests.filter((q) => q.path === '/api/v1/authn').map((q) => JSON.parse(q.body).password as string)
const rejection = (run: Promise<unknown>) =>
  run.then(
    () => {
      assert.unreachable('expected a rejection')
      return ''
    },
    (e: Error) => e.message,
  )
const NO_TERMINAL = 'Cannot ask for the Okta password without a terminal: set okta_password in the environment.'

test("switching from the Python clokta: moved once, then clokta's own entry serves; logout leaves the Python clokta's entry and stops using it (moved from the CLI tests)", async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      withSave(f, 'True')
      f.python.set(USER, PYTHON_STORED[PASSWORD])
      await f.login(['website']) // no terminal, no okta_password: nothing had to be typed
      assert.ok(
        f.info.includes(
          "Moved the Okta password the Python clokta kept in the OS keychain to clokta's own entry; the Python clokta's entry (service clokta.okta_password) is left as it was.",
        ),
      )
      assert.is(f.keychain.get(passwordAccount(new URL(f.fake.oktaUrl), USER)), PASSWORD)

      const said = f.info.length
      await f.login(['billing'], {noSession: true})
      assert.equal(
        f.info.slice(said).filter((l) => /Python/.test(l)),
        [],
        'moved once',
      )

      const out = await logout({profile: 'website', all: false}, f.deps(), f.world())
      assert.equal(describeLogout(out), [
        `Forgot the Okta password and session of ${USER} at ${new URL(f.fake.oktaUrl).host}, and ended that session at Okta.`,
        `The Okta password the Python clokta kept for ${USER} (service clokta.okta_password) is left as it was for that tool; clokta will not use it again.`,
      ])
      assert.is(f.python.get(USER), PYTHON_STORED[PASSWORD], 'left as it was')
      assert.is(await rejection(f.login(['website'], {force: true})), NO_TERMINAL, 'the forgotten password is not read back from the Python clokta')
      assert.equal(authnPasswords(f), [PASSWORD, PASSWORD])
    },
    {keychain: true},
  )
})

test("save_password_in_keychain = False: the Python clokta's password serves each run unmoved; once Okta rejects it, it is never sent again (moved from the CLI tests)", async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      withSave(f, 'False')
      f.python.set(USER, PYTHON_STORED[PASSWORD])
      for (const run of [1, 2]) {
        const said = f.info.length
        await f.login(['website'], {force: true, noSession: true})
        assert.equal(
          f.info.slice(said).filter((l) => /Python/.test(l)),
          [],
          `run ${run}, for this run only: nothing to say`,
        )
      }
      assert.equal(authnPasswords(f), [PASSWORD, PASSWORD])
      assert.is(f.keychain.get(passwordAccount(new URL(f.fake.oktaUrl), USER)), undefined, 'not moved')

      f.python.set(USER, PYTHON_STORED['an old password']) // the password changed at Okta since the Python clokta kept it
      assert.is(await rejection(f.login(['website'], {force: true, noSession: true})), NO_TERMINAL)
      assert.ok(
        f.info.includes(
          'Okta rejected the password the Python clokta kept in the OS keychain; clokta will not send it again (its entry, service clokta.okta_password, is left as it was for the Python clokta).',
        ),
      )
      f.answer(PASSWORD)
      await f.login(['website'], {force: true, noSession: true})
      assert.equal(authnPasswords(f), [PASSWORD, PASSWORD, 'an old password', PASSWORD], 'the rejected one was sent once')
      assert.is(f.python.get(USER), PYTHON_STORED['an old password'], 'left as it was')
    },
    {keychain: true},
  )
})

test.run()
