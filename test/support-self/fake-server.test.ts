// Tests of the fake Okta + STS server itself, driven with plain fetch (and the real AWS SDK for SigV4/XML).
import {AssumeRoleCommand, AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'
import {XMLParser} from 'fast-xml-parser'
import {createHash, createHmac} from 'node:crypto'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {startFakeServices, totp, type FakeServices, type IssuedCredentials, type Scenario} from '../support/fake/index.js'

type Json = Record<string, any>
const xml = new XMLParser({ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false})
const DEV_ROLE = 'arn:aws:iam::123456789012:role/Developer'
const READONLY_ROLE = 'arn:aws:iam::123456789012:role/ReadOnly'
const PROVIDER = 'arn:aws:iam::123456789012:saml-provider/Okta'

async function withFake(scenario: Partial<Scenario>, body: (fake: FakeServices) => Promise<void>): Promise<void> {
  const fake = await startFakeServices(scenario)
  try {
    await body(fake)
  } finally {
    await fake.close()
  }
}

async function postJson(url: string, body: unknown): Promise<{status: number; json: Json; headers: Headers}> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {'content-type': 'application/json', accept: 'application/json'},
    body: JSON.stringify(body),
  })
  return {status: res.status, json: (await res.json()) as Json, headers: res.headers}
}

const authn = (fake: FakeServices, password = 'correct horse') => postJson(`${fake.oktaUrl}/api/v1/authn`, {username: 'jdoe@example.com', password})

function factorOf(tx: Json, type: string, provider = 'OKTA'): Json {
  const factor = (tx._embedded.factors as Json[]).find((f) => f.factorType === type && f.provider === provider)
  assert.ok(factor, `factor ${provider} ${type}`)
  return factor!
}

/** Password + TOTP: the short path to a sessionToken. */
async function sessionTokenFor(fake: FakeServices): Promise<string> {
  const {json: tx} = await authn(fake)
  const totpFactor = factorOf(tx, 'token:software:totp')
  const {json} = await postJson(totpFactor._links.verify.href, {stateToken: tx.stateToken, passCode: totp(fake.scenario.totpSecret)})
  assert.is(json.status, 'SUCCESS')
  return json.sessionToken as string
}

const decodeEntities = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

async function samlForm(fake: FakeServices, token: string): Promise<{action: string; saml: string; cookie: string | null}> {
  const res = await fetch(`${fake.appUrl}?sessionToken=${encodeURIComponent(token)}`, {redirect: 'manual'})
  assert.is(res.status, 200)
  assert.is(res.headers.get('content-type'), 'text/html;charset=utf-8')
  const html = await res.text()
  const action = decodeEntities(/<form id="appForm" action="([^"]+)"/.exec(html)![1]!)
  const saml = /name="SAMLResponse" type="hidden" value="([^"]+)"/.exec(html)![1]!
  return {action, saml, cookie: res.headers.get('set-cookie')}
}

async function sts(fake: FakeServices, params: Record<string, string>): Promise<{status: number; body: Json; text: string; headers: Headers}> {
  const res = await fetch(fake.stsUrl, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded; charset=utf-8'},
    body: new URLSearchParams({Version: '2011-06-15', ...params}).toString(),
  })
  const text = await res.text()
  return {status: res.status, body: xml.parse(text) as Json, text, headers: res.headers}
}

const samlParams = (saml: string, roleArn = DEV_ROLE, extra: Record<string, string> = {}) => ({
  Action: 'AssumeRoleWithSAML',
  RoleArn: roleArn,
  PrincipalArn: PROVIDER,
  SAMLAssertion: saml,
  ...extra,
})

async function credentialsFor(fake: FakeServices): Promise<IssuedCredentials> {
  const {saml} = await samlForm(fake, await sessionTokenFor(fake))
  const {status} = await sts(fake, samlParams(saml))
  assert.is(status, 200)
  return fake.issued.at(-1)!
}

const hex = (data: string) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()

/** An independent SigV4 signer, so the server's verifier is not checked against itself. */
async function signedSts(fake: FakeServices, creds: {id: string; secret: string; token: string}, params: Record<string, string>) {
  const body = new URLSearchParams({Version: '2011-06-15', ...params}).toString()
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const scope = `${amzDate.slice(0, 8)}/us-east-1/sts/aws4_request`
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: new URL(fake.stsUrl).host,
    'x-amz-date': amzDate,
    'x-amz-security-token': creds.token,
  }
  const names = Object.keys(headers).sort()
  const canonical = ['POST', '/', '', names.map((n) => `${n}:${headers[n]}\n`).join(''), names.join(';'), hex(body)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secret}`, amzDate.slice(0, 8)), 'us-east-1'), 'sts'), 'aws4_request')
  const signature = createHmac('sha256', key)
    .update(['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n'))
    .digest('hex')
  const {host: _host, ...sent} = headers
  const authorization = `AWS4-HMAC-SHA256 Credential=${creds.id}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`
  const res = await fetch(fake.stsUrl, {method: 'POST', headers: {...sent, authorization}, body})
  return {status: res.status, body: xml.parse(await res.text()) as Json}
}

test('push login end to end: authn → verify → poll → app link → AssumeRoleWithSAML', () =>
  withFake({push: {waits: 1, result: 'SUCCESS'}}, async (fake) => {
    const org = (await (await fetch(`${fake.oktaUrl}/.well-known/okta-organization`)).json()) as Json
    assert.is(org.pipeline, 'v1')

    const {status, json: tx, headers} = await authn(fake)
    assert.is(status, 200)
    assert.is(headers.get('content-type'), 'application/json')
    assert.is(tx.status, 'MFA_REQUIRED')
    assert.is(tx._embedded.user.profile.login, 'jdoe@example.com')
    assert.is(tx._embedded.factors.length, 4)
    assert.is(tx._links.cancel.href, `${fake.oktaUrl}/api/v1/authn/cancel`)
    const push = factorOf(tx, 'push')
    assert.equal(Object.keys(push.profile).sort(), ['credentialId', 'deviceType', 'name', 'platform', 'version'])
    assert.equal(push._links.verify.hints.allow, ['POST'])

    const waiting = (await postJson(`${push._links.verify.href}?rememberDevice=false`, {stateToken: tx.stateToken})).json
    assert.is(waiting.status, 'MFA_CHALLENGE')
    assert.is(waiting.factorResult, 'WAITING')
    assert.is(waiting._embedded.factor.id, push.id)
    assert.is(waiting._links.next.name, 'poll')
    assert.is(waiting._links.next.href, push._links.verify.href)
    assert.is(waiting._links.resend[0].name, 'push')
    assert.is(fake.pushSentCount, 1)

    const done = (await postJson(waiting._links.next.href, {stateToken: tx.stateToken})).json
    assert.is(done.status, 'SUCCESS')
    assert.is(done.factorResult, undefined)
    assert.is(done.stateToken, undefined)
    assert.match(done.sessionToken, /^\w/)
    assert.is(done._embedded.user.profile.login, 'jdoe@example.com')

    const form = await samlForm(fake, done.sessionToken)
    assert.is(form.action, 'https://signin.aws.amazon.com/saml')
    assert.match(form.cookie ?? '', /^sid=[\w-]+; Path=\/; HttpOnly$/)
    const assertion = xml.parse(Buffer.from(form.saml, 'base64').toString('utf8')) as Json
    const attrs = assertion.Response.Assertion.AttributeStatement.Attribute as Json[]
    const roleValues = (attrs.find((a) => a['@_Name'].endsWith('/Role'))!.AttributeValue as Json[]).map((v) => v['#text'])
    assert.equal(roleValues, [
      `${PROVIDER},${DEV_ROLE}`,
      `${PROVIDER},${READONLY_ROLE}`,
      'arn:aws:iam::210987654321:saml-provider/Okta,arn:aws:iam::210987654321:role/Admin',
    ])
    assert.ok(!attrs.some((a) => a['@_Name'].endsWith('/SessionDuration')))

    const {status: stsStatus, body, text, headers: stsHeaders} = await sts(fake, samlParams(form.saml, DEV_ROLE, {DurationSeconds: '43200'}))
    assert.is(stsStatus, 200)
    assert.is(stsHeaders.get('content-type'), 'text/xml')
    assert.ok(stsHeaders.get('x-amzn-requestid'))
    const result = body.AssumeRoleWithSAMLResponse.AssumeRoleWithSAMLResult
    assert.match(text, /^<AssumeRoleWithSAMLResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {4}<AssumeRoleWithSAMLResult>/)
    assert.match(result.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/)
    assert.match(result.Credentials.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    assert.is(result.AssumedRoleUser.Arn, 'arn:aws:sts::123456789012:assumed-role/Developer/jdoe@example.com')
    assert.is(result.Subject, 'jdoe@example.com')
    assert.is(result.SubjectType, 'unspecified')
    assert.is(fake.issued[0]!.durationSeconds, 43200)

    assert.is(fake.count({service: 'okta', method: 'POST', path: /\/verify$/}), 2)
    assert.is(fake.count({service: 'sts', action: 'AssumeRoleWithSAML'}), 1)
    assert.is(fake.count({service: 'okta', path: '/api/v1/authn'}), 1)
    assert.ok(fake.requests.every((r) => r.endedAt >= r.startedAt && r.status > 0))
  }))

test('number challenge, then REJECTED keeps MFA_CHALLENGE', () =>
  withFake({push: {waits: 2, correctAnswer: 92, result: 'REJECTED'}}, async (fake) => {
    const {json: tx} = await authn(fake)
    const href = factorOf(tx, 'push')._links.verify.href
    const first = (await postJson(href, {stateToken: tx.stateToken})).json
    assert.is(first._embedded.factor._embedded.challenge.correctAnswer, 92)
    const second = (await postJson(href, {stateToken: tx.stateToken})).json
    assert.is(second.factorResult, 'WAITING')
    const third = (await postJson(href, {stateToken: tx.stateToken})).json
    assert.is(third.status, 'MFA_CHALLENGE')
    assert.is(third.factorResult, 'REJECTED')
    assert.is(third._links.next.name, 'verify')
    assert.is(fake.pushSentCount, 1)
  }))

test('wrong password is 401 E0000004', () =>
  withFake({}, async (fake) => {
    const {status, json, headers} = await authn(fake, 'nope')
    assert.is(status, 401)
    assert.is(headers.get('content-type'), 'application/json')
    assert.is(json.errorCode, 'E0000004')
    assert.is(json.errorSummary, 'Authentication failed')
    assert.is(json.errorLink, 'E0000004')
    assert.equal(json.errorCauses, [])
    assert.type(json.errorId, 'string')
  }))

test('wrong TOTP is 403 E0000068, then the right one succeeds', () =>
  withFake({}, async (fake) => {
    const {json: tx} = await authn(fake)
    const href = factorOf(tx, 'token:software:totp', 'GOOGLE')._links.verify.href
    const good = totp(fake.scenario.totpSecret)
    const bad = good === '000000' ? '111111' : '000000'
    const wrong = await postJson(href, {stateToken: tx.stateToken, passCode: bad})
    assert.is(wrong.status, 403)
    assert.is(wrong.json.errorCode, 'E0000068')
    assert.equal(wrong.json.errorCauses, [{errorSummary: "Your passcode doesn't match our records. Please try again."}])
    const right = await postJson(href, {stateToken: tx.stateToken, passCode: good})
    assert.is(right.json.status, 'SUCCESS')
    const stale = await postJson(href, {stateToken: tx.stateToken, passCode: good})
    assert.is(stale.status, 401)
    assert.is(stale.json.errorCode, 'E0000011')
  }))

test('SMS: send, resend too soon is 429, wrong then right code', () =>
  withFake({}, async (fake) => {
    const {json: tx} = await authn(fake)
    const href = factorOf(tx, 'sms')._links.verify.href
    const sent = (await postJson(href, {stateToken: tx.stateToken})).json
    assert.is(sent.status, 'MFA_CHALLENGE')
    assert.is(sent._embedded.factor.profile.phoneNumber, '+1 XXX-XXX-1337')
    assert.is(sent._links.next.name, 'verify')
    assert.is(fake.smsSent.length, 1)
    const resend = await postJson(sent._links.resend[0].href, {stateToken: tx.stateToken})
    assert.is(resend.status, 429)
    assert.is(resend.json.errorCode, 'E0000109')
    assert.ok(resend.headers.get('x-rate-limit-reset'))
    const wrong = await postJson(href, {stateToken: tx.stateToken, passCode: fake.smsSent[0] === '123456' ? '654321' : '123456'})
    assert.equal(wrong.json.errorCauses, [{errorSummary: "Your answer doesn't match our records. Please try again."}])
    fake.advanceTime(31_000)
    assert.is((await postJson(sent._links.resend[0].href, {stateToken: tx.stateToken})).status, 200)
    assert.is(fake.smsSent.length, 2)
    const ok = (await postJson(href, {stateToken: tx.stateToken, passCode: fake.smsSent[1]})).json
    assert.is(ok.status, 'SUCCESS')
  }))

test('stateToken expires five minutes after last use; unknown → E0000011', () =>
  withFake({}, async (fake) => {
    const {json: tx} = await authn(fake)
    const again = await postJson(`${fake.oktaUrl}/api/v1/authn`, {stateToken: tx.stateToken})
    assert.is(again.json.status, 'MFA_REQUIRED')
    fake.advanceTime(5 * 60_000 + 1000)
    const expired = await postJson(`${fake.oktaUrl}/api/v1/authn`, {stateToken: tx.stateToken})
    assert.is(expired.status, 401)
    assert.is(expired.json.errorSummary, 'Invalid token provided')
  }))

test('cancel: 200 with an empty body, and the stateToken is revoked (E0000011), a waiting push included', () =>
  withFake({push: {waits: 5, result: 'SUCCESS'}}, async (fake) => {
    const {json: tx} = await authn(fake)
    const waiting = (await postJson(factorOf(tx, 'push')._links.verify.href, {stateToken: tx.stateToken})).json
    assert.is(waiting.factorResult, 'WAITING')
    const cancelled = await postJson(waiting._links.cancel.href, {stateToken: tx.stateToken})
    assert.is(cancelled.status, 200)
    assert.equal(cancelled.json, {})
    for (const url of [waiting._links.next.href, `${fake.oktaUrl}/api/v1/authn`, `${fake.oktaUrl}/api/v1/authn/cancel`]) {
      const after = await postJson(url, {stateToken: tx.stateToken})
      assert.is(after.status, 401, url)
      assert.is(after.json.errorCode, 'E0000011', url)
    }
  }))

test('STS DurationSeconds errors', () =>
  withFake({}, async (fake) => {
    const {saml} = await samlForm(fake, await sessionTokenFor(fake))
    const message = async (roleArn: string, duration: string) => {
      const {status, body} = await sts(fake, samlParams(saml, roleArn, {DurationSeconds: duration}))
      assert.is(status, 400)
      assert.is(body.ErrorResponse.Error.Type, 'Sender')
      assert.is(body.ErrorResponse.Error.Code, 'ValidationError')
      assert.ok(body.ErrorResponse.RequestId)
      return body.ErrorResponse.Error.Message as string
    }
    assert.is(
      await message(DEV_ROLE, '86400'),
      "1 validation error detected: Value '86400' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    )
    assert.is(
      await message(DEV_ROLE, '600'),
      "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    )
    assert.is(await message(READONLY_ROLE, '7200'), 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
    const ok = await sts(fake, samlParams(saml, READONLY_ROLE))
    assert.is(ok.status, 200)
    assert.is(fake.issued[0]!.durationSeconds, 3600)
  }))

test("the assertion's SessionDuration shortens what AssumeRoleWithSAML grants, silently", () =>
  withFake({sessionDuration: 3600}, async (fake) => {
    const {saml} = await samlForm(fake, await sessionTokenFor(fake))
    const ok = await sts(fake, samlParams(saml, DEV_ROLE, {DurationSeconds: '43200'}))
    assert.is(ok.status, 200)
    const expiration = Date.parse(ok.body.AssumeRoleWithSAMLResponse.AssumeRoleWithSAMLResult.Credentials.Expiration)
    assert.ok(Math.abs(expiration - Date.now() - 3600_000) < 5000, `expires ${new Date(expiration).toISOString()}`)
  }))

test('STS refuses foreign, expired and mismatched assertions; unknown Action', () =>
  withFake({}, async (fake) => {
    const {saml} = await samlForm(fake, await sessionTokenFor(fake))
    const forged = await sts(fake, samlParams(Buffer.from('<x/>').toString('base64')))
    assert.is(forged.body.ErrorResponse.Error.Code, 'InvalidIdentityToken')
    const wrongPair = await sts(fake, samlParams(saml, 'arn:aws:iam::123456789012:role/Nope'))
    assert.is(wrongPair.status, 403)
    assert.is(wrongPair.body.ErrorResponse.Error.Message, 'Not authorized to perform sts:AssumeRoleWithSAML')
    fake.expireAssertions()
    const expired = await sts(fake, samlParams(saml))
    assert.is(expired.body.ErrorResponse.Error.Code, 'ExpiredTokenException')
    const unknown = await sts(fake, {Action: 'Frobnicate'})
    assert.is(unknown.body.ErrorResponse.Error.Message, 'Could not find operation Frobnicate for version 2011-06-15')
  }))

test('sessionToken is one-time: reuse bounces to the sign-in page', () =>
  withFake({}, async (fake) => {
    const token = await sessionTokenFor(fake)
    const {cookie} = await samlForm(fake, token)
    const reuse = await fetch(`${fake.appUrl}?onetimetoken=${token}`, {redirect: 'manual'})
    assert.is(reuse.status, 302)
    const location = reuse.headers.get('location')!
    assert.is(location, `${fake.oktaUrl}/login/login.htm?fromURI=%2Fhome%2Famazon_aws%2F0oa1b2c3d4EXAMPLE%2F272`)
    const page = await fetch(location)
    assert.is(page.status, 200)
    assert.not.match(await page.text(), 'SAMLResponse')
    assert.is((await postJson(`${fake.oktaUrl}/api/v1/sessions`, {sessionToken: token})).status, 401)

    const sid = cookie!.split(';')[0]!
    const viaCookie = await fetch(fake.appUrl, {headers: {cookie: sid}})
    assert.match(await viaCookie.text(), 'name="SAMLResponse"')
    const me = await fetch(`${fake.oktaUrl}/api/v1/sessions/me`, {headers: {cookie: sid}})
    assert.is(((await me.json()) as Json).login, 'jdoe@example.com')
    assert.is((await fetch(`${fake.oktaUrl}/api/v1/sessions/me`, {method: 'DELETE', headers: {cookie: sid}})).status, 204)
    const gone = await fetch(`${fake.oktaUrl}/api/v1/sessions/me`, {headers: {cookie: sid}})
    assert.is(gone.status, 404)
    assert.is(((await gone.json()) as Json).errorCode, 'E0000007')
    // an ended session opens no app either: the same bounce to sign-in as no session at all
    const ended = await fetch(fake.appUrl, {headers: {cookie: sid}, redirect: 'manual'})
    assert.is(ended.status, 302)
    assert.is(ended.headers.get('location'), location)
  }))

test('latencyMs: every answer, Okta and STS alike, comes that much later (bench/latency.ts)', async () => {
  const fake = await startFakeServices({}, {latencyMs: 80})
  try {
    for (const url of [`${fake.oktaUrl}/api/v1/sessions/me`, fake.stsUrl]) {
      const started = performance.now()
      await (await fetch(url)).text()
      assert.ok(performance.now() - started >= 75, url)
    }
    assert.is(fake.requests.length, 2)
  } finally {
    await fake.close()
  }
})

test('non-AWS app returns a SAML form without an AWS Role attribute', () =>
  withFake({}, async (fake) => {
    const token = await sessionTokenFor(fake)
    const html = await (await fetch(`${fake.nonAwsAppUrl}?sessionToken=${token}`)).text()
    const action = decodeEntities(/action="([^"]+)"/.exec(html)![1]!)
    assert.not.match(action, 'signin.aws.amazon.com')
    const value = decodeURIComponent(/name="SAMLResponse" type="hidden" value="([^"]+)"/.exec(html)![1]!)
    assert.not.match(Buffer.from(value, 'base64').toString('utf8'), 'https://aws.amazon.com/SAML/Attributes/Role')
    assert.is((await fetch(`${fake.oktaUrl}/home/other/0oaNOPE/1`)).status, 404)
  }))

test('SigV4: right secret accepted, wrong secret and unknown key refused', () =>
  withFake({}, async (fake) => {
    const creds = await credentialsFor(fake)
    const me = {id: creds.accessKeyId, secret: creds.secretAccessKey, token: creds.sessionToken}
    const ok = await signedSts(fake, me, {Action: 'GetCallerIdentity'})
    assert.is(ok.status, 200)
    assert.is(ok.body.GetCallerIdentityResponse.GetCallerIdentityResult.Arn, 'arn:aws:sts::123456789012:assumed-role/Developer/jdoe@example.com')
    const wrongSecret = await signedSts(fake, {...me, secret: 'x'.repeat(40)}, {Action: 'GetCallerIdentity'})
    assert.is(wrongSecret.status, 403)
    assert.is(wrongSecret.body.ErrorResponse.Error.Code, 'SignatureDoesNotMatch')
    assert.match(wrongSecret.body.ErrorResponse.Error.Message, 'Check your AWS Secret Access Key and signing method.')
    const unknown = await signedSts(fake, {...me, id: 'ASIAAAAAAAAAAAAAAAAA'}, {Action: 'GetCallerIdentity'})
    assert.is(unknown.body.ErrorResponse.Error.Code, 'InvalidClientTokenId')
    const badToken = await signedSts(fake, {...me, token: 'nope'}, {Action: 'GetCallerIdentity'})
    assert.is(badToken.body.ErrorResponse.Error.Message, 'The security token included in the request is invalid.')
  }))

test('the real AWS SDK talks to the fake STS, including role chaining', () =>
  withFake({chainRoles: [{roleArn: 'arn:aws:iam::210987654321:role/Deploy', trusts: [DEV_ROLE], externalId: 'ext-1'}]}, async (fake) => {
    const {saml} = await samlForm(fake, await sessionTokenFor(fake))
    const anonymous = new STSClient({region: 'us-east-1', endpoint: fake.stsUrl, credentials: {accessKeyId: 'unused', secretAccessKey: 'unused'}})
    const out = await anonymous.send(new AssumeRoleWithSAMLCommand({RoleArn: DEV_ROLE, PrincipalArn: PROVIDER, SAMLAssertion: saml}))
    assert.is(out.Credentials?.AccessKeyId, fake.issued[0]!.accessKeyId)
    const c = out.Credentials!
    const client = new STSClient({
      region: 'eu-west-1',
      endpoint: fake.stsUrl,
      credentials: {accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!},
    })
    const who = await client.send(new GetCallerIdentityCommand({}))
    assert.is(who.Account, '123456789012')
    const chained = await client.send(
      new AssumeRoleCommand({RoleArn: 'arn:aws:iam::210987654321:role/Deploy', RoleSessionName: 'deploy', ExternalId: 'ext-1'}),
    )
    assert.is(chained.AssumedRoleUser?.Arn, 'arn:aws:sts::210987654321:assumed-role/Deploy/deploy')
    assert.is(fake.issued[1]!.sourceAccessKeyId, c.AccessKeyId)
    try {
      await client.send(new AssumeRoleCommand({RoleArn: 'arn:aws:iam::210987654321:role/Deploy', RoleSessionName: 'deploy', DurationSeconds: 7200}))
      assert.unreachable('role chaining over an hour must fail')
    } catch (error) {
      assert.is((error as Error).name, 'ValidationError')
      assert.match((error as Error).message, '1 hour session limit')
    }
    try {
      await client.send(new AssumeRoleCommand({RoleArn: 'arn:aws:iam::210987654321:role/Deploy', RoleSessionName: 'deploy'}))
      assert.unreachable('a missing ExternalId must be refused')
    } catch (error) {
      assert.match((error as Error).message, 'is not authorized to perform: sts:AssumeRole on resource')
    }
  }))

test('GovCloud: the assertion posts to the GovCloud sign-in with aws-us-gov roles; its STS takes signatures for GovCloud regions only', () =>
  withFake(
    {
      accounts: [{id: '123456789012', partition: 'aws-us-gov', roles: [{name: 'Developer'}]}],
      chainRoles: [{roleArn: 'arn:aws-us-gov:iam::210987654321:role/Deploy', trusts: ['arn:aws-us-gov:iam::123456789012:role/Developer']}],
    },
    async (fake) => {
      const {action, saml} = await samlForm(fake, await sessionTokenFor(fake))
      assert.is(action, 'https://signin.amazonaws-us-gov.com/saml')
      const decoded = Buffer.from(saml, 'base64').toString('utf8')
      assert.match(decoded, 'Destination="https://signin.amazonaws-us-gov.com/saml"')
      assert.match(decoded, 'Recipient="https://signin.amazonaws-us-gov.com/saml"')
      assert.match(decoded, 'arn:aws-us-gov:iam::123456789012:saml-provider/Okta,arn:aws-us-gov:iam::123456789012:role/Developer')
      const role = 'arn:aws-us-gov:iam::123456789012:role/Developer'
      const anonymous = new STSClient({
        region: 'us-gov-west-1',
        endpoint: fake.stsUrl,
        credentials: {accessKeyId: 'unused', secretAccessKey: 'unused'},
      })
      const out = await anonymous.send(
        new AssumeRoleWithSAMLCommand({RoleArn: role, PrincipalArn: 'arn:aws-us-gov:iam::123456789012:saml-provider/Okta', SAMLAssertion: saml}),
      )
      assert.is(out.AssumedRoleUser?.Arn, 'arn:aws-us-gov:sts::123456789012:assumed-role/Developer/jdoe@example.com')
      const c = out.Credentials!
      const signed = (region: string) =>
        new STSClient({
          region,
          endpoint: fake.stsUrl,
          credentials: {accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!},
        })
      const deploy = new AssumeRoleCommand({RoleArn: 'arn:aws-us-gov:iam::210987654321:role/Deploy', RoleSessionName: 'deploy'})
      try {
        await signed('us-east-1').send(deploy)
        assert.unreachable('a GovCloud session signed for us-east-1 must be refused')
      } catch (error) {
        assert.is((error as Error).name, 'SignatureDoesNotMatch')
        assert.is((error as Error).message.trim(), "Credential should be scoped to a valid region, not 'us-east-1'.")
      }
      const chained = await signed('us-gov-west-1').send(deploy)
      assert.is(chained.AssumedRoleUser?.Arn, 'arn:aws-us-gov:sts::210987654321:assumed-role/Deploy/deploy')
    },
  ))

test('China: the assertion posts to the China sign-in with aws-cn roles', () =>
  withFake({accounts: [{id: '123456789012', partition: 'aws-cn', roles: [{name: 'Developer'}]}]}, async (fake) => {
    const {action, saml} = await samlForm(fake, await sessionTokenFor(fake))
    assert.is(action, 'https://signin.amazonaws.cn/saml')
    assert.match(Buffer.from(saml, 'base64').toString('utf8'), 'arn:aws-cn:iam::123456789012:role/Developer')
  }))

test('injected responses are served first; reset clears runs', () =>
  withFake({}, async (fake) => {
    fake.scenario.inject.authn = [{status: 429, headers: {'X-Rate-Limit-Reset': '1447534590'}, body: {errorCode: 'E0000047'}}]
    const limited = await authn(fake)
    assert.is(limited.status, 429)
    assert.is(limited.headers.get('x-rate-limit-reset'), '1447534590')
    assert.is((await authn(fake)).json.status, 'MFA_REQUIRED')
    assert.is(fake.requests.length, 2)
    assert.is(fake.requests[0]!.status, 429)
    fake.reset()
    assert.is(fake.requests.length, 0)
  }))

test('other authn outcomes', () =>
  withFake({authnOutcome: 'PASSWORD_WARN'}, async (fake) => {
    const plain = await authn(fake)
    assert.is(plain.json.status, 'MFA_REQUIRED')
    const mfaFirst = (
      await postJson(`${fake.oktaUrl}/api/v1/authn`, {
        username: 'jdoe@example.com',
        password: 'correct horse',
        options: {warnBeforePasswordExpired: true},
      })
    ).json
    assert.is(mfaFirst.status, 'MFA_REQUIRED', 'with active factors, MFA comes before the password warning')
    const warned = (
      await postJson(factorOf(mfaFirst, 'token:software:totp')._links.verify.href, {
        stateToken: mfaFirst.stateToken,
        passCode: totp(fake.scenario.totpSecret),
      })
    ).json
    assert.is(warned.status, 'PASSWORD_WARN')
    const skipped = (await postJson(warned._links.skip.href, {stateToken: warned.stateToken})).json
    assert.is(skipped.status, 'SUCCESS')
    assert.type(skipped.sessionToken, 'string')
    fake.scenario.authnOutcome = 'LOCKED_OUT'
    assert.is((await authn(fake)).json.status, 'LOCKED_OUT')
    fake.scenario.authnOutcome = 'SUCCESS'
    assert.type((await authn(fake)).json.sessionToken, 'string')
    const notJson = await fetch(`${fake.oktaUrl}/api/v1/authn`, {method: 'POST', body: 'username=x'})
    assert.is(notJson.status, 400)
  }))

test.run()
