import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseAwsConfig} from '../../../src/config/aws-config.js'
import {parseScopes, ssoProfileOf} from '../../../src/config/sso-profile.js'

const config = (text: string) => parseAwsConfig(text, '/h/.aws/config')
const START = 'https://d-1234567890.awsapps.com/start'

test('a profile naming an [sso-session]: the session keys, its scopes, the account and role', () => {
  const aws = config(
    `[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access, ,other\n`,
  )
  assert.equal(ssoProfileOf('dev', aws), {
    profile: 'dev',
    session: 'corp',
    startUrl: START,
    region: 'us-east-1',
    scopes: ['sso:account:access', 'other'],
    accountId: '111122223333',
    roleName: 'ReadOnly',
  })
})

test('a legacy profile (sso_start_url in the profile) has no session and no scopes; a profile without either is none', () => {
  const aws = config(`[profile old]\nsso_start_url = ${START}\nsso_region = us-west-2\n\n[profile website]\nregion = us-east-1\n`)
  assert.equal(ssoProfileOf('old', aws), {
    profile: 'old',
    session: undefined,
    startUrl: START,
    region: 'us-west-2',
    scopes: [],
    accountId: undefined,
    roleName: undefined,
  })
  assert.is(ssoProfileOf('website', aws), undefined)
  assert.is(ssoProfileOf('nowhere', aws), undefined)
})

test('half an SSO profile is refused in one line naming the profile and what is missing', () => {
  const cases: [string, RegExp][] = [
    ['[profile p]\nsso_session = nope\n', /Profile p has sso_session = nope, but \/h\/.aws\/config has no \[sso-session nope\]/],
    ['[profile p]\nsso_session = s\n[sso-session s]\nsso_region = us-east-1\n', /without sso_start_url and sso_region in \[sso-session s\]/],
    [`[profile p]\nsso_start_url = ${START}\n`, /without sso_region beside its sso_start_url/],
    [`[profile p]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_role_name = R\n`, /without sso_account_id beside its sso_role_name/],
    [
      `[profile p]\nsso_session = s\nsso_start_url = https://other/start\n[sso-session s]\nsso_start_url = ${START}\nsso_region = us-east-1\n`,
      /sets sso_start_url = https:\/\/other\/start, unlike its \[sso-session s\]/,
    ],
    [`[profile p]\nsso_start_url = ${START}\nsso_region = US East\n`, /is not a region name/],
  ]
  for (const [text, message] of cases) assert.throws(() => ssoProfileOf('p', config(text)), message)
})

test('[sso-session "name"] is read as botocore splits it; the last of two sections naming one session wins', () => {
  const aws = config(`[sso-session "my corp"]\nsso_start_url = a\n[sso-session my]\nsso_start_url = b\n[sso-session  my]\nsso_start_url = c\n`)
  assert.equal(aws.ssoSession('my corp'), {sso_start_url: 'a'})
  assert.equal(aws.ssoSession('my'), {sso_start_url: 'c'})
  assert.is(aws.ssoSession('other'), undefined)
  assert.equal(parseScopes(undefined), [])
})

test.run()
