import {parseAppUrl} from '../config/app-url.js'
import {loadAwsConfig} from '../config/aws-config.js'
import {loadCloktaCfg} from '../config/clokta-cfg.js'
import {validateProfileName} from '../config/profile-name.js'
import {CloktaError} from '../errors.js'
import {displayPath} from '../io/paths.js'
import type {Deps} from './deps.js'

/**
 * The Okta org and username a profile logs in as: what its keychain secrets are kept
 * under. Read as the login reads them (environment over the profile over [DEFAULT]),
 * without asking, since forgetting or keeping a secret must not start a first run. A
 * profile chained in ~/.aws/config logs in as the clokta profile at the bottom of its chain.
 */
export async function profileIdentity(asked: string, deps: Pick<Deps, 'env'>): Promise<{org: URL; username: string}> {
  validateProfileName(asked)
  const [cfg, awsConfig] = await Promise.all([loadCloktaCfg(), loadAwsConfig(deps.env)])
  let profile = asked
  // chained first, whatever clokta.cfg holds for it, as the login decides (resolveRoleChain)
  for (const seen = new Set([asked]); ;) {
    const section = awsConfig.profile(profile)
    const source = section?.role_arn !== undefined ? section.source_profile : undefined
    if (source === undefined || seen.has(source)) break
    seen.add(source)
    profile = source
  }
  const get = (key: string) => deps.env[key] || cfg.own(profile, key) || cfg.inherited(profile, key)
  const appUrl = get('okta_aws_app_url')
  const username = get('okta_username')
  if (!appUrl || !username) {
    const via = profile === asked ? '' : ` (the source of ${asked})`
    throw new CloktaError(
      `Profile ${profile}${via} has no Okta app URL or username in ${displayPath(cfg.path)}.`,
      'config',
      'clokta configure --list shows the profiles.',
    )
  }
  return {org: new URL(parseAppUrl(appUrl, `[${profile}] in ${displayPath(cfg.path)}`).origin), username: username.trim()}
}
