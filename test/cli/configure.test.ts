import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const cfg = `# my clokta settings
[DEFAULT]
okta_username = jdoe@example.com
multifactor_preference = Okta Verify with Push

[website]
okta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa1/272
okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer

[billing]
okta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa2/272
`

test('configure -p asks again with the current values as defaults, and keeps comments and other profiles', async () => {
  await withHarness({}, async (h) => {
    h.cfg(cfg)
    const r = await h.pty(
      ['configure', '-p', 'website'],
      [
        {expect: /Okta App URL/, send: KEY.enter}, // keep
        {expect: /Okta username/, send: `\x15jane@example.com${KEY.enter}`}, // Ctrl-U clears the default first
        {expect: /Preferred MFA/, send: `${KEY.down}${KEY.down}${KEY.enter}`}, // from push to Google Authenticator
        {expect: /Duration/, send: `4h${KEY.enter}`},
        {expect: /Keep the remembered role arn:aws:iam::123456789012:role\/Developer\?/, send: 'n'},
        {expect: /Saved profile website in ~\/\.clokta\/clokta\.cfg\./},
      ],
    )
    assert.is(r.code, 0, r.screen)
    const text = h.read('.clokta/clokta.cfg')
    assert.ok(text.startsWith('# my clokta settings\n[DEFAULT]\n'))
    // billing takes its user and factor from [DEFAULT], so website's new ones are its own
    assert.equal(parseIniSection(text, 'DEFAULT'), {okta_username: 'jdoe@example.com', multifactor_preference: 'Okta Verify with Push'})
    assert.equal(parseIniSection(text, 'website'), {
      okta_aws_app_url: 'https://example.okta.com/home/amazon_aws/0oa1/272',
      okta_username: 'jane@example.com',
      multifactor_preference: 'Google Authenticator',
      duration: '4h',
    })
    assert.equal(parseIniSection(text, 'billing'), {okta_aws_app_url: 'https://example.okta.com/home/amazon_aws/0oa2/272'})
    assert.is(h.fake.requests.length, 0)
  })
})

test('configure with flags sets just those, without a terminal; bad values are refused; --list prints the table on stdout', async () => {
  await withHarness({}, async (h) => {
    const empty = await h.run(['configure', '--list'])
    assert.is(empty.code, 0)
    assert.is(empty.stdout, '')
    assert.match(empty.stderr, /^No profiles in ~\/\.clokta\/clokta\.cfg yet: run clokta -p <profile>\.$/m)
    h.cfg(cfg)
    const r = await h.run(['configure', '-p', 'new.profile', '--app-url', 'https://example.oktapreview.com/home/amazon_aws/0oa3/272?fromHome=true'])
    assert.is(r.code, 0, r.stderr)
    assert.equal(parseIniSection(h.read('.clokta/clokta.cfg'), 'new.profile'), {
      okta_aws_app_url: 'https://example.oktapreview.com/home/amazon_aws/0oa3/272',
    })
    // which values are refused, with which message: test/unit/flow/configure-flags.test.ts
    const unknownFactor = await h.run(['configure', '-p', 'website', '--mfa', 'carrier pigeon'])
    assert.is(unknownFactor.code, 1)
    assert.match(
      unknownFactor.stderr,
      /^clokta: "carrier pigeon" is not an MFA factor clokta knows; use one of: Okta Verify with Push, Okta Verify, /m,
    )
    const noTerminal = await h.run(['configure', '-p', 'website'])
    assert.is(noTerminal.code, 1)
    assert.match(noTerminal.stderr, /^clokta: clokta configure asks its questions in a terminal; without one, give the settings as flags\.$/m)
    assert.match(h.read('.clokta/clokta.cfg'), /^# my clokta settings\n/)
    // not exclusive with -p, which AWS_PROFILE often fills
    const list = await h.run(['configure', '--list'], {AWS_PROFILE: 'website'})
    assert.is(list.code, 0, list.stderr)
    assert.match(
      list.stdout,
      /^PROFILE +APP URL \/ ROLE +CREDENTIALS\nwebsite +https:\/\/example\.okta\.com\/home\/amazon_aws\/0oa1\/272 \/ Developer in 123456789012 +none\n/,
    )
    assert.match(list.stdout, /^new\.profile +https:\/\/example\.oktapreview\.com\/home\/amazon_aws\/0oa3\/272 +none$/m)
    assert.is(list.stderr, '')
  })
})

test.run()
