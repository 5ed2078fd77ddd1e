/** What the guard needs of a terminal's input: its mode, and a way to set it. */
export interface ModalInput {
  isRaw: boolean
  setRawMode(raw: boolean): unknown
}

/** Signals that end the process while a question is showing, through no key of the user's. */
const ENDING_SIGNALS = ['SIGTERM', 'SIGHUP'] as const

/**
 * Keeps the terminal's mode as it was before a question, whatever ends it. enquirer leaves
 * raw mode on after Ctrl-C: readline turns raw mode off when it sees Ctrl-C, then enquirer
 * puts back the mode it noted after readline had already turned it on. Node restores the
 * terminal on exit only for stdin, stdout and stderr, so when all three are redirected and
 * the question is asked on /dev/tty, the user's shell would be left without echo. Returns
 * the release, which puts the mode back; until then exit and SIGTERM/SIGHUP put it back too.
 */
export function keepTerminalMode(input: ModalInput): () => void {
  const wasRaw = input.isRaw
  const restore = () => {
    if (input.isRaw !== wasRaw) input.setRawMode(wasRaw)
  }
  const onSignal = (signal: NodeJS.Signals) => {
    release()
    // the signal ends the run as it would have: unless someone else took it on, it is raised again
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  }
  const release = () => {
    process.off('exit', restore)
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal)
    restore()
  }
  process.on('exit', restore)
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal)
  return release
}
