import {PassThrough, Writable} from 'node:stream'
import type tty from 'node:tty'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {terminalPrompter} from '../../../src/io/prompter.js'
import type {Terminal} from '../../../src/io/terminal.js'
import {keepTerminalMode} from '../../../src/io/terminal-restore.js'

/** A terminal whose input keeps its mode as a tty does: what readline and enquirer leave it in. */
function modalTerminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(raw: boolean) {
      input.isRaw = raw
      return input
    },
  })
  let written = ''
  const output = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk)
        done()
      },
    }),
    {isTTY: true, columns: 80, rows: 24},
  )
  const terminal = {
    input: input as unknown as tty.ReadStream,
    output: output as unknown as tty.WriteStream,
    colour: false,
    onResize: () => () => {},
    close() {},
  } satisfies Terminal
  return {terminal, input, written: () => written}
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

test('Ctrl-C at the password prompt leaves the terminal out of raw mode (enquirer alone leaves it raw)', async () => {
  const t = modalTerminal()
  const asked = terminalPrompter(t.terminal).password({message: 'Okta password', subject: 'the password', provide: 'set it'})
  asked.catch(() => {})
  while (t.written() === '') await turn()
  assert.ok(t.input.isRaw, 'raw while the question shows')
  t.input.push('\x03')
  const error = await asked.then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.instance(error, CloktaError)
  assert.is((error as CloktaError).code, 'cancelled')
  assert.is(t.input.isRaw, false)
})

test('a terminal already raw before the question is left raw; exit and SIGTERM put the mode back while it shows', () => {
  const input = {isRaw: true, setRawMode: (raw: boolean) => (input.isRaw = raw)}
  const release = keepTerminalMode(input)
  input.setRawMode(false)
  release()
  assert.is(input.isRaw, true)

  const before = {exit: process.listenerCount('exit'), term: process.listenerCount('SIGTERM')}
  const cooked = {isRaw: false, setRawMode: (raw: boolean) => (cooked.isRaw = raw)}
  keepTerminalMode(cooked)
  cooked.setRawMode(true)
  // another handler keeps the process alive here, as the write path's does: the guard only restores
  const other = () => {}
  process.on('SIGTERM', other)
  try {
    process.emit('SIGTERM', 'SIGTERM')
  } finally {
    process.off('SIGTERM', other)
  }
  assert.is(cooked.isRaw, false)
  assert.equal({exit: process.listenerCount('exit'), term: process.listenerCount('SIGTERM')}, before, 'nothing left listening')
})

test.run()
