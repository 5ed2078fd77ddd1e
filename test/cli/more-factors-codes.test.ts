// Split from more-factors.test.ts (the factors typed as codes) so that the runner, which
// parallelises by file, runs the two side by side.
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {FakeFactor} from '../support/fake/types.js'
import {totp} from '../support/fake/totp.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const setup = (h: Harness) => h.cfg(returningUserCfg(h.fake, {profile: developer}))
const verifyCalls = (h: Harness) =>
  h.fake.requests.filter((q) => /\/verify(\/resend)?$/.test(q.path)).map((q) => q.path.replace(/.*factors\/[^/]+/, ''))

// A code works once, so the scripted run sends the one the token shows next (Okta accepts a step ahead).
for (const [label, factor, code, flagName] of [
  ['YubiKey OTP', {type: 'token:hardware', provider: 'YUBICO'}, () => 'cccccc' + 'cbdefghijklnrtuv'.repeat(3).slice(0, 38), 'YubiKey'],
  ['RSA SecurID', {type: 'token', provider: 'RSA'}, (secret: string, at?: number) => totp(secret, at), 'RSA SecurID'],
  ['Symantec VIP', {type: 'token', provider: 'SYMANTEC'}, (secret: string, at?: number) => totp(secret, at), 'symantec'],
  [
    'an authenticator app of another provider',
    {type: 'token:software:totp', provider: 'FORTINET'},
    (secret: string, at?: number) => totp(secret, at),
    'totp',
  ],
] as [string, FakeFactor, (secret: string, at?: number) => string, string][]) {
  test(`${label}: typed at the prompt, and given with --mfa-code`, async () => {
    await withHarness({factors: [{type: 'push', provider: 'OKTA'}, factor]}, async (h) => {
      setup(h)
      const r = await h.pty(
        ['-p', 'website', '--mfa', flagName],
        [
          {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
          {expect: /code/, send: () => `${code(h.fake.scenario.totpSecret)}${KEY.enter}`},
          {expect: /valid until/},
        ],
      )
      assert.is(r.code, 0, r.screen)
      const next = code(h.fake.scenario.totpSecret, Date.now() + 30_000)
      const scripted = await h.run(['-p', 'website', '--force', '--mfa', flagName, '--mfa-code', next], withPassword)
      assert.is(scripted.code, 0, scripted.stderr)
      assert.is(h.fake.issued.length, 2)
    })
  })
}

test('security question: the answer is typed masked', async () => {
  await withHarness({factors: [{type: 'question', provider: 'OKTA'}]}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /What is the food you least liked as a child\?/, send: `broccoli${KEY.enter}`},
        {expect: /That answer was not accepted\. Try again \(2 tries left\)\./},
        {expect: /What is the food you least liked as a child\?/, send: `pizza${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.not.ok(r.screen.includes('pizza'), 'the answer was echoed')
  })
})

test('okta_onetimepassword_secret: the code is made, nothing is asked, no terminal needed', async () => {
  await withHarness(
    {
      factors: [
        {type: 'push', provider: 'OKTA'},
        {type: 'token:software:totp', provider: 'GOOGLE'},
      ],
    },
    async (h) => {
      setup(h)
      const r = await h.run(['-p', 'website', '--mfa', 'Google Authenticator'], {
        ...withPassword,
        okta_onetimepassword_secret: h.fake.scenario.totpSecret.toLowerCase(),
      })
      assert.is(r.code, 0, r.stderr)
      assert.equal(verifyCalls(h), ['/verify'])
      const bad = await h.run(['-p', 'website', '--force', '--mfa', 'Google Authenticator'], {
        ...withPassword,
        okta_onetimepassword_secret: 'not base32!',
      })
      assert.is(bad.code, 1)
      assert.match(bad.stderr, /^clokta: environment variable okta_onetimepassword_secret is not a base32 TOTP secret/m)
    },
  )
})

test.run()
