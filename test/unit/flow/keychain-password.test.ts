import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {passwordAccount} from '../../../src/flow/okta-secrets.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (keychain-password): the Okta password kept in the keychain.
const PASSWORD = 'correct horse'
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const keepPassword = (f: FlowHarness) =>
  f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace('[DEFAULT]\n', '[DEFAULT]\nsave_password_in_keychain = True\n'))
const account = (f: FlowHarness) => passwordAccount(new URL(f.fake.oktaUrl), 'jdoe@example.com')
const authnPasswords = (f: FlowHarness) => f.fake.requests.filter((q) => q.path === '/api/v1/authn').map((q) => JSON.parse(q.body).password as string)

test('a stored password Okta rejects is removed at once and the user asked; never tried twice (moved from the CLI tests)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      f.keychain.set(account(f), 'an old password')
      f.answer(PASSWORD)
      await f.login(['website'])
      assert.ok(f.info.includes('Okta rejected the password stored in the OS keychain; it has been removed from the keychain.'), f.info.join('\n'))
      assert.equal(
        f.asked.map((q) => `${q.kind} ${q.message}`),
        ['password Okta password'],
      )
      assert.equal(authnPasswords(f), ['an old password', PASSWORD])
      assert.is(f.keychain.get(account(f)), PASSWORD, 'the accepted password replaced it')

      f.keychain.set(account(f), 'an old password')
      const scripted = await f.login(['website'], {force: true, noSession: true}).then(
        () => '',
        (e: Error) => e.message,
      )
      assert.is(scripted, 'Cannot ask for the Okta password without a terminal: set okta_password in the environment.')
      assert.is(f.keychain.get(account(f)), undefined, 'gone')
      assert.equal(authnPasswords(f), ['an old password', PASSWORD, 'an old password'], 'sent once')
    },
    {keychain: true},
  )
})

test.run()
