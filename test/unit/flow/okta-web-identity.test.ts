import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {configureProfile, listProfiles} from '../../../src/flow/configure-profile.js'
import {credentialsFor} from '../../../src/flow/credentials-for.js'
import {ssoAccounts} from '../../../src/flow/sso-accounts.js'
import {stillValidFor} from '../../../src/flow/still-valid-for.js'
import {forgetTotpSeed, keepTotpSeed} from '../../../src/flow/totp-seed.js'
import {describeLogout} from '../../../src/flow/logout-report.js'
import {logout} from '../../../src/flow/logout.js'
import {webIdentitySessionName} from '../../../src/flow/sources/okta-web-identity.js'
import {OIDC_CLIENT_ID} from '../../support/fake/index.js'
import {FLAGS, withFlow, type FlowHarness} from '../../support/flow.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const OTHER = 'arn:aws:iam::123456789012:role/Other'
/** its maximum session: an hour */
const READONLY = 'arn:aws:iam::123456789012:role/ReadOnly'
const WEB_SCOPE = 'openid profile offline_access'

/** An Okta web identity profile `dev` of the fake org, and IAM trusting the org as an OIDC provider for `roleArns`. */
function setup(f: FlowHarness, extra = '', trust: {audience?: string; roleArns?: string[]; role?: string} = {}): void {
  f.fake.scenario = {
    ...f.fake.scenario,
    webIdentity: {issuer: f.fake.oktaUrl, audience: trust.audience ?? OIDC_CLIENT_ID, roleArns: trust.roleArns ?? [DEVELOPER]},
  }
  f.home.write(
    '.clokta/clokta.cfg',
    `[dev]\nokta_org_url = ${f.fake.oktaUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nrole_arn = ${trust.role ?? DEVELOPER}\nokta_web_identity = true\n${extra}`,
  )
}
const okta = (f: FlowHarness, from = 0) =>
  f.fake.requests
    .slice(from)
    .filter((r) => r.service === 'okta')
    .map((r) => `${r.method} ${r.path}`)
const failure = async (f: FlowHarness, profiles: string[], flags = {}, env: NodeJS.ProcessEnv = {}): Promise<CloktaError> => {
  const r = await f.login(profiles, flags, env).catch((error: CloktaError) => error)
  if (r instanceof Error) return r
  assert.is(r.failures.length, 1, 'one profile failed')
  return r.failures[0].error as CloktaError
}

test('an Okta web identity profile: a device login for an ID token (no SAML, no password), AssumeRoleWithWebIdentity named after the user, the artefacts written', async () => {
  await withFlow(
    {oidc: {pendingPolls: 2}},
    async (f) => {
      setup(f)
      const started = f.clock.now()
      const r = await f.login(['dev'])
      assert.equal(r.failures, [])
      assert.equal([r.outcomes[0].kind, r.outcomes[0].roleArn], ['logged-in', DEVELOPER])
      assert.equal(okta(f), ['POST /oauth2/v1/device/authorize', 'POST /oauth2/v1/token', 'POST /oauth2/v1/token', 'POST /oauth2/v1/token'])
      assert.is(new URLSearchParams(f.fake.requests[0].body).get('scope'), WEB_SCOPE)
      assert.is(f.clock.now() - started, 15_000, 'polled as the device authorization said')
      assert.match(f.info.join('\n'), /open \S+\/activate\?user_code=[A-Z]{8} and confirm the code [A-Z]{8}\./)
      const call = f.fake.requests.find((q) => q.action === 'AssumeRoleWithWebIdentity')
      assert.is(call?.headers.authorization, undefined, 'unsigned')
      assert.equal(
        f.fake.issued.map((i) => [i.via, i.roleArn, i.roleSessionName, i.durationSeconds]),
        [['AssumeRoleWithWebIdentity', DEVELOPER, 'jdoe@example.com', 3600]],
      )
      const keyId = f.fake.issued[0].accessKeyId
      assert.match(readFileSync(f.home.path('.aws/credentials'), 'utf8'), new RegExp(`\\[dev\\]\\naws_access_key_id = ${keyId}`))
      for (const file of ['.clokta/dev.env', '.clokta/dev.sh']) assert.ok(readFileSync(f.home.path(file), 'utf8').includes(keyId), file)
      assert.not.ok(
        f.fake.requests.some((q) => q.path.startsWith('/api/v1/authn') || q.path === '/login/token/sso' || q.path.includes('okta-organization')),
      )

      const at = f.fake.requests.length
      assert.is((await f.login(['dev'])).outcomes[0].kind, 'still-valid')
      assert.is(f.fake.requests.length, at, 'still valid: nobody contacted')
    },
    {stsServer: true},
  )
})

test('kept tokens: an ID token with more than 5 minutes left is reused with no browser; nearer its end it is refreshed; an ended refresh token, or --no-session, means the device login again', async () => {
  await withFlow(
    {pipeline: 'idx'},
    async (f) => {
      setup(
        f,
        `\n[website]\nokta_aws_app_url = ${f.fake.appUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nokta_username = jdoe@example.com\nokta_aws_role_to_assume = ${DEVELOPER}\n`,
      )
      await f.login(['dev', 'website'])
      assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 2, 'one device login for each purpose')
      assert.equal([...f.keychain.keys()].sort(), [
        `okta-oidc-tokens ${f.fake.oktaUrl} ${OIDC_CLIENT_ID}`,
        `okta-oidc-tokens ${f.fake.oktaUrl} ${OIDC_CLIENT_ID} web-identity`,
      ])
      const kept = () => JSON.parse(f.keychain.get(`okta-oidc-tokens ${f.fake.oktaUrl} ${OIDC_CLIENT_ID} web-identity`)!) as {idToken: string}
      const first = kept().idToken

      let at = f.fake.requests.length
      await f.login(['dev'], {force: true})
      assert.equal(okta(f, at), [], 'the kept ID token, no Okta request')
      assert.ok(f.info.includes(`Using your Okta tokens for ${new URL(f.fake.oktaUrl).host} (no browser needed).`))
      assert.is(new URLSearchParams(f.fake.requests.at(-1)!.body).get('WebIdentityToken'), first)

      // 56 minutes on: 4 minutes left of the hour Okta's ID tokens last
      f.clock.advance(56 * 60_000)
      f.fake.advanceTime(56 * 60_000)
      at = f.fake.requests.length
      await f.login(['dev'], {force: true})
      assert.equal(okta(f, at), ['POST /oauth2/v1/token'])
      const refresh = new URLSearchParams(f.fake.requests[at].body)
      assert.equal([refresh.get('grant_type'), refresh.get('scope')], ['refresh_token', WEB_SCOPE])
      assert.is.not(kept().idToken, first, 'the renewed ID token kept')
      assert.is(new URLSearchParams(f.fake.requests.at(-1)!.body).get('WebIdentityToken'), kept().idToken)

      // past the refresh token's 90 days
      f.clock.advance(91 * 86_400_000)
      f.fake.advanceTime(91 * 86_400_000)
      at = f.fake.requests.length
      await f.login(['dev'], {force: true})
      assert.equal(okta(f, at).slice(0, 3), ['POST /oauth2/v1/token', 'POST /oauth2/v1/device/authorize', 'POST /oauth2/v1/token'])

      at = f.fake.requests.length
      await f.login(['dev'], {force: true, noSession: true})
      assert.equal(okta(f, at)[0], 'POST /oauth2/v1/device/authorize', '--no-session: neither kept tokens nor their refresh')
      assert.is(f.fake.issued.filter((i) => i.via === 'AssumeRoleWithWebIdentity').length, 5)
    },
    {keychain: true, stsServer: true},
  )
})

test('two profiles of one org share one device login; an ID token that nears its end while the run waits at a prompt is refreshed before STS gets it, without asking', async () => {
  await withFlow(
    {pipeline: 'idx'},
    async (f) => {
      const ops = `okta_org_url = ${f.fake.oktaUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nrole_arn = ${OTHER}\nokta_web_identity = true\n`
      const website = `okta_aws_app_url = ${f.fake.appUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nokta_username = jdoe@example.com\n`
      setup(f, `\n[ops]\n${ops}\n[website]\n${website}`)
      let planned = ''
      f.answer((choices) => {
        planned = (JSON.parse(f.keychain.get(`okta-oidc-tokens ${f.fake.oktaUrl} ${OIDC_CLIENT_ID} web-identity`)!) as {idToken: string}).idToken
        f.clock.advance(58 * 60_000)
        f.fake.advanceTime(58 * 60_000)
        return choices[0].name
      })
      const r = await f.login(['dev', 'ops', 'website'])
      assert.equal(r.failures, [])
      assert.is(f.fake.count({path: '/oauth2/v1/device/authorize'}), 2, 'one for both web identity profiles, one for the SAML one')
      const refreshes = f.fake.requests.filter((q) => q.body.includes('grant_type=refresh_token'))
      assert.equal(
        refreshes.map((q) => new URLSearchParams(q.body).get('scope')),
        [WEB_SCOPE],
        'one refresh, shared',
      )
      const web = f.sts.filter((c) => c.kind === 'web-identity')
      assert.equal(
        web.map((c) => [c.roleArn, c.roleSessionName]),
        [
          [DEVELOPER, 'jdoe@example.com'],
          [OTHER, 'jdoe@example.com'],
        ],
      )
      assert.ok(planned.length > 100)
      for (const c of web) assert.ok(c.kind === 'web-identity' && c.token !== planned && c.token === web[0].token, 'the renewed token, for both')
    },
    {keychain: true},
  )
})

test('a chain on an Okta web identity profile (role_arn + source_profile in ~/.aws/config): its hop signed with the web identity credentials', async () => {
  await withFlow({}, async (f) => {
    setup(f)
    f.home.write('.aws/config', `[profile deploy]\nrole_arn = ${OTHER}\nsource_profile = dev\n`)
    const r = await f.login(['deploy'])
    assert.equal(r.failures, [])
    assert.equal(
      f.sts.map((c) => [c.kind, c.roleArn, c.kind === 'role' && c.as]),
      [
        ['web-identity', DEVELOPER, false],
        ['role', OTHER, 'ASIAFAKE00000001'],
      ],
    )
  })
})

test("logout -p of an Okta web identity profile revokes and forgets its org's tokens (there is no password or session to forget)", async () => {
  await withFlow(
    {},
    async (f) => {
      setup(f)
      await f.login(['dev'])
      const host = new URL(f.fake.oktaUrl).host
      assert.equal(describeLogout(await logout({profile: 'dev', all: false}, f.deps(), f.world())), [
        `Forgot the Okta Identity Engine tokens for ${host} and revoked them at Okta: the next login there opens the browser.`,
      ])
      assert.equal([...f.keychain.keys()], [])
      assert.ok(f.fake.count({path: '/oauth2/v1/revoke'}) > 0, 'revoked at Okta')
      assert.equal(describeLogout(await logout({profile: 'dev', all: false}, f.deps(), f.world())), [
        `clokta keeps no Okta tokens for ${host}: there was nothing to forget.`,
      ])
      assert.is(f.fake.requests.filter((q) => q.service === 'okta' && !q.path.startsWith('/oauth2/v1/')).length, 0, 'no Okta session to end')
    },
    {keychain: true},
  )
})

test('configure --list shows its org and role, no app URL; configure refuses to give it an app URL, user or factor, and sets its duration', async () => {
  await withFlow({}, async (f) => {
    setup(f)
    assert.equal((await listProfiles(f.world())).rows, [{profile: 'dev', webIdentityOrg: f.fake.oktaUrl, role: DEVELOPER}])
    for (const flags of [{}, {appUrl: f.fake.appUrl}, {username: 'jdoe', duration: '2h'}]) {
      const refused = await configureProfile('dev', flags, f.deps(), f.world()).catch((error: CloktaError) => error)
      assert.match(
        refused instanceof Error ? refused.message : '',
        /^Profile dev has okta_web_identity = true: clokta configure sets up profiles of an Okta AWS app/,
      )
    }
    const {changes} = await configureProfile('dev', {duration: '2h'}, f.deps(), f.world())
    assert.equal(changes, [{section: 'dev', key: 'duration', value: '2h'}])
  })
})

test("the session name is the ID token's preferred_username (else sub) in STS's characters, at most 64", () => {
  const now = Date.UTC(2026, 0, 1)
  assert.is(webIdentitySessionName({preferredUsername: 'jdoe@example.com', sub: '00u1'}, now), 'jdoe@example.com')
  assert.is(webIdentitySessionName({preferredUsername: 'DOMAIN\\Jane Doe (admin)', sub: '00u1'}, now), 'DOMAIN-Jane-Doe--admin-')
  assert.is(webIdentitySessionName({preferredUsername: 'zoë+ops=1,2.3@example.com'}, now), 'zo-+ops=1,2.3@example.com')
  assert.is(webIdentitySessionName({preferredUsername: `${'a'.repeat(70)}@example.com`}, now), 'a'.repeat(64))
  assert.is(webIdentitySessionName({sub: '00u1a2b3c4EXAMPLE'}, now), '00u1a2b3c4EXAMPLE')
  assert.is(webIdentitySessionName({sub: 'x'}, now), `clokta-session-${now / 1000}`, 'STS wants 2 characters at least')
})

test('each bad setting is one line naming the key and where to set it, before any request', async () => {
  await withFlow({}, async (f) => {
    const org = `okta_org_url = ${f.fake.oktaUrl}\n`
    const client = `okta_oidc_client_id = ${OIDC_CLIENT_ID}\n`
    const role = `role_arn = ${DEVELOPER}\n`
    const cases: [string, RegExp][] = [
      [
        client + role,
        /^Profile dev has okta_web_identity = true \(from \[dev\] in ~\/\.clokta\/clokta\.cfg\) but no okta_org_url: set it in \[dev\] of ~\/\.clokta\/clokta\.cfg to your Okta org's address/,
      ],
      [org + role, /but no okta_oidc_client_id: set it in \[dev\] of .* to the Client ID of the OIDC app/],
      [org + client, /but no role_arn: set it in \[dev\] of .* to the ARN of the IAM role/],
      [org + client + 'role_arn = Developer\n', /^The role_arn from \[dev\] in .* is "Developer", which is not an IAM role's ARN/],
      [org + client + 'role_arn = arn:aws:iam::123456789012:user/jdoe\n', /is not an IAM role's ARN/],
      [`okta_org_url = http://example.okta.com\n${client}${role}`, /okta_org_url .*http:\/\/example\.okta\.com.*https/],
      [
        `okta_org_url = https://example.okta.com/oauth2/default\n${client}${role}`,
        /^The okta_org_url from \[dev\] in .* is https:\/\/example\.okta\.com\/oauth2\/default; give the org's address alone, https:\/\/example\.okta\.com/,
      ],
      [`okta_org_url = example\n${client}${role}`, /^The okta_org_url from \[dev\] in .* is not a URL: "example"/],
      [org + client + role + `okta_aws_app_url = ${f.fake.appUrl}\n`, /^Profile dev has both okta_web_identity = true .* and okta_aws_app_url/],
    ]
    for (const [settings, expected] of cases) {
      f.home.write('.clokta/clokta.cfg', `[dev]\nokta_web_identity = true\n${settings}`)
      const e = await failure(f, ['dev'])
      assert.match(e.message, expected)
      assert.not.match(e.message, /\n/)
    }
    f.home.write('.clokta/clokta.cfg', `[dev]\nokta_web_identity = true\n${org}${client}${role}`)
    const allRoles = await f.login(['dev'], {}, {}, {template: '{role}'}).catch((error: CloktaError) => error)
    assert.match(
      allRoles instanceof Error ? allRoles.message : '',
      /^--all-roles writes a profile for each role of an Okta app; dev assumes the one role_arn/,
    )
    f.home.write('.clokta/clokta.cfg', `[dev]\nokta_web_identity = maybe\n${org}${client}${role}`)
    assert.match((await failure(f, ['dev'])).message, /okta_web_identity from \[dev\] in .* is "maybe"/)
    assert.is(f.fake.requests.length, 0, 'no request')
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
  })
})

test("STS's refusals are one line saying what to fix in IAM; the device login's refusals as for the SAML path; nothing written", async () => {
  await withFlow(
    {},
    async (f) => {
      setup(f, '', {audience: 'another-client'})
      let e = await failure(f, ['dev'])
      assert.match(
        e.message,
        /^AWS STS refused role .*Developer with a web identity token \(profile dev\): Incorrect token audience \(InvalidIdentityTokenException\)\.$/,
      )
      assert.match(e.hint ?? '', new RegExp(`its audiences must include ${OIDC_CLIENT_ID}`))

      setup(f, '', {roleArns: [OTHER]})
      e = await failure(f, ['dev'])
      assert.match(e.message, /Not authorized to perform sts:AssumeRoleWithWebIdentity \(AccessDenied\)\.$/)
      assert.match(
        e.hint ?? '',
        new RegExp(`trust policy allows sts:AssumeRoleWithWebIdentity .* ${new URL(f.fake.oktaUrl).host}:aud = ${OIDC_CLIENT_ID}`),
      )

      setup(f, 'duration = 4h\n', {role: READONLY, roleArns: [READONLY]})
      e = await failure(f, ['dev'])
      assert.match(e.message, /MaxSessionDuration set for this role\. \(ValidationError\)/)
      assert.match(e.hint ?? '', /the duration from \[dev\] in .*clokta\.cfg/)

      assert.not.ok(existsSync(f.home.path('.aws/credentials')))
    },
    {stsServer: true},
  )
  await withFlow(
    {},
    async (f) => {
      setup(f)
      await f.login(['dev'])
      // STS's clock two hours ahead of this computer's: the kept ID token this one thinks fresh has ended there
      f.fake.advanceTime(2 * 3600_000)
      const e = await failure(f, ['dev'], {force: true})
      assert.match(
        e.message,
        /^AWS STS refused .*: Token expired: current date\/time \d+ must be before the expiration date\/time \d+ \(ExpiredTokenException\)\.$/,
      )
      assert.match(e.hint ?? '', /check this computer's date and time/)
    },
    {stsServer: true, keychain: true},
  )
  await withFlow({oidc: {outcome: 'deny'}}, async (f) => {
    setup(f)
    assert.is(
      (await failure(f, ['dev'])).message,
      'The Okta device login was refused: The resource owner or authorization server denied the request (access_denied).',
    )
  })
  await withFlow({oidc: {scopes: ['openid', 'okta.apps.sso', 'offline_access']}}, async (f) => {
    setup(f)
    const e = await failure(f, ['dev'])
    assert.match(e.message, new RegExp(`the OIDC app ${OIDC_CLIENT_ID} \\(okta_oidc_client_id\\) may not ask for "${WEB_SCOPE}"`))
    assert.is(f.sts.length, 0)
  })
})

test('okta_web_identity on a profile ~/.aws/config makes an IAM Identity Center or token-file profile: one line naming both files, for every way in, before any request, nothing written', async () => {
  await withFlow({}, async (f) => {
    setup(f)
    f.home.write('token', 'eyJ.token')
    const session = `[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`
    const cases: [string, string][] = [
      [`[profile dev]\nsso_session = corp\n\n${session}`, 'an IAM Identity Center profile (sso_session in ~/.aws/config)'],
      // broken as an SSO profile too: the conflict is what the user must settle first
      ['[profile dev]\nsso_start_url = https://corp.awsapps.com/start\n', 'an IAM Identity Center profile (sso_start_url in ~/.aws/config)'],
      [
        `[profile dev]\nweb_identity_token_file = ${f.home.path('token')}\nrole_arn = ${OTHER}\n`,
        'a web identity profile (web_identity_token_file in ~/.aws/config)',
      ],
    ]
    for (const [config, other] of cases) {
      f.home.write('.aws/config', config)
      const expected = `Profile dev is both an Okta web identity profile (okta_web_identity = true from [dev] in ~/.clokta/clokta.cfg) and ${other}: remove one of them.`
      const e = await failure(f, ['dev'])
      assert.equal([e.message, e.code, e.exitCode], [expected, 'config', 1])
      const refusal = (run: Promise<unknown>) =>
        run.then(
          () => 'no refusal',
          (error: Error) => error.message,
        )
      // env, exec, credential-process, serve and console get their credentials here; the fast paths ask stillValidFor first
      assert.is(await refusal(credentialsFor('dev', FLAGS, f.deps(), f.world())), expected, 'the outputs')
      assert.is(await refusal(stillValidFor('dev', FLAGS, f.world(), f.clock.now())), expected, 'the fast paths')
      assert.is(await refusal(logout({profile: 'dev', all: false}, f.deps(), f.world())), expected, 'logout')
      assert.is(await refusal(f.login(['dev'], {}, {}, {template: '{role}'})), expected, '--all-roles')
      if (other.includes('IAM Identity Center')) assert.is(await refusal(ssoAccounts('dev', {}, f.deps(), f.world())), expected, 'sso accounts')
    }
    // a chain's source is decided as the login decides it
    f.home.write('.aws/config', `[profile dev]\nsso_session = corp\n\n[profile deploy]\nrole_arn = ${OTHER}\nsource_profile = dev\n\n${session}`)
    assert.match((await failure(f, ['deploy'])).message, /^Profile dev is both an Okta web identity profile/)
    // named for this run (the environment) rather than in the file: the same
    f.home.write('.clokta/clokta.cfg', `[dev]\nokta_org_url = ${f.fake.oktaUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nrole_arn = ${DEVELOPER}\n`)
    assert.match(
      (await failure(f, ['dev'], {}, {okta_web_identity: 'true'})).message,
      /^Profile dev is both an Okta web identity profile \(okta_web_identity = true from environment variable okta_web_identity\) and an IAM Identity Center profile/,
    )
    assert.is(f.fake.requests.length, 0, 'no request')
    assert.equal(f.sts, [])
    assert.equal(f.opened, [])
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
    assert.not.ok(existsSync(f.home.path('.aws/sso/cache')))
  })
})

test("okta_web_identity in [DEFAULT] is for clokta.cfg's other profiles: an IAM Identity Center profile of ~/.aws/config stays one", async () => {
  await withFlow({}, async (f) => {
    f.home.write(
      '.clokta/clokta.cfg',
      `[DEFAULT]\nokta_web_identity = true\nokta_org_url = ${f.fake.oktaUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nrole_arn = ${DEVELOPER}\n`,
    )
    f.home.write('.aws/config', `[profile corp]\nsso_session = nope\n`)
    assert.match((await failure(f, ['corp'])).message, /^Profile corp has sso_session = nope, but .* has no \[sso-session nope\]\.$/)
  })
})

test('configure --totp-seed and --forget-totp-seed of an Okta web identity profile (or a chain on one) say it has no TOTP factor, and touch no keychain item', async () => {
  await withFlow(
    {},
    async (f) => {
      setup(f)
      f.home.write('.aws/config', `[profile deploy]\nrole_arn = ${OTHER}\nsource_profile = dev\n`)
      const refusal = (run: Promise<unknown>) =>
        run.then(
          () => undefined,
          (error: CloktaError) => error,
        )
      const world = f.world({okta_onetimepassword_secret: 'JBSWY3DPEHPK3PXP'})
      const keep = await refusal(keepTotpSeed('dev', f.deps(), world))
      assert.equal(
        [keep?.message, keep?.code],
        ["Profile dev has okta_web_identity = true: it signs in with Okta's device login and has no TOTP factor to keep a seed for.", 'usage'],
      )
      assert.is(
        (await refusal(forgetTotpSeed('dev', f.deps(), world)))?.message,
        "Profile dev has okta_web_identity = true: it signs in with Okta's device login and has no TOTP factor whose seed to forget.",
      )
      assert.match(
        (await refusal(keepTotpSeed('deploy', f.deps(), world)))?.message ?? '',
        /^Profile dev \(the source of deploy\) has okta_web_identity = true: it signs in with Okta's device login/,
      )
      assert.equal([...f.keychain.keys()], [])
    },
    {keychain: true},
  )
})

test.run()
