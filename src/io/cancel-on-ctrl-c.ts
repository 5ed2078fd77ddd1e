import {CloktaError} from '../errors.js'

/**
 * Runs `work` with Ctrl-C turned into "Cancelled." (exit 130). While no question shows (the
 * app page loading, STS answering) Ctrl-C reaches the process as SIGINT, which by default
 * kills it without a word. Here a SIGINT that nobody else takes in hand aborts `signal` and
 * rejects at once, so the caller keeps what the run learned and writes nothing more; the
 * work still in flight is abandoned, not waited for. Whoever listens for SIGINT themselves
 * (a push being waited for, a write being finished or rolled back) is left to handle it.
 * A second Ctrl-C, after this returns, kills the process as usual.
 */
export async function cancelOnCtrlC<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  let onSigint = () => {}
  const cancelled = new Promise<never>((_, reject) => {
    onSigint = () => {
      if (process.listenerCount('SIGINT') > 1) return
      // first, so that the race below is won by "Cancelled.", not by the work's own abort error
      reject(new CloktaError('Cancelled.', 'cancelled'))
      controller.abort()
    }
  })
  process.on('SIGINT', onSigint)
  const running = work(controller.signal)
  // once cancelled, how the work ends is of no interest
  running.catch(() => {})
  try {
    return await Promise.race([running, cancelled])
  } finally {
    process.off('SIGINT', onSigint)
  }
}
