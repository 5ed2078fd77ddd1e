import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {shownName, validateProfileName} from '../../../src/config/profile-name.js'

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

test('a name is shown with newlines, escape sequences, other control characters and bidi overrides escaped, never raw', () => {
  assert.is(shownName('website'), 'website')
  assert.is(shownName('web\nsite'), 'web\\nsite')
  assert.is(shownName('a\r\tb'), 'a\\r\\tb')
  assert.is(shownName('x\x1b[31mred\x07\x7f\x9b'), 'x\\x1b[31mred\\x07\\x7f\\x9b')
  assert.is(shownName('a\u2028b\u202ec'), 'a\\u2028b\\u202ec')
  // a backslash in the name itself is doubled, so "a\\nb" cannot pass for an escaped newline
  assert.is(shownName('a\\nb'), 'a\\\\nb')
  assert.is(shownName('é-日本'), 'é-日本', 'printable text stays as it is')
})

test('an invalid profile name with a newline or an escape sequence is echoed escaped, on one line', () => {
  for (const [bad, shown] of [
    ['web\nsite', 'web\\nsite'],
    ['a\x1b[2Jb', 'a\\x1b[2Jb'],
    ['x\ry', 'x\\ry'],
  ]) {
    const error = (() => {
      try {
        validateProfileName(bad)
      } catch (e) {
        return e as Error
      }
      return undefined
    })()
    assert.ok(error, bad)
    assert.ok(error.message.startsWith(`Invalid profile name "${shown}": `), error.message)
    // eslint-disable-next-line no-control-regex
    assert.not.match(error.message, /[\x00-\x1f\x7f]/)
  }
})

test.run()
