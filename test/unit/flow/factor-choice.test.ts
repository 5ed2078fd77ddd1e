// Moved from the CLI tests (factor-choice): which factor a preference matching several picks,
// and what the picker offers; cli/factors keeps the picker's rendering in a terminal.
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {totp} from '../../support/fake/totp.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

const PASSWORD = {okta_password: 'correct horse'}
const [PUSH_ID, GOOGLE_ID, OKTA_TOTP_ID] = ['opf3hkfocI4JTLAju0g4', 'ostf2gsyictRQDSGTDZE', 'ostfm3hPNYSOIOIVTQWY']
const twoApps = {
  factors: [
    {type: 'push', provider: 'OKTA', id: PUSH_ID},
    {type: 'token:software:totp', provider: 'GOOGLE', id: GOOGLE_ID},
    {type: 'token:software:totp', provider: 'OKTA', id: OKTA_TOTP_ID},
  ],
} as const
const verified = (f: FlowHarness) => f.fake.requests.filter((q) => q.path.endsWith('/verify')).map((q) => q.path.split('/')[5])

test('--mfa totp or multifactor_preference = totp: the first authenticator app Okta lists is used, and named (moved from the CLI tests)', async () => {
  for (const [how, flags, preference] of [
    ['--mfa totp', {mfa: 'totp'}, 'Okta Verify with Push'],
    ['multifactor_preference = totp', {}, 'totp'],
  ] as const) {
    await withFlow({factors: [...twoApps.factors]}, async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace('Okta Verify with Push', preference))
      const result = await f.login(['website'], flags, {...PASSWORD, okta_onetimepassword_secret: f.fake.scenario.totpSecret})
      assert.equal(result.failures, [], how)
      assert.equal(verified(f), [GOOGLE_ID], how)
      assert.ok(
        f.info.includes('Using Google Authenticator, the first of your factors matching "totp" (also enrolled: Okta Verify).'),
        `${how}:\n${f.info.join('\n')}`,
      )
      assert.is(f.asked.length, 0)
    })
  }
})

test("totp matches another provider's authenticator app too, without a word when it is the only one (moved from the CLI tests)", async () => {
  const factors = [
    {type: 'push', provider: 'OKTA'},
    {type: 'token:software:totp', provider: 'FORTINET', id: 'ostfortinet123456789'},
  ] as const
  await withFlow({factors: [...factors]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const result = await f.login(['website'], {mfa: 'totp', mfaCode: totp(f.fake.scenario.totpSecret)}, PASSWORD)
    assert.equal(result.failures, [])
    assert.equal(verified(f), ['ostfortinet123456789'])
    assert.not.ok(
      f.info.some((line) => line.startsWith('Using ')),
      f.info.join('\n'),
    )
  })
})

test('a preference that is not enrolled is said, and the picker offers every factor by name (moved from the CLI tests)', async () => {
  await withFlow({factors: [...twoApps.factors]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace('Okta Verify with Push', 'SMS text message'))
    f.answer((choices) => choices.find((c) => c.message === 'Google Authenticator')!.name, totp(f.fake.scenario.totpSecret))
    assert.equal((await f.login(['website'], {}, PASSWORD)).failures, [])
    assert.ok(
      f.info.includes(
        'The MFA factor "SMS text message" (from [DEFAULT] in ~/.clokta/clokta.cfg) is not enrolled for you; enrolled: Okta Verify with Push, Google Authenticator, Okta Verify.',
      ),
      f.info.join('\n'),
    )
    const [picker, code] = f.asked
    assert.is(picker.message, 'Choose an MFA factor')
    assert.equal(
      picker.choices?.map((c) => c.message),
      ['Okta Verify with Push', 'Google Authenticator', 'Okta Verify'],
    )
    assert.is(code.message, 'Google Authenticator code')
    assert.equal(verified(f), [GOOGLE_ID])
  })
})

test.run()
