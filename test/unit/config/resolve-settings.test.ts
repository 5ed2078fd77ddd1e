import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseCloktaCfg} from '../../../src/config/clokta-cfg.js'
import {resolveSettings} from '../../../src/config/resolve-settings.js'

const cfg = parseCloktaCfg(
  `[DEFAULT]
okta_username = jdoe
multifactor_preference = Okta Verify with Push
duration = 7200

[website]
okta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa1/272
duration = 3600
`,
  '/nowhere/clokta.cfg',
)

test('flag > environment > [profile] > [DEFAULT], each value with its source', () => {
  const r = resolveSettings({profile: 'website', flags: {}, env: {}, cfg})
  assert.is(r.values.duration, '3600')
  assert.match(r.sources.duration!, /^\[website\] in /)
  assert.is(r.values.username, 'jdoe')
  assert.match(r.sources.username!, /^\[DEFAULT\] in /)

  const env = resolveSettings({profile: 'website', flags: {}, env: {duration: '900', okta_username: 'other'}, cfg})
  assert.is(env.values.duration, '900')
  assert.is(env.sources.duration, 'environment variable duration')
  assert.is(env.values.username, 'other')

  const flag = resolveSettings({profile: 'website', flags: {duration: '1h', mfa: 'sms'}, env: {duration: '900'}, cfg})
  assert.is(flag.values.duration, '1h')
  assert.is(flag.sources.duration, '--duration')
  assert.is(flag.values.mfaPreference, 'sms')
})

test('another profile inherits only [DEFAULT]; the password comes only from the environment', () => {
  const r = resolveSettings({profile: 'other', flags: {}, env: {okta_password: ' spaced pw '}, cfg})
  assert.is(r.values.appUrl, undefined)
  assert.is(r.values.duration, '7200')
  assert.is(r.values.password, ' spaced pw ')
})

test.run()
