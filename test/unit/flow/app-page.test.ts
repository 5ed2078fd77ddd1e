import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import type {InjectedResponse} from '../../support/fake/types.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (errors, app-page): the app link answered with something other than
// the SAML form for AWS. clokta says which link gave it and stops before STS or any file;
// cli/errors keeps the `clokta: ...` line, and --debug showing where the link went.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const HTML = {'content-type': 'text/html;charset=utf-8'}
const SID = 'sid=102Qx7EXAMPLEcookieNeverShown'
const CHECK = "Check okta_aws_app_url: it should be the AWS app's link from your Okta dashboard."

// An OIDC app's form_post: a token-bearing form, but no SAMLResponse.
const ID_TOKEN = 'eyJraWQiOiJFWEFNUExFIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiIwMHUxRVhBTVBMRSJ9.c2lnbmF0dXJlRVhBTVBMRQ'
const oidcFormPost = `<html>
<body onload="document.forms[0].submit()">
  <form method="post" action="https://wiki.example.com/oauth2/callback">
    <input type="hidden" name="id_token" value="${ID_TOKEN}"/>
    <input type="hidden" name="state" value="abc123"/>
  </form>
</body>
</html>
`

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
    assert.is(error.hint, CHECK)
    assertStoppedAtTheAppPage(f, cfg)
  })
})

/** The login with the app link answered by `page`: its error, after checking it stopped there and printed no secret. */
async function answeredBy(page: (f: FlowHarness) => InjectedResponse, check: (f: FlowHarness, error: CloktaError) => void) {
  await withFlow(pushOnly, async (f) => {
    const cfg = cfgFor(f.fake)
    f.home.write('.clokta/clokta.cfg', cfg)
    f.fake.scenario.inject.app = [page(f)]
    const error = await failure(f.login(['website'], {}, PASSWORD))
    check(f, error)
    assertStoppedAtTheAppPage(f, cfg)
    const printed = [error.message, error.hint ?? '', ...f.info].join('\n')
    const sessionToken = f.fake.requests.find((q) => q.path.startsWith('/home/'))!.query.sessionToken
    for (const secret of [PASSWORD.okta_password, SID.slice('sid='.length), sessionToken, ID_TOKEN]) {
      assert.not.ok(printed.includes(secret), `printed: ${secret.slice(0, 12)}…`)
    }
    assert.not.match(printed, /sessionToken=(?!\*{4})/, 'a sessionToken printed unredacted')
  })
}

test('a redirect to the Okta sign-in page: one message naming the app link, nothing written (moved from the CLI tests)', async () => {
  await answeredBy(
    (f) => ({
      status: 302,
      headers: {
        location: `${f.fake.oktaUrl}/login/login.htm?fromURI=${encodeURIComponent(new URL(f.fake.appUrl).pathname)}`,
        'set-cookie': `${SID}; Path=/; HttpOnly`,
      },
      body: '',
    }),
    (f, error) => {
      assert.is(error.message, `Okta answered the app link ${f.fake.appUrl} with its sign-in page instead of a SAML assertion.`)
      assert.is(
        error.hint,
        'The app may ask for extra verification that clokta cannot give here, or the link is not the AWS app: open it in a browser to check.',
      )
      assert.is(f.fake.count({path: '/login/login.htm'}), 1, 'the redirect was not followed')
    },
  )
})

test('a page without a SAMLResponse (an app that is not a SAML app): one message naming the app link (moved from the CLI tests)', async () => {
  await answeredBy(
    () => ({status: 200, headers: {...HTML, 'set-cookie': `${SID}; Path=/; HttpOnly`}, body: oidcFormPost}),
    (f, error) => {
      assert.is(error.message, `The page at ${f.fake.appUrl} holds no SAML assertion.`)
      assert.is(error.hint, CHECK)
    },
  )
})

test('a 404 page for the app link: one message naming it (moved from the CLI tests)', async () => {
  await answeredBy(
    () => ({
      status: 404,
      headers: {...HTML, 'set-cookie': `${SID}; Path=/; HttpOnly`},
      body: '<!DOCTYPE html><html><body><h1>404 Page Not Found</h1></body></html>',
    }),
    (f, error) => {
      assert.is(error.message, `Okta has no app at ${f.fake.appUrl} (404 Not Found).`)
      assert.is(error.hint, CHECK)
    },
  )
})

test.run()
