import {createRequire} from 'node:module'

import type {CliResult} from './run-cli.js'

/**
 * The built CLI's oclif run (bin/oclif.cjs's runOclif: the routing, dist/'s commands), in this
 * process, with exactly `env` as its environment and its stdout, stderr and exit code caught,
 * as bin/run.js runs it in a child. For comparing many runs that need no terminal, no
 * signals and no second process with what another path prints, at a fraction of a child's
 * cost (a child is a node start and oclif's load each time). Runs one at a time: the
 * environment and the streams are this process's own.
 */
const {runOclif} = createRequire(import.meta.url)('../../bin/oclif.cjs') as {runOclif: (argv: string[]) => Promise<unknown>}

let running = Promise.resolve()

export function oclifInProcess(args: string[], env: Record<string, string>): Promise<CliResult> {
  const run = running.then(() => runWith(args, env))
  running = run.then(
    () => undefined,
    () => undefined,
  )
  return run
}

/** Listeners a run adds to this process's stdout and stderr (an EPIPE guard, say), which a child would take with it when it ends. */
function listenersAdded(): () => void {
  const streams = [process.stdout, process.stderr]
  const before = streams.map((s) => new Map(s.eventNames().map((e) => [e, s.listeners(e)])))
  return () =>
    streams.forEach((s, i) => {
      for (const event of s.eventNames()) {
        const kept = before[i].get(event) ?? []
        for (const listener of s.listeners(event)) if (!kept.includes(listener)) s.off(event, listener as (...a: unknown[]) => void)
      }
    })
}

async function runWith(args: string[], env: Record<string, string>): Promise<CliResult> {
  const removeAdded = listenersAdded()
  const savedEnv = {...process.env}
  const savedCode = process.exitCode
  // put back as they were
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const out = process.stdout.write
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const err = process.stderr.write
  let [stdout, stderr] = ['', '']
  const catcher = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      done?.()
      return true
    }) as typeof process.stdout.write
  for (const name of Object.keys(process.env)) delete process.env[name]
  Object.assign(process.env, env)
  process.exitCode = undefined
  process.stdout.write = catcher((s) => (stdout += s))
  process.stderr.write = catcher((s) => (stderr += s))
  try {
    await runOclif(args)
    return {code: Number(process.exitCode ?? 0), stdout, stderr}
  } finally {
    removeAdded()
    process.stdout.write = out
    process.stderr.write = err
    for (const name of Object.keys(process.env)) delete process.env[name]
    Object.assign(process.env, savedEnv)
    process.exitCode = savedCode
  }
}
