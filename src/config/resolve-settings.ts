import {displayPath} from '../io/paths.js'
import {DEFAULT_SECTION, type CloktaCfg} from './clokta-cfg.js'
import {SETTINGS, type SettingName} from './setting-specs.js'

export type Origin = 'flag' | 'env' | 'profile' | 'default' | 'prompt'

export interface Resolved {
  values: Partial<Record<SettingName, string>>
  /** where each value came from, in words, for --debug and for error messages */
  sources: Partial<Record<SettingName, string>>
  /** where each value came from, for code that treats a remembered value differently */
  origins: Partial<Record<SettingName, Origin>>
}

export interface ResolveInput {
  profile: string
  flags: Partial<Record<string, string | undefined>>
  env: NodeJS.ProcessEnv
  cfg: CloktaCfg
}

/** The single place where precedence lives: flag > environment > [profile] > [DEFAULT]. */
export function resolveSettings({profile, flags, env, cfg}: ResolveInput): Resolved {
  const values: Resolved['values'] = {}
  const sources: Resolved['sources'] = {}
  const origins: Resolved['origins'] = {}
  const file = displayPath(cfg.path)
  for (const spec of SETTINGS) {
    type Candidate = [string | undefined, string, Origin]
    const candidates: Candidate[] = [
      [spec.flag ? flags[spec.flag] : undefined, `--${spec.flag}`, 'flag'],
      ...spec.env.map((name): Candidate => [env[name], `environment variable ${name}`, 'env']),
      ...(spec.cfgKey
        ? ([
            [cfg.doc.get(profile, spec.cfgKey), `[${profile}] in ${file}`, 'profile'],
            [cfg.doc.get(DEFAULT_SECTION, spec.cfgKey), `[${DEFAULT_SECTION}] in ${file}`, 'default'],
          ] as Candidate[])
        : []),
    ]
    const found = candidates.find(([value]) => value !== undefined && value.trim() !== '')
    if (found) {
      // a password may begin or end with a space; nothing else should
      values[spec.name] = spec.secret ? found[0] : found[0]!.trim()
      sources[spec.name] = found[1]
      origins[spec.name] = found[2]
    }
  }
  return {values, sources, origins}
}
