import {openWorld} from '../config/world.js'
import {stillValidFor} from '../flow/still-valid-for.js'
import type {LoginFlags} from '../flow/read-profile-settings.js'
import {credentialProcessJson} from '../output/process-json.js'

/**
 * `clokta credential-process` with still-valid credentials, before oclif or anything heavy
 * loads: the AWS CLI runs it for every command. bin/run.cjs loads this file bundled into
 * one CommonJS file (dist/fast/credential-process.cjs), so its imports must stay the pure
 * modules test/unit/layering.test.ts allows. Whatever it is not sure of goes to the full
 * command, which logs in, asks, or says what is wrong.
 */

type ValueFlag = 'profile' | 'role' | 'duration' | 'assumeRoleTtl' | 'minRemaining' | 'mfa'

/** The command's flags that take a value; the flags that only matter to a login (--mfa-code...) send the run to it. */
const VALUE_FLAGS = new Map<string, ValueFlag>([
  ['-p', 'profile'],
  ['--profile', 'profile'],
  ['--role', 'role'],
  ['--duration', 'duration'],
  ['--session-ttl', 'duration'],
  ['--assume-role-ttl', 'assumeRoleTtl'],
  ['--min-remaining', 'minRemaining'],
  ['--mfa', 'mfa'],
])

export interface FastRequest {
  profile: string
  flags: LoginFlags
}

/** The arguments after `credential-process`, or undefined for anything oclif should parse (and report on). */
export function parseFastArgs(args: string[]): FastRequest | undefined {
  const values: Partial<Record<ValueFlag, string>> = {}
  let noSession = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--no-session') {
      noSession = true
      continue
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const name = VALUE_FLAGS.get(eq > 0 ? arg.slice(0, eq) : arg)
    const value = eq > 0 ? arg.slice(eq + 1) : args.at(++i)
    // a repeated flag, a missing value or one that looks like a flag: oclif says what is wrong
    if (name === undefined || value === undefined || value.startsWith('-') || values[name] !== undefined) return undefined
    values[name] = value
  }
  if (values.profile === undefined) return undefined
  const {profile, ...rest} = values
  return {profile, flags: {...rest, noSession, noDefaultRole: false, force: false, pushTimeoutSeconds: 60}}
}

/** The JSON to print when the profile's credentials still serve, else undefined (the full command runs). */
export async function stillValidJson(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<string | undefined> {
  const request = parseFastArgs(args)
  if (request === undefined) return undefined
  try {
    const credentials = await stillValidFor(request.profile, request.flags, openWorld(env), now)
    return credentials && credentialProcessJson(credentials)
  } catch {
    // a bad setting or an unreadable file: the full command reports it as a login would
    return undefined
  }
}
