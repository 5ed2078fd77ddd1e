import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {arrayOf, isNumber, isRecord, isString, optional, parseJson, shape} from '../../../src/io/json-shape.js'

const isEntry = shape<{name: string; size?: number; tags?: string[]}>({name: isString, size: optional(isNumber), tags: optional(arrayOf(isString))})

test('shape: every listed field must pass its guard; optional ones may be absent; others are left alone', () => {
  assert.ok(isEntry({name: 'a'}))
  assert.ok(isEntry({name: 'a', size: 1, tags: ['x'], extra: {}}))
  assert.not.ok(isEntry({size: 1}), 'a required field is missing')
  assert.not.ok(isEntry({name: 'a', size: '1'}), 'an optional field of the wrong type')
  assert.not.ok(isEntry({name: 'a', size: null}), 'null is not absent')
  assert.not.ok(isEntry({name: 'a', tags: ['x', 2]}), 'an array with a wrong item')
  assert.not.ok(isEntry(['a']))
  assert.not.ok(isEntry(null))
})

test('isRecord: objects only, not arrays or null', () => {
  assert.ok(isRecord({}))
  assert.not.ok(isRecord([]))
  assert.not.ok(isRecord(null))
  assert.not.ok(isRecord('x'))
})

test('parseJson: the value when it has the shape; throws when it is not JSON or not that shape', () => {
  assert.equal(parseJson('{"name":"a","size":2}', isEntry), {name: 'a', size: 2})
  assert.throws(() => parseJson('{"size":2}', isEntry), /expected shape/)
  assert.throws(() => parseJson('{name', isEntry), SyntaxError)
})

test.run()
