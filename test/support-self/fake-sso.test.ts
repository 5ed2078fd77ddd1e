// The fake IAM Identity Center against what the real services answered (test/fixtures/aws/sso-oidc-*.captured.txt).
import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {defaultSso, startFakeServices} from '../support/fake/index.js'

/** The status, x-amzn-ErrorType and body of a captured aws-cli debug log. */
function captured(name: string) {
  const text = readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8')
  const errorType = /'x-amzn-ErrorType': '([^']+)'/.exec(text)![1]
  const body = /b'(\{.*\})'/.exec(text)![1]
  return {errorType, body}
}

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})
  return {status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: await res.text()}
}

test('CreateToken answers a pending sign-in and a refused refresh token as the real SSO OIDC does, byte for byte', async () => {
  const fake = await startFakeServices({sso: {...defaultSso(), pendingPolls: 1}})
  try {
    const register = await post(`${fake.ssoUrl}/client/register`, {
      clientName: 'botocore-client-x',
      clientType: 'public',
      scopes: ['sso:account:access'],
    })
    const client = JSON.parse(register.body) as {clientId: string; clientSecret: string}
    const device = JSON.parse((await post(`${fake.ssoUrl}/device_authorization`, {...client, startUrl: defaultSso().startUrl})).body) as {
      deviceCode: string
      interval: number
      expiresIn: number
    }
    assert.is(device.interval, 1)
    assert.is(device.expiresIn, 600)
    const pending = await post(`${fake.ssoUrl}/token`, {
      ...client,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: device.deviceCode,
    })
    const real = captured('sso-oidc-CreateToken-authorization-pending.captured.txt')
    assert.is(pending.status, 400)
    assert.equal([pending.errorType, pending.body], [real.errorType, real.body])
    const refused = await post(`${fake.ssoUrl}/token`, {...client, grantType: 'refresh_token', refreshToken: 'aorWRONG'})
    const realRefused = captured('sso-oidc-CreateToken-invalid-grant.captured.txt')
    assert.is(refused.status, 400)
    assert.equal([refused.errorType, refused.body], [realRefused.errorType, realRefused.body])
  } finally {
    await fake.close()
  }
})

test('the portal refuses an unknown bearer token with UnauthorizedException (401)', async () => {
  const fake = await startFakeServices({sso: defaultSso()})
  try {
    const res = await fetch(`${fake.ssoUrl}/federation/credentials?role_name=ReadOnly&account_id=111122223333`, {
      headers: {'x-amz-sso_bearer_token': 'nope'},
    })
    assert.is(res.status, 401)
    assert.match(res.headers.get('x-amzn-errortype') ?? '', /^UnauthorizedException:/)
    assert.equal(await res.json(), {message: 'Session token not found or invalid'})
  } finally {
    await fake.close()
  }
})

test.run()
