import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {cfgFor, withFlow} from '../../support/flow.js'

const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const failure = (run: Promise<unknown>) =>
  run.then(
    () => {
      throw new Error('the login did not fail')
    },
    (e: CloktaError) => e,
  )

test('a region that is not a region name, from the environment, the profile or a chained hop, is refused before the password is sent', async () => {
  await withFlow({...pushOnly, chainRoles: [{roleArn: SERVICE, trusts: ['arn:aws:iam::123456789012:role/Developer']}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, '\n[billing]\nokta_aws_app_url = ' + f.fake.appUrl + '\n'))
    f.home.write(
      '.aws/config',
      `[profile billing]\nregion = eu-west-1a\n[profile svc]\nrole_arn = ${SERVICE}\nsource_profile = website\nregion = us_east_1\n`,
    )
    for (const [profiles, env, message] of [
      [['website'], {AWS_REGION: 'us east 1'}, 'The region "us east 1" from environment variable AWS_REGION is not a region name.'],
      [['billing'], {}, 'The region "eu-west-1a" from [profile billing] in ~/.aws/config is not a region name.'],
      [['svc'], {}, 'The region "us_east_1" from [profile svc] in ~/.aws/config is not a region name.'],
    ] as const) {
      const error = await failure(f.login([...profiles], {}, {...PASSWORD, ...env}))
      assert.is(error.message, message)
      assert.is(error.code, 'config')
    }
    assert.is(f.fake.requests.length, 0, 'nothing sent to Okta')
    assert.is(f.sts.length, 0)
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
  })
})

test('--all-roles: a made profile whose own section has a bad region fails alone (its name is known only after the login); the rest are written', async () => {
  const roles = ['Admin', 'Developer'].map((name) => ({name, maxSessionDuration: 43200}))
  await withFlow({...pushOnly, accounts: [{id: '123456789012', roles}]}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
    f.home.write('.aws/config', '[profile x-Admin]\nregion = Europe\n')
    const r = await f.login(['website'], {}, PASSWORD, {template: 'x-{role}'})
    assert.equal(
      r.failures.map((x) => [x.profile, (x.error as Error).message]),
      [['x-Admin', 'The region "Europe" from [profile x-Admin] in ~/.aws/config is not a region name.']],
    )
    assert.equal(
      r.outcomes.map((o) => o.profile),
      ['x-Developer'],
    )
  })
})

test.run()
