import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {openWorld, withCfgChanges} from '../../../src/config/world.js'
import {tempHome, type TempHome} from '../../support/run-cli.js'

/** clokta.cfg is found through HOME, as os.homedir() reads it */
async function inHome(body: (home: TempHome) => Promise<void>): Promise<void> {
  const home = tempHome()
  const saved = process.env.HOME
  process.env.HOME = home.dir
  try {
    await body(home)
  } finally {
    process.env.HOME = saved
    home.remove()
  }
}

test('each file is read once, at its first use; the world does not change when the files do', async () => {
  await inHome(async (home) => {
    const env = {HOME: home.dir, AWS_CONFIG_FILE: home.path('aws-config'), AWS_SHARED_CREDENTIALS_FILE: home.path('aws-credentials')}
    home.write('aws-config', '[profile a]\nregion = eu-west-1\n')
    home.write('aws-credentials', '[a]\naws_access_key_id = AKIA1\n')
    const world = openWorld(env)
    assert.is((await world.awsConfig()).profile('a')?.region, 'eu-west-1')
    assert.is((await world.awsCredentials()).profile('a').aws_access_key_id, 'AKIA1')
    home.write('aws-config', '[profile a]\nregion = us-east-2\n')
    home.write('aws-credentials', '[a]\naws_access_key_id = AKIA2\n')
    assert.is((await world.awsConfig()).profile('a')?.region, 'eu-west-1')
    assert.is((await world.awsCredentials()).profile('a').aws_access_key_id, 'AKIA1')
    assert.is(await world.cfg(), await world.cfg())
    assert.ok(Object.isFrozen(world))
  })
})

test('a file the run never asks for is never read, so a broken one stops nothing else', async () => {
  await inHome(async (home) => {
    const env = {HOME: home.dir, AWS_CONFIG_FILE: home.path('aws-config')}
    home.write('aws-config', 'not an ini line\n')
    const world = openWorld(env)
    assert.equal((await world.cfg()).sections(), [])
    const failed = await world.awsConfig().then(
      () => undefined,
      (e: Error) => e.message,
    )
    assert.match(failed ?? '', /aws-config line 1/)
  })
})

test("withCfgChanges: clokta.cfg as it reads once the run's changes are saved, the world before them unchanged", async () => {
  await inHome(async (home) => {
    home.write('.clokta/clokta.cfg', '[DEFAULT]\nokta_username = jdoe\n')
    const world = openWorld({HOME: home.dir})
    const after = withCfgChanges(world, [
      {section: 'website', key: 'okta_aws_app_url', value: 'https://example.okta.com/home/amazon_aws/0oa1/272'},
      {section: 'DEFAULT', key: 'okta_username', value: '50%'},
    ])
    assert.is((await after.cfg()).get('website', 'okta_username'), '50%')
    assert.is((await world.cfg()).get('website', 'okta_username'), 'jdoe')
  })
})

test.run()
