import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {totp} from '../support/fake/totp.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const GOOGLE_ID = 'ostf2gsyictRQDSGTDZE'
const OKTA_TOTP_ID = 'ostfm3hPNYSOIOIVTQWY'
const twoApps = {
  factors: [
    {type: 'push', provider: 'OKTA', id: 'opf3hkfocI4JTLAju0g4'},
    {type: 'token:software:totp', provider: 'GOOGLE', id: GOOGLE_ID},
    {type: 'token:software:totp', provider: 'OKTA', id: OKTA_TOTP_ID},
  ],
} as const
const verified = (h: Harness) => h.fake.requests.filter((q) => q.path.endsWith('/verify')).map((q) => q.path.split('/')[5])

for (const [how, args, preference] of [
  ['--mfa totp', ['--mfa', 'totp'], 'Okta Verify with Push'],
  ['multifactor_preference = totp', [], 'totp'],
] as const) {
  test(`${how}: the first authenticator app Okta lists is used, and named`, async () => {
    await withHarness({factors: [...twoApps.factors]}, async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: developer}).replace('Okta Verify with Push', preference))
      const r = await h.run(['-p', 'website', ...args], {okta_password: PASSWORD, okta_onetimepassword_secret: h.fake.scenario.totpSecret})
      assert.is(r.code, 0, r.stderr)
      assert.equal(verified(h), [GOOGLE_ID])
      assert.match(r.stderr, /^Using Google Authenticator, the first of your factors matching "totp" \(also enrolled: Okta Verify\)\.$/m)
    })
  })
}

test("totp matches another provider's authenticator app too, without a word when it is the only one", async () => {
  await withHarness(
    {
      factors: [
        {type: 'push', provider: 'OKTA'},
        {type: 'token:software:totp', provider: 'FORTINET', id: 'ostfortinet123456789'},
      ],
    },
    async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: developer}))
      const r = await h.run(['-p', 'website', '--mfa', 'totp', '--mfa-code', totp(h.fake.scenario.totpSecret)], {okta_password: PASSWORD})
      assert.is(r.code, 0, r.stderr)
      assert.equal(verified(h), ['ostfortinet123456789'])
      assert.not.match(r.stderr, /Using /)
    },
  )
})

test('the factor picker shows the chosen factor by name, never its Okta id', async () => {
  await withHarness({factors: [...twoApps.factors]}, async (h) => {
    // a preference that is not enrolled: clokta says so and asks
    h.cfg(returningUserCfg(h.fake, {profile: developer}).replace('Okta Verify with Push', 'SMS text message'))
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Choose an MFA factor/, send: `${KEY.down}${KEY.enter}`},
        {expect: /Google Authenticator code/, send: () => `${totp(h.fake.scenario.totpSecret)}${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.equal(verified(h), [GOOGLE_ID])
    assert.match(r.screen, /Choose an MFA factor · Google Authenticator\n/)
    for (const id of [GOOGLE_ID, OKTA_TOTP_ID, 'opf3hkfocI4JTLAju0g4']) assert.not.ok(r.screen.includes(id), `${id} shown:\n${r.screen}`)
  })
})

test.run()
