import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {validateProfileName} from '../../../src/config/profile-name.js'

test('accepts the names AWS users give profiles', () => {
  for (const ok of ['website', 'my-service', 'prod.eu_1', 'default', 'A1']) assert.is(validateProfileName(ok), ok)
})

test('refuses anything that could escape a directory or an INI header', () => {
  for (const bad of ['../../x', '..', '.hidden', 'a/b', 'a\\b', '', 'a b', 'x]', '[x', '-p', 'a..b', 'x'.repeat(129), 'é']) {
    assert.throws(() => validateProfileName(bad), /Invalid profile name/, bad)
  }
})

test('DEFAULT is reserved (configparser gives its keys to every section); default is the AWS default profile', () => {
  assert.throws(() => validateProfileName('DEFAULT'), /"DEFAULT" is reserved/)
  assert.is(validateProfileName('default'), 'default')
})

test.run()
