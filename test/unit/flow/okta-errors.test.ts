import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow} from '../../support/flow.js'

const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}

// Moved from the CLI tests (errors): which message each Okta state gets; cli/errors keeps one of them for the wiring.
test('locked account, expired password, factor enrolment required: one message each, nothing written', async () => {
  for (const [authnOutcome, message] of [
    ['LOCKED_OUT', 'Your Okta account jdoe@example.com is locked.'],
    ['PASSWORD_EXPIRED', 'Your Okta password has expired.'],
    ['MFA_ENROLL', 'Okta requires you to set up an MFA factor first.'],
  ] as const) {
    await withFlow({...pushOnly, authnOutcome}, async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const cfg = readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8')
      const error = await f.login(['website'], {}, PASSWORD).then(
        () => undefined,
        (e: Error) => e,
      )
      assert.is(error?.message, message, authnOutcome)
      assert.not.ok(existsSync(f.home.path('.aws')), '~/.aws was created')
      assert.not.ok(existsSync(f.home.path('.clokta/website.env')))
      assert.not.ok(existsSync(f.home.path('.clokta/website.sh')))
      assert.is(readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8'), cfg, 'clokta.cfg changed')
      assert.is(f.sts.length, 0)
    })
  }
})

test.run()
