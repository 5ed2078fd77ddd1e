import {existsSync} from 'node:fs'

import {cloktaCfgPath} from '../config/clokta-cfg.js'
import {shownName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import {openWorld} from '../config/world.js'
import {stillValidFor} from '../flow/still-valid-for.js'
import {redact} from '../io/log.js'
import {exportedVariables, PROFILE_VARIABLES} from '../output/child-environment.js'
import {ENV_FORMATS, renderEnvironment, type EnvFormat} from '../output/env-formats.js'
import {fastLoginFlags, VALUE_FLAGS} from './credential-process.js'
import type {FastOutput} from './login.js'
import {parseFastFlags} from './parse-flags.js'

const ENV_VALUE_FLAGS = new Map([...VALUE_FLAGS, ['--format', 'format' as const]])
const isFormat = (format: string): format is EnvFormat => (ENV_FORMATS as readonly string[]).includes(format)

/**
 * `clokta env` when the profile's credentials are still valid, before oclif loads: what the
 * env command prints then (see Env.run), or undefined for the full command. Eval'd by shells
 * (`eval "$(clokta env -p X)"`), it is as hot as credential-process. Its value flags and
 * --no-session are served; anything else (--force, --debug, an unknown --format, several -p),
 * a missing clokta.cfg, credentials that are not still valid, and a value a format refuses go
 * to the full command, which logs in or says what is wrong. `args`: what follows `clokta env`.
 */
export async function stillValidEnv(args: string[], env: NodeJS.ProcessEnv, now: number): Promise<FastOutput | undefined> {
  const parsed = parseFastFlags(args, ENV_VALUE_FLAGS, new Map([['--no-session', 'noSession' as const]]))
  // oclif's own debug output (DEBUG=*) is the full command's
  if (parsed === undefined || env.DEBUG !== undefined || env.CLOKTA_DEBUG !== undefined) return undefined
  const {values, switches} = parsed
  const format = values.format ?? 'sh'
  const profile = values.profile ?? (env.AWS_PROFILE?.trim() || undefined)
  if (!isFormat(format) || profile === undefined || !existsSync(cloktaCfgPath())) return undefined
  let text: string
  try {
    const world = openWorld(env)
    const valid = await stillValidFor(profile, fastLoginFlags(values, switches.has('noSession')), world, now)
    if (valid === undefined) return undefined
    const region = resolveRegion(profile, await world.awsConfig(), world.env)
    text = renderEnvironment(format, exportedVariables({credentials: valid.credentials, region}), PROFILE_VARIABLES)
  } catch {
    // a bad setting, an unreadable file or a value the format refuses: the full command reports it
    return undefined
  }
  const output: FastOutput = []
  if (values.profile === undefined) output.push([2, redact(`Using profile '${shownName(profile)}' from AWS_PROFILE`) + '\n'])
  output.push([1, text])
  return output
}
