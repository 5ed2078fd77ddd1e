import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {formatDuration, parseDuration} from '../../../src/config/duration.js'

test('parses seconds and h/m/s forms', () => {
  assert.is(parseDuration('3600', 'x'), 3600)
  assert.is(parseDuration('1h', 'x'), 3600)
  assert.is(parseDuration('90m', 'x'), 5400)
  assert.is(parseDuration('1h30m', 'x'), 5400)
  assert.is(parseDuration(' 12H ', 'x'), 43200)
})

test('refuses what is not a duration, naming the source', () => {
  for (const bad of ['', 'abc', '1x', '1h junk', '-5', '1.5h']) {
    assert.throws(() => parseDuration(bad, '--duration'), /--duration is ".*", which is not a duration/)
  }
})

test('formats for people', () => {
  assert.is(formatDuration(43200), '12h')
  assert.is(formatDuration(5400), '1h30m')
  assert.is(formatDuration(900), '15m')
  assert.is(formatDuration(45), '45s')
})

test.run()
