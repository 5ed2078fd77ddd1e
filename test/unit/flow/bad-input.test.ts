import {existsSync, readdirSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (errors, checks-before-password): input the login refuses before it
// sends anything, each with its one message; cli/errors keeps the `clokta: ...` line and exit code.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}

async function refusal(run: Promise<unknown>): Promise<CloktaError> {
  return run.then(
    () => {
      throw new Error('the login did not fail')
    },
    (e: CloktaError) => e,
  )
}

function assertNothingWritten(f: FlowHarness) {
  assert.not.ok(existsSync(f.home.path('.aws/credentials')), '~/.aws/credentials was written')
  assert.not.ok(existsSync(f.home.path('.clokta/website.env')), '~/.clokta/website.env was written')
  assert.not.ok(existsSync(f.home.path('.clokta/website.sh')), '~/.clokta/website.sh was written')
}

test('a profile name like ../../x, a/b, .hidden or DEFAULT is refused (usage) before anything is sent or written (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    const rule = 'use letters, digits, ".", "_" and "-" only (at most 128, not starting with "." or "-", no "..").'
    for (const [bad, message] of [
      ['../../x', `Invalid profile name "../../x": ${rule}`],
      ['a/b', `Invalid profile name "a/b": ${rule}`],
      ['.hidden', `Invalid profile name ".hidden": ${rule}`],
      ['DEFAULT', 'The profile name "DEFAULT" is reserved: every other profile would inherit its keys. Choose another name.'],
    ]) {
      const error = await refusal(f.login([bad], {}, PASSWORD))
      assert.is(error.message, message, bad)
      assert.is(error.exitCode, 2, bad)
    }
    assert.is(f.fake.requests.length, 0)
    assert.equal(readdirSync(f.home.dir), [])
  })
})

test('-p a -p b with --role is refused (usage) before anything is sent, not taken as one role for both (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\n`))
    const error = await refusal(f.login(['website', 'billing'], {role: 'Developer'}, PASSWORD))
    assert.is(error.message, '--role picks one role, so it goes with one -p; with several, each profile uses its remembered role.')
    assert.is(error.exitCode, 2)
    assert.is(f.fake.requests.length, 0)
    assertNothingWritten(f)
  })
})

test('a malformed ~/.aws/credentials is named and left as it was, before the login; no other artefact is written (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const junk = 'aws_access_key_id = outside any section\n'
    f.home.write('.aws/credentials', junk)
    const error = await refusal(f.login(['website'], {}, PASSWORD))
    assert.is(error.message, '~/.aws/credentials line 1 sets a key before any `[section]` header.')
    assert.is(readFileSync(f.home.path('.aws/credentials'), 'utf8'), junk)
    assert.is(f.fake.requests.length, 0, 'reported before the login')
    assert.is(f.sts.length, 0)
    assert.not.ok(existsSync(f.home.path('.clokta/website.env')))
    assert.not.ok(existsSync(f.home.path('.clokta/website.sh')))
  })
})

test('an app URL over plain http to a remote host is refused, naming where it came from, before anything is sent (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace(f.fake.appUrl, 'http://login.example.com/home/amazon_aws/0oa1/272'))
    const error = await refusal(f.login(['website'], {}, PASSWORD))
    assert.match(
      error.message,
      /^Refusing the Okta app URL from \[website\] in ~\/\.clokta\/clokta\.cfg: http:\/\/login\.example\.com: only https:\/\/ is allowed/,
    )
    assert.is(f.fake.requests.length, 0)
    assertNothingWritten(f)
  })
})

test('an STS endpoint override over plain http to a remote host is refused before the login (moved from the CLI tests)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      // the SDK (and so clokta) reads the override from the process's environment
      process.env.AWS_ENDPOINT_URL_STS = 'http://sts.example.com/'
      const error = await refusal(f.login(['website'], {}, PASSWORD))
      assert.match(
        error.message,
        /^Refusing to send an assertion, token or signed request to the STS endpoint http:\/\/sts\.example\.com: only https:\/\//,
      )
      assert.is(f.fake.requests.length, 0)
      assertNothingWritten(f)
    },
    {stsServer: true},
  )
})

test('an app URL that is the dashboard or an end-user page is refused before anything is sent, naming where it came from (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    const hint = /^Right-click the AWS app on your Okta dashboard, copy its link and use that, e\.g\. /
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const fromEnv = await refusal(f.login(['website'], {}, {...PASSWORD, okta_aws_app_url: `${f.fake.oktaUrl}/app/UserHome?fromHome=true`}))
    assert.is(
      fromEnv.message,
      `The Okta app URL from environment variable okta_aws_app_url (${f.fake.oktaUrl}/app/UserHome) is the Okta dashboard, not the AWS app.`,
    )
    assert.match(fromEnv.hint ?? '', hint)

    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace(f.fake.appUrl, `${f.fake.oktaUrl}/enduser/catalog`))
    const fromCfg = await refusal(f.login(['website'], {}, PASSWORD))
    assert.is(
      fromCfg.message,
      `The Okta app URL from [website] in ~/.clokta/clokta.cfg (${f.fake.oktaUrl}/enduser/catalog) is a page of the Okta dashboard, not the AWS app.`,
    )
    assert.match(fromCfg.hint ?? '', hint)
    assert.is(f.fake.requests.length, 0)
    assertNothingWritten(f)
  })
})

test('an okta_onetimepassword_secret that cannot be a seed is refused before the password is asked for or sent (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    // no okta_password and no terminal: the password would be asked for, and fail, after the seed check
    const notBase32 = await refusal(f.login(['website'], {}, {okta_onetimepassword_secret: 'not base32!'}))
    assert.is(notBase32.message, 'environment variable okta_onetimepassword_secret is not a base32 TOTP secret (letters A-Z and digits 2-7).')

    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, 'okta_onetimepassword_secret = JBSWY3DP\n'))
    const short = await refusal(f.login(['website'], {}, PASSWORD))
    assert.is(
      short.message,
      'okta_onetimepassword_secret of [website] in ~/.clokta/clokta.cfg is too short for an authenticator seed (at least 16 base32 characters).',
    )
    assert.is(f.fake.requests.length, 0)
    assertNothingWritten(f)
  })
})

test.run()
