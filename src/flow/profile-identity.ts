import {parseAppUrl} from '../config/app-url.js'
import type {AwsConfig} from '../config/aws-config.js'
import {profileKind, type ProfileKind} from '../config/profile-kind.js'
import {shownName, validateProfileName} from '../config/profile-name.js'
import {resolveSettings} from '../config/resolve-settings.js'
import type {World} from '../config/world.js'
import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'

/**
 * The Okta org and username a profile logs in as: what its keychain secrets are kept
 * under. Read as the login reads them (environment over the profile over [DEFAULT]),
 * without asking, since forgetting or keeping a secret must not start a first run. A
 * profile chained in ~/.aws/config logs in as the clokta profile at the bottom of its chain.
 */
export async function profileIdentity(asked: string, world: World): Promise<{org: URL; username: string}> {
  validateProfileName(asked)
  const [cfg, awsConfig] = await Promise.all([world.cfg(), world.awsConfig()])
  const profile = bottomOfChain(asked, awsConfig)
  const {appUrl, username} = resolveSettings({profile, flags: {}, env: world.env, cfg, only: ['appUrl', 'username']}).values
  if (!appUrl || !username) {
    const via = profile === asked ? '' : ` (the source of ${asked})`
    throw new CloktaError(
      `Profile ${shownName(profile)}${via} has no Okta app URL or username in ${displayPath(cfg.path)}.`,
      'config',
      'clokta configure --list shows the profiles.',
    )
  }
  return {org: new URL(parseAppUrl(appUrl, `[${profile}] in ${displayPath(cfg.path)}`).origin), username: username.trim()}
}

/**
 * How the profile a login of `asked` would log in (the one at the bottom of its chain) logs
 * in, decided as the login decides it, from the settings that decide it.
 */
export async function loginKindOf(asked: string, world: World): Promise<{profile: string; kind: ProfileKind}> {
  validateProfileName(asked)
  const [cfg, awsConfig] = await Promise.all([world.cfg(), world.awsConfig()])
  const profile = bottomOfChain(asked, awsConfig)
  const only = ['oktaWebIdentity', 'orgUrl', 'oidcClientId', 'roleArn', 'appUrl'] as const
  return {profile, kind: profileKind(profile, awsConfig, resolveSettings({profile, flags: {}, env: world.env, cfg, only}), cfg.path)}
}

/** The profile at the bottom of a chain of ~/.aws/config (role_arn + source_profile), the one that logs in; the profile itself when it is no chain. */
export function bottomOfChain(asked: string, awsConfig: AwsConfig): string {
  let profile = asked
  // chained first, whatever clokta.cfg holds for it, as the login decides (resolveRoleChain)
  for (const seen = new Set([asked]); ;) {
    const section = awsConfig.profile(profile)
    const source = section?.role_arn !== undefined ? section.source_profile : undefined
    if (source === undefined || seen.has(source)) return profile
    seen.add(source)
    profile = source
  }
}
