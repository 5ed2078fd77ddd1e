import {CloktaError} from '../errors.js'
import {validateProfileName} from '../config/profile-name.js'
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
  // names from IAM may hold characters a profile name cannot
  return raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '')
}

/**
 * --all-roles: one Okta login through `profile`'s settings, one SAML assertion, and a plan
 * per role it offers, each named by the template. Nothing is asked about roles.
 */
export async function planAllRoles(profile: string, template: string, flags: LoginFlags, deps: Deps): Promise<SamlPlan[]> {
  validateProfileName(profile)
  const settings = await readProfileSettings(profile, flags, deps)
  const request = await completeProfileSettings(settings, flags, deps)
  const {grant, assertion, sts} = await samlAssertionFor(request.okta, settings.region.value, deps)
  const names = accountNames(settings.cfg)
  const durationSeconds = samlDuration(settings.askedSeconds, assertion, deps.log)
  const plans = assertion.roles.map((role): SamlPlan => {
    const name = profileNameFor(template, role, names)
    try {
      validateProfileName(name)
    } catch {
      throw new CloktaError(`The profile template "${template}" makes "${name}" for ${role.roleArn}, which is not a valid profile name.`, 'config')
    }
    const region = resolveRegion(name, settings.awsConfig, deps.env)
    return {
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
    }
  })
  const clash = plans.find((p, i) => plans.findIndex((q) => q.profile === p.profile) !== i)
  if (clash) {
    throw new CloktaError(`The profile template "${template}" gives two roles the name ${clash.profile}.`, 'config', 'Use {account_id} or {role} in --profile-template.')
  }
  return plans
}
