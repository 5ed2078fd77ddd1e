import type {Terminal} from './terminal.js'

/** Shows that the tool is waiting (for a push approval, say) without flooding a log. */
export interface Spinner {
  update(text: string): void
  stop(finalLine?: string): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/**
 * A line cut to fit one row of `columns`, ending in … when cut. A line that wraps would
 * leave a row behind at each redraw (\r and erase-line reach only the last row), and one
 * exactly as wide as the terminal wraps on some terminals: so columns - 1.
 */
export function fitLine(line: string, columns: number | undefined): string {
  const room = (columns || 80) - 1
  const chars = Array.from(line)
  if (chars.length <= room) return line
  return room < 1 ? '' : chars.slice(0, room - 1).join('') + '…'
}

/** Off a terminal, each distinct message goes once to `say` (the prompter's, so -q keeps it: the user must know to look at the phone). */
export function startSpinner(text: string, terminal: Terminal | undefined, say: (line: string) => void): Spinner {
  if (!terminal) {
    // Off a terminal a spinner is noise: print each distinct message once.
    let last = ''
    const print = (t: string) => {
      if (t !== last) say(t)
      last = t
    }
    print(text)
    return {update: print, stop: (finalLine) => finalLine && print(finalLine)}
  }
  const out = terminal.output
  let frame = 0
  let current = text
  let stopped = false
  const draw = () => {
    // an answer that arrives after the wait was abandoned (Ctrl-C) must not draw over what follows
    if (!stopped) out.write(`\r\x1b[K${fitLine(`${FRAMES[frame++ % FRAMES.length]} ${current}`, out.columns)}`)
  }
  draw()
  const timer = setInterval(draw, 100)
  timer.unref()
  // a narrowed window must not wait for the next frame to lose its wrapped rows
  const stopWatching = terminal.onResize(draw)
  return {
    update(t) {
      current = t
      draw()
    },
    stop(finalLine) {
      stopped = true
      clearInterval(timer)
      stopWatching()
      out.write('\r\x1b[K' + (finalLine ? finalLine + '\n' : ''))
    },
  }
}
