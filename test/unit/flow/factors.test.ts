import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import type {FakeFactor} from '../../support/fake/types.js'
import {totp} from '../../support/fake/totp.js'
import {cfgFor, whenAsked, withFlow, type FlowHarness} from '../../support/flow.js'

const PASSWORD = {okta_password: 'correct horse'}

async function rejection(run: () => Promise<unknown>): Promise<Error> {
  const error = await run().then(
    () => undefined,
    (e: Error) => e,
  )
  assert.ok(error, 'expected a rejection')
  return error
}

/** the exit code the command gives this error (1 unless it is a usage error) */
function exitCodeOf(error: Error): number {
  assert.instance(error, CloktaError)
  return error instanceof CloktaError ? error.exitCode : NaN
}
const verifyPaths = (f: FlowHarness) => f.fake.requests.filter((q) => /\/verify(\/resend)?$/.test(q.path)).map((q) => q.path)
const nothingWritten = (f: FlowHarness) => {
  assert.is(f.sts.length, 0, 'STS was called')
  for (const file of ['.aws/credentials', '.clokta/website.env', '.clokta/website.sh'])
    assert.not.ok(existsSync(f.home.path(file)), `~/${file} was written`)
}
test('factor precedence: --mfa > environment > clokta.cfg; --mfa-provider and --mfa-factor-type (moved from the CLI tests)', async () => {
  const [push, oktaVerify, google] = ['opf3hkfocI4JTLAju0g4', 'ostfm3hPNYSOIOIVTQWY', 'ostf2gsyictRQDSGTDZE']
  const factors: FakeFactor[] = [
    {type: 'push', provider: 'OKTA', id: push},
    {type: 'token:software:totp', provider: 'OKTA', id: oktaVerify},
    {type: 'token:software:totp', provider: 'GOOGLE', id: google},
  ]
  await withFlow({factors}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake)) // cfg prefers push
    const code = () => totp(f.fake.scenario.totpSecret, f.clock.now())
    const lastFactor = () => /factors\/([^/]+)\/verify$/.exec(f.fake.requests.filter((q) => q.path.endsWith('/verify')).at(-1)!.path)![1]
    const ok = async (...args: Parameters<typeof f.login>) => assert.equal((await f.login(...args)).failures, [])
    await ok(['website'], {force: true}, PASSWORD)
    assert.is(lastFactor(), push, 'clokta.cfg')
    await ok(['website'], {force: true, mfaCode: code()}, {...PASSWORD, multifactor_preference: 'Google Authenticator'})
    assert.is(lastFactor(), google, 'the environment over clokta.cfg')
    await ok(
      ['website'],
      {force: true, mfa: 'token:software:totp', mfaProvider: 'okta', mfaCode: code()},
      {...PASSWORD, multifactor_preference: 'Google Authenticator'},
    )
    assert.is(lastFactor(), oktaVerify, '--mfa and --mfa-provider over the environment')
    await ok(['website'], {force: true, mfaFactorType: 'push'}, {...PASSWORD, multifactor_preference: 'Google Authenticator'})
    assert.is(lastFactor(), push, '--mfa-factor-type over the environment')
  })
})

test('--push-timeout: clokta stops polling once the fake clock passes it, and says so (moved from the CLI tests)', async () => {
  await withFlow({factors: [{type: 'push', provider: 'OKTA'}], push: {waits: 1000, result: 'SUCCESS'}}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const started = f.clock.now()
    const error = await rejection(() => f.login(['website'], {pushTimeoutSeconds: 2}, PASSWORD))
    assert.match(error.message, /^The Okta Verify push was not approved within 2 s\.$/)
    const waited = f.clock.now() - started
    assert.ok(waited >= 2000 && waited < 8000, `waited ${waited} ms`)
    assert.ok(f.fake.count({path: /\/verify$/}) >= 2, 'polled while waiting')
    assert.is(f.fake.pushSentCount, 1)
    assert.is(f.sts.length, 0)
  })
})

test('a push rejected on the phone, or expired at Okta: one message each, no push offered again without a terminal, nothing written (moved from the CLI tests)', async () => {
  for (const [result, message] of [
    ['REJECTED', 'The Okta Verify push was rejected on your phone.'],
    ['TIMEOUT', 'The Okta Verify push expired before it was approved.'],
  ] as const) {
    await withFlow({push: {waits: 1, result}}, async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const error = await rejection(() => f.login(['website'], {}, PASSWORD))
      assert.is(error.message, message, result)
      assert.is(exitCodeOf(error), 1)
      assert.is(f.fake.pushSentCount, 1)
      nothingWritten(f)
    })
  }
})

test('after Okta times the push out, another one is offered at the terminal and sent (moved from the CLI tests)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    // the first push expires at Okta, the one sent again is approved
    f.fake.scenario.push = {
      waits: 1,
      get result(): 'TIMEOUT' | 'SUCCESS' {
        return f.fake.pushSentCount < 2 ? 'TIMEOUT' : 'SUCCESS'
      },
    }
    f.answer(true)
    const result = await f.login(['website'], {}, PASSWORD)
    assert.equal(result.failures, [])
    assert.equal(
      f.asked.map((q) => [q.kind, q.message]),
      [['confirm', 'The Okta Verify push expired before it was approved. Send another push?']],
    )
    assert.equal(
      f.info.filter((line) => line.startsWith('Okta Verify push')),
      ['Okta Verify push sent. Approve it on your phone...', 'Okta Verify push sent. Approve it on your phone...', 'Okta Verify push approved.'],
    )
    assert.is(f.fake.pushSentCount, 2)
    assert.is(f.sts.length, 1)
  })
})

test('Okta Verify and Google Authenticator codes from --mfa-code: one verify call, to the factor named (moved from the CLI tests)', async () => {
  for (const [mfa, factorId] of [
    ['Okta Verify', 'ostfm3hPNYSOIOIVTQWY'],
    ['Google Authenticator', 'ostf2gsyictRQDSGTDZE'],
  ] as const) {
    await withFlow({}, async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const result = await f.login(['website'], {mfa, mfaCode: totp(f.fake.scenario.totpSecret)}, PASSWORD)
      assert.equal(result.failures, [])
      assert.equal(verifyPaths(f), [`/api/v1/authn/factors/${factorId}/verify`], mfa)
      assert.is(f.sts.length, 1)
    })
  }
})

test('an invalid --mfa-code: one message with E0000068, tried once, nothing written (moved from the CLI tests)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const error = await rejection(() => f.login(['website'], {mfa: 'Okta Verify', mfaCode: '000000'}, PASSWORD))
    assert.is(error.message, 'Okta did not accept the Okta Verify code from --mfa-code (E0000068).')
    assert.is(exitCodeOf(error), 1)
    assert.is(f.fake.count({path: /\/verify$/}), 1)
    nothingWritten(f)
  })
})

const googleCfg = (f: FlowHarness) => cfgFor(f.fake).replace('Okta Verify with Push', 'Google Authenticator')
const wrongCode = (f: FlowHarness) => (totp(f.fake.scenario.totpSecret) === '000000' ? '111111' : '000000')

test('a code typed at the prompt (the preference from clokta.cfg); a wrong one may be retyped; the password is sent once (moved from the CLI tests)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', googleCfg(f))
    f.answer(
      wrongCode(f),
      wrongCode(f),
      whenAsked(() => totp(f.fake.scenario.totpSecret)),
    )
    assert.equal((await f.login(['website'], {}, PASSWORD)).failures, [])
    assert.equal(
      f.asked.map((q) => [q.kind, q.message]),
      Array(3).fill(['input', 'Google Authenticator code']),
    )
    assert.ok(f.info.includes('That code was not accepted. Try again (2 tries left).'), f.info.join('\n'))
    assert.ok(f.info.includes('That code was not accepted. Try again (1 try left).'), f.info.join('\n'))
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1, 'the password is sent once')
    assert.equal(verifyPaths(f), Array(3).fill('/api/v1/authn/factors/ostf2gsyictRQDSGTDZE/verify'))
    assert.is(f.sts.length, 1)
  })
})

test('a typed code wrong three times ends the login with one message, nothing written (moved from the CLI tests)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', googleCfg(f))
    f.answer(wrongCode(f), wrongCode(f), wrongCode(f))
    const error = await rejection(() => f.login(['website'], {}, PASSWORD))
    assert.is(error.message, 'Okta did not accept the Google Authenticator code (3 tries) (E0000068).')
    assert.is(exitCodeOf(error), 1)
    assert.is(f.asked.length, 3)
    assert.is(f.fake.count({path: /\/verify$/}), 3)
    nothingWritten(f)
  })
})

test('a single enrolled factor is used without asking, whatever the preference, and the preference is said not enrolled (moved from the CLI tests)', async () => {
  await withFlow({factors: [{type: 'token:software:totp', provider: 'GOOGLE'}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    assert.equal((await f.login(['website'], {mfaCode: totp(f.fake.scenario.totpSecret)}, PASSWORD)).failures, [])
    assert.ok(
      f.info.includes(
        'The MFA factor "Okta Verify with Push" (from [DEFAULT] in ~/.clokta/clokta.cfg) is not enrolled for you; enrolled: Google Authenticator.',
      ),
      f.info.join('\n'),
    )
    assert.is(f.asked.length, 0)
    assert.is(f.sts.length, 1)
  })
})

test('SMS: the code is sent and said, then typed at the prompt (moved from the CLI tests)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace('Okta Verify with Push', 'SMS text message'))
    f.answer(whenAsked(() => f.fake.smsSent.at(-1)!))
    assert.equal((await f.login(['website'], {}, PASSWORD)).failures, [])
    assert.ok(f.info.includes('SMS code sent to +1 XXX-XXX-1337.'), f.info.join('\n'))
    assert.equal(
      f.asked.map((q) => [q.kind, q.message]),
      [['input', 'SMS code (r to send it again)']],
    )
    assert.is(f.fake.smsSent.length, 1)
    assert.is(f.fake.count({path: /\/verify$/}), 2)
  })
})

test.run()
