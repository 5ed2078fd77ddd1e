import {displayPath} from '../io/paths.js'
import {DEFAULT_SECTION, type CloktaCfg} from './clokta-cfg.js'
import {SETTINGS, type SettingName} from './setting-specs.js'

export interface Resolved {
  values: Partial<Record<SettingName, string>>
  /** where each value came from, for --debug and for error messages */
  sources: Partial<Record<SettingName, string>>
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
  const file = displayPath(cfg.path)
  for (const spec of SETTINGS) {
    const candidates: [string | undefined, string][] = [
      [spec.flag ? flags[spec.flag] : undefined, `--${spec.flag}`],
      ...spec.env.map((name): [string | undefined, string] => [env[name], `environment variable ${name}`]),
      ...(spec.cfgKey
        ? ([
            [cfg.doc.get(profile, spec.cfgKey), `[${profile}] in ${file}`],
            [cfg.doc.get(DEFAULT_SECTION, spec.cfgKey), `[${DEFAULT_SECTION}] in ${file}`],
          ] as [string | undefined, string][])
        : []),
    ]
    const found = candidates.find(([value]) => value !== undefined && value.trim() !== '')
    if (found) {
      values[spec.name] = spec.name === 'password' ? found[0] : found[0]!.trim()
      sources[spec.name] = found[1]
    }
  }
  return {values, sources}
}
