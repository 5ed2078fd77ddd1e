import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import {delimiter, join} from 'node:path'

import {shownName} from '../config/profile-name.js'
import {CloktaError, errnoCode, messageOf} from '../errors.js'
import {FORWARDED_SIGNALS, shouldForward} from './forwarding.js'
import type {ChildEnd} from './exit-status.js'

export interface RunChildOptions {
  env: Record<string, string>
  /** whether clokta is in its terminal's foreground process group now (see forwarding.ts) */
  inForeground(): boolean
}

/** Whether `command` names a file, as the system's search for it would find it (a path, or a name on PATH). */
function exists(command: string, path: string | undefined): boolean {
  if (command.includes('/')) return existsSync(command)
  return (path ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)))
}

/**
 * Why a command could not start, as a shell says it, with a shell's status (127 not found,
 * 126 not runnable). The system answers "no such file" for a script whose #! interpreter is
 * missing too: a file that is there is not "not found".
 */
function startFailure(command: string, error: unknown, path: string | undefined): CloktaError {
  const code = errnoCode(error)
  const shown = shownName(command)
  if (code === 'ENOENT' && !exists(command, path))
    return new CloktaError(`${shown}: command not found.`, 'usage', undefined, {exitCode: 127, cause: error})
  const why =
    code === 'ENOENT'
      ? 'cannot run it: the interpreter its #! line names is missing'
      : code === 'EACCES'
        ? 'permission denied (not an executable file)'
        : `cannot run it (${code ?? String(error)})`
  return new CloktaError(`${shown}: ${why}.`, 'usage', undefined, {exitCode: 126, cause: error})
}

/**
 * Runs `command` with clokta's stdin, stdout and stderr (the same descriptors, untouched) and
 * resolves how it ended. While it runs, SIGINT, SIGTERM, SIGHUP and SIGQUIT no longer end
 * clokta: they are passed on to the child (forwarding.ts says when not), and clokta ends only
 * after the child, the way it did (exit-status.ts).
 */
export function runChild(command: string, args: string[], options: RunChildOptions): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    // Handlers first: a signal between the spawn and them would otherwise kill clokta alone.
    let forward = (_signal: NodeJS.Signals) => {}
    const onSignal = (signal: NodeJS.Signals) => forward(signal)
    for (const s of FORWARDED_SIGNALS) process.on(s, onSignal)
    const release = () => {
      for (const s of FORWARDED_SIGNALS) process.off(s, onSignal)
    }
    let child: ChildProcess
    try {
      child = spawn(command, args, {stdio: 'inherit', env: options.env})
    } catch (error) {
      // what Node refuses before trying (an empty command name)
      release()
      reject(
        new CloktaError(`${shownName(command) || '""'}: cannot run it (${messageOf(error)}).`, 'usage', undefined, {exitCode: 126, cause: error}),
      )
      return
    }
    forward = (signal) => {
      if (shouldForward(signal, options.inForeground())) child.kill(signal)
    }
    child.once('error', (error) => {
      release()
      reject(startFailure(command, error, options.env.PATH))
    })
    child.once('exit', (code, signal) => {
      release()
      resolve(signal ? {signal} : {code: code ?? 0})
    })
  })
}
