import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {describeLogout} from '../../../src/flow/logout-report.js'
import {logout} from '../../../src/flow/logout.js'
import {OIDC_CLIENT_ID} from '../../support/fake/index.js'
import {withFlow, type FlowHarness} from '../../support/flow.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const idx = {pipeline: 'idx' as const}

/** clokta.cfg of a returning user of an Identity Engine org: no password, no MFA preference */
function cfg(f: FlowHarness, extra = ''): void {
  const app = `okta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = ${DEVELOPER}\n`
  f.home.write(
    '.clokta/clokta.cfg',
    `[DEFAULT]\nokta_username = jdoe@example.com\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\n${extra}\n[website]\n${app}\n[billing]\n${app}`,
  )
}
const requests = (f: FlowHarness, from = 0) => f.fake.requests.slice(from).map((r) => `${r.method} ${r.path}`)
const failure = async (f: FlowHarness, profiles: string[], env: NodeJS.ProcessEnv = {}, flags = {}) => {
  const r = await f.login(profiles, flags, env).catch((error: Error) => error)
  if (r instanceof Error) return r.message
  return r.failures.map((x) => (x.error as Error).message).join('\n')
}

test('an Identity Engine org: the engine asked once, the code shown, the polls as told, the exchange, /login/token/sso, then STS; no password anywhere', async () => {
  await withFlow({...idx, oidc: {pendingPolls: 2}}, async (f) => {
    cfg(f)
    const started = f.clock.now()
    const r = await f.login(['website'])
    assert.equal(r.failures, [])
    assert.equal([r.outcomes[0].kind, r.outcomes[0].roleArn], ['logged-in', DEVELOPER])
    assert.equal(requests(f), [
      'GET /.well-known/okta-organization',
      'POST /oauth2/v1/device/authorize',
      'POST /oauth2/v1/token',
      'POST /oauth2/v1/token',
      'POST /oauth2/v1/token',
      'POST /oauth2/v1/token',
      'POST /login/token/sso',
    ])
    assert.is(f.clock.now() - started, 15_000, 'three polls, 5 s apart, the first after 5 s')
    const code = /open (\S+\/activate\?user_code=([A-Z]{8})) and confirm the code ([A-Z]{8})\./.exec(f.info.join('\n'))
    assert.ok(code, f.info.join('\n'))
    assert.is(code[2], code[3])
    assert.equal(
      f.sts.map((c) => c.roleArn),
      [DEVELOPER],
    )
    const engines = JSON.parse(readFileSync(f.home.path('.clokta/okta-engines.json'), 'utf8')) as {orgs: Record<string, {pipeline: string}>}
    assert.is(engines.orgs[f.fake.oktaUrl].pipeline, 'idx')
  })
})

test('kept tokens: a second profile (another run) needs no browser; the exchange again; expired tokens are refreshed; a run with --force and --no-session opens the browser', async () => {
  await withFlow(
    idx,
    async (f) => {
      cfg(f)
      await f.login(['website'])
      const from = f.fake.requests.length
      const info = f.info.length
      const second = await f.login(['billing'])
      assert.equal(second.failures, [])
      assert.equal(requests(f, from), ['POST /oauth2/v1/token', 'POST /login/token/sso'], 'the engine remembered, the tokens kept')
      assert.ok(f.info.slice(info).includes(`Using your Okta tokens for ${new URL(f.fake.oktaUrl).host} (no browser needed).`))
      assert.not.ok(f.info.slice(info).some((l) => l.includes('user_code')))

      f.clock.advance(2 * 3600_000)
      f.fake.advanceTime(2 * 3600_000)
      const at = f.fake.requests.length
      await f.login(['website'], {force: true})
      assert.equal(requests(f, at), ['POST /oauth2/v1/token', 'POST /oauth2/v1/token', 'POST /login/token/sso'])
      assert.match(f.fake.requests[at].body, /grant_type=refresh_token/)

      const fresh = f.fake.requests.length
      await f.login(['website'], {force: true, noSession: true})
      assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 2)
      assert.ok(f.fake.requests.length - fresh >= 4)
    },
    {keychain: true},
  )
})

test('two profiles of one app in one run, without a keychain: one device login, one assertion for both', async () => {
  await withFlow(idx, async (f) => {
    cfg(f)
    const r = await f.login(['website', 'billing'])
    assert.equal(r.failures, [])
    assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 1)
    assert.is(f.fake.count({path: '/login/token/sso'}), 1)
    assert.is(f.sts.length, 2)
  })
})

test('the assurance invalid_grant: kept tokens from an older sign-in get one device login more; a policy no device login meets is one line saying what to change in Okta', async () => {
  await withFlow(
    {...idx, oidc: {reauthAfterSeconds: 3600}},
    async (f) => {
      cfg(f)
      await f.login(['website'])
      f.clock.advance(2 * 3600_000)
      f.fake.advanceTime(2 * 3600_000)
      const r = await f.login(['website'], {force: true})
      assert.equal(r.failures, [])
      assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 2, 'refreshed tokens keep the old sign-in time: the browser again')
    },
    {keychain: true},
  )
  await withFlow({...idx, oidc: {assuranceMet: false}}, async (f) => {
    cfg(f)
    const message = await failure(f, ['website'])
    assert.match(
      message,
      /^Okta \(127\.0\.0\.1:\d+\) would not let the OIDC app 0oa4x34ogyC1i1krJ1d7 \(okta_oidc_client_id\) sign you in to the AWS app: the AWS app's authentication policy asks for more than your device login gave \(web_sso_app_assurance_not_met\); in Okta, give the OIDC app an authentication policy/,
    )
    assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 1, 'a fresh device login is not tried twice')
    assert.is(f.sts.length, 0)
  })
})

test('the browser answers: denied and expired each end the run in one line; nothing written', async () => {
  await withFlow({...idx, oidc: {outcome: 'deny'}}, async (f) => {
    cfg(f)
    assert.is(
      await failure(f, ['website']),
      'The Okta device login was refused: The resource owner or authorization server denied the request (access_denied).',
    )
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
  })
  await withFlow({...idx, oidc: {outcome: 'expire'}}, async (f) => {
    cfg(f)
    assert.is(await failure(f, ['website']), 'The Okta device login was not approved within 10 minutes (expired_token).')
  })
  await withFlow(
    {
      ...idx,
      inject: {token: [{status: 400, body: {error: 'slow_down', error_description: 'Slow down the polling frequency. Please try again later.'}}]},
    },
    async (f) => {
      cfg(f)
      const started = f.clock.now()
      await f.login(['website'])
      assert.is(f.clock.now() - started, 5_000 + 10_000 + 10_000, 'slow_down: 5 s more between polls from then on')
    },
  )
})

test('engine settings: okta_engine = classic logs in with the password; --engine idx without a client id says how to get one; a Classic org with a client id logs in with the password, asked once', async () => {
  await withFlow({...idx, factors: [{type: 'push', provider: 'OKTA'}]}, async (f) => {
    cfg(f, 'okta_engine = classic\n')
    const r = await f.login(['website'], {}, {okta_password: 'correct horse'})
    assert.equal(r.failures, [])
    assert.is(f.fake.count({path: '/.well-known/okta-organization'}), 0)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1)
  })
  await withFlow(idx, async (f) => {
    f.home.write('.clokta/clokta.cfg', `[DEFAULT]\nokta_username = jdoe@example.com\n[website]\nokta_aws_app_url = ${f.fake.appUrl}\n`)
    const message = await failure(f, ['website'], {}, {engine: 'idx'})
    assert.match(
      message,
      /^127\.0\.0\.1:\d+ runs Okta Identity Engine, where clokta logs in through an OIDC app: set okta_oidc_client_id to its Client ID \(the README's "Identity Engine orgs" says how to create it\), or okta_engine = classic to try the classic API\.$/,
    )
    assert.is(f.fake.requests.length, 0)
    assert.match(
      await failure(f, ['website'], {okta_engine: 'fast'}),
      /^The Okta engine from environment variable okta_engine is "fast"; use classic or idx/,
    )
  })
  await withFlow({factors: [{type: 'push', provider: 'OKTA'}]}, async (f) => {
    cfg(f)
    await f.login(['website'], {}, {okta_password: 'correct horse'})
    await f.login(['website'], {force: true}, {okta_password: 'correct horse'})
    assert.is(f.fake.count({path: '/.well-known/okta-organization'}), 1, 'remembered')
    assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 0)
    assert.is(f.fake.count({path: '/api/v1/authn'}), 2)
  })
})

test('first run of a profile on an Identity Engine org with a client id: only the app URL is asked, no factor, no password question', async () => {
  await withFlow(
    idx,
    async (f) => {
      f.home.write('.clokta/clokta.cfg', `[DEFAULT]\nokta_username = jdoe@example.com\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\n`)
      f.answer(f.fake.appUrl, (choices) => choices[0].name)
      const r = await f.login(['website'])
      assert.equal(r.failures, [])
      assert.equal(
        f.asked.map((q) => q.message),
        ['Okta App URL', 'Choose a role'],
      )
      assert.is(f.fake.count({path: '/.well-known/okta-organization'}), 1, 'asked once, remembered for the login')
    },
    {keychain: true},
  )
})

test('an Identity Engine org without a client id: the password login as before, and when its app wants more, the error says how to get one', async () => {
  await withFlow({...idx, factors: [{type: 'push', provider: 'OKTA'}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', `[DEFAULT]\nokta_username = jdoe@example.com\n[website]\nokta_aws_app_url = ${f.fake.appUrl}\n`)
    f.fake.scenario.inject.app = [{status: 302, headers: {location: `${f.fake.oktaUrl}/login/login.htm`}, body: ''}]
    const error = (await f.login(['website'], {}, {okta_password: 'correct horse'}).then(
      () => undefined,
      (e: unknown) => e,
    )) as (Error & {hint?: string}) | undefined
    assert.ok(error, 'the login failed')
    assert.match(error.message, /with its sign-in page instead of a SAML assertion/)
    assert.match(
      error.hint ?? '',
      /^127\.0\.0\.1:\d+ runs Okta Identity Engine, whose app policies can ask for more than the password login gives: set okta_oidc_client_id for its device login/,
    )
    assert.equal(
      requests(f).filter((r) => !r.includes('/verify')),
      ['POST /api/v1/authn', 'GET /home/amazon_aws/0oa1b2c3d4EXAMPLE/272', 'GET /login/login.htm', 'GET /.well-known/okta-organization'],
      'the org asked only after the failure',
    )
  })
})

test("a role prompt left open past the assertion's 5 minutes: a new assertion through the run's tokens, no second device login", async () => {
  await withFlow(
    idx,
    async (f) => {
      f.home.write(
        '.clokta/clokta.cfg',
        `[DEFAULT]\nokta_username = jdoe@example.com\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\n[website]\nokta_aws_app_url = ${f.fake.appUrl}\n`,
      )
      f.answer((choices) => {
        f.fake.expireAssertions()
        return choices[0].name
      })
      const r = await f.login(['website'])
      assert.equal(r.failures, [])
      assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 1)
      assert.is(f.fake.count({path: '/login/token/sso'}), 2)
      assert.equal(
        f.fake.requests.filter((q) => q.action === 'AssumeRoleWithSAML').map((q) => q.status),
        [400, 200],
      )
    },
    {stsServer: true},
  )
})

test("logout -p revokes the org's tokens at Okta and forgets them (the next login opens the browser); --all does so for every org's", async () => {
  await withFlow(
    idx,
    async (f) => {
      cfg(f)
      await f.login(['website'])
      const host = new URL(f.fake.oktaUrl).host
      const account = `okta-oidc-tokens ${f.fake.oktaUrl} ${OIDC_CLIENT_ID}`
      assert.equal([...f.keychain.keys()], [account])
      const kept = JSON.parse(f.keychain.get(account)!) as {accessToken: string; refreshToken: string}
      const report = await logout({profile: 'billing', all: false}, f.deps(), f.world())
      assert.equal(describeLogout(report), [
        `Forgot the Okta Identity Engine tokens for ${host} and revoked them at Okta: the next login there opens the browser.`,
      ])
      assert.equal(f.fake.oidcRevoked, [
        {token: kept.refreshToken, hint: 'refresh_token'},
        {token: kept.accessToken, hint: 'access_token'},
      ])
      assert.equal([...f.keychain.keys()], [])
      // Okta takes them no more: a copy of the item would not refresh
      const refresh = await fetch(`${f.fake.oktaUrl}/oauth2/v1/token`, {
        method: 'POST',
        body: new URLSearchParams({grant_type: 'refresh_token', client_id: OIDC_CLIENT_ID, refresh_token: kept.refreshToken}),
      })
      assert.is(refresh.status, 400)
      await f.login(['website'], {force: true})
      assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 2)
      assert.equal(describeLogout(await logout({all: true}, f.deps(), f.world())), [
        `Forgot the Okta Identity Engine tokens for ${host} and revoked them at Okta: the next login there opens the browser.`,
      ])
      assert.equal([...f.keychain.keys()], [])
    },
    {keychain: true},
  )
})

test('a revocation Okta refuses, or an org out of reach, still forgets the tokens here, in one line that says revoking failed', async () => {
  await withFlow(
    idx,
    async (f) => {
      cfg(f)
      const host = new URL(f.fake.oktaUrl).host
      await f.login(['website'])
      f.fake.scenario.inject.revoke = [{status: 401, body: {error: 'invalid_client', error_description: 'Client authentication failed.'}}]
      assert.equal(describeLogout(await logout({profile: 'website', all: false}, f.deps(), f.world())), [
        `Forgot the Okta Identity Engine tokens for ${host}, but revoking them at Okta failed (Okta (${host}) refused the revocation of your refresh token: Client authentication failed (invalid_client)), so they last there until they expire; the next login there opens the browser.`,
      ])
      assert.equal([...f.keychain.keys()], [])
      // two OIDC apps of one org: the one Okta refused is not hidden by the one it revoked, whichever comes first
      await f.login(['website'], {force: true})
      f.keychain.set(
        `okta-oidc-tokens ${f.fake.oktaUrl} 0oaUnknownApp`,
        JSON.stringify({accessToken: 'a2', idToken: 'i2', expiresAt: f.clock.now() + 3600_000}),
      )
      assert.match(
        describeLogout(await logout({profile: 'website', all: false}, f.deps(), f.world())).join('\n'),
        /^Forgot .*, but revoking them at Okta failed \(.*invalid_client/,
      )
      // an item clokta cannot read: forgotten, and not said to be revoked
      f.keychain.set(`okta-oidc-tokens ${f.fake.oktaUrl} ${OIDC_CLIENT_ID}`, 'not json')
      assert.equal(describeLogout(await logout({profile: 'website', all: false}, f.deps(), f.world())), [
        `Forgot the Okta Identity Engine tokens for ${host}, but revoking them at Okta failed (clokta could not read the kept tokens), so they last there until they expire; the next login there opens the browser.`,
      ])
      assert.equal([...f.keychain.keys()], [])
      // the network: the org's port closed
      await f.login(['website'], {force: true})
      f.keychain.set(
        `okta-oidc-tokens http://127.0.0.1:9 ${OIDC_CLIENT_ID}`,
        JSON.stringify({accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresAt: f.clock.now() + 3600_000}),
      )
      const lines = describeLogout(await logout({all: true}, f.deps(), f.world()))
      assert.is(lines.length, 2)
      assert.match(
        lines[1],
        /^Forgot the Okta Identity Engine tokens for 127\.0\.0\.1:9, but revoking them at Okta failed \(.+\), so they last there until they expire/,
      )
      assert.equal([...f.keychain.keys()], [])
    },
    {keychain: true},
  )
})

test.run()
