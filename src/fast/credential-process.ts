import {openWorld} from '../config/world.js'
import type {LoginFlags} from '../flow/read-profile-settings.js'
import {stillValidFor} from '../flow/still-valid-for.js'
import {credentialProcessJson} from '../output/process-json.js'
import {parseFastFlags} from './parse-flags.js'

/**
 * `clokta credential-process` with still-valid credentials, before oclif or anything heavy
 * loads: the AWS CLI runs it for every command. Whatever it is not sure of goes to the full
 * command, which logs in, asks, or says what is wrong.
 */

type ValueFlag = 'profile' | 'role' | 'duration' | 'assumeRoleTtl' | 'minRemaining' | 'mfa'

/** The command's flags that take a value; the flags that only matter to a login (--mfa-code...) send the run to it. */
export const VALUE_FLAGS: ReadonlyMap<string, ValueFlag> = new Map([
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

/** A login's flags from what a fast path parsed: the defaults oclif would give the rest. */
export function fastLoginFlags(values: Partial<Record<ValueFlag, string>>, noSession: boolean): LoginFlags {
  const {role, duration, assumeRoleTtl, minRemaining, mfa} = values
  return {role, duration, assumeRoleTtl, minRemaining, mfa, noSession, noDefaultRole: false, force: false, pushTimeoutSeconds: 60}
}

/** The arguments after `credential-process`, or undefined for anything oclif should parse (and report on). */
export function parseFastArgs(args: string[]): FastRequest | undefined {
  const parsed = parseFastFlags(args, VALUE_FLAGS, new Map([['--no-session', 'noSession' as const]]))
  const profile = parsed?.values.profile
  if (parsed === undefined || profile === undefined) return undefined
  return {profile, flags: fastLoginFlags(parsed.values, parsed.switches.has('noSession'))}
}

/** The JSON to print when the profile's credentials still serve, else undefined (the full command runs). */
export async function stillValidJson(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<string | undefined> {
  const request = parseFastArgs(args)
  if (request === undefined) return undefined
  try {
    const valid = await stillValidFor(request.profile, request.flags, openWorld(env), now)
    return valid && credentialProcessJson(valid.credentials)
  } catch {
    // a bad setting or an unreadable file: the full command reports it as a login would
    return undefined
  }
}
