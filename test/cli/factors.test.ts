// The wiring a user sees of the MFA factors; which factor is used, what each answer leads
// to and what is said is tested in process (test/unit/flow/factors, factor-choice, more-factors).
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {totp} from '../support/fake/totp.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const withPassword = {okta_password: PASSWORD}
const role = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const verified = (h: Harness) => h.fake.requests.filter((q) => q.path.endsWith('/verify')).map((q) => q.path.split('/')[5])

test('Okta Verify push with number challenge: the number is shown, and the exact requests a push login makes', async () => {
  await withHarness({push: {waits: 2, correctAnswer: 92, result: 'SUCCESS'}}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /Okta Verify push sent\. Tap 92 on your phone\.\.\./)
    assert.match(r.stderr, /Okta Verify push approved\./)
    // authn, the verify that sends the push, two polls (WAITING, then SUCCESS), the app link, STS
    assert.equal(
      h.fake.requests.map((q) => `${q.method} ${q.service === 'sts' ? q.action : q.path}`),
      [
        'POST /api/v1/authn',
        'POST /api/v1/authn/factors/opf3hkfocI4JTLAju0g4/verify',
        'POST /api/v1/authn/factors/opf3hkfocI4JTLAju0g4/verify',
        'POST /api/v1/authn/factors/opf3hkfocI4JTLAju0g4/verify',
        'GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272',
        'POST AssumeRoleWithSAML',
      ],
    )
    assert.is(h.fake.pushSentCount, 1)
  })
})

test('a code typed at the prompt: an empty password or code is refused at the prompt, a wrong code may be retyped', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}).replace('Okta Verify with Push', 'Okta Verify'))
    const wrong = totp(h.fake.scenario.totpSecret) === '000000' ? '111111' : '000000'
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: KEY.enter},
        {expect: /Nothing was typed\./, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Okta Verify code/, send: KEY.enter},
        {expect: /6 digits/, send: `${wrong}${KEY.enter}`},
        {expect: /That code was not accepted\. Try again \(2 tries left\)/},
        {expect: /Okta Verify code/, send: () => `${totp(h.fake.scenario.totpSecret)}${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1, 'the empty password never reached Okta')
    assert.equal(verified(h), ['ostfm3hPNYSOIOIVTQWY', 'ostfm3hPNYSOIOIVTQWY'], 'the empty code never reached Okta')
  })
})

test('the factor picker shows the chosen factor by name, never its Okta id', async () => {
  const ids = ['opf3hkfocI4JTLAju0g4', 'ostf2gsyictRQDSGTDZE', 'ostfm3hPNYSOIOIVTQWY']
  const factors = [
    {type: 'push', provider: 'OKTA', id: ids[0]},
    {type: 'token:software:totp', provider: 'GOOGLE', id: ids[1]},
    {type: 'token:software:totp', provider: 'OKTA', id: ids[2]},
  ] as const
  await withHarness({factors: [...factors]}, async (h) => {
    // a preference that is not enrolled: clokta says so and asks
    h.cfg(returningUserCfg(h.fake, {profile: role}).replace('Okta Verify with Push', 'SMS text message'))
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
    assert.equal(verified(h), [ids[1]])
    assert.match(r.screen, /Choose an MFA factor · Google Authenticator\n/)
    for (const id of ids) assert.not.ok(r.screen.includes(id), `${id} shown:\n${r.screen}`)
  })
})

test.run()
