import {readFileSync, statSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {openWorld} from '../../../src/config/world.js'
import {cfgUpdates} from '../../../src/flow/cfg-updates.js'
import {tempHome} from '../../support/run-cli.js'

test("a run's clokta.cfg changes: seen at once, written once when saved, edits made meanwhile kept", async () => {
  const home = tempHome()
  const saved = process.env.HOME
  process.env.HOME = home.dir
  try {
    const path = home.write('.clokta/clokta.cfg', '[DEFAULT]\nokta_username = jdoe\n')
    const updates = cfgUpdates(openWorld({HOME: home.dir}))
    updates.add([{section: 'website', key: 'okta_aws_app_url', value: 'https://example.okta.com/home/amazon_aws/0oa1/272'}])
    updates.add([{section: 'DEFAULT', key: 'save_password_in_keychain', value: 'False'}])
    assert.is((await updates.cfg()).get('website', 'save_password_in_keychain'), 'False')
    assert.is(readFileSync(path, 'utf8'), '[DEFAULT]\nokta_username = jdoe\n', 'nothing written before save()')
    // the user edits the file while the run waits at a prompt
    home.write('.clokta/clokta.cfg', '[DEFAULT]\nokta_username = jdoe\n# mine\n')
    await updates.save()
    const text = readFileSync(path, 'utf8')
    assert.match(text, /# mine\n/)
    assert.match(text, /\[DEFAULT\]\nokta_username = jdoe\nsave_password_in_keychain = False\n/)
    assert.match(text, /\n\[website\]\nokta_aws_app_url = https:\/\/example\.okta\.com\/home\/amazon_aws\/0oa1\/272\n$/)
    const written = statSync(path).mtimeMs
    await updates.save()
    assert.is(statSync(path).mtimeMs, written, 'nothing left to write')
  } finally {
    process.env.HOME = saved
    home.remove()
  }
})

test('places reserved in order keep that order in the file, whichever is filled first (--all-roles profiles, as STS answers)', async () => {
  const home = tempHome()
  const saved = process.env.HOME
  process.env.HOME = home.dir
  try {
    const path = home.write('.clokta/clokta.cfg', '[DEFAULT]\nokta_username = jdoe\n')
    const updates = cfgUpdates(openWorld({HOME: home.dir}))
    const [first, second, third] = [updates.reserve(), updates.reserve(), updates.reserve()]
    third([{section: 'c', key: 'okta_aws_role_to_assume', value: 'arn:aws:iam::1:role/C'}])
    first([{section: 'a', key: 'okta_aws_role_to_assume', value: 'arn:aws:iam::1:role/A'}])
    // `second` failed: its place stays empty
    assert.equal((await updates.cfg()).sections(), ['DEFAULT', 'a', 'c'])
    await updates.save()
    assert.equal(
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('[')),
      ['[DEFAULT]', '[a]', '[c]'],
    )
    void second
  } finally {
    process.env.HOME = saved
    home.remove()
  }
})

test.run()
