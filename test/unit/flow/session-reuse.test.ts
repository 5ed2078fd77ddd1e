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

test('a session that ended at Okta falls back to the full login silently and the new one is kept; --no-session skips it (moved from the CLI tests)', async () => {
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
      const r = await f.login(['billing'], {}, PASSWORD)
      assert.equal(
        r.outcomes.map((o) => o.kind),
        ['logged-in'],
      )
      assert.equal(
        f.fake.requests
          .slice(from)
          .filter((q) => q.path === '/api/v1/sessions/me')
          .map((q) => `${q.method} ${q.status}`),
        ['GET 404'],
        'the kept session was tried, once',
      )
      assert.equal(
        f.info.slice(said).filter((l) => /session|warn|error/i.test(l)),
        [],
        'silently',
      )
      assert.is(f.fake.count({path: '/api/v1/authn'}), 2)
      assert.ok(session(f) && session(f) !== old, 'the new session is kept')

      const checks = f.fake.count({path: '/api/v1/sessions/me'})
      await f.login(['website'], {force: true, noSession: true}, PASSWORD)
      assert.is(f.fake.count({path: '/api/v1/sessions/me'}), checks, '--no-session: not tried')
      assert.is(f.fake.count({path: '/api/v1/authn'}), 3)
    },
    {keychain: true},
  )
})

test('an Okta error on the session check does not forget the kept session (moved from the CLI tests)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      keepPassword(f)
      await f.login(['website'], {}, PASSWORD)
      const sid = session(f)
      assert.ok(sid)
      // three 500s: the first try and both retries (the retries wait on the fake clock)
      f.fake.scenario.inject.sessions = [1, 2, 3].map(() => ({
        status: 500,
        body: {errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorLink: 'E0000009', errorId: 'oae1', errorCauses: []},
      }))
      const started = f.clock.now()
      assert.is(
        await failure(f.login(['billing'], {}, {okta_password: 'wrong password'})),
        'Okta rejected the username or password for jdoe@example.com (E0000004).',
        'the full login ran after the failed check',
      )
      assert.is(f.fake.count({path: '/api/v1/sessions/me'}), 3)
      assert.is(f.clock.now() - started, 3000, 'the retries waited 1 s and 2 s')
      assert.is(session(f), sid, 'kept for the next run')
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
