import {join} from 'node:path'

import {parseAppUrl} from '../config/app-url.js'
import {loadAwsConfig} from '../config/aws-config.js'
import {parseBoolean} from '../config/booleans.js'
import {loadCloktaCfg, saveCloktaCfg} from '../config/clokta-cfg.js'
import {formatDuration, parseDuration} from '../config/duration.js'
import {askMissingSettings} from '../config/first-run.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import {resolveSettings, type Resolved} from '../config/resolve-settings.js'
import {settingSpec, type SettingName} from '../config/setting-specs.js'
import {CloktaError} from '../errors.js'
import {preferenceChoices, type FactorPreference} from '../idp/okta-classic/factor-catalog.js'
import {cloktaDir} from '../io/paths.js'
import type {Credentials} from '../model/credentials.js'
import type {SamlRole} from '../model/role.js'
import {readCredentialsSection} from '../output/credentials-file.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import {getCredentials} from './get-credentials.js'
import {stillValidCredentials} from './still-valid.js'

export interface LoginFlags {
  role?: string
  duration?: string
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

export type LoginOutcome =
  | {kind: 'logged-in'; profile: string; credentials: Credentials; role: SamlRole; durationSeconds: number; written: string[]}
  | {kind: 'still-valid'; profile: string; expiration: Date; written: string[]}

const DEFAULT_MIN_REMAINING = 600

function seconds(resolved: Resolved, name: 'duration' | 'refreshBefore', range: [number, number]): number | undefined {
  const raw = resolved.values[name]
  if (raw === undefined) return undefined
  const source = resolved.sources[name]!
  const value = parseDuration(raw, `The ${name === 'duration' ? 'duration' : 'refresh margin'} from ${source}`)
  if (value < range[0] || value > range[1]) {
    const allowed = name === 'duration' ? 'AWS allows 15m to 12h (900 to 43200 seconds)' : 'use 0 to 12h'
    throw new CloktaError(`The ${name === 'duration' ? 'duration' : 'refresh margin'} from ${source} is ${formatDuration(value)}; ${allowed}.`, 'config')
  }
  return value
}

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

const explicit = (r: Resolved, name: SettingName) => (r.origins[name] === 'flag' || r.origins[name] === 'env' ? r.values[name] : undefined)

/** One profile from settings to artefacts: config → (still valid?) → login → role → STS → writers. */
export async function loginProfile(profile: string, flags: LoginFlags, deps: Deps): Promise<LoginOutcome> {
  validateProfileName(profile)
  const cfg = await loadCloktaCfg()
  const awsConfig = await loadAwsConfig(deps.env)
  const flagValues = {role: flags.role, duration: flags.duration, mfa: flags.mfa, 'min-remaining': flags.minRemaining}
  const initial = resolveSettings({profile, flags: flagValues, env: deps.env, cfg})
  const durationSeconds = seconds(initial, 'duration', [MIN_DURATION, MAX_DURATION])
  const minRemainingSeconds = seconds(initial, 'refreshBefore', [0, MAX_DURATION]) ?? DEFAULT_MIN_REMAINING
  const appUrlFromSettings = initial.values.appUrl && parseAppUrl(initial.values.appUrl, initial.sources.appUrl!)
  // A file clokta could not update is reported now, not after the password and the push.
  await readCredentialsSection(profile)

  const region = resolveRegion(profile, awsConfig, deps.env)
  const knownRegion = region.known ? region.value : undefined
  const artefacts = [join(cloktaDir(), `${profile}.env`), join(cloktaDir(), `${profile}.sh`)]
  if (!flags.force && !flags.noDefaultRole) {
    const valid = await stillValidCredentials({
      profile,
      minRemainingSeconds,
      explicitRole: explicit(initial, 'role'),
      now: deps.clock.now(),
      artefacts,
      askedSeconds: durationSeconds,
      region: knownRegion,
    })
    if (valid) return {kind: 'still-valid', profile, expiration: new Date(valid.expiration), written: artefacts}
  }

  const {resolved, changes} = await askMissingSettings(profile, initial, cfg, deps.prompter, {
    mfaChoices: preferenceChoices(),
    keychain: deps.keychain,
  })
  // Saved at once, as the original clokta did: a typo in the password must not cost the
  // other answers, and `clokta configure` corrects a wrong one.
  await saveCloktaCfg(changes, cfg.path)
  const {values, sources, origins} = resolved
  deps.log.secret(values.password)
  deps.log.secret(values.otpSecret)
  logSources(resolved, deps)
  deps.log.debug(`region=${region.value} (from ${region.source})`)

  const result = await getCredentials(
    {
      okta: {
        okta: {
          appUrl: appUrlFromSettings || parseAppUrl(values.appUrl!, sources.appUrl!),
          username: values.username!,
          mfa: factorPreference(flags, resolved),
          mfaCode: flags.mfaCode,
          otpSecret: values.otpSecret ? {value: values.otpSecret, source: 'okta_onetimepassword_secret'} : undefined,
          pushTimeoutMs: flags.pushTimeoutSeconds * 1000,
        },
        password: values.password,
        keepPassword: values.savePassword !== undefined && parseBoolean(values.savePassword, `save_password_in_keychain (from ${sources.savePassword})`),
        reuseSession: !flags.noSession,
      },
      role: {
        explicit: explicit(resolved, 'role') !== undefined ? {value: values.role!, source: sources.role!} : undefined,
        remembered: origins.role === 'profile' || origins.role === 'default' ? values.role : undefined,
        ignoreRemembered: flags.noDefaultRole,
      },
      durationSeconds,
      region: region.value,
    },
    deps,
  )
  const written = await writeArtefacts({
    profile,
    credentials: result.credentials,
    region: knownRegion,
    roleArn: result.role.roleArn,
    askedSeconds: durationSeconds,
  })
  if (result.chosenAtPrompt) await saveCloktaCfg([{section: profile, key: 'okta_aws_role_to_assume', value: result.role.roleArn}], cfg.path)
  return {kind: 'logged-in', profile, credentials: result.credentials, role: result.role, durationSeconds: result.durationSeconds, written}
}
