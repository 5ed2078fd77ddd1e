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

const failure = (run: Promise<unknown>) =>
  run.then(
    () => {
      throw new Error('the login did not fail')
    },
    (e: Error) => e,
  )

test('an unreachable Okta names the host (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace(f.fake.oktaUrl, 'http://127.0.0.1:9'))
    const error = await failure(f.login(['website'], {}, PASSWORD))
    assert.is(error.message, 'Cannot reach 127.0.0.1:9: the connection was refused (ECONNREFUSED).')
    assert.is(f.sts.length, 0)
    assert.not.ok(existsSync(f.home.path('.aws')), '~/.aws was created')
  })
})

test('STS refusing the role: one message naming the role, nothing written (moved from the CLI tests)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const cfg = readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8')
      f.fake.scenario.inject.sts = [
        {
          status: 403,
          headers: {'content-type': 'text/xml'},
          body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithSAML</Message></Error><RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId></ErrorResponse>',
        },
      ]
      const error = await failure(f.login(['website'], {}, PASSWORD))
      assert.is(error.message, 'AWS STS refused role Developer in 123456789012: Not authorized to perform sts:AssumeRoleWithSAML (AccessDenied).')
      assert.is(f.fake.count({service: 'sts'}), 1)
      assert.is(f.fake.issued.length, 0)
      assert.not.ok(existsSync(f.home.path('.aws')), '~/.aws was created')
      assert.not.ok(existsSync(f.home.path('.clokta/website.env')))
      assert.not.ok(existsSync(f.home.path('.clokta/website.sh')))
      assert.is(readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8'), cfg, 'clokta.cfg changed')
    },
    {stsServer: true},
  )
})

test.run()
