import {CloktaError} from '../errors.js'
import {isValidProfileName, validateProfileName} from '../config/profile-name.js'
import {resolveRegion} from '../config/region.js'
import type {SamlRole} from '../model/role.js'
import type {Deps} from './deps.js'
import {samlAssertionFor, samlDuration} from './get-credentials.js'
import {samlBasis, type SamlPlan} from './login-profile.js'
import {accountNames, completeProfileSettings, readProfileSettings, type LoginFlags} from './profile-settings.js'

export const DEFAULT_PROFILE_TEMPLATE = '{account}-{role}'

/** A profile name from the template: {account} (its name from [accounts], else its id), {account_id}, {role}. */
export function profileNameFor(template: string, role: SamlRole, names: Record<string, string>): string {
  const raw = template
    .replaceAll('{account}', names[role.accountId] ?? role.accountId)
    .replaceAll('{account_id}', role.accountId)
    .replaceAll('{role}', role.roleName)
  // names from IAM may hold characters a profile name cannot, or a `..` it must not
  return raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[.-]+/, '')
}

/**
 * --all-roles: one Okta login through `profile`'s settings, one SAML assertion, and a plan
 * per role it offers, each named by the template. Nothing is asked about roles. A role
 * the template cannot name (invalid, or the same name as another) is a failure of its own.
 */
export async function planAllRoles(
  profile: string,
  template: string,
  flags: LoginFlags,
  deps: Deps,
): Promise<{plans: SamlPlan[]; failures: {profile: string; error: unknown}[]}> {
  validateProfileName(profile)
  const settings = await readProfileSettings(profile, flags, deps)
  const request = await completeProfileSettings(settings, flags, deps)
  const {grant, assertion, sts} = await samlAssertionFor(request.okta, settings.region.value, deps)
  const names = accountNames(settings.cfg)
  const durationSeconds = samlDuration(settings.askedSeconds, assertion, deps.log)
  const named = assertion.roles.map((role) => ({role, name: profileNameFor(template, role, names)}))
  const result: {plans: SamlPlan[]; failures: {profile: string; error: unknown}[]} = {plans: [], failures: []}
  for (const {role, name} of named) {
    const clash = named.filter((n) => n.name === name && n.role !== role)
    if (!isValidProfileName(name) || clash.length > 0) {
      const why = clash.length > 0 ? `also names ${clash.map((c) => c.role.roleArn).join(', ')}` : 'is not a valid profile name'
      const error = new CloktaError(`The profile template "${template}" makes "${name}" for ${role.roleArn}, which ${why}; skipped.`, 'config')
      result.failures.push({profile: name || role.roleArn, error})
      continue
    }
    const region = resolveRegion(name, settings.awsConfig, deps.env)
    result.plans.push({
      profile: name,
      username: request.username,
      grant,
      role,
      chosenAtPrompt: false,
      madeFor: samlBasis(settings),
      soleRole: assertion.roles.length === 1,
      durationSeconds,
      askedSeconds: settings.askedSeconds,
      region,
      cfgPath: settings.cfg.path,
      sts: region.value === settings.region.value ? sts : deps.sts(region.value),
    })
  }
  return result
}
