import {PassThrough, Writable} from 'node:stream'
import type tty from 'node:tty'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {terminalPrompter, type Prompter} from '../../../src/io/prompter.js'
import {wantsColour, type Terminal} from '../../../src/io/terminal.js'

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\r/g, '')

/** enquirer on in-memory streams: what it wrote, and a way to type once it asks. */
function fakeTerminal(colour: boolean) {
  const input = Object.assign(new PassThrough(), {isTTY: true, isRaw: false, setRawMode: () => input})
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
    colour,
    onResize: () => () => {},
    close() {},
  } satisfies Terminal
  return {terminal, written: () => written}
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

/** Asks, types `keys` one by one once the question shows, returns the answer and everything shown. */
async function answer<T>(colour: boolean, ask: (p: Prompter) => Promise<T>, keys: string[]): Promise<{value: T; raw: string; screen: string}> {
  const t = fakeTerminal(colour)
  const pending = ask(terminalPrompter(t.terminal))
  pending.catch(() => {}) // judged below, once the keys are typed
  while (t.written() === '') await turn()
  for (const key of keys) {
    t.terminal.input.push(key)
    for (let i = 0; i < 5; i++) await turn()
  }
  const value = await pending
  return {value, raw: t.written(), screen: plain(t.written())}
}

const q = {subject: 'x', provide: 'y'}

test('a select shows the chosen message on the answered line, not its name', async () => {
  const r = await answer(
    false,
    (p) =>
      p.select({
        ...q,
        message: 'Choose an MFA factor',
        choices: [
          {name: 'opf3hkfocI4JTLAju0g4', message: 'Okta Verify with Push'},
          {name: 'ostf2gsyictRQDSGTDZE', message: 'Google Authenticator'},
        ],
      }),
    ['\x1b[B', '\r'],
  )
  assert.is(r.value, 'ostf2gsyictRQDSGTDZE')
  assert.match(r.screen, /Choose an MFA factor · Google Authenticator/)
  assert.not.ok(r.screen.includes('ostf2gsyictRQDSGTDZE'), r.screen)
})

test('a confirm shows yes or no, never true or false', async () => {
  for (const [key, value, word] of [
    ['y', true, 'yes'],
    ['n', false, 'no'],
    ['\r', true, 'yes'],
  ] as const) {
    const r = await answer(false, (p) => p.confirm({...q, message: 'Send another push?', initial: true}), [key])
    assert.is(r.value, value)
    assert.match(r.screen, new RegExp(`Send another push\\? \\(Y/n\\) · ${word}\\s*$`))
    assert.not.match(r.screen, /true|false/)
  }
})

test('a password shows neither its characters nor its length', async () => {
  const password = 'correct horse'
  const r = await answer(false, (p) => p.password({...q, message: 'Okta password'}), [...password, '\r'])
  assert.is(r.value, password)
  assert.not.ok(r.screen.includes('*'), r.screen)
  assert.not.ok(r.screen.includes('correct'), r.screen)
  assert.match(r.screen, /Okta password \S +\(hidden as you type\)/)
})

test('Ctrl-C at a prompt is "Cancelled.", exit 130', async () => {
  try {
    await answer(false, (p) => p.input({...q, message: 'Okta username'}), ['\x03'])
    assert.unreachable()
  } catch (error) {
    assert.instance(error, CloktaError)
    assert.is((error as CloktaError).message, 'Cancelled.')
    assert.is((error as CloktaError).exitCode, 130)
  }
})

test('colour follows the terminal: none at all when it is off', async () => {
  const ask = (p: Prompter) =>
    p.select({
      ...q,
      message: 'Choose a role',
      choices: [
        {name: 'a', message: 'A'},
        {name: 'b', message: 'B', disabled: 'no'},
      ],
    })
  assert.match((await answer(true, ask, ['\r'])).raw, SGR)
  assert.not.match((await answer(false, ask, ['\r'])).raw, SGR)
  // enquirer's colour switch is shared by every prompt: the next one turns it back on
  assert.match((await answer(true, ask, ['\r'])).raw, SGR)
})

test('wantsColour: NO_COLOR set to anything but empty, TERM=dumb or FORCE_COLOR=0 turn colour off', () => {
  assert.ok(wantsColour({}))
  assert.ok(wantsColour({NO_COLOR: '', TERM: 'xterm-256color'}))
  assert.not.ok(wantsColour({NO_COLOR: '1'}))
  assert.not.ok(wantsColour({NO_COLOR: 'false'}))
  assert.not.ok(wantsColour({TERM: 'dumb'}))
  assert.not.ok(wantsColour({FORCE_COLOR: '0'}))
  assert.ok(wantsColour({FORCE_COLOR: '1'}))
})

test.run()
