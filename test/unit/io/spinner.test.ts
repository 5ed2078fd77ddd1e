import {EventEmitter} from 'node:events'
import type tty from 'node:tty'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {fitLine, startSpinner} from '../../../src/io/spinner.js'
import type {Terminal} from '../../../src/io/terminal.js'

test('fitLine: a line wider than columns - 1 is cut and ends in …; one that fits is kept', () => {
  assert.is(fitLine('abcdef', 7), 'abcdef')
  assert.is(fitLine('abcdefg', 7), 'abcde…')
  assert.is([...fitLine('⠋ Okta Verify push sent. Approve it on your phone...', 40)].length, 39)
  assert.is(fitLine('abc', 2), '…')
  assert.is(fitLine('abc', 1), '')
  assert.is(fitLine('x'.repeat(100), undefined).length, 79, 'an unknown width is taken as 80')
})

/** A terminal that records what is written, and can be resized. */
function fakeTerminal(columns: number) {
  const writes: string[] = []
  const output = Object.assign(new EventEmitter(), {columns, write: (s: string) => writes.push(s)})
  const listeners = new Set<() => void>()
  const terminal = {
    input: undefined as unknown as tty.ReadStream,
    output: output as unknown as tty.WriteStream,
    colour: false,
    onResize(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {},
  } satisfies Terminal
  const resize = (cols: number) => {
    output.columns = cols
    for (const l of listeners) l()
  }
  return {terminal, writes, resize, listeners}
}

test('the spinner redraws at once, one row wide, when the window narrows; nothing after stop', () => {
  const t = fakeTerminal(40)
  const spinner = startSpinner('Okta Verify push sent. Approve it on your phone...', t.terminal, () =>
    assert.unreachable('a terminal draws the spinner'),
  )
  assert.is(t.writes.length, 1)
  // eslint-disable-next-line no-control-regex -- the spinner's output is escape sequences
  assert.match(t.writes[0], /^\r\x1b\[K. Okta Verify push sent\. Approve it on…$/)
  t.resize(20)
  assert.is(t.writes.length, 2)
  // eslint-disable-next-line no-control-regex -- the spinner's output is escape sequences
  assert.match(t.writes[1], /^\r\x1b\[K. Okta Verify push…$/)
  spinner.stop('Okta Verify push approved.')
  assert.is(t.listeners.size, 0, 'stops watching the window')
  spinner.update('late')
  assert.equal(t.writes.slice(2), ['\r\x1b[KOkta Verify push approved.\n'])
})

test.run()
