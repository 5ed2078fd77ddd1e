// The fake STS's AssumeRoleWithWebIdentity with the fake Okta's ID tokens, against the shapes
// of STS's answers (test/fixtures/aws/sts-*web*identity*.xml, after the API reference's sample
// and a captured error) and the words of its refusals.
import {readFileSync} from 'node:fs'

import {XMLParser} from 'fast-xml-parser'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {OIDC_CLIENT_ID, startFakeServices, type FakeServices} from '../support/fake/index.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const xml = new XMLParser({ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false})
const fixture = (name: string) => xml.parse(readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8')) as unknown

/** Every element's path, attributes left out: the shape, whatever the values. */
function paths(node: unknown, at = ''): string[] {
  if (typeof node !== 'object' || node === null) return [at]
  return Object.entries(node)
    .filter(([name]) => !name.startsWith('@_'))
    .flatMap(([name, child]) => paths(child, `${at}/${name}`))
    .sort()
}

async function post(url: string, form: Record<string, string>): Promise<{status: number; text: string}> {
  const res = await fetch(url, {method: 'POST', headers: {accept: 'application/json'}, body: new URLSearchParams(form)})
  return {status: res.status, text: await res.text()}
}

/** An ID token of the fake org's OIDC app, by its device login (approved on the second poll). */
async function idToken(fake: FakeServices, scope = 'openid profile offline_access'): Promise<string> {
  const start = JSON.parse((await post(`${fake.oktaUrl}/oauth2/v1/device/authorize`, {client_id: OIDC_CLIENT_ID, scope})).text) as {
    device_code: string
  }
  const poll = {client_id: OIDC_CLIENT_ID, device_code: start.device_code, grant_type: 'urn:ietf:params:oauth:grant-type:device_code'}
  await post(`${fake.oktaUrl}/oauth2/v1/token`, poll)
  return (JSON.parse((await post(`${fake.oktaUrl}/oauth2/v1/token`, poll)).text) as {id_token: string}).id_token
}

const assume = (fake: FakeServices, token: string, roleArn = DEVELOPER) =>
  post(fake.stsUrl, {
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: 'jdoe@example.com',
    WebIdentityToken: token,
  })

test("an Okta ID token: STS's answer in the fixture's shape, naming the token's sub, the client id as audience, the org as provider; the refusals in STS's words", async () => {
  const fake = await startFakeServices({})
  try {
    fake.scenario = {...fake.scenario, webIdentity: {issuer: fake.oktaUrl, audience: OIDC_CLIENT_ID, roleArns: [DEVELOPER]}}
    const token = await idToken(fake)
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>
    assert.equal([claims.iss, claims.aud, claims.preferred_username], [fake.oktaUrl, OIDC_CLIENT_ID, 'jdoe@example.com'])
    assert.is(Number(claims.exp) - Number(claims.iat), 3600)

    const ok = await assume(fake, token)
    assert.is(ok.status, 200)
    const answer = xml.parse(ok.text) as {AssumeRoleWithWebIdentityResponse: {AssumeRoleWithWebIdentityResult: Record<string, unknown>}}
    // SourceIdentity only when the token's claims set one
    const shape = paths(fixture('sts-AssumeRoleWithWebIdentity-response.xml')).filter((p) => !p.endsWith('/SourceIdentity'))
    assert.equal(paths(answer), shape)
    const result = answer.AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult
    assert.equal([result.SubjectFromWebIdentityToken, result.Audience, result.Provider], [claims.sub, OIDC_CLIENT_ID, new URL(fake.oktaUrl).host])

    const refusal = async (reply: Promise<{status: number; text: string}>) => {
      const {status, text} = await reply
      assert.equal(paths(xml.parse(text)), paths(fixture('sts-error-ExpiredTokenException-webidentity.xml')))
      const error = (xml.parse(text) as {ErrorResponse: {Error: {Code: string; Message: string}}}).ErrorResponse.Error
      return [status, error.Code, error.Message]
    }
    const [, payload] = token.split('.')
    assert.equal(await refusal(assume(fake, `${token.split('.')[0]}.${payload}.forged`)), [
      400,
      'InvalidIdentityToken',
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    ])
    assert.equal(await refusal(assume(fake, token, 'arn:aws:iam::123456789012:role/ReadOnly')), [
      403,
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    ])
    fake.scenario = {...fake.scenario, webIdentity: {issuer: fake.oktaUrl, audience: 'another-client', roleArns: [DEVELOPER]}}
    assert.equal(await refusal(assume(fake, token)), [400, 'InvalidIdentityToken', 'Incorrect token audience'])
    fake.scenario = {...fake.scenario, webIdentity: {issuer: fake.oktaUrl, audience: OIDC_CLIENT_ID, roleArns: [DEVELOPER]}}
    fake.advanceTime(3601_000)
    const [status, code, message] = await refusal(assume(fake, token))
    assert.equal([status, code], [400, 'ExpiredTokenException'])
    assert.match(String(message), /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/)
  } finally {
    await fake.close()
  }
})

test.run()
