import {parseAppUrl} from '../config/app-url.js'
import {loadAwsConfig} from '../config/aws-config.js'
import {loadCloktaCfg, saveCloktaCfg} from '../config/clokta-cfg.js'
import {formatDuration, parseDuration} from '../config/duration.js'
import {askMissingSettings} from '../config/first-run.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import {resolveSettings, type Resolved} from '../config/resolve-settings.js'
import {settingSpec, type SettingName} from '../config/setting-specs.js'
import {CloktaError} from '../errors.js'
import {preferenceChoices, type FactorPreference} from '../idp/okta-classic/factor-catalog.js'
import type {Credentials} from '../model/credentials.js'
import type {SamlRole} from '../model/role.js'
import {checkCredentialsFile} from '../output/credentials-file.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import {getCredentials} from './get-credentials.js'

export interface LoginFlags {
  role?: string
  duration?: string
  mfa?: string
  mfaProvider?: string
  mfaFactorType?: string
  mfaCode?: string
  noDefaultRole: boolean
  pushTimeoutSeconds: number
}

export interface LoginOutcome {
  profile: string
  credentials: Credentials
  role: SamlRole
  durationSeconds: number
  written: string[]
}

function requestedDuration(resolved: Resolved): number | undefined {
  const raw = resolved.values.duration
  if (raw === undefined) return undefined
  const source = resolved.sources.duration!
  const seconds = parseDuration(raw, `The duration from ${source}`)
  if (seconds < MIN_DURATION || seconds > MAX_DURATION) {
    throw new CloktaError(
      `The duration from ${source} is ${formatDuration(seconds)}; AWS allows 15m to 12h (900 to 43200 seconds).`,
      'config',
    )
  }
  return seconds
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

/** One profile from settings to artefacts: config → login → role → STS → writers. */
export async function loginProfile(profile: string, flags: LoginFlags, deps: Deps): Promise<LoginOutcome> {
  validateProfileName(profile)
  const cfg = await loadCloktaCfg()
  const awsConfig = await loadAwsConfig(deps.env)
  const initial = resolveSettings({profile, flags: {role: flags.role, duration: flags.duration, mfa: flags.mfa}, env: deps.env, cfg})
  const durationSeconds = requestedDuration(initial)
  const appUrlFromSettings = initial.values.appUrl && parseAppUrl(initial.values.appUrl, initial.sources.appUrl!)
  // A file clokta could not update is reported now, not after the password and the push.
  await checkCredentialsFile()
  const {resolved, changes} = await askMissingSettings(profile, initial, cfg, deps.prompter, preferenceChoices())
  // Saved at once, as the original clokta did: a typo in the password must not cost the
  // other answers, and `clokta configure` corrects a wrong one.
  await saveCloktaCfg(changes, cfg.path)
  const {values, sources, origins} = resolved
  deps.log.secret(values.password)
  deps.log.secret(values.otpSecret)
  logSources(resolved, deps)
  const region = resolveRegion(profile, awsConfig, deps.env)
  deps.log.debug(`region=${region.value} (from ${region.source})`)

  const roleFromCfg = origins.role === 'profile' || origins.role === 'default'
  const result = await getCredentials(
    {
      okta: {
        appUrl: appUrlFromSettings || parseAppUrl(values.appUrl!, sources.appUrl!),
        username: values.username!,
        password: values.password,
        mfa: factorPreference(flags, resolved),
        mfaCode: flags.mfaCode,
        otpSecret: values.otpSecret ? {value: values.otpSecret, source: 'okta_onetimepassword_secret'} : undefined,
        pushTimeoutMs: flags.pushTimeoutSeconds * 1000,
      },
      role: {
        explicit: values.role && !roleFromCfg ? {value: values.role, source: sources.role!} : undefined,
        remembered: roleFromCfg ? values.role : undefined,
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
    region: region.known ? region.value : undefined,
    roleArn: result.role.roleArn,
  })
  if (result.chosenAtPrompt) await saveCloktaCfg([{section: profile, key: 'okta_aws_role_to_assume', value: result.role.roleArn}], cfg.path)
  return {profile, credentials: result.credentials, role: result.role, durationSeconds: result.durationSeconds, written}
}
