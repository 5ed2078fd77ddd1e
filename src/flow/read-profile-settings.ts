import {join} from 'node:path'

import {parseAppUrl} from '../config/app-url.js'
import type {AwsConfig} from '../config/aws-config.js'
import type {CloktaCfg} from '../config/clokta-cfg.js'
import {formatDuration, parseDuration} from '../config/duration.js'
import {resolveRegion, type Region} from '../config/region.js'
import {resolvedSetting, resolveSettings, type Resolved, type ResolveInput} from '../config/resolve-settings.js'
import type {SettingName} from '../config/setting-specs.js'
import type {World} from '../config/world.js'
import {CloktaError} from '../errors.js'
import {cloktaDir} from '../io/paths.js'
import {MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'

/**
 * What a login reads before it asks anything: enough to decide whether credentials
 * already written still serve. Kept apart from the questions (profile-settings.ts) so the
 * credential_process fast path (src/fast) decides with this same code and loads nothing else.
 */

/** Where the settings come from: the run's files, and clokta.cfg with what the run changed so far. */
export interface SettingsReader {
  world: World
  updates: {cfg(): Promise<CloktaCfg>}
}

export interface LoginFlags {
  role?: string
  duration?: string
  assumeRoleTtl?: string
  mfa?: string
  mfaProvider?: string
  mfaFactorType?: string
  mfaCode?: string
  noDefaultRole: boolean
  pushTimeoutSeconds: number
  minRemaining?: string
  force: boolean
  noSession: boolean
  /** --engine: classic or idx */
  engine?: string
  /** --no-browser: a device login (Okta Identity Engine, IAM Identity Center) prints its URL and code only */
  noBrowser?: boolean
  /** never start a device login (a background refresh, where nobody watches for its code) */
  noDeviceLogin?: boolean
}

const DEFAULT_MIN_REMAINING = 600

/** Everything one profile's login needs, read once from flags, environment and files. */
export interface ProfileSettings {
  profile: string
  cfg: CloktaCfg
  awsConfig: AwsConfig
  /** what `resolved` was resolved from, for a setting resolved again with more to go on (a chain's hops) */
  input: ResolveInput
  resolved: Resolved
  /** the duration the settings ask for (flag, environment, clokta.cfg), undefined for the default */
  askedSeconds?: number
  minRemainingSeconds: number
  region: Region
  /** the .env and .sh that must exist for credentials to count as still valid */
  artefacts: string[]
}

function seconds(resolved: Resolved, name: 'duration' | 'refreshBefore' | 'assumeRoleTtl', range: [number, number]): number | undefined {
  const setting = resolvedSetting(resolved, name)
  if (setting === undefined) return undefined
  const what = {duration: 'duration', refreshBefore: 'refresh margin', assumeRoleTtl: 'assume-role TTL'}[name]
  const source = setting.source
  const value = parseDuration(setting.value, `The ${what} from ${source}`)
  if (value < range[0] || value > range[1]) {
    const allowed = name === 'refreshBefore' ? 'use 0 to 12h' : 'AWS allows 15m to 12h (900 to 43200 seconds)'
    throw new CloktaError(`The ${what} from ${source} is ${formatDuration(value)}; ${allowed}.`, 'config')
  }
  return value
}

export const assumeRoleTtlSeconds = (resolved: Resolved) => seconds(resolved, 'assumeRoleTtl', [MIN_DURATION, MAX_DURATION])

/** The settings as given, before any question: enough to decide whether a login is needed at all. */
export async function readProfileSettings(
  profile: string,
  flags: LoginFlags,
  {world, updates}: SettingsReader,
  inherited?: ResolveInput['inherited'],
): Promise<ProfileSettings> {
  const cfg = await updates.cfg()
  const awsConfig = await world.awsConfig()
  const flagValues = {
    role: flags.role,
    duration: flags.duration,
    mfa: flags.mfa,
    'min-remaining': flags.minRemaining,
    'assume-role-ttl': flags.assumeRoleTtl,
    engine: flags.engine,
  }
  const input: ResolveInput = {profile, flags: flagValues, env: world.env, cfg, awsProfile: awsConfig.profile(profile), inherited}
  const resolved = resolveSettings(input)
  const askedSeconds = seconds(resolved, 'duration', [MIN_DURATION, MAX_DURATION])
  const minRemainingSeconds = seconds(resolved, 'refreshBefore', [0, MAX_DURATION]) ?? DEFAULT_MIN_REMAINING
  assumeRoleTtlSeconds(resolved)
  const appUrl = resolvedSetting(resolved, 'appUrl')
  if (appUrl?.value) parseAppUrl(appUrl.value, appUrl.source)
  const region = resolveRegion(profile, awsConfig, world.env)
  const artefacts = [join(cloktaDir(), `${profile}.env`), join(cloktaDir(), `${profile}.sh`)]
  return {profile, cfg, awsConfig, input, resolved, askedSeconds, minRemainingSeconds, region, artefacts}
}

/** A value given for this run (flag or environment), as opposed to one remembered in a file. */
export const explicit = (r: Resolved, name: SettingName) => (r.origins[name] === 'flag' || r.origins[name] === 'env' ? r.values[name] : undefined)
