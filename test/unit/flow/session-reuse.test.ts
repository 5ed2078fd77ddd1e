import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {describeLogout} from '../../../src/flow/logout-report.js'
import {logout} from '../../../src/flow/logout.js'
import {passwordAccount, sessionAccount} from '../../../src/flow/okta-secrets.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (keychain): the Okta session kept between runs, and logout.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const USER = 'jdoe@example.com'
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
/** website and billing, two apps of one org; the password kept in the keychain */
const keepPassword = (f: FlowHarness) =>
  f.home.write(
    '.clokta/clokta.cfg',
    cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\n${developer}`).replace(
      '[DEFAULT]\n',
      '[DEFAULT]\nsave_password_in_keychain = True\n',
    ),
  )
const org = (f: FlowHarness) => new URL(f.fake.oktaUrl)
const session = (f: FlowHarness) => f.keychain.get(sessionAccount(org(f), USER))
const host = (f: FlowHarness) => org(f).host
const failure = (run: Promise<unknown>) =>
  run.then(
    () => {
      assert.unreachable('expected a rejection')
      return ''
    },
    (e: Error) => e.message,
  )

/** What reached the fake Okta and STS since `from`, in order. */
const requestsSince = (f: FlowHarness, from: number) =>
  f.fake.requests
    .slice(from)
    .map((q) => `${q.service} ${q.method} ${q.path.replace(/factors\/[^/]+/, 'factors/<push>')}${q.action ? ` ${q.action}` : ''} ${q.status}`)
const APP = '/home/amazon_aws/0oa1b2c3d4EXAMPLE/272'

test('a second profile in a live Okta session: exactly two requests, the app link with the kept session then STS; no password, no push, no sessions/me probe', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const sid = session(f)
      assert.ok(sid, 'the session is kept')
      const from = f.fake.requests.length
      const pushes = f.fake.pushSentCount
      const r = await f.login(['billing']) // no password anywhere: only the session can serve
      assert.equal(requestsSince(f, from), [`okta GET ${APP} 200`, 'sts POST / AssumeRoleWithSAML 200'])
      assert.is(f.fake.requests.at(-2)!.headers.cookie, `sid=${sid}`, 'the kept session, and only it, went with the app link')
      assert.is(f.fake.pushSentCount, pushes)
      assert.equal(f.asked, [])
      assert.is(r.outcomes[0].credentials.accessKeyId, f.fake.issued.at(-1)!.accessKeyId)
      assert.is(session(f), sid, 'still kept')
    },
    {keychain: true, stsServer: true},
  )
})

test('a session that ended at Okta: the app link lands on the sign-in page, then the full login runs silently with the right credentials, and the new session replaces the stale one; --no-session skips it', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const old = session(f)
      assert.ok(old, 'the session is kept')
      f.fake.expireSessions()
      const from = f.fake.requests.length
      const said = f.info.length
      const pushes = f.fake.pushSentCount
      const r = await f.login(['billing'], {}, PASSWORD)
      assert.equal(
        r.outcomes.map((o) => o.kind),
        ['logged-in'],
      )
      const made = requestsSince(f, from)
      assert.equal(made.slice(0, 2), [`okta GET ${APP} 302`, 'okta GET /login/login.htm 200'], 'Okta bounced the dead session to sign-in')
      assert.not.ok(
        made.some((q) => q.includes('/api/v1/sessions')),
        'no Sessions API probe',
      )
      assert.equal(made.slice(2), [
        'okta POST /api/v1/authn 200',
        'okta POST /api/v1/authn/factors/<push>/verify 200',
        `okta GET ${APP} 200`,
        'sts POST / AssumeRoleWithSAML 200',
      ])
      const authn = f.fake.requests.find((q, i) => i >= from && q.path === '/api/v1/authn')!
      const {username, password} = JSON.parse(authn.body) as {username: string; password: string}
      assert.equal([username, password], [USER, 'correct horse'])
      assert.is(f.fake.pushSentCount, pushes + 1, 'MFA as a first login')
      assert.equal(
        f.info.slice(said).filter((l) => /session|warn|error/i.test(l)),
        [],
        'silently',
      )
      const issued = f.fake.issued.at(-1)!
      assert.is(issued.roleArn, 'arn:aws:iam::123456789012:role/Developer')
      assert.is(r.outcomes[0].credentials.accessKeyId, issued.accessKeyId)
      const fresh = session(f)
      assert.ok(fresh && fresh !== old, 'the new session replaced the stale one')

      const checks = f.fake.count({path: APP})
      await f.login(['website'], {force: true, noSession: true}, PASSWORD)
      assert.is(f.fake.count({path: '/api/v1/authn'}), 3)
      assert.is(f.fake.count({path: APP}), checks + 1, '--no-session: only the full login opened the app')
    },
    {keychain: true, stsServer: true},
  )
})

test('an Okta error on the app link with the kept session: one message, no password sent, the session kept for the next run', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const sid = session(f)
      assert.ok(sid)
      const authns = f.fake.count({path: '/api/v1/authn'})
      // three 500s: the first try and both retries (the retries wait on the fake clock)
      f.fake.scenario.inject.app = [1, 2, 3].map(() => ({status: 500, body: '<html><body>Internal Server Error</body></html>'}))
      const started = f.clock.now()
      assert.is(await failure(f.login(['billing'], {}, PASSWORD)), `Okta answered 500 for the app link ${f.fake.appUrl}.`)
      assert.is(f.fake.count({path: APP}), 4, 'the first login, then three tries with the session')
      assert.is(f.clock.now() - started, 3000, 'the retries waited 1 s and 2 s')
      assert.is(f.fake.count({path: '/api/v1/authn'}), authns, 'no password went to Okta')
      assert.is(session(f), sid, 'kept for the next run')
    },
    {keychain: true},
  )
})

/** A page with no SAML form at the app link's own address: not the sign-in page clokta knows (an Identity Engine one, say). */
const unfamiliarPage = {
  status: 200,
  headers: {'content-type': 'text/html;charset=utf-8'},
  body: '<!DOCTYPE html><html><head><title>Example Org - Sign In</title></head><body><div id="okta-sign-in"></div><script>var stateToken = \'02.id.x\';</script></body></html>',
}

test('an app link page without the form that clokta does not know as the sign-in page: only then the Sessions API decides; an ended session → the full login, silently', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const old = session(f)
      f.fake.expireSessions()
      f.fake.scenario.inject.app = [unfamiliarPage]
      const from = f.fake.requests.length
      const said = f.info.length
      const r = await f.login(['billing'], {}, PASSWORD)
      assert.equal(
        r.outcomes.map((o) => o.kind),
        ['logged-in'],
      )
      assert.equal(requestsSince(f, from), [
        `okta GET ${APP} 200`,
        'okta GET /api/v1/sessions/me 404',
        'okta POST /api/v1/authn 200',
        'okta POST /api/v1/authn/factors/<push>/verify 200',
        `okta GET ${APP} 200`,
      ])
      assert.equal(
        f.info.slice(said).filter((l) => /session|warn|error/i.test(l)),
        [],
        'silently',
      )
      assert.ok(session(f) && session(f) !== old, 'the new session replaced the stale one')
    },
    {keychain: true},
  )
})

test('the same page with a live session: a link that gives no SAML, said at once without asking for the password; the session kept', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const sid = session(f)
      f.fake.scenario.inject.app = [unfamiliarPage]
      const from = f.fake.requests.length
      assert.is(await failure(f.login(['billing'], {}, PASSWORD)), `The page at ${f.fake.appUrl} holds no SAML assertion.`)
      assert.equal(requestsSince(f, from), [`okta GET ${APP} 200`, 'okta GET /api/v1/sessions/me 200'])
      assert.is(session(f), sid)
    },
    {keychain: true},
  )
})

/** The app wants more than the session gives (step-up): Okta's sign-in page at the app link, the session alive. */
const stepUpPage = {
  status: 200,
  headers: {'content-type': 'text/html;charset=utf-8'},
  body: '<!DOCTYPE html><html><body><form action="/login/step-up/redirect?stateToken=x"></form></body></html>',
}

test('a live session an app wants more of (step-up), then a full login that fails: the session stays kept and serves the next app in 2 requests', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const sid = session(f)
      f.fake.scenario.inject.app = [stepUpPage]
      await failure(f.login(['billing'], {}, {okta_password: 'wrong'}))
      assert.is(session(f), sid, 'a failed login does not cost the live session')
      const from = f.fake.requests.length
      await f.login(['billing'])
      assert.equal(requestsSince(f, from), [`okta GET ${APP} 200`, 'sts POST / AssumeRoleWithSAML 200'])
    },
    {keychain: true, stsServer: true},
  )
})

test("a /login/ page on another host is not the org's sign-in page: the Sessions API decides, and a live session is kept", async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const sid = session(f)
      // the same test server by another name: another host to the client
      const elsewhere = f.fake.oktaUrl.replace('127.0.0.1', 'localhost')
      f.fake.scenario.inject.app = [{status: 302, headers: {location: `${elsewhere}/login/login.htm`}, body: ''}]
      const from = f.fake.requests.length
      await failure(f.login(['billing'], {}, PASSWORD))
      const made = requestsSince(f, from)
      assert.ok(made.includes('okta GET /api/v1/sessions/me 200'), made.join('\n'))
      assert.not.ok(
        made.some((q) => q.includes('/api/v1/authn')),
        'no password sent',
      )
      assert.is(session(f), sid)
    },
    {keychain: true},
  )
})

test('logout -p of a profile chained in ~/.aws/config logs out as its source; logout --all says a session had already ended at Okta, then that nothing is left (moved from the CLI tests)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['billing'], {}, PASSWORD)
      assert.ok(session(f))
      f.home.write('.aws/config', '[profile myservice]\nrole_arn = arn:aws:iam::444455556666:role/service\nsource_profile = billing\n')
      // a chained profile's own clokta.cfg section (its session_ttl) does not make it an Okta profile
      f.home.write('.clokta/clokta.cfg', readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8') + '\n[myservice]\nsession_ttl = 2h\n')
      const chained = await logout({profile: 'myservice', all: false}, f.deps(), f.world())
      assert.equal(describeLogout(chained), [`Forgot the Okta session of ${USER} at ${host(f)}, and ended that session at Okta.`])
      assert.is(session(f), undefined)
      assert.is(f.fake.count({method: 'DELETE', path: '/api/v1/sessions/me'}), 1)

      await f.login(['billing'], {force: true}, PASSWORD)
      f.keychain.set(passwordAccount(org(f), USER), 'correct horse')
      f.fake.expireSessions()
      const all = await logout({all: true}, f.deps(), f.world())
      assert.equal(describeLogout(all), [`Forgot the Okta password and session of ${USER} at ${host(f)}; that session had already ended at Okta.`])
      assert.equal([...f.keychain.keys()], [])
      const none = await logout({all: true}, f.deps(), f.world())
      assert.equal(none.reachable && none.failed, [], 'nothing to forget is no failure')
      assert.equal(describeLogout(none), ['clokta keeps no Okta password or session in the OS keychain: there was nothing to forget.'])
    },
    {keychain: true},
  )
})

test.run()
