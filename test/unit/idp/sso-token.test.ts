import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {pollForToken} from '../../../src/idp/aws-sso/device-poll.js'
import {createSsoOidcApi, type DeviceAuthorization, type SsoOidcApi} from '../../../src/idp/aws-sso/sso-clients.js'
import {ssoAccessToken, type SsoSessionSettings} from '../../../src/idp/aws-sso/sso-token.js'
import {cacheText, readSsoToken, ssoCachePath, writeSsoToken} from '../../../src/idp/aws-sso/token-cache.js'
import type {Logger} from '../../../src/io/log.js'
import {defaultSso, startFakeServices, type FakeServices, type SsoScenario} from '../../support/fake/index.js'
import {tempHome} from '../../support/run-cli.js'

const log: Logger = {info: () => {}, warn: () => {}, debug: () => {}, secret: () => {}, debugEnabled: false}
const START = 'https://d-1234567890.awsapps.com/start'
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')

/** HOME a temporary directory for the body, the cache under it. */
async function inHome(body: (home: ReturnType<typeof tempHome>) => Promise<void>) {
  const home = tempHome()
  const saved = process.env.HOME
  process.env.HOME = home.dir
  try {
    await body(home)
  } finally {
    process.env.HOME = saved
    home.remove()
  }
}

test('the cache file is named by the SHA-1 of the sso-session name, or of the start URL for a legacy profile', () => {
  const dir = join(process.env.HOME!, '.aws', 'sso', 'cache')
  assert.is(ssoCachePath({session: 'my-sso', startUrl: START}), join(dir, `${sha1('my-sso')}.json`))
  assert.is(ssoCachePath({startUrl: START}), join(dir, `${sha1(START)}.json`))
})

test('the cache text is byte for byte what the AWS CLI v2 writes: its key order, Python separators, no newline', () => {
  const text = cacheText({
    startUrl: START,
    region: 'us-east-1',
    accessToken: 'aoaTOKEN',
    expiresAt: '2026-01-01T08:00:00Z',
    clientId: 'cid',
    clientSecret: 'csecret',
    registrationExpiresAt: '2026-03-31T08:00:00Z',
    refreshToken: 'aorREFRESH',
  })
  assert.is(
    text,
    '{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "aoaTOKEN", "expiresAt": "2026-01-01T08:00:00Z", "clientId": "cid", "clientSecret": "csecret", "registrationExpiresAt": "2026-03-31T08:00:00Z", "refreshToken": "aorREFRESH"}',
  )
  // json.dumps escapes what is not ASCII
  assert.ok(
    cacheText({startUrl: 'https://é.awsapps.com/start', region: 'r', accessToken: 'a', expiresAt: 'e'}).includes(
      '"https://\\u00e9.awsapps.com/start"',
    ),
  )
  // no refresh token: no key
  assert.not.ok(cacheText({startUrl: START, region: 'r', accessToken: 'a', expiresAt: 'e'}).includes('refreshToken'))
})

test('written with mode 0600, read back; a file the AWS CLI v1 or the JS SDK wrote is read too', async () => {
  await inHome(async (home) => {
    const path = await writeSsoToken(
      {session: 's', startUrl: START},
      {startUrl: START, region: 'us-east-1', accessToken: 'aoa', expiresAt: '2026-01-01T08:00:00Z'},
    )
    assert.is(statSync(path).mode & 0o777, 0o600)
    assert.is(
      readFileSync(path, 'utf8'),
      '{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "aoa", "expiresAt": "2026-01-01T08:00:00Z"}',
    )
    home.write(
      `.aws/sso/cache/${sha1(START)}.json`,
      JSON.stringify({startUrl: START, region: 'us-east-1', accessToken: 'x', expiresAt: '2026-01-01T08:00:00.000Z', extra: 1}),
    )
    assert.equal(await readSsoToken({startUrl: START}), {
      startUrl: START,
      region: 'us-east-1',
      accessToken: 'x',
      expiresAt: '2026-01-01T08:00:00.000Z',
    })
    home.write(`.aws/sso/cache/${sha1('broken')}.json`, '{not json')
    assert.is(await readSsoToken({session: 'broken', startUrl: START}), undefined)
  })
})

/** A clock that only moves when slept on; its sleeps are kept. */
function fakeClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start
  const sleeps: number[] = []
  return {now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)), sleeps, advance: (ms: number) => void (now += ms)}
}

const authorization: DeviceAuthorization = {
  deviceCode: 'dc',
  userCode: 'ABCD-EFGH',
  verificationUri: 'u',
  verificationUriComplete: 'u?c',
  expiresIn: 600,
  interval: 1,
}

/** An OIDC API whose CreateToken answers with these error names, then a token. */
function scriptedOidc(answers: string[]): SsoOidcApi & {calls: number} {
  const api = {
    calls: 0,
    endpoint: 'https://oidc.us-east-1.amazonaws.com',
    registerClient: async () => ({clientId: 'c', clientSecret: 's', clientSecretExpiresAt: 0}),
    startDeviceAuthorization: async () => authorization,
    createToken: async () => {
      const name = answers[api.calls++]
      if (name) throw Object.assign(new Error(name), {name, $metadata: {httpStatusCode: 400}})
      return {accessToken: 'aoa', expiresIn: 28800}
    },
  }
  return api
}

test('polling waits the interval, 5 s longer after each SlowDown, and stops at the first token', async () => {
  const clock = fakeClock()
  const oidc = scriptedOidc(['AuthorizationPendingException', 'SlowDownException', 'AuthorizationPendingException', 'SlowDownException'])
  const token = await pollForToken(oidc, {clientId: 'c', clientSecret: 's'}, authorization, clock)
  assert.is(token.accessToken, 'aoa')
  assert.equal(clock.sleeps, [1000, 1000, 6000, 6000, 11000])
})

test('polling without an interval waits 5 s; AccessDenied ends it; a code past its expiresIn ends it without another request', async () => {
  const clock = fakeClock()
  await pollForToken(scriptedOidc([]), {clientId: 'c', clientSecret: 's'}, {...authorization, interval: undefined}, clock)
  assert.equal(clock.sleeps, [5000])
  const denied = await pollForToken(scriptedOidc(['AccessDeniedException']), {clientId: 'c', clientSecret: 's'}, authorization, clock).catch(
    (e: Error) => e,
  )
  assert.is((denied as Error).name, 'AccessDeniedException')
  const forever = scriptedOidc(Array(1000).fill('AuthorizationPendingException'))
  const expired = await pollForToken(forever, {clientId: 'c', clientSecret: 's'}, {...authorization, expiresIn: 10}, clock).catch((e: Error) => e)
  assert.is((expired as Error).name, 'ExpiredTokenException')
  assert.is(forever.calls, 10)
})

/** The real SDK client against the fake service, with the fake clock. */
async function withSso(
  sso: Partial<SsoScenario>,
  body: (
    fake: FakeServices,
    run: (s?: Partial<SsoSessionSettings>) => Promise<unknown>,
    shown: DeviceAuthorization[],
    clock: ReturnType<typeof fakeClock>,
  ) => Promise<void>,
) {
  const fake = await startFakeServices({sso: {...defaultSso(), ...sso}})
  try {
    await inHome(async () => {
      const clock = fakeClock(Date.now())
      const shown: DeviceAuthorization[] = []
      const oidc = createSsoOidcApi('us-east-1', 'clokta-test', log, {AWS_ENDPOINT_URL_SSO_OIDC: fake.ssoUrl})
      const run = (s: Partial<SsoSessionSettings> = {}) =>
        ssoAccessToken(
          {session: 'my-sso', startUrl: fake.scenario.sso!.startUrl, region: 'us-east-1', scopes: ['sso:account:access'], ...s},
          {oidc: () => oidc, clock, log, showAuthorization: async (a) => void shown.push(a)},
          {what: 'profile dev', again: 'clokta -p dev'},
        )
      await body(fake, run, shown, clock)
    })
  } finally {
    await fake.close()
  }
}

test('a device sign-in: RegisterClient with the scopes, the code shown, CreateToken polled; the token cached with its refresh token', async () => {
  await withSso({pendingPolls: 2}, async (fake, run, shown) => {
    const token = (await run()) as {accessToken: string; refreshToken?: string}
    assert.is(shown.length, 1)
    assert.is(shown[0].verificationUriComplete, `https://device.sso.us-east-1.amazonaws.com/?user_code=${fake.ssoUserCodes[0]}`)
    assert.is(fake.count({service: 'sso', action: 'CreateToken'}), 3)
    const register = JSON.parse(fake.requests.find((r) => r.action === 'RegisterClient')!.body)
    assert.equal(register, {clientName: 'botocore-client-my-sso', clientType: 'public', scopes: ['sso:account:access']})
    const cached = JSON.parse(readFileSync(ssoCachePath({session: 'my-sso', startUrl: ''}), 'utf8'))
    assert.equal(Object.keys(cached), [
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ])
    assert.is(cached.accessToken, token.accessToken)
    assert.ok(token.refreshToken)
    assert.match(cached.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    // the next run takes it from the cache: no request
    const before = fake.requests.length
    assert.is(((await run()) as {accessToken: string}).accessToken, token.accessToken)
    assert.is(fake.requests.length, before)
  })
})

test('an expired token is renewed with the refresh token, without the browser; a refused refresh token means a new sign-in', async () => {
  await withSso({}, async (fake, run, shown, clock) => {
    const first = (await run()) as {accessToken: string; refreshToken: string}
    clock.advance(8 * 3600 * 1000)
    const renewed = (await run()) as {accessToken: string; refreshToken: string}
    assert.is(shown.length, 1)
    assert.is.not(renewed.accessToken, first.accessToken)
    const refresh = JSON.parse(fake.requests.filter((r) => r.action === 'CreateToken').at(-1)!.body)
    assert.is(refresh.grantType, 'refresh_token')
    assert.is(refresh.refreshToken, first.refreshToken)
    // the service rotated it: the cache keeps the new one
    assert.is((await readSsoToken({session: 'my-sso', startUrl: ''}))!.refreshToken, renewed.refreshToken)
    clock.advance(8 * 3600 * 1000)
    fake.scenario.sso!.pendingPolls = 0
    const sso = fake.scenario.inject
    sso.sso = [
      {
        status: 400,
        headers: {'x-amzn-ErrorType': 'InvalidGrantException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/'},
        body: {error: 'invalid_grant', error_description: 'Invalid refresh token provided'},
      },
    ]
    await run()
    assert.is(shown.length, 2)
  })
})

test('without scopes (a legacy profile): no refresh token, a timestamp client name; an expired token means a new sign-in', async () => {
  await withSso({pendingPolls: 0}, async (fake, run, shown, clock) => {
    await run({session: undefined, scopes: []})
    const cached = await readSsoToken({startUrl: fake.scenario.sso!.startUrl})
    assert.ok(cached)
    assert.is(cached.refreshToken, undefined)
    assert.match(JSON.parse(fake.requests.find((r) => r.action === 'RegisterClient')!.body).clientName, /^botocore-client-\d+$/)
    clock.advance(8 * 3600 * 1000)
    await run({session: undefined, scopes: []})
    assert.is(shown.length, 2)
    // the registration is reused while it lasts
    assert.is(fake.count({action: 'RegisterClient'}), 1)
  })
})

test('denied in the browser, or never approved: one line naming the profile', async () => {
  await withSso({outcome: 'deny'}, async (_fake, run) => {
    const error = (await run().catch((e: unknown) => e)) as CloktaError
    assert.instance(error, CloktaError)
    assert.is(error.message, 'The IAM Identity Center sign-in for profile dev was refused in the browser.')
  })
  await withSso({outcome: 'expire'}, async (_fake, run) => {
    const error = (await run().catch((e: unknown) => e)) as CloktaError
    assert.is(error.message, 'The IAM Identity Center sign-in code for profile dev expired before it was approved.')
  })
})

test.run()
