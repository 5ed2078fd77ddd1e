import {readFileSync} from 'node:fs'

/** The signals clokta passes on to the program it runs, instead of dying of them. */
export const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']

/** What a terminal sends to its whole foreground process group, the child included: Ctrl-C and Ctrl-\. */
const TERMINAL_SIGNALS = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT'])

/**
 * The child runs in clokta's own process group, so that it keeps the terminal (reads it, is
 * stopped by Ctrl-Z, gets Ctrl-C). A Ctrl-C therefore reaches both at once: passing it on
 * would make it two, and a program that cleans up on the first (aws s3 sync, terraform)
 * would be killed halfway by the second. So Ctrl-C and Ctrl-\ are passed on only when clokta
 * is not in the foreground of a terminal, where they can only have been sent to clokta alone
 * (`kill -INT`, a supervisor); SIGTERM and SIGHUP always are. Either way clokta lives on
 * until the child ends. (sudo tells a terminal's signal from a sent one by its si_code,
 * which Node does not expose; a `kill -INT` aimed at clokta while it holds the terminal's
 * foreground is the one case this leaves undelivered.)
 */
export function shouldForward(signal: NodeJS.Signals, inForeground: boolean): boolean {
  return !(TERMINAL_SIGNALS.has(signal) && inForeground)
}

/**
 * Whether this process is in its controlling terminal's foreground process group: on Linux
 * from /proc/self/stat (tty_nr set and tpgid = pgrp). Elsewhere, a terminal on stdin is taken
 * to mean the foreground, the usual case of someone at the keyboard.
 */
export function inForeground(stat = readStat): boolean {
  const fields = stat()
  if (fields === undefined) return process.stdin.isTTY
  return fields.ttyNr !== 0 && fields.tpgid === fields.pgrp
}

export interface ProcessStat {
  pgrp: number
  ttyNr: number
  tpgid: number
}

/** pgrp, tty_nr and tpgid from a /proc/<pid>/stat line (after the command name, which may hold anything but ends at the last ')'). */
export function parseStat(line: string): ProcessStat | undefined {
  const rest = line.slice(line.lastIndexOf(')') + 2).split(' ')
  // state ppid pgrp session tty_nr tpgid
  const [pgrp, ttyNr, tpgid] = [rest[2], rest[4], rest[5]].map(Number)
  return [pgrp, ttyNr, tpgid].every(Number.isInteger) ? {pgrp, ttyNr, tpgid} : undefined
}

function readStat(): ProcessStat | undefined {
  try {
    return parseStat(readFileSync('/proc/self/stat', 'utf8'))
  } catch {
    return undefined
  }
}
