import {createHash} from 'node:crypto'
import {readdirSync, statSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {DoctorDeps} from '../../../src/flow/doctor/deps.js'
import type {Finding} from '../../../src/flow/doctor/findings.js'
import {clockFinding} from '../../../src/flow/doctor/okta-orgs.js'
import {runDoctor} from '../../../src/flow/doctor/run-doctor.js'
import {passwordAccount, sessionAccount} from '../../../src/flow/okta-secrets.js'
import {createHttpClient} from '../../../src/io/http.js'
import {defaultSso, OIDC_CLIENT_ID, startFakeServices} from '../../support/fake/index.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// `clokta doctor`'s checks of profiles, orgs and the keychain, in process against the test server.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const USER = 'jdoe@example.com'
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')

/** Doctor's Deps over the flow harness: its keychain, a real clock (the fake dates its answers by real time), a short timeout. */
function doctorDeps(f: FlowHarness, timeoutMs = 2_000): DoctorDeps {
  const base = f.deps()
  const clock = {now: () => Date.now(), sleep: (ms: number) => base.clock.sleep(ms)}
  return {
    http: () => createHttpClient({log: base.log, userAgent: 'clokta-test', clock, timeoutMs, retry: false}),
    keychain: base.keychain,
    clock,
    node: {version: '24.11.0', platform: 'linux'},
    uid: process.getuid?.(),
  }
}

const doctor = (f: FlowHarness, deps = doctorDeps(f)) => runDoctor(f.world(), deps)
const rows = (findings: Finding[], check: string) => findings.filter((r) => r.check === check)
const row = (findings: Finding[], check: string, subject: string) => {
  const found = findings.find((r) => r.check === check && r.subject === subject)
  assert.ok(found, `a ${check} row for ${subject} in ${JSON.stringify(findings, null, 1)}`)
  return found
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Every file under HOME with its mode and mtime: what doctor must leave as it was. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true}).map((e) => {
    const path = join(e.parentPath, e.name)
    const st = statSync(path)
    return `${path} ${st.mode} ${st.mtimeMs}`
  })
}

test('each org asked once, all at once: its engine as it says, an unreachable one broken; nothing asked, sent or written', async () => {
  const idx = await startFakeServices({pipeline: 'idx'})
  try {
    await withFlow({}, async (f) => {
      const dead = `http://127.0.0.1:${await closedPort()}`
      f.home.write(
        '.clokta/clokta.cfg',
        cfgFor(
          f.fake,
          `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\n\n[idx]\nokta_aws_app_url = ${idx.appUrl}\n\n[dead]\nokta_aws_app_url = ${dead}/home/amazon_aws/0oa1/272\n`,
        ),
      )
      const before = snapshot(f.home.dir)
      const findings = await doctor(f)

      const host = new URL(f.fake.oktaUrl).host
      assert.match(row(findings, 'profile', 'website').detail, `${f.fake.appUrl}; Classic engine; never logged in`)
      assert.match(row(findings, 'profile', 'idx').detail, `${idx.appUrl}; Identity Engine;`)
      assert.match(row(findings, 'profile', 'dead').detail, 'org unreachable')
      assert.equal(
        rows(findings, 'okta').map((r) => [r.subject, r.status]),
        [
          [host, 'ok'],
          [new URL(idx.oktaUrl).host, 'warning'],
          [new URL(dead).host, 'broken'],
        ],
      )
      assert.match(row(findings, 'okta', host).detail, /^reachable \(\d+ ms\), Classic engine \(pipeline v1\)$/)
      assert.match(
        row(findings, 'okta', new URL(idx.oktaUrl).host).detail,
        /^reachable \(\d+ ms\), Identity Engine \(pipeline idx\): clokta logs in through the classic authn API, which the AWS app's authentication policy may not accept/,
      )
      assert.match(row(findings, 'okta', new URL(dead).host).detail, 'the connection was refused (ECONNREFUSED)')
      assert.equal(
        rows(findings, 'clock').map((r) => r.status),
        ['ok', 'ok'],
        'the two orgs that answered have clocks to compare',
      )

      assert.equal(
        f.fake.requests.map((r) => `${r.method} ${r.path}`),
        ['GET /.well-known/okta-organization'],
        'one request for the org two profiles share, and no other',
      )
      assert.is(idx.requests.length, 1)
      assert.equal(f.asked, [])
      assert.equal(snapshot(f.home.dir), before, 'no file created, changed or chmod-ed')
    })
  } finally {
    await idx.close()
  }
})

test('an org that does not answer is broken after the short timeout, while the others are asked meanwhile', async () => {
  const idx = await startFakeServices({pipeline: 'idx'})
  try {
    await withFlow({inject: {wellKnown: [{status: 200, body: {}, delayMs: 1_000}]}}, async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, `\n[idx]\nokta_aws_app_url = ${idx.appUrl}\n`))
      const started = Date.now()
      const findings = await doctor(f, doctorDeps(f, 250))
      const took = Date.now() - started
      assert.ok(took < 900, `done in ${took} ms, not when the slow org answered`)
      const slow = row(findings, 'okta', new URL(f.fake.oktaUrl).host)
      assert.is(slow.status, 'broken')
      assert.match(slow.detail, 'no answer within 0.25 s (ETIMEDOUT)')
      assert.is(row(findings, 'okta', new URL(idx.oktaUrl).host).status, 'warning', 'answered: an Identity Engine org, not a broken one')
      assert.is(f.fake.count({path: '/.well-known/okta-organization'}), 1, 'not tried again')
    })
  } finally {
    await idx.close()
  }
})

test("the clock is compared with the org's Date header", async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.fake.advanceTime(10 * 60_000)
    const clock = row(await doctor(f), 'clock', new URL(f.fake.oktaUrl).host)
    assert.is(clock.status, 'warning')
    assert.match(clock.detail, "this computer's clock is 10 min behind the org's: one-time codes and SAML assertions may be refused")
  })
  const probe = {reachable: true as const, status: 200, ms: 5, pipeline: 'v1', midpointMs: 100_000}
  assert.equal(clockFinding('o', {...probe, dateMs: 98_000}), {check: 'clock', subject: 'o', status: 'ok', detail: "within 2 s of the org's clock"})
  assert.match(clockFinding('o', {...probe, dateMs: 100_000 - 45_500})?.detail ?? '', '45 s ahead of')
  assert.is(clockFinding('o', {...probe, dateMs: undefined})?.status, 'warning')
  assert.is(clockFinding('o', {reachable: false, reason: 'x'}), undefined)
})

test("an answer that is not Okta's is a warning; a profile without an app URL or with a bad one says so", async () => {
  await withFlow({inject: {wellKnown: [{status: 404, headers: {'content-type': 'text/html'}, body: '<html>Not found</html>'}]}}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, '\n[empty]\n\n[bad]\nokta_aws_app_url = not a url\n'))
    const findings = await doctor(f)
    const okta = row(findings, 'okta', new URL(f.fake.oktaUrl).host)
    assert.is(okta.status, 'warning')
    assert.match(okta.detail, 'answered HTTP 404 to /.well-known/okta-organization')
    assert.equal(row(findings, 'profile', 'empty'), {
      check: 'profile',
      subject: 'empty',
      status: 'warning',
      detail: 'no okta_aws_app_url: clokta -p empty asks for it',
    })
    const bad = row(findings, 'profile', 'bad')
    assert.is(bad.status, 'broken')
    assert.match(bad.detail, 'The Okta app URL from [bad] in ~/.clokta/clokta.cfg is not a URL')
  })
})

test('an Okta web identity profile: its role and org, no app URL asked for; its org checked with its OIDC app; its kept tokens named for what they are', async () => {
  await withFlow(
    {pipeline: 'idx'},
    async (f) => {
      const role = 'arn:aws:iam::123456789012:role/Developer'
      f.fake.scenario = {...f.fake.scenario, webIdentity: {issuer: f.fake.oktaUrl, audience: OIDC_CLIENT_ID, roleArns: [role]}}
      f.home.write(
        '.clokta/clokta.cfg',
        `[oidc]\nokta_web_identity = true\nokta_org_url = ${f.fake.oktaUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nrole_arn = ${role}\n`,
      )
      const host = new URL(f.fake.oktaUrl).host
      assert.equal(row(await doctor(f), 'profile', 'oidc'), {
        check: 'profile',
        subject: 'oidc',
        status: 'warning',
        detail: `${role} with an Okta ID token of ${host}; never logged in (no credentials from clokta)`,
      })
      await f.login(['oidc'])
      const findings = await doctor(f)
      assert.is(row(findings, 'profile', 'oidc').status, 'ok')
      assert.match(row(findings, 'okta', host).detail, `device login through the OIDC app ${OIDC_CLIENT_ID} (okta_oidc_client_id)`)
      assert.match(row(findings, 'keychain', host).detail, `Identity Engine tokens of the OIDC app ${OIDC_CLIENT_ID} (web identity): valid for`)
    },
    {keychain: true},
  )
})

test('a profile both okta_web_identity and ~/.aws/config claim is one broken row saying so, in place of its IAM Identity Center row', async () => {
  await withFlow({sso: defaultSso()}, async (f) => {
    const web = `okta_web_identity = true\nokta_org_url = ${f.fake.oktaUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nrole_arn = arn:aws:iam::123456789012:role/Developer\n`
    f.home.write('.clokta/clokta.cfg', `[pick]\n${web}\n[k8s]\n${web}`)
    f.home.write('token', 'eyJ.token')
    f.home.write(
      '.aws/config',
      `[profile pick]\nsso_session = corp\n\n[profile k8s]\nweb_identity_token_file = ${f.home.path('token')}\nrole_arn = arn:aws:iam::123456789012:role/pod\n\n[sso-session corp]\nsso_start_url = ${defaultSso().startUrl}\nsso_region = us-east-1\n`,
    )
    const profiles = rows(await doctor(f), 'profile')
    assert.equal(
      profiles.map((r) => [r.subject, r.status]),
      [
        ['pick', 'broken'],
        ['k8s', 'broken'],
      ],
    )
    assert.is(
      profiles[0].detail,
      'Profile pick is both an Okta web identity profile (okta_web_identity = true from [pick] in ~/.clokta/clokta.cfg) and an IAM Identity Center profile (sso_session in ~/.aws/config): remove one of them.',
    )
    assert.match(profiles[1].detail, /^Profile k8s is both .* and a web identity profile \(web_identity_token_file in ~\/\.aws\/config\)/)
  })
})

test('a profile never logged in is a warning; once logged in, how long its credentials last', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    assert.is(row(await doctor(f), 'profile', 'website').status, 'warning')
    await f.login(['website'], {}, PASSWORD)
    const website = row(await doctor(f), 'profile', 'website')
    assert.is(website.status, 'ok')
    assert.match(website.detail, /; credentials valid for \d+h/)
  })
})

test('the keychain: reachable, and what is kept for each org and user, never the values', async () => {
  await withFlow(
    {},
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, '\n[other]\nokta_aws_app_url = https://other.okta.com/home/amazon_aws/0oa9/272\n'))
      const org = new URL(f.fake.oktaUrl)
      f.keychain.set(passwordAccount(org, USER), 'hunter2-password')
      f.keychain.set(sessionAccount(org, USER), 'sid-102030405060')
      f.python.set(USER, 'python-obfuscated')
      f.keychain.set('okta-oidc-tokens https://other.okta.com 0oa4x34ogyC1i1krJ1d7', '{"accessToken":"oidc-access-token"}')
      const findings = await doctor(f)
      assert.equal(rows(findings, 'keychain'), [
        {check: 'keychain', subject: 'OS keychain', status: 'ok', detail: 'reachable'},
        {check: 'keychain', subject: USER, status: 'ok', detail: `at ${org.host}: kept password, Okta session, the Python clokta's password`},
        {check: 'keychain', subject: USER, status: 'ok', detail: "at other.okta.com: kept Identity Engine tokens, the Python clokta's password"},
        {
          check: 'keychain',
          subject: 'other.okta.com',
          status: 'warning',
          detail: 'Identity Engine tokens of the OIDC app 0oa4x34ogyC1i1krJ1d7 are unreadable: the next login opens the browser',
        },
      ])
      const all = JSON.stringify(findings)
      for (const secret of ['hunter2-password', 'sid-102030405060', 'python-obfuscated', 'oidc-access-token']) assert.not.ok(all.includes(secret))
    },
    {keychain: true},
  )
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    assert.equal(rows(await doctor(f), 'keychain'), [
      {
        check: 'keychain',
        subject: 'OS keychain',
        status: 'warning',
        detail: 'No OS keychain: passwords and sessions are not kept, so clokta asks for the password each time',
      },
    ])
  })
})

test('IAM Identity Center profiles: where each signs in and the sign-in a login would find; Identity Engine orgs: the OIDC app and its kept tokens', async () => {
  await withFlow(
    {pipeline: 'idx', sso: defaultSso()},
    async (f) => {
      const start = defaultSso().startUrl
      f.home.write(
        '.clokta/clokta.cfg',
        `[DEFAULT]\nokta_username = ${USER}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\n\n[website]\nokta_aws_app_url = ${f.fake.appUrl}\n\n[pick]\nokta_aws_role_to_assume = 444455556666/Developer\n`,
      )
      f.home.write(
        '.aws/config',
        `[profile pick]\nsso_session = corp\n\n[profile old]\nsso_start_url = ${start}\nsso_region = us-east-1\nsso_account_id = 444455556666\nsso_role_name = Developer\n\n[profile half]\nsso_session = nope\n\n[sso-session corp]\nsso_start_url = ${start}\nsso_region = us-east-1\n`,
      )
      const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z')
      const token = (expiresAt: string, more = '') =>
        `{"startUrl": "${start}", "region": "us-east-1", "accessToken": "aoa-secret", "expiresAt": "${expiresAt}"${more}}`
      f.home.write(
        `.aws/sso/cache/${sha1('corp')}.json`,
        token(at(8 * 3600_000), `, "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "2099-03-01T00:00:00Z"`),
      )
      f.home.write(`.aws/sso/cache/${sha1(start)}.json`, token(at(-60_000)))
      const org = new URL(f.fake.oktaUrl)
      f.keychain.set(
        `okta-oidc-tokens ${org.origin} ${OIDC_CLIENT_ID}`,
        JSON.stringify({accessToken: 'oidc-access', idToken: 'oidc-id', refreshToken: 'oidc-refresh', expiresAt: Date.now() + 30 * 60_000}),
      )
      const findings = await doctor(f)
      const profiles = rows(findings, 'profile')
      assert.equal(
        profiles.map((r) => [r.subject, r.status]),
        [
          ['website', 'warning'],
          ['pick', 'warning'],
          ['old', 'warning'],
          ['half', 'broken'],
        ],
        'pick once, as the IAM Identity Center profile it is',
      )
      assert.match(
        row(findings, 'profile', 'pick').detail,
        `IAM Identity Center ${start} (sso_region us-east-1, sso-session corp); signed in for 8h; client registered until 2099-03-01; never logged in`,
      )
      assert.match(
        row(findings, 'profile', 'old').detail,
        `IAM Identity Center ${start} (sso_region us-east-1); sign-in expired: the next login opens the browser;`,
      )
      assert.match(row(findings, 'profile', 'half').detail, 'has no [sso-session nope]')
      const okta = row(findings, 'okta', org.host)
      assert.equal([okta.status], ['ok'])
      assert.match(okta.detail, `Identity Engine (pipeline idx); device login through the OIDC app ${OIDC_CLIENT_ID} (okta_oidc_client_id)`)
      assert.equal(row(findings, 'keychain', org.host), {
        check: 'keychain',
        subject: org.host,
        status: 'ok',
        detail: `Identity Engine tokens of the OIDC app ${OIDC_CLIENT_ID}: valid for 30m, then renewed by the refresh token`,
      })
      const all = JSON.stringify(findings)
      for (const secret of ['aoa-secret', 'oidc-access', 'oidc-refresh', '"s"']) assert.not.ok(all.includes(secret))
    },
    {keychain: true},
  )
})

test('a check that fails outright is one broken row of its own, and the others still report', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    const deps = doctorDeps(f)
    const findings = await runDoctor(f.world(), {...deps, keychain: {...deps.keychain, available: () => Promise.reject(new Error('bus on fire'))}})
    assert.equal(row(findings, 'keychain', '(check)'), {
      check: 'keychain',
      subject: '(check)',
      status: 'broken',
      detail: 'the check failed: bus on fire',
    })
    assert.is(row(findings, 'okta', new URL(f.fake.oktaUrl).host).status, 'ok')
  })
})

test.run()
