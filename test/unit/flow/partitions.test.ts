import {readFileSync} from 'node:fs'

import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {consoleSignin} from '../../../src/flow/console-signin.js'
import type {FakeServices, Scenario} from '../../support/fake/types.js'
import {FLAGS, withFlow, type FlowHarness} from '../../support/flow.js'

// GovCloud and China logins: the partition comes from the assertion, the region follows it.
const GOV_DEV = 'arn:aws-us-gov:iam::123456789012:role/Developer'
const GOV_DEPLOY = 'arn:aws-us-gov:iam::210987654321:role/Deploy'
const CN_DEV = 'arn:aws-cn:iam::123456789012:role/Developer'
const PASSWORD = {okta_password: 'correct horse'}
const gov: Partial<Scenario> = {
  factors: [{type: 'push', provider: 'OKTA'}],
  accounts: [{id: '123456789012', partition: 'aws-us-gov', roles: [{name: 'Developer', maxSessionDuration: 43200}]}],
  chainRoles: [{roleArn: GOV_DEPLOY, trusts: [GOV_DEV]}],
}
const cfg = (fake: FakeServices, role: string) =>
  `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify with Push\n\n[web]\nokta_aws_app_url = ${fake.appUrl}\nokta_aws_role_to_assume = ${role}\n`
const setup = (f: FlowHarness, role: string, awsConfig = '') => {
  f.home.write('.clokta/clokta.cfg', cfg(f.fake, role))
  f.home.write('.aws/config', `[profile deploy]\nrole_arn = ${GOV_DEPLOY}\nsource_profile = web\n${awsConfig}`)
}
const envFile = (f: FlowHarness, profile: string) => parseDotenv(readFileSync(f.home.path(`.clokta/${profile}.env`), 'utf8'))
const failure = (run: Promise<unknown>): Promise<CloktaError> =>
  run.then(
    () => {
      throw new Error('the login succeeded')
    },
    (e: CloktaError) => e,
  )
/** the SigV4 credential scope's region of each signed STS call the fake received */
const signedRegions = (fake: FakeServices) =>
  fake.requests.flatMap((r) => {
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/sts\//.exec(String(r.headers.authorization ?? ''))
    return scope ? [scope[1]] : []
  })

test('a GovCloud assertion with AWS_REGION=us-east-1: SAML and the chained hop signed for us-gov-west-1, which the files name; still valid next time', async () => {
  await withFlow(
    gov,
    async (f) => {
      setup(f, GOV_DEV)
      const env = {...PASSWORD, AWS_REGION: 'us-east-1'}
      const {outcomes} = await f.login(['deploy'], {}, env)
      assert.is(outcomes[0].roleArn, GOV_DEPLOY)
      // the fake STS refuses a GovCloud session's signature scoped to any region outside aws-us-gov
      assert.equal(signedRegions(f.fake), ['us-gov-west-1'])
      assert.equal(
        f.fake.issued.map((i) => [i.via, i.roleArn]),
        [
          ['AssumeRoleWithSAML', GOV_DEV],
          ['AssumeRole', GOV_DEPLOY],
        ],
      )
      for (const profile of ['web', 'deploy']) {
        const written = envFile(f, profile)
        assert.equal([written.AWS_REGION, written.AWS_DEFAULT_REGION], ['us-gov-west-1', 'us-gov-west-1'], profile)
      }
      const again = await f.login(['deploy'], {}, env)
      assert.is(again.outcomes[0].kind, 'still-valid')
      assert.is(f.fake.issued.length, 2)
    },
    {stsServer: true},
  )
})

function setupFor(role: string) {
  return (f: FlowHarness, awsConfig = '') => setup(f, role, awsConfig)
}

test("each STS call's region: a hop's own region when of its partition, else its partition's default; no region set is the default too", async () => {
  await withFlow(gov, async (f) => {
    setupFor(GOV_DEV)(f, 'region = us-gov-east-1\n')
    await f.login(['deploy'], {}, PASSWORD)
    assert.equal(
      f.sts.map((c) => [c.kind, c.region]),
      [
        ['saml', 'us-gov-west-1'],
        ['role', 'us-gov-east-1'],
      ],
    )
    setupFor(GOV_DEV)(f, 'region = eu-west-1\n')
    await f.login(['deploy'], {force: true}, PASSWORD)
    assert.equal(
      f.sts.slice(2).map((c) => [c.kind, c.region]),
      [
        ['saml', 'us-gov-west-1'],
        ['role', 'us-gov-west-1'],
      ],
    )
    assert.is(envFile(f, 'web').AWS_REGION, 'us-gov-west-1', 'GovCloud credentials name their region even when none is set')
  })
})

test('China: cn-north-1 by default, cn-northwest-1 when set; a commercial login sets a GovCloud region aside', async () => {
  await withFlow(
    {factors: [{type: 'push', provider: 'OKTA'}], accounts: [{id: '123456789012', partition: 'aws-cn', roles: [{name: 'Developer'}]}]},
    async (f) => {
      setupFor(CN_DEV)(f)
      await f.login(['web'], {}, PASSWORD)
      await f.login(['web'], {force: true}, {...PASSWORD, AWS_REGION: 'cn-northwest-1'})
      assert.equal(
        f.sts.map((c) => c.region),
        ['cn-north-1', 'cn-northwest-1'],
      )
      assert.is(envFile(f, 'web').AWS_REGION, 'cn-northwest-1')
    },
  )
  await withFlow({factors: [{type: 'push', provider: 'OKTA'}]}, async (f) => {
    setupFor('arn:aws:iam::123456789012:role/Developer')(f)
    await f.login(['web'], {}, {...PASSWORD, AWS_REGION: 'us-gov-west-1'})
    assert.equal(
      f.sts.map((c) => c.region),
      ['us-east-1'],
    )
    assert.is(envFile(f, 'web').AWS_REGION, 'us-east-1')
  })
})

test('an assertion for the GovCloud sign-in naming commercial roles: one line naming both, and no STS call', async () => {
  await withFlow({factors: [{type: 'push', provider: 'OKTA'}], acsUrl: 'https://signin.amazonaws-us-gov.com/saml'}, async (f) => {
    setupFor('arn:aws:iam::123456789012:role/Developer')(f)
    const error = await failure(f.login(['web'], {}, PASSWORD))
    assert.is(
      error.message,
      'The SAML assertion is for https://signin.amazonaws-us-gov.com/saml (partition aws-us-gov), but its role arn:aws:iam::123456789012:role/Developer is in partition aws.',
    )
    assert.equal(f.sts, [])
  })
})

test('a chain from a GovCloud role to a commercial one is refused before any STS call', async () => {
  await withFlow(gov, async (f) => {
    setupFor(GOV_DEV)(f)
    f.home.write('.aws/config', `[profile deploy]\nrole_arn = arn:aws:iam::210987654321:role/Deploy\nsource_profile = web\n`)
    const error = await failure(f.login(['deploy'], {}, PASSWORD))
    assert.match(error.message, /^The chain of profile deploy crosses AWS partitions: arn:aws-us-gov:\S+ is in aws-us-gov, arn:aws:\S+ in aws\.$/)
    assert.equal(f.sts, [])
  })
})

test('--all-roles of a GovCloud app: every role made into a profile logs in and writes in us-gov-west-1, AWS_REGION=eu-west-1 notwithstanding', async () => {
  const twoRoles: Partial<Scenario> = {
    ...gov,
    accounts: [{id: '123456789012', partition: 'aws-us-gov', roles: [{name: 'Developer'}, {name: 'ReadOnly'}]}],
  }
  await withFlow(twoRoles, async (f) => {
    setupFor(GOV_DEV)(f)
    const {outcomes} = await f.login(['web'], {}, {...PASSWORD, AWS_REGION: 'eu-west-1'}, {template: 'gov-{role}'})
    assert.equal(outcomes.map((o) => o.profile).sort(), ['gov-Developer', 'gov-ReadOnly'])
    assert.equal(
      f.sts.map((c) => c.region),
      ['us-gov-west-1', 'us-gov-west-1'],
    )
    for (const o of outcomes) assert.is(envFile(f, o.profile).AWS_REGION, 'us-gov-west-1', o.profile)
  })
})

test("clokta console for a GovCloud profile: the GovCloud role's federation token, and the console of the login's region", async () => {
  await withFlow(
    gov,
    async (f) => {
      setupFor(GOV_DEV)(f)
      const env = {...PASSWORD, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SIGNIN: f.fake.stsUrl}
      const result = await consoleSignin('deploy', FLAGS, {}, f.deps(), f.world(env))
      assert.is(result.roleArn, GOV_DEPLOY)
      const destination = new URL(result.url).searchParams.get('Destination')
      assert.is(destination, 'https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1')
      assert.equal(signedRegions(f.fake), ['us-gov-west-1'])
    },
    {stsServer: true},
  )
})

test.run()
