import {existsSync, readdirSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {assertOneLine} from '../support/one-line-error.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

function assertNothingWritten(h: Harness, cfgBefore?: string) {
  assert.not.ok(existsSync(h.home.path('.aws')), '~/.aws was created')
  assert.not.ok(existsSync(h.home.path('.clokta/website.env')))
  assert.not.ok(existsSync(h.home.path('.clokta/website.sh')))
  if (cfgBefore !== undefined) assert.is(h.read('.clokta/clokta.cfg'), cfgBefore, 'clokta.cfg changed')
}

test('wrong password: one line, asked once, never retried, nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    const cfg = h.cfg(returningUserCfg(h.fake, {profile: developer})) && h.read('.clokta/clokta.cfg')
    const r = await h.run(['-p', 'website'], {okta_password: 'wrong password'})
    assert.is(r.code, 1)
    assertOneLine(r.stderr, /^clokta: Okta rejected the username or password for jdoe@example\.com \(E0000004\)\.$/)
    assert.match(r.stderr, /never retries a password/)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
    assert.is(h.fake.count({path: /verify/}), 0)
    assertNothingWritten(h, cfg)
  })
})

// Which names are refused, and with which message: test/unit/flow/bad-input.test.ts; this is the wiring.
test('a profile name like ../../x is refused before anything is read, sent or written', async () => {
  await withHarness(pushOnly, async (h) => {
    const r = await h.run(['-p', '../../x'], withPassword)
    assert.is(r.code, 2)
    assertOneLine(r.stderr, /^clokta: Invalid profile name "\.\.\/\.\.\/x": use letters, digits/)
    assert.is(h.fake.requests.length, 0)
    assert.equal(readdirSync(h.home.dir), [])
  })
})

test('a malformed clokta.cfg: the file and line named, nothing changed', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg('[DEFAULT]\nokta_username = jdoe\nthis line is junk\n')
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assertOneLine(r.stderr, /^clokta: ~\/\.clokta\/clokta\.cfg line 3 is not `key = value`, a `\[section\]` header or a comment\.$/)
    assert.is(h.read('.clokta/clokta.cfg'), '[DEFAULT]\nokta_username = jdoe\nthis line is junk\n')
    assert.is(h.fake.requests.length, 0)
  })
})

// The missing app URL of a first run: test/unit/flow/no-terminal.test.ts; this is the wiring.
test('no terminal: a missing input fails at once naming what provides it', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const noPassword = await h.run(['-p', 'website'])
    assert.is(noPassword.code, 1)
    assertOneLine(noPassword.stderr, /^clokta: Cannot ask for the Okta password without a terminal: set okta_password in the environment\.$/)
    assert.is(h.fake.requests.length, 0)
    const noProfile = await h.run(['login'])
    assert.is(noProfile.code, 2)
    assertOneLine(noProfile.stderr, /^clokta: Which profile\? Give it with -p <profile> \(or set AWS_PROFILE\)\.$/)
  })
})

// Usage errors are oclif's (parsing) or the command's own; each is one line and exit 2. Which
// message for which bad flag: test/unit/cli/command-errors.test.ts; `clokta website`: cli/command-line.
test('a flag oclif cannot parse is one line and exit 2, before anything is sent or written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const cfg = h.read('.clokta/clokta.cfg')
    const unknown = await h.run(['-p', 'website', '--nope'], withPassword)
    assert.is(unknown.code, 2)
    assertOneLine(unknown.stderr, /^clokta: Nonexistent flag: --nope$/)
    assert.is(h.fake.requests.length, 0)
    assertNothingWritten(h, cfg)
  })
})

// Moved here from cli/app-page: where the app link went (a redirect to the sign-in page), still
// without the sessionToken or cookies. AWS_PROFILE (no -p) names the profile of the run that succeeds.
test('--debug logs each request with secrets redacted, and where the app link went', async () => {
  await withHarness({...pushOnly, push: {waits: 1, result: 'SUCCESS'}}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const sid = 'sid=102Qx7EXAMPLEcookieNeverShown'
    const signIn = `${h.fake.oktaUrl}/login/login.htm?fromURI=${encodeURIComponent(new URL(h.fake.appUrl).pathname)}`
    h.fake.scenario.inject.app = [{status: 302, headers: {location: signIn, 'set-cookie': `${sid}; Path=/; HttpOnly`}, body: ''}]
    const stopped = await h.run(['-p', 'website', '--debug'], withPassword)
    assert.is(stopped.code, 1, stopped.stderr)
    assert.match(stopped.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/home\/amazon_aws\/0oa1b2c3d4EXAMPLE\/272\?sessionToken=\*\*\*\* → 200/)
    assert.match(stopped.stderr, /redirect → http:\/\/127\.0\.0\.1:\d+\/login\/login\.htm/)
    assert.match(stopped.stderr, /^clokta: Okta answered the app link .* with its sign-in page instead of a SAML assertion\.$/m)
    const sessionToken = h.fake.requests.find((q) => q.path.startsWith('/home/'))!.query.sessionToken
    for (const secret of [PASSWORD, sid.slice('sid='.length), sessionToken]) {
      assert.not.ok((stopped.stdout + stopped.stderr).includes(secret), `printed: ${secret.slice(0, 12)}…`)
    }
    assert.not.match(stopped.stdout + stopped.stderr, /sessionToken=(?!\*{4})/, 'a sessionToken printed unredacted')

    const r = await h.run(['login', '--debug'], {...withPassword, AWS_PROFILE: 'website'})
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /^Using profile 'website' from AWS_PROFILE$/m)
    assert.match(r.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/authn → 200/)
    assert.match(r.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/home\/amazon_aws\/0oa1b2c3d4EXAMPLE\/272\?sessionToken=\*\*\*\* → 200/)
    assert.match(r.stderr, /okta_username=jdoe@example\.com \(from \[DEFAULT\] in ~\/\.clokta\/clokta\.cfg\)/)
    assert.match(r.stderr, /okta_password=\*\*\*\* \(from environment variable okta_password\)/)
    assert.match(r.stderr, /STS AssumeRoleWithSAML http:\/\/127\.0\.0\.1:\d+\/ → 200 \(\d+ ms\)/)
    assert.equal(h.read('.aws/credentials').match(/^\[.*\]$/gm), ['[website]'])
    assert.ok(existsSync(h.home.path('.clokta/website.env')))
    const issued = h.fake.issued[0]
    const assertion = [...h.fake.requests].reverse().find((q) => q.service === 'sts')!.body
    for (const secret of [PASSWORD, issued.secretAccessKey, issued.sessionToken, new URLSearchParams(assertion).get('SAMLAssertion')!]) {
      assert.not.ok(r.stderr.includes(secret) || r.stdout.includes(secret), `leaked: ${secret.slice(0, 12)}…`)
    }
  })
})

test.run()
