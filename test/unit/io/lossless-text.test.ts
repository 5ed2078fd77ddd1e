import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {decodeLossless, encodeLossless, hasUndecodedBytes} from '../../../src/io/lossless-text.js'

const roundTrip = (bytes: Buffer) => encodeLossless(decodeLossless(bytes))

test('UTF-8 reads as text and writes back the same, BOM and astral characters included', () => {
  const bytes = Buffer.from('\uFEFF# café 😀\n[x]\nk = ü\n', 'utf8')
  const text = decodeLossless(bytes)
  assert.ok(text.startsWith('\uFEFF# café 😀'))
  assert.not.ok(hasUndecodedBytes(text))
  assert.equal(roundTrip(bytes), bytes)
})

test('bytes that are not UTF-8 come back byte for byte, the UTF-8 around them still text', () => {
  const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.of(0xe9), Buffer.from(' été\n[p]\nk = v'), Buffer.of(0xff, 0x80)])
  const text = decodeLossless(bytes)
  assert.is(text, '# caf\uDCE9 été\n[p]\nk = v\uDCFF\uDC80')
  assert.ok(hasUndecodedBytes(text))
  assert.equal(roundTrip(bytes), bytes)
  // an edit elsewhere keeps them
  assert.equal(
    encodeLossless(text.replace('k = v', 'k = new')),
    Buffer.concat([Buffer.from('# caf'), Buffer.of(0xe9), Buffer.from(' été\n[p]\nk = new'), Buffer.of(0xff, 0x80)]),
  )
})

test('truncated, overlong, surrogate and out-of-range sequences are bytes, not text', () => {
  for (const bad of [
    [0xe2, 0x82],
    [0xe2, 0x82, 0x41],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
  ]) {
    const bytes = Buffer.of(0x61, ...bad, 0x62)
    const text = decodeLossless(bytes)
    assert.ok(hasUndecodedBytes(text), bad.join(' '))
    assert.equal(roundTrip(bytes), bytes, bad.join(' '))
  }
  // a valid sequence next to a bad byte still decodes
  assert.is(decodeLossless(Buffer.of(0xe9, 0xe2, 0x82, 0xac)), '\uDCE9€')
  // a supplementary character whose low surrogate lies in the escape range is text
  const astral = Buffer.from('\u{1F480}', 'utf8')
  assert.not.ok(hasUndecodedBytes(decodeLossless(astral)))
  assert.equal(roundTrip(Buffer.concat([astral, Buffer.of(0xe9)])), Buffer.concat([astral, Buffer.of(0xe9)]))
})

test.run()
