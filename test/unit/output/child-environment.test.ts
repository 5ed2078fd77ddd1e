import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {childEnvironment, exportedVariables} from '../../../src/output/child-environment.js'

const credentials = {accessKeyId: 'ASIAKEY', secretAccessKey: 'secret/+=', sessionToken: 'token==', expiration: new Date('2026-12-05T17:00:00.000Z')}
const known = {value: 'eu-west-1', source: 'profile website in ~/.aws/config', known: true}
const fallback = {value: 'us-east-1', source: 'the default', known: false}

test('the variables: keys, token under both names, expiry in ISO 8601 UTC to the second, the region only when the profile has one', () => {
  assert.equal(exportedVariables({credentials, region: known}), [
    ['AWS_ACCESS_KEY_ID', 'ASIAKEY'],
    ['AWS_SECRET_ACCESS_KEY', 'secret/+='],
    ['AWS_SESSION_TOKEN', 'token=='],
    ['AWS_SECURITY_TOKEN', 'token=='],
    ['AWS_CREDENTIAL_EXPIRATION', '2026-12-05T17:00:00Z'],
    ['AWS_REGION', 'eu-west-1'],
    ['AWS_DEFAULT_REGION', 'eu-west-1'],
  ])
  assert.not.ok(exportedVariables({credentials, region: fallback}).some(([n]) => n.includes('REGION')))
})

test("the child's environment: the parent's, less profiles and other credentials, plus the keys and the marker", () => {
  const parent = {
    PATH: '/usr/bin',
    HOME: '/home/j',
    AWS_PROFILE: 'other',
    AWS_DEFAULT_PROFILE: 'other',
    AWS_ACCESS_KEY_ID: 'OLDKEY',
    AWS_SESSION_TOKEN: 'old',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'x',
    AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
    AWS_ROLE_ARN: 'arn:aws:iam::1:role/r',
    AWS_REGION: 'ap-south-1',
    AWS_CONFIG_FILE: '/cfg',
    UNSET: undefined,
  }
  const env = childEnvironment(parent, 'website', exportedVariables({credentials, region: fallback}))
  assert.equal(env, {
    PATH: '/usr/bin',
    HOME: '/home/j',
    // no region of the profile's: the user's own stays
    AWS_REGION: 'ap-south-1',
    AWS_CONFIG_FILE: '/cfg',
    AWS_ACCESS_KEY_ID: 'ASIAKEY',
    AWS_SECRET_ACCESS_KEY: 'secret/+=',
    AWS_SESSION_TOKEN: 'token==',
    AWS_SECURITY_TOKEN: 'token==',
    AWS_CREDENTIAL_EXPIRATION: '2026-12-05T17:00:00Z',
    AWS_CLOKTA_PROFILE: 'website',
  })
  assert.is(childEnvironment(parent, 'website', exportedVariables({credentials, region: known})).AWS_REGION, 'eu-west-1')
  const endpoint = childEnvironment(parent, 'website', [['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'http://127.0.0.1:1/c']])
  assert.equal(
    Object.keys(endpoint).filter((n) => n.startsWith('AWS_')),
    ['AWS_REGION', 'AWS_CONFIG_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CLOKTA_PROFILE'],
    'no keys of the parent left to win over what is handed over',
  )
})

test.run()
