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

test('Logout (POST /logout, the bearer header) ends the sign-in: 200 with no body, then its token and refresh token are refused', async () => {
  const fake = await startFakeServices({sso: {...defaultSso(), pendingPolls: 0}})
  try {
    const client = JSON.parse(
      (await post(`${fake.ssoUrl}/client/register`, {clientName: 'botocore-client-x', clientType: 'public', scopes: ['sso:account:access']})).body,
    ) as {clientId: string; clientSecret: string}
    const device = JSON.parse((await post(`${fake.ssoUrl}/device_authorization`, {...client, startUrl: defaultSso().startUrl})).body) as {
      deviceCode: string
    }
    const token = JSON.parse(
      (await post(`${fake.ssoUrl}/token`, {...client, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode}))
        .body,
    ) as {accessToken: string; refreshToken: string}
    const logout = (bearer: string) => fetch(`${fake.ssoUrl}/logout`, {method: 'POST', headers: {'x-amz-sso_bearer_token': bearer}})
    const ended = await logout(token.accessToken)
    assert.equal([ended.status, await ended.text()], [200, ''])
    const again = await logout(token.accessToken)
    assert.equal(
      [again.status, again.headers.get('x-amzn-errortype')?.split(':')[0], await again.json()],
      [401, 'UnauthorizedException', {message: 'Session token not found or invalid'}],
    )
    const accounts = await fetch(`${fake.ssoUrl}/assignment/accounts`, {headers: {'x-amz-sso_bearer_token': token.accessToken}})
    assert.is(accounts.status, 401)
    const refresh = await post(`${fake.ssoUrl}/token`, {...client, grantType: 'refresh_token', refreshToken: token.refreshToken})
    assert.equal([refresh.status, refresh.errorType?.split(':')[0]], [400, 'InvalidGrantException'])
  } finally {
    await fake.close()
  }
})

test.run()
