import {stillValidJson} from './credential-process.js'
import {stillValidEnv} from './env.js'
import {stillValidLogin, type FastOutput} from './login.js'

export type {FastOutput} from './login.js'

/**
 * The one entry of the fast bundle (dist/fast/fast.cjs) that bin/run.cjs loads: what to print
 * for a run it can serve with still-valid credentials, or undefined for the full command. The
 * routing is bin/oclif.cjs's: a run that starts with a flag (not help or version) is the login
 * command, and so is a bare `clokta` when AWS_PROFILE is set.
 */
export async function fastOutput(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<FastOutput | undefined> {
  if (args.length === 0) return env.AWS_PROFILE?.trim() ? stillValidLogin([], env, now) : undefined
  const [first, ...rest] = args
  if (first === 'credential-process') {
    const json = await stillValidJson(rest, env, now)
    return json === undefined ? undefined : [[1, json]]
  }
  if (first === 'env') return stillValidEnv(rest, env, now)
  if (first === 'login') return stillValidLogin(rest, env, now)
  if (first.startsWith('-') && !['--help', '-h', '--version'].includes(first)) return stillValidLogin(args, env, now)
  return undefined
}
