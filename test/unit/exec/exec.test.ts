import {chmodSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {runChild} from '../../../src/exec/child.js'
import {commandToRun, refuseStrayArguments, splitCommandLine} from '../../../src/exec/command-line.js'
import {endingFor} from '../../../src/exec/exit-status.js'
import {FORWARDED_SIGNALS, inForeground, parseStat, shouldForward} from '../../../src/exec/forwarding.js'
import {refuseNesting} from '../../../src/exec/nesting.js'
import {tempHome} from '../../support/run-cli.js'

function thrown(f: () => unknown): CloktaError {
  try {
    f()
  } catch (error) {
    assert.instance(error, CloktaError)
    return error as CloktaError
  }
  throw new Error('nothing was thrown')
}

test('nesting: refused with one line that says how to override, when the marker is set and not empty', () => {
  refuseNesting({})
  refuseNesting({AWS_CLOKTA_PROFILE: ''})
  const e = thrown(() => refuseNesting({AWS_CLOKTA_PROFILE: 'website'}))
  assert.is(
    e.message,
    'Already inside clokta exec for profile website (AWS_CLOKTA_PROFILE is set): exit that shell first, or run "unset AWS_CLOKTA_PROFILE" to start another inside it anyway.',
  )
  assert.is(e.hint, undefined)
  assert.ok(e.exitCode !== 0)
})

test('the command line: the command is what follows the first --; words before it are refused; none means $SHELL, else /bin/sh', () => {
  assert.equal(splitCommandLine(['-p', 'x', '--', 'aws', '--profile', 'y', '--', 'z']), {
    own: ['-p', 'x'],
    command: ['aws', '--profile', 'y', '--', 'z'],
  })
  assert.equal(splitCommandLine(['-p', 'x']), {own: ['-p', 'x'], command: []})
  refuseStrayArguments([])
  assert.match(thrown(() => refuseStrayArguments(['aws', 's3'])).message, /^Put the command after "--": clokta exec -p <profile> -- aws s3$/)
  assert.equal(commandToRun(['aws', 's3', 'ls'], {SHELL: '/bin/zsh'}), {file: 'aws', args: ['s3', 'ls'], shell: false})
  assert.equal(commandToRun([], {SHELL: '/bin/zsh'}), {file: '/bin/zsh', args: [], shell: true})
  assert.equal(commandToRun([], {}), {file: '/bin/sh', args: [], shell: true})
})

test('how clokta ends: the status as it is; a killing signal raised again, or 128 + n where Node cannot die of it cleanly', () => {
  assert.equal(endingFor({code: 0}), {exitCode: 0})
  assert.equal(endingFor({code: 42}), {exitCode: 42})
  assert.equal(endingFor({signal: 'SIGTERM'}), {raise: 'SIGTERM', exitCode: 143})
  assert.equal(endingFor({signal: 'SIGINT'}), {raise: 'SIGINT', exitCode: 130})
  assert.equal(endingFor({signal: 'SIGKILL'}), {raise: 'SIGKILL', exitCode: 137})
  assert.equal(endingFor({signal: 'SIGSEGV'}), {exitCode: 139})
  assert.equal(endingFor({signal: 'SIGPIPE'}), {exitCode: 141})
  assert.equal(endingFor({signal: 'SIGUSR1'}), {exitCode: 138})
})

test("forwarding: SIGTERM and SIGHUP always; Ctrl-C and Ctrl-\\ only when clokta is not the terminal's foreground", () => {
  assert.equal(FORWARDED_SIGNALS, ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'])
  for (const fg of [true, false]) {
    assert.ok(shouldForward('SIGTERM', fg))
    assert.ok(shouldForward('SIGHUP', fg))
  }
  assert.not.ok(shouldForward('SIGINT', true))
  assert.not.ok(shouldForward('SIGQUIT', true))
  assert.ok(shouldForward('SIGINT', false))
  assert.ok(shouldForward('SIGQUIT', false))
})

test('the foreground from /proc/<pid>/stat, whatever the command name holds', () => {
  const line = (comm: string, pgrp: number, tty: number, tpgid: number) => `4242 (${comm}) S 1 ${pgrp} 4000 ${tty} ${tpgid} 4194560 100 0`
  assert.equal(parseStat(line('node', 4242, 34816, 4242)), {pgrp: 4242, ttyNr: 34816, tpgid: 4242})
  assert.equal(parseStat(line('odd) S 9 9 9 9 (name', 7, 0, -1)), {pgrp: 7, ttyNr: 0, tpgid: -1})
  assert.is(parseStat('garbage'), undefined)
  assert.ok(inForeground(() => parseStat(line('node', 4242, 34816, 4242))))
  assert.not.ok(
    inForeground(() => parseStat(line('node', 4242, 34816, 5000))),
    'another group holds the terminal',
  )
  assert.not.ok(
    inForeground(() => parseStat(line('node', 4242, 0, -1))),
    'no terminal',
  )
})

const options = {env: {PATH: process.env.PATH ?? '/usr/bin:/bin'}, inForeground: () => false}

test('a child: its status, the signal that killed it, 127 when not found and 126 when not executable', async () => {
  assert.equal(await runChild('sh', ['-c', 'exit 42'], options), {code: 42})
  assert.equal(await runChild('sh', ['-c', 'test "$ONLY" = this && exit 0; exit 1'], {...options, env: {...options.env, ONLY: 'this'}}), {code: 0})
  assert.equal(await runChild('sh', ['-c', 'kill -TERM $$'], options), {signal: 'SIGTERM'})
  const notFound = await runChild('no-such-command-here', [], options).catch((e: unknown) => e)
  assert.instance(notFound, CloktaError)
  assert.equal([(notFound as CloktaError).message, (notFound as CloktaError).exitCode], ['no-such-command-here: command not found.', 127])
  const empty = await runChild('', [], options).catch((e: unknown) => e)
  assert.equal([(empty as CloktaError).message.slice(0, 19), (empty as CloktaError).exitCode], ['"": cannot run it (', 126])
  const home = tempHome()
  try {
    const script = home.write('script.sh', '#!/bin/sh\nexit 0\n', 0o644)
    const notExecutable = await runChild(script, [], options).catch((e: unknown) => e)
    assert.equal(
      [(notExecutable as CloktaError).message, (notExecutable as CloktaError).exitCode],
      [`${script}: permission denied (not an executable file).`, 126],
    )
    chmodSync(script, 0o755)
    const orphan = home.write('orphan.sh', '#!/no/such/interpreter\nexit 0\n', 0o755)
    const noInterpreter = await runChild(orphan, [], options).catch((e: unknown) => e)
    assert.equal(
      [(noInterpreter as CloktaError).message, (noInterpreter as CloktaError).exitCode],
      [`${orphan}: cannot run it: the interpreter its #! line names is missing.`, 126],
    )
    assert.equal(await runChild(script, [], options), {code: 0})
  } finally {
    home.remove()
  }
  for (const s of FORWARDED_SIGNALS) assert.is(process.listenerCount(s), 0, `${s} listener left behind`)
})

test('a SIGTERM sent to clokta while the child runs reaches the child and clokta lives on; a Ctrl-C in the foreground is left to the terminal', async () => {
  const waiting = runChild('sh', ['-c', 'trap "exit 7" TERM; while :; do sleep 0.02; done'], options)
  await new Promise((r) => setTimeout(r, 150))
  process.kill(process.pid, 'SIGTERM')
  assert.equal(await waiting, {code: 7})

  const foreground = runChild('sh', ['-c', 'trap "exit 9" INT; trap "exit 8" TERM; while :; do sleep 0.02; done'], {
    ...options,
    inForeground: () => true,
  })
  await new Promise((r) => setTimeout(r, 150))
  // as if from the terminal: the whole group got it, so clokta (this process) passes none on; the child goes on
  process.kill(process.pid, 'SIGINT')
  await new Promise((r) => setTimeout(r, 150))
  process.kill(process.pid, 'SIGTERM')
  assert.equal(await foreground, {code: 8})
})

test.run()
