import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
test('--role by name, by ARN and by <account>/<name>; not remembered', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    for (const [flag, arn] of [
      ['Developer', 'arn:aws:iam::123456789012:role/Developer'],
      ['arn:aws:iam::210987654321:role/Admin', 'arn:aws:iam::210987654321:role/Admin'],
      ['123456789012/readonly', 'arn:aws:iam::123456789012:role/ReadOnly'],
    ]) {
      const r = await h.run(['-p', 'website', '--role', flag], withPassword)
      assert.is(r.code, 0, r.stderr)
      assert.is(h.fake.issued.at(-1)!.roleArn, arn)
    }
    assert.not.ok(h.read('.clokta/clokta.cfg').includes('okta_aws_role_to_assume'))
  })
})

test('--role that is not offered: one line listing the roles, nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.run(['-p', 'website', '--role', 'Nope'], withPassword)
    assert.is(r.code, 1)
    assert.match(
      r.stderr,
      /^clokta: The role "Nope" \(from --role\) is not among your roles: 123456789012\/Developer, 123456789012\/ReadOnly, 210987654321\/Admin\.$/m,
    )
    assert.is(h.fake.count({service: 'sts'}), 0)
    assert.throws(() => h.read('.aws/credentials'))
  })
})

test("a role prompt left open past the assertion's 5 minutes: a new one through the run's Okta session, no second login", async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.pty(
      ['-p', 'website'],
      [
        {
          expect: /Choose a role/,
          send: () => {
            h.fake.expireAssertions()
            return KEY.enter
          },
        },
        {expect: /The SAML assertion expired while clokta waited; got a new one with your Okta session for website\./},
        {expect: /valid until/},
      ],
      withPassword,
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)
    assert.is(h.fake.count({path: /^\/home\//}), 2)
    assert.equal(
      h.fake.requests.filter((q) => q.action === 'AssumeRoleWithSAML').map((q) => q.status),
      [400, 200],
    )
    assert.is(h.fake.issued.length, 1)
  })
})

test('the remembered role is used without asking; --no-default-role asks again and remembers the new choice', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'}))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.is(h.fake.issued.at(-1)!.roleArn, 'arn:aws:iam::123456789012:role/Developer')

    const again = await h.pty(
      ['-p', 'website', '--no-default-role'],
      [{expect: /Choose a role/, send: `${KEY.down}${KEY.enter}`}, {expect: /valid until/}],
      withPassword,
    )
    assert.is(again.code, 0, again.screen)
    assert.match(again.screen, /123456789012 \/ Developer[\s\S]*123456789012 \/ ReadOnly[\s\S]*210987654321 \/ Admin/)
    assert.is(h.fake.issued.at(-1)!.roleArn, 'arn:aws:iam::123456789012:role/ReadOnly')
    assert.is(parseIniSection(h.read('.clokta/clokta.cfg'), 'website').okta_aws_role_to_assume, 'arn:aws:iam::123456789012:role/ReadOnly')
  })
})

test('several roles and no terminal: fails at once naming --role', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    const r = await h.run(['-p', 'website'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: Cannot ask for the AWS role without a terminal: pass --role with one of: 123456789012\/Developer, /m)
  })
})

test.run()
