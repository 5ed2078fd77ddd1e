import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {closestCommand, editDistance} from '../../../src/cli/closest-command.js'

const IDS = ['configure', 'help', 'login', 'logout']

test('editDistance counts a swap of neighbours as one slip', () => {
  assert.is(editDistance('lgoin', 'login'), 1)
  assert.is(editDistance('login', 'login'), 0)
  assert.is(editDistance('logn', 'login'), 1)
  assert.is(editDistance('', 'help'), 4)
  assert.is(editDistance('kitten', 'sitting'), 3)
})

test('closestCommand: the nearest id within a slip per three letters, else none', () => {
  assert.is(closestCommand('lgoin', IDS), 'login')
  assert.is(closestCommand('LOGIN', IDS), 'login')
  assert.is(closestCommand('logot', IDS), 'logout')
  assert.is(closestCommand('confgiure', IDS), 'configure')
  assert.is(closestCommand('cnofgiure', IDS), 'configure')
  assert.is(closestCommand('hepl', IDS), 'help')
  assert.is(closestCommand('website', IDS), undefined)
  assert.is(closestCommand('dev', IDS), undefined)
  assert.is(closestCommand('log', IDS), undefined, 'two letters short of login is a profile name, not a slip')
})

test.run()
