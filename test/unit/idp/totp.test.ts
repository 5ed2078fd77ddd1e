import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {totpKey} from '../../../src/idp/totp.js'

test('totpKey: a seed as apps show it, in any case, with spaces, dashes or padding', () => {
  for (const seed of ['JBSWY3DPEHPK3PXP', 'jbsw y3dp ehpk 3pxp', 'JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP======']) {
    assert.is(totpKey(seed, 'x').length, 10, seed)
  }
})

test('totpKey: not base32, empty, or shorter than 16 characters: refused, naming the source', () => {
  assert.throws(
    () => totpKey('not base32!', 'environment variable okta_onetimepassword_secret'),
    /^environment variable okta_onetimepassword_secret is not a base32 TOTP secret/,
  )
  assert.throws(() => totpKey('JBSWY3DPEHPK3PX1', 'x'), /^x is not a base32 TOTP secret/)
  assert.throws(() => totpKey('  ', 'x'), /^x is not a base32 TOTP secret/)
  assert.throws(() => totpKey('JBSWY3DPEHPK3PX', 'the seed'), /^the seed is too short for an authenticator seed \(at least 16 base32 characters\)\.$/)
})

test.run()
