import type {Terminal} from './terminal.js'

/** Shows that the tool is waiting (for a push approval, say) without flooding a log. */
export interface Spinner {
  update(text: string): void
  stop(finalLine?: string): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

export function startSpinner(text: string, terminal: Terminal | undefined): Spinner {
  if (!terminal) {
    // Off a terminal a spinner is noise: print each distinct message once.
    let last = ''
    const print = (t: string) => {
      if (t !== last) process.stderr.write(t + '\n')
      last = t
    }
    print(text)
    return {update: print, stop: (finalLine) => finalLine && print(finalLine)}
  }
  const out = terminal.output
  let frame = 0
  let current = text
  const draw = () => out.write(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${current}`)
  draw()
  const timer = setInterval(draw, 100)
  timer.unref()
  return {
    update(t) {
      current = t
      draw()
    },
    stop(finalLine) {
      clearInterval(timer)
      out.write('\r\x1b[K' + (finalLine ? finalLine + '\n' : ''))
    },
  }
}
