import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {InjectedResponse} from '../support/fake/types.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import type {CliResult} from '../support/run-cli.js'

// The app link answered with something other than the SAML form for AWS: a browser would
// show a page, clokta must say which link gave it and stop before STS or any file.

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const HTML = {'content-type': 'text/html;charset=utf-8'}
const SID = 'sid=102Qx7EXAMPLEcookieNeverShown'
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

async function runAgainst(page: (h: Harness) => InjectedResponse, check: (h: Harness, r: CliResult) => void, args: string[] = []) {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const cfg = h.read('.clokta/clokta.cfg')
    h.fake.scenario.inject.app = [page(h)]
    const r = await h.run(['-p', 'website', ...args], withPassword)
    assert.is(r.code, 1, r.stderr)
    check(h, r)

    const appRequests = h.fake.requests.filter((q) => q.path.startsWith('/home/'))
    assert.is(appRequests.length, 1, 'the one-time sessionToken was sent twice')
    assert.is(h.fake.count({service: 'sts'}), 0)
    assert.not.ok(existsSync(h.home.path('.aws')), '~/.aws was created')
    assert.not.ok(existsSync(h.home.path('.clokta/website.env')))
    assert.not.ok(existsSync(h.home.path('.clokta/website.sh')))
    assert.is(h.read('.clokta/clokta.cfg'), cfg, 'clokta.cfg changed')

    const printed = r.stdout + r.stderr
    const secrets = [PASSWORD, SID.slice('sid='.length), appRequests[0].query.sessionToken, ID_TOKEN]
    for (const secret of secrets) assert.not.ok(printed.includes(secret), `printed: ${secret.slice(0, 12)}…`)
    assert.not.match(printed, /sessionToken=(?!\*{4})/, 'a sessionToken printed unredacted')
  })
}

/** The error is the one line (and its hint) and names the app link as configured. */
function assertOneLine(r: CliResult, h: Harness, message: (appUrl: string) => string) {
  const lines = r.stderr.trimEnd().split('\n')
  const errorLine = lines.findIndex((l) => l.startsWith('clokta: '))
  assert.ok(errorLine >= 0, r.stderr)
  assert.match(lines[errorLine], new RegExp(`^clokta: ${message(escapeRegExp(h.fake.appUrl))}$`))
  assert.ok(lines.length - errorLine <= 2, `more than a line and a hint:\n${r.stderr}`)
  assert.not.match(r.stderr, /\n\s+at .+:\d+:\d+/, 'stack trace')
}

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

const signInRedirect = (h: Harness): InjectedResponse => ({
  status: 302,
  headers: {
    location: `${h.fake.oktaUrl}/login/login.htm?fromURI=${encodeURIComponent(new URL(h.fake.appUrl).pathname)}`,
    'set-cookie': `${SID}; Path=/; HttpOnly`,
  },
  body: '',
})

test('a redirect to the Okta sign-in page: one line naming the app link, nothing written', async () => {
  await runAgainst(signInRedirect, (h, r) => {
    assertOneLine(r, h, (app) => `Okta answered the app link ${app} with its sign-in page instead of a SAML assertion\\.`)
    assert.match(r.stderr, /open it in a browser to check/)
    assert.is(h.fake.count({path: '/login/login.htm'}), 1, 'the redirect was not followed')
  })
})

test('a page without a SAMLResponse (an app that is not a SAML app): one line naming the app link', async () => {
  await runAgainst(
    () => ({status: 200, headers: {...HTML, 'set-cookie': `${SID}; Path=/; HttpOnly`}, body: oidcFormPost}),
    (h, r) => {
      assertOneLine(r, h, (app) => `The page at ${app} holds no SAML assertion\\.`)
      assert.match(r.stderr, /Check okta_aws_app_url/)
    },
  )
})

test('a 404 for the app link: one line naming it', async () => {
  await runAgainst(
    () => ({
      status: 404,
      headers: {...HTML, 'set-cookie': `${SID}; Path=/; HttpOnly`},
      body: '<!DOCTYPE html><html><body><h1>404 Page Not Found</h1></body></html>',
    }),
    (h, r) => assertOneLine(r, h, (app) => `Okta has no app at ${app} \\(404 Not Found\\)\\.`),
  )
})

test('--debug shows where the app link went, still without the sessionToken or cookies', async () => {
  await runAgainst(
    signInRedirect,
    (_h, r) => {
      assert.match(r.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/home\/amazon_aws\/0oa1b2c3d4EXAMPLE\/272\?sessionToken=\*\*\*\* → 200/)
      assert.match(r.stderr, /redirect → http:\/\/127\.0\.0\.1:\d+\/login\/login\.htm/)
    },
    ['--debug'],
  )
})

test.run()
