import {existsSync} from 'node:fs'

import {exportLine, loginSummary, type SummaryOutcome} from '../cli/summary.js'
import {jsonText, loginJson} from '../cli/login-json.js'
import {cloktaCfgPath} from '../config/clokta-cfg.js'
import {shownName} from '../config/profile-name.js'
import {openWorld} from '../config/world.js'
import {stillValidFor} from '../flow/still-valid-for.js'
import {redact} from '../io/log.js'
import {fastLoginFlags, VALUE_FLAGS} from './credential-process.js'
import {parseFastFlags} from './parse-flags.js'

/** What a fast path prints, in order: to stdout (1) or stderr (2). */
export type FastOutput = [fd: 1 | 2, text: string][]

const SWITCHES = new Map([
  ['-q', 'quiet'],
  ['--quiet', 'quiet'],
  ['--json', 'json'],
  ['--no-session', 'noSession'],
] as const)

/**
 * `clokta -p X` (and `clokta login -p X`, a bare `clokta` with AWS_PROFILE) when the
 * profile's credentials are still valid, before oclif loads: the same lines the login
 * command prints then (see Login.run), or undefined for the full command. It serves one
 * profile with the flags that do not change that answer's output; several -p, --force,
 * --all-roles, -i, --debug, a missing clokta.cfg and anything not still valid go to the full
 * command. `args`: what follows `clokta` or `clokta login`.
 */
export async function stillValidLogin(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<FastOutput | undefined> {
  const parsed = parseFastFlags(args, VALUE_FLAGS, SWITCHES)
  // oclif's own debug output (DEBUG=*) is the full command's
  if (parsed === undefined || env.DEBUG !== undefined || env.CLOKTA_DEBUG !== undefined) return undefined
  const {values, switches} = parsed
  const [quiet, json] = [switches.has('quiet'), switches.has('json')]
  // --json excludes -q: oclif says so
  if (quiet && json) return undefined
  const profile = values.profile ?? (env.AWS_PROFILE?.trim() || undefined)
  if (profile === undefined || !existsSync(cloktaCfgPath())) return undefined
  let outcome: SummaryOutcome
  try {
    const valid = await stillValidFor(profile, fastLoginFlags(values, switches.has('noSession')), openWorld(env), now)
    if (valid === undefined) return undefined
    const {roleArn, ssoRole, credentials, written, chained} = valid
    outcome = {kind: 'still-valid', profile, roleArn, ...(ssoRole ? {ssoRole} : {}), credentials, written, chained}
  } catch {
    // a bad setting or an unreadable file: the full command reports it
    return undefined
  }
  // in Login.run's order: its log lines (stderr) are dropped by -q, as its logger drops them
  const output: FastOutput = []
  const info = (line: string) => quiet || output.push([2, redact(line) + '\n'])
  if (values.profile === undefined) info(`Using profile '${shownName(profile)}' from AWS_PROFILE`)
  if (json) output.push([1, jsonText(loginJson({outcomes: [outcome], failures: []}, (t) => t))])
  info(loginSummary([outcome], false, new Date(now)))
  if (quiet) output.push([1, exportLine(profile) + '\n'])
  return output
}
