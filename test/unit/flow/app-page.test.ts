import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (errors, app-page): the app link answered with something other than
// the SAML form for AWS. clokta says which link gave it and stops before STS or any file;
// cli/errors keeps the `clokta: ...` line, and --debug showing where the link went.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}

async function failure(run: Promise<unknown>): Promise<CloktaError> {
  return run.then(
    () => {
      throw new Error('the login did not fail')
    },
    (e: CloktaError) => e,
  )
}

/** The app link was opened once, and nothing went to STS or into a file. */
function assertStoppedAtTheAppPage(f: FlowHarness, cfg: string) {
  assert.is(f.fake.requests.filter((q) => q.path.startsWith('/home/')).length, 1, 'the one-time sessionToken was sent twice')
  assert.is(f.sts.length, 0)
  assert.not.ok(existsSync(f.home.path('.aws')), '~/.aws was created')
  assert.not.ok(existsSync(f.home.path('.clokta/website.env')))
  assert.not.ok(existsSync(f.home.path('.clokta/website.sh')))
  assert.is(readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8'), cfg, 'clokta.cfg changed')
}

test('an Okta app that is not the AWS app: one message naming it, nothing sent to STS or written (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    const cfg = cfgFor(f.fake).replace(f.fake.appUrl, f.fake.nonAwsAppUrl)
    f.home.write('.clokta/clokta.cfg', cfg)
    const error = await failure(f.login(['website'], {}, PASSWORD))
    assert.is(
      error.message,
      `The Okta app at ${f.fake.nonAwsAppUrl} is not an AWS app: its SAML assertion names no AWS roles (it is for https://login.salesforce.com/).`,
    )
    assertStoppedAtTheAppPage(f, cfg)
  })
})

test('an app link Okta does not know (404): one message naming it (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    const missing = `${f.fake.oktaUrl}/home/amazon_aws/0oaNOPE/272`
    const cfg = cfgFor(f.fake).replace(f.fake.appUrl, missing)
    f.home.write('.clokta/clokta.cfg', cfg)
    const error = await failure(f.login(['website'], {}, PASSWORD))
    assert.is(error.message, `Okta has no app at ${missing} (404 Not Found).`)
    assert.is(error.hint, "Check okta_aws_app_url: it should be the AWS app's link from your Okta dashboard.")
    assertStoppedAtTheAppPage(f, cfg)
  })
})

test.run()
