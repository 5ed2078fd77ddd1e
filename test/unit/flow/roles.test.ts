import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// Moved from the CLI tests (roles): which role is assumed, from --role, clokta.cfg or the prompt.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const READONLY = 'arn:aws:iam::123456789012:role/ReadOnly'
const ADMIN = 'arn:aws:iam::210987654321:role/Admin'
const cfg = (f: FlowHarness) => readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8')
/** clokta.cfg with no role remembered for website */
const noRole = (f: FlowHarness) => f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace(/okta_aws_role_to_assume = .*\n/, ''))
const rejection = (run: Promise<unknown>) =>
  run.then(
    () => {
      assert.unreachable('expected a rejection')
      return ''
    },
    (e: Error) => e.message,
  )

test('--role by name, by ARN and by <account>/<name>; not remembered (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    noRole(f)
    for (const [flag, arn] of [
      ['Developer', DEVELOPER],
      [ADMIN, ADMIN],
      ['123456789012/readonly', READONLY],
    ]) {
      await f.login(['website'], {role: flag}, PASSWORD)
      assert.is(f.sts.at(-1)!.roleArn, arn, flag)
    }
    assert.is(f.sts.length, 3)
    assert.not.ok(cfg(f).includes('okta_aws_role_to_assume'))
  })
})

test('--role that is not offered: the message lists the roles; no STS call, nothing written (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    noRole(f)
    assert.is(
      await rejection(f.login(['website'], {role: 'Nope'}, PASSWORD)),
      'The role "Nope" (from --role) is not among your roles: 123456789012/Developer, 123456789012/ReadOnly, 210987654321/Admin.',
    )
    assert.equal(f.sts, [])
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
  })
})

test('several roles and no terminal: fails before any STS call, naming --role and the roles (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    noRole(f)
    assert.match(
      await rejection(f.login(['website'], {}, PASSWORD)),
      /^Cannot ask for the AWS role without a terminal: pass --role with one of: 123456789012\/Developer, 123456789012\/ReadOnly, 210987654321\/Admin/,
    )
    assert.equal(f.sts, [])
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
  })
})

test('the remembered role is used without asking; --no-default-role asks again, offering every role, and remembers the new choice (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    await f.login(['website'], {}, PASSWORD)
    assert.equal(f.asked, [])
    assert.is(f.sts.at(-1)!.roleArn, DEVELOPER)

    f.answer(READONLY)
    await f.login(['website'], {noDefaultRole: true}, PASSWORD)
    assert.equal(
      f.asked.map((q) => [q.kind, q.message]),
      [['select', 'Choose a role']],
    )
    assert.equal(
      f.asked[0].choices!.map((c) => c.message),
      ['123456789012 / Developer', '123456789012 / ReadOnly', '210987654321 / Admin'],
    )
    assert.is(f.sts.at(-1)!.roleArn, READONLY)
    assert.match(cfg(f), /\[website\]\n(?:.*\n)*okta_aws_role_to_assume = arn:aws:iam::123456789012:role\/ReadOnly\n/)
  })
})

test("a role prompt left open past the assertion's 5 minutes: a new one through the run's Okta session, no second login (moved from the CLI tests)", async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      noRole(f)
      f.answer((choices) => {
        f.fake.expireAssertions()
        return choices[0].name
      })
      await f.login(['website'], {}, PASSWORD)
      assert.ok(
        f.info.includes('The SAML assertion expired while clokta waited; got a new one with your Okta session for website.'),
        f.info.join('\n'),
      )
      assert.is(f.fake.count({path: '/api/v1/authn'}), 1)
      assert.is(f.fake.count({path: /^\/home\//}), 2)
      assert.equal(
        f.fake.requests.filter((q) => q.action === 'AssumeRoleWithSAML').map((q) => q.status),
        [400, 200],
      )
      assert.is(f.fake.issued.length, 1)
      assert.is(f.fake.issued[0].roleArn, DEVELOPER)
    },
    {stsServer: true},
  )
})

test.run()
