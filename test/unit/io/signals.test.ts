import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {holdingOffSignals, SIGNAL_EXIT_STATUS, type EndingSignal} from '../../../src/io/signals.js'

const listeners = () => ['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => process.listenerCount(s))

test('a SIGTERM during a write waits for the write to finish, then is handed on; the handlers go with it', async () => {
  const before = listeners()
  const seen: string[] = []
  const result = await holdingOffSignals(
    async () => {
      process.emit('SIGTERM', 'SIGTERM')
      process.emit('SIGINT', 'SIGINT')
      await new Promise((r) => setTimeout(r, 10))
      seen.push('written')
      return 'done'
    },
    async (signal: EndingSignal) => void seen.push(signal),
  )
  assert.is(result, 'done')
  assert.equal(seen, ['written', 'SIGTERM'])
  assert.equal(listeners(), before)
})

test('a failed write still hands the signal on after it; without a signal nothing is handed on', async () => {
  const seen: string[] = []
  try {
    await holdingOffSignals(
      async () => {
        process.emit('SIGHUP', 'SIGHUP')
        throw new Error('disk full')
      },
      async (signal) => void seen.push(signal),
    )
  } catch {
    seen.push('failed')
  }
  await holdingOffSignals(
    async () => 1,
    async (signal) => void seen.push(signal),
  )
  assert.equal(seen, ['SIGHUP', 'failed'])
  assert.equal(SIGNAL_EXIT_STATUS, {SIGINT: 130, SIGTERM: 143, SIGHUP: 129})
})

test.run()
