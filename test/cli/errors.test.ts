import {existsSync, readdirSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

function assertNothingWritten(h: Harness, cfgBefore?: string) {
  assert.not.ok(existsSync(h.home.path('.aws')), '~/.aws was created')
  assert.not.ok(existsSync(h.home.path('.clokta/website.env')))
  assert.not.ok(existsSync(h.home.path('.clokta/website.sh')))
  if (cfgBefore !== undefined) assert.is(h.read('.clokta/clokta.cfg'), cfgBefore, 'clokta.cfg changed')
}

function assertOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trimEnd().split('\n')
  const errorLine = lines.findIndex((l) => l.startsWith('clokta: '))
  assert.ok(errorLine >= 0, stderr)
  assert.match(lines[errorLine], pattern)
  assert.ok(lines.length - errorLine <= 2, `more than a line and a hint:\n${stderr}`)
  assert.not.match(stderr, /\n\s+at .+:\d+:\d+/, 'stack trace')
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

// Prompted first-run answers are saved before the login (see first-run.test.ts); values
// given in the environment are this run's only, whether the login fails or not.
// Which message each Okta state gets is tested in process (test/unit/flow/okta-errors.test.ts); this is the wiring.
test('locked account: one line, nothing written', async () => {
  for (const [authnOutcome, message] of [['LOCKED_OUT', /^clokta: Your Okta account jdoe@example\.com is locked\.$/]] as const) {
    await withHarness({...pushOnly, authnOutcome}, async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: developer}))
      const r = await h.run(['-p', 'website'], withPassword)
      assert.is(r.code, 1, authnOutcome)
      assertOneLine(r.stderr, message)
      assertNothingWritten(h)
    })
  }
})

test('a profile name like ../../x is refused before anything is read, sent or written', async () => {
  await withHarness(pushOnly, async (h) => {
    for (const bad of ['../../x', 'a/b', '.hidden']) {
      const r = await h.run(['-p', bad], withPassword)
      assert.is(r.code, 2, bad)
      assertOneLine(r.stderr, /^clokta: Invalid profile name ".*": use letters, digits/)
    }
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

test('a malformed ~/.aws/credentials is left as it was, and no other artefact is written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const junk = 'aws_access_key_id = outside any section\n'
    h.home.write('.aws/credentials', junk)
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assertOneLine(r.stderr, /^clokta: ~\/\.aws\/credentials line 1 sets a key before any `\[section\]` header\.$/)
    assert.is(h.read('.aws/credentials'), junk)
    assert.is(h.fake.requests.length, 0, 'reported before the login')
    assert.not.ok(existsSync(h.home.path('.clokta/website.env')))
  })
})

test('an Okta app that is not the AWS app', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}).replace(h.fake.appUrl, h.fake.nonAwsAppUrl))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assertOneLine(r.stderr, new RegExp(`^clokta: The Okta app at ${h.fake.nonAwsAppUrl.replace(/[./]/g, '\\$&')} is not an AWS app`))
    assert.is(h.fake.count({service: 'sts'}), 0)
    assertNothingWritten(h)
  })
})

test('an app link Okta does not know (404)', async () => {
  await withHarness(pushOnly, async (h) => {
    const missing = `${h.fake.oktaUrl}/home/amazon_aws/0oaNOPE/272`
    h.cfg(returningUserCfg(h.fake, {profile: developer}).replace(h.fake.appUrl, missing))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assertOneLine(r.stderr, /^clokta: Okta has no app at .*\/home\/amazon_aws\/0oaNOPE\/272 \(404 Not Found\)\.$/)
  })
})

// Which hosts count as loopback, and that https custom domains are the org: test/unit/config/app-url.test.ts
test('an app URL over plain http to a remote host is refused before anything is sent', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}).replace(h.fake.appUrl, 'http://login.example.com/home/amazon_aws/0oa1/272'))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assertOneLine(
      r.stderr,
      /^clokta: Refusing the Okta app URL from \[website\] in ~\/\.clokta\/clokta\.cfg: http:\/\/login\.example\.com: only https:\/\/ is allowed/,
    )
    assert.is(h.fake.requests.length, 0)
  })
})

test('an unreachable Okta names the host', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}).replace(h.fake.oktaUrl, 'http://127.0.0.1:9'))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assertOneLine(r.stderr, /^clokta: Cannot reach 127\.0\.0\.1:9: the connection was refused \(ECONNREFUSED\)\.$/)
  })
})

test('no terminal: each missing input fails at once naming what provides it', async () => {
  await withHarness(pushOnly, async (h) => {
    const firstRun = await h.run(['-p', 'website'], withPassword)
    assert.is(firstRun.code, 1)
    assertOneLine(
      firstRun.stderr,
      /^clokta: Cannot ask for the Okta app URL without a terminal: set okta_aws_app_url in the environment or in ~\/\.clokta\/clokta\.cfg\.$/,
    )
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

test('STS refusing the role: one line naming the role, nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    h.fake.scenario.inject.sts = [
      {
        status: 403,
        headers: {'content-type': 'text/xml'},
        body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithSAML</Message></Error><RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId></ErrorResponse>',
      },
    ]
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assertOneLine(
      r.stderr,
      /^clokta: AWS STS refused role Developer in 123456789012: Not authorized to perform sts:AssumeRoleWithSAML \(AccessDenied\)\.$/,
    )
    assertNothingWritten(h)
  })
})

test('an STS endpoint override over plain http to a remote host is refused before the login', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const r = await h.run(['-p', 'website'], {...withPassword, AWS_ENDPOINT_URL_STS: 'http://sts.example.com/'})
    assert.is(r.code, 1)
    assertOneLine(r.stderr, /^clokta: Refusing to send the SAML assertion to the STS endpoint http:\/\/sts\.example\.com: only https:\/\//)
    assert.is(h.fake.requests.length, 0)
  })
})

test('`clokta website` suggests `clokta -p website`; bad flag values say why', async () => {
  await withHarness(pushOnly, async (h) => {
    const r = await h.run(['website'])
    assert.is(r.code, 2)
    assertOneLine(r.stderr, /^clokta: There is no command "website"\. To log in to that profile: clokta -p website$/)
    const bad = await h.run(['-p', 'website', '--push-timeout', 'abc'])
    assert.is(bad.code, 2)
    assertOneLine(bad.stderr, /^clokta: Parsing --push-timeout: Expected an integer but received: abc$/)
    const reserved = await h.run(['-p', 'DEFAULT'], withPassword)
    assert.is(reserved.code, 2)
    assertOneLine(reserved.stderr, /^clokta: The profile name "DEFAULT" is reserved/)
  })
})

test('AWS_PROFILE names the profile when -p is not given', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const r = await h.run(['login'], {...withPassword, AWS_PROFILE: 'website'})
    assert.is(r.code, 0, r.stderr)
    assert.match(h.read('.aws/credentials'), /^\[website\]$/m)
    assert.ok(existsSync(h.home.path('.clokta/website.env')))
    assert.equal(h.read('.aws/credentials').match(/^\[.*\]$/gm), ['[website]'])
  })
})

test('a stray word after -p <profile> is refused before anything is sent, not taken as a second profile', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const r = await h.run(['-p', 'website', 'extra-arg'], withPassword)
    assert.is(r.code, 2)
    assertOneLine(r.stderr, /^clokta: Unexpected argument: extra-arg$/)
    assert.is(h.fake.requests.length, 0)
    assertNothingWritten(h)
    const two = await h.run(['-p', 'website', '-p', 'billing', '--role', 'Developer'], withPassword)
    assert.is(two.code, 2)
    assert.is(h.fake.requests.length, 0)
  })
})

test('unknown flags are one line too', async () => {
  await withHarness(pushOnly, async (h) => {
    const r = await h.run(['-p', 'website', '--nope'])
    assert.is(r.code, 2)
    assertOneLine(r.stderr, /^clokta: Nonexistent flag: --nope$/)
  })
})

test('--debug logs each request with secrets redacted', async () => {
  await withHarness({...pushOnly, push: {waits: 1, result: 'SUCCESS'}}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const r = await h.run(['-p', 'website', '--debug'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/authn → 200/)
    assert.match(r.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/home\/amazon_aws\/0oa1b2c3d4EXAMPLE\/272\?sessionToken=\*\*\*\* → 200/)
    assert.match(r.stderr, /okta_username=jdoe@example\.com \(from \[DEFAULT\] in ~\/\.clokta\/clokta\.cfg\)/)
    assert.match(r.stderr, /okta_password=\*\*\*\* \(from environment variable okta_password\)/)
    assert.match(r.stderr, /STS AssumeRoleWithSAML http:\/\/127\.0\.0\.1:\d+\/ → 200 \(\d+ ms\)/)
    const issued = h.fake.issued[0]
    const assertion = [...h.fake.requests].reverse().find((q) => q.service === 'sts')!.body
    for (const secret of [PASSWORD, issued.secretAccessKey, issued.sessionToken, new URLSearchParams(assertion).get('SAMLAssertion')!]) {
      assert.not.ok(r.stderr.includes(secret) || r.stdout.includes(secret), `leaked: ${secret.slice(0, 12)}…`)
    }
  })
})

test.run()
