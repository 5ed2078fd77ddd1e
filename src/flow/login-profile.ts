import {parseAppUrl} from '../config/app-url.js'
import {loadAwsConfig} from '../config/aws-config.js'
import {loadCloktaCfg, saveCloktaCfg, type CfgChange} from '../config/clokta-cfg.js'
import {formatDuration, parseDuration} from '../config/duration.js'
import {askMissingSettings} from '../config/first-run.js'
import {validateProfileName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import {resolveSettings, type Resolved} from '../config/resolve-settings.js'
import {settingSpec} from '../config/setting-specs.js'
import {CloktaError} from '../errors.js'
import type {Credentials} from '../model/credentials.js'
import type {SamlRole} from '../model/role.js'
import {writeArtefacts} from '../output/write-artefacts.js'
import {MAX_DURATION, MIN_DURATION} from '../sts/assume-role-with-saml.js'
import type {Deps} from './deps.js'
import {getCredentials} from './get-credentials.js'

export interface LoginFlags {
  role?: string
  duration?: string
  mfa?: string
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
  for (const [name, value] of Object.entries(resolved.values)) {
    const key = settingSpec(name as keyof Resolved['values']).cfgKey ?? settingSpec(name as keyof Resolved['values']).env[0]
    deps.log.debug(`${key}=${name === 'password' ? '****' : value} (from ${resolved.sources[name as keyof Resolved['sources']]})`)
  }
}

/** One profile from settings to artefacts: config → login → role → STS → writers. */
export async function loginProfile(profile: string, flags: LoginFlags, deps: Deps): Promise<LoginOutcome> {
  validateProfileName(profile)
  const cfg = await loadCloktaCfg()
  const awsConfig = await loadAwsConfig(deps.env)
  const initial = resolveSettings({profile, flags: {role: flags.role, duration: flags.duration, mfa: flags.mfa}, env: deps.env, cfg})
  const durationSeconds = requestedDuration(initial)
  const appUrlFromSettings = initial.values.appUrl && parseAppUrl(initial.values.appUrl, initial.sources.appUrl!)
  const {resolved, changes} = await askMissingSettings(profile, initial, cfg, deps.prompter)
  const {values, sources} = resolved
  deps.log.secret(values.password)
  logSources(resolved, deps)
  const region = resolveRegion(profile, awsConfig, deps.env)
  deps.log.debug(`region=${region.value} (from ${region.source})`)

  const roleFromCfg = sources.role?.includes('clokta.cfg') ?? false
  const result = await getCredentials(
    {
      okta: {
        appUrl: appUrlFromSettings || parseAppUrl(values.appUrl!, sources.appUrl!),
        username: values.username!,
        password: values.password,
        mfa: {value: values.mfaPreference, source: sources.mfaPreference},
        mfaCode: flags.mfaCode,
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
  // Answers are saved once Okta and AWS accepted them, so a mistyped username is asked again.
  const toSave: CfgChange[] = [...changes]
  if (result.chosenAtPrompt) toSave.push({section: profile, key: 'okta_aws_role_to_assume', value: result.role.roleArn})
  await saveCloktaCfg(toSave, cfg.path)
  return {profile, credentials: result.credentials, role: result.role, durationSeconds: result.durationSeconds, written}
}
