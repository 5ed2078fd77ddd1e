import {constants} from 'node:os'

/** How the program clokta ran ended: its exit status, or the signal that killed it. */
export type ChildEnd = {code: number; signal?: undefined} | {signal: NodeJS.Signals; code?: undefined}

/** How clokta ends in turn: with the same status, or killed by the same signal (with 128 + n should it survive). */
export type Ending = {exitCode: number; raise?: undefined} | {raise: NodeJS.Signals; exitCode: number}

/**
 * Signals clokta can die of as the child did. The others end it with 128 + n, as a shell
 * reports them: Node ignores SIGPIPE, takes SIGUSR1 to start its inspector, and for the
 * signals that dump core (SIGSEGV, SIGABRT, SIGQUIT...) a core of clokta's would mislead
 * whoever looks for the child's.
 */
const RAISABLE = new Set<NodeJS.Signals>(['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGKILL', 'SIGUSR2', 'SIGALRM', 'SIGVTALRM', 'SIGPROF'])

export function endingFor(end: ChildEnd): Ending {
  if (end.signal === undefined) return {exitCode: end.code}
  const exitCode = 128 + constants.signals[end.signal]
  return RAISABLE.has(end.signal) ? {raise: end.signal, exitCode} : {exitCode}
}

/**
 * Ends clokta as the child ended. A signal is raised on clokta itself once its listeners are
 * gone (Node then restores the default action), so the shell or supervisor waiting sees what it
 * would have seen without clokta in between; should clokta still be alive shortly after, it
 * exits with 128 + n.
 */
export function endLikeChild(end: ChildEnd): Promise<never> {
  const ending = endingFor(end)
  if (ending.raise === undefined) process.exit(ending.exitCode)
  process.removeAllListeners(ending.raise)
  process.kill(process.pid, ending.raise)
  return new Promise(() => setTimeout(() => process.exit(ending.exitCode), 500))
}
