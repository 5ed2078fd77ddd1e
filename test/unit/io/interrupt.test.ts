import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {Interrupted, whileCatchingCtrlC} from '../../../src/io/interrupt.js'

test("without Ctrl-C: the work's own result, and SIGINT is left alone afterwards", async () => {
  const before = process.listenerCount('SIGINT')
  assert.is(await whileCatchingCtrlC(async () => 42), 42)
  assert.is(process.listenerCount('SIGINT'), before)
})

test('Ctrl-C: Interrupted at once, the work told through its signal, SIGINT left alone afterwards', async () => {
  const before = process.listenerCount('SIGINT')
  let signal: AbortSignal | undefined
  const running = whileCatchingCtrlC((s) => {
    signal = s
    return new Promise((_, reject) => s.addEventListener('abort', () => reject(new Error('aborted late'))))
  })
  assert.is(process.listenerCount('SIGINT'), before + 1)
  process.emit('SIGINT', 'SIGINT')
  try {
    await running
    assert.unreachable()
  } catch (error) {
    assert.instance(error, Interrupted)
  }
  assert.ok(signal?.aborted)
  assert.is(process.listenerCount('SIGINT'), before)
})

test('a failing work fails as it did', async () => {
  try {
    await whileCatchingCtrlC(async () => {
      throw new Error('Okta answered 500')
    })
    assert.unreachable()
  } catch (error) {
    assert.is((error as Error).message, 'Okta answered 500')
  }
})

test.run()
