import {DEFAULT_SECTION, type CloktaCfg} from '../config/clokta-cfg.js'
import {resolveSettings} from '../config/resolve-settings.js'
import {resolveRoleChain, type RoleChain} from '../config/role-chain.js'
import {webIdentityProfileOf} from '../config/web-identity-profile.js'
import {ssoProfileOf} from '../config/sso-profile.js'
import {isCloktaError} from '../errors.js'
import {hasRecord} from '../output/credential-record.js'
import type {SettingsReader} from './read-profile-settings.js'

/** A profile chained in ~/.aws/config, or undefined for a clokta (Okta) profile. */
export async function chainFor(profile: string, {world, updates}: SettingsReader): Promise<RoleChain | undefined> {
  const [awsConfig, cfg, credentials] = await Promise.all([world.awsConfig(), updates.cfg(), world.awsCredentials()])
  const keysOf = (p: string) => credentials.profile(p)
  // A profile clokta logged in through [DEFAULT]'s app has no section of its own; its keys
  // are clokta's (a record, a session token) unless someone has since put an IAM user's there.
  const loggedInByClokta = (p: string) => hasRecord(p) && (!keysOf(p).aws_access_key_id || !!keysOf(p).aws_session_token)
  return resolveRoleChain(profile, awsConfig, {
    // an IAM Identity Center profile is one clokta logs in, through the device sign-in
    isCloktaProfile: (p) =>
      cfg.hasSection(p) || loggedInByClokta(p) || ssoProfileOf(p, awsConfig) !== undefined || webIdentityProfileOf(p, awsConfig) !== undefined,
    hasStaticCredentials: (p) => !!keysOf(p).aws_access_key_id && !!keysOf(p).aws_secret_access_key,
    defaultApp: defaultApp(cfg, world.env),
  })
}

/** Whether a profile without a section of its own still has an app to log in through ([DEFAULT] or the environment). */
function defaultApp(cfg: CloktaCfg, env: NodeJS.ProcessEnv): boolean {
  try {
    return resolveSettings({profile: DEFAULT_SECTION, flags: {}, env, cfg, only: ['appUrl']}).values.appUrl !== undefined
  } catch (error) {
    // a value with a bad `%` is still an app URL; the login through it names the problem
    if (isCloktaError(error) && error.code === 'config') return true
    throw error
  }
}
