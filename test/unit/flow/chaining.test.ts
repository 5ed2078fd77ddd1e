import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

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
const setup = (f: FlowHarness) => {
  f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
  f.home.write('.aws/config', awsConfig())
}
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

test.run()
