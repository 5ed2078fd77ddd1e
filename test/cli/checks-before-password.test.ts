import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** Exactly one `clokta:` line (and at most a hint), nothing before it, no stack. */
function assertOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trimEnd().split('\n')
  assert.match(lines[0], pattern)
  assert.ok(lines.length <= 2 && (lines.length === 1 || lines[1].startsWith('  ')), `more than a line and a hint:\n${stderr}`)
}

test('an app URL that is the dashboard or an end-user page is refused before anything is sent, naming where it came from', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const dashboard = `${h.fake.oktaUrl}/app/UserHome?fromHome=true`
    const fromEnv = await h.run(['-p', 'website'], {okta_password: PASSWORD, okta_aws_app_url: dashboard})
    assert.is(fromEnv.code, 1, fromEnv.stderr)
    assertOneLine(
      fromEnv.stderr,
      new RegExp(
        `^clokta: The Okta app URL from environment variable okta_aws_app_url \\(${escape(h.fake.oktaUrl)}/app/UserHome\\) is the Okta dashboard, not the AWS app\\.$`,
      ),
    )
    assert.match(fromEnv.stderr, /^ {2}Right-click the AWS app on your Okta dashboard, copy its link/m)

    h.cfg(returningUserCfg(h.fake, {profile: developer}).replace(h.fake.appUrl, `${h.fake.oktaUrl}/enduser/catalog`))
    const fromCfg = await h.run(['-p', 'website'], {okta_password: PASSWORD})
    assert.is(fromCfg.code, 1, fromCfg.stderr)
    assertOneLine(
      fromCfg.stderr,
      /^clokta: The Okta app URL from \[website\] in ~\/\.clokta\/clokta\.cfg \(http:\/\/127\.0\.0\.1:\d+\/enduser\/catalog\) is a page of the Okta dashboard, not the AWS app\.$/,
    )
    assert.is(h.fake.requests.length, 0)
  })
})

test('the first-run prompt refuses the dashboard link and asks again', async () => {
  await withHarness({}, async (h) => {
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta App URL/, send: `${h.fake.oktaUrl}/app/UserHome${KEY.enter}`},
        {expect: /is the Okta dashboard, not the AWS app\. Right-click the AWS app/, send: '\x07'}, // Ctrl-G clears the answer
        {expect: /Okta App URL/, send: `${h.fake.appUrl}${KEY.enter}`},
        {expect: /Okta username/, send: '\x03'},
        {expect: /clokta: Cancelled\./},
      ],
    )
    assert.is(r.code, 130, r.screen)
    assert.is(h.fake.requests.length, 0)
  })
})

test('an okta_onetimepassword_secret that cannot be a seed is refused before the password is asked for or sent', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    // no okta_password and no terminal: a password would be asked for, and fail, after the seed check
    const notBase32 = await h.run(['-p', 'website'], {okta_onetimepassword_secret: 'not base32!'})
    assert.is(notBase32.code, 1, notBase32.stderr)
    assertOneLine(
      notBase32.stderr,
      /^clokta: environment variable okta_onetimepassword_secret is not a base32 TOTP secret \(letters A-Z and digits 2-7\)\.$/,
    )

    h.cfg(returningUserCfg(h.fake, {profile: `${developer}okta_onetimepassword_secret = JBSWY3DP\n`}))
    const short = await h.run(['-p', 'website'], {okta_password: PASSWORD})
    assert.is(short.code, 1, short.stderr)
    assertOneLine(
      short.stderr,
      /^clokta: okta_onetimepassword_secret of \[website\] in ~\/\.clokta\/clokta\.cfg is too short for an authenticator seed \(at least 16 base32 characters\)\.$/,
    )
    assert.is(h.fake.count({path: '/api/v1/authn'}), 0)
    assert.is(h.fake.requests.length, 0)
  })
})

test.run()
