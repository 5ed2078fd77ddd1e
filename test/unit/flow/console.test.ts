import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {consoleSignin} from '../../../src/flow/console-signin.js'
import type {Scenario} from '../../support/fake/types.js'
import {cfgFor, FLAGS, withFlow, type FlowHarness} from '../../support/flow.js'

// The console sign-in through the fake federation endpoint, which takes only credentials the fake STS issued.
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const scenario: Partial<Scenario> = {factors: [{type: 'push', provider: 'OKTA'}], chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}
const setup = (f: FlowHarness) => {
  f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
  f.home.write('.aws/config', `[profile website]\nregion = eu-west-1\n\n[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\n`)
}
const env = (f: FlowHarness) => ({okta_password: 'correct horse', AWS_ENDPOINT_URL_SIGNIN: f.fake.stsUrl})
const signin = (f: FlowHarness, profile: string, options = {}) => consoleSignin(profile, FLAGS, options, f.deps(), f.world(env(f)))
const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: CloktaError) => e,
  )
const tokenRequests = (f: FlowHarness) => f.fake.requests.filter((r) => r.action === 'getSigninToken')
/** The fake's Action=login takes only a token it handed out, and sends the browser on to the destination. */
async function follow(url: string): Promise<{status: number; location: string | null}> {
  const response = await fetch(url, {redirect: 'manual'})
  return {status: response.status, location: response.headers.get('location')}
}

test("a SAML profile: its credentials buy a sign-in token from the federation endpoint, and the login URL lands on the region's console", async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(f)
      const result = await signin(f, 'website')
      const [issued] = f.fake.issued
      const [request] = tokenRequests(f)
      assert.equal(JSON.parse(request.query.Session), {
        sessionId: issued.accessKeyId,
        sessionKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
      })
      assert.is(request.query.SessionDuration, undefined)
      const url = new URL(result.url)
      assert.is(url.origin + url.pathname, `${f.fake.stsUrl}federation`)
      assert.equal([url.searchParams.get('Action'), url.searchParams.get('Issuer')], ['login', 'clokta'])
      const destination = 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1'
      assert.is(url.searchParams.get('Destination'), destination)
      assert.equal(await follow(result.url), {status: 302, location: destination})
      url.searchParams.set('SigninToken', 'made-up')
      assert.is((await follow(url.href)).status, 400)
      assert.is(result.roleArn, DEVELOPER)
    },
    {stsServer: true},
  )
})

test('still-valid credentials serve the console too (no STS call), and --duration is sent as SessionDuration, which SAML credentials take', async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(f)
      await f.login(['website'], {}, env(f))
      const result = await signin(f, 'website', {duration: '4h', destination: 's3/home'})
      assert.is(f.fake.issued.length, 1)
      assert.is(tokenRequests(f)[0].query.SessionDuration, '14400')
      assert.equal(await follow(result.url), {status: 302, location: 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1'})
    },
    {stsServer: true},
  )
})

test('a chained profile: its role-chained credentials sign in; --duration is refused before anything is asked, as the endpoint would refuse it', async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(f)
      const result = await signin(f, 'myservice')
      const chained = f.fake.issued.find((i) => i.roleArn === SERVICE)!
      assert.is(JSON.parse(tokenRequests(f)[0].query.Session).sessionId, chained.accessKeyId)
      assert.is(result.roleArn, SERVICE)
      // the profile has no region of its own: the global console
      assert.equal(await follow(result.url), {status: 302, location: 'https://console.aws.amazon.com/'})

      const refused = await failure(signin(f, 'myservice', {duration: '2h'}))
      assert.match(refused!.message, /--duration cannot be used with myservice: it is chained/)
      assert.is(tokenRequests(f).length, 1)

      // what the endpoint itself says to SessionDuration with role-chained credentials, and to SAML ones
      const ask = (c: {accessKeyId: string; secretAccessKey: string; sessionToken: string}) =>
        `${f.fake.stsUrl}federation?Action=getSigninToken&SessionDuration=7200&Session=${encodeURIComponent(
          JSON.stringify({sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken}),
        )}`
      const chainedAnswer = await fetch(ask(chained))
      assert.is(chainedAnswer.status, 400)
      assert.match(await chainedAnswer.text(), /Invalid credentials parameter/)
      const saml = f.fake.issued.find((i) => i.roleArn === DEVELOPER)!
      assert.is((await fetch(ask(saml))).status, 200)
    },
    {stsServer: true},
  )
})

test("credentials the endpoint no longer takes: one line naming the profile and the endpoint's reason, and what to do", async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(f)
      await f.login(['website'], {}, env(f))
      // the fake's clock runs past their expiry while clokta's record still calls them valid
      f.fake.advanceTime(13 * 3600 * 1000)
      const error = await failure(signin(f, 'website'))
      assert.is(
        error?.message,
        `The AWS sign-in endpoint ${new URL(f.fake.stsUrl).host} gave no sign-in token for website (HTTP 400: Invalid credentials parameter).`,
      )
      assert.match(error!.hint!, /clokta console -p website --force gets new ones/)
    },
    {stsServer: true},
  )
})

test.run()
