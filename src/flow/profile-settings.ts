import {parseAppUrl} from '../config/app-url.js'
import {parseBoolean} from '../config/booleans.js'
import {ACCOUNTS_SECTION, DEFAULT_SECTION, type CloktaCfg} from '../config/clokta-cfg.js'
import {askMissingSettings} from '../config/first-run.js'
import {requiredSetting, resolvedSetting, type Resolved} from '../config/resolve-settings.js'
import {settingSpec, type SettingName} from '../config/setting-specs.js'
import {preferenceChoices, type FactorPreference} from '../idp/okta-classic/factor-catalog.js'
import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {RoleRequest} from '../saml/choose-role.js'
import type {Deps} from './deps.js'
import type {LoginRun} from './login-run.js'
import {oktaEngine, type EngineChoice} from './okta-engine.js'
import type {OktaGrantRequest} from './okta-logins.js'
import {explicit, type LoginFlags, type ProfileSettings} from './read-profile-settings.js'

export {assumeRoleTtlSeconds, explicit, readProfileSettings, type LoginFlags, type ProfileSettings} from './read-profile-settings.js'

function logSources(resolved: Resolved, deps: Deps): void {
  for (const [name, value] of Object.entries(resolved.values) as [SettingName, string][]) {
    const spec = settingSpec(name)
    deps.log.debug(`${spec.cfgKey ?? spec.env[0]}=${spec.secret ? '****' : value} (from ${resolved.sources[name]})`)
  }
}

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
export async function completeProfileSettings(s: ProfileSettings, flags: LoginFlags, {deps, updates, writes}: LoginRun): Promise<LoginRequest> {
  const chosenEngine = resolvedSetting(s.resolved, 'engine')
  const engine = chosenEngine?.value ? engineChoice(chosenEngine.value, chosenEngine.source) : undefined
  const withClient = !!resolvedSetting(s.resolved, 'oidcClientId')?.value.trim()
  const {resolved, changes} = await askMissingSettings(s.profile, s.resolved, s.cfg, deps.prompter, {
    mfaChoices: preferenceChoices(),
    keychain: deps.keychain,
    // an Identity Engine org's device login asks for neither a factor nor a password
    passwordless: async (url) =>
      engine?.value === 'idx' ||
      (withClient && engine === undefined && (await oktaEngine(new URL(parseAppUrl(url, 'the app URL').origin), undefined, deps, writes)) === 'idx'),
  })
  updates.add(changes)
  s.resolved = resolved
  const {values, sources, origins} = resolved
  const [appUrl, username, otpSecret, role, oidcClientId] = [
    requiredSetting(resolved, 'appUrl'),
    requiredSetting(resolved, 'username'),
    resolvedSetting(resolved, 'otpSecret'),
    resolvedSetting(resolved, 'role'),
    resolvedSetting(resolved, 'oidcClientId'),
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
      engine,
      oidcClientId: oidcClientId?.value.trim() || undefined,
      openBrowser: !flags.noBrowser,
      deviceLogin: !flags.noDeviceLogin,
    },
    role: {
      explicit: role && explicit(resolved, 'role') !== undefined ? {value: role.value, source: role.source} : undefined,
      remembered: origins.role === 'profile' || origins.role === 'default' ? values.role : undefined,
      ignoreRemembered: flags.noDefaultRole,
      accountNames: accountNames(s.cfg),
    },
  }
}

/** okta_engine / --engine: classic or idx (v1, the org's own name for Classic, too). */
function engineChoice(value: string, source: string): EngineChoice {
  const v = value.trim().toLowerCase()
  if (v === 'classic' || v === 'v1') return {value: 'classic', source}
  if (v === 'idx') return {value: 'idx', source}
  throw new CloktaError(`The Okta engine from ${source} is "${value}"; use classic or idx (Identity Engine).`, 'config')
}

/** "environment variable okta_onetimepassword_secret", or which file and section the seed is in */
const seedSource = (source: string) => (source.includes('okta_onetimepassword_secret') ? source : `okta_onetimepassword_secret of ${source}`)

/** The [accounts] section of clokta.cfg: account id → the name people call it. */
export function accountNames(cfg: CloktaCfg): Record<string, string> {
  return cfg.entries(ACCOUNTS_SECTION)
}
