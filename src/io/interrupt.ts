/** The user pressed Ctrl-C while `whileCatchingCtrlC` ran. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted')
    this.name = 'Interrupted'
  }
}

/**
 * Runs `work` with Ctrl-C caught. Outside a prompt the terminal is not in raw mode, so
 * Ctrl-C reaches the process as SIGINT, which would kill it on the spot; while `work`
 * runs, SIGINT instead aborts `work`'s signal and rejects with Interrupted at once, so that
 * the caller can tidy up (tell Okta the login is abandoned) and say so. Ctrl-C is caught
 * before `work` starts, so whatever it shows first (a spinner) can be interrupted. A second
 * Ctrl-C, after this returns, kills the process as usual.
 */
export async function whileCatchingCtrlC<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  let onSigint = () => {}
  const interrupted = new Promise<never>((_, reject) => {
    onSigint = () => {
      // first, so that the race below is won by Interrupted, not by the work's own abort error
      reject(new Interrupted())
      controller.abort()
    }
  })
  process.once('SIGINT', onSigint)
  const running = work(controller.signal)
  // once interrupted, how the work ends (an abort error, say) is of no interest
  running.catch(() => {})
  try {
    return await Promise.race([running, interrupted])
  } finally {
    process.off('SIGINT', onSigint)
  }
}
