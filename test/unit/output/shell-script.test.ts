import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {shellQuote} from '../../../src/output/shell-script.js'

test('single quotes make every value literal', () => {
  assert.is(shellQuote('abc'), "'abc'")
  assert.is(shellQuote("it's"), "'it'\\''s'")
  assert.is(shellQuote(''), "''")
  assert.is(shellQuote('$(rm -rf ~)`x`"\\'), "'$(rm -rf ~)`x`\"\\'")
})

test.run()
