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
  /** false when the user asked for no colour (see wantsColour) */
  colour: boolean
  /** calls `listener` after the window changed size (output.columns is new then); returns how to stop */
  onResize(listener: () => void): () => void
  close(): void
}

/**
 * Colour unless NO_COLOR is set to something (no-color.org: an empty value does not count),
 * the terminal is dumb, or FORCE_COLOR=0 (the switch enquirer's colour library knows).
 */
export function wantsColour(env: NodeJS.ProcessEnv): boolean {
  return !env.NO_COLOR && env.TERM !== 'dumb' && env.FORCE_COLOR !== '0'
}

export function openTerminal(env: NodeJS.ProcessEnv = process.env): Terminal | undefined {
  const colour = wantsColour(env)
  try {
    // Two descriptors: each stream closes its own, so neither closes the other's.
    const input = new tty.ReadStream(openSync('/dev/tty', 'r'))
    const output = new tty.WriteStream(openSync('/dev/tty', 'w'))
    return {
      input,
      output,
      colour,
      onResize(listener) {
        // Node refreshes the size of its own stdout and stderr on SIGWINCH, not that of a stream opened here
        const refresh = () => {
          if (hasRefreshSize(output)) output._refreshSize()
        }
        process.on('SIGWINCH', refresh)
        output.on('resize', listener)
        return () => {
          process.off('SIGWINCH', refresh)
          output.off('resize', listener)
        }
      },
      close() {
        // a destroyed stream can no longer leave raw mode, and Node restores only stdin's on exit
        if (input.isRaw) input.setRawMode(false)
        input.destroy()
        output.destroy()
      },
    }
  } catch {
    if (process.stdin.isTTY && process.stderr.isTTY) {
      return {
        input: process.stdin,
        output: process.stderr,
        colour,
        onResize(listener) {
          process.stderr.on('resize', listener)
          return () => process.stderr.off('resize', listener)
        },
        close() {
          process.stdin.pause()
        },
      }
    }
    return undefined
  }
}

/** Node's tty.WriteStream re-reads its size in _refreshSize, an undocumented method: look before calling it. */
function hasRefreshSize(stream: object): stream is {_refreshSize(): void} {
  return '_refreshSize' in stream && typeof stream._refreshSize === 'function'
}
