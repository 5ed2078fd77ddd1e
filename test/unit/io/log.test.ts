import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {createLogger} from '../../../src/io/log.js'

test('quiet drops info lines only: warnings, and debug lines when asked for, still go out', () => {
  const lines: string[] = []
  const log = createLogger({debug: true, quiet: true, write: (l) => lines.push(l)})
  log.info('summary')
  log.warn('careful')
  log.debug('detail')
  assert.equal(lines, ['Warning: careful', '[debug] detail'])
})

test('secrets are redacted in every kind of line', () => {
  const lines: string[] = []
  const log = createLogger({debug: false, write: (l) => lines.push(l)})
  log.secret('hunter22')
  log.info('pw hunter22')
  log.warn('pw hunter22')
  assert.equal(lines, ['pw ****', 'Warning: pw ****'])
})

test.run()
