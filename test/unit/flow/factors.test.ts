import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {FakeFactor} from '../../support/fake/types.js'
import {totp} from '../../support/fake/totp.js'
import {cfgFor, withFlow} from '../../support/flow.js'

const PASSWORD = {okta_password: 'correct horse'}

async function rejection(run: () => Promise<unknown>): Promise<Error> {
  const error = await run().then(
    () => undefined,
    (e: Error) => e,
  )
  assert.ok(error, 'expected a rejection')
  return error
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

test.run()
