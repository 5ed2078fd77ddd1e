import {checkAppUrl, parseAppUrl} from '../config/app-url.js'
import {parseBoolean} from '../config/booleans.js'
import {ACCOUNTS_SECTION, DEFAULT_SECTION, saveCloktaCfg, type CfgChange, type CloktaCfg} from '../config/clokta-cfg.js'
import {formatDuration, parseDuration} from '../config/duration.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveSettings} from '../config/resolve-settings.js'
import type {SettingName} from '../config/setting-specs.js'
import {CloktaError, isCloktaError} from '../errors.js'
import {isFactorName, preferenceChoices} from '../idp/okta-classic/factor-catalog.js'
import {displayPath} from '../io/paths.js'
import {MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'
import {ssoProfileOf} from '../config/sso-profile.js'
import type {World} from '../config/world.js'
import type {Deps} from './deps.js'

export interface ConfigureFlags {
  appUrl?: string
  username?: string
  mfa?: string
  duration?: string
}

export interface ProfileRow {
  profile: string
  appUrl?: string
  role?: string
  /** an Okta web identity profile's org (okta_web_identity = true): it has a role_arn, no app */
  webIdentityOrg?: string
}

/**
 * A setting as clokta.cfg gives it to the profile (its section, then [DEFAULT]): what
 * configure shows and edits is the file, whatever the environment says today.
 */
function fromFile(cfg: CloktaCfg, profile: string, name: SettingName): {value: string; own: boolean} | undefined {
  const resolved = resolveSettings({profile, flags: {}, env: {}, cfg, only: [name]})
  const value = resolved.values[name]
  return value === undefined ? undefined : {value, own: resolved.origins[name] === 'profile'}
}

/** A listing shows what the file says: a word that is neither true nor false is the login's to refuse. */
function isTrue(raw: string): boolean {
  try {
    return parseBoolean(raw, 'okta_web_identity')
  } catch {
    return false
  }
}

/**
 * Profiles of clokta.cfg with their app URLs (inherited from [DEFAULT] when the section has
 * none); an IAM Identity Center profile's section only remembers its role, and shows where
 * it signs in instead.
 */
export async function listProfiles(world: World): Promise<{path: string; rows: ProfileRow[]}> {
  const cfg = await world.cfg()
  // a ~/.aws/config that does not parse lists clokta.cfg's profiles all the same
  const awsConfig = await world.awsConfig().catch(() => undefined)
  const ssoStart = (profile: string) => {
    try {
      return awsConfig && ssoProfileOf(profile, awsConfig)?.startUrl
    } catch {
      return undefined
    }
  }
  const rows = cfg
    .sections()
    .filter((s) => s !== DEFAULT_SECTION && s !== ACCOUNTS_SECTION)
    .map((profile): ProfileRow => {
      const web = fromFile(cfg, profile, 'oktaWebIdentity')
      if (web && isTrue(web.value))
        return {profile, webIdentityOrg: fromFile(cfg, profile, 'orgUrl')?.value, role: fromFile(cfg, profile, 'roleArn')?.value}
      const role = fromFile(cfg, profile, 'role')
      const start = ssoStart(profile)
      const appUrl = start ? `IAM Identity Center ${start}` : fromFile(cfg, profile, 'appUrl')?.value
      return {profile, appUrl, role: role?.own ? role.value : undefined}
    })
  return {path: cfg.path, rows}
}

function checkDuration(raw: string): string | true {
  if (raw.trim() === '') return true
  try {
    const s = parseDuration(raw, 'The duration')
    return (s >= MIN_DURATION && s <= MAX_DURATION) || `AWS allows 15m to 12h; ${formatDuration(s)} is outside that.`
  } catch (error) {
    return (error as Error).message
  }
}

/** A value clokta.cfg holds but cannot read (a bad `%`) is one configure may replace, not one that stops it. */
function unlessUnreadable(read: () => string | undefined): string | undefined {
  try {
    return read()
  } catch (error) {
    if (isCloktaError(error) && error.code === 'config') return undefined
    throw error
  }
}

/**
 * A key lives where it already is; otherwise shared keys go to [DEFAULT], as the first run
 * puts them, unless another profile takes a different value from there: configuring one
 * profile must not change who the others log in as.
 */
function sectionFor(cfg: CloktaCfg, profile: string, key: string, value: string, deps: Deps): string {
  if (cfg.has(profile, key)) return profile
  const shared = unlessUnreadable(() => cfg.own(DEFAULT_SECTION, key))
  if (shared === undefined || shared === value) return DEFAULT_SECTION
  const others = cfg.sections().filter((s) => s !== profile && s !== DEFAULT_SECTION && s !== ACCOUNTS_SECTION && !cfg.has(s, key))
  if (others.length === 0) return DEFAULT_SECTION
  deps.log.info(`${key} = ${value} is set for ${profile} only; [DEFAULT] keeps ${shared} for ${others.join(', ')}.`)
  return profile
}

/**
 * `clokta configure`: asks again for a profile's settings with the current values as the
 * defaults, or, given flags, sets just those without asking (for scripts).
 */
export async function configureProfile(
  profile: string,
  flags: ConfigureFlags,
  deps: Deps,
  world: World,
): Promise<{path: string; changes: CfgChange[]}> {
  validateProfileName(profile)
  const cfg = await world.cfg()
  const current = (name: SettingName) => unlessUnreadable(() => fromFile(cfg, profile, name)?.value)
  const fromFlags = Object.values(flags).some((v) => v !== undefined)
  const web = current('oktaWebIdentity')
  // an app URL would conflict with okta_web_identity, and it has no user or factor to ask for
  if (web !== undefined && isTrue(web) && (!fromFlags || flags.appUrl !== undefined || flags.username !== undefined || flags.mfa !== undefined)) {
    throw new CloktaError(
      `Profile ${profile} has okta_web_identity = true: clokta configure sets up profiles of an Okta AWS app (SAML); edit okta_org_url, okta_oidc_client_id and role_arn in [${profile}] of ${displayPath(cfg.path)} (--duration alone may be set here).`,
      'usage',
    )
  }
  const {prompter} = deps
  if (!fromFlags && !prompter.interactive) {
    throw new CloktaError(
      'clokta configure asks its questions in a terminal; without one, give the settings as flags.',
      'input-missing',
      'Flags: --app-url, --username, --mfa, --duration.',
    )
  }
  const provide = 'pass it as a flag'
  const ask = async (name: SettingName, message: string, validate: (v: string) => string | true): Promise<string | undefined> => {
    if (fromFlags) return undefined
    return prompter.input({message, subject: message.toLowerCase(), provide, initial: current(name), validate})
  }
  const rawUrl = flags.appUrl ?? (await ask('appUrl', 'Okta App URL', checkAppUrl))
  const username = flags.username ?? (await ask('username', 'Okta username', (v) => v.trim() !== '' || 'The username cannot be empty.'))
  const choices = preferenceChoices()
  // A preference kept as an alias or factor type (`sms`, `token:software:totp`) stays a
  // choice of its own, so that Enter keeps it rather than picking the first factor.
  const currentMfa = current('mfaPreference')
  const label = choices.find((c) => c.toLowerCase() === currentMfa?.toLowerCase())
  const kept = currentMfa && !label ? [{name: currentMfa, message: `${currentMfa} (as now)`}] : []
  const mfa =
    flags.mfa ??
    (fromFlags
      ? undefined
      : await prompter.select({
          message: 'Preferred MFA',
          subject: 'the preferred MFA factor',
          provide,
          choices: [...kept, ...choices.map((name) => ({name, message: name}))],
          initial: label ?? (kept.length ? currentMfa : undefined),
        }))
  const duration = flags.duration ?? (await ask('duration', "Duration (empty: the Okta app's, else 12h)", checkDuration))

  if (mfa !== undefined && !isFactorName(mfa)) {
    throw new CloktaError(`"${mfa}" is not an MFA factor clokta knows; use one of: ${choices.join(', ')}.`, 'config')
  }
  const changes: CfgChange[] = []
  if (rawUrl !== undefined)
    changes.push({section: profile, key: 'okta_aws_app_url', value: parseAppUrl(rawUrl, flags.appUrl ? '--app-url' : 'the prompt').href})
  if (username !== undefined)
    changes.push({section: sectionFor(cfg, profile, 'okta_username', username.trim(), deps), key: 'okta_username', value: username.trim()})
  if (mfa !== undefined)
    changes.push({section: sectionFor(cfg, profile, 'multifactor_preference', mfa.trim(), deps), key: 'multifactor_preference', value: mfa.trim()})
  if (duration !== undefined) {
    const check = checkDuration(duration)
    if (check !== true) throw new CloktaError(check, 'config')
    changes.push({section: profile, key: 'duration', value: duration.trim() === '' ? undefined : duration.trim()})
  }
  // only a role remembered for this profile: one [DEFAULT] gives every profile is not this profile's to drop
  const role = unlessUnreadable(() => {
    const remembered = fromFile(cfg, profile, 'role')
    return remembered?.own ? remembered.value : undefined
  })
  if (role && !fromFlags) {
    const keep = await prompter.confirm({message: `Keep the remembered role ${role}?`, subject: 'whether to keep the role', provide, initial: true})
    if (!keep) changes.push({section: profile, key: 'okta_aws_role_to_assume', value: undefined})
  }
  await saveCloktaCfg(changes, cfg.path)
  deps.log.info(`Saved profile ${profile} in ${displayPath(cfg.path)}.`)
  return {path: cfg.path, changes}
}
