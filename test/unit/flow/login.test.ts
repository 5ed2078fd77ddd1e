import {existsSync, readFileSync, rmSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import type {LoginFlags} from '../../../src/flow/profile-settings.js'
import {credentialsFor} from '../../../src/flow/credentials-for.js'
import {cfgFor, FLAGS, withFlow, type FlowHarness} from '../../support/flow.js'

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

test('keys replaced by someone else, another role, or a deleted .env: log in again (moved from the CLI tests)', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    await f.login(['website'], {}, PASSWORD)
    const n = () => f.fake.count({path: '/api/v1/authn'})
    f.home.write(
      '.aws/credentials',
      readFileSync(f.home.path('.aws/credentials'), 'utf8').replace(/aws_access_key_id = \S+/, 'aws_access_key_id = AKIAOTHERTOOL'),
    )
    await f.login(['website'], {}, PASSWORD)
    assert.is(n(), 2, 'keys replaced')
    await f.login(['website'], {role: 'Admin'}, PASSWORD)
    assert.is(n(), 3, 'another role')
    await f.login(['website'], {role: 'Admin'}, PASSWORD)
    assert.is(n(), 3, 'the same role again: still valid')
    rmSync(f.home.path('.clokta/website.env'))
    await f.login(['website'], {role: 'Admin'}, PASSWORD)
    assert.is(n(), 4, '.env gone')
  })
})

const chainScenario = {...pushOnly, chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}]}
const chainSetup = (f: FlowHarness, awsConfigExtra = '') => {
  f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
  f.home.write(
    '.aws/config',
    `[profile website]\noutput = json\n\n${chains.replace('source_profile = website\n', `source_profile = website\n${awsConfigExtra}`)}`,
  )
}

test('chained hops ask for at most 1h and say so (moved from the CLI tests)', async () => {
  await withFlow(chainScenario, async (f) => {
    chainSetup(f)
    await f.login(['myservice'], {assumeRoleTtl: '4h'}, PASSWORD)
    assert.match(f.info.join('\n'), /AWS limits chained role sessions to 1h: asking for 1h for myservice instead of 4h\./)
    assert.equal(
      f.sts.filter((c) => c.kind === 'role').map((c) => c.durationSeconds),
      [3600],
    )
  })
})

test("TTL precedence: flag > environment > the hop's duration_seconds > clokta.cfg > ~/.aws/config; --session-ttl for the SAML role (moved from the CLI tests)", async () => {
  await withFlow(chainScenario, async (f) => {
    const samlTtl = () => f.sts.filter((c) => c.kind === 'saml').at(-1)!.durationSeconds
    const hopTtl = () => f.sts.filter((c) => c.kind === 'role').at(-1)!.durationSeconds
    const run = (flags: Partial<LoginFlags> = {}, env: NodeJS.ProcessEnv = {}) =>
      f.login(['myservice'], {force: true, ...flags}, {...PASSWORD, ...env})
    chainSetup(f, 'assume_role_ttl = 20m\n')
    await run()
    assert.is(hopTtl(), 1200, '~/.aws/config assume_role_ttl')
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake) + '\n[myservice]\nassume_role_ttl = 45m\n')
    await run()
    assert.is(hopTtl(), 2700, 'clokta.cfg beats ~/.aws/config')
    f.home.write('.aws/config', chains.replace('source_profile = website\n', 'source_profile = website\nduration_seconds = 900\n'))
    await run()
    assert.is(hopTtl(), 900, "the hop's duration_seconds beats clokta.cfg")
    await run({}, {AWS_ASSUME_ROLE_TTL: '30m'})
    assert.is(hopTtl(), 1800, 'the environment beats duration_seconds')
    await run({assumeRoleTtl: '50m'}, {AWS_ASSUME_ROLE_TTL: '30m'})
    assert.is(hopTtl(), 3000, 'the flag beats the environment')

    await run({}, {AWS_SESSION_TTL: '3h'})
    assert.is(samlTtl(), 10800, 'AWS_SESSION_TTL')
    await run({duration: '2h'}, {AWS_SESSION_TTL: '3h'})
    assert.is(samlTtl(), 7200, '--session-ttl beats AWS_SESSION_TTL')
  })
})

test('-p a -p b: an Okta login that fails after the password ends the run; it is never tried again for the next profile (moved from the CLI tests)', async () => {
  await withFlow({factors: [{type: 'token:software:totp', provider: 'GOOGLE'}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, billing(f.fake.appUrl)).replace('Okta Verify with Push', 'Google Authenticator'))
    const error = await f.login(['website', 'billing'], {}, PASSWORD).then(
      () => undefined,
      (e: CloktaError) => e,
    )
    assert.match(error?.message ?? '', /^Cannot ask for the Google Authenticator code without a terminal/)
    assert.is(error?.code, 'okta-login')
    assert.is(f.fake.count({path: '/api/v1/authn'}), 1, 'the password went to Okta once')
  })
})

test('values from the environment are never written to clokta.cfg (moved from the CLI tests)', async () => {
  await withFlow({...pushOnly}, async (f) => {
    const fromEnv = {
      okta_aws_app_url: f.fake.appUrl,
      okta_username: 'jdoe@example.com',
      multifactor_preference: 'Okta Verify with Push',
      okta_aws_role_to_assume: DEVELOPER,
      duration: '2h',
    }
    const cfgPath = f.home.path('.clokta/clokta.cfg')
    const wrong = await f.login(['website'], {}, {...fromEnv, okta_password: 'wrong password'}).then(
      () => '',
      (e: Error) => e.message,
    )
    assert.is(wrong, 'Okta rejected the username or password for jdoe@example.com (E0000004).')
    assert.not.ok(existsSync(cfgPath), 'clokta.cfg written after a failed login')

    await f.login(['website'], {}, {...fromEnv, ...PASSWORD})
    const cfg = existsSync(cfgPath) ? readFileSync(cfgPath, 'utf8') : ''
    for (const key of Object.keys(fromEnv)) assert.not.match(cfg, new RegExp(`^${key}\\b`, 'm'), `${key} written after a login`)

    // a file the user wrote keeps its own values while the environment overrides them
    const own =
      '[DEFAULT]\nokta_username = someone.else@example.com\n\n[website]\nokta_aws_app_url = https://other.example.com/home/amazon_aws/0oaOTHER/272\nduration = 1h\n'
    f.home.write('.clokta/clokta.cfg', own)
    await f.login(['website'], {force: true}, {...fromEnv, ...PASSWORD})
    assert.is(f.sts.at(-1)!.durationSeconds, 7200)
    assert.is(readFileSync(cfgPath, 'utf8'), own, 'clokta.cfg changed')
  })
})

test('a source profile clokta.cfg has no section for logs in through the app the environment or [DEFAULT] gives (an empty value gives none)', async () => {
  await withFlow(pushOnly, async (f) => {
    const cfg = `[DEFAULT]\nokta_username = jdoe@example.com\nokta_aws_role_to_assume = ${DEVELOPER}\n`
    const refused = async (env: NodeJS.ProcessEnv, message: RegExp, hint: RegExp | undefined) => {
      const error = await f.login(['svc'], {}, env).then(
        () => undefined,
        (e: CloktaError) => e,
      )
      assert.match(error?.message ?? '', message)
      if (hint) assert.match(error?.hint ?? '', hint)
      else assert.is(error?.hint, undefined)
    }
    // a source profile found nowhere is a typo; the hint says how to make it a clokta profile only when there is an app to do it with
    f.home.write('.aws/config', `[profile svc]\nrole_arn = ${SERVICE}\nsource_profile = base\n`)
    const nowhere = /^Profile svc has source_profile = base, but there is no profile base in /
    f.home.write('.clokta/clokta.cfg', cfg)
    await refused({}, nowhere, undefined)
    await refused({okta_aws_app_url: f.fake.appUrl}, nowhere, /^If base is meant to be a clokta profile, run clokta -p base once first\.$/)
    f.home.write('.clokta/clokta.cfg', `${cfg}okta_aws_app_url =\n`)
    await refused({}, nowhere, undefined)
    // a profile of ~/.aws/config without keys is a clokta profile when there is an app
    f.home.write('.aws/config', `[profile svc]\nrole_arn = ${SERVICE}\nsource_profile = base\n\n[profile base]\nregion = eu-west-1\n`)
    await refused({}, /^The source profile base \(of svc\) is neither a clokta profile nor holds credentials/, /configure -p base/)
    assert.is(f.fake.requests.length, 0)
    let r = await f.login(['svc'], {}, {...PASSWORD, okta_aws_app_url: f.fake.appUrl})
    assert.equal(r.failures, [])
    assert.equal(
      f.sts.map((c) => [c.kind, c.roleArn]),
      [
        ['saml', DEVELOPER],
        ['role', SERVICE],
      ],
    )
    f.home.write('.clokta/clokta.cfg', `${cfg}okta_aws_app_url = ${f.fake.appUrl}\n`)
    r = await f.login(['svc'], {force: true}, PASSWORD)
    assert.equal(r.failures, [])
    assert.is(f.sts.length, 4)
  })
})

test('credentialsFor: the same login as clokta -p (files written, still-valid reused), with the profile region', async () => {
  await withFlow(pushOnly, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.home.write('.aws/config', '[profile website]\nregion = eu-west-3\n')
    const first = await credentialsFor('website', FLAGS, f.deps(), f.world(PASSWORD))
    assert.is(first.outcome.kind, 'logged-in')
    assert.equal([first.region.value, first.region.known], ['eu-west-3', true])
    assert.match(readFileSync(f.home.path('.aws/credentials'), 'utf8'), new RegExp(first.credentials.accessKeyId))
    const again = await credentialsFor('website', FLAGS, f.deps(), f.world(PASSWORD))
    assert.is(again.outcome.kind, 'still-valid')
    assert.is(again.credentials.accessKeyId, first.credentials.accessKeyId)
    assert.is(f.sts.length, 1)
  })
})

test('credentialsFor: a profile --all-roles wrote (a clokta.cfg section with its role): still-valid keys reused, a forced login through the Okta session with no role question', async () => {
  await withFlow(
    {...pushOnly, accounts: [{id: '123456789012', roles: [{name: 'Developer'}, {name: 'Ops'}]}]},
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake).replace(/okta_aws_role_to_assume.*\n/, '') + '\n[accounts]\n123456789012 = prod\n')
      const all = await f.login(['website'], {}, PASSWORD, {template: '{account}-{role}'})
      const written = all.outcomes.find((o) => o.profile === 'prod-Ops')!
      const kept = await credentialsFor('prod-Ops', FLAGS, f.deps(), f.world())
      assert.is(kept.outcome.kind, 'still-valid')
      assert.is(kept.credentials.accessKeyId, written.credentials.accessKeyId)
      const authn = f.fake.count({path: '/api/v1/authn'})
      // no password in the environment and no terminal: only the kept Okta session can log in, and only a remembered role avoids a question
      const again = await credentialsFor('prod-Ops', {...FLAGS, force: true}, f.deps(), f.world())
      assert.is(again.outcome.kind, 'logged-in')
      assert.match(again.credentials.accessKeyId, /^ASIA/)
      assert.is.not(again.credentials.accessKeyId, written.credentials.accessKeyId)
      assert.is(f.fake.count({path: '/api/v1/authn'}), authn)
      assert.match(f.sts.at(-1)!.roleArn, /:role\/Ops$/)
    },
    {keychain: true},
  )
})

test.run()
