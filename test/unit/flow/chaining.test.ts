import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {loginSummary} from '../../../src/cli/summary.js'
import type {CloktaError} from '../../../src/errors.js'
import type {Scenario} from '../../support/fake/types.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'
import {parseIniSection} from '../../support/harness.js'

// Moved from the CLI tests (chaining): which chained credentials serve, and which durations the hops get.
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const DEEP = 'arn:aws:iam::777788889999:role/deep'
const scenario: Partial<Scenario> = {
  factors: [{type: 'push', provider: 'OKTA'}],
  chainRoles: [
    {roleArn: SERVICE, trusts: [DEVELOPER]},
    {roleArn: DEEP, trusts: [SERVICE], externalId: 'ext-123'},
  ],
}
const PASSWORD = {okta_password: 'correct horse'}
const awsConfig = (extra = '') =>
  `[profile website]\noutput = json\n\n[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\n\n[profile deep]\nrole_arn = ${DEEP}\nsource_profile = myservice\nexternal_id = ext-123\nregion = eu-west-1\n${extra}`
const setup = (f: FlowHarness, extra = '') => {
  f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
  f.home.write('.aws/config', awsConfig(extra))
}
const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: CloktaError) => e,
  )
const read = (f: FlowHarness, path: string) => readFileSync(f.home.path(path), 'utf8')
const hops = (f: FlowHarness) => f.fake.issued.filter((i) => i.via === 'AssumeRole')
const kind = async (run: ReturnType<FlowHarness['login']>) => (await run).outcomes[0].kind
const sts = {stsServer: true}

test("a chained profile's own session_ttl is for the Okta role under it; the source's still-valid credentials serve whatever their duration", async () => {
  await withFlow(
    scenario,
    async (f) => {
      const samlTtls = () => f.fake.issued.filter((i) => i.via === 'AssumeRoleWithSAML').map((i) => i.durationSeconds)
      setup(f)
      f.home.write('.aws/config', awsConfig().replace('source_profile = website\n', 'source_profile = website\nsession_ttl = 3h\n'))
      await f.login(['myservice'], {}, PASSWORD)
      assert.equal(samlTtls(), [10800], 'session_ttl of [profile myservice] in ~/.aws/config')
      f.home.write('.clokta/clokta.cfg', read(f, '.clokta/clokta.cfg') + '\n[myservice]\nsession_ttl = 2h\n')
      await f.login(['myservice'], {force: true}, PASSWORD)
      assert.equal(samlTtls(), [10800, 7200], 'clokta.cfg beats ~/.aws/config')

      // website's own (12h) credentials serve myservice: no Okta login, no ping-pong between the two
      await f.login(['website'], {force: true}, PASSWORD)
      const okta = f.fake.count({service: 'okta'})
      await f.login(['myservice'], {assumeRoleTtl: '30m'}) // new chained credentials; --force would log in website too
      assert.match(f.info.join('\n'), /Using the still-valid credentials of website\./)
      assert.is(f.fake.count({service: 'okta'}), okta)
      assert.is(await kind(f.login(['website'])), 'still-valid')
    },
    sts,
  )
})

test('another --assume-role-ttl makes new chained credentials even while the old ones are valid', async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(f)
      await f.login(['myservice'], {}, PASSWORD)
      assert.is(await kind(f.login(['myservice'])), 'still-valid')
      assert.is(await kind(f.login(['myservice'], {assumeRoleTtl: '30m'})), 'logged-in')
      assert.equal(
        hops(f).map((i) => i.durationSeconds),
        [3600, 1800],
      )
      assert.is(await kind(f.login(['myservice'], {assumeRoleTtl: '30m'})), 'still-valid')
    },
    sts,
  )
})

test('a chained profile whose role_arn or external_id changed is assumed again while the old credentials are valid', async () => {
  const OTHER = 'arn:aws:iam::444455556666:role/other'
  await withFlow(
    {...scenario, chainRoles: [...scenario.chainRoles!, {roleArn: OTHER, trusts: [DEVELOPER], externalId: 'x-1'}]},
    async (f) => {
      setup(f)
      await f.login(['myservice'], {}, PASSWORD)
      f.home.write(
        '.aws/config',
        read(f, '.aws/config').replace(
          `role_arn = ${SERVICE}\nsource_profile = website`,
          `role_arn = ${OTHER}\nsource_profile = website\nexternal_id = x-1`,
        ),
      )
      assert.is(await kind(f.login(['myservice'])), 'logged-in')
      assert.equal(
        hops(f).map((i) => i.roleArn),
        [SERVICE, OTHER],
      )
      assert.is(await kind(f.login(['myservice'])), 'still-valid')
    },
    sts,
  )
})

test("a source profile clokta logged in through [DEFAULT]'s app is logged in again, not taken for an IAM user's keys", async () => {
  await withFlow(
    scenario,
    async (f) => {
      f.home.write(
        '.clokta/clokta.cfg',
        `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\nokta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = ${DEVELOPER}\n`,
      )
      f.home.write('.aws/config', awsConfig())
      await f.login(['website'], {}, PASSWORD)
      await f.login(['myservice'])
      assert.match(f.info.join('\n'), /Using the still-valid credentials of website\./)
      await f.login(['myservice'], {force: true}, PASSWORD)
      assert.is(f.fake.count({path: '/api/v1/authn'}), 2, '--force logs the source in again through Okta')
      const website = parseIniSection(read(f, '.aws/credentials'), 'website')
      assert.is(hops(f).at(-1)!.sourceAccessKeyId, website.aws_access_key_id, 'the hop is signed with the fresh source keys')
      assert.is(f.fake.issued.filter((i) => i.via !== 'AssumeRole').at(-1)!.accessKeyId, website.aws_access_key_id)
    },
    sts,
  )
})

test('a chain on top of still-valid source credentials makes no Okta request', async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(f)
      await f.login(['website'], {}, PASSWORD)
      const okta = f.fake.count({service: 'okta'})
      await f.login(['myservice'])
      assert.match(f.info.join('\n'), /Using the still-valid credentials of website\./)
      assert.is(f.fake.count({service: 'okta'}), okta)
      assert.is(hops(f)[0].sourceAccessKeyId, f.fake.issued[0].accessKeyId)
    },
    sts,
  )
})

test("keys a source profile holds in ~/.aws/credentials are a chain's base too", async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(f, `\n[profile svc2]\nrole_arn = ${SERVICE}\nsource_profile = iam\n`)
      await f.login(['website'], {}, PASSWORD)
      const keys = parseIniSection(read(f, '.aws/credentials'), 'website')
      f.home.write(
        '.aws/credentials',
        read(f, '.aws/credentials') +
          `\n[iam]\naws_access_key_id = ${keys.aws_access_key_id}\naws_secret_access_key = ${keys.aws_secret_access_key}\naws_session_token = ${keys.aws_session_token}\n`,
      )
      const okta = f.fake.count({service: 'okta'})
      await f.login(['svc2'])
      assert.is(f.fake.count({service: 'okta'}), okta)
      assert.is(hops(f).at(-1)!.sourceAccessKeyId, keys.aws_access_key_id)
    },
    sts,
  )
})

test('chain errors: a cycle, a missing or unusable source profile, AccessDenied on a hop; nothing written', async () => {
  await withFlow(
    scenario,
    async (f) => {
      setup(
        f,
        `\n[profile loop1]\nrole_arn = ${SERVICE}\nsource_profile = loop2\n[profile loop2]\nrole_arn = ${SERVICE}\nsource_profile = loop1\n` +
          `[profile orphan]\nrole_arn = ${SERVICE}\nsource_profile = nowhere\n[profile plain]\nregion = us-east-1\n` +
          `[profile useless]\nrole_arn = ${SERVICE}\nsource_profile = plain\n[profile denied]\nrole_arn = ${DEEP}\nsource_profile = website\n`,
      )
      for (const [profile, message] of [
        ['loop1', /^The source_profile entries in ~\/\.aws\/config form a cycle: loop1 → loop2 → loop1\.$/],
        [
          'orphan',
          /^Profile orphan has source_profile = nowhere, but there is no profile nowhere in ~\/\.aws\/config, ~\/\.aws\/credentials or clokta\.cfg\.$/,
        ],
        ['useless', /^The source profile plain \(of useless\) is neither a clokta profile nor holds credentials in ~\/\.aws\/credentials\.$/],
      ] as const) {
        assert.match((await failure(f.login([profile], {}, PASSWORD)))?.message ?? '', message)
      }
      assert.is(f.fake.requests.length, 0)
      const denied = await failure(f.login(['denied'], {}, PASSWORD))
      assert.match(
        denied?.message ?? '',
        /^AWS STS refused to let the source credentials assume arn:aws:iam::777788889999:role\/deep \(profile denied, hop 1 of 1\): User: arn:aws:sts::123456789012:assumed-role\/Developer\/jdoe@example\.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::777788889999:role\/deep \(AccessDenied\)\.$/,
      )
      assert.match(denied?.hint ?? '', /Check that arn:aws:iam::777788889999:role\/deep trusts the role before it/)
      assert.not.ok(existsSync(f.home.path('.aws/credentials')), 'nothing written, not even the source profile')
      assert.not.ok(existsSync(f.home.path('.clokta/denied.env')))

      // the second hop refused: named with the role before it; nothing written either
      f.home.write('.aws/config', read(f, '.aws/config') + `\n[profile denied2]\nrole_arn = ${DEVELOPER}\nsource_profile = myservice\n`)
      const second = await failure(f.login(['denied2'], {noSession: true}, PASSWORD))
      assert.match(
        second?.message ?? '',
        /^AWS STS refused to let arn:aws:iam::444455556666:role\/service assume arn:aws:iam::123456789012:role\/Developer \(profile denied2, hop 2 of 2\): User: arn:aws:sts::444455556666:assumed-role\/service\/jdoe@example\.com is not authorized/,
      )
      assert.not.ok(existsSync(f.home.path('.aws/credentials')))

      // a typo in source_profile is an error even when [DEFAULT] names an Okta app any profile could use
      const before = f.fake.requests.length
      f.home.write('.clokta/clokta.cfg', read(f, '.clokta/clokta.cfg').replace('[DEFAULT]\n', `[DEFAULT]\nokta_aws_app_url = ${f.fake.appUrl}\n`))
      const typo = await failure(f.login(['orphan'], {}, PASSWORD))
      assert.match(typo?.message ?? '', /^Profile orphan has source_profile = nowhere, but there is no profile nowhere in/)
      assert.match(typo?.hint ?? '', /If nowhere is meant to be a clokta profile, run clokta -p nowhere once first\./)
      assert.is(f.fake.requests.length, before, 'no password sent, no push')
    },
    sts,
  )
})

test("an IAM user's long-term keys: the first hop is not chaining (up to the role's maximum), the next is clamped to 1h; over the maximum STS refuses (moved from the CLI tests)", async () => {
  const USER = 'arn:aws:iam::111122223333:user/ci'
  const keys = {accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}
  await withFlow(
    {
      iamUsers: [{userArn: USER, ...keys}],
      chainRoles: [
        {roleArn: SERVICE, trusts: [USER], maxSessionDuration: 14400},
        {roleArn: DEEP, trusts: [SERVICE]},
      ],
    },
    async (f) => {
      f.home.write('.aws/credentials', `[ci]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`)
      const config = f.home.write(
        'elsewhere/aws-config',
        `[profile svc]\nrole_arn = ${SERVICE}\nsource_profile = ci\nrole_session_name = ci-bot\n\n[profile svc-deep]\nrole_arn = ${DEEP}\nsource_profile = svc\n`,
      )
      const env = {AWS_CONFIG_FILE: config}
      const first = await f.login(['svc'], {assumeRoleTtl: '4h'}, env)
      // the fake STS keeps real time, which under load runs a second or more past the flow's clock
      const lifetime = first.outcomes[0].credentials.expiration.getTime() - f.clock.now()
      assert.ok(Math.abs(lifetime - 4 * 3600_000) < 60_000, `valid for 4h, not ${lifetime} ms`)
      assert.not.ok(f.info.some((l) => /AWS limits chained role sessions/.test(l)))
      assert.equal(
        hops(f).map((i) => [i.durationSeconds, i.roleSessionName, i.sourceAccessKeyId]),
        [[14400, 'ci-bot', keys.accessKeyId]],
      )

      await f.login(['svc-deep'], {assumeRoleTtl: '4h'}, env)
      assert.ok(f.info.includes('AWS limits chained role sessions to 1h: asking for 1h for svc-deep instead of 4h.'), f.info.join('\n'))
      assert.not.ok(f.info.some((l) => /for svc instead/.test(l)))
      assert.equal(
        hops(f)
          .slice(1)
          .map((i) => i.durationSeconds),
        [14400, 3600],
      )

      const over = await failure(f.login(['svc'], {assumeRoleTtl: '5h'}, env))
      assert.match(
        over?.message ?? '',
        /^AWS STS refused .*The requested DurationSeconds exceeds the MaxSessionDuration set for this role\. \(ValidationError\)\.$/,
      )
      assert.is(f.fake.count({service: 'okta'}), 0)
    },
    sts,
  )
})

test('a chained profile: its outcome says so, logged in or still valid, so the summary gives where its keys are and no export line (moved from the CLI tests)', async () => {
  await withFlow(scenario, async (f) => {
    setup(f)
    const tail =
      "The AWS CLI chains myservice itself from ~/.aws/config; clokta's chained keys are in ~/.clokta/myservice.env and ~/.clokta/myservice.sh (source it)."
    for (const [kind, run] of [
      ['logged-in', () => f.login(['myservice'], {}, PASSWORD)],
      ['still-valid', () => f.login(['myservice'])],
    ] as const) {
      const {outcomes} = await run()
      assert.equal(
        outcomes.map((o) => [o.kind, o.profile, o.roleArn, o.chained]),
        [[kind, 'myservice', SERVICE, true]],
      )
      const summary = loginSummary(outcomes, false)
      assert.match(summary, /^AWS credentials for profile myservice \(service in 444455556666\) are (still )?valid until /)
      assert.ok(summary.endsWith(tail), summary)
      assert.not.match(summary, /export AWS_PROFILE/)
      // -i: where the files are, and no shell export
      assert.match(
        loginSummary(outcomes, true),
        /itself from ~\/\.aws\/config\.\nTo use them with docker-compose[\s\S]*source ~\/\.clokta\/myservice\.sh$/,
      )
    }
    assert.is((await f.login(['website'])).outcomes[0].chained, undefined, 'its source profile is a plain one')
  })
})

test.run()
