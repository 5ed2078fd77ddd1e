import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {withFlow} from '../../support/flow.js'

// Moved from cli/errors: which input a first run without a terminal misses first, and what
// provides it; cli/errors keeps the missing password's `clokta: ...` line and exit code.
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}

test('no terminal and no clokta.cfg: the missing app URL fails at once naming what provides it, before anything is sent or written (moved from cli/errors)', async () => {
  await withFlow(pushOnly, async (f) => {
    const error = await f.login(['website'], {}, {okta_password: 'correct horse'}).then(
      () => {
        throw new Error('the login did not fail')
      },
      (e: CloktaError) => e,
    )
    assert.equal(
      [error.message, error.hint, error.exitCode],
      ['Cannot ask for the Okta app URL without a terminal: set okta_aws_app_url in the environment or in ~/.clokta/clokta.cfg.', undefined, 1],
    )
    assert.is(f.fake.requests.length, 0)
    assert.not.ok(existsSync(f.home.path('.aws')), '~/.aws was created')
    assert.not.ok(existsSync(f.home.path('.clokta/website.env')))
  })
})

test.run()
