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

for (const [label, factor, mfa] of [
  ['voice call', {type: 'call', provider: 'OKTA'}, 'Voice call'],
  ['email', {type: 'email', provider: 'OKTA'}, 'email'],
] as [string, FakeFactor, string][]) {
  test(`${label}: sent, announced, typed`, async () => {
    await withHarness({factors: [{type: 'push', provider: 'OKTA'}, factor]}, async (h) => {
      setup(h)
      const r = await h.pty(
        ['-p', 'website', '--mfa', mfa],
        [
          {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
          {expect: label === 'email' ? /Code sent by email to j…e@example\.com\./ : /Calling \+1 XXX-XXX-1337 with the code\./},
          {expect: /code \(r to send it again\)/, send: () => `${h.fake.smsSent.at(-1)}${KEY.enter}`},
          {expect: /valid until/},
        ],
      )
      assert.is(r.code, 0, r.screen)
      assert.equal(verifyCalls(h), ['/verify', '/verify'])
    })
  })
}

test('SMS resend on request, and the 30 s limit explained instead of waited out', async () => {
  await withHarness({factors: [{type: 'sms', provider: 'OKTA'}]}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /SMS code \(r to send it again\)/, send: `r${KEY.enter}`},
        {expect: /Okta sends at most one SMS every 30 seconds; wait a little, then type r again\./},
        // Make the first code old enough for a resend.
        {expect: /SMS code \(r to send it again\)/, send: () => (h.fake.advanceTime(31_000), `r${KEY.enter}`)},
        {expect: /Sent again\. SMS code sent to \+1 XXX-XXX-1337\./},
        {expect: /SMS code \(r to send it again\)/, send: () => `${h.fake.smsSent.at(-1)}${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.smsSent.length, 2)
    assert.equal(verifyCalls(h), ['/verify', '/verify/resend', '/verify/resend', '/verify'])
    assert.equal(
      h.fake.requests.filter((q) => q.path.includes('/verify')).map((q) => q.status),
      [200, 429, 200, 200],
    )
  })
})

test('an SMS code without a terminal: one line, and no SMS is sent', async () => {
  await withHarness({factors: [{type: 'sms', provider: 'OKTA'}]}, async (h) => {
    setup(h)
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: An SMS code can only be typed at a terminal\.$/m)
    assert.is(h.fake.smsSent.length, 0)
  })
})

// Okta gives a voice call challenge no resend link: the call is repeated through the verify link.
for (const [label, factor, prompt, limit, intervalMs, sent, calls] of [
  [
    'voice call',
    {type: 'call', provider: 'OKTA'},
    /voice call code \(r to send it again\)/,
    /Okta makes at most one call every 30 seconds; wait a little, then type r again\./,
    31_000,
    /Sent again\. Calling \+1 XXX-XXX-1337 with the code\./,
    ['/verify', '/verify', '/verify', '/verify'],
  ],
  [
    'email',
    {type: 'email', provider: 'OKTA'},
    /email code \(r to send it again\)/,
    /Okta sends at most one email every 5 seconds; wait a little, then type r again\./,
    6_000,
    /Sent again\. Code sent by email to j…e@example\.com\./,
    ['/verify', '/verify/resend', '/verify/resend', '/verify'],
  ],
] as [string, FakeFactor, RegExp, RegExp, number, RegExp, string[]][]) {
  test(`${label} resend on request, and its own limit explained`, async () => {
    await withHarness({factors: [factor]}, async (h) => {
      setup(h)
      const r = await h.pty(
        ['-p', 'website'],
        [
          {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
          {expect: prompt, send: `r${KEY.enter}`},
          {expect: limit},
          {expect: prompt, send: () => (h.fake.advanceTime(intervalMs), `r${KEY.enter}`)},
          {expect: sent},
          {expect: prompt, send: () => `${h.fake.smsSent.at(-1)}${KEY.enter}`},
          {expect: /valid until/},
        ],
      )
      assert.is(r.code, 0, r.screen)
      assert.is(h.fake.smsSent.length, 2)
      assert.equal(verifyCalls(h), calls)
      assert.equal(
        h.fake.requests.filter((q) => q.path.includes('/verify')).map((q) => q.status),
        [200, 429, 200, 200],
      )
    })
  })
}

// The waiting itself is tested in process with a fake clock (test/unit/flow/factors.test.ts); this is the wiring, 1 s.
test('--push-timeout: clokta stops waiting, and without a terminal says so in one line', async () => {
  await withHarness({factors: [{type: 'push', provider: 'OKTA'}], push: {waits: 1000, result: 'SUCCESS'}}, async (h) => {
    setup(h)
    const started = Date.now()
    const r = await h.run(['-p', 'website', '--push-timeout', '1'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: The Okta Verify push was not approved within 1 s\.$/m)
    assert.ok(Date.now() - started < 8000)
  })
})

test('after Okta times the push out, another one is offered and sent', async () => {
  await withHarness({factors: [{type: 'push', provider: 'OKTA'}], push: {waits: 1, result: 'TIMEOUT'}}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {
          expect: /The Okta Verify push expired before it was approved\. Send another push\?/,
          send: () => {
            h.fake.scenario.push = {waits: 1, result: 'SUCCESS'}
            return 'y'
          },
        },
        {expect: /Okta Verify push approved\./},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.pushSentCount, 2)
  })
})

test('browser-only factors are shown as unavailable; if they are all there is, one line says so', async () => {
  await withHarness(
    {
      factors: [
        {type: 'webauthn', provider: 'FIDO'},
        {type: 'sms', provider: 'OKTA'},
        {type: 'token:software:totp', provider: 'OKTA'},
      ],
    },
    async (h) => {
      setup(h)
      const r = await h.pty(
        ['-p', 'website', '--mfa', 'webauthn'],
        [
          {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
          {expect: /Security key or biometric \(WebAuthn\) \(from --mfa\) needs a browser; clokta can use: SMS text message, Okta Verify\./},
          {
            expect:
              /Choose an MFA factor[\s\S]*SMS text message[\s\S]*Okta Verify[\s\S]*Security key or biometric \(WebAuthn\)[\s\S]*needs a browser/,
            send: `${KEY.down}${KEY.enter}`,
          },
          {expect: /Okta Verify code/, send: () => `${totp(h.fake.scenario.totpSecret)}${KEY.enter}`},
          {expect: /valid until/},
        ],
      )
      assert.is(r.code, 0, r.screen)
    },
  )
  await withHarness(
    {
      factors: [
        {type: 'webauthn', provider: 'FIDO'},
        {type: 'u2f', provider: 'FIDO'},
        {type: 'web', provider: 'DUO'},
      ],
    },
    async (h) => {
      setup(h)
      const r = await h.run(['-p', 'website'], withPassword)
      assert.is(r.code, 1)
      assert.match(
        r.stderr,
        /^clokta: None of your Okta factors can be completed in a terminal \(found: Security key or biometric \(WebAuthn\), U2F security key, Duo Security\)\.\n {2}Enrol one that can \(Okta Verify/m,
      )
      assert.is(h.fake.count({path: /verify/}), 0, 'no factor was started')
    },
  )
})

test('--mfa-code with a push preference uses the code factor instead of waiting on a push', async () => {
  await withHarness(
    {
      factors: [
        {type: 'push', provider: 'OKTA'},
        {type: 'token:software:totp', provider: 'GOOGLE'},
      ],
    },
    async (h) => {
      setup(h) // clokta.cfg prefers Okta Verify with Push
      const r = await h.run(['-p', 'website', '--mfa-code', totp(h.fake.scenario.totpSecret)], withPassword)
      assert.is(r.code, 0, r.stderr)
      assert.match(
        r.stderr,
        /Okta Verify with Push \(from \[DEFAULT\] in ~\/\.clokta\/clokta\.cfg\) takes no code; using a factor that does, for --mfa-code\./,
      )
      assert.is(h.fake.pushSentCount, 0)
      const push = await h.run(['-p', 'website', '--force', '--mfa', 'push', '--mfa-code', '123456'], withPassword)
      assert.is(push.code, 2)
      assert.match(push.stderr, /^clokta: --mfa-code cannot be used with Okta Verify with Push: it takes no code typed up front\.$/m)
      const malformed = await h.run(['-p', 'website', '--force', '--mfa-code', 'abc'], withPassword)
      assert.is(malformed.code, 2)
      assert.match(malformed.stderr, /^clokta: The --mfa-code does not look like a Google Authenticator code: Type the 6 digits the app shows\.$/m)
      assert.is(h.fake.pushSentCount, 0)
    },
  )
})

test('a preference that is not enrolled: said, listed, and without a terminal a one-line failure with the list', async () => {
  await withHarness(
    {
      factors: [
        {type: 'sms', provider: 'OKTA'},
        {type: 'token:software:totp', provider: 'GOOGLE'},
      ],
    },
    async (h) => {
      setup(h)
      const r = await h.run(['-p', 'website'], withPassword)
      assert.is(r.code, 1)
      assert.match(
        r.stderr,
        /The MFA factor "Okta Verify with Push" \(from \[DEFAULT\] in ~\/\.clokta\/clokta\.cfg\) is not enrolled for you; enrolled: SMS text message, Google Authenticator\./,
      )
      assert.match(
        r.stderr,
        /^clokta: Cannot ask for the MFA factor without a terminal: pass --mfa with one of: "SMS text message", "Google Authenticator"\.$/m,
      )
      assert.is(h.fake.count({path: /verify/}), 0)
    },
  )
})

test.run()
