// Moved from the CLI tests (more-factors, more-factors-codes): what each factor sends, asks
// and says, resends and their limits, factors a terminal cannot complete, --mfa-code with
// each, and okta_onetimepassword_secret. cli/more-factors keeps an SMS resend and a
// security question in a terminal, and the failures without one.
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import type {FakeFactor} from '../../support/fake/types.js'
import {totp} from '../../support/fake/totp.js'
import {cfgFor, whenAsked, withFlow, type FlowHarness} from '../../support/flow.js'

const PASSWORD = {okta_password: 'correct horse'}
const setup = (f: FlowHarness) => f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
const verifyCalls = (f: FlowHarness) =>
  f.fake.requests.filter((q) => /\/verify(\/resend)?$/.test(q.path)).map((q) => q.path.replace(/.*factors\/[^/]+/, ''))
/** the code the fake sent last, typed when asked */
const lastSent = (f: FlowHarness) => whenAsked(() => f.fake.smsSent.at(-1)!)
const said = (f: FlowHarness, line: string) => assert.ok(f.info.includes(line), `not said: ${line}\n--- said ---\n${f.info.join('\n')}`)

async function rejection(run: () => Promise<unknown>): Promise<CloktaError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.instance(error, CloktaError)
  return error as CloktaError
}

for (const [label, factor, mfa, sent] of [
  ['voice call', {type: 'call', provider: 'OKTA'}, 'Voice call', 'Calling +1 XXX-XXX-1337 with the code.'],
  ['email', {type: 'email', provider: 'OKTA'}, 'email', 'Code sent by email to j…e@example.com.'],
] as [string, FakeFactor, string, string][]) {
  test(`${label}: sent, announced, typed (moved from the CLI tests)`, async () => {
    await withFlow({factors: [{type: 'push', provider: 'OKTA'}, factor]}, async (f) => {
      setup(f)
      f.answer(lastSent(f))
      assert.equal((await f.login(['website'], {mfa}, PASSWORD)).failures, [])
      said(f, sent)
      assert.equal(
        f.asked.map((q) => [q.kind, q.message]),
        [['input', `${label} code (r to send it again)`]],
      )
      assert.equal(verifyCalls(f), ['/verify', '/verify'])
    })
  })
}

// Okta gives a voice call challenge no resend link: the call is repeated through the verify link.
for (const [label, factor, limit, intervalMs, sent, calls] of [
  [
    'SMS',
    {type: 'sms', provider: 'OKTA'},
    'Okta sends at most one SMS every 30 seconds; wait a little, then type r again.',
    31_000,
    'Sent again. SMS code sent to +1 XXX-XXX-1337.',
    ['/verify', '/verify/resend', '/verify/resend', '/verify'],
  ],
  [
    'voice call',
    {type: 'call', provider: 'OKTA'},
    'Okta makes at most one call every 30 seconds; wait a little, then type r again.',
    31_000,
    'Sent again. Calling +1 XXX-XXX-1337 with the code.',
    ['/verify', '/verify', '/verify', '/verify'],
  ],
  [
    'email',
    {type: 'email', provider: 'OKTA'},
    'Okta sends at most one email every 5 seconds; wait a little, then type r again.',
    6_000,
    'Sent again. Code sent by email to j…e@example.com.',
    ['/verify', '/verify/resend', '/verify/resend', '/verify'],
  ],
] as [string, FakeFactor, string, number, string, string[]][]) {
  test(`${label} resend on request, and its own limit explained instead of waited out (moved from the CLI tests)`, async () => {
    await withFlow({factors: [factor]}, async (f) => {
      setup(f)
      // r at once (too soon), r once the channel's interval has passed, then the code last sent
      f.answer(
        'r',
        whenAsked(() => (f.fake.advanceTime(intervalMs), 'r')),
        lastSent(f),
      )
      assert.equal((await f.login(['website'], {}, PASSWORD)).failures, [])
      said(f, limit)
      said(f, sent)
      assert.ok(f.info.indexOf(limit) < f.info.indexOf(sent), 'the limit is said before the code is sent again')
      assert.equal(
        f.asked.map((q) => q.message),
        Array(3).fill(`${label} code (r to send it again)`),
      )
      assert.is(f.fake.smsSent.length, 2)
      assert.equal(verifyCalls(f), calls)
      assert.equal(
        f.fake.requests.filter((q) => q.path.includes('/verify')).map((q) => q.status),
        [200, 429, 200, 200],
      )
    })
  })
}

test('an SMS code without a terminal: refused before any SMS is sent (moved from the CLI tests)', async () => {
  await withFlow({factors: [{type: 'sms', provider: 'OKTA'}]}, async (f) => {
    setup(f)
    const error = await rejection(() => f.login(['website'], {}, PASSWORD))
    assert.is(error.message, 'An SMS code can only be typed at a terminal.')
    assert.is(error.exitCode, 1)
    assert.is(f.fake.smsSent.length, 0)
    assert.is(f.sts.length, 0)
  })
})

test('browser-only factors are offered as unavailable; if they are all there is, one message says so and none is started (moved from the CLI tests)', async () => {
  const webauthn = {type: 'webauthn', provider: 'FIDO'} as const
  await withFlow({factors: [webauthn, {type: 'sms', provider: 'OKTA'}, {type: 'token:software:totp', provider: 'OKTA'}]}, async (f) => {
    setup(f)
    f.answer(
      (choices) => choices.find((c) => c.message === 'Okta Verify')!.name,
      whenAsked(() => totp(f.fake.scenario.totpSecret)),
    )
    assert.equal((await f.login(['website'], {mfa: 'webauthn'}, PASSWORD)).failures, [])
    said(f, 'Security key or biometric (WebAuthn) (from --mfa) needs a browser; clokta can use: SMS text message, Okta Verify.')
    assert.equal(
      f.asked[0].choices?.map((c) => [c.message, c.disabled]),
      [
        ['SMS text message', undefined],
        ['Okta Verify', undefined],
        ['Security key or biometric (WebAuthn)', 'needs a browser'],
      ],
    )
    assert.is(f.asked[1].message, 'Okta Verify code')
    assert.is(f.sts.length, 1)
  })
  await withFlow({factors: [webauthn, {type: 'u2f', provider: 'FIDO'}, {type: 'web', provider: 'DUO'}]}, async (f) => {
    setup(f)
    const error = await rejection(() => f.login(['website'], {}, PASSWORD))
    assert.is(
      error.message,
      'None of your Okta factors can be completed in a terminal (found: Security key or biometric (WebAuthn), U2F security key, Duo Security).',
    )
    assert.match(error.hint ?? '', /^Enrol one that can \(Okta Verify/)
    assert.is(error.exitCode, 1)
    assert.is(f.fake.count({path: /verify/}), 0, 'no factor was started')
  })
})

test('--mfa-code with a push preference uses a code factor instead of pushing; with --mfa push, or not a code, it is a usage error (moved from the CLI tests)', async () => {
  const factors = [
    {type: 'push', provider: 'OKTA'},
    {type: 'token:software:totp', provider: 'GOOGLE'},
  ] as const
  await withFlow({factors: [...factors]}, async (f) => {
    setup(f) // clokta.cfg prefers Okta Verify with Push
    assert.equal((await f.login(['website'], {mfaCode: totp(f.fake.scenario.totpSecret)}, PASSWORD)).failures, [])
    said(f, 'Okta Verify with Push (from [DEFAULT] in ~/.clokta/clokta.cfg) takes no code; using a factor that does, for --mfa-code.')
    assert.is(f.sts.length, 1)
    const push = await rejection(() => f.login(['website'], {force: true, mfa: 'push', mfaCode: '123456'}, PASSWORD))
    assert.is(push.message, '--mfa-code cannot be used with Okta Verify with Push: it takes no code typed up front.')
    assert.is(push.exitCode, 2)
    const malformed = await rejection(() => f.login(['website'], {force: true, mfaCode: 'abc'}, PASSWORD))
    assert.is(malformed.message, 'The --mfa-code does not look like a Google Authenticator code: Type the 6 digits the app shows.')
    assert.is(malformed.exitCode, 2)
    assert.is(f.fake.pushSentCount, 0)
    assert.is(f.sts.length, 1)
  })
})

test('a preference that is not enrolled: said with the list, and without a terminal a failure naming the choices (moved from the CLI tests)', async () => {
  await withFlow(
    {
      factors: [
        {type: 'sms', provider: 'OKTA'},
        {type: 'token:software:totp', provider: 'GOOGLE'},
      ],
    },
    async (f) => {
      setup(f)
      const error = await rejection(() => f.login(['website'], {}, PASSWORD))
      said(
        f,
        'The MFA factor "Okta Verify with Push" (from [DEFAULT] in ~/.clokta/clokta.cfg) is not enrolled for you; enrolled: SMS text message, Google Authenticator.',
      )
      assert.is(
        error.message,
        'Cannot ask for the MFA factor without a terminal: pass --mfa with one of: "SMS text message", "Google Authenticator".',
      )
      assert.is(error.exitCode, 1)
      assert.is(f.fake.count({path: /verify/}), 0)
    },
  )
})

// A code works once, so the second login sends the one the token shows next (Okta accepts a step ahead).
for (const [label, factor, code, mfa, prompt] of [
  [
    'YubiKey OTP',
    {type: 'token:hardware', provider: 'YUBICO'},
    () => 'cccccc' + 'cbdefghijklnrtuv'.repeat(3).slice(0, 38),
    'YubiKey',
    'YubiKey code',
  ],
  ['RSA SecurID', {type: 'token', provider: 'RSA'}, totp, 'RSA SecurID', 'RSA SecurID code'],
  ['Symantec VIP', {type: 'token', provider: 'SYMANTEC'}, totp, 'symantec', 'Symantec VIP code'],
  ['an authenticator app of another provider', {type: 'token:software:totp', provider: 'FORTINET'}, totp, 'totp', 'authenticator app code'],
] as [string, FakeFactor, (secret: string, atMs?: number) => string, string, string][]) {
  test(`${label}: typed at the prompt, and given with --mfa-code (moved from the CLI tests)`, async () => {
    await withFlow({factors: [{type: 'push', provider: 'OKTA'}, factor]}, async (f) => {
      setup(f)
      f.answer(code(f.fake.scenario.totpSecret))
      assert.equal((await f.login(['website'], {mfa}, PASSWORD)).failures, [])
      assert.equal(
        f.asked.map((q) => [q.kind, q.message]),
        [['input', prompt]],
      )
      const next = code(f.fake.scenario.totpSecret, Date.now() + 30_000)
      assert.equal((await f.login(['website'], {force: true, mfa, mfaCode: next}, PASSWORD)).failures, [])
      assert.is(f.asked.length, 1, 'nothing asked with --mfa-code')
      assert.equal(verifyCalls(f), ['/verify', '/verify'])
      assert.is(f.sts.length, 2)
    })
  })
}

test('security question: the answer is asked masked, a wrong one may be retyped (moved from the CLI tests)', async () => {
  await withFlow({factors: [{type: 'question', provider: 'OKTA'}]}, async (f) => {
    setup(f)
    f.answer('broccoli', 'pizza')
    assert.equal((await f.login(['website'], {}, PASSWORD)).failures, [])
    assert.equal(
      f.asked.map((q) => [q.kind, q.message]),
      Array(2).fill(['password', 'What is the food you least liked as a child?']),
    )
    said(f, 'That answer was not accepted. Try again (2 tries left).')
    assert.equal(verifyCalls(f), ['/verify', '/verify'])
  })
})

test('okta_onetimepassword_secret: the code is made (lower case accepted), nothing is asked, no terminal needed; a secret that is not base32 is refused (moved from the CLI tests)', async () => {
  const factors = [
    {type: 'push', provider: 'OKTA'},
    {type: 'token:software:totp', provider: 'GOOGLE'},
  ] as const
  await withFlow({factors: [...factors]}, async (f) => {
    setup(f)
    const secret = f.fake.scenario.totpSecret.toLowerCase()
    assert.equal((await f.login(['website'], {mfa: 'Google Authenticator'}, {...PASSWORD, okta_onetimepassword_secret: secret})).failures, [])
    assert.equal(verifyCalls(f), ['/verify'])
    assert.is(f.sts.length, 1)
    const bad = await rejection(() =>
      f.login(['website'], {force: true, mfa: 'Google Authenticator'}, {...PASSWORD, okta_onetimepassword_secret: 'not base32!'}),
    )
    assert.is(bad.message, 'environment variable okta_onetimepassword_secret is not a base32 TOTP secret (letters A-Z and digits 2-7).')
    assert.is(bad.exitCode, 1)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1, 'the password was sent again')
    assert.is(f.sts.length, 1)
  })
})

test.run()
