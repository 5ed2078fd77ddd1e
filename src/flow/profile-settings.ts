import {join} from 'node:path'

import {parseAppUrl} from '../config/app-url.js'
import type {AwsConfig} from '../config/aws-config.js'
import {parseBoolean} from '../config/booleans.js'
import {ACCOUNTS_SECTION, DEFAULT_SECTION, type CloktaCfg} from '../config/clokta-cfg.js'
import {formatDuration, parseDuration} from '../config/duration.js'
import {askMissingSettings} from '../config/first-run.js'
import {resolveRegion, type Region} from '../config/region.js'
import {requiredSetting, resolvedSetting, resolveSettings, type Resolved, type ResolveInput} from '../config/resolve-settings.js'
import {settingSpec, type SettingName} from '../config/setting-specs.js'
import {CloktaError} from '../errors.js'
import {preferenceChoices, type FactorPreference} from '../idp/okta-classic/factor-catalog.js'
import {cloktaDir, displayPath} from '../io/paths.js'
import type {RoleRequest} from '../saml/choose-role.js'
import {MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import type {LoginRun} from './login-run.js'
import type {OktaGrantRequest} from './okta-logins.js'

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

function logSources(resolved: Resolved, deps: Deps): void {
  for (const [name, value] of Object.entries(resolved.values) as [SettingName, string][]) {
    const spec = settingSpec(name)
    deps.log.debug(`${spec.cfgKey ?? spec.env[0]}=${spec.secret ? '****' : value} (from ${resolved.sources[name]})`)
  }
}

/** The settings as given, before any question: enough to decide whether a login is needed at all. */
export async function readProfileSettings(
  profile: string,
  flags: LoginFlags,
  {world, updates}: LoginRun,
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

/** --mfa-provider/--mfa-factor-type (aws-okta's flags) come with --mfa as one preference from the command line. */
function factorPreference(flags: LoginFlags, resolved: Resolved): FactorPreference {
  if (flags.mfaProvider || flags.mfaFactorType) {
    return {value: flags.mfa, provider: flags.mfaProvider, factorType: flags.mfaFactorType, source: 'the --mfa flags'}
  }
  return {value: resolved.values.mfaPreference, source: resolved.sources.mfaPreference}
}

export interface LoginRequest {
  okta: OktaGrantRequest
  role: RoleRequest
  username: string
}

/**
 * Asks for what is missing (first run) and saves the answers at once, as the original
 * clokta did: a typo in the password must not cost the other answers, and
 * `clokta configure` corrects a wrong one. Returns what the Okta login and the role
 * choice need.
 */
export async function completeProfileSettings(s: ProfileSettings, flags: LoginFlags, {deps, updates}: LoginRun): Promise<LoginRequest> {
  const {resolved, changes} = await askMissingSettings(s.profile, s.resolved, s.cfg, deps.prompter, {
    mfaChoices: preferenceChoices(),
    keychain: deps.keychain,
  })
  updates.add(changes)
  s.resolved = resolved
  const {values, sources, origins} = resolved
  const [appUrl, username, otpSecret, role] = [
    requiredSetting(resolved, 'appUrl'),
    requiredSetting(resolved, 'username'),
    resolvedSetting(resolved, 'otpSecret'),
    resolvedSetting(resolved, 'role'),
  ]
  deps.log.secret(values.password)
  deps.log.secret(values.otpSecret)
  logSources(resolved, deps)
  deps.log.debug(`region=${s.region.value} (from ${s.region.source})`)
  return {
    username: username.value,
    okta: {
      okta: {
        appUrl: parseAppUrl(appUrl.value, appUrl.source),
        username: username.value,
        mfa: factorPreference(flags, resolved),
        mfaCode: flags.mfaCode,
        otpSecret: otpSecret?.value ? {value: otpSecret.value, source: seedSource(otpSecret.source)} : undefined,
        pushTimeoutMs: flags.pushTimeoutSeconds * 1000,
      },
      password: values.password,
      keepPassword:
        values.savePassword !== undefined && parseBoolean(values.savePassword, `save_password_in_keychain (from ${sources.savePassword})`),
      stopKeepingPassword: async () => {
        if (origins.savePassword === 'env' || origins.savePassword === 'flag') return undefined
        const section = origins.savePassword === 'profile' ? s.profile : DEFAULT_SECTION
        updates.add([{section, key: 'save_password_in_keychain', value: 'False'}])
        return `[${section}] of ${displayPath(s.cfg.path)}`
      },
      reuseSession: !flags.noSession,
    },
    role: {
      explicit: role && explicit(resolved, 'role') !== undefined ? {value: role.value, source: role.source} : undefined,
      remembered: origins.role === 'profile' || origins.role === 'default' ? values.role : undefined,
      ignoreRemembered: flags.noDefaultRole,
      accountNames: accountNames(s.cfg),
    },
  }
}

/** "environment variable okta_onetimepassword_secret", or which file and section the seed is in */
const seedSource = (source: string) => (source.includes('okta_onetimepassword_secret') ? source : `okta_onetimepassword_secret of ${source}`)

/** The [accounts] section of clokta.cfg: account id → the name people call it. */
export function accountNames(cfg: CloktaCfg): Record<string, string> {
  return cfg.entries(ACCOUNTS_SECTION)
}
