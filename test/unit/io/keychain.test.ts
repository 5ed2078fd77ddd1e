import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {openKeychain} from '../../../src/io/keychain.js'
import {createLogger} from '../../../src/io/log.js'

test('a missing keychain is said once a run, by the first thing that wanted it', () => {
  const lines: string[] = []
  const keychain = openKeychain(createLogger({debug: false, write: (l) => lines.push(l)}))
  keychain.sayUnreachable()
  keychain.sayUnreachable('the Okta session cannot be kept between runs')
  assert.is(lines.length, 1)
  assert.match(lines[0], /: clokta will ask for your password instead\.$/)
})

test.run()
