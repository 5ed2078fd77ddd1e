import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {base32Decode, msUntilNextStep, totpCode} from '../../../src/idp/totp.js'

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's length.
const seeds = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
}
const vectors: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
]

test('the RFC 6238 test vectors, SHA-1, SHA-256 and SHA-512', () => {
  for (const [seconds, sha1, sha256, sha512] of vectors) {
    assert.is(totpCode(seeds.sha1, seconds * 1000, {digits: 8}), sha1, `sha1 @${seconds}`)
    assert.is(totpCode(seeds.sha256, seconds * 1000, {digits: 8, algorithm: 'sha256'}), sha256, `sha256 @${seconds}`)
    assert.is(totpCode(seeds.sha512, seconds * 1000, {digits: 8, algorithm: 'sha512'}), sha512, `sha512 @${seconds}`)
  }
})

test('base32 as authenticator apps show it', () => {
  assert.equal(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'x'), seeds.sha1)
  assert.equal(base32Decode('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq', 'x'), seeds.sha1)
  assert.equal(base32Decode('MZXW6===', 'x'), Buffer.from('foo'))
  assert.throws(() => base32Decode('not base32!', 'okta_onetimepassword_secret'), /okta_onetimepassword_secret is not a base32 TOTP secret/)
  assert.throws(() => base32Decode('', 'x'), /not a base32/)
})

test('six digits by default; the wait until the next code', () => {
  assert.is(totpCode(seeds.sha1, 59_000), '287082')
  assert.is(msUntilNextStep(59_000), 1_000)
  assert.is(msUntilNextStep(60_000), 30_000)
})

test.run()
