import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {cancelOnCtrlC} from '../../../src/io/cancel-on-ctrl-c.js'

const never = (signal: AbortSignal) => new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))

test('Ctrl-C (SIGINT) while the work runs: "Cancelled." (exit 130) at once, the work aborted, nothing left listening', async () => {
  const before = process.listenerCount('SIGINT')
  let seen: AbortSignal | undefined
  const running = cancelOnCtrlC((signal) => ((seen = signal), never(signal)))
  process.emit('SIGINT', 'SIGINT')
  const error = await running.then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.instance(error, CloktaError)
  assert.is((error as CloktaError).message, 'Cancelled.')
  assert.is((error as CloktaError).exitCode, 130)
  assert.ok(seen?.aborted)
  assert.is(process.listenerCount('SIGINT'), before)
})

test('a SIGINT someone else listens for (a push being waited for, a write being rolled back) is theirs to handle', async () => {
  let theirs = 0
  const other = () => void theirs++
  let release = (_: string) => {}
  const running = cancelOnCtrlC(() => new Promise<string>((resolve) => (release = resolve)))
  process.on('SIGINT', other)
  try {
    process.emit('SIGINT', 'SIGINT')
  } finally {
    process.off('SIGINT', other)
  }
  release('done')
  assert.is(await running, 'done')
  assert.is(theirs, 1)
})

test.run()
