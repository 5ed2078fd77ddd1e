import {DEFAULT_SECTION, type CfgChange, type CloktaCfg} from '../config/clokta-cfg.js'
import {isValidProfileName, shownName, validateProfileName} from '../config/profile-name.js'
import {resolveRegion, type Region} from '../config/region.js'
import {resolveSettings, type Resolved} from '../config/resolve-settings.js'
import {cfgKey, type SettingName} from '../config/setting-specs.js'
import {profileKind} from '../config/profile-kind.js'
import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {SamlRole} from '../model/role.js'
import type {LoginRun} from './login-run.js'
import {samlBasis, type SamlPlan} from './login-profile.js'
import {accountNames, completeProfileSettings, readProfileSettings, type LoginFlags} from './profile-settings.js'
import type {StsApi} from '../sts/sts-client.js'
import {oktaSamlAssertion, samlDuration, samlRegion} from './sources/okta-saml.js'

export const DEFAULT_PROFILE_TEMPLATE = '{account}-{role}'

/** A profile name from the template: {account} (its name from [accounts], else its id), {account_id}, {role}. */
export function profileNameFor(template: string, role: SamlRole, names: Record<string, string>): string {
  const raw = template
    .replaceAll('{account}', names[role.accountId] ?? role.accountId)
    .replaceAll('{account_id}', role.accountId)
    .replaceAll('{role}', role.roleName)
  // names from IAM may hold characters a profile name cannot, or a `..` it must not
  return raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+/, '')
}

/**
 * What a later `clokta -p <generated>` needs to log in as this run did without asking:
 * the app and user, and the answers a first run would ask for (MFA factor, keychain);
 * the duration too, since credentials made for another one are not still valid.
 */
const CARRIED: readonly SettingName[] = ['appUrl', 'username', 'mfaPreference', 'savePassword', 'duration']

/**
 * The clokta.cfg changes that make `profile` log in to `role` through the settings this
 * run used: the role, and each carried setting that came from clokta.cfg (a value from
 * the environment or a flag is never saved) and that the profile's section would not
 * already give, by a key of its own or through [DEFAULT].
 */
export function generatedProfileSettings(profile: string, role: SamlRole, used: Resolved, cfg: CloktaCfg): CfgChange[] {
  const own = resolveSettings({profile, flags: {}, env: {}, cfg}).values
  const fromFile = (name: SettingName) => ['profile', 'default', 'prompt'].includes(used.origins[name] ?? '')
  const changes: CfgChange[] = CARRIED.flatMap((name) => {
    const value = used.values[name]
    return value !== undefined && fromFile(name) && own[name] !== value ? [{section: profile, key: cfgKey(name), value}] : []
  })
  if (own.role !== role.roleArn) changes.push({section: profile, key: cfgKey('role'), value: role.roleArn})
  return changes
}

/**
 * --all-roles: one Okta login through `profile`'s settings (without one: the environment
 * and [DEFAULT]), one SAML assertion, and a plan per role it offers, each named by the
 * template and remembering its role and app. Nothing is asked about roles. A role the
 * template cannot name (invalid, or the same name as another) is a failure of its own.
 */
export async function planAllRoles(
  profile: string | undefined,
  template: string,
  flags: LoginFlags,
  run: LoginRun,
): Promise<{plans: SamlPlan[]; failures: {profile: string; error: unknown}[]}> {
  if (profile !== undefined) validateProfileName(profile)
  const {deps, world} = run
  // [DEFAULT] read as a profile's section is just [DEFAULT]: what every profile inherits
  const settings = await readProfileSettings(profile ?? DEFAULT_SECTION, flags, run)
  const kind = profile === undefined ? undefined : profileKind(profile, settings.awsConfig, settings.resolved, settings.cfg.path).kind
  if (profile !== undefined && kind === 'sso') {
    throw new CloktaError(
      `--all-roles writes a profile for each role of an Okta app; ${shownName(profile)} is an IAM Identity Center profile.`,
      'usage',
      `List its accounts and roles with clokta sso accounts -p ${shownName(profile)}.`,
    )
  }
  if (profile !== undefined && kind === 'okta-web-identity') {
    throw new CloktaError(
      `--all-roles writes a profile for each role of an Okta app; ${shownName(profile)} assumes the one role_arn it names with an Okta ID token (okta_web_identity).`,
      'usage',
    )
  }
  if (profile === undefined && !settings.resolved.values.appUrl) {
    throw new CloktaError(
      `Which Okta app? Without -p, --all-roles uses okta_aws_app_url from the environment or from [DEFAULT] in ${displayPath(settings.cfg.path)}.`,
      'usage',
      'Or name a profile whose app to use: clokta -p <profile> --all-roles',
    )
  }
  const request = await completeProfileSettings(settings, flags, run)
  const {grant, assertion, sts} = await oktaSamlAssertion(request.okta, settings.region.value, run, [])
  // as it is now, first-run answers included
  const cfg = await run.updates.cfg()
  const names = accountNames(cfg)
  const durationSeconds = samlDuration(settings.askedSeconds, assertion, deps.log)
  const named = assertion.roles.map((role) => ({role, name: profileNameFor(template, role, names)}))
  const result: {plans: SamlPlan[]; failures: {profile: string; error: unknown}[]} = {plans: [], failures: []}
  for (const {role, name} of named) {
    const clash = named.filter((n) => n.name === name && n.role !== role)
    if (!isValidProfileName(name) || clash.length > 0) {
      const why = clash.length > 0 ? `also names ${clash.map((c) => c.role.roleArn).join(', ')}` : 'is not a valid profile name'
      const error = new CloktaError(
        `The profile template "${shownName(template)}" makes "${shownName(name)}" for ${role.roleArn}, which ${why}; skipped.`,
        'config',
      )
      result.failures.push({profile: name || role.roleArn, error})
      continue
    }
    let signing: {region: Region; sts: StsApi}
    try {
      signing = samlRegion(name, resolveRegion(name, settings.awsConfig, world.env), assertion, role, {region: settings.region.value, sts}, deps)
    } catch (error) {
      // a made profile's own region in ~/.aws/config is known only now, the role's partition too: that profile fails alone
      result.failures.push({profile: name, error})
      continue
    }
    result.plans.push({
      kind: 'saml',
      profile: name,
      roleArn: role.roleArn,
      username: request.username,
      grant,
      role,
      remember: generatedProfileSettings(name, role, settings.resolved, cfg),
      madeFor: samlBasis(settings),
      soleRole: assertion.roles.length === 1,
      durationSeconds,
      askedSeconds: settings.askedSeconds,
      region: signing.region,
      sts: signing.sts,
    })
  }
  return result
}
