import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const setup = (h: Harness, extra = '') => h.cfg(returningUserCfg(h.fake, {profile: developer + extra}))

test('valid credentials: "valid until", and nobody is contacted; --force logs in anyway', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    const before = h.fake.requests.length
    const again = await h.run(['-p', 'website'])
    assert.is(again.code, 0, again.stderr)
    assert.match(
      again.stderr,
      /^AWS credentials for profile website \(Developer in 123456789012\) are still valid until (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \(12h\); nothing to do \(--force logs in again\)\. Run: {2}export AWS_PROFILE=website$/m,
    )
    assert.is(h.fake.requests.length, before, 'a request was made')
    const forced = await h.run(['-p', 'website', '--force'], withPassword)
    assert.is(forced.code, 0, forced.stderr)
    assert.ok(h.fake.count({path: '/api/v1/authn'}) === 2)
  })
})

test('--min-remaining and refresh_before decide how close to expiry is too close', async () => {
  await withHarness({...pushOnly, sessionDuration: 3600}, async (h) => {
    setup(h)
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    const n = () => h.fake.count({path: '/api/v1/authn'})
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    assert.is(n(), 1, '1h left, 10m margin: still valid')
    assert.is((await h.run(['-p', 'website', '--min-remaining', '2h'], withPassword)).code, 0)
    assert.is(n(), 2, 'asked for 2h margin: logged in')
    setup(h, 'refresh_before = 90m\n')
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    assert.is(n(), 3, 'refresh_before = 90m: logged in')
    const bad = await h.run(['-p', 'website', '--min-remaining', 'soon'])
    assert.is(bad.code, 1)
    assert.match(bad.stderr, /^clokta: The refresh margin from --min-remaining is "soon", which is not a duration/m)
  })
})

test('credentials serve only the role, app and user the settings name now; a one-off --role does not outlast its run', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    const n = () => h.fake.count({path: '/api/v1/authn'})
    const role = () => JSON.parse(h.read('.clokta/records/website.json')).roleArn as string
    assert.is((await h.run(['-p', 'website', '--role', 'Admin'], withPassword)).code, 0)
    assert.is(role(), 'arn:aws:iam::210987654321:role/Admin')
    const plain = await h.run(['-p', 'website'], withPassword)
    assert.is(plain.code, 0, plain.stderr)
    assert.is(n(), 2, 'the remembered Developer, not the one-off Admin')
    assert.is(role(), 'arn:aws:iam::123456789012:role/Developer')
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    assert.is(n(), 2, 'the remembered role again: still valid')
    h.cfg(h.read('.clokta/clokta.cfg').replace('role/Developer', 'role/ReadOnly'))
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    assert.is(n(), 3, 'the remembered role edited')
    assert.is(role(), 'arn:aws:iam::123456789012:role/ReadOnly')
    const otherUser = await h.run(['-p', 'website'], {...withPassword, okta_username: 'other@example.com'})
    assert.is(n(), 4, "another Okta user is asked of Okta, not served jdoe's keys")
    assert.is(otherUser.code, 1)
    h.cfg(h.read('.clokta/clokta.cfg').replace(/okta_aws_role_to_assume = .*\n/, ''))
    const cleared = await h.run(['-p', 'website'], withPassword)
    assert.is(n(), 5, 'no remembered role on a many-role app: the role is asked again')
    assert.match(cleared.stderr, /Cannot ask for the AWS role without a terminal/)
  })
})

test("an app's sole role needs no remembered role to stay valid", async () => {
  await withHarness({...pushOnly, accounts: [{id: '123456789012', roles: [{name: 'Developer', maxSessionDuration: 43200}]}]}, async (h) => {
    setup(h)
    h.cfg(h.read('.clokta/clokta.cfg').replace(/okta_aws_role_to_assume = .*\n/, ''))
    assert.is((await h.run(['-p', 'website'], withPassword)).code, 0)
    const again = await h.run(['-p', 'website'], withPassword)
    assert.is(again.code, 0, again.stderr)
    assert.match(again.stderr, /still valid until/)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
  })
})

test('no Secret Service: one line says so, then the password is asked for', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h, '')
    h.cfg(h.read('.clokta/clokta.cfg').replace('[DEFAULT]\n', '[DEFAULT]\nsave_password_in_keychain = True\n'))
    const r = await h.pty(
      ['-p', 'website', '--no-session'],
      [
        {expect: /No OS keychain is reachable \(no Secret Service on the D-Bus session bus\): clokta will ask for your password instead\.\n/},
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /valid until/},
      ],
      {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'},
    )
    assert.is(r.code, 0, r.screen)
    assert.is(r.screen.match(/No OS keychain is reachable/g)!.length, 1, 'said once')
    assert.equal(h.filesHolding(PASSWORD), [], 'never a plaintext fallback')
  })
})

test.run()
