import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow} from '../../support/flow.js'

const PASSWORD = {okta_password: 'correct horse'}
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const ADMIN = 'arn:aws:iam::210987654321:role/Admin'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const DEEP = 'arn:aws:iam::777788889999:role/deep'
const billing = (appUrl: string) => `\n[billing]\nokta_aws_app_url = ${appUrl}\nokta_aws_role_to_assume = ${ADMIN}\n`
const chains = `[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\n\n[profile deep]\nrole_arn = ${DEEP}\nsource_profile = myservice\nexternal_id = ext-123\nregion = eu-west-1\n`
async function rejects(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  const error = await run().then(
    () => undefined,
    (e: Error) => e,
  )
  assert.ok(error, 'expected a rejection')
  assert.match(error.message, message)
}

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}

test('several profiles: one Okta login for all, every STS call after it, outcomes in the order asked', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, billing(f.fake.appUrl)))
    const r = await f.login(['billing', 'website'], {}, PASSWORD)
    assert.equal(r.failures, [])
    assert.equal(
      r.outcomes.map((o) => [o.profile, o.kind, o.roleArn]),
      [
        ['billing', 'logged-in', ADMIN],
        ['website', 'logged-in', DEVELOPER],
      ],
    )
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1)
    assert.equal(f.sts.map((c) => c.roleArn).sort(), [DEVELOPER, ADMIN].sort())
  })
})

test('still valid: nobody is contacted; --force, a closer expiry than the margin, or a new duration log in again', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    await f.login(['website'], {}, PASSWORD)
    const calls = () => f.sts.length
    assert.is(calls(), 1)
    assert.is((await f.login(['website'])).outcomes[0].kind, 'still-valid')
    assert.is(calls(), 1)
    await f.login(['website'], {force: true}, PASSWORD)
    assert.is(calls(), 2)
    f.clock.advance(11.5 * 3600 * 1000) // 30 minutes left of 12 h
    assert.is((await f.login(['website'])).outcomes[0].kind, 'still-valid')
    assert.is((await f.login(['website'], {minRemaining: '45m'}, PASSWORD)).outcomes[0].kind, 'logged-in')
    assert.is(calls(), 3)
    await f.login(['website'], {duration: '2h'}, PASSWORD)
    assert.is(calls(), 4, 'another duration: other credentials')
    assert.is((await f.login(['website'], {duration: '2h'})).outcomes[0].kind, 'still-valid')
  })
})

test('still valid: keys replaced in ~/.aws/credentials, a deleted .env, or another role do not serve', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    await f.login(['website'], {}, PASSWORD)
    const credentials = readFileSync(f.home.path('.aws/credentials'), 'utf8')
    f.home.write('.aws/credentials', credentials.replace(/aws_access_key_id = \S+/, 'aws_access_key_id = AKIAOTHER'))
    assert.is((await f.login(['website'], {}, PASSWORD)).outcomes[0].kind, 'logged-in')
    f.home.write('.clokta/website.sh', '')
    assert.is((await f.login(['website'])).outcomes[0].kind, 'still-valid', 'an emptied .sh is still there')
    assert.is((await f.login(['website'], {role: 'ReadOnly'}, PASSWORD)).outcomes[0].roleArn, 'arn:aws:iam::123456789012:role/ReadOnly')
    assert.is((await f.login(['website'], {role: 'ReadOnly'})).outcomes[0].kind, 'still-valid')
    assert.is((await f.login(['website'], {}, PASSWORD)).outcomes[0].kind, 'logged-in', 'the remembered role again')
  })
})

test('a chain is AssumeRole over its source, recursively: each hop signed by the one below, in its own region', async () => {
  await withFlow({...pushOnly}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.home.write('.aws/config', `[profile website]\nregion = us-west-2\n\n${chains}`)
    const r = await f.login(['deep'], {}, PASSWORD)
    assert.equal(
      r.outcomes.map((o) => [o.profile, o.chained]),
      [['deep', true]],
    )
    const [saml, first, second] = f.sts
    assert.equal([saml.kind, saml.roleArn, saml.region], ['saml', DEVELOPER, 'us-west-2'])
    assert.ok(first.kind === 'role' && second.kind === 'role')
    assert.equal([first.roleArn, first.as, first.region], [SERVICE, 'ASIAFAKE00000001', 'us-west-2'])
    assert.equal([second.roleArn, second.as, second.region, second.externalId], [DEEP, 'ASIAFAKE00000002', 'eu-west-1', 'ext-123'])
    assert.is(first.roleSessionName, 'jdoe@example.com')
    assert.equal([first.durationSeconds, second.durationSeconds], [3600, 3600])
    // the base was written as itself, and serves the next chain on it without Okta
    assert.match(readFileSync(f.home.path('.aws/credentials'), 'utf8'), /\[website\]/)
    await f.login(['myservice'])
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1)
    assert.equal(f.sts.at(-1)!.roleArn, SERVICE)
    assert.match(f.info.join('\n'), /Using the still-valid credentials of website\./)
  })
})

test('a base shared by -p and by chains is assumed and written once', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.home.write('.aws/config', chains)
    const r = await f.login(['website', 'myservice', 'deep'], {}, PASSWORD)
    assert.equal(r.failures, [])
    assert.equal(
      r.outcomes.map((o) => o.profile),
      ['website', 'myservice', 'deep'],
    )
    assert.is(f.sts.filter((c) => c.kind === 'saml').length, 1)
    assert.equal(
      f.sts.filter((c) => c.kind === 'role').map((c) => c.roleArn),
      [SERVICE, SERVICE, DEEP],
    )
  })
})

test("static keys as a chain's base: the first hop may last 12h from an IAM user's keys, 1h from a role session's", async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write(
      '.aws/config',
      `[profile ci]\nrole_arn = ${SERVICE}\nsource_profile = iam\n\n[profile sess]\nrole_arn = ${SERVICE}\nsource_profile = tmp\n`,
    )
    f.home.write(
      '.aws/credentials',
      '[iam]\naws_access_key_id = AKIAIAMUSER\naws_secret_access_key = s\n\n[tmp]\naws_access_key_id = ASIATMP\naws_secret_access_key = s\naws_session_token = t\n',
    )
    await f.login(['ci'], {assumeRoleTtl: '4h'})
    await f.login(['sess'], {assumeRoleTtl: '4h'})
    assert.equal(
      f.sts.map((c) => (c.kind === 'role' ? [c.as, c.durationSeconds] : [])),
      [
        ['AKIAIAMUSER', 4 * 3600],
        ['ASIATMP', 3600],
      ],
    )
    assert.match(f.info.join('\n'), /AWS limits chained role sessions to 1h: asking for 1h for sess instead of 4h\./)
    assert.is(f.fake.requests.length, 0, 'no Okta')
    f.home.write('.aws/credentials', '[iam]\naws_access_key_id = AKIAIAMUSER\n')
    await rejects(() => f.login(['ci'], {force: true}), /^Profile ci has source_profile = iam, but there is no profile iam in /)
  })
})

test('the duration: flag over environment over the profile over [DEFAULT] over session_ttl in ~/.aws/config', async () => {
  await withFlow(pushOnly, async (f) => {
    const asked = async (flags: {duration?: string}, env: NodeJS.ProcessEnv = {}) => {
      await f.login(['website'], {force: true, ...flags}, {...PASSWORD, ...env})
      return f.sts.at(-1)!.durationSeconds / 60
    }
    f.home.write('.aws/config', '[profile website]\nsession_ttl = 5h\n')
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    assert.is(await asked({}), 300)
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace('[website]', 'duration = 4h\n[website]'))
    assert.is(await asked({}), 240)
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, 'session_ttl = 3h\n').replace('[website]', 'duration = 4h\n[website]'))
    assert.is(await asked({}), 180)
    assert.is(await asked({}, {AWS_SESSION_TTL: '2h'}), 120)
    assert.is(await asked({duration: '1h'}, {AWS_SESSION_TTL: '2h'}), 60)
  })
})

test("one profile's failure is its own; a wrong password ends the run before anything is sent to STS", async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, `\n[other]\nokta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = NoSuchRole\n`))
    const r = await f.login(['other', 'website'], {}, PASSWORD)
    assert.equal(
      r.outcomes.map((o) => o.profile),
      ['website'],
    )
    assert.equal(
      r.failures.map((x) => x.profile),
      ['other'],
    )
    assert.match((r.failures[0].error as Error).message, /^Cannot ask for the AWS role without a terminal/)
    const before = f.sts.length
    await rejects(() => f.login(['website', 'other'], {force: true}, {okta_password: 'wrong'}), /password/i)
    assert.is(f.sts.length, before)
  })
})

test('clokta.cfg: what a run learns is saved once at its end, and seen by the rest of the run at once', async () => {
  await withFlow({...pushOnly, accounts: [{id: '123456789012', roles: [{name: 'Developer'}, {name: 'Ops'}]}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace(/okta_aws_role_to_assume.*\n/, '') + '\n[accounts]\n123456789012 = prod\n')
    const r = await f.login(['website'], {}, PASSWORD, {template: '{account}-{role}'})
    assert.equal(r.outcomes.map((o) => o.profile).sort(), ['prod-Developer', 'prod-Ops'])
    const cfg = readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8')
    assert.match(cfg, /\[prod-Ops\]\nokta_aws_app_url = \S+\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role\/Ops\n/)
    // the generated profiles log in as the run did, without asking
    assert.is((await f.login(['prod-Ops'])).outcomes[0].kind, 'still-valid')
  })
})

test.run()
