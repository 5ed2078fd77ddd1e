import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {totp} from '../support/fake/totp.js'
import {PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const withPassword = {okta_password: PASSWORD}
const role = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

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

test('push rejected on the phone: one line, non-zero exit, nothing written', async () => {
  await withHarness({push: {waits: 1, result: 'REJECTED'}}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: The Okta Verify push was rejected on your phone\.$/m)
    assert.not.match(r.stderr, /at .*\.js:\d+/, 'no stack trace')
    assert.is(h.fake.count({service: 'sts'}), 0)
    assert.throws(() => h.read('.aws/credentials'))
    assert.throws(() => h.read('.clokta/website.env'))
  })
})

test('push that times out on the Okta side', async () => {
  await withHarness({push: {waits: 1, result: 'TIMEOUT'}}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: The Okta Verify push expired before it was approved\.$/m)
  })
})

for (const [name, mfa] of [
  ['Okta Verify (TOTP)', 'Okta Verify'],
  ['Google Authenticator (TOTP)', 'Google Authenticator'],
] as const) {
  test(`${name} with --mfa-code`, async () => {
    await withHarness({}, async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: role}))
      const r = await h.run(['-p', 'website', '--mfa', mfa, '--mfa-code', totp(h.fake.scenario.totpSecret)], withPassword)
      assert.is(r.code, 0, r.stderr)
      const verify = h.fake.requests.filter((q) => q.path.endsWith('/verify'))
      assert.is(verify.length, 1)
      const factorId = mfa === 'Okta Verify' ? 'ostfm3hPNYSOIOIVTQWY' : 'ostf2gsyictRQDSGTDZE'
      assert.ok(verify[0].path.includes(factorId), verify[0].path)
      assert.is(h.fake.issued.length, 1)
    })
  })
}

test('Okta Verify code typed at the prompt (factor preference from clokta.cfg); an empty password or code is refused at the prompt', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}).replace('Okta Verify with Push', 'Okta Verify'))
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: KEY.enter},
        {expect: /Nothing was typed\./, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Okta Verify code/, send: KEY.enter},
        {expect: /6 digits/, send: `${totp(h.fake.scenario.totpSecret)}${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1, 'the empty password never reached Okta')
  })
})

test('SMS: the code is sent, then typed at the prompt', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}).replace('Okta Verify with Push', 'SMS text message'))
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /SMS code sent to \+1 XXX-XXX-1337\.[\s\S]*SMS code/, send: () => `${h.fake.smsSent.at(-1)}${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.smsSent.length, 1)
    assert.is(h.fake.count({path: /\/verify$/}), 2)
  })
})

test('a wrong code typed at the prompt may be retyped; the exact verify calls', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}).replace('Okta Verify with Push', 'Google Authenticator'))
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Google Authenticator code/, send: `000000${KEY.enter}`},
        {expect: /That code was not accepted\. Try again \(2 tries left\)/},
        {expect: /Google Authenticator code/, send: `111111${KEY.enter}`},
        {expect: /That code was not accepted\. Try again \(1 try left\)/},
        {expect: /Google Authenticator code/, send: () => `${totp(h.fake.scenario.totpSecret)}${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1, 'the password is sent once')
    assert.is(h.fake.count({path: /\/verify$/}), 3)
  })
})

test('a typed code wrong three times: the login ends with one line, nothing written', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}).replace('Okta Verify with Push', 'Google Authenticator'))
    const wrong = totp(h.fake.scenario.totpSecret) === '000000' ? '111111' : '000000'
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Google Authenticator code/, send: `${wrong}${KEY.enter}`},
        {expect: /That code was not accepted\. Try again \(2 tries left\)/},
        {expect: /Google Authenticator code/, send: `${wrong}${KEY.enter}`},
        {expect: /That code was not accepted\. Try again \(1 try left\)/},
        {expect: /Google Authenticator code/, send: `${wrong}${KEY.enter}`},
        {expect: /clokta: Okta did not accept the Google Authenticator code \(3 tries\) \(E0000068\)\.\n/},
      ],
    )
    assert.is(r.code, 1, r.screen)
    assert.is(r.screen.split('\n').filter((l) => l.startsWith('clokta: ')).length, 1, r.screen)
    assert.not.match(r.screen, /\n\s+at .+:\d+:\d+/, 'stack trace')
    assert.is(h.fake.count({path: /\/verify$/}), 3)
    assert.is(h.fake.count({service: 'sts'}), 0)
    assert.not.ok(existsSync(h.home.path('.aws/credentials')), '~/.aws/credentials was written')
    assert.not.ok(existsSync(h.home.path('.clokta/website.env')), '~/.clokta/website.env was written')
    assert.not.ok(existsSync(h.home.path('.clokta/website.sh')), '~/.clokta/website.sh was written')
  })
})

test('an invalid --mfa-code: one line, E0000068, tried once', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}))
    const r = await h.run(['-p', 'website', '--mfa', 'Okta Verify', '--mfa-code', '000000'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: Okta did not accept the Okta Verify code from --mfa-code \(E0000068\)\.$/m)
    assert.is(h.fake.count({path: /\/verify$/}), 1)
    assert.is(h.fake.count({service: 'sts'}), 0)
  })
})

test('a single enrolled factor is used without asking, whatever the preference', async () => {
  await withHarness({factors: [{type: 'token:software:totp', provider: 'GOOGLE'}]}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: role}))
    const r = await h.run(['-p', 'website', '--mfa-code', totp(h.fake.scenario.totpSecret)], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.match(
      r.stderr,
      /The MFA factor "Okta Verify with Push" \(from \[DEFAULT\] in ~\/\.clokta\/clokta\.cfg\) is not enrolled for you; enrolled: Google Authenticator\./,
    )
  })
})

test.run()
