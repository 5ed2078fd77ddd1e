/** What a shell reports for a process these signals ended: 128 + the signal's number. */
export const SIGNAL_EXIT_STATUS = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const
export type EndingSignal = keyof typeof SIGNAL_EXIT_STATUS
const ENDING_SIGNALS = Object.keys(SIGNAL_EXIT_STATUS) as EndingSignal[]

/**
 * Runs `work` (a write of the user's files, milliseconds long) with Ctrl-C, SIGTERM and
 * SIGHUP held off: killed halfway, a write would leave temp files holding live keys and a
 * lock file behind. A signal that arrives meanwhile is handed to `then` once `work` has
 * finished (or failed and cleaned up after itself); `then` tidies up and ends the process
 * (exitOnSignal).
 */
export async function holdingOffSignals<T>(work: () => Promise<T>, then: (signal: EndingSignal) => Promise<void>): Promise<T> {
  let caught: EndingSignal | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    caught ??= signal as EndingSignal
  }
  for (const s of ENDING_SIGNALS) process.on(s, onSignal)
  try {
    return await work()
  } finally {
    for (const s of ENDING_SIGNALS) process.off(s, onSignal)
    if (caught !== undefined) await then(caught)
  }
}

/** Ends the process as the signal would have, with one line saying why, after a write it let finish. */
export function exitOnSignal(signal: EndingSignal): never {
  process.stderr.write(`clokta: Stopped by ${signal}; the files being written were finished first.\n`)
  process.exit(SIGNAL_EXIT_STATUS[signal])
}
