import {openSync} from 'node:fs'
import tty from 'node:tty'

/**
 * The user's terminal, opened as /dev/tty rather than stdin/stdout, so that prompts and
 * spinners still reach the user when stdout is piped (credential_process, `$(clokta env)`).
 * Falls back to stdin + stderr when they are terminals but /dev/tty cannot be opened.
 */
export interface Terminal {
  input: tty.ReadStream
  output: tty.WriteStream
  close(): void
}

export function openTerminal(): Terminal | undefined {
  try {
    // Two descriptors: each stream closes its own, so neither closes the other's.
    const input = new tty.ReadStream(openSync('/dev/tty', 'r'))
    const output = new tty.WriteStream(openSync('/dev/tty', 'w'))
    return {
      input,
      output,
      close() {
        input.destroy()
        output.destroy()
      },
    }
  } catch {
    if (process.stdin.isTTY && process.stderr.isTTY) {
      return {
        input: process.stdin,
        output: process.stderr,
        close() {
          process.stdin.pause()
        },
      }
    }
    return undefined
  }
}
