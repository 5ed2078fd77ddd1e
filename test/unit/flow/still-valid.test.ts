import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (still-valid): when the credentials written last still serve.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const setup = (f: FlowHarness, extra = '') => f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, extra))
const editCfg = (f: FlowHarness, edit: (text: string) => string) =>
  f.home.write('.clokta/clokta.cfg', edit(readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8')))
const failure = (run: Promise<unknown>) =>
  run.then(
    () => '',
    (e: Error) => e.message,
  )

test('--min-remaining and refresh_before decide how close to expiry is too close', async () => {
  await withFlow({...pushOnly, sessionDuration: 3600}, async (f) => {
    setup(f)
    await f.login(['website'], {}, PASSWORD)
    const n = () => f.fake.count({path: '/api/v1/authn'})
    await f.login(['website'], {}, PASSWORD)
    assert.is(n(), 1, '1h left, 10m margin: still valid')
    await f.login(['website'], {minRemaining: '2h'}, PASSWORD)
    assert.is(n(), 2, 'asked for 2h margin: logged in')
    setup(f, 'refresh_before = 90m\n')
    await f.login(['website'], {}, PASSWORD)
    assert.is(n(), 3, 'refresh_before = 90m: logged in')
    assert.match(
      await failure(f.login(['website'], {minRemaining: 'soon'})),
      /^The refresh margin from --min-remaining is "soon", which is not a duration/,
    )
  })
})

test('credentials serve only the role, app and user the settings name now; a one-off --role does not outlast its run', async () => {
  await withFlow(pushOnly, async (f) => {
    setup(f)
    const n = () => f.fake.count({path: '/api/v1/authn'})
    const role = () => JSON.parse(readFileSync(f.home.path('.clokta/records/website.json'), 'utf8')).roleArn as string
    await f.login(['website'], {role: 'Admin'}, PASSWORD)
    assert.is(role(), 'arn:aws:iam::210987654321:role/Admin')
    await f.login(['website'], {}, PASSWORD)
    assert.is(n(), 2, 'the remembered Developer, not the one-off Admin')
    assert.is(role(), 'arn:aws:iam::123456789012:role/Developer')
    await f.login(['website'], {}, PASSWORD)
    assert.is(n(), 2, 'the remembered role again: still valid')
    editCfg(f, (t) => t.replace('role/Developer', 'role/ReadOnly'))
    await f.login(['website'], {}, PASSWORD)
    assert.is(n(), 3, 'the remembered role edited')
    assert.is(role(), 'arn:aws:iam::123456789012:role/ReadOnly')
    assert.ok(await failure(f.login(['website'], {}, {...PASSWORD, okta_username: 'other@example.com'})))
    assert.is(n(), 4, "another Okta user is asked of Okta, not served jdoe's keys")
    editCfg(f, (t) => t.replace(/okta_aws_role_to_assume = .*\n/, ''))
    assert.match(await failure(f.login(['website'], {}, PASSWORD)), /Cannot ask for the AWS role without a terminal/)
    assert.is(n(), 5, 'no remembered role on a many-role app: the role is asked again')
  })
})

test("an app's sole role needs no remembered role to stay valid", async () => {
  await withFlow({...pushOnly, accounts: [{id: '123456789012', roles: [{name: 'Developer', maxSessionDuration: 43200}]}]}, async (f) => {
    setup(f)
    editCfg(f, (t) => t.replace(/okta_aws_role_to_assume = .*\n/, ''))
    await f.login(['website'], {}, PASSWORD)
    assert.is((await f.login(['website'], {}, PASSWORD)).outcomes[0].kind, 'still-valid')
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1)
  })
})

test.run()
