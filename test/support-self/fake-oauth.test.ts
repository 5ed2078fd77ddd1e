// The test server's Identity Engine side speaks as the real one does: the fixtures' shapes and words.
import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {AWS_APP_ID, OIDC_CLIENT_ID, startFakeServices} from '../support/fake/index.js'

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/okta-oie/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>
const keys = (o: object) => Object.keys(o).sort()

async function post(url: string, form: Record<string, string>) {
  const res = await fetch(url, {method: 'POST', headers: {accept: 'application/json'}, body: new URLSearchParams(form)})
  const text = await res.text()
  return {status: res.status, text, json: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown>}
}

test('device authorize, pending, tokens, exchange and /login/token/sso answer in the fixtures’ shapes; a web SSO token works once, by GET too', async () => {
  const fake = await startFakeServices({pipeline: 'idx'})
  try {
    const token = `${fake.oktaUrl}/oauth2/v1/token`
    const start = await post(`${fake.oktaUrl}/oauth2/v1/device/authorize`, {client_id: OIDC_CLIENT_ID, scope: 'openid okta.apps.sso offline_access'})
    assert.is(start.status, 200)
    assert.equal(keys(start.json), keys(fixture('device-authorize-response.json')))
    const poll = {client_id: OIDC_CLIENT_ID, device_code: String(start.json.device_code), grant_type: 'urn:ietf:params:oauth:grant-type:device_code'}
    const pending = await post(token, poll)
    assert.equal([pending.status, pending.json], [400, fixture('token-authorization-pending-400.json')])
    const tokens = await post(token, poll)
    assert.equal(keys(tokens.json), keys(fixture('device-token-success.json')))
    assert.is((await post(token, poll)).json.error, 'invalid_grant', 'a device code serves once')
    const exchange = {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: OIDC_CLIENT_ID,
      actor_token: String(tokens.json.access_token),
      actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token: String(tokens.json.id_token),
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:okta:oauth:token-type:web_sso_token',
      audience: `urn:okta:apps:${AWS_APP_ID}`,
    }
    const webSso = await post(token, exchange)
    assert.equal(keys(webSso.json), keys(fixture('web-sso-response.json')))
    assert.equal([webSso.json.token_type, webSso.json.expires_in], ['N_A', 300])
    const byGet = await fetch(`${fake.oktaUrl}/login/token/sso?token=${encodeURIComponent(String(webSso.json.access_token))}`)
    assert.is(byGet.status, 200)
    assert.match(await byGet.text(), /<input name="SAMLResponse" type="hidden" value="[A-Za-z0-9+/=]{100,}"/)
    assert.is((await post(`${fake.oktaUrl}/login/token/sso`, {token: String(webSso.json.access_token)})).status, 403, 'once')
    const refreshed = await post(token, {grant_type: 'refresh_token', client_id: OIDC_CLIENT_ID, refresh_token: String(tokens.json.refresh_token)})
    assert.is(refreshed.status, 200)
    assert.is(
      (
        await post(`${fake.oktaUrl}/login/token/sso`, {
          token: String(
            (await post(token, {...exchange, actor_token: String(refreshed.json.access_token), subject_token: String(refreshed.json.id_token)})).json
              .access_token,
          ),
        })
      ).status,
      200,
    )
    fake.scenario = {...fake.scenario, oidc: {assuranceMet: false}}
    assert.equal((await post(token, exchange)).json, fixture('web-sso-assurance-invalid-grant-400.json'))
    assert.equal((await post(token, {...exchange, client_id: 'nope'})).status, 401)
  } finally {
    await fake.close()
  }
})

test('/oauth2/v1/revoke: 200 with no body, for a token unknown too; a revoked refresh token ends its access token; a bad request or client is OAuth JSON', async () => {
  const fake = await startFakeServices({pipeline: 'idx'})
  try {
    const revoke = `${fake.oktaUrl}/oauth2/v1/revoke`
    const start = await post(`${fake.oktaUrl}/oauth2/v1/device/authorize`, {client_id: OIDC_CLIENT_ID, scope: 'openid okta.apps.sso offline_access'})
    const poll = {client_id: OIDC_CLIENT_ID, device_code: String(start.json.device_code), grant_type: 'urn:ietf:params:oauth:grant-type:device_code'}
    await post(`${fake.oktaUrl}/oauth2/v1/token`, poll)
    const tokens = (await post(`${fake.oktaUrl}/oauth2/v1/token`, poll)).json
    const ok = await post(revoke, {token: String(tokens.refresh_token), token_type_hint: 'refresh_token', client_id: OIDC_CLIENT_ID})
    assert.equal([ok.status, ok.text], [200, ''])
    const refreshed = await post(`${fake.oktaUrl}/oauth2/v1/token`, {
      grant_type: 'refresh_token',
      client_id: OIDC_CLIENT_ID,
      refresh_token: String(tokens.refresh_token),
    })
    assert.equal([refreshed.status, refreshed.json.error], [400, 'invalid_grant'])
    // the access token went with it: the exchange no longer takes it
    const exchange = await post(`${fake.oktaUrl}/oauth2/v1/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: OIDC_CLIENT_ID,
      actor_token: String(tokens.access_token),
      actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token: String(tokens.id_token),
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:okta:oauth:token-type:web_sso_token',
      audience: `urn:okta:apps:${AWS_APP_ID}`,
    })
    assert.is(exchange.json.error, 'invalid_grant')
    assert.equal((await post(revoke, {token: 'never-issued', client_id: OIDC_CLIENT_ID})).status, 200)
    assert.equal((await post(revoke, {client_id: OIDC_CLIENT_ID})).json.error, 'invalid_request')
    assert.equal((await post(revoke, {token: 'x', token_type_hint: 'id_token', client_id: OIDC_CLIENT_ID})).json.error, 'invalid_request')
    const client = await post(revoke, {token: 'x', client_id: 'nope'})
    assert.equal([client.status, client.json.error], [401, 'invalid_client'])
  } finally {
    await fake.close()
  }
})

test.run()
