import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {deobfuscatePythonClokta} from '../../../src/flow/python-clokta-password.js'

// Made by the Python clokta's own __obfuscate (Python 3.11): what its keyring entry holds.
const madeByPython: [password: string, username: string, stored: string][] = [
  ['correct horse battery staple', 'jdoe@example.com', 'w43Dk8Ohw5fCpcOIw6zCgcOVw5_DnsOYwpPCg8ORw47DnsOYw5TDl8K5woXDq8OVw47DoMOYw4o='],
  ['Pä$$wörd~ÿ 1', 'jdoe@example.com', 'wrpIwpPCicK3W8Oqw4XDq2_CjMKW'],
  ['hunter2', 'jdoe', 'w5LDmcOdw5nDj8OWwqE='],
  ['pässwörd-longer-than-salt', 'jü', 'w5rDoMOdb8Ohw7LDnGDCl2jDmWrDkWHDnCnDnmTDi2rCl2_Di2jDng=='],
]

test('turns back what the Python clokta stored, character for character', () => {
  for (const [password, username, stored] of madeByPython) assert.is(deobfuscatePythonClokta(stored, username), password, password)
})

test('as lossy as Python: a character past U+00FF came back modulo 256 there too', () => {
  // Python: __deobfuscate(__obfuscate('€uro', 'jdoe'), 'jdoe') == '¬uro'; Okta rejects it, once
  assert.is(deobfuscatePythonClokta('FsOZw6HDlA==', 'jdoe'), '¬uro')
})

test('what Python could not decode either is not used', () => {
  assert.is(deobfuscatePythonClokta('not base64!', 'jdoe'), undefined)
  assert.is(deobfuscatePythonClokta('_w', 'jdoe'), undefined, 'not UTF-8')
  assert.is(deobfuscatePythonClokta('', 'jdoe'), undefined)
})

test.run()
