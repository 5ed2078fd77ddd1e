import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import {DEFAULT_SECTION, type CloktaCfg} from './clokta-cfg.js'
import {SETTINGS, settingSpec, type SettingName} from './setting-specs.js'

export type Origin = 'flag' | 'env' | 'chain' | 'profile' | 'default' | 'aws-config' | 'prompt'

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
  /** the profile's section of ~/.aws/config, the last place looked */
  awsProfile?: Record<string, string>
  /**
   * Set for the source profile of a chain by the profile at its top (its session TTL,
   * say): below what this run gives, above what the source profile says for itself.
   */
  inherited?: Partial<Record<SettingName, {value: string; source: string}>>
  /** only these settings (a value nobody needs is not read, so a bad `%` in it breaks nothing); all by default */
  only?: readonly SettingName[]
}

/** The single place where precedence lives: flag > environment > (a chain's top profile) > [profile] > [DEFAULT] > ~/.aws/config. */
export function resolveSettings({profile, flags, env, cfg, awsProfile, inherited, only}: ResolveInput): Resolved {
  const values: Resolved['values'] = {}
  const sources: Resolved['sources'] = {}
  const origins: Resolved['origins'] = {}
  const file = displayPath(cfg.path)
  for (const spec of SETTINGS) {
    if (only && !only.includes(spec.name)) continue
    // Each candidate is read only if the ones before it gave nothing, as the original
    // clokta read clokta.cfg only for what the environment left open: a bad `%` in a
    // value the environment overrides is not an error.
    type Candidate = [() => string | undefined, string, Origin]
    const cfgKeys = [spec.cfgKey, ...(spec.cfgAliases ?? [])].filter((k): k is string => k !== undefined)
    const candidates: Candidate[] = [
      [() => (spec.flag ? flags[spec.flag] : undefined), `--${spec.flag}`, 'flag'],
      ...spec.env.map((name): Candidate => [() => env[name], `environment variable ${name}`, 'env']),
      [() => inherited?.[spec.name]?.value, inherited?.[spec.name]?.source ?? '', 'chain'],
      // a profile's section beats [DEFAULT] whichever of the setting's names either uses
      ...cfgKeys.map((key): Candidate => [() => cfg.own(profile, key), `[${profile}] in ${file}`, 'profile']),
      ...cfgKeys.map((key): Candidate => [() => cfg.inherited(profile, key), `[${DEFAULT_SECTION}] in ${file}`, 'default']),
      ...(spec.awsConfigKeys ?? []).map((key): Candidate => [
        () => awsProfile?.[key],
        `${key} of [profile ${profile}] in ~/.aws/config`,
        'aws-config',
      ]),
    ]
    for (const [read, source, origin] of candidates) {
      const value = read()
      if (value === undefined || value.trim() === '') continue
      // a password may begin or end with a space; nothing else should
      values[spec.name] = spec.secret ? value : value.trim()
      sources[spec.name] = source
      origins[spec.name] = origin
      break
    }
  }
  return {values, sources, origins}
}

/** One setting with where it came from; undefined when nothing gave it. */
export function resolvedSetting(r: Resolved, name: SettingName): {value: string; source: string; origin: Origin} | undefined {
  const value = r.values[name]
  if (value === undefined) return undefined
  const [source, origin] = [r.sources[name], r.origins[name]]
  // resolveSettings and the first-run answers set all three together
  if (source === undefined || origin === undefined) throw new CloktaError(`The setting ${name} has a value but no source.`, 'config')
  return {value, source, origin}
}

/** A setting the run cannot go on without, once every question has been asked. */
export function requiredSetting(r: Resolved, name: SettingName): {value: string; source: string; origin: Origin} {
  const setting = resolvedSetting(r, name)
  if (setting === undefined) throw new CloktaError(`No ${settingSpec(name).cfgKey ?? name} was given.`, 'input-missing')
  return setting
}
