import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseAwsConfig} from '../../../src/config/aws-config.js'
import {webIdentityProfileOf} from '../../../src/config/web-identity-profile.js'

const config = (text: string) => parseAwsConfig(text, '/h/.aws/config')
const ROLE = 'arn:aws:iam::111122223333:role/pods'

test('a token file and a role: the session name and duration when given', () => {
  const aws = config(
    `[profile k8s]\nweb_identity_token_file = /var/run/secrets/token\nrole_arn = ${ROLE}\nrole_session_name = ci\nduration_seconds = 1800\n\n[profile plain]\nregion = us-east-1\n`,
  )
  assert.equal(webIdentityProfileOf('k8s', aws), {
    profile: 'k8s',
    tokenFile: '/var/run/secrets/token',
    roleArn: ROLE,
    roleSessionName: 'ci',
    durationSeconds: 1800,
  })
  assert.is(webIdentityProfileOf('plain', aws), undefined)
  assert.is(webIdentityProfileOf('missing', aws), undefined)
})

test('a token file without role_arn, or a duration out of range, is one line naming the key', () => {
  const aws = config(
    `[profile a]\nweb_identity_token_file = /t\n\n[profile b]\nweb_identity_token_file = /t\nrole_arn = ${ROLE}\nduration_seconds = 1h\n`,
  )
  assert.throws(() => webIdentityProfileOf('a', aws), /Profile a in .*config has web_identity_token_file but no role_arn/)
  assert.throws(() => webIdentityProfileOf('b', aws), /duration_seconds = 1h; give a number of seconds from 900 to 43200/)
})

test.run()
